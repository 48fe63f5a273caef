import Mechanisms
import Solvers

/// A profitable deviation from sincere reporting with uniform play (docs/reconstructions.md#quasi-strategyproofness).
public struct SincerityWitness<Report: Hashable & Sendable>: Sendable, Hashable {
    public var agent: Int
    public var misreport: Report
    /// The deviating agent's move (any move is as good when the others are uniform).
    public var move: Int
    public var equilibriumValue: Rational
    public var deviationValue: Rational
}

/// The verdict of the quasi-strategyproofness check on one instance.
public struct QuasiStrategyproofnessResult<Report: Hashable & Sendable>: Sendable, Hashable {
    /// Each agent's expected utility when everybody reports sincerely and plays uniformly.
    public var equilibriumValues: [Rational]
    /// The largest gain found, when some deviation gains (nil: sincere + uniform is an
    /// equilibrium over the deviation set).
    public var witness: SincerityWitness<Report>?
    /// How many (agent, report, move) deviations were evaluated.
    public var deviationsChecked: Int
    public var holds: Bool { witness == nil }
}

/// A seed on which a misreport beats the sincere report (the per-seed check).
public struct PerSeedWitness<Report: Hashable & Sendable>: Sendable, Hashable {
    public var seed: Int
    public var agent: Int
    public var misreport: Report
    public var sincereUtility: Rational
    public var misreportUtility: Rational
}

/// Exact checks of the derandomized mechanisms (docs/reconstructions.md#derandomized-mechanisms-walsh-2024): equilibrium with
/// report deviations (QSP), per-seed truthfulness, ex-post properties for every move vector and
/// move-responsiveness. Games with one move per agent (game first, game last).
public enum DerandomizedChecks {
    /// C4: for every agent i, with the others sincere and uniform, the best deviation over
    /// `deviations(i) × Z_{m'}` (m' the modulus of the deviated profile) against the sincere
    /// uniform value; exact.
    public static func quasiStrategyproofness<M: UniformMixtureMechanism>(
        _ dr: Derandomizer<M>, truth: [M.Report], deviations: (Int) -> [M.Report],
        utility: (Int, M.Outcome) throws -> Rational
    ) throws -> QuasiStrategyproofnessResult<M.Report> {
        let n = truth.count
        let game = try MoveGame(dr, reports: truth, utility: utility)
        let m = game.modulus
        let uniform = Array(repeating: MoveGame.uniform(m), count: n)
        let eq = try (0..<n).map { i in try game.value(uniform, agent: i) }
        var best: SincerityWitness<M.Report>?
        var bestGain = Rational.zero
        var checked = 0
        for i in 0..<n {
            for r in deviations(i) where r != truth[i] {
                var profile = truth
                profile[i] = r
                let dev = try MoveGame(dr, reports: profile, utility: utility)
                let md = dev.modulus
                let strategies = Array(repeating: MoveGame.uniform(md), count: n)
                let values = try dev.moveValues(strategies, agent: i)
                for (g, v) in values.enumerated() {
                    checked += 1
                    let gain = try v.subtracting(eq[i])
                    if gain > bestGain {
                        bestGain = gain
                        best = SincerityWitness(agent: i, misreport: r, move: g, equilibriumValue: eq[i], deviationValue: v)
                    }
                }
            }
        }
        return QuasiStrategyproofnessResult(equilibriumValues: eq, witness: best, deviationsChecked: checked)
    }

    /// Per-seed truthfulness (sincerity dominant in the report dimension): for every seed
    /// of a report-independent seed space, agent and misreport, the sincere report is at least as
    /// good. Returns the first violation, or nil.
    public static func perSeedTruthfulness<M: UniformMixtureMechanism>(
        _ m: M, truth: [M.Report], deviations: (Int) -> [M.Report], utility: (Int, M.Outcome) throws -> Rational
    ) throws -> PerSeedWitness<M.Report>? {
        let count = try m.seedCount(for: truth)
        let sincere = try m.slots(for: truth)
        for i in truth.indices {
            for r in deviations(i) where r != truth[i] {
                var profile = truth
                profile[i] = r
                guard try m.seedCount(for: profile) == count else { continue }
                let slots = try m.slots(for: profile)
                for s in 0..<count {
                    let a = try utility(i, sincere[s]), b = try utility(i, slots[s])
                    if b > a { return PerSeedWitness(seed: s, agent: i, misreport: r, sincereUtility: a, misreportUtility: b) }
                }
            }
        }
        return nil
    }

    /// Ex-post check: `property` holds for the outcome of every move vector (one move
    /// per agent, all `m^n` vectors). Returns the first violating move vector, or nil.
    public static func firstMoveVectorViolating<M: UniformMixtureMechanism>(
        _ dr: Derandomizer<M>, reports: [M.Report], property: (M.Outcome) -> Bool
    ) throws -> [Int]? {
        let moduli = try dr.moveModuli(for: reports)
        guard moduli.count == 1 else {
            throw DerandomizationError.unsupportedMethod(method: dr.method.rawValue, mechanism: dr.base.descriptor.id, reason: "the ex-post loop takes one move per agent")
        }
        let m = moduli[0], n = reports.count
        var total = 1
        for _ in 0..<n { total *= m }
        for code in 0..<total {
            var rest = code
            let moves = (0..<n).map { _ in defer { rest /= m }; return [rest % m] }
            if !property(try dr.outcome(reports, moves: moves)) { return moves.map { $0[0] } }
        }
        return nil
    }

    /// Move-responsiveness (our proxy for the paper's "responsiveness": docs/reconstructions.md#move-responsiveness): when the
    /// outcome is not constant in the seed, every agent, whatever the others' moves, has two
    /// moves giving different outcomes. Enumerates every `g_{−i}` (up to 2,000 of them, else one
    /// per total); returns a witness
    /// `(agent, others' moves)` of a failure, or nil. `applies` is false for constant layouts.
    public static func moveResponsiveness<M: UniformMixtureMechanism>(
        _ dr: Derandomizer<M>, reports: [M.Report]
    ) throws -> (applies: Bool, failure: (agent: Int, others: [Int])?) {
        let layout = try dr.slotLayout(for: reports)
        guard Set(layout).count > 1 else { return (false, nil) }
        let m = layout.count, n = reports.count
        var total = 1
        for _ in 0..<(n - 1) { total *= m }
        // Past 2,000 vectors only one vector per total of the others' moves is tried
        // ((t, 0, …, 0)): the outcome depends on the moves through their sum only.
        let exhaustive = total <= 2_000
        for i in 0..<n {
            for code in 0..<(exhaustive ? total : m) {
                var rest = code
                let others = exhaustive ? (0..<(n - 1)).map { _ in defer { rest /= m }; return rest % m }
                    : (0..<(n - 1)).map { $0 == 0 ? code : 0 }
                var outcomes = Set<M.Outcome>()
                for g in 0..<m {
                    var moves = others.map { [$0] }
                    moves.insert([g], at: i)
                    outcomes.insert(try dr.outcome(reports, moves: moves))
                    if outcomes.count > 1 { break }
                }
                if outcomes.count < 2 { return (true, (i, others)) }
            }
        }
        return (true, nil)
    }
}
