/// UCB on the post-click mean without screening: baseline B3 of the strategic click-bandit
/// (ours, docs/reconstructions.md#click-baselines; Kleine Buening et al. 2024 for the setting).
///
/// Plays argmax_i μ̄_i over all arms (ties at random), with the statistics and radii of UCB-S.
///
/// Properties: selection never depends on s, so s_i = 1 is a dominant strategy for every arm and
/// the learner earns u(1, μ_{i*}) per round in equilibrium: linear strong regret. The cleanest
/// "mechanism design matters" contrast to `ucb-s`, which differs only by screening.
public struct UCBMean: ConfidenceLearner {
    public static let descriptor = MechanismDescriptor(
        id: "ucb-mean", name: "UCB on the post-click mean (no screening)", domain: .strategicBandits,
        summary: "Optimistic post-click mean over all arms; click-rates are ignored entirely.",
        isRandomized: true, parameters: confidenceParameters,
        references: [StrategicBanditPapers.clickbait],
        claims: [Claim(StrategicBanditAxiomID.desiredProfileApproximateNE, .violates,
                       source: "derived: selection ignores s, so s_i = 1 is dominant and raising s above s* always gains clicks")],
        reconstruction: "baseline of our own (docs/reconstructions.md#click-baselines)")

    public let alpha: Double
    public let log: ConfidenceLog

    public init(alpha: Double = UCBMean.descriptor.defaultValue("alpha"),
                log: ConfidenceLog = UCBMean.descriptor.defaultFlag("anytime_log") ? .anytime : .horizon) {
        self.alpha = alpha
        self.log = log
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func run(_ instance: ClickBanditInstance, horizon: Int, checkpoints: [Int],
                    using rng: inout some RandomNumberGenerator) -> ClickBanditRun {
        var policy = UCBS.Policy(instance: instance, radius: ConfidenceRadius(alpha: alpha, log: log, horizon: horizon), screening: false)
        return playClickBandit(instance, horizon: horizon, checkpoints: checkpoints, policy: &policy, using: &rng)
    }
}
