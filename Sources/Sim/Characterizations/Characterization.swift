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
public enum Characterization: Sendable {
    case randomRankUniqueness(agents: [Int], exact: Bool)
    case averageEquilibrium(agents: [Int], profiles: Int, seed: UInt64)
    case phantomFairShare(agents: [Int], grid: Int)

    public static let ids = ["average-equilibrium", "phantom-fair-share", "random-rank-uniqueness"]

    public var id: String {
        switch self {
        case .randomRankUniqueness: "random-rank-uniqueness"
        case .averageEquilibrium: "average-equilibrium"
        case .phantomFairShare: "phantom-fair-share"
        }
    }

    /// Whether the statement held for every n, and a sentence on what was found.
    public func evaluate() throws -> (holds: Bool, detail: String) {
        switch self {
        case .randomRankUniqueness(let agents, let exact):
            for n in agents {
                for r in try RandomRankUniqueness.ranges(agents: n, method: exact ? .exact : .dualSimplex) {
                    let ok = exact
                        ? (r.exactMinimum == Rational(1, n) && r.exactMaximum == Rational(1, n))
                        : (abs(r.minimum - 1 / Double(n)) < 1e-9 && abs(r.maximum - 1 / Double(n)) < 1e-9)
                    if !ok {
                        return (false, "n = \(n): w_\(r.k) ranges over [\(r.exactMinimum?.description ?? String(r.minimum)), \(r.exactMaximum?.description ?? String(r.maximum))], not {1/\(n)}")
                    }
                }
            }
            return (true, "for n in \(agents.map(String.init).joined(separator: ", ")), every weight is exactly 1/n\(exact ? " (rational certificates)" : "")")
        case .averageEquilibrium(let agents, let profiles, let seed):
            var rng = Xoshiro256StarStar(seed: seed)
            var rounds = 0
            for n in agents {
                for _ in 0..<profiles {
                    let x = (0..<n).map { _ in rng.nextUnit() }
                    let r = AverageEquilibrium.bestResponseDynamics(truth: x)
                    let up = UniformPhantom().location(for: FacilityProfile(trusted: x))
                    rounds = max(rounds, r.rounds)
                    if !r.converged || abs(r.outcome - up) > 1e-9 {
                        return (false, "n = \(n), x = \(x): the dynamics \(r.converged ? "reach \(r.outcome)" : "do not converge"), Uniform Phantom gives \(up)")
                    }
                }
            }
            return (true, "\(profiles) profiles for each n in \(agents.map(String.init).joined(separator: ", ")) reach the Uniform Phantom outcome (at most \(rounds) rounds)")
        case .phantomFairShare(let agents, let grid):
            for n in agents {
                let rows = try PhantomCharacterization.classify(agents: n, phantomGrid: grid, profileGrid: grid)
                let ufs = rows.filter(\.unanimousFairShare).map(\.phantoms)
                let uniform = (0...n).map { Double($0) / Double(n) }
                guard ufs.count == 1, zip(ufs[0], uniform).allSatisfy({ abs($0 - $1) < 1e-12 }) else {
                    return (false, "n = \(n): the UFS phantom vectors are \(ufs)")
                }
                for row in rows {
                    let predicted = row.phantoms.dropFirst().dropLast().allSatisfy { $0 >= 1 / Double(n) - 1e-12 && $0 <= 1 - 1 / Double(n) + 1e-12 }
                    if row.individualFairShare != predicted {
                        return (false, "n = \(n), phantoms \(row.phantoms): IFS \(row.individualFairShare ? "holds" : "fails") against the characterization")
                    }
                }
            }
            return (true, "for n in \(agents.map(String.init).joined(separator: ", ")) on the grid 1/\(grid): only the uniform phantoms are UFS; IFS exactly when the interior phantoms lie in [1/n, 1 - 1/n]")
        }
    }
}
