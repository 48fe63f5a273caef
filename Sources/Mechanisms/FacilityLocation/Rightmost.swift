/// Rightmost: the facility at the largest report x_(n).
///
/// ```
/// f(x) = x_(n) = OS_1(x)
/// ```
/// It is the phantom mechanism with one phantom at 0 and n phantoms at 1 (derived).
///
/// Properties: strategyproof, anonymous, unanimous, Pareto efficient, continuous. Not strictly
/// monotone; violates IFS, UFS, proportionality, PF and Strong Proportionality: n = 2, x = (0, 1)
/// gives 1, and the agent at 0 pays 1 > 1/2 (derived, exact).
/// - Complexity: O(1) on a `FacilityProfile`.
/// References: Moulin (1980).
public struct Rightmost: DeterministicFacilityMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "rightmost", name: "Rightmost", domain: .facilityLocation,
        summary: "The largest report.",
        isRandomized: false,
        references: [FacilityLocationPapers.moulin],
        claims: FacilityClaims.orderStatistic(source: "derived: an order statistic, a strategyproof anonymous generalized median (Moulin 1980); fairness fails at n = 2, x = (0, 1)"))

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    @inline(__always)
    public func location(for profile: FacilityProfile) -> Double { profile.maximum }
}
