import Foundation

/// A learner (mechanism) for the strategic click-bandit: given the instance (whose click-rates
/// the arms chose) and a horizon, it plays T rounds and returns pulls, clicks and the screening
/// log.
///
/// Determinism: every round draws exactly three uniforms from `rng` (tie-break, click, reward)
/// whatever happens, so runs that share a seed and differ in one arm's click-rate use common
/// random numbers round by round.
public protocol ClickBanditMechanism: Mechanism {
    /// Plays `horizon` rounds. `checkpoints` (increasing rounds in 1...horizon) ask for the
    /// cumulative strong regret at those rounds in `ClickBanditRun.curve`.
    func run(_ instance: ClickBanditInstance, horizon: Int, checkpoints: [Int],
             using rng: inout some RandomNumberGenerator) -> ClickBanditRun
}

extension ClickBanditMechanism {
    public func run(_ instance: ClickBanditInstance, horizon: Int, using rng: inout some RandomNumberGenerator) -> ClickBanditRun {
        run(instance, horizon: horizon, checkpoints: [], using: &rng)
    }
}

/// The papers of the strategic-bandit family.
public enum StrategicBanditPapers {
    public static let clickbait = PaperReference(
        authors: ["Thomas Kleine Buening", "Aadirupa Saha", "Christos Dimitrakakis", "Haifeng Xu"],
        title: "Bandits Meet Mechanism Design to Combat Clickbait in Online Recommendation", year: 2024,
        venue: "ICLR 2024", arXiv: "2311.15647")
    public static let linear = PaperReference(
        authors: ["Thomas Kleine Buening", "Aadirupa Saha", "Christos Dimitrakakis", "Haifeng Xu"],
        title: "Strategic Linear Contextual Bandits", year: 2024, venue: "NeurIPS 2024", arXiv: "2406.00551")
}

/// The properties the strategic-bandit checkers of `Sim` know, by id.
public enum StrategicBanditAxiomID {
    /// The desired profile (s* for the click-bandit, truthful reports for the linear bandit) is
    /// an ε-NE with ε sublinear in T (Kleine Buening et al. 2024, Thm 5.2; the linear paper's OptGTM).
    public static let desiredProfileApproximateNE = "desired-profile-approximate-ne"
}

/// Which logarithm the confidence radii use: ln T (the horizon is known) or ln t (anytime).
public enum ConfidenceLog: Int, Sendable, Hashable {
    case horizon = 0
    case anytime = 1
}

/// Confidence radii sqrt(α · log / count), clipped intervals (α = 2 is our default: docs/reconstructions.md#ucb-s-radii).
struct ConfidenceRadius: Sendable {
    let alpha: Double
    let log: ConfidenceLog
    let logHorizon: Double

    init(alpha: Double, log: ConfidenceLog, horizon: Int) {
        self.alpha = alpha
        self.log = log
        self.logHorizon = Swift.max(1, Foundation.log(Double(horizon)))
    }

    /// α · (ln T or max(1, ln t)).
    @inline(__always)
    func scale(round t: Int) -> Double {
        log == .horizon ? alpha * logHorizon : alpha * Swift.max(1, Foundation.log(Double(t)))
    }
}

/// Per-arm statistics of the click-bandit learners: pulls n, clicks m, summed rewards S.
struct ClickStatistics: Sendable {
    var n: [Int]
    var m: [Int]
    var rewardSum: [Double]

    init(arms: Int) {
        n = Array(repeating: 0, count: arms)
        m = Array(repeating: 0, count: arms)
        rewardSum = Array(repeating: 0, count: arms)
    }

    @inline(__always)
    mutating func record(arm i: Int, clicked: Bool, reward: Double) {
        n[i] += 1
        if clicked { m[i] += 1; rewardSum[i] += reward }
    }

    /// [μ̲, μ̄] clipped to [0, 1]; [0, 1] without clicks.
    @inline(__always)
    func meanInterval(_ i: Int, scale: Double) -> (low: Double, high: Double) {
        guard m[i] > 0 else { return (0, 1) }
        let c = Double(m[i])
        let r = (scale / c).squareRoot()
        let mean = rewardSum[i] / c
        return (Swift.max(0, mean - r), Swift.min(1, mean + r))
    }

    /// [s̲, s̄] clipped to [0, 1]; [0, 1] without pulls.
    @inline(__always)
    func clickRateInterval(_ i: Int, scale: Double) -> (low: Double, high: Double) {
        guard n[i] > 0 else { return (0, 1) }
        let c = Double(n[i])
        let r = (scale / c).squareRoot()
        let s = Double(m[i]) / c
        return (Swift.max(0, s - r), Swift.min(1, s + r))
    }

    /// μ̄ for ranking: +∞ without clicks, so that the arm is explored.
    @inline(__always)
    func meanIndex(_ i: Int, scale: Double) -> Double {
        m[i] == 0 ? .infinity : meanInterval(i, scale: scale).high
    }
}

/// A uniform double in [0, 1) from 53 random bits.
@inline(__always)
func unitUniform(_ rng: inout some RandomNumberGenerator) -> Double {
    Double(rng.next() >> 11) * 0x1.0p-53
}

/// The argmax of `values` over the arms with `active[i]`, ties broken by `u` in [0, 1)
/// uniformly among the maximizers; nil when no arm is active.
@inline(__always)
func argmaxRandomTie(_ values: [Double], active: [Bool], u: Double) -> Int? {
    var best = -Double.infinity, count = 0
    for i in 0..<values.count where active[i] {
        let v = values[i]
        if v > best || count == 0 { best = v; count = 1 } else if v == best { count += 1 }
    }
    guard count > 0 else { return nil }
    if count == 1 {
        for i in 0..<values.count where active[i] && values[i] == best { return i }
    }
    var k = Swift.min(count - 1, Int(u * Double(count)))
    for i in 0..<values.count where active[i] && values[i] == best {
        if k == 0 { return i }
        k -= 1
    }
    return nil
}

/// What a click-bandit learner does each round: choose an arm, then learn from the outcome.
protocol ClickBanditPolicy {
    /// The arm for round `t` (1-based); `u` is a uniform in [0, 1) for tie-breaking and the
    /// uniform fallback.
    mutating func select(round t: Int, u: Double) -> Int
    mutating func update(arm i: Int, clicked: Bool, reward: Double, round t: Int)
    var screenedOutAt: [Int?] { get }
    var allScreenedOutAt: Int? { get }
}

/// The round loop shared by every click-bandit learner: three uniforms per round (tie-break,
/// click ~ Bernoulli(s_i), reward ~ Bernoulli(μ_i) seen only after a click).
func playClickBandit<P: ClickBanditPolicy>(
    _ instance: ClickBanditInstance, horizon: Int, checkpoints: [Int],
    policy: inout P, using rng: inout some RandomNumberGenerator
) -> ClickBanditRun {
    let k = instance.armCount
    let s = instance.clickRates, mu = instance.means
    var pulls = [Int](repeating: 0, count: k), clicks = [Int](repeating: 0, count: k)
    let played = instance.playedValues
    let benchmark = instance.strongBenchmark
    var curve: [Double] = []
    curve.reserveCapacity(checkpoints.count)
    var nextCheckpoint = 0
    var regret = 0.0
    if horizon >= 1 {
        for t in 1...horizon {
            let uTie = unitUniform(&rng), uClick = unitUniform(&rng), uReward = unitUniform(&rng)
            let i = policy.select(round: t, u: uTie)
            pulls[i] += 1
            let clicked = uClick < s[i]
            var reward = 0.0
            if clicked {
                clicks[i] += 1
                reward = uReward < mu[i] ? 1 : 0
            }
            policy.update(arm: i, clicked: clicked, reward: reward, round: t)
            if !checkpoints.isEmpty {
                regret += benchmark - played[i]
                while nextCheckpoint < checkpoints.count && checkpoints[nextCheckpoint] == t {
                    curve.append(regret)
                    nextCheckpoint += 1
                }
            }
        }
    }
    return ClickBanditRun(pulls: pulls, clicks: clicks, screenedOutAt: policy.screenedOutAt,
                          allScreenedOutAt: policy.allScreenedOutAt, curve: curve)
}

/// A click-bandit learner with UCB confidence radii: α and the log term are its parameters.
protocol ConfidenceLearner: ClickBanditMechanism {
    var alpha: Double { get }
    var log: ConfidenceLog { get }
}

extension ConfidenceLearner {
    public var parameters: ParameterValues { ParameterValues(["alpha": alpha, "anytime_log": Double(log.rawValue)]) }
}

extension ParameterValues {
    /// The 0/1 parameter `name` as a confidence log (1: anytime).
    func confidenceLog(_ name: String) throws(MechanismError) -> ConfidenceLog { try flag(name) ? .anytime : .horizon }
}

let confidenceParameters: [ParameterSpec] = [
    ParameterSpec(name: "alpha", kind: .real, summary: "confidence constant α of the radii sqrt(α·log/count)",
                  defaultValue: 2, minimum: 0),
    ParameterSpec(name: "anytime_log", kind: .integer,
                  summary: "0: the radii use ln T (default); 1: they use max(1, ln t)", defaultValue: 0, minimum: 0, maximum: 1),
]
