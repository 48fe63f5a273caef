import Mechanisms
import Solvers

/// Universal anonymity: the mechanism is a report-independent mixture of deterministic
/// anonymous mechanisms.
///
/// Checker: anonymity of every component of the declared decomposition (sufficient, not
/// necessary: Random Dictatorship fails under its own decomposition although its lottery map
/// equals Random Rank's, which passes).
/// Source: Aziz, Lam, Suzuki, Walsh (2022), abstract; checked on a declared decomposition (docs/reconstructions.md#decompositions).
public struct UniversalAnonymity: FacilityAxiom {
    public init() {}
    public var id: String { "universal-anonymity" }
    public var name: String { "Universal anonymity" }
    public var definition: String { "Every component of the declared decomposition is anonymous." }
    public var source: String { "Aziz et al. (2022), arXiv 2205.14798, abstract; check: docs/reconstructions.md#decompositions" }
    public var usesMisreports: Bool { false }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        for c in mechanism.components(agentCount: profile.count) where c.weight > 0 {
            if var w = Anonymity().violation(of: c.mechanism, at: profile, context: &context) {
                w.axiom = id
                w.mechanism = mechanism.label
                w.component = c.mechanism.label
                w.explanation = "Component \(c.mechanism.label) (weight \(fmt(c.weight))) of \(mechanism.label) is not anonymous: " + w.explanation
                return w
            }
        }
        return nil
    }
}

extension UniversalAnonymity: LinearFacilityAxiom {
    /// Under determinism a mechanism is its own decomposition: anonymity's rows.
    public var linearScope: LinearScope { .deterministicOnly }
    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        Anonymity().lotteryRows(at: profile, on: grid)
    }
}
