/// Leftmost: the facility at the smallest report x_(1).
///
/// ```
/// f(x) = x_(1) = OS_n(x)
/// ```
/// It is the phantom mechanism with n phantoms at 0 and one at 1 (derived).
///
/// Properties: strategyproof, anonymous, unanimous, Pareto efficient, continuous. Not strictly
/// monotone; violates IFS, UFS, proportionality, PF and Strong Proportionality: n = 2, x = (0, 1)
/// gives 0, and the agent at 1 pays 1 > 1/2 (derived, exact).
/// - Complexity: O(1) on a `FacilityProfile`.
/// References: Moulin (1980).
public struct Leftmost: DeterministicFacilityMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "leftmost", name: "Leftmost", domain: .facilityLocation,
        summary: "The smallest report.",
        isRandomized: false,
        references: [FacilityLocationPapers.moulin],
        claims: FacilityClaims.orderStatistic(source: "derived: an order statistic, a strategyproof anonymous generalized median (Moulin 1980); fairness fails at n = 2, x = (0, 1)"))

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    @inline(__always)
    public func location(for profile: FacilityProfile) -> Double { profile.minimum }
}
