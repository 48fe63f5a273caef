/// The Average: the facility at the mean report.
///
/// ```
/// f(x) = (1/n) Σ_i x_i
/// ```
/// Properties: anonymous, unanimous, continuous and strictly monotone; IFS, UFS, PF,
/// proportional and Strong Proportional (on a two-group profile the mean equalizes the groups'
/// total costs). **Not** strategyproof: n = 2, x = (1/5, 3/5), agent 0 reports 0 and moves the
/// facility from 2/5 to 3/10, lowering its cost from 1/5 to 1/10 (derived, exact). Its pure Nash
/// equilibrium outcome is the Uniform Phantom outcome (Aziz et al. 2021; Renault and Trannoy 2005).
/// - Complexity: O(1) on a `FacilityProfile` (prefix sums).
/// References: Aziz et al. (2021), arXiv 2111.01566; Renault and Trannoy (2005) for its equilibrium.
public struct Average: DeterministicFacilityMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "average", name: "Average", domain: .facilityLocation,
        summary: "The mean of the reports.",
        isRandomized: false,
        references: [FacilityLocationPapers.proportionalFairness],
        claims: [
            Claim("strategyproofness", .violates, source: "derived: counterexample n = 2, x = (1/5, 3/5), agent 1 reports 0", minimalAgents: 2),
            Claim("strategyproofness-in-expectation", .violates, source: "derived: counterexample n = 2, x = (1/5, 3/5)", minimalAgents: 2),
            Claim("universal-truthfulness", .violates, source: "deterministic and not strategyproof", minimalAgents: 2),
            Claim("anonymity", .satisfies, source: "the mean is symmetric"),
            Claim("universal-anonymity", .satisfies, source: "deterministic and anonymous"),
            Claim("unanimity", .satisfies, source: "the mean of (a, ..., a) is a"),
            Claim("pareto-efficiency", .satisfies, source: "the mean lies between the extremes"),
            Claim("continuity", .satisfies, source: "Aziz et al. (2021): continuous"),
            Claim("strict-monotonicity", .satisfies, source: "Aziz et al. (2021): strictly monotone"),
        ] + FacilityClaims.allFairness(.satisfies, source: "derived: the mean is within the PF bound of every group (proof in docs/reconstructions.md#facility-axiom-matrix)"))

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    @inline(__always)
    public func location(for profile: FacilityProfile) -> Double {
        min(profile.maximum, max(profile.minimum, profile.mean))
    }
}
