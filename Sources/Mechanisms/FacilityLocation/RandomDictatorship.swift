/// Random Dictatorship: draw an agent uniformly and place the facility at its report.
///
/// ```
/// P = (1/n) Σ_i δ(x_i)          (the same lottery as Random Rank on every profile)
/// ```
/// Decomposition: (1/n)·Dictatorship_i. Every component is strategyproof, so the mechanism is
/// universally truthful; none is anonymous, so it is **not** universally anonymous under its own
/// decomposition, although its lottery map is anonymous (and equals Random Rank's, whose
/// decomposition is anonymous; reconstruction: docs/reconstructions.md#decompositions).
///
/// Properties: as Random Rank in expectation (SP in expectation, IFS, UFS, PF, proportionality
/// and Strong Proportionality in expectation); not ex-post fair.
/// - Complexity: O(n) for the lottery; O(log n) for the expected costs.
/// References: the random dictatorship of the facility-location literature; Aziz et al. (2022),
/// arXiv 2205.14798, for Random Rank, whose lottery it shares.
public struct RandomDictatorship: FacilityLocationMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "random-dictatorship", name: "Random Dictatorship", domain: .facilityLocation,
        summary: "A uniformly drawn agent's report (components: the dictatorships).",
        isRandomized: true,
        references: [FacilityLocationPapers.randomRank],
        claims: FacilityClaims.randomRankLike(universallyAnonymous: false, source: "derived: the same lottery as Random Rank on every profile (exact grid check)"))

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func lottery(for profile: FacilityProfile) -> Lottery<Double> { RandomRank().lottery(for: profile) }
    public func expectedCosts(for profile: FacilityProfile) -> FacilityCosts { RandomRank().expectedCosts(for: profile) }
    public func expectedLocation(for profile: FacilityProfile) -> Double { profile.mean }

    public func components(agentCount n: Int) -> [FacilityComponent] {
        (0..<max(n, 1)).map { FacilityComponent(weight: 1 / Double(n), mechanism: Dictatorship(agent: $0)) }
    }
}
