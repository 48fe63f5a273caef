/// UCB-S, "UCB with Screening" (Kleine Buening, Saha, Dimitrakakis and Xu 2024, Mechanism 1;
/// arXiv 2311.15647): among the arms not yet screened out, play the largest
/// optimistic post-click mean μ̄_i (ties at random); after each round, screen out the arm just
/// played when its click-rate interval [s̲, s̄] is disjoint from the image of its μ-interval
/// under s* (both directions: credible clickbait and credible under-clicking). Screening is
/// permanent; when every arm is out, play uniformly at random.
///
/// Statistics: ŝ_i = m_i/n_i, μ̂_i = S_i/m_i, radii sqrt(α·log/n_i) and sqrt(α·log/m_i) clipped
/// to [0, 1], an unclicked arm has μ̄ = +∞; log is ln T or, with `anytime_log = 1`, max(1, ln t).
///
/// Properties (paper, Thm 5.2 and Cor. 5.4): the desired profile s* is an approximate NE and
/// in every NE the strong strategic regret is Õ(√(KT)). Selection never depends on s, so an
/// arm's pulls depend on its click-rate only through screening.
///
/// Reconstructed: the confidence constants (α = 2 is ours) and the exact form of the radii.
public struct UCBS: ConfidenceLearner {
    public static let descriptor = MechanismDescriptor(
        id: "ucb-s", name: "UCB with screening", domain: .strategicBandits,
        summary: "Optimistic post-click mean among unscreened arms; screen arms whose click-rate is credibly not s*(mu).",
        isRandomized: true, parameters: confidenceParameters,
        references: [StrategicBanditPapers.clickbait],
        claims: [Claim(StrategicBanditAxiomID.desiredProfileApproximateNE, .satisfies,
                       source: "Kleine Buening et al. 2024, Thm 5.2 (s* is an O~(sqrt T)-NE; experiment A-3); checked at the axiom's defaults: T = 3e4, epsilon = (1 + L/sqrt(s*)) sqrt(alpha T ln T), 10 seeds",
                       provenance: .derived("the paper's sqrt(T log T) rate (Thm 5.2); the screening window and epsilon's constant derived in DesiredProfileNE from our radii; test BanditClaimsTests"))],
        reconstruction: "confidence radii sqrt(alpha log / count) with alpha = 2 and ln T are ours (docs/reconstructions.md#ucb-s-radii)")

    public let alpha: Double
    public let log: ConfidenceLog

    public init(alpha: Double = UCBS.descriptor.defaultValue("alpha"),
                log: ConfidenceLog = UCBS.descriptor.defaultFlag("anytime_log") ? .anytime : .horizon) {
        self.alpha = alpha
        self.log = log
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func run(_ instance: ClickBanditInstance, horizon: Int, checkpoints: [Int],
                    using rng: inout some RandomNumberGenerator) -> ClickBanditRun {
        var policy = Policy(instance: instance, radius: ConfidenceRadius(alpha: alpha, log: log, horizon: horizon), screening: true)
        return playClickBandit(instance, horizon: horizon, checkpoints: checkpoints, policy: &policy, using: &rng)
    }

    /// UCB on μ̄, with or without screening (UCB-S and the baseline `ucb-mean`).
    struct Policy: ClickBanditPolicy {
        let utility: any ClickUtility
        let radius: ConfidenceRadius
        let screening: Bool
        var stats: ClickStatistics
        var index: [Double]
        var active: [Bool]
        var activeCount: Int
        var screenedOutAt: [Int?]
        var allScreenedOutAt: Int?

        init(instance: ClickBanditInstance, radius: ConfidenceRadius, screening: Bool) {
            let k = instance.armCount
            utility = instance.utility
            self.radius = radius
            self.screening = screening
            stats = ClickStatistics(arms: k)
            index = Array(repeating: .infinity, count: k)
            active = Array(repeating: true, count: k)
            activeCount = k
            screenedOutAt = Array(repeating: nil, count: k)
        }

        mutating func select(round t: Int, u: Double) -> Int {
            if radius.log == .anytime {
                let scale = radius.scale(round: t)
                for i in 0..<index.count { index[i] = stats.meanIndex(i, scale: scale) }
            }
            if activeCount == 0 { return Swift.min(index.count - 1, Int(u * Double(index.count))) }
            return argmaxRandomTie(index, active: active, u: u) ?? 0
        }

        mutating func update(arm i: Int, clicked: Bool, reward: Double, round t: Int) {
            stats.record(arm: i, clicked: clicked, reward: reward)
            let scale = radius.scale(round: t)
            index[i] = stats.meanIndex(i, scale: scale)
            guard screening, active[i] else { return }
            let mu = stats.meanInterval(i, scale: scale)
            let s = stats.clickRateInterval(i, scale: scale)
            let (lower, upper) = utility.desiredClickRateRange(meanLow: mu.low, meanHigh: mu.high)
            if s.high < lower || s.low > upper {
                active[i] = false
                activeCount -= 1
                screenedOutAt[i] = t
                if activeCount == 0 { allScreenedOutAt = t }
            }
        }
    }
}
