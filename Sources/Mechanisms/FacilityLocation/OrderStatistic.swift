/// The k-th order statistic OS_k: the facility at the k-th highest report, x_(n-k+1).
///
/// ```
/// OS_k(x) = x_(n-k+1),   1 <= k <= n
/// ```
/// It is the phantom mechanism with k phantoms at 0 and n+1-k phantoms at 1.
///
/// Properties: strategyproof, anonymous, unanimous (Moulin 1980; its phantom form derived).
/// Not proportional for any k when n >= 2.
/// - Complexity: O(1) on a `FacilityProfile`.
/// References: Moulin (1980); Aziz et al. (2022), the components of Random Rank.
public struct OrderStatistic: DeterministicFacilityMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "order-statistic", name: "k-th highest report", domain: .facilityLocation,
        summary: "The k-th highest report x_(n-k+1).",
        isRandomized: false,
        parameters: [
            ParameterSpec(name: "k", kind: .integer, summary: "rank from the top (1 = rightmost); at most n",
                          defaultValue: 1, minimum: 1)
        ],
        references: [FacilityLocationPapers.moulin, FacilityLocationPapers.randomRank],
        claims: FacilityClaims.strategyproofCore(source: "Moulin (1980): a generalized median (k phantoms at 0, n + 1 - k at 1)"))

    /// The rank from the top, 1-based.
    public let k: Int

    public init(k: Int) throws(MechanismError) {
        guard k >= 1 else {
            throw .invalidParameter(mechanism: Self.descriptor.id, name: "k", value: Double(k), expected: "an integer >= 1")
        }
        self.k = k
    }

    /// For callers that have already established 1 <= k.
    init(validatedK k: Int) {
        self.k = k
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { ParameterValues(["k": Double(k)]) }

    public func validate(agentCount: Int) throws(MechanismError) {
        guard k <= agentCount else {
            throw .parameterIncompatibleWithProfile(
                mechanism: Self.descriptor.id,
                reason: "k = \(k) but the profile has only \(agentCount) agent(s); k must be at most n")
        }
    }

    @inline(__always)
    public func location(for profile: FacilityProfile) -> Double {
        profile.sorted[profile.count - k]
    }
}
