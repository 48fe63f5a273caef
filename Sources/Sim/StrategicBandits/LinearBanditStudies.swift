import Foundation
import Mechanisms

/// The set-up of the strategic linear contextual bandit experiments (Kleine
/// Buening et al. 2024, arXiv 2406.00551, exact from the authors' code; docs/reconstructions.md#linear-experiments): d = 5, θ* = (1, 1, 0.8, 1, 1), four arms each dominating
/// one dimension, contexts c_t ~ U([−1, 1]^5) drawn once per execution, noise N(0, 0.5²).
public struct LinearBanditSetup: Sendable {
    public var theta: [Double]
    public var features: [[Double]]
    public var noiseSD: Double
    public var seed: UInt64

    public static let replicaTheta = [1, 1, 0.8, 1, 1]
    public static let replicaFeatures: [[Double]] = [
        [0.1, -0.1, -0.1, -0.1, -0.1], [-0.1, 0.1, -0.1, -0.1, -0.1], [-0.1, -0.1, 0.1, -0.1, -0.1], [-0.1, -0.1, -0.1, 0.1, -0.1],
    ]
    /// y₅ of the code, defined there but not in its feature list: the K = 5 variant.
    public static let fifthFeature: [Double] = [-0.1, -0.2, -0.3, 0.2, -0.2]

    public init(theta: [Double] = LinearBanditSetup.replicaTheta, features: [[Double]] = LinearBanditSetup.replicaFeatures,
                noiseSD: Double = 0.5, seed: UInt64 = 1) {
        self.theta = theta
        self.features = features
        self.noiseSD = noiseSD
        self.seed = seed
    }

    /// The execution `x`'s instance over `horizon` rounds (its contexts drawn once).
    public func instance(execution x: Int, horizon: Int) throws(MechanismError) -> LinearBanditInstance {
        var rng = Xoshiro256StarStar(seed: seed, stream: 0xB1_0000 &+ UInt64(x))
        let ctx = LinearBanditInstance.uniformContexts(rounds: horizon, dimension: theta.count, using: &rng)
        return try LinearBanditInstance(theta: theta, features: features, contexts: ctx, noiseSD: noiseSD)
    }
}

/// A linear-bandit mechanism with its parameters, as named in a scenario.
public struct LinearStudyMechanism: Sendable {
    public var mechanism: any LinearBanditMechanism
    public init(_ mechanism: any LinearBanditMechanism) { self.mechanism = mechanism }
    public var label: String { mechanism.label }
    /// The label with the β a run over `horizon` rounds in dimension `d` uses, when it is
    /// computed (`beta=auto (=13.52)`).
    public func label(dimension d: Int, horizon: Int) -> String { mechanism.label(dimension: d, horizon: horizon) }
}

/// B-1: the exact replica of the authors' experiment (docs/reconstructions.md#linear-experiments): 20 epochs of the
/// authors' update rule (finite differences of +0.2 per coordinate, −0.2 above 0.99, one rollout
/// with fresh noise, step clip(2·10⁻⁵·sign·Δpulls/0.2/(e + 1), ±0.1), no projection), per
/// execution; regret, context and reward manipulation, θ error and pull shares per epoch.
public struct LinearReplicaStudy: Sendable {
    public var setup: LinearBanditSetup
    public var horizon: Int
    public var epochs: Int
    public var executions: Int
    public var mechanisms: [LinearStudyMechanism]
    /// OptGTM's trigger statistics carry over across all runs of an execution, in the order of
    /// the authors' code (base run, then the perturbed runs arm by arm, coordinate by
    /// coordinate; docs/reconstructions.md#optgtm-details). The runs of an epoch are then sequential.
    public var persistTriggerStats = false
    /// Points of the per-round regret curve recorded at epoch 0 and the last epoch.
    public static let curvePoints = 50

    public init(setup: LinearBanditSetup, horizon: Int = 10_000, epochs: Int = 20, executions: Int = 10, mechanisms: [LinearStudyMechanism]) {
        self.setup = setup
        self.horizon = horizon
        self.epochs = epochs
        self.executions = executions
        self.mechanisms = mechanisms
    }

    public var checkpoints: [Int] { (1...Self.curvePoints).map { horizon * $0 / Self.curvePoints } }

    public static func options(epochs: Int) -> ArmDynamics.Options {
        ArmDynamics.Options(epochs: epochs, epsilon: 0.2, eta0: 0.2e-4, schedule: .harmonic, clip: 0.1, rollouts: 1,
                            commonRandomNumbers: false, flipAbove: 0.99, perturbRange: -1...1, projection: nil)
    }

    /// Epochs 0...epochs of one execution; metrics = [context manipulation, reward manipulation,
    /// θ error, curve...].
    public func trajectory(_ m: LinearStudyMechanism, execution x: Int, threads: Int) throws -> [ArmDynamics.Epoch] {
        let inst = try setup.instance(execution: x, horizon: horizon)
        let t = horizon, cps = checkpoints
        let mech = m.mechanism
        let carried: TriggerCarry? = persistTriggerStats && mech is OptGTM ? TriggerCarry(arms: inst.armCount) : nil
        let dynamics = ArmDynamics(options: Self.options(epochs: epochs), seed: setup.seed &+ 0x51 &* UInt64(x + 1)) { profile, seed in
            let i = inst.with(reports: profile)
            var rng = Xoshiro256StarStar(seed: seed)
            let run: LinearBanditRun
            if let carried, let opt = mech as? OptGTM {
                run = carried.run { opt.run(i, horizon: t, checkpoints: cps, trigger: &$0, using: &rng) }
            } else {
                run = mech.run(i, horizon: t, checkpoints: cps, using: &rng)
            }
            return ArmDynamics.Evaluation(utilities: run.pulls.map(Double.init), regret: run.regret,
                                          metrics: [i.contextManipulation(horizon: t), i.rewardManipulation(horizon: t), run.thetaError] + run.curve)
        }
        // Carried statistics need the code's sequential order: one worker.
        return dynamics.run(from: setup.features, threads: carried == nil ? threads : 1)
    }

    /// Per mechanism, per epoch: means and sds over executions.
    public struct Series: Sendable {
        public var label: String
        public var regret: [SampleStatistics]
        public var contextManipulation: [Double]
        public var rewardManipulation: [Double]
        public var thetaError: [Double]
        public var pulls: [[Double]]
        public var curveFirst: [Double]
        public var curveLast: [Double]
    }

    /// The uniform policy's regret in execution `x`.
    func uniformRegret(execution x: Int) throws -> Double {
        try setup.instance(execution: x, horizon: horizon).uniformRegret(horizon: horizon)
    }

    public func series(threads: Int) throws -> (series: [Series], uniform: Double) {
        try series(runBlocks(0..<blockCount, threads: threads, progress: nil), file: "")
    }

    /// The series from every block (the trajectories of each mechanism, execution by execution).
    func series(_ blocks: [BanditBlock], file: String) throws -> (series: [Series], uniform: Double) {
        try checkCount(blocks, file: file)
        var uniform: [Double] = []
        for x in 0..<executions {
            // Every block carries its execution's uniform regret; without mechanisms there is none.
            uniform.append(try mechanisms.isEmpty ? uniformRegret(execution: x) : blocks[x].trajectory(file).uniform ?? uniformRegret(execution: x))
        }
        var out: [Series] = []
        for (n, m) in mechanisms.enumerated() {
            var runs: [[ArmDynamics.Epoch]] = []
            for x in 0..<executions { runs.append(try blocks[n * executions + x].trajectory(file).epochs) }
            let e = runs[0].count
            func mean(_ f: (ArmDynamics.Epoch) -> Double, _ k: Int) -> Double { SampleStatistics(runs.map { f($0[k]) }).mean }
            let p = 3 + Self.curvePoints
            out.append(Series(
                label: m.label(dimension: setup.theta.count, horizon: horizon),
                regret: (0..<e).map { k in SampleStatistics(runs.map { $0[k].regret }) },
                contextManipulation: (0..<e).map { k in mean({ $0.metrics[0] }, k) },
                rewardManipulation: (0..<e).map { k in mean({ $0.metrics[1] }, k) },
                thetaError: (0..<e).map { k in mean({ $0.metrics[2] }, k) },
                pulls: (0..<e).map { k in setup.features.indices.map { i in mean({ $0.utilities[i] }, k) } },
                curveFirst: (3..<p).map { c in mean({ $0.metrics[c] }, 0) },
                curveLast: (3..<p).map { c in mean({ $0.metrics[c] }, e - 1) }))
        }
        return (out, SampleStatistics(uniform).mean)
    }

    /// Slope per round of a straight line through the last half of a cumulative regret curve.
    func lateSlope(_ curve: [Double]) -> Double {
        let cps = checkpoints
        let from = curve.count / 2
        let xs = cps[from...].map(Double.init), ys = Array(curve[from...])
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for k in xs.indices { sxy += (xs[k] - mx) * (ys[k - xs.startIndex] - my); sxx += (xs[k] - mx) * (xs[k] - mx) }
        return sxy / sxx
    }

    /// True for the set-up of the B-1 replica (K = 4, y1..y4, θ* = (1, 1, 0.8, 1, 1),
    /// noise sd 0.5), the one the B-1 thresholds were calibrated on.
    public var isReplica: Bool {
        setup.features == LinearBanditSetup.replicaFeatures && setup.theta == LinearBanditSetup.replicaTheta && setup.noiseSD == 0.5
    }

    /// Criteria for a variant set-up (the K = 5 variant of the authors' code, for which we have no
    /// reference numbers): the qualitative claims of the paper's Fig. 1 and rates as orderings, with no number
    /// calibrated on the K = 4 reference. Ours, labelled so.
    func variantCriteria(linucb l: Series, optgtm o: Series) -> [BanditCriterion] {
        let l0 = l.regret[0], lE = l.regret.last!, o0 = o.regret[0].mean, oE = o.regret.last!.mean
        var out = [BanditCriterion(id: "b1v-epoch0-price", statement: "[ours] epoch 0: LinUCB <= OptGTM (the price of per-arm estimates at truthfulness: the paper's rates)",
                                   measured: "LinUCB \(fmt(l0.mean.rounded())), OptGTM \(fmt(o0.rounded()))", passed: l0.mean <= o0)]
        guard epochs > 0 else { return out }
        let se = (l0.standardError * l0.standardError + lE.standardError * lE.standardError).squareRoot()
        out.append(BanditCriterion(id: "b1v-linucb-rises", statement: "[ours] LinUCB's last-epoch regret above its epoch-0 regret by more than 2 standard errors (Fig. 1a)",
                                   measured: "\(fmt(l0.mean.rounded())) -> \(fmt(lE.mean.rounded())) (x\(fmt(lE.mean / l0.mean))), 2 SE = \(fmt((2 * se).rounded()))",
                                   passed: lE.mean - l0.mean > 2 * se))
        out.append(BanditCriterion(id: "b1v-optgtm-below-linucb", statement: "[ours] OptGTM's last-epoch regret below LinUCB's (Fig. 1a)",
                                   measured: fmt(oE / lE.mean), passed: oE < lE.mean))
        let lm = l.contextManipulation.last!, om = o.contextManipulation.last!
        out.append(BanditCriterion(id: "b1v-manipulation", statement: "[ours] LinUCB's last-epoch context manipulation above OptGTM's (OptGTM limits manipulation)",
                                   measured: "\(fmt(lm)) / \(fmt(om)) = \(fmt(lm / max(1e-12, om)))", passed: lm > om))
        let sl = lateSlope(l.curveLast), so = lateSlope(o.curveLast)
        out.append(BanditCriterion(id: "b1v-curve-slopes", statement: "[ours] last-epoch regret curve, slope over the last half: LinUCB's above OptGTM's (Fig. 1c)",
                                   measured: "LinUCB \(fmt(sl)), OptGTM \(fmt(so))", passed: sl > so))
        return out
    }
}

/// Blocks: one per (mechanism, execution), mechanism by mechanism: the whole trajectory of that
/// execution, with its uniform-policy regret. The epochs inside a block are sequential by nature
/// (each epoch's reports are the previous epoch's update), so an execution cannot be split
/// further; the runs of each epoch run in parallel inside the block (one after the other when
/// OptGTM's trigger statistics carry over).
extension LinearReplicaStudy: BanditExperiment {
    public static let defaultTitle = "B-1"
    public var blockCount: Int { mechanisms.count * executions }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [BanditBlock] {
        let me = self
        return try ParallelEngine(threads: threads).map(range, progress: progress) { b in
            let x = b % me.executions
            return .trajectory(try me.trajectory(me.mechanisms[b / me.executions], execution: x, threads: threads),
                               uniform: try me.uniformRegret(execution: x))
        }
    }

    public func finish(_ blocks: [BanditBlock], file: String, title: String, expected: [String]) throws -> BanditExperimentResult {
        let (series, uniform) = try series(blocks, file: file)
        let t = Double(horizon)
        var report = (persistTriggerStats ? "OptGTM's trigger statistics persist across the runs of an execution (authors' code)\n" : "")
        report += "d = \(setup.theta.count), theta* = (\(setup.theta.map(fmt).joined(separator: ", "))), K = \(setup.features.count), T = \(horizon), noise sd \(fmt(setup.noiseSD)), \(epochs) epochs of the authors' update rule, \(executions) execution(s); uniform policy regret \(fmt(uniform.rounded()))\n"
        if !isReplica {
            report += "variant of the authors' set-up (not the K = 4 replica): we have no reference numbers for it, so the B-1 criteria whose thresholds come from the K = 4 reference are shown as n/a beside their measured values; OptGTM's flatness band applies as it stands, and the [ours] criteria test the orderings of Fig. 1, which do not depend on K\n"
        }
        var csvRows: [[String]] = []
        for s in series {
            var rows = [["epoch", "regret", "sd", "context manip.", "reward manip.", "theta error", "pulls"]]
            for e in s.regret.indices {
                rows.append([String(e), fmt(s.regret[e].mean.rounded()), fmt(s.regret[e].sd.rounded()), fmt(s.contextManipulation[e]),
                             fmt(s.rewardManipulation[e]), fmt(s.thetaError[e]), s.pulls[e].map { fmt($0.rounded()) }.joined(separator: "/")])
                csvRows.append([s.label, String(e), NumberFormatting.csv(s.regret[e].mean), NumberFormatting.csv(s.regret[e].sd),
                                NumberFormatting.csv(s.contextManipulation[e]), NumberFormatting.csv(s.rewardManipulation[e]),
                                NumberFormatting.csv(s.thetaError[e])] + s.pulls[e].map(NumberFormatting.csv))
            }
            report += "\(s.label):\n" + ScenarioReport.table(rows)
        }
        var criteria: [BanditCriterion] = []
        let lin = series.first { $0.label.hasPrefix("linucb") }, opt = series.first { $0.label.hasPrefix("optgtm") }
        if let l = lin, let o = opt {
            let l0 = l.regret[0].mean, o0 = o.regret[0].mean, lE = l.regret.last!.mean, oE = o.regret.last!.mean
            criteria.append(BanditCriterion(id: "b1-epoch0", statement: "epoch 0: both below 0.05 T and LinUCB <= OptGTM",
                                            measured: "LinUCB \(fmt(l0.rounded())), OptGTM \(fmt(o0.rounded())), 0.05 T = \(fmt(0.05 * t))",
                                            passed: l0 < 0.05 * t && o0 < 0.05 * t && l0 <= o0))
            criteria.append(BanditCriterion(id: "b1-uniform", statement: "uniform policy regret about 0.11 T (reported)",
                                            measured: "\(fmt(uniform / t)) T", passed: abs(uniform / t - 0.11) <= 0.03, gated: false))
            if epochs > 0 {
                criteria.append(BanditCriterion(id: "b1-linucb-growth", statement: "LinUCB's last-epoch regret >= 10 x its epoch-0 regret",
                                                measured: fmt(lE / l0), passed: lE >= 10 * l0))
                criteria.append(BanditCriterion(id: "b1-linucb-uniform", statement: "LinUCB's last-epoch regret >= 40% of uniform's",
                                                measured: "\(fmt(100 * lE / uniform))%", passed: lE >= 0.4 * uniform))
                let cm = l.contextManipulation.last! / max(1e-12, o.contextManipulation.last!)
                criteria.append(BanditCriterion(id: "b1-manipulation", statement: "LinUCB's last-epoch context manipulation >= 10 x OptGTM's",
                                                measured: "\(fmt(l.contextManipulation.last!)) / \(fmt(o.contextManipulation.last!)) = \(fmt(cm))", passed: cm >= 10))
                criteria.append(BanditCriterion(id: "b1-optgtm-flat", statement: "OptGTM's last-epoch regret within [0.5, 2] x its epoch-0 regret",
                                                measured: fmt(oE / o0), passed: oE >= 0.5 * o0 && oE <= 2 * o0))
                criteria.append(BanditCriterion(id: "b1-optgtm-vs-linucb", statement: "OptGTM's last-epoch regret <= 1/3 of LinUCB's",
                                                measured: fmt(oE / lE), passed: oE <= lE / 3))
                let sl = lateSlope(l.curveLast), so = lateSlope(o.curveLast)
                criteria.append(BanditCriterion(id: "b1-curve-slopes", statement: "last-epoch regret curve, slope over the last half: LinUCB >= 0.03, OptGTM <= 0.01 per round",
                                                measured: "LinUCB \(fmt(sl)), OptGTM \(fmt(so))", passed: sl >= 0.03 && so <= 0.01))
            }
            if !isReplica {
                // Only OptGTM's flatness band comes from Fig. 1a itself; every other threshold is
                // calibrated on our K = 4 reference numbers.
                criteria = criteria.map { $0.id == "b1-optgtm-flat" ? $0 : $0.notApplicable("threshold from the K = 4 reference") }
                criteria += variantCriteria(linucb: l, optgtm: o)
            }
        }
        let epochsAxis = { (ys: [Double]) in ys.enumerated().map { SVGChart.Point(x: Double($0.offset), y: $0.element) } }
        let cps = checkpoints
        let panels = [
            SVGChart.Panel(title: "Total regret per epoch", xLabel: "epoch", yLabel: "regret at T",
                           series: series.map { s in SVGChart.Series(name: s.label, points: s.regret.enumerated().map {
                               SVGChart.Point(x: Double($0.offset), y: $0.element.mean, low: $0.element.mean - $0.element.sd, high: $0.element.mean + $0.element.sd) }) }
                           + [SVGChart.Series(name: "uniform", points: [SVGChart.Point(x: 0, y: uniform), SVGChart.Point(x: Double(epochs), y: uniform)])]),
            SVGChart.Panel(title: "Context manipulation per epoch", xLabel: "epoch", yLabel: "||X* - X||_F",
                           series: series.map { SVGChart.Series(name: $0.label, points: epochsAxis($0.contextManipulation)) }),
            SVGChart.Panel(title: "Regret curve at epoch 0", xLabel: "round", yLabel: "cumulative regret",
                           series: series.map { s in SVGChart.Series(name: s.label, points: zip(cps, s.curveFirst).map { SVGChart.Point(x: Double($0), y: $1) }) }),
            SVGChart.Panel(title: "Regret curve at epoch \(epochs)", xLabel: "round", yLabel: "cumulative regret",
                           series: series.map { s in SVGChart.Series(name: s.label, points: zip(cps, s.curveLast).map { SVGChart.Point(x: Double($0), y: $1) }) }),
        ]
        let header = ["mechanism", "epoch", "regret_mean", "regret_sd", "context_manipulation", "reward_manipulation", "theta_error"]
            + setup.features.indices.map { "pulls\($0 + 1)" }
        return BanditExperimentResult(file: file, title: title, report: report, criteria: criteria, expected: expected,
                                      csv: csvText(header, csvRows), svg: SVGChart.render(title: title, panels: panels, columns: 2))
    }

    /// `beta` (the parameter: 0 stands for `auto`) and `beta_used` (the width the runs used),
    /// for a mechanism with a confidence width; none otherwise.
    func betaFields(_ m: any LinearBanditMechanism) -> [(String, JSONValue)] {
        guard let beta = m.parameters["beta"], let used = m.confidenceWidth(dimension: setup.theta.count, horizon: horizon) else { return [] }
        return [("beta", .number(beta)), ("beta_auto", .bool(beta == 0)), ("beta_used", .number(used))]
    }

    /// The machine form of `mechsim simulate linear-bandit`: per-epoch lists for one mechanism.
    public func json(threads: Int) throws -> JSONValue {
        let (series, uniform) = try series(threads: threads)
        let s = series[0]
        return .object([
            ("mechanism", .string(mechanisms[0].mechanism.descriptor.id)), ("label", .string(s.label)),
        ] + betaFields(mechanisms[0].mechanism) + [
            ("horizon", .integer(horizon)), ("epochs", .integer(epochs)), ("executions", .integer(executions)),
            ("regret", .array(s.regret.map { .number($0.mean) })),
            ("regret_sd", .array(s.regret.map { .number($0.sd) })),
            ("context_manipulation", .array(s.contextManipulation.map(JSONValue.number))),
            ("reward_manipulation", .array(s.rewardManipulation.map(JSONValue.number))),
            ("theta_error", .array(s.thetaError.map(JSONValue.number))),
            ("pulls", .array(s.pulls.map { .array($0.map(JSONValue.number)) })),
            ("uniform_regret", .number(uniform)),
        ])
    }
}

/// OptGTM's trigger statistics shared by the sequential runs of one execution.
final class TriggerCarry: @unchecked Sendable {
    private var state: OptGTM.TriggerStatistics
    private let lock = NSLock()
    init(arms: Int) { state = OptGTM.TriggerStatistics(arms: arms) }
    func run(_ body: (inout OptGTM.TriggerStatistics) -> LinearBanditRun) -> LinearBanditRun {
        lock.lock(); defer { lock.unlock() }
        return body(&state)
    }
}

/// B-2: the deviation check at the truthful profile (`ApproximateNECheck`; docs/reconstructions.md#thresholds-and-gates-we-chose): arm 1 scales its reported
/// feature vector by a in `scales`; the gain in arm 1's pulls against truthful reporting, by
/// paired seeds (each seed its own contexts and noise).
public struct LinearDeviationStudy: Sendable {
    public var setup: LinearBanditSetup
    public var horizons: [Int]
    public var seeds: Int
    public var scales: [Double]
    public var mechanisms: [LinearStudyMechanism]

    public init(setup: LinearBanditSetup, horizons: [Int] = [10_000, 30_000], seeds: Int = 4, scales: [Double] = [2, 3], mechanisms: [LinearStudyMechanism]) {
        self.setup = setup
        self.horizons = horizons
        self.seeds = seeds
        self.scales = scales
        self.mechanisms = mechanisms
    }

    /// The check of `m` at `horizon`: arm 1's report scalings; seed r runs every scaling on
    /// execution r's contexts with the stream r of the horizon (common random numbers).
    public func approximateNECheck(_ m: LinearStudyMechanism, horizon: Int, correction: ApproximateNECheck.Correction = .perArm) -> ApproximateNECheck {
        let s = setup, mech = m.mechanism
        var check = ApproximateNECheck(profile: setup.features, deviations: deviations, seeds: seeds) { profile, r in
            guard let inst = try? s.instance(execution: r, horizon: horizon) else { return profile.map { _ in .nan } }
            var rng = Xoshiro256StarStar(seed: s.seed &+ UInt64(horizon), stream: UInt64(r))
            return mech.run(inst.with(reports: profile), horizon: horizon, using: &rng).pulls.map(Double.init)
        }
        check.correction = correction
        return check
    }

    /// Arm 1's scaled reports; none for the other arms.
    var deviations: [[[Double]]] {
        var devs = [[[Double]]](repeating: [], count: setup.features.count)
        devs[0] = scales.map { a in setup.features[0].map { a * $0 } }
        return devs
    }

    public func check(_ m: LinearStudyMechanism, horizon: Int, correction: ApproximateNECheck.Correction = .perArm,
                      threads: Int) -> ApproximateNEResult {
        approximateNECheck(m, horizon: horizon, correction: correction).run(threads: threads)
    }

    /// The bandit rounds of one block of runs (at least one run). The result does not depend on
    /// it; only how finely shards split the work.
    public var roundsPerBlock = 1_000_000

    /// Blocks: the runs (scaling, seed) of each (mechanism, horizon) check in chunks of about
    /// `roundsPerBlock` rounds, the checks' blocks interleaved (`BanditRunPlan`).
    var plan: BanditRunPlan {
        let counts = deviations.map(\.count)
        return BanditRunPlan(checks: mechanisms.flatMap { _ in horizons.map { (counts, seeds, $0) } }, rounds: roundsPerBlock)
    }

    var checks: [ApproximateNECheck] { mechanisms.flatMap { m in horizons.map { approximateNECheck(m, horizon: $0) } } }
}

extension LinearDeviationStudy: BanditExperiment {
    public static let defaultTitle = "B-2"
    public var blockCount: Int { plan.chunks.count }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [BanditBlock] {
        try plan.run(range, checks: checks, threads: threads, progress: progress)
    }

    public func finish(_ blocks: [BanditBlock], file: String, title: String, expected: [String]) throws -> BanditExperimentResult {
        try checkCount(blocks, file: file)
        let results = try plan.results(blocks, checks: checks, file: file)
        var report = "arm 1 reports a y1 for a in {\(scales.map(fmt).joined(separator: ", "))} against a = 1, others truthful; \(seeds) paired seeds; utility = pulls\n"
        var rows = [["mechanism", "T", "a", "arm-1 pulls (a = 1)", "gain", "95% (corrected)", "gain/T"]]
        var csvRows: [[String]] = []
        var criteria: [BanditCriterion] = []
        var series: [SVGChart.Series] = []
        for (n, m) in mechanisms.enumerated() {
            var perRound: [Double] = []
            for (j, t) in horizons.enumerated() {
                let r = results[n * horizons.count + j]
                let arm = r.arms[0]
                for g in arm.gains {
                    let a = g.deviation[0] / setup.features[0][0]
                    rows.append([m.label(dimension: setup.theta.count, horizon: t), String(t), fmt(a), fmt(arm.utility.rounded()), fmt(g.gain.rounded()), "[\(fmt(g.lower.rounded())), \(fmt(g.upper.rounded()))]", fmt(g.gain / Double(t))])
                    let used = m.mechanism.confidenceWidth(dimension: setup.theta.count, horizon: t)
                    csvRows.append([m.label, String(t), NumberFormatting.csv(a), NumberFormatting.csv(arm.utility), NumberFormatting.csv(g.gain),
                                    NumberFormatting.csv(g.lower), NumberFormatting.csv(g.upper), used.map(NumberFormatting.csv) ?? ""])
                }
                perRound.append((arm.best?.gain ?? 0) / Double(t))
            }
            series.append(SVGChart.Series(name: m.label, points: zip(horizons, perRound).map { SVGChart.Point(x: Double($0), y: $1) }))
            let shown = perRound.map(fmt).joined(separator: ", ")
            if m.mechanism.descriptor.id == "linucb" {
                criteria.append(BanditCriterion(id: "b2-linucb-linear-gain", statement: "LinUCB: arm 1's best gain/T >= 0.3 at every T",
                                                measured: shown, passed: perRound.allSatisfy { $0 >= 0.3 }))
            } else if m.mechanism.descriptor.id == "optgtm" {
                let nonIncreasing = zip(perRound, perRound.dropFirst()).allSatisfy { $1 <= $0 + 1e-12 }
                criteria.append(BanditCriterion(id: "b2-optgtm-small-gain", statement: "OptGTM: arm 1's best gain/T <= 0.05 at every T and not increasing in T",
                                                measured: shown, passed: perRound.allSatisfy { $0 <= 0.05 } && nonIncreasing))
            }
        }
        report += ScenarioReport.table(rows)
        let panel = SVGChart.Panel(title: "Arm 1's gain per round from scaling its report", xLabel: "T", yLabel: "gain / T",
                                   series: series)
        return BanditExperimentResult(file: file, title: title, report: report, criteria: criteria, expected: expected,
                                      csv: csvText(["mechanism", "horizon", "scale", "pulls_truthful", "gain", "lower", "upper", "beta_used"], csvRows),
                                      svg: SVGChart.render(title: title, panels: [panel], columns: 1))
    }
}

/// B-3 (optional): regret scaling at the truthful profile and at a gamed profile,
/// LinUCB's reports after `gamingEpochs` epochs of the B-1 dynamics (execution 0, T =
/// `gamingHorizon`), frozen and replayed at every T on fresh contexts. Exponents by
/// `RegretExponentFit` (upper half of the grid, bootstrap over seeds). The gamed reports were
/// tuned to one T and one context draw; the profile is held fixed, not re-equilibrated.
public struct LinearScalingStudy: Sendable {
    public var setup: LinearBanditSetup
    public var horizons: [Int]
    public var seeds: Int
    public var gamingEpochs: Int
    public var gamingHorizon: Int

    public init(setup: LinearBanditSetup, horizons: [Int], seeds: Int, gamingEpochs: Int = 20, gamingHorizon: Int = 10_000) {
        self.setup = setup
        self.horizons = horizons
        self.seeds = seeds
        self.gamingEpochs = gamingEpochs
        self.gamingHorizon = gamingHorizon
    }

    /// The bandit rounds of one block of runs (at least one run). The result does not depend on
    /// it; only how finely shards split the work.
    public var roundsPerBlock = 1_000_000

    /// The cells (mechanism at a profile), the truthful ones first: `gamed` is needed only by
    /// cells 2 and 3.
    static func cells(truthful: [[Double]], gamed: [[Double]]) -> [(label: String, mechanism: any LinearBanditMechanism, reports: [[Double]])] {
        [("linucb @ truthful", LinUCB(), truthful), ("optgtm @ truthful", OptGTM(), truthful),
         ("linucb @ gamed", LinUCB(), gamed), ("optgtm @ gamed", OptGTM(), gamed)]
    }

    /// Blocks after the first: the seeds of each (cell, horizon) in chunks of about
    /// `roundsPerBlock` rounds, interleaved (`BanditRunPlan`).
    var plan: BanditRunPlan {
        BanditRunPlan(groups: (0..<4).flatMap { _ in horizons.map { (runs: seeds, horizon: $0) } }, rounds: roundsPerBlock)
    }

    /// LinUCB's reports after `gamingEpochs` epochs of the B-1 dynamics.
    func gamedProfile(file: String, threads: Int) throws -> [[Double]] {
        let replica = LinearReplicaStudy(setup: setup, horizon: gamingHorizon, epochs: gamingEpochs, executions: 1,
                                         mechanisms: [LinearStudyMechanism(LinUCB())])
        guard let gamed = try replica.trajectory(replica.mechanisms[0], execution: 0, threads: threads).last?.profile else {
            throw ScenarioError(file: file, keyPath: "epochs", message: "the dynamics produced no epoch.")
        }
        return gamed
    }
}

/// Blocks: block 0 is the gaming dynamics (LinUCB's reports after `gamingEpochs` epochs, its
/// epochs sequential by nature); then the seeds of each (cell, horizon) in chunks. The blocks of
/// the gamed cells need that profile: a run of blocks computes it once, before them (so a shard
/// holding gamed blocks computes it too, whether or not it holds block 0).
extension LinearScalingStudy: BanditExperiment {
    public static let defaultTitle = "B-3"
    public var blockCount: Int { 1 + plan.chunks.count }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [BanditBlock] {
        let plan = plan
        let needsGamed = range.contains(0) || range.contains { $0 > 0 && plan.chunks[$0 - 1].group / horizons.count >= 2 }
        let gamed = needsGamed ? try gamedProfile(file: "", threads: threads) : setup.features
        let cells = Self.cells(truthful: setup.features, gamed: gamed)
        let (h, s) = (horizons, setup)
        let total = range.count, first = range.contains(0) ? 1 : 0
        var shifted: (@Sendable (Int, Int) -> Void)?
        if let progress {
            if first == 1 { progress(1, total) }
            shifted = { done, _ in progress(first + done, total) }
        }
        // Seed r of horizon T: fresh contexts (execution 1000 + r) and the stream r of T.
        let runs = try plan.run(range, first: 1, threads: threads, progress: shifted) { g, seed in
            let c = g / h.count, t = g % h.count
            guard let inst = try? s.instance(execution: 1000 + seed, horizon: h[t]) else { return [.nan] }
            var rng = Xoshiro256StarStar(seed: s.seed &+ UInt64(h[t]), stream: UInt64(seed))
            return [cells[c].mechanism.run(inst.with(reports: cells[c].reports), horizon: h[t], using: &rng).regret]
        }
        return (first == 1 ? [.profile(gamed)] : []) + runs
    }

    public func finish(_ blocks: [BanditBlock], file: String, title: String, expected: [String]) throws -> BanditExperimentResult {
        try checkCount(blocks, file: file)
        let gamed = try blocks[0].profile(file)
        let cells = Self.cells(truthful: setup.features, gamed: gamed)
        let regrets = try plan.groups(blocks[1...], file: file)
        let (h, r) = (horizons, seeds)
        func samples(_ c: Int, _ t: Int) -> [Double] { regrets[c * h.count + t].map { $0[0] } }
        var report = "gamed profile: LinUCB's reports after \(gamingEpochs) epochs at T = \(gamingHorizon): "
        report += gamed.map { "(" + $0.map(fmt).joined(separator: ", ") + ")" }.joined(separator: " ") + "\n"
        var rows = [["T"] + cells.map(\.label)]
        var csvRows: [[String]] = []
        for t in h.indices {
            rows.append([String(h[t])] + cells.indices.map { c in
                let st = SampleStatistics(samples(c, t))
                csvRows.append([cells[c].label, String(h[t]), NumberFormatting.csv(st.mean), NumberFormatting.csv(st.sd), String(r)])
                return "\(fmt(st.mean.rounded())) ± \(fmt(st.sd.rounded()))"
            })
        }
        report += ScenarioReport.table(rows)
        let widths = h.map { t in "\(fmt(cells[0].mechanism.confidenceWidth(dimension: setup.theta.count, horizon: t) ?? .nan)) at T = \(t)" }
        report += "linucb and optgtm run with beta=auto, the authors' formula: beta = \(widths.joined(separator: ", "))\n"
        var criteria: [BanditCriterion] = []
        var fits: [RegretExponentFit] = []
        if h.count >= 3 {
            fits = cells.indices.map { c in RegretExponentFit(horizons: h, samples: h.indices.map { samples(c, $0) }) }
            for (c, f) in fits.enumerated() {
                report += "fit \(cells[c].label): exponent \(fmt(f.slope)) [\(fmt(f.lower95)), \(fmt(f.upper95))]: \(f.verdict.rawValue)\n"
            }
            criteria.append(BanditCriterion(id: "b3-optgtm-sublinear", statement: "OptGTM at the truthful profile: sublinear (exponent <= 0.7, upper bound < 0.85)",
                                            measured: "\(fmt(fits[1].slope)) [\(fmt(fits[1].lower95)), \(fmt(fits[1].upper95))]", passed: fits[1].verdict == .sublinear))
            criteria.append(BanditCriterion(id: "b3-linucb-truthful-sublinear", statement: "LinUCB at the truthful profile: sublinear",
                                            measured: "\(fmt(fits[0].slope)) [\(fmt(fits[0].lower95)), \(fmt(fits[0].upper95))]", passed: fits[0].verdict == .sublinear))
            criteria.append(BanditCriterion(id: "b3-linucb-gamed-linear", statement: "LinUCB at the gamed profile: exponent about 1 (lower bound > 0.85)",
                                            measured: "\(fmt(fits[2].slope)) [\(fmt(fits[2].lower95)), \(fmt(fits[2].upper95))]", passed: fits[2].lower95 > 0.85))
        }
        let panel = SVGChart.Panel(title: "Regret against T", xLabel: "T", yLabel: "regret (log10)", series: cells.indices.map { c in
            SVGChart.Series(name: cells[c].label, points: h.indices.map { t in
                SVGChart.Point(x: Double(h[t]), y: Foundation.log10(max(1, SampleStatistics(samples(c, t)).mean)))
            })
        })
        return BanditExperimentResult(file: file, title: title, report: report, criteria: criteria, expected: expected,
                                      csv: csvText(["profile", "horizon", "regret_mean", "regret_sd", "seeds"], csvRows),
                                      svg: SVGChart.render(title: title, panels: [panel], columns: 1))
    }
}
