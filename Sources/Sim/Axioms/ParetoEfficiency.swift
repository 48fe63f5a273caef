import Mechanisms
import Solvers

/// Pareto efficiency on the line: every location the mechanism can choose lies between the
/// leftmost and the rightmost report (outside, moving toward the reports helps everyone).
/// Source: the standard definition (in one dimension: inside [x_(1), x_(n)]).
public struct ParetoEfficiency: FacilityAxiom {
    public init() {}
    public var id: String { "pareto-efficiency" }
    public var name: String { "Pareto efficiency" }
    public var definition: String { "Every support point of the lottery lies in [x_(1), x_(n)]." }
    public var source: String { "standard definition" }
    public var usesMisreports: Bool { false }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        let lottery = mechanism.lottery(for: profile)
        let lo = profile.minimum, hi = profile.maximum
        guard let bad = lottery.entries.first(where: { $0.outcome < lo - FacilityTolerance.location || $0.outcome > hi + FacilityTolerance.location }) else {
            return nil
        }
        return FacilityWitness(
            axiom: id, mechanism: mechanism.label, profile: profile.locations, truthfulOutcome: lottery,
            explanation: "\(mechanism.label) can place the facility at \(fmt(bad.outcome)), outside [\(fmt(lo)), \(fmt(hi))]; moving it inside helps every agent.")
    }
}

extension ParetoEfficiency: LinearFacilityAxiom {
    /// No probability outside [x_(1), x_(n)]: Σ_{h outside} p(x, h) = 0.
    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        guard let lo = profile.min(), let hi = profile.max() else { return [] }
        let terms = LotteryRow.expectation(at: profile, on: grid) { h in
            h < grid.outcome(ofReport: lo) || h > grid.outcome(ofReport: hi) ? .one : .zero
        }
        return terms.isEmpty ? [] : [LotteryRow(terms, .equal, .zero)]
    }
}
