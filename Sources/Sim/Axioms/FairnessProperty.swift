import Mechanisms

/// Whether a fairness axiom is judged at every outcome of the lottery or on expectations.
public enum FairnessMode: Sendable, Hashable {
    /// At every location in the lottery's support (for a deterministic mechanism: its outcome).
    case exPost
    /// With every distance replaced by the expected distance E|Y - ·| and the location by E[Y].
    case inExpectation
}

/// A proportionality-type property of one outcome: given each location's (expected) distance
/// to the facility and the (expected) location, say what is violated, if anything.
///
/// All these properties are linear in the lottery, so the in-expectation version is the same
/// predicate applied to expected distances (docs/reconstructions.md#fairness-axiom-forms).
public protocol FairnessProperty: FacilityAxiom {
    var mode: FairnessMode { get }
    /// The property's base id (`individual-fair-share`); the axiom id adds `-in-expectation`.
    var baseID: String { get }
    /// A violation at `profile` for distances `distance(x)` and location `location`, as
    /// (the agent to name, a sentence), or nil.
    func violation(at profile: FacilityProfile, distance: (Double) -> Double, location: Double) -> (agent: Int?, reason: String)?
}

extension FairnessProperty {
    public var id: String { mode == .exPost ? baseID : baseID + "-in-expectation" }
    public var usesMisreports: Bool { false }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        let lottery = mechanism.lottery(for: profile)
        switch mode {
        case .exPost:
            for e in lottery.entries {
                let y = e.outcome
                if let v = violation(at: profile, distance: { abs(y - $0) }, location: y) {
                    return FacilityWitness(
                        axiom: id, mechanism: mechanism.label, profile: profile.locations, agent: v.agent,
                        truthfulOutcome: lottery,
                        explanation: "\(mechanism.label) can place the facility at \(fmt(y)) (probability \(fmt(e.probability))), where \(v.reason)")
                }
            }
            return nil
        case .inExpectation:
            let v = violation(at: profile, distance: { x in lottery.expectation { abs($0 - x) } }, location: lottery.mean)
            return v.map {
                FacilityWitness(
                    axiom: id, mechanism: mechanism.label, profile: profile.locations, agent: $0.agent, truthfulOutcome: lottery,
                    explanation: "In expectation under \(mechanism.label), \($0.reason)")
            }
        }
    }
}

/// The tolerance on fairness inequalities and equalities (see `FacilityTolerance.cost`).
let fairnessTolerance = FacilityTolerance.cost
