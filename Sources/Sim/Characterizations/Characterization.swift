import Mechanisms
import Solvers

/// A theorem checked by computation, named in scenario files (`characterizations:`).
///
/// - `random-rank-uniqueness`: for each n, minimizing and maximizing every weight of a
///   Strong-Proportional-in-expectation mixture of order statistics gives exactly 1/n
///   (`RandomRankUniqueness`; exact rational arithmetic with `method: exact`).
/// - `average-equilibrium`: best-response dynamics of the Average reach the Uniform Phantom
///   outcome on `profiles` uniform profiles for each n (`AverageEquilibrium`).
/// - `phantom-fair-share`: among unanimous phantom mechanisms on the phantom grid 1/`grid`,
///   exactly the uniform phantoms are UFS, and IFS holds iff the interior phantoms lie in
///   [1/n, 1 - 1/n] (`PhantomCharacterization`, profiles on the same grid).
/// - `phantom-sp-characterizations`: among all anonymous phantom mechanisms (every
///   non-decreasing phantom vector p_0..p_n on the grid 1/`grid`, unanimous or not; these are the
///   SP, anonymous, peak-only rules, Moulin 1980), exactly one satisfies PF, exactly one UFS and
///   exactly one proportionality together with unanimity, and it is p_k = k/n, Uniform Phantom
///   (`PhantomCharacterization.classifyAll`, profiles on the same grid; `grid` a multiple of n).
public enum Characterization: Sendable {
    case randomRankUniqueness(agents: [Int], exact: Bool)
    case averageEquilibrium(agents: [Int], profiles: Int, seed: UInt64)
    case phantomFairShare(agents: [Int], grid: Int)
    case phantomSPCharacterizations(agents: [Int], grid: Int)

    public static let ids = ["average-equilibrium", "phantom-fair-share", "phantom-sp-characterizations", "random-rank-uniqueness"]

    public var id: String {
        switch self {
        case .randomRankUniqueness: "random-rank-uniqueness"
        case .averageEquilibrium: "average-equilibrium"
        case .phantomFairShare: "phantom-fair-share"
        case .phantomSPCharacterizations: "phantom-sp-characterizations"
        }
    }

    /// The verdict over the space the computation covered, and a sentence on what was found.
    ///
    /// - `random-rank-uniqueness`: `holds` (the LPs cover every mixture), in exact arithmetic
    ///   with rational certificates, or in floating point within `uniquenessTolerance`;
    ///   `violated` when a weight's range is not {1/n}.
    /// - `average-equilibrium`: `no-violation-found` over the sampled profiles (never `holds`:
    ///   a sample is not a proof); `violated` when the dynamics miss the Uniform Phantom outcome.
    /// - `phantom-fair-share`: `holds` over every phantom vector and profile of the grid, in
    ///   floating point.
    /// - `phantom-sp-characterizations`: `holds` over every phantom vector and profile of the
    ///   grid, in floating point; `violated` names the vector that breaks a characterization.
    public func evaluate() throws -> (verdict: Verdict, detail: String) {
        let list = { (agents: [Int]) in agents.map(String.init).joined(separator: ", ") }
        switch self {
        case .randomRankUniqueness(let agents, let exact):
            let arithmetic: Arithmetic = exact ? .exact : .floatingPoint(tolerance: Self.uniquenessTolerance)
            let space = CheckedSpace("every mixture of the order statistics for n in \(list(agents)): min and max of each weight w_k by \(exact ? "exact rational LP certificates" : "floating-point simplex")",
                                     count: agents.reduce(0) { $0 + 2 * $1 }, exhaustive: true)
            for n in agents {
                for r in try RandomRankUniqueness.ranges(agents: n, method: exact ? .exact : .dualSimplex) {
                    let ok = exact
                        ? (r.exactMinimum == Rational(1, n) && r.exactMaximum == Rational(1, n))
                        : (abs(r.minimum - 1 / Double(n)) < Self.uniquenessTolerance && abs(r.maximum - 1 / Double(n)) < Self.uniquenessTolerance)
                    if !ok {
                        let detail = "n = \(n): w_\(r.k) ranges over [\(r.exactMinimum?.description ?? String(r.minimum)), \(r.exactMaximum?.description ?? String(r.maximum))], not {1/\(n)}"
                        return (.violated(.counterexample(.facilityLocation, detail), space: space, arithmetic: arithmetic), detail)
                    }
                }
            }
            let detail = exact
                ? "for n in \(list(agents)), every weight is exactly 1/n (rational certificates)"
                : "for n in \(list(agents)), every weight is 1/n within 1e-9 (floating point)"
            return (.holds(space: space, arithmetic: arithmetic), detail)
        case .averageEquilibrium(let agents, let profiles, let seed):
            let arithmetic = Arithmetic.floatingPoint(tolerance: 1e-9)
            let space = CheckedSpace("\(profiles) uniform profile(s) for each n in \(list(agents)) (seed \(seed)); outcomes compared within 1e-9",
                                     count: profiles * agents.count, exhaustive: false)
            var rng = Xoshiro256StarStar(seed: seed)
            var rounds = 0
            for n in agents {
                for _ in 0..<profiles {
                    let x = (0..<n).map { _ in rng.nextUnit() }
                    let r = AverageEquilibrium.bestResponseDynamics(truth: x)
                    let up = UniformPhantom().location(for: FacilityProfile(trusted: x))
                    rounds = max(rounds, r.rounds)
                    if !r.converged || abs(r.outcome - up) > 1e-9 {
                        let detail = "n = \(n), x = \(x): the dynamics \(r.converged ? "reach \(r.outcome)" : "do not converge"), Uniform Phantom gives \(up)"
                        return (.violated(.counterexample(.facilityLocation, detail), space: space, arithmetic: arithmetic), detail)
                    }
                }
            }
            return (.noViolationFound(space: space, samples: profiles * agents.count, seed: seed),
                    "\(profiles) sampled profiles for each n in \(list(agents)) reach the Uniform Phantom outcome (at most \(rounds) rounds); a sample, not a proof")
        case .phantomFairShare(let agents, let grid):
            let arithmetic = Arithmetic.floatingPoint(tolerance: FacilityTolerance.cost)
            let space = CheckedSpace("every unanimous phantom vector on the grid 1/\(grid) and every profile on the same grid, for n in \(list(agents))",
                                     exhaustive: true)
            for n in agents {
                let rows = try PhantomCharacterization.classify(agents: n, phantomGrid: grid, profileGrid: grid)
                let ufs = rows.filter(\.unanimousFairShare).map(\.phantoms)
                let uniform = (0...n).map { Double($0) / Double(n) }
                guard ufs.count == 1, zip(ufs[0], uniform).allSatisfy({ abs($0 - $1) < 1e-12 }) else {
                    let detail = "n = \(n): the UFS phantom vectors are \(ufs)"
                    return (.violated(.counterexample(.facilityLocation, detail), space: space, arithmetic: arithmetic), detail)
                }
                for row in rows {
                    let predicted = row.phantoms.dropFirst().dropLast().allSatisfy { $0 >= 1 / Double(n) - 1e-12 && $0 <= 1 - 1 / Double(n) + 1e-12 }
                    if row.individualFairShare != predicted {
                        let detail = "n = \(n), phantoms \(row.phantoms): IFS \(row.individualFairShare ? "holds" : "fails") against the characterization"
                        return (.violated(.counterexample(.facilityLocation, detail), space: space, arithmetic: arithmetic), detail)
                    }
                }
            }
            return (.holds(space: space, arithmetic: arithmetic),
                    "for n in \(list(agents)) on the grid 1/\(grid): only the uniform phantoms are UFS; IFS exactly when the interior phantoms lie in [1/n, 1 - 1/n]")
        case .phantomSPCharacterizations(let agents, let grid):
            let arithmetic = Arithmetic.floatingPoint(tolerance: FacilityTolerance.cost)
            var vectors = 0.0
            for n in agents { vectors += NondecreasingGrid.count(length: n + 1, maximum: grid) }
            let space = CheckedSpace("every anonymous phantom mechanism (all non-decreasing phantom vectors p_0..p_n on the grid 1/\(grid), unanimous or not: the SP, anonymous, peak-only rules) and every profile on the same grid, for n in \(list(agents)); non-anonymous SP rules and phantoms off the grid are not covered",
                                     count: Int(vectors), exhaustive: true)
            for n in agents {
                guard grid % n == 0 else {
                    let reason = "the grid 1/\(grid) does not contain every k/n for n = \(n) (use a multiple of n)"
                    return (.inconclusive(reason: reason, space: space), reason)
                }
                let rows = try PhantomCharacterization.classifyAll(agents: n, phantomGrid: grid, profileGrid: grid)
                let uniform = (0...n).map { Double($0) / Double(n) }
                let isUniform = { (p: [Double]) in zip(p, uniform).allSatisfy { abs($0 - $1) < 1e-12 } }
                let families: [(String, (PhantomCharacterization.FullRow) -> Bool)] = [
                    ("PF", \.proportionalFairness), ("UFS", \.unanimousFairShare),
                    ("proportionality + unanimity", { $0.proportionality && $0.unanimity }),
                ]
                for (name, test) in families {
                    let passing = rows.filter(test).map(\.phantoms)
                    guard passing.count == 1, isUniform(passing[0]) else {
                        let detail = "n = \(n): the phantom vectors with \(name) are \(passing), not only the uniform one \(uniform)"
                        return (.violated(.counterexample(.facilityLocation, detail), space: space, arithmetic: arithmetic), detail)
                    }
                }
            }
            return (.holds(space: space, arithmetic: arithmetic),
                    "for n in \(list(agents)), among the \(Int(vectors)) anonymous phantom vectors on the grid 1/\(grid): only p_k = k/n (Uniform Phantom) has PF, only it has UFS, only it has proportionality and unanimity")
        }
    }

    /// How far a floating-point LP bound may sit from 1/n.
    public static let uniquenessTolerance = 1e-9
}
