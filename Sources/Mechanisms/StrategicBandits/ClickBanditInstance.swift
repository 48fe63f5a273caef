/// An instance of the strategic click-bandit (Kleine Buening et al. 2024, arXiv 2311.15647, §2): K arms
/// with Bernoulli post-click rewards of mean μ_i, the click-rates s_i the arms chose, and the
/// learner's utility u.
///
/// Derived: s*_i = s*(μ_i), u*_i = u(s*_i, μ_i), the benchmark of the strong strategic regret
/// max_i u*_i, and of the weak strategic regret max_i u(s_i, μ_i).
public struct ClickBanditInstance: Sendable {
    public let means: [Double]
    public var clickRates: [Double]
    public let utility: any ClickUtility

    /// - Throws: `MechanismError.invalidProfile` naming the key (`means`, `click_rates`) and
    ///   what was expected when a value is outside [0, 1], the lists are empty, or their lengths
    ///   differ.
    public init(means: [Double], clickRates: [Double], utility: any ClickUtility) throws(MechanismError) {
        guard !means.isEmpty else { throw .invalidProfile("means: expected at least one arm, got an empty list") }
        for (i, m) in means.enumerated() where !(m.isFinite && m >= 0 && m <= 1) {
            throw .invalidProfile("means[\(i)]: expected a number in [0, 1], got \(formatParameter(m))")
        }
        guard clickRates.count == means.count else {
            throw .invalidProfile("click_rates: expected \(means.count) values (one per mean), got \(clickRates.count)")
        }
        for (i, s) in clickRates.enumerated() where !(s.isFinite && s >= 0 && s <= 1) {
            throw .invalidProfile("click_rates[\(i)]: expected a number in [0, 1], got \(formatParameter(s))")
        }
        self.means = means
        self.clickRates = clickRates
        self.utility = utility
    }

    public var armCount: Int { means.count }
    /// s*_i.
    public var desiredClickRates: [Double] { means.map { utility.desiredClickRate(mean: $0) } }
    /// u*_i.
    public var bestValues: [Double] { means.map { utility.bestValue(mean: $0) } }
    /// u(s_i, μ_i) at the click-rates played.
    public var playedValues: [Double] { zip(clickRates, means).map { utility.value(clickRate: $0, mean: $1) } }
    /// max_i u*_i: the strong benchmark per round.
    public var strongBenchmark: Double { bestValues.max() ?? 0 }
    /// max_i u(s_i, μ_i): the weak benchmark per round.
    public var weakBenchmark: Double { playedValues.max() ?? 0 }

    /// The same arms with other click-rates (unchecked beyond [0, 1] clipping).
    public func with(clickRates s: [Double]) -> ClickBanditInstance {
        var copy = self
        copy.clickRates = s.map { min(1, max(0, $0)) }
        return copy
    }

    /// The strong and weak strategic regret of a run that pulled arm i `pulls[i]` times
    /// (pseudo-regret from the true values: Σ_i n_i (benchmark − u(s_i, μ_i))).
    public func regret(pulls: [Int]) -> (strong: Double, weak: Double) {
        let played = playedValues
        let strong = strongBenchmark, weak = weakBenchmark
        var rs = 0.0, rw = 0.0
        for i in 0..<armCount {
            rs += Double(pulls[i]) * (strong - played[i])
            rw += Double(pulls[i]) * (weak - played[i])
        }
        return (rs, rw)
    }
}

/// One T-round run of a click-bandit mechanism.
public struct ClickBanditRun: Sendable, Hashable {
    /// Pulls per arm.
    public var pulls: [Int]
    /// Realized clicks per arm.
    public var clicks: [Int]
    /// The round (1-based) at which each arm was screened out, nil if never.
    public var screenedOutAt: [Int?]
    /// The round (1-based) at which every arm had been screened out (uniform fallback from the
    /// next round), nil if never.
    public var allScreenedOutAt: Int?
    /// Cumulative strong regret at rounds `checkpoints` (when asked for).
    public var curve: [Double]

    public init(pulls: [Int], clicks: [Int], screenedOutAt: [Int?], allScreenedOutAt: Int?, curve: [Double] = []) {
        self.pulls = pulls
        self.clicks = clicks
        self.screenedOutAt = screenedOutAt
        self.allScreenedOutAt = allScreenedOutAt
        self.curve = curve
    }

    /// The arm's expected clicks given its pulls, s_i·n_i: the Rao–Blackwellized arm utility
    /// (each pull is clicked with probability s_i whatever happened before), used by the
    /// equilibrium checks and the dynamics for its lower variance.
    public func expectedClicks(_ instance: ClickBanditInstance) -> [Double] {
        zip(pulls, instance.clickRates).map { Double($0) * $1 }
    }
}
