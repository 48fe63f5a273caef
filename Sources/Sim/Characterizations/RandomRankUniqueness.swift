import Mechanisms
import Solvers

/// Random Rank's uniqueness among mixtures of order statistics, by linear programming.
///
/// Aziz, Lam, Suzuki, Walsh (2022) characterize Random Rank as the unique universally truthful,
/// universally anonymous mechanism that is Strong Proportional in expectation. Restricted to
/// mixtures Σ_k w_k · OS_k of the order statistics (OS_k = the k-th highest report; each is
/// strategyproof and anonymous), Strong Proportionality in expectation on the two-group
/// profiles with j agents at 0 and n - j at 1 (j = 1 ... n - 1) reads
///
/// ```
/// j · E|Y - 0| - (n - j) · E|Y - 1| = Σ_k w_k · (k <= n - j ? j : -(n - j)) = 0
/// ```
/// (OS_k lands on 1 exactly when k <= n - j). With Σ_k w_k = 1 and w >= 0, minimizing and
/// maximizing each w_k shows the feasible set is the single point w_k = 1/n
/// (docs/reconstructions.md#random-rank-uniqueness-lp). The constraints are built from the definition (the expected
/// group costs of each component), not from the closed form.
public enum RandomRankUniqueness {
    /// The range [min w_k, max w_k] over the feasible set, for each k = 1 ... n.
    public struct Range: Sendable, Hashable {
        public var k: Int
        public var minimum: Double
        public var maximum: Double
        /// Exact rational bounds, when the method is `.exact` and GLPK's basis certified.
        public var exactMinimum: Rational?
        public var exactMaximum: Rational?
    }

    /// The LP over the weights w_1 ... w_n with `objective` on w_k.
    public static func program(agents n: Int, k: Int, sense: LinearProgram.Sense) -> LinearProgram {
        var lp = LinearProgram(sense: sense)
        for i in 1...n { lp.addVariable(lower: 0, upper: .infinity, name: "w\(i)", objective: i == k ? 1 : 0) }
        lp.addConstraint((0..<n).map { ($0, 1.0) }, .equal(1), name: "weights sum to one")
        for j in 1..<n {
            // Component OS_i puts the facility at 1 when i <= n - j (the top n - j are at 1).
            let terms = (1...n).map { i in (i - 1, i <= n - j ? Double(j) : -Double(n - j)) }
            lp.addConstraint(terms, .equal(0), name: "strong proportionality, \(j) at 0")
        }
        return lp
    }

    /// Minimizes and maximizes every w_k for `n` agents.
    /// - Throws: `LPError` if GLPK fails to run, or `CharacterizationError` if an LP is not
    ///   optimal (the feasible set is empty, which would contradict Random Rank's feasibility).
    public static func ranges(agents n: Int, method: LPMethod = .dualSimplex) throws -> [Range] {
        precondition(n >= 2)
        let solver = GLPKSolver(method: method)
        return try (1...n).map { k in
            let lo = try solver.solve(program(agents: n, k: k, sense: .minimize))
            let hi = try solver.solve(program(agents: n, k: k, sense: .maximize))
            guard lo.status == .optimal, hi.status == .optimal else {
                throw CharacterizationError.notOptimal(agents: n, k: k, status: "\(lo.status.rawValue) / \(hi.status.rawValue)")
            }
            return Range(k: k, minimum: lo.objective, maximum: hi.objective, exactMinimum: lo.exact?.objective, exactMaximum: hi.exact?.objective)
        }
    }
}

public enum CharacterizationError: Error, Sendable, CustomStringConvertible {
    case notOptimal(agents: Int, k: Int, status: String)

    public var description: String {
        switch self {
        case .notOptimal(let n, let k, let status):
            "The LP for w_\(k) with \(n) agents ended \(status), not optimal."
        }
    }
}
