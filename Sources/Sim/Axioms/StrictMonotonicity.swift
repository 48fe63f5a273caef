import Mechanisms

/// Strict monotonicity: raising one report strictly raises the facility.
///
/// ```
/// x'_i > x_i  =>  f(x'_i, x_-i) > f(x)        (E[Y] for lotteries)
/// ```
/// The Average satisfies it; medians, phantom mechanisms and the Midpoint (n >= 3) do not.
/// The papers state it for deterministic mechanisms; for a lottery this checks the expected
/// location, and no claim is made for the randomized mechanisms.
/// Source: Aziz et al. (2021), abstract; exact form: docs/reconstructions.md#fairness-axiom-forms.
public struct StrictMonotonicity: FacilityAxiom {
    public init() {}
    public var id: String { "strict-monotonicity" }
    public var name: String { "Strict monotonicity" }
    public var definition: String { "Raising one agent's report strictly raises the (expected) facility location." }
    public var source: String { "Aziz et al. (2021), arXiv 2111.01566, abstract; form: docs/reconstructions.md#fairness-axiom-forms" }
    public var usesMisreports: Bool { true }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        let before = mechanism.expectedLocation(for: profile)
        for agent in 0..<profile.count {
            let x = profile.locations[agent]
            for r in context.misreports where r > x {
                let after = context.withDeviation(of: profile, agent: agent, report: r) { mechanism.expectedLocation(for: $0) }
                if after <= before + FacilityTolerance.location {
                    let raised = profile.replacing(agent: agent, with: r)
                    return FacilityWitness(
                        axiom: id, mechanism: mechanism.label, profile: profile.locations, agent: agent, misreport: r,
                        truthfulOutcome: mechanism.lottery(for: profile), manipulatedOutcome: mechanism.lottery(for: raised),
                        explanation: "Raising agent \(agent)'s report from \(fmt(x)) to \(fmt(r)) moves \(mechanism.label) from \(fmt(before)) to \(fmt(after)), not strictly up.")
                }
            }
        }
        return nil
    }
}
