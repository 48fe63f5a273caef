import Mechanisms
import Solvers

/// The game stage of a derandomized mechanism with the reports fixed
/// (docs/reconstructions.md#derandomization-methods): n agents each pick a move in `Z_m`, the seed is the sum mod m, agent i gets
/// `payoffs[i][s]`. Everything is exact (`Rational`).
///
/// ```
/// T_{−i} = distribution of Σ_{j≠i} g_j mod m           (iterated cyclic convolution, O(n·m²))
/// V_i(g) = Σ_t T_{−i}(t) · u_i((g + t) mod m)
/// regret_i = max_g V_i(g) − Σ_g σ_i(g) · V_i(g)           equilibrium ⇔ every regret is 0
/// ```
/// Properties (Lemma U): when one independent player is uniform, the seed is uniform
/// whatever the others do; so every profile with two uniform players is an equilibrium, and
/// uniform play guarantees the lottery value (maximin).
/// What does not hold: equilibria need not be unique; pure and one-uniform-player equilibria
/// exist when the relevant agents are indifferent (`otherEquilibria`).
public struct MoveGame: Sendable, Hashable {
    /// `payoffs[i][s]`: agent i's utility when the seed is s.
    public let payoffs: [[Rational]]

    public init(payoffs: [[Rational]]) { self.payoffs = payoffs }

    public var agents: Int { payoffs.count }
    public var modulus: Int { payoffs.first?.count ?? 0 }

    /// The game of `derandomizer` on `reports` (one move per agent: game first or game last),
    /// with `utility(agent, outcome)`.
    public init<M: UniformMixtureMechanism>(
        _ derandomizer: Derandomizer<M>, reports: [M.Report], utility: (Int, M.Outcome) throws -> Rational
    ) throws {
        guard try derandomizer.moveModuli(for: reports).count <= 1 else {
            throw DerandomizationError.unsupportedMethod(
                method: derandomizer.method.rawValue, mechanism: derandomizer.base.descriptor.id,
                reason: "the move game takes one move per agent; use game first for the same lottery")
        }
        let layout = try derandomizer.slotLayout(for: reports)
        payoffs = try (0..<reports.count).map { i in try layout.map { try utility(i, $0) } }
    }

    /// The uniform distribution on `Z_m`.
    public static func uniform(_ m: Int) -> [Rational] { Array(repeating: Rational(1, m), count: m) }

    /// The point mass on move `g`.
    public static func pure(_ g: Int, _ m: Int) -> [Rational] { (0..<m).map { $0 == g ? .one : .zero } }

    /// The distribution of `(x + y) mod m` for independent `x ~ a`, `y ~ b`.
    public static func convolve(_ a: [Rational], _ b: [Rational]) throws(RationalError) -> [Rational] {
        let m = a.count
        var out = Array(repeating: Rational.zero, count: m)
        for (x, p) in a.enumerated() where p != .zero {
            for (y, q) in b.enumerated() where q != .zero {
                out[(x + y) % m] = try out[(x + y) % m].adding(try p.multiplied(by: q))
            }
        }
        return out
    }

    /// The distribution of the others' total for agent i.
    public func othersTotal(_ strategies: [[Rational]], excluding i: Int) throws(RationalError) -> [Rational] {
        var t = MoveGame.pure(0, modulus)
        for (j, s) in strategies.enumerated() where j != i { t = try MoveGame.convolve(t, s) }
        return t
    }

    /// `V_i(g)` for every move g, the others playing `strategies`.
    public func moveValues(_ strategies: [[Rational]], agent i: Int) throws(RationalError) -> [Rational] {
        let t = try othersTotal(strategies, excluding: i)
        let m = modulus
        var values: [Rational] = []
        for g in 0..<m {
            var v = Rational.zero
            for (total, p) in t.enumerated() where p != .zero {
                v = try v.adding(try p.multiplied(by: payoffs[i][(g + total) % m]))
            }
            values.append(v)
        }
        return values
    }

    /// Agent i's expected payoff under `strategies`.
    public func value(_ strategies: [[Rational]], agent i: Int) throws(RationalError) -> Rational {
        let v = try moveValues(strategies, agent: i)
        var sum = Rational.zero
        for (g, p) in strategies[i].enumerated() { sum = try sum.adding(try p.multiplied(by: v[g])) }
        return sum
    }

    /// Every agent's regret (best-response value minus its value), exactly.
    public func regrets(_ strategies: [[Rational]]) throws(RationalError) -> [Rational] {
        var out: [Rational] = []
        for i in 0..<agents {
            let v = try moveValues(strategies, agent: i)
            var played = Rational.zero
            for (g, p) in strategies[i].enumerated() { played = try played.adding(try p.multiplied(by: v[g])) }
            out.append(try (v.max() ?? .zero).subtracting(played))
        }
        return out
    }

    /// True when every regret is exactly zero.
    public func isEquilibrium(_ strategies: [[Rational]]) throws(RationalError) -> Bool {
        try regrets(strategies).allSatisfy { $0 == .zero }
    }

    /// Agent i's lottery value `(1/m) Σ_s u_i(s)`: what uniform play guarantees.
    public func lotteryValue(agent i: Int) throws(RationalError) -> Rational {
        var sum = Rational.zero
        for u in payoffs[i] { sum = try sum.adding(u) }
        return try sum.divided(by: Rational(modulus))
    }

    /// The equilibria other than all-uniform play that the construction admits (one uniform player facing a
    /// known total, indifferent agents; docs/reconstructions.md#parity-game-per-task), found by
    /// enumeration: every pure profile, and every profile with exactly one uniform player and the
    /// others pure. Small games only (`m^n` profiles).
    public func otherEquilibria() throws(RationalError) -> [OtherEquilibrium] {
        let m = modulus, n = agents
        var profiles: [[Int]] = [[]]
        for _ in 0..<n { profiles = profiles.flatMap { p in (0..<m).map { p + [$0] } } }
        var out: [OtherEquilibrium] = []
        for p in profiles {
            let pure = p.map { MoveGame.pure($0, m) }
            if try isEquilibrium(pure) { out.append(OtherEquilibrium(uniformAgent: nil, pureMoves: p)) }
        }
        for j in 0..<n {
            for p in profiles where p[j] == 0 {
                var s = p.map { MoveGame.pure($0, m) }
                s[j] = MoveGame.uniform(m)
                if try isEquilibrium(s) { out.append(OtherEquilibrium(uniformAgent: j, pureMoves: p)) }
            }
        }
        return out
    }

    /// Maximin of the two-player game of agent `row` against one opponent who controls the rest
    /// of the seed (a two-player constant-sum seed game), through GLPK's exact method: value and an optimal strategy.
    public func maximin(agent row: Int) throws -> (value: Rational, strategy: [Rational]) {
        let m = modulus
        // Scale to integers so that the doubles handed to GLPK are exact.
        let scale = try integerScale(agent: row)
        let integer = payoffs[row].map { Double($0.numerator * (scale / $0.denominator)) }
        let payoff = (0..<m).map { a in (0..<m).map { b in integer[(a + b) % m] } }
        let solution = try MatrixGame.solveZeroSum(payoff: payoff, method: .exact)
        guard let exact = solution.exact else {
            throw LPError.inconsistentResult(solution.exactFailure ?? "no exact certificate for the maximin LP")
        }
        return (try exact.value.divided(by: Rational(numerator: scale, denominator: 1)), exact.rowStrategy)
    }
}

extension MoveGame {
    /// The range of each move's probability over the *set* of maximin strategies of agent `row`
    /// (a two-player constant-sum seed game): for every move a, `min x_a` and `max x_a` subject to
    /// `Σ_a' x_a' u((a' + b) mod m) >= v*` for every b, `Σ x = 1`, `x >= 0`, solved by GLPK's exact
    /// method on integer data (payoffs scaled by their common denominator, the constraint rows by
    /// v*'s denominator). Uniform play is the unique maximin strategy iff every range is [1/m, 1/m].
    public func maximinRanges(agent row: Int) throws -> [(min: Rational, max: Rational)] {
        let m = modulus
        let scale = try integerScale(agent: row)
        let integer = payoffs[row].map { $0.numerator * (scale / $0.denominator) }
        let value = try maximin(agent: row).value.multiplied(by: Rational(numerator: scale, denominator: 1))
        let q = value.denominator, p = value.numerator
        var out: [(min: Rational, max: Rational)] = []
        for a in 0..<m {
            var bounds: [Rational] = []
            for sense in [LinearProgram.Sense.minimize, .maximize] {
                var program = LinearProgram(sense: sense)
                for k in 0..<m { program.addVariable(lower: 0, name: "x\(k)", objective: k == a ? 1 : 0) }
                for b in 0..<m {
                    program.addConstraint((0..<m).map { ($0, Double(integer[($0 + b) % m] * q)) }, .greaterOrEqual(Double(p)), name: "column \(b)")
                }
                program.addConstraint((0..<m).map { ($0, 1.0) }, .equal(1), name: "probabilities")
                let solution = try GLPKSolver(method: .exact).solve(program)
                guard solution.status == .optimal, let exact = solution.exact else {
                    throw LPError.inconsistentResult(solution.exactFailure ?? "the maximin range LP is not optimal (\(solution.status))")
                }
                bounds.append(exact.objective)
            }
            out.append((bounds[0], bounds[1]))
        }
        return out
    }
}

extension MoveGame {
    /// The least common denominator of agent `row`'s payoffs, at most 2^40 so that the scaled
    /// payoffs stay exact in a `Double` for GLPK.
    func integerScale(agent row: Int) throws -> Int128 {
        var scale: Int128 = 1
        for u in payoffs[row] {
            scale = scale / SeedEncoding.gcd128(scale, u.denominator) * u.denominator
            guard scale <= 1 << 40 else { throw LPError.inconsistentResult("payoff denominators too large for an exact maximin LP") }
        }
        return scale
    }
}

/// A non-uniform equilibrium of a move game: pure moves, or one uniform player (its pure move
/// entry is then irrelevant and 0) with the others pure.
public struct OtherEquilibrium: Sendable, Hashable, CustomStringConvertible {
    public var uniformAgent: Int?
    public var pureMoves: [Int]

    public var description: String {
        if let j = uniformAgent { return "agent \(j) uniform, others pure \(pureMoves.enumerated().filter { $0.offset != j }.map(\.element))" }
        return "pure \(pureMoves)"
    }
}

extension MoveGame {
    /// A two-agent move game as a bimatrix game: agent 0 picks the row g0, agent 1 the column
    /// g1, and agent i gets `payoffs[i][(g0 + g1) mod m]`.
    public var bimatrix: (row: [[Rational]], column: [[Rational]])? {
        guard agents == 2 else { return nil }
        let m = modulus
        return ((0..<m).map { a in (0..<m).map { b in payoffs[0][(a + b) % m] } },
                (0..<m).map { a in (0..<m).map { b in payoffs[1][(a + b) % m] } })
    }

    /// Every equilibrium of a two-agent move game by support enumeration (`BimatrixGame`): all of
    /// them when the game is nondegenerate; when degeneracy is detected, the equilibria with
    /// equal-size supports and unique indifference solutions, not the continua. Nil for other
    /// numbers of agents (finding all equilibria of n ≥ 3 players is not a linear problem).
    public func twoAgentEquilibria() throws(BimatrixGame.GameError) -> BimatrixGame.Enumeration? {
        guard let (a, b) = bimatrix else { return nil }
        return try BimatrixGame.supportEnumeration(rowPayoffs: a, columnPayoffs: b)
    }
}
