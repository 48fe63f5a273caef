import Mechanisms

/// Monte Carlo over seeds of one click-bandit mechanism on one instance and horizon.
///
/// Seed r (0-based) of a study with base seed `seed` draws from
/// `Xoshiro256StarStar(seed: seed, stream: r)`; runs are parallel work items folded in seed
/// order, so the summary is byte-identical for any thread count.
public struct ClickBanditSimulation: Sendable {
    public var mechanism: any ClickBanditMechanism
    public var instance: ClickBanditInstance
    public var horizon: Int
    public var seeds: Int
    public var seed: UInt64
    /// Rounds at which the cumulative strong regret curve is recorded.
    public var checkpoints: [Int]

    public init(mechanism: any ClickBanditMechanism, instance: ClickBanditInstance, horizon: Int, seeds: Int,
                seed: UInt64 = 1, checkpoints: [Int] = []) {
        self.mechanism = mechanism
        self.instance = instance
        self.horizon = horizon
        self.seeds = seeds
        self.seed = seed
        self.checkpoints = checkpoints
    }

    /// One run: seed r.
    public func run(seedIndex r: Int) -> ClickBanditRun {
        var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(r))
        return mechanism.run(instance, horizon: horizon, checkpoints: checkpoints, using: &rng)
    }

    public func runAll(threads: Int) -> [ClickBanditRun] {
        let me = self
        return ParallelEngine(threads: threads).map(0..<seeds) { me.run(seedIndex: $0) }
    }

    public func summarize(threads: Int) -> ClickBanditSummary {
        ClickBanditSummary(instance: instance, horizon: horizon, runs: runAll(threads: threads), checkpoints: checkpoints)
    }
}

/// Per-seed runs of a click-bandit study and their statistics.
public struct ClickBanditSummary: Sendable {
    public var horizon: Int
    public var strongRegret: [Double]
    public var weakRegret: [Double]
    public var clicks: [[Int]]
    public var pulls: [[Int]]
    public var allScreenedOutAt: [Int?]
    public var screenedOutAt: [[Int?]]
    public var checkpoints: [Int]
    public var curves: [[Double]]

    public init(instance: ClickBanditInstance, horizon: Int, runs: [ClickBanditRun], checkpoints: [Int] = []) {
        self.horizon = horizon
        let regrets = runs.map { instance.regret(pulls: $0.pulls) }
        strongRegret = regrets.map(\.strong)
        weakRegret = regrets.map(\.weak)
        clicks = runs.map(\.clicks)
        pulls = runs.map(\.pulls)
        allScreenedOutAt = runs.map(\.allScreenedOutAt)
        screenedOutAt = runs.map(\.screenedOutAt)
        self.checkpoints = checkpoints
        curves = runs.map(\.curve)
    }

    public var armCount: Int { clicks.first?.count ?? 0 }
    public var strong: SampleStatistics { SampleStatistics(strongRegret) }
    public var weak: SampleStatistics { SampleStatistics(weakRegret) }
    public var clicksMean: [Double] { (0..<armCount).map { i in SampleStatistics(clicks.map { Double($0[i]) }).mean } }
    public var pullsMean: [Double] { (0..<armCount).map { i in SampleStatistics(pulls.map { Double($0[i]) }).mean } }
    /// Fraction of seeds in which each arm was screened out.
    public var screenedFraction: [Double] {
        (0..<armCount).map { i in Double(screenedOutAt.filter { $0[i] != nil }.count) / Double(max(1, screenedOutAt.count)) }
    }
    /// Fraction of seeds in which every arm was screened out.
    public var allScreenedFraction: Double {
        Double(allScreenedOutAt.filter { $0 != nil }.count) / Double(max(1, allScreenedOutAt.count))
    }
    /// Mean cumulative regret at each checkpoint.
    public var curveMean: [Double] {
        checkpoints.indices.map { k in SampleStatistics(curves.map { $0[k] }).mean }
    }
}

/// Mean and sample standard deviation (n − 1) of a list, summed in order.
public struct SampleStatistics: Sendable, Hashable {
    public var count: Int
    public var mean: Double
    public var sd: Double

    public init(_ xs: [Double]) {
        count = xs.count
        guard !xs.isEmpty else { mean = .nan; sd = .nan; return }
        var s = 0.0
        for x in xs { s += x }
        mean = s / Double(xs.count)
        var q = 0.0
        for x in xs { q += (x - mean) * (x - mean) }
        sd = xs.count > 1 ? (q / Double(xs.count - 1)).squareRoot() : 0
    }

    /// sd/√n.
    public var standardError: Double { count > 0 ? sd / Double(count).squareRoot() : .nan }
}
