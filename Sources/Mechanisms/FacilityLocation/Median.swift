/// The left median: the facility at x_(ceil(n/2)), the ceil(n/2)-th smallest report.
///
/// ```
/// f(x) = x_(⌈n/2⌉)
/// ```
/// For odd n this is the median; for even n the left of the two middle reports (any point
/// between them is optimal for total cost; we fix the left one; docs/reconstructions.md#facility-model-and-ratios).
///
/// Properties: strategyproof, anonymous, unanimous, Pareto efficient, total-cost optimal
/// (Moulin 1980). Does **not** satisfy IFS, UFS, proportionality or Strong Proportionality:
/// n = 3, x = (0, 0, 1) gives 0 where proportionality asks for 1/3.
/// - Complexity: O(1) on a `FacilityProfile` (already sorted).
/// References: Moulin (1980).
public struct Median: DeterministicFacilityMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "median", name: "Median (left)", domain: .facilityLocation,
        summary: "The ceil(n/2)-th smallest report: the left median.",
        isRandomized: false,
        references: [FacilityLocationPapers.moulin],
        claims: FacilityClaims.orderStatistic(source: "Moulin (1980): order statistics are strategyproof and anonymous; fairness violations derived (n = 2, x = (0, 1))"))

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    @inline(__always)
    public func location(for profile: FacilityProfile) -> Double {
        profile.sorted[(profile.count + 1) / 2 - 1]
    }
}
