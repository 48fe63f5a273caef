/// LRM (Procaccia and Tennenholtz): the leftmost report with probability 1/4, the rightmost with
/// probability 1/4, and their midpoint with probability 1/2.
///
/// ```
/// P = 1/4 δ(x_(1)) + 1/2 δ((x_(1) + x_(n))/2) + 1/4 δ(x_(n))
/// ```
/// Properties: strategyproof in expectation, max-cost ratio 3/2 (the best possible for SP in
/// expectation). **Not** universally truthful: its Midpoint component is manipulable, and no SP
/// decomposition exists (docs/reconstructions.md#decompositions). IFS in expectation; violates UFS, proportionality, PF and
/// Strong Proportionality in expectation for n >= 3 (n = 3, x = (0, 0, 1): expected group costs
/// 1 and 1/2).
/// - Complexity: O(1) on a `FacilityProfile`.
/// References: Procaccia and Tennenholtz (2013).
public struct LeftRightMiddle: FacilityLocationMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "lrm", name: "Left-Right-Middle", domain: .facilityLocation,
        summary: "Leftmost w.p. 1/4, rightmost w.p. 1/4, their midpoint w.p. 1/2.",
        isRandomized: true,
        references: [FacilityLocationPapers.procacciaTennenholtz],
        claims: FacilityClaims.leftRightMiddle)

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func lottery(for profile: FacilityProfile) -> Lottery<Double> {
        let lo = profile.minimum, hi = profile.maximum
        return Lottery.trusted(locations: [(lo, 0.25), ((lo + hi) / 2, 0.5), (hi, 0.25)])
    }

    public func components(agentCount: Int) -> [FacilityComponent] {
        [
            FacilityComponent(weight: 0.25, mechanism: Leftmost()),
            FacilityComponent(weight: 0.5, mechanism: Midpoint()),
            FacilityComponent(weight: 0.25, mechanism: Rightmost()),
        ]
    }
}
