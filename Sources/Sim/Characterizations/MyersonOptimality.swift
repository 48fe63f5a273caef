import Mechanisms
import Solvers

/// Myerson's optimality against every DSIC mechanism, on a discretized separable position
/// auction: the best expected revenue of any dominant-strategy incentive-compatible and
/// individually rational mechanism, by one linear program, beside the expected revenue of
/// `Myerson` on the same instance.
///
/// Types: each advertiser's value per click lies on the support `values` (integers, so the LP
/// data are exact), drawn independently with probability proportional to `weights`. The LP
/// ranges over every mechanism on that type space, randomized allocations included: for every
/// profile v, a fractional assignment `x_ij(v)` (rows and columns sum to at most 1, at most
/// `cap` in all) with click probability `π_i(v) = α_i Σ_j β_j x_ij(v)`, and any payment `t_i(v)`:
///
/// ```
/// maximize   Σ_v Pr(v) Σ_i t_i(v)
/// subject to v_i π_i(v) − t_i(v) ≥ v_i π_i(v'_i, v_−i) − t_i(v'_i, v_−i)   (DSIC, every v'_i on the support)
///            v_i π_i(v) − t_i(v) ≥ 0                                      (IR)
/// ```
///
/// Myerson (1981): the optimum is the expected ironed virtual welfare of the allocation that
/// maximizes it profile by profile, which is what `Myerson` earns (with the discrete virtual
/// values `v_k − (v_{k+1} − v_k)(1 − F(v_k))/f(v_k)`, ironed). The LP is solved with
/// GLPK's exact rational method, so the optimum is a certificate, not an estimate; Myerson's
/// expected revenue is the exact weighted sum over the finitely many profiles of its
/// floating-point outcomes.
///
/// What this does **not** cover: continuous value distributions (only their discretizations),
/// Bayesian (BIC) mechanisms, and user models other than the separable one.
public enum MyersonOptimality {
    public struct Result: Sendable, Hashable {
        /// The best expected revenue of any DSIC, IR mechanism (exact).
        public var optimum: Rational
        /// `Myerson`'s expected revenue on the same type space.
        public var myerson: Double
        /// Profiles, LP variables and constraints.
        public var profiles: Int
        public var variables: Int
        public var constraints: Int
    }

    public enum CheckError: Error, Sendable, CustomStringConvertible {
        case invalid(String)
        case solver(String)

        public var description: String {
            switch self {
            case .invalid(let s): "Myerson optimality check: \(s)"
            case .solver(let s): "Myerson optimality check: the LP failed (\(s))"
            }
        }
    }

    /// Profiles above this are refused (the LP has (m + 1) n variables per profile).
    public static let maximumProfiles = 4096

    /// The LP optimum and Myerson's expected revenue for `bidders` i.i.d. advertisers with values
    /// on `values` (weights `weights`), quality `alpha` each, position factors `beta`, cap `cap`.
    public static func compare(values: [Int], weights: [Int], bidders n: Int, beta: [Double], cap: Int? = nil,
                               alpha: Double = 1) throws -> Result {
        let k = values.count, m = beta.count, cap = cap ?? beta.count
        guard k >= 1, weights.count == k, weights.allSatisfy({ $0 > 0 }), values.allSatisfy({ $0 >= 0 }),
              Set(values).count == k, n >= 1, m >= 1, (1...m).contains(cap) else {
            throw CheckError.invalid("expected distinct non-negative values with one positive weight each, n >= 1 and 1 <= cap <= positions")
        }
        var profileCount = 1
        for _ in 0..<n {
            profileCount *= k
            guard profileCount <= maximumProfiles else { throw CheckError.invalid("more than \(maximumProfiles) profiles") }
        }
        let total = weights.reduce(0, +)
        let profiles: [[Int]] = (0..<profileCount).map { p in
            var r = p
            return (0..<n).map { _ in let d = r % k; r /= k; return d }
        }
        let index = { (p: [Int]) in p.reversed().reduce(0) { $0 * k + $1 } }
        var lp = LinearProgram(sense: .maximize)
        // Variables of profile p: x_ij at base + i*m + j, t_i at base + n*m + i.
        let perProfile = n * m + n
        for p in profiles {
            let w = p.reduce(1) { $0 * weights[$1] }
            for _ in 0..<(n * m) { lp.addVariable(lower: 0, upper: 1) }
            for _ in 0..<n { lp.addVariable(lower: -.infinity, objective: Double(w)) }
        }
        func clicks(_ p: [Int], _ i: Int, times v: Double) -> [(Int, Double)] {
            let base = index(p) * perProfile
            return (0..<m).map { j in (base + i * m + j, v * alpha * beta[j]) }
        }
        for p in profiles {
            let base = index(p) * perProfile
            for i in 0..<n { lp.addConstraint((0..<m).map { (base + i * m + $0, 1.0) }, .lessOrEqual(1)) }
            for j in 0..<m { lp.addConstraint((0..<n).map { (base + $0 * m + j, 1.0) }, .lessOrEqual(1)) }
            lp.addConstraint((0..<(n * m)).map { (base + $0, 1.0) }, .lessOrEqual(Double(cap)))
            for i in 0..<n {
                let v = Double(values[p[i]])
                let own = base + n * m + i
                lp.addConstraint(clicks(p, i, times: v) + [(own, -1)], .greaterOrEqual(0))
                for d in 0..<k where d != p[i] {
                    var q = p
                    q[i] = d
                    let other = index(q) * perProfile + n * m + i
                    lp.addConstraint(clicks(p, i, times: v) + [(own, -1)] + clicks(q, i, times: -v) + [(other, 1)], .greaterOrEqual(0))
                }
            }
        }
        let solution = try GLPKSolver(method: .exact).solve(lp)
        guard solution.status == .optimal, let exact = solution.exact else {
            throw CheckError.solver(solution.exactFailure ?? "status \(solution.status)")
        }
        var scale = Rational.one
        for _ in 0..<n { scale = try scale.multiplied(by: Rational(total)) }
        let optimum = try exact.objective.divided(by: scale)

        let distribution = ValueDistribution.discrete(values: values.map(Double.init),
                                                      probabilities: weights.map { Double($0) / Double(total) })
        let x = try AuctionInstance.separable(alpha: Array(repeating: alpha, count: n), beta: beta, cap: cap,
                                              values: Array(repeating: distribution, count: n))
        let mechanism = Myerson(randomTieBreak: true)
        var revenue = 0.0
        for p in profiles {
            let probability = p.reduce(1.0) { $0 * Double(weights[$1]) / Double(total) }
            revenue += probability * (try mechanism.outcome(x, bids: p.map { Double(values[$0]) }).revenue)
        }
        return Result(optimum: optimum, myerson: revenue, profiles: profileCount, variables: lp.variables.count,
                      constraints: lp.constraints.count)
    }
}
