import Mechanisms

/// The equilibrium of the Average: best-response dynamics from truthful reports.
///
/// Aziz, Lam, Lee, Walsh (2021) show that for any continuous, strictly monotone, UFS mechanism
/// the unique pure Nash equilibrium outcome is the Uniform Phantom outcome. For the Average
/// (Renault and Trannoy 2005) agent i's best response to the others' reports r_-i puts the mean
/// as close to x_i as [0, 1] allows:
///
/// ```
/// r_i = clamp(n x_i - Σ_{j≠i} r_j, 0, 1)
/// ```
/// Agents respond in turn until a full round changes no report by more than `tolerance`.
public enum AverageEquilibrium {
    public static let tolerance = 1e-13
    public static let maximumRounds = 100_000

    public struct Result: Sendable, Hashable {
        /// The equilibrium reports.
        public var reports: [Double]
        /// The Average of the equilibrium reports.
        public var outcome: Double
        /// Full rounds of best responses until no report moved.
        public var rounds: Int
        public var converged: Bool
    }

    /// Runs the dynamics from the truthful profile `truth`.
    public static func bestResponseDynamics(truth: [Double]) -> Result {
        let n = truth.count
        var r = truth
        var sum = r.reduce(0, +)
        for round in 1...maximumRounds {
            var moved = 0.0
            for i in 0..<n {
                let others = sum - r[i]
                let best = min(1, max(0, Double(n) * truth[i] - others))
                moved = max(moved, abs(best - r[i]))
                sum = others + best
                r[i] = best
            }
            if moved <= tolerance {
                return Result(reports: r, outcome: r.reduce(0, +) / Double(n), rounds: round, converged: true)
            }
        }
        return Result(reports: r, outcome: r.reduce(0, +) / Double(n), rounds: maximumRounds, converged: false)
    }
}
