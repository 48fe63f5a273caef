/// The generalized median (Moulin's phantom mechanism): the median of the n reports and n + 1
/// fixed phantoms p_0 <= ... <= p_n.
///
/// ```
/// f(x) = med(x_1, ..., x_n, p_0, ..., p_n)       (the (n+1)-th smallest of 2n + 1 values)
/// ```
/// Phantom mechanisms are exactly the strategyproof, anonymous, peak-only rules (Moulin 1980);
/// unanimous iff p_0 = 0 and p_n = 1 on [0, 1]. The k-th order statistic has k phantoms at 0 and
/// n + 1 - k at 1; Uniform Phantom has p_k = k/n, which is the default (an empty `phantoms`
/// list).
///
/// Characterizations (derived; docs/reconstructions.md#phantom-characterisations): an anonymous unanimous phantom mechanism is UFS iff its
/// phantoms are uniform (proportionality on the endpoint profiles forces p_k = k/n), and IFS iff
/// p_1, ..., p_{n-1} lie in [1/n, 1 - 1/n].
/// - Parameters: `phantoms`, n + 1 numbers in [0, 1] (any order; sorted here), or none for the
///   uniform phantoms k/n.
/// - Complexity: O(n) on a `FacilityProfile` (a merge of two sorted lists).
/// References: Moulin (1980); Aziz, Lam, Lee, Walsh (2021), arXiv 2111.01566.
public struct Phantom: DeterministicFacilityMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "phantom", name: "Generalized median (phantom mechanism)", domain: .facilityLocation,
        summary: "Median of the n reports and n + 1 fixed phantoms (default: the uniform phantoms k/n).",
        isRandomized: false,
        parameters: [
            ParameterSpec(name: "phantoms", kind: .reals, summary: "n + 1 phantom locations in [0, 1]; empty for k/n",
                          defaultValue: nil, minimum: 0, maximum: 1, defaultList: [])
        ],
        references: [FacilityLocationPapers.moulin, FacilityLocationPapers.proportionalFairness],
        claims: UniformPhantom.descriptor.claims.map { c in
            var c = c
            c.source += " (default phantoms k/n: Uniform Phantom)"
            return c
        })

    /// The phantoms, sorted; empty means k/n for the profile's n.
    public let phantoms: [Double]

    public init(phantoms: [Double] = Phantom.descriptor.defaultList("phantoms")) throws(MechanismError) {
        for p in phantoms where !(p.isFinite && p >= 0 && p <= 1) {
            throw .invalidParameter(mechanism: Self.descriptor.id, name: "phantoms", value: p, expected: "numbers in [0, 1]")
        }
        self.phantoms = phantoms.sorted()
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { phantoms.isEmpty ? ParameterValues() : ParameterValues(lists: ["phantoms": phantoms]) }

    public func validate(agentCount: Int) throws(MechanismError) {
        guard agentCount >= 1 else { throw .invalidProfile("a profile needs at least one agent") }
        guard phantoms.isEmpty || phantoms.count == agentCount + 1 else {
            throw .parameterIncompatibleWithProfile(
                mechanism: Self.descriptor.id,
                reason: "\(phantoms.count) phantoms given, but \(agentCount) agents need \(agentCount + 1)")
        }
    }

    public func location(for profile: FacilityProfile) -> Double {
        let n = profile.count
        let s = profile.sorted
        // The (n+1)-th smallest of the merged sorted lists. At most n + 1 values are taken, so a
        // phantom index stays within 0 ... n.
        var i = 0, j = 0
        var last = 0.0
        for _ in 0...n {
            let p = phantoms.isEmpty ? Double(j) / Double(n) : phantoms[j]
            if i < n, s[i] <= p {
                last = s[i]; i += 1
            } else {
                last = p; j += 1
            }
        }
        return last
    }
}
