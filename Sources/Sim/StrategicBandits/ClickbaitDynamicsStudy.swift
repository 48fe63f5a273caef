import Foundation
import Mechanisms

/// arm dynamics on the click-bandit (docs/reconstructions.md#click-experiments; the "strategic arm behaviour" simulations
/// of Kleine Buening et al. 2024, Figs. 3 and 4). Arms update their click-rates between epochs
/// by forward finite differences of their expected clicks under common random numbers
/// (`ArmDynamics`), with η_e = η₀/(1 + e/10) and η₀ = 2·10⁻⁵·(10⁴/T) by default.
public struct ClickbaitDynamicsStudy: Sendable {
    public enum Start: String, Sendable { case desired, half, random }

    /// A learner with its finite-difference step and clip.
    public struct Learner: Sendable {
        public var id: String
        public var epsilon: Double
        public var clip: Double
        public init(id: String, epsilon: Double, clip: Double) {
            self.id = id
            self.epsilon = epsilon
            self.clip = clip
        }
    }

    public var setup: ClickbaitSetup
    public var horizon: Int
    public var epochs: Int
    public var start: Start
    public var learners: [Learner]
    public var rollouts: Int
    public var eta0: Double?
    /// Executions (independent seeds) of the whole dynamics: the tables average the
    /// trajectories, and every criterion is judged on the 95% t-interval over them.
    public var executions: Int
    /// The seeds a scenario runs when it names none.
    public static let defaultSeeds = 10

    public init(setup: ClickbaitSetup, horizon: Int, epochs: Int, start: Start,
                learners: [Learner] = [Learner(id: "ucb-s", epsilon: 0.01, clip: 0.02), Learner(id: "ucb-utility", epsilon: 0.05, clip: 0.1)],
                rollouts: Int = 2, eta0: Double? = nil, executions: Int = 1) {
        self.setup = setup
        self.horizon = horizon
        self.epochs = epochs
        self.start = start
        self.learners = learners
        self.rollouts = rollouts
        self.eta0 = eta0
        self.executions = executions
    }

    public func startProfile(execution: Int) -> [Double] {
        switch start {
        case .desired: return setup.desired
        case .half: return setup.desired.map { $0 / 2 }
        case .random:
            var rng = Xoshiro256StarStar(seed: setup.seed, stream: 0xA2 &+ UInt64(execution))
            return setup.means.map { _ in rng.nextUnit() }
        }
    }

    /// The trajectory of `learner` in execution `x`.
    public func trajectory(_ learner: Learner, execution x: Int, threads: Int) throws -> [ArmDynamics.Epoch] {
        let m = try setup.mechanism(learner.id)
        let base = try setup.instance(setup.desired)
        let t = horizon
        let options = ArmDynamics.Options(
            epochs: epochs, epsilon: learner.epsilon, eta0: eta0 ?? 2e-5 * (1e4 / Double(t)), schedule: .slow, clip: learner.clip,
            rollouts: rollouts, commonRandomNumbers: true, flipAbove: 1 - learner.epsilon, perturbRange: 0...1, projection: 0...1)
        let dynamics = ArmDynamics(options: options, seed: setup.seed &+ UInt64(x) &* 0x9E37) { profile, seed in
            let inst = base.with(clickRates: profile.map { $0[0] })
            var rng = Xoshiro256StarStar(seed: seed)
            let run = m.run(inst, horizon: t, using: &rng)
            let screened = Double(run.screenedOutAt.filter { $0 != nil }.count)
            return ArmDynamics.Evaluation(utilities: run.expectedClicks(inst), regret: inst.regret(pulls: run.pulls).strong,
                                          metrics: [screened])
        }
        return dynamics.run(from: startProfile(execution: x).map { [$0] }, threads: threads)
    }

}

/// Blocks: one per (learner, execution), learner by learner: the whole trajectory of that
/// execution. The epochs inside a block are sequential by nature (each epoch's profile is the
/// previous epoch's update), so an execution cannot be split further; the runs of each epoch
/// run in parallel inside the block.
extension ClickbaitDynamicsStudy: BanditExperiment {
    public static let defaultTitle = "A-2"
    public var blockCount: Int { learners.count * executions }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [BanditBlock] {
        let me = self
        return try ParallelEngine(threads: threads).map(range, progress: progress) { b in
            .trajectory(try me.trajectory(me.learners[b / me.executions], execution: b % me.executions, threads: threads), uniform: nil)
        }
    }

    public func finish(_ blocks: [BanditBlock], file: String, title: String, expected: [String]) throws -> BanditExperimentResult {
        try checkCount(blocks, file: file)
        let k = setup.means.count
        let best = setup.bestArm
        let sStar = setup.desired
        var report = "arm dynamics from \(start.rawValue) start, T = \(horizon), \(epochs) updates, \(rollouts) rollout(s) per estimate (common random numbers), \(executions) seed(s) (independent executions; the table shows means over them); s* = \(sStar.map(fmt).joined(separator: ", "))\n"
        var csvRows: [[String]] = []
        var panels: [SVGChart.Panel] = []
        var regretSeries: [SVGChart.Series] = []
        var perSeed: [String: [[ArmDynamics.Epoch]]] = [:]
        for (l, learner) in learners.enumerated() {
            var trajectories: [[ArmDynamics.Epoch]] = []
            for x in 0..<executions { trajectories.append(try blocks[l * executions + x].trajectory(file).epochs) }
            let epochsRun = trajectories[0].count
            func mean(_ f: (ArmDynamics.Epoch) -> Double, _ e: Int) -> Double { trajectories.map { f($0[e]) }.reduce(0, +) / Double(executions) }
            let regret = (0..<epochsRun).map { e in mean({ $0.regret }, e) }
            let s = (0..<k).map { i in (0..<epochsRun).map { e in mean({ $0.profile[i][0] }, e) } }
            perSeed[learner.id] = trajectories
            var rows = [["epoch", "regret"] + (0..<k).map { "s\($0 + 1)" } + ["screened"]]
            for e in 0..<epochsRun {
                let screened = mean({ $0.metrics[0] }, e)
                rows.append([String(e), fmt(regret[e].rounded())] + (0..<k).map { fmt(s[$0][e]) } + [fmt(screened)])
                csvRows.append([learner.id, start.rawValue, String(e), NumberFormatting.csv(regret[e])] + (0..<k).map { NumberFormatting.csv(s[$0][e]) }
                               + (0..<k).map { i in NumberFormatting.csv(mean({ $0.utilities[i] }, e)) } + [NumberFormatting.csv(screened)])
            }
            report += "\(learner.id) (epsilon \(fmt(learner.epsilon)), step clip \(fmt(learner.clip))):\n" + ScenarioReport.table(rows)
            var series = (0..<k).map { i in
                SVGChart.Series(name: "arm \(i + 1) (mu \(fmt(setup.means[i])))", points: (0..<epochsRun).map { SVGChart.Point(x: Double($0), y: s[i][$0]) })
            }
            series += (0..<k).map { i in
                SVGChart.Series(name: "s*\(i + 1) = \(fmt(sStar[i]))", points: [SVGChart.Point(x: 0, y: sStar[i]), SVGChart.Point(x: Double(epochsRun - 1), y: sStar[i])])
            }
            panels.append(SVGChart.Panel(title: "Click-rates under \(learner.id)", xLabel: "epoch", yLabel: "click-rate", series: series))
            regretSeries.append(SVGChart.Series(name: learner.id, points: regret.enumerated().map { SVGChart.Point(x: Double($0.offset), y: $0.element) }))
        }
        panels.append(SVGChart.Panel(title: "Strong strategic regret per epoch", xLabel: "epoch", yLabel: "regret", series: regretSeries))

        // Verdicts on the seeds: each criterion's quantity is computed per seed (execution) and
        // judged on its 95% t-interval over the seeds (the whole interval on the right side).
        var criteria: [BanditCriterion] = []
        let gated = start != .random
        func stats(_ values: [Double]) -> SampleStatistics { SampleStatistics(values) }
        if let u = perSeed["ucb-s"] {
            switch start {
            case .desired, .random:
                let dev = stats(u.map { t in t.map { abs($0.profile[best][0] - sStar[best]) }.max() ?? 0 })
                criteria.append(BanditCriterion(id: "a2-ucbs-best-arm", statement: "ucb-s: the best arm stays within ±0.05 of s*(1) = \(fmt(sStar[best])) in every epoch (largest distance per seed; the upper end of its 95% t-interval <= 0.05)",
                                                measured: "largest distance: " + dev.intervalText(fmt), passed: dev.tInterval95.upper <= 0.05, gated: gated))
                let ratio = stats(u.map { t in (t.map(\.regret).max() ?? 0) / t[0].regret })
                criteria.append(BanditCriterion(id: "a2-ucbs-regret", statement: "ucb-s: per-epoch regret <= 2 x its epoch-0 value (max/epoch 0 per seed; upper end of the 95% t-interval)",
                                                measured: "max/epoch 0: " + ratio.intervalText(fmt), passed: ratio.tInterval95.upper <= 2, gated: gated))
            case .half:
                let ratio = stats(u.map { $0.last!.regret / $0[0].regret })
                criteria.append(BanditCriterion(id: "a2-half-regret", statement: "ucb-s from 0.5 s*: final regret <= 0.5 x epoch-0 regret (per seed; upper end of the 95% t-interval)",
                                                measured: ratio.intervalText(fmt), passed: ratio.tInterval95.upper <= 0.5))
                let final = stats(u.map { $0.last!.profile[best][0] })
                let (lo, hi) = final.tInterval95
                criteria.append(BanditCriterion(id: "a2-half-best-arm", statement: "ucb-s from 0.5 s*: the best arm ends within 0.05 of s*(1) (needs >= 40 epochs; the 95% t-interval of its final click-rate inside s*(1) ± 0.05)",
                                                measured: "\(final.intervalText(fmt)) after \(epochs) updates", passed: lo >= sStar[best] - 0.05 && hi <= sStar[best] + 0.05))
            }
        }
        if start != .half, let b = perSeed["ucb-utility"] {
            let final = stats(b.map { $0.last!.profile[best][0] })
            criteria.append(BanditCriterion(id: "a2-b2-clickbait", statement: "ucb-utility: the best arm ends at >= s*(1) + 0.07 (toward s'; lower end of the 95% t-interval over seeds)",
                                            measured: final.intervalText(fmt), passed: final.tInterval95.lower >= sStar[best] + 0.07, gated: gated))
            if let u = perSeed["ucb-s"] {
                // Paired by seed: execution x of both learners starts from the same profile.
                let ratio = stats(zip(b, u).map { $0.last!.regret / $1.last!.regret })
                criteria.append(BanditCriterion(id: "a2-ratio", statement: "final-epoch regret of ucb-utility >= 3 x ucb-s's (ratio per seed; lower end of the 95% t-interval)",
                                                measured: ratio.intervalText(fmt), passed: ratio.tInterval95.lower >= 3, gated: gated))
            }
        }
        let header = ["mechanism", "start", "epoch", "regret"] + (0..<k).map { "s\($0 + 1)" } + (0..<k).map { "clicks\($0 + 1)" } + ["screened"]
        return BanditExperimentResult(file: file, title: title, report: report, criteria: criteria, expected: expected,
                                      csv: csvText(header, csvRows), svg: SVGChart.render(title: title, panels: panels, columns: 2))
    }
}
