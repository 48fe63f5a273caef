import Mechanisms
import Solvers

/// Proportional Fairness (PF): a group S whose locations span a range r gets utility at least
/// |S|/n - r, i.e. each member is at distance at most 1 - |S|/n + r.
///
/// ```
/// |y - x_i| <= 1 - |S|/n + r_S   for every S and i ∈ S,  r_S = max_S x - min_S x
/// ```
/// Checker: for each pair of sorted positions i <= j, S = every agent in [x_(i), x_(j)]; the
/// (expected) distance is convex in the location, so its maximum over S is at x_(i) or x_(j).
/// O(n^2) intervals. PF implies UFS (r = 0), which implies IFS (|S| = 1).
/// Source: Aziz et al. (2021), abstract (name); exact form: docs/reconstructions.md#fairness-axiom-forms.
public struct ProportionalFairness: FairnessProperty {
    public let mode: FairnessMode
    public init(_ mode: FairnessMode) { self.mode = mode }
    public var baseID: String { "proportional-fairness" }
    public var name: String { mode == .exPost ? "Proportional Fairness (ex post)" : "Proportional Fairness in expectation" }
    public var definition: String { "Every member of a group S spanning a range r is at (expected) distance at most 1 - |S|/n + r." }
    public var source: String { "Aziz et al. (2021), arXiv 2111.01566, abstract; form: docs/reconstructions.md#fairness-axiom-forms" }

    public func violation(at profile: FacilityProfile, distance: (Double) -> Double, location: Double) -> (agent: Int?, reason: String)? {
        let s = profile.sorted
        let n = s.count
        let d = s.map(distance)
        for i in 0..<n where i == 0 || s[i] != s[i - 1] {
            var j = n - 1
            while j >= i {
                // S = all agents in [s[i], s[j]]: positions i ... last index with value s[j].
                let size = j - i + 1
                let r = s[j] - s[i]
                let bound = 1 - Double(size) / Double(n) + r
                for (value, dist) in [(s[i], d[i]), (s[j], d[j])] where dist > bound + fairnessTolerance {
                    return (profile.locations.firstIndex(of: value),
                            "the \(size) agent(s) in [\(fmt(s[i])), \(fmt(s[j]))] (range \(fmt(r))) include one at \(fmt(value)) at distance \(fmt(dist)) > 1 - \(size)/n + r = \(fmt(bound)).")
                }
                // Step to the previous distinct value.
                let v = s[j]
                while j >= i, s[j] == v { j -= 1 }
            }
        }
        return nil
    }
}

extension ProportionalFairness: DistanceBoundedFairness {
    /// E|Y - x| ≤ 1 - |S|/n + r_S for both ends x of every group S = all agents in [x_(i), x_(j)].
    public func distanceBounds(at profile: [Int], on grid: DesignGrid) -> [(report: Int, bound: Rational)] {
        let s = profile.sorted()
        let n = grid.agents, g = grid.resolution
        var out: [(report: Int, bound: Rational)] = []
        for lo in Set(s).sorted() {
            for hi in Set(s).sorted() where hi >= lo {
                let size = s.filter { $0 >= lo && $0 <= hi }.count
                // 1 - size/n + (hi - lo)/g = ((n - size) g + (hi - lo) n) / (n g).
                let bound = Rational((n - size) * g + (hi - lo) * n, n * g)
                out.append((lo, bound))
                if hi != lo { out.append((hi, bound)) }
            }
        }
        return out
    }
}
