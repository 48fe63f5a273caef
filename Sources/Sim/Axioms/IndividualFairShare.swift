import Mechanisms
import Solvers

/// Individual Fair Share (IFS): every agent gets utility at least 1/n, i.e. distance at most
/// 1 - 1/n.
///
/// ```
/// |y - x_i| <= 1 - 1/n   for every agent i      (E|Y - x_i| in expectation)
/// ```
/// Source: Aziz, Lam, Lee, Walsh (2021), abstract (name); exact form: docs/reconstructions.md#fairness-axiom-forms.
public struct IndividualFairShare: FairnessProperty {
    public let mode: FairnessMode
    public init(_ mode: FairnessMode) { self.mode = mode }
    public var baseID: String { "individual-fair-share" }
    public var name: String { mode == .exPost ? "Individual Fair Share (ex post)" : "Individual Fair Share in expectation" }
    public var definition: String { "Every agent's (expected) distance to the facility is at most 1 - 1/n." }
    public var source: String { "Aziz et al. (2021), arXiv 2111.01566, abstract; form: docs/reconstructions.md#fairness-axiom-forms" }

    public func violation(at profile: FacilityProfile, distance: (Double) -> Double, location: Double) -> (agent: Int?, reason: String)? {
        let bound = 1 - 1 / Double(profile.count)
        for (i, x) in profile.locations.enumerated() where distance(x) > bound + fairnessTolerance {
            return (i, "agent \(i) at \(fmt(x)) is at distance \(fmt(distance(x))) > 1 - 1/n = \(fmt(bound)).")
        }
        return nil
    }
}

extension IndividualFairShare: DistanceBoundedFairness {
    /// E|Y - x_i| ≤ 1 - 1/n for every agent i.
    public func distanceBounds(at profile: [Int], on grid: DesignGrid) -> [(report: Int, bound: Rational)] {
        Set(profile).sorted().map { ($0, fairShareBound(1, grid.agents)) }
    }
}
