import Mechanisms
import Solvers

/// Strategyproofness: no agent lowers its cost by misreporting.
///
/// ```
/// deterministic:  |f(x) - x_i| <= |f(x'_i, x_-i) - x_i|
/// lotteries:      E_{P(x)}|Y - x_i| <= E_{P(x'_i, x_-i)}|Y - x_i|      (in expectation)
/// ```
/// for all profiles x, agents i and misreports x'_i in [0, 1]. A violation needs a cost
/// reduction above `FacilityTolerance.cost`, so ties (AverageOrRandomRank has some) pass.
/// The same check is registered twice: as `strategyproofness` (the foundation's id) and as
/// `strategyproofness-in-expectation` (the id the facility-location papers use for randomized
/// mechanisms); for a deterministic mechanism both are plain strategyproofness.
/// Source: Moulin (1980); Procaccia and Tennenholtz (2013).
public struct StrategyProofness: FacilityAxiom {
    /// Which of the two ids the check reports under.
    public enum Naming: Sendable {
        case plain, inExpectation
    }

    public let naming: Naming

    public init(_ naming: Naming = .plain) { self.naming = naming }

    public var id: String { naming == .plain ? "strategyproofness" : "strategyproofness-in-expectation" }
    public var name: String { naming == .plain ? "Strategyproofness (in expectation for lotteries)" : "Strategyproofness in expectation" }
    public var definition: String {
        "No agent i lowers its (expected) cost E|Y - x_i| by reporting x'_i instead of x_i."
    }
    public var source: String { "Moulin (1980); Procaccia and Tennenholtz (2013)" }
    public var usesMisreports: Bool { true }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        manipulation(of: mechanism, at: profile, context: &context, axiom: id, component: nil)
    }
}

/// The first profitable misreport at `profile` (agents and misreports in ascending order), as a
/// witness; shared by strategyproofness and universal truthfulness.
func manipulation(
    of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext,
    axiom: String, component: String?
) -> FacilityWitness? {
    if let deterministic = mechanism.asDeterministic {
        // Opened once: the loop below then calls the concrete type's `location(for:)`.
        return deterministicManipulation(of: deterministic, at: profile, context: &context, axiom: axiom, component: component)
    }
    let truthfulLottery = mechanism.lottery(for: profile)
    for agent in 0..<profile.count {
        let x = profile.locations[agent]
        let truthful = truthfulLottery.expectation { abs($0 - x) }
        if truthful <= FacilityTolerance.cost { continue }
        for r in context.misreports where r != x {
            let manipulated = context.withDeviation(of: profile, agent: agent, report: r) { deviated in
                mechanism.lottery(for: deviated).expectation { abs($0 - x) }
            }
            if manipulated < truthful - FacilityTolerance.cost {
                return manipulationWitness(mechanism, profile, agent: agent, report: r, truthful: truthful,
                                           manipulated: manipulated, axiom: axiom, component: component)
            }
        }
    }
    return nil
}

/// The deterministic case of `manipulation`, generic so that the hot loop makes direct calls.
func deterministicManipulation<M: DeterministicFacilityMechanism>(
    of mechanism: M, at profile: FacilityProfile, context: inout CheckContext, axiom: String, component: String?
) -> FacilityWitness? {
    let y = mechanism.location(for: profile)
    for agent in 0..<profile.count {
        let x = profile.locations[agent]
        let truthful = abs(y - x)
        if truthful <= FacilityTolerance.cost { continue }
        for r in context.misreports where r != x {
            // The closure returns a number, not a witness: a large optional result would be
            // copied on every evaluation.
            let manipulated = context.withDeviation(of: profile, agent: agent, report: r) { deviated in
                abs(mechanism.location(for: deviated) - x)
            }
            if manipulated < truthful - FacilityTolerance.cost {
                return manipulationWitness(mechanism, profile, agent: agent, report: r, truthful: truthful,
                                           manipulated: manipulated, axiom: axiom, component: component)
            }
        }
    }
    return nil
}

func manipulationWitness(
    _ mechanism: any FacilityLocationMechanism, _ profile: FacilityProfile,
    agent: Int, report r: Double, truthful: Double, manipulated: Double, axiom: String, component: String?
) -> FacilityWitness {
    let x = profile.locations[agent]
    let deviated = profile.replacing(agent: agent, with: r)
    return FacilityWitness(
        axiom: axiom, mechanism: mechanism.label, profile: profile.locations, agent: agent, misreport: r,
        truthfulOutcome: mechanism.lottery(for: profile), manipulatedOutcome: mechanism.lottery(for: deviated),
        truthfulCost: truthful, manipulatedCost: manipulated, gain: truthful - manipulated,
        component: component,
        explanation: "Under \(mechanism.label), agent \(agent) at \(fmt(x)) lowers its expected cost from \(fmt(truthful)) to \(fmt(manipulated)) by reporting \(fmt(r)).")
}

func fmt(_ x: Double) -> String { NumberFormatting.short(x) }

extension StrategyProofness: LinearFacilityAxiom {
    /// For every agent i and misreport m on the grid:
    /// Σ_h |h - x_i| p(x, h) - Σ_h |h - x_i| p((m, x_-i), h) ≤ 0.
    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        var rows: [LotteryRow] = []
        for (i, a) in profile.enumerated() {
            // Agents with the same report as an earlier one give rows equal up to a permutation
            // of the profile; they are still distinct rows without anonymity.
            for m in grid.reports where m != a {
                var deviated = profile
                deviated[i] = m
                var terms = LotteryRow.expectation(at: profile, on: grid) { grid.distance(outcome: $0, report: a) }
                terms += LotteryRow.expectation(at: deviated, on: grid) { -grid.distance(outcome: $0, report: a) }
                rows.append(LotteryRow(terms, .lessOrEqual, .zero))
            }
        }
        return rows
    }
}
