import Mechanisms
import Solvers

/// Anonymity: the outcome does not depend on who reported what.
///
/// ```
/// P(x_σ) = P(x) for every permutation σ      (lotteries compared after merging)
/// ```
/// Checker: compares the profile with its sorted rearrangement. Over a full grid every ordered
/// profile is compared with the same sorted one, which covers every permutation.
/// Source: the standard definition (permuting the reports does not change the outcome).
public struct Anonymity: FacilityAxiom {
    public init() {}
    public var id: String { "anonymity" }
    public var name: String { "Anonymity" }
    public var definition: String { "Permuting the reports leaves the outcome lottery unchanged." }
    public var source: String { "standard definition" }
    public var usesMisreports: Bool { false }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        let permuted = profile.sorted
        if permuted == profile.locations { return nil }
        let original = mechanism.lottery(for: profile)
        let other = mechanism.lottery(for: FacilityProfile(trusted: permuted))
        let gap = original.distance(to: other, locationTolerance: FacilityTolerance.location)
        guard gap > FacilityTolerance.probability else { return nil }
        return FacilityWitness(
            axiom: id, mechanism: mechanism.label, profile: profile.locations,
            truthfulOutcome: original, manipulatedOutcome: other, permutedProfile: permuted,
            explanation: "Sorting the reports (\(profile.locations.map(fmt).joined(separator: ", "))) changes the outcome of \(mechanism.label).")
    }
}

extension Anonymity: LinearFacilityAxiom {
    /// p(x, h) = p(sorted x, h) for every outcome h. The design program imposes these by solving
    /// over sorted profiles (multisets) only, where every such row reads 0 = 0.
    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        let sorted = profile.sorted()
        guard sorted != profile else { return [] }
        return grid.outcomes.map { h in
            LotteryRow([.init(profile: profile, outcome: h, coefficient: .one), .init(profile: sorted, outcome: h, coefficient: -.one)], .equal, .zero)
        }
    }
}
