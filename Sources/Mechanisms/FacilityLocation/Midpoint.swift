/// The Midpoint: the facility halfway between the leftmost and the rightmost report.
///
/// ```
/// f(x) = (x_(1) + x_(n)) / 2
/// ```
/// It minimizes the maximum cost (ratio 1). Properties: anonymous, unanimous, IFS.
/// **Not** strategyproof: n = 3, x = (0, 1/2, 9/10), agent 2 reports 1 and moves the facility
/// from 9/20 to 1/2, lowering its cost from 9/20 to 2/5 (derived, exact); for n = 2 it is the Average.
/// - Complexity: O(1) on a `FacilityProfile`.
/// References: Procaccia and Tennenholtz (2013).
public struct Midpoint: DeterministicFacilityMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "midpoint", name: "Midpoint", domain: .facilityLocation,
        summary: "Halfway between the leftmost and the rightmost report.",
        isRandomized: false,
        references: [FacilityLocationPapers.procacciaTennenholtz],
        claims: [
            Claim("strategyproofness", .violates, source: "derived: counterexample n = 3, x = (0, 1/2, 9/10), agent 3 reports 1", minimalAgents: 2),
            Claim("strategyproofness-in-expectation", .violates, source: "derived: counterexample n = 3, x = (0, 1/2, 9/10)", minimalAgents: 2),
            Claim("universal-truthfulness", .violates, source: "deterministic and not strategyproof", minimalAgents: 2),
            Claim("anonymity", .satisfies, source: "depends on the extremes only"),
            Claim("universal-anonymity", .satisfies, source: "deterministic and anonymous"),
            Claim("unanimity", .satisfies, source: "the midpoint of [a, a] is a"),
            Claim("pareto-efficiency", .satisfies, source: "between the extremes"),
            Claim("continuity", .satisfies, source: "a continuous function of the extremes"),
            Claim("strict-monotonicity", .violates, source: "a middle report does not move it (strictly monotone for n = 2)", minimalAgents: 3),
            Claim("individual-fair-share", .satisfies, source: "derived: the midpoint is within 1/2 of every agent"),
            Claim("individual-fair-share-in-expectation", .satisfies, source: "derived: the midpoint is within 1/2 of every agent"),
        ] + ["unanimous-fair-share", "proportionality", "proportional-fairness", "strong-proportionality"].flatMap { id in
            [Claim(id, .violates, source: "derived: counterexample n = 3, x = (0, 0, 1), midpoint 1/2 (holds for n = 2)", minimalAgents: 3),
             Claim(id + "-in-expectation", .violates, source: "derived: counterexample n = 3, x = (0, 0, 1), midpoint 1/2 (holds for n = 2)", minimalAgents: 3)]
        })

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    @inline(__always)
    public func location(for profile: FacilityProfile) -> Double {
        (profile.minimum + profile.maximum) / 2
    }
}
