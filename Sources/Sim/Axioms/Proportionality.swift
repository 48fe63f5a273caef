import Mechanisms
import Solvers

/// Proportionality (Freeman et al. 2021): on a profile where every agent is at 0 or 1 and k of
/// them are at 1, the facility is at k/n.
///
/// ```
/// x ∈ {0, 1}^n, k = #{i : x_i = 1}   =>   y = k/n      (E[Y] = k/n in expectation)
/// ```
/// Other profiles are unconstrained.
/// Source: Aziz et al. (2021), abstract; Freeman, Pennock, Peters, Wortman Vaughan (2021);
/// exact form: docs/reconstructions.md#fairness-axiom-forms.
public struct Proportionality: FairnessProperty {
    public let mode: FairnessMode
    public init(_ mode: FairnessMode) { self.mode = mode }
    public var baseID: String { "proportionality" }
    public var name: String { mode == .exPost ? "Proportionality (ex post)" : "Proportionality in expectation" }
    public var definition: String { "If every agent is at 0 or 1 and k are at 1, the facility is at k/n (E[Y] = k/n in expectation)." }
    public var source: String { "Freeman et al. (2021); Aziz et al. (2021), arXiv 2111.01566, abstract; form: docs/reconstructions.md#fairness-axiom-forms" }

    public func violation(at profile: FacilityProfile, distance: (Double) -> Double, location: Double) -> (agent: Int?, reason: String)? {
        guard profile.locations.allSatisfy({ $0 == 0 || $0 == 1 }) else { return nil }
        let k = profile.locations.filter { $0 == 1 }.count
        let target = Double(k) / Double(profile.count)
        guard abs(location - target) > fairnessTolerance else { return nil }
        return (nil, "\(k) of \(profile.count) agents are at 1 and the rest at 0, so the facility should be at \(fmt(target)), not \(fmt(location)).")
    }
}

extension Proportionality: LinearFacilityAxiom {
    public var linearScope: LinearScope { mode == .inExpectation ? .lotteries : .deterministicOnly }

    /// On a profile with every agent at 0 or 1 and k at 1: E[Y] = k/n.
    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        guard profile.allSatisfy({ $0 == 0 || $0 == grid.resolution }) else { return [] }
        let k = profile.filter { $0 == grid.resolution }.count
        return [LotteryRow(LotteryRow.expectation(at: profile, on: grid) { grid.location(ofOutcome: $0) }, .equal, Rational(k, grid.agents))]
    }
}
