import Foundation
import Mechanisms
import Solvers

/// The price of fairness: the best approximation any IFS, UFS or PF mechanism can achieve.
///
/// Each of these axioms confines a deterministic outcome to an interval [L(x), U(x)]
/// (docs/reconstructions.md#fairness-axiom-forms): IFS to [x_(n) - (1 - 1/n), x_(1) + (1 - 1/n)], UFS to the
/// intersection over distinct locations a (multiplicity m) of [a - (1 - m/n), a + (1 - m/n)],
/// PF to the intersection over groups S = [x_(i), x_(j)] of [x_(j) - b_S, x_(i) + b_S] with
/// b_S = 1 - |S|/n + r_S. The best a fair mechanism can do on a profile is the constrained
/// optimum, and since total and maximum cost are convex in y it is the clamp of the
/// unconstrained optimum (a median, the midpoint) into the interval. The worst case of that
/// ratio over profiles is a lower bound for every mechanism with the axiom (docs/reconstructions.md#facility-ratios-computed).
public enum PriceOfFairness {
    public enum Bound: String, Sendable, CaseIterable {
        case individualFairShare = "individual-fair-share"
        case unanimousFairShare = "unanimous-fair-share"
        case proportionalFairness = "proportional-fairness"
    }

    /// The interval of locations the axiom allows on `profile`, within [0, 1]. Never empty:
    /// the Average lies in the PF interval, which lies in the UFS interval, which lies in IFS's.
    public static func interval(_ bound: Bound, _ profile: FacilityProfile) -> ClosedRange<Double> {
        let n = Double(profile.count)
        let s = profile.sorted
        var lo = 0.0, hi = 1.0
        switch bound {
        case .individualFairShare:
            lo = max(lo, profile.maximum - (1 - 1 / n))
            hi = min(hi, profile.minimum + (1 - 1 / n))
        case .unanimousFairShare:
            var j = 0
            while j < s.count {
                var m = 1
                while j + m < s.count, s[j + m] == s[j] { m += 1 }
                lo = max(lo, s[j] - (1 - Double(m) / n))
                hi = min(hi, s[j] + (1 - Double(m) / n))
                j += m
            }
        case .proportionalFairness:
            for i in 0..<s.count where i == 0 || s[i] != s[i - 1] {
                var j = s.count - 1
                while j >= i {
                    let b = 1 - Double(j - i + 1) / n + (s[j] - s[i])
                    lo = max(lo, s[j] - b)
                    hi = min(hi, s[i] + b)
                    let v = s[j]
                    while j >= i, s[j] == v { j -= 1 }
                }
            }
        }
        // Rounding can cross the bounds by an ulp on profiles where the interval is one point.
        return lo <= hi ? lo...hi : hi...hi
    }

    /// The smallest total cost of a location in the interval (TC is convex: clamp the medians).
    public static func bestTotalCost(_ bound: Bound, _ profile: FacilityProfile) -> Double {
        let range = interval(bound, profile)
        let n = profile.count
        let medians = [profile.sorted[(n - 1) / 2], profile.sorted[n / 2]]
        return medians.map { profile.totalCost(at: min(max($0, range.lowerBound), range.upperBound)) }.min()!
    }

    /// The smallest maximum cost of a location in the interval (clamp the midpoint).
    public static func bestMaxCost(_ bound: Bound, _ profile: FacilityProfile) -> Double {
        let range = interval(bound, profile)
        let mid = (profile.minimum + profile.maximum) / 2
        return profile.maxCost(at: min(max(mid, range.lowerBound), range.upperBound))
    }

    /// The same constrained total-cost optimum by LP through `Solvers` (a cross-check):
    /// minimize Σ t_i subject to t_i >= y - x_i, t_i >= x_i - y, L <= y <= U.
    public static func bestTotalCostByLP(_ bound: Bound, _ profile: FacilityProfile) throws -> Double {
        let range = interval(bound, profile)
        var lp = LinearProgram(sense: .minimize)
        let y = lp.addVariable(lower: range.lowerBound, upper: range.upperBound, name: "y")
        for (i, x) in profile.locations.enumerated() {
            let t = lp.addVariable(lower: 0, upper: .infinity, name: "t\(i)", objective: 1)
            lp.addConstraint([(t, 1), (y, -1)], .greaterOrEqual(-x))
            lp.addConstraint([(t, 1), (y, 1)], .greaterOrEqual(x))
        }
        let solution = try GLPKSolver().solve(lp)
        guard solution.status == .optimal else {
            throw CharacterizationError.notOptimal(agents: profile.count, k: 0, status: solution.status.rawValue)
        }
        return solution.objective
    }

    public struct WorstCase: Sendable, Hashable {
        public var totalCostRatio: Double
        public var socialWelfareRatio: Double
        public var maxCostRatio: Double
        public var profilesChecked: Int
    }

    /// The worst ratios of the fair optimum over every non-decreasing profile of the grid.
    public static func worstCase(_ bound: Bound, agents n: Int, resolution g: Int) -> WorstCase {
        var result = WorstCase(totalCostRatio: 1, socialWelfareRatio: 1, maxCostRatio: 1, profilesChecked: 0)
        let m = Double(n)
        NondecreasingGrid.forEachProfile(agents: n, resolution: g) { profile, _ in
            result.profilesChecked += 1
            let tc = bestTotalCost(bound, profile), opt = profile.optimalTotalCost
            let mc = bestMaxCost(bound, profile), optMC = profile.optimalMaxCost
            if opt > 0 { result.totalCostRatio = max(result.totalCostRatio, tc / opt) }
            if optMC > 0 { result.maxCostRatio = max(result.maxCostRatio, mc / optMC) }
            result.socialWelfareRatio = max(result.socialWelfareRatio, (m - opt) / (m - tc))
        }
        return result
    }
}
