import Mechanisms
import Solvers

/// Universal truthfulness: the mechanism is a report-independent mixture of deterministic
/// strategyproof mechanisms.
///
/// Checker: strategyproofness of every component of the declared decomposition
/// (`components(agentCount:)`). This is sufficient, not necessary: random dictatorship fails it
/// under its own decomposition only if a dictatorship were manipulable (it is not), while LRM
/// fails because its Midpoint component is manipulable. A deterministic mechanism is its own
/// single component, so for it this is plain strategyproofness.
/// Source: Aziz et al. (2022), arXiv 2205.14798; checked on a declared decomposition
/// (docs/reconstructions.md#decompositions).
public struct UniversalTruthfulness: FacilityAxiom {
    public init() {}
    public var id: String { "universal-truthfulness" }
    public var name: String { "Universal truthfulness" }
    public var definition: String {
        "Every component of the mechanism's declared decomposition into deterministic mechanisms is strategyproof."
    }
    public var source: String { "Aziz et al. (2022), arXiv 2205.14798, abstract; check: docs/reconstructions.md#decompositions" }
    public var usesMisreports: Bool { true }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        for c in mechanism.components(agentCount: profile.count) where c.weight > 0 {
            if var w = manipulation(of: c.mechanism, at: profile, context: &context, axiom: id, component: c.mechanism.label) {
                w.mechanism = mechanism.label
                w.explanation = "Component \(c.mechanism.label) (weight \(fmt(c.weight))) of \(mechanism.label) is manipulable: " + w.explanation
                return w
            }
        }
        return nil
    }
}

extension UniversalTruthfulness: LinearFacilityAxiom {
    /// Under determinism a mechanism is its own decomposition: strategyproofness's rows.
    public var linearScope: LinearScope { .deterministicOnly }
    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        StrategyProofness().lotteryRows(at: profile, on: grid)
    }
}
