import Mechanisms
import Solvers

/// Unanimity: when every agent reports the same location a, the facility is at a with
/// probability one.
/// Source: the standard definition (every agent at a: the outcome is a).
public struct Unanimity: FacilityAxiom {
    public init() {}
    public var id: String { "unanimity" }
    public var name: String { "Unanimity" }
    public var definition: String { "If x_1 = ... = x_n = a then P(Y = a) = 1." }
    public var source: String { "standard definition; used by Aziz et al. (2021)" }
    public var usesMisreports: Bool { false }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        let a = profile.minimum
        guard profile.maximum == a else { return nil }
        let lottery = mechanism.lottery(for: profile)
        let mass = lottery.entries.filter { abs($0.outcome - a) <= FacilityTolerance.location }.reduce(0) { $0 + $1.probability }
        guard mass < 1 - FacilityTolerance.probability else { return nil }
        return FacilityWitness(
            axiom: id, mechanism: mechanism.label, profile: profile.locations, truthfulOutcome: lottery,
            explanation: "Every agent reports \(fmt(a)) but \(mechanism.label) puts probability \(fmt(1 - mass)) elsewhere.")
    }
}

extension Unanimity: LinearFacilityAxiom {
    /// At (a, ..., a): p(x, a) = 1.
    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        guard let a = profile.first, profile.allSatisfy({ $0 == a }) else { return [] }
        return [LotteryRow([.init(profile: profile, outcome: grid.outcome(ofReport: a), coefficient: .one)], .equal, .one)]
    }
}
