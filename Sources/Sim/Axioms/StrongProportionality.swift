import Mechanisms
import Solvers

/// Strong Proportionality (Aziz, Lam, Suzuki, Walsh 2022): when the agents form exactly two
/// groups, n_a at a and n_b at b, the groups bear equal total cost.
///
/// ```
/// n_a |y - a| = n_b |y - b|          (n_a E|Y - a| = n_b E|Y - b| in expectation)
/// ```
/// Inside [a, b] this forces y = (n_a a + n_b b)/n, the mean. Outside [a, b] the equation
/// has a second root beyond the larger group, y = (n_big big - n_small small)/(n_big -
/// n_small), which often lies in [0, 1] (n = 3, one agent at 0 and two at 1/12: y = 1/6). One
/// might expect none; our exhaustive check (tests) finds it, so "Strong Proportional
/// implies the mean" needs Pareto efficiency as well. The deterministic impossibility's witness
/// is unaffected: there the second roots lie outside [0, 1]. Profiles with one group or more
/// than two are unconstrained.
/// Source: Aziz et al. (2022), abstract; docs/reconstructions.md#strong-proportionality-roots.
public struct StrongProportionality: FairnessProperty {
    public let mode: FairnessMode
    public init(_ mode: FairnessMode) { self.mode = mode }
    public var baseID: String { "strong-proportionality" }
    public var name: String { mode == .exPost ? "Strong Proportionality (ex post)" : "Strong Proportionality in expectation" }
    public var definition: String { "On a two-group profile both groups bear the same (expected) total cost." }
    public var source: String { "Aziz et al. (2022), arXiv 2205.14798, abstract; form: docs/reconstructions.md#strong-proportionality-roots" }

    public func violation(at profile: FacilityProfile, distance: (Double) -> Double, location: Double) -> (agent: Int?, reason: String)? {
        let a = profile.minimum, b = profile.maximum
        guard a < b, profile.locations.allSatisfy({ $0 == a || $0 == b }) else { return nil }
        let na = profile.locations.filter { $0 == a }.count
        let nb = profile.count - na
        let costA = Double(na) * distance(a), costB = Double(nb) * distance(b)
        guard abs(costA - costB) > fairnessTolerance else { return nil }
        return (nil, "the \(na) agent(s) at \(fmt(a)) bear total cost \(fmt(costA)) and the \(nb) at \(fmt(b)) bear \(fmt(costB)).")
    }
}

extension StrongProportionality: LinearFacilityAxiom {
    public var linearScope: LinearScope { mode == .inExpectation ? .lotteries : .deterministicOnly }

    /// On a two-group profile (n_a at a, n_b at b): n_a E|Y - a| - n_b E|Y - b| = 0.
    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        let groups = Set(profile).sorted()
        guard groups.count == 2 else { return [] }
        let a = groups[0], b = groups[1]
        let na = profile.filter { $0 == a }.count, nb = profile.count - na
        let terms = LotteryRow.expectation(at: profile, on: grid) { h in
            // (n_a |h - 2a| - n_b |h - 2b|) / (2g)
            Rational(na * abs(h - 2 * a) - nb * abs(h - 2 * b), 2 * grid.resolution)
        }
        return [LotteryRow(terms, .equal, .zero)]
    }
}
