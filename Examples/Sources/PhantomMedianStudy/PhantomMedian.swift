import Mechanisms

/// Phantom Median: the median of the n reports and two fixed phantoms, `low` and `high`
/// (1/4 and 3/4 by default).
///
/// ```
/// z = sort(x_1, ..., x_n, low, high);   location = z_⌈(n + 2)/2⌉   (the lower median of n + 2 points)
/// ```
/// Properties: strategyproof and anonymous: a generalized median with fixed phantoms (Moulin
/// 1980, "On strategy-proofness and single peakedness", Public Choice 35). With one agent it is
/// the report clamped to [low, high], so it is **not** unanimous: one agent at 0 gets the
/// facility at `low`.
/// - Complexity: O(n log n) (it sorts the n + 2 points).
struct PhantomMedian: DeterministicFacilityMechanism {
    static let descriptor = MechanismDescriptor(
        id: "phantom-median", name: "Phantom Median", domain: .facilityLocation,
        summary: "The median of the reports and two fixed phantoms (1/4 and 3/4 by default).",
        isRandomized: false,
        parameters: [
            ParameterSpec(name: "low", kind: .real, summary: "the lower phantom", defaultValue: 0.25, minimum: 0, maximum: 1),
            ParameterSpec(name: "high", kind: .real, summary: "the upper phantom", defaultValue: 0.75, minimum: 0, maximum: 1),
        ],
        references: [PaperReference(authors: ["Hervé Moulin"], title: "On strategy-proofness and single peakedness",
                                    year: 1980, venue: "Public Choice 35")],
        claims: [Claim("strategyproofness", .satisfies, source: "Moulin (1980): a generalized median with fixed phantoms")])

    let low: Double
    let high: Double

    /// The phantoms are read from the descriptor's defaults when not given.
    init(low: Double = PhantomMedian.descriptor.defaultValue("low"),
         high: Double = PhantomMedian.descriptor.defaultValue("high")) throws(MechanismError) {
        guard low <= high else {
            throw .invalidParameter(mechanism: Self.descriptor.id, name: "low", value: low, expected: "a value <= high (\(high))")
        }
        self.low = low
        self.high = high
    }

    var descriptor: MechanismDescriptor { Self.descriptor }
    var parameters: ParameterValues { ParameterValues(["low": low, "high": high]) }

    func location(for profile: FacilityProfile) -> Double {
        let points = (profile.sorted + [low, high]).sorted()
        return points[(points.count + 1) / 2 - 1]
    }
}
