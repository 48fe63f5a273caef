import Mechanisms
import Solvers

/// Unanimous Fair Share (UFS): a group of m agents at a common location gets utility at least
/// m/n, i.e. distance at most 1 - m/n.
///
/// ```
/// |y - a| <= 1 - m_a/n   for every location a reported by m_a agents   (E|Y - a| in expectation)
/// ```
/// Checking the maximal groups (each distinct location with its multiplicity) suffices.
/// Source: Aziz et al. (2021), abstract (name); exact form: docs/reconstructions.md#fairness-axiom-forms.
public struct UnanimousFairShare: FairnessProperty {
    public let mode: FairnessMode
    public init(_ mode: FairnessMode) { self.mode = mode }
    public var baseID: String { "unanimous-fair-share" }
    public var name: String { mode == .exPost ? "Unanimous Fair Share (ex post)" : "Unanimous Fair Share in expectation" }
    public var definition: String { "A group of m agents at one location is at (expected) distance at most 1 - m/n." }
    public var source: String { "Aziz et al. (2021), arXiv 2111.01566, abstract; form: docs/reconstructions.md#fairness-axiom-forms" }

    public func violation(at profile: FacilityProfile, distance: (Double) -> Double, location: Double) -> (agent: Int?, reason: String)? {
        let n = Double(profile.count)
        let s = profile.sorted
        var j = 0
        while j < s.count {
            var m = 1
            while j + m < s.count, s[j + m] == s[j] { m += 1 }
            let a = s[j]
            let bound = 1 - Double(m) / n
            if distance(a) > bound + fairnessTolerance {
                let agent = profile.locations.firstIndex(of: a)
                return (agent, "the \(m) agent(s) at \(fmt(a)) are at distance \(fmt(distance(a))) > 1 - \(m)/n = \(fmt(bound)).")
            }
            j += m
        }
        return nil
    }
}

extension UnanimousFairShare: DistanceBoundedFairness {
    /// E|Y - a| ≤ 1 - m_a/n for every location a reported by m_a agents.
    public func distanceBounds(at profile: [Int], on grid: DesignGrid) -> [(report: Int, bound: Rational)] {
        Set(profile).sorted().map { a in (a, fairShareBound(profile.filter { $0 == a }.count, grid.agents)) }
    }
}
