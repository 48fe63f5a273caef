/// The incentive-unaware optimistic-utility UCB: baseline B2 of the strategic click-bandit
/// (Kleine Buening et al. 2024, the "UCB" of Figs. 3 and 4; docs/reconstructions.md#click-baselines).
///
/// Same statistics as UCB-S and no screening; the index is the optimistic utility over the
/// confidence box, ū_i = max of u(s, μ) over s in [s̲_i, s̄_i] and μ in [μ̲_i, μ̄_i] (for fixed
/// μ the best s is s*(μ) clipped to the s-interval; the maximum over μ is taken on a 41-point
/// grid plus the endpoints). An unpulled arm has ū = +∞.
///
/// Properties: an ordinary no-regret learner for u when click-rates are not strategic; with
/// strategic arms the best arm clickbaits up to s′ and the strong strategic regret is linear
/// (Prop. 4.1; experiment A-1: R_T/T ≈ 0.072 on its instance).
///
/// Reconstructed: the paper's exact baseline is not verified (docs/reconstructions.md#click-baselines).
public struct UCBUtility: ConfidenceLearner {
    public static let descriptor = MechanismDescriptor(
        id: "ucb-utility", name: "Optimistic-utility UCB (incentive-unaware)", domain: .strategicBandits,
        summary: "Largest optimistic utility u over each arm's (s, mu) confidence box; no screening.",
        isRandomized: true, parameters: confidenceParameters,
        references: [StrategicBanditPapers.clickbait],
        claims: [Claim(StrategicBanditAxiomID.desiredProfileApproximateNE, .violates,
                       source: "Kleine Buening et al. 2024, Prop. 4.1 (experiment A-3: arm 1 gains >= 0.05 T by moving to s')")],
        reconstruction: "the form of the paper's incentive-unaware UCB is reconstructed (docs/reconstructions.md#click-baselines)")

    public let alpha: Double
    public let log: ConfidenceLog

    public init(alpha: Double = UCBUtility.descriptor.defaultValue("alpha"),
                log: ConfidenceLog = UCBUtility.descriptor.defaultFlag("anytime_log") ? .anytime : .horizon) {
        self.alpha = alpha
        self.log = log
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func run(_ instance: ClickBanditInstance, horizon: Int, checkpoints: [Int],
                    using rng: inout some RandomNumberGenerator) -> ClickBanditRun {
        var policy = Policy(instance: instance, radius: ConfidenceRadius(alpha: alpha, log: log, horizon: horizon))
        return playClickBandit(instance, horizon: horizon, checkpoints: checkpoints, policy: &policy, using: &rng)
    }

    /// The optimistic utility of arm i under `scale` = α·log.
    static func optimisticIndex(_ stats: ClickStatistics, _ i: Int, scale: Double, utility: any ClickUtility) -> Double {
        guard stats.n[i] > 0 else { return .infinity }
        let s = stats.clickRateInterval(i, scale: scale)
        let mu = stats.meanInterval(i, scale: scale)
        return utility.optimisticValue(sLow: s.low, sHigh: s.high, muLow: mu.low, muHigh: mu.high)
    }

    struct Policy: ClickBanditPolicy {
        let utility: any ClickUtility
        let radius: ConfidenceRadius
        var stats: ClickStatistics
        var index: [Double]
        let all: [Bool]

        init(instance: ClickBanditInstance, radius: ConfidenceRadius) {
            utility = instance.utility
            self.radius = radius
            stats = ClickStatistics(arms: instance.armCount)
            index = Array(repeating: .infinity, count: instance.armCount)
            all = Array(repeating: true, count: instance.armCount)
        }

        mutating func select(round t: Int, u: Double) -> Int {
            if radius.log == .anytime {
                let scale = radius.scale(round: t)
                for i in 0..<index.count { index[i] = UCBUtility.optimisticIndex(stats, i, scale: scale, utility: utility) }
            }
            return argmaxRandomTie(index, active: all, u: u) ?? 0
        }

        mutating func update(arm i: Int, clicked: Bool, reward: Double, round t: Int) {
            stats.record(arm: i, clicked: clicked, reward: reward)
            index[i] = UCBUtility.optimisticIndex(stats, i, scale: radius.scale(round: t), utility: utility)
        }

        var screenedOutAt: [Int?] { Array(repeating: nil, count: index.count) }
        var allScreenedOutAt: Int? { nil }
    }
}
