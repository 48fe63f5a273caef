import Mechanisms

/// The axiom `desired-profile-approximate-ne` (spec strategic-bandits.md C.2): the desired
/// profile (s* on the click-bandit instance of A.6, truthful reports on the B.4 linear bandit)
/// is an ε-NE. Checked by `ApproximateNECheck` over a finite deviation family; a deviation whose
/// Bonferroni-corrected lower bound exceeds ε is a violation with its witness, otherwise no
/// violation was found (never "holds": the deviation family is finite and the test statistical).
///
/// Default ε: 0.02·T for the click-bandit, 0.05·T for the linear bandit (B-2).
public enum DesiredProfileNE {
    public static let id = StrategicBanditAxiomID.desiredProfileApproximateNE

    public struct Outcome: Sendable {
        public var mechanism: String
        public var horizon: Int
        public var seeds: Int
        public var epsilon: Double
        public var result: ApproximateNEResult
        /// The witness when its corrected lower bound exceeds ε.
        public var violation: DeviationGain? {
            guard let w = result.witness, w.lower > epsilon else { return nil }
            return w
        }
        public var verdict: String { violation == nil ? "no-violation-found" : "violated" }
    }

    public static func check(mechanism id: String, params: ParameterValues = ParameterValues(), horizon: Int?, seeds: Int,
                             epsilon: Double?, seed: UInt64 = 1, threads: Int) throws -> Outcome {
        let m = try MechanismRegistry.make(id, params)
        if m is any ClickBanditMechanism {
            let t = horizon ?? 10_000
            let setup = try ClickbaitSetup(means: [0.8, 0.7, 0.6, 0.5, 0.4], seed: seed)
            let study = ClickbaitEquilibriumStudy(setup: setup, horizons: [t], seeds: seeds, gridStep: 0.05)
            let r = try study.check(mechanism: id, horizon: t, arms: Array(0..<5), threads: threads)
            return Outcome(mechanism: m.label, horizon: t, seeds: seeds, epsilon: epsilon ?? 0.02 * Double(t), result: r)
        }
        if let l = m as? any LinearBanditMechanism {
            let t = horizon ?? 10_000
            let study = LinearDeviationStudy(setup: LinearBanditSetup(seed: seed), horizons: [t], seeds: seeds, scales: [0.5, 1.5, 2, 3],
                                             mechanisms: [LinearStudyMechanism(l)])
            let r = study.check(study.mechanisms[0], horizon: t, threads: threads)
            return Outcome(mechanism: m.label, horizon: t, seeds: seeds, epsilon: epsilon ?? 0.05 * Double(t), result: r)
        }
        throw MechanismError.wrongDomain(mechanism: id, expected: .strategicBandits)
    }
}
