import Foundation
import Mechanisms

/// The instance and learner settings shared by the click-bandit experiments A-1, A-2 and A-3
/// (docs/reconstructions.md#click-experiments; Kleine Buening et al. 2024, arXiv 2311.15647, §6
/// for the setting).
public struct ClickbaitSetup: Sendable {
    public var means: [Double]
    public var utility: QuadraticClickUtility
    /// α and the log term of the UCB learners.
    public var alpha: Double
    public var log: ConfidenceLog
    public var seed: UInt64
    /// Where `mechanism(_:)` resolves ids other than the three UCB learners.
    public var registry: MechanismRegistry = .standard

    /// `alpha` and `log` default to the UCB learners' descriptor defaults.
    public init(means: [Double], lambda: Double = 5, alpha: Double = UCBS.descriptor.defaultValue("alpha"),
                log: ConfidenceLog = UCBS.descriptor.defaultFlag("anytime_log") ? .anytime : .horizon,
                seed: UInt64 = 1) throws(MechanismError) {
        self.means = means
        utility = try QuadraticClickUtility(lambda: lambda)
        self.alpha = alpha
        self.log = log
        self.seed = seed
        _ = try instance(desired)
    }

    /// s*.
    public var desired: [Double] { means.map { utility.desiredClickRate(mean: $0) } }
    public var bestValues: [Double] { means.map { utility.bestValue(mean: $0) } }
    /// i*: the arm of largest u*.
    public var bestArm: Int { bestValues.indices.max { bestValues[$0] < bestValues[$1] } ?? 0 }
    /// The Oracle clickbait level s′ of the best arm against the runner-up's u* (Prop. 4.1).
    public var clickbaitLevel: Double {
        let b = bestArm
        let runnerUp = bestValues.enumerated().filter { $0.offset != b }.map(\.element).max() ?? -Double.infinity
        return utility.clickbaitLevel(mean: means[b], floor: runnerUp)
    }
    /// u*_{i*} − u(s′, μ_{i*}): the per-round loss at the clickbait equilibrium of the Oracle.
    public var clickbaitLoss: Double {
        bestValues[bestArm] - utility.value(clickRate: clickbaitLevel, mean: means[bestArm])
    }

    /// L: the Lipschitz constant of s* (its interior slope (2λ + 1)/(2λ); 1.1 for λ = 5).
    public var desiredRateSlope: Double { (2 * utility.lambda + 1) / (2 * utility.lambda) }

    /// 1 + L/√s: UCB-S's screening window in units of √(α·ln T/n) for an arm of click-rate s
    /// (the click-rate radius plus L times the post-click radius over m ≈ s·n clicks; docs/reconstructions.md#click-equilibrium-window).
    public func screeningConstant(clickRate s: Double) -> Double {
        1 + desiredRateSlope / Swift.max(s, 1e-12).squareRoot()
    }

    /// n_detect = (1 + L/√s)²·α·ln T/δ²: the pulls after which UCB-S screens out arm i playing
    /// s = s*_i + δ instead of s*_i, to first order (about 4.4·α·ln T/δ² for λ = 5;
    /// docs/reconstructions.md#click-equilibrium-window);
    /// +∞ at δ = 0.
    public func detectionPulls(arm i: Int, clickRate s: Double, horizon: Int) -> Double {
        let delta = abs(s - desired[i])
        guard delta > 0 else { return .infinity }
        let c = screeningConstant(clickRate: s)
        return c * c * alpha * Foundation.log(Double(Swift.max(2, horizon))) / (delta * delta)
    }

    /// ε(T) = (1 + L/√s*_{i*})·√(α·T·ln T) clicks: the largest gain of an undetected click-rate
    /// deviation under UCB-S's screening (derivation in `DesiredProfileNE`; 2.17·√(2·T·ln T) on
    /// the A-1 instance).
    public func approximateNEEpsilon(horizon: Int) -> Double {
        let t = Double(Swift.max(2, horizon))
        return screeningConstant(clickRate: desired[bestArm]) * (alpha * t * Foundation.log(t)).squareRoot()
    }

    /// The named static profiles of A-1: P* (s*), P_cb (the best arm at s′), P_1 (all ones).
    public func profile(_ name: String) -> [Double]? {
        switch name {
        case "P*": return desired
        case "P_cb": var s = desired; s[bestArm] = clickbaitLevel; return s
        case "P_1": return means.map { _ in 1 }
        default: return nil
        }
    }

    public func instance(_ s: [Double]) throws(MechanismError) -> ClickBanditInstance {
        try ClickBanditInstance(means: means, clickRates: s, utility: utility)
    }

    public func mechanism(_ id: String) throws(MechanismError) -> any ClickBanditMechanism {
        switch id {
        case UCBS.descriptor.id: return UCBS(alpha: alpha, log: log)
        case UCBUtility.descriptor.id: return UCBUtility(alpha: alpha, log: log)
        case UCBMean.descriptor.id: return UCBMean(alpha: alpha, log: log)
        default: return try registry.makeClickBandit(id)
        }
    }
}

/// A-1: static profiles and regret scaling (docs/reconstructions.md#click-experiments). Each column is a mechanism at a named
/// profile, run at every horizon over `seeds` seeds; the exponent of UCB-S at P* and of the
/// incentive-unaware UCB at P_cb are fitted on the upper half of the grid (`RegretExponentFit`).
public struct ClickbaitStaticStudy: Sendable {
    public struct Column: Sendable, Hashable {
        public var mechanism: String
        public var profile: String
        public init(_ mechanism: String, _ profile: String) { self.mechanism = mechanism; self.profile = profile }
        public var label: String { "\(mechanism) @ \(profile)" }
    }

    public static let specColumns = [Column("ucb-s", "P*"), Column("ucb-utility", "P*"), Column("ucb-utility", "P_cb"),
                                     Column("ucb-s", "P_cb"), Column("ucb-s", "P_1"), Column("ucb-utility", "P_1")]

    public var setup: ClickbaitSetup
    public var horizons: [Int]
    public var seeds: Int
    public var columns: [Column]

    public init(setup: ClickbaitSetup, horizons: [Int], seeds: Int, columns: [Column] = ClickbaitStaticStudy.specColumns) {
        self.setup = setup
        self.horizons = horizons
        self.seeds = seeds
        self.columns = columns
    }

    /// The bandit rounds of one block of runs (at least one run): blocks at large horizons hold
    /// few seeds. The result does not depend on it; only how finely shards split the work.
    public var roundsPerBlock = 10_000_000

    /// Blocks: the seeds of each (column, horizon) cell in chunks of about `roundsPerBlock`
    /// rounds, the cells' blocks interleaved (`BanditRunPlan`); a block's values are its runs'
    /// strong regrets.
    var plan: BanditRunPlan {
        BanditRunPlan(groups: columns.indices.flatMap { _ in horizons.map { (runs: seeds, horizon: $0) } }, rounds: roundsPerBlock)
    }

    /// The mechanism and instance of each column.
    func cells(file: String) throws -> [(mechanism: any ClickBanditMechanism, instance: ClickBanditInstance)] {
        var cells: [(mechanism: any ClickBanditMechanism, instance: ClickBanditInstance)] = []
        for c in columns {
            guard let p = setup.profile(c.profile) else { throw ScenarioError(file: file, keyPath: "columns", message: "unknown profile '\(c.profile)'; expected P*, P_cb or P_1.") }
            cells.append((try setup.mechanism(c.mechanism), try setup.instance(p)))
        }
        return cells
    }
}

extension ClickbaitStaticStudy: BanditExperiment {
    public static let defaultTitle = "A-1"
    public var blockCount: Int { plan.chunks.count }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [BanditBlock] {
        let cells = try cells(file: "")
        let (s, h) = (setup, horizons)
        // Seed r of horizon T: the stream of the whole study's grid, whatever the block.
        return try plan.run(range, threads: threads, progress: progress) { g, seed in
            let cell = cells[g / h.count], t = g % h.count
            var rng = Xoshiro256StarStar(seed: s.seed &+ UInt64(h[t]), stream: UInt64(seed))
            return [cell.instance.regret(pulls: cell.mechanism.run(cell.instance, horizon: h[t], using: &rng).pulls).strong]
        }
    }

    public func finish(_ blocks: [BanditBlock], file: String, title: String, expected: [String]) throws -> BanditExperimentResult {
        try checkCount(blocks, file: file)
        let s = setup
        let (h, r) = (horizons, seeds)
        let regrets = try plan.groups(blocks[...], file: file)
        func samples(_ c: Int, _ t: Int) -> [Double] { regrets[c * h.count + t].map { $0[0] } }

        var report = "instance: mu = \(s.means.map(fmt).joined(separator: ", ")), \(s.utility.label), s* = \(s.desired.map(fmt).joined(separator: ", ")); "
        report += "s' = \(fmt(s.clickbaitLevel)), predicted clickbait loss \(fmt(s.clickbaitLoss)) per round; alpha = \(fmt(s.alpha)), log = \(s.log == .horizon ? "ln T" : "ln t"); \(r) seeds\n"
        report += "strong strategic regret, mean ± sd (profiles held fixed, not re-equilibrated per T):\n"
        var rows = [["T"] + columns.map(\.label)]
        var csvRows: [[String]] = []
        for (t, T) in h.enumerated() {
            var row = [String(T)]
            for c in columns.indices {
                let st = SampleStatistics(samples(c, t))
                row.append("\(fmt(st.mean.rounded())) ± \(fmt(st.sd.rounded()))")
                csvRows.append([columns[c].mechanism, columns[c].profile, String(T), NumberFormatting.csv(st.mean), NumberFormatting.csv(st.sd), String(r)])
            }
            rows.append(row)
        }
        report += ScenarioReport.table(rows)

        var criteria: [BanditCriterion] = []
        let last = h.count - 1
        let aware = columns.firstIndex(of: Column("ucb-s", "P*"))
        let unaware = columns.firstIndex(of: Column("ucb-utility", "P_cb"))
        if let a = aware, h.count >= 3 {
            let fit = RegretExponentFit(horizons: h, samples: h.indices.map { samples(a, $0) })
            report += "fit ucb-s @ P*: exponent \(fmt(fit.slope)) [\(fmt(fit.lower95)), \(fmt(fit.upper95))] on T = \(fit.fitted.map(String.init).joined(separator: ", ")): \(fit.verdict.rawValue)\n"
            criteria.append(BanditCriterion(id: "a1-ucbs-exponent", statement: "UCB-S @ P*: regret exponent upper 95% bound < 0.75",
                                            measured: "\(fmt(fit.slope)) [\(fmt(fit.lower95)), \(fmt(fit.upper95))]", passed: fit.upper95 < 0.75))
        }
        if let u = unaware, h.count >= 2 {
            let m1 = SampleStatistics(samples(u, last - 1)).mean, m2 = SampleStatistics(samples(u, last)).mean
            let local = Foundation.log(m2 / m1) / Foundation.log(Double(h[last]) / Double(h[last - 1]))
            criteria.append(BanditCriterion(id: "a1-b2-local-exponent", statement: "ucb-utility @ P_cb: local exponent at the two largest T >= 0.85",
                                            measured: fmt(local), passed: local >= 0.85))
            let perRound = m2 / Double(h[last])
            criteria.append(BanditCriterion(id: "a1-b2-per-round", statement: "ucb-utility @ P_cb: R_T/T within ±30% of u*(i*) - u(s', mu(i*)) = \(fmt(s.clickbaitLoss))",
                                            measured: fmt(perRound), passed: abs(perRound - s.clickbaitLoss) <= 0.3 * s.clickbaitLoss))
            if h.count >= 3 {
                let fit = RegretExponentFit(horizons: h, samples: h.indices.map { samples(u, $0) }, predictedPerRound: s.clickbaitLoss)
                report += "fit ucb-utility @ P_cb: exponent \(fmt(fit.slope)) [\(fmt(fit.lower95)), \(fmt(fit.upper95))]: \(fit.verdict.rawValue)\n"
            }
            if let a = aware {
                let ratio = m2 / SampleStatistics(samples(a, last)).mean
                criteria.append(BanditCriterion(id: "a1-ratio", statement: "R(ucb-utility @ P_cb) / R(ucb-s @ P*) >= 4 at the largest T",
                                                measured: "\(fmt(ratio)) at T = \(h[last])", passed: ratio >= 4))
            }
        }
        let panel = SVGChart.Panel(title: "Strong strategic regret against T", xLabel: "T", yLabel: "regret (log10)", series: columns.indices.map { c in
            SVGChart.Series(name: columns[c].label, points: h.indices.map { t in
                SVGChart.Point(x: Double(h[t]), y: Foundation.log10(max(1, SampleStatistics(samples(c, t)).mean)))
            })
        })
        return BanditExperimentResult(file: file, title: title, report: report, criteria: criteria, expected: expected,
                                      csv: csvText(["mechanism", "profile", "horizon", "strong_regret_mean", "strong_regret_sd", "seeds"], csvRows),
                                      svg: SVGChart.render(title: title, panels: [panel], columns: 1))
    }
}

/// A-3: the ε-NE check (`ApproximateNECheck`) at P* (docs/reconstructions.md#click-experiments). Under UCB-S every arm's deviations on a grid
/// (plus offsets around s*_i and s′) are checked; under an incentive-unaware learner the best
/// arm's. Arm utility: expected clicks s_i·n_i (common random numbers across deviations).
public struct ClickbaitEquilibriumStudy: Sendable {
    public var setup: ClickbaitSetup
    public var horizons: [Int]
    public var seeds: Int
    /// Grid step of the deviation set ({0, step, ..., 1}).
    public var gridStep: Double
    /// The finest deviation grid step: a million and one points per arm.
    public static let minimumGridStep = 1e-6
    /// Offsets around the arm's own click-rate added to its deviation set.
    public var offsets: [Double]
    /// The incentive-aware mechanism (all arms checked) and the unaware ones (best arm only).
    public var aware: [String]
    public var unaware: [String]
    /// The horizons of the unaware mechanisms' checks, when not `horizons` (their criteria need
    /// no more than the default grid, and they run slower).
    public var unawareHorizons: [Int]?

    public init(setup: ClickbaitSetup, horizons: [Int], seeds: Int, gridStep: Double = 0.01,
                offsets: [Double] = [-0.05, -0.03, -0.02, -0.01, 0.01, 0.02, 0.03, 0.05],
                aware: [String] = ["ucb-s"], unaware: [String] = ["ucb-utility"]) {
        self.setup = setup
        self.horizons = horizons
        self.seeds = seeds
        self.gridStep = gridStep
        self.offsets = offsets
        self.aware = aware
        self.unaware = unaware
    }

    /// D_i for arm i at P*.
    public func deviations(arm i: Int) -> [[Double]] {
        let s = setup.desired
        // gridStep is validated into [minimumGridStep, 1] by every reader; clamped here so that a
        // library caller's NaN or 0 cannot reach the conversion.
        let step = gridStep.isFinite ? Swift.min(1, Swift.max(Self.minimumGridStep, gridStep)) : 1
        let steps = Int((1 / step).rounded())
        var values = (0...steps).map { Double($0) / Double(steps) }
        values += offsets.map { s[i] + $0 }
        if i == setup.bestArm { values.append(setup.clickbaitLevel) }
        var seen = Set<Double>()
        let clean = values.map { (min(1, max(0, $0)) * 1e9).rounded() / 1e9 }.filter { abs($0 - s[i]) > 1e-12 && seen.insert($0).inserted }
        return clean.sorted().map { [$0] }
    }

    /// The check of mechanism `id` at `horizon` over the deviations of `arms`: seed r runs
    /// every deviation with the stream r of the horizon (common random numbers).
    public func approximateNECheck(mechanism id: String, horizon: Int, arms: [Int],
                                   correction: ApproximateNECheck.Correction = .perArm) throws -> ApproximateNECheck {
        let m = try setup.mechanism(id)
        let base = try setup.instance(setup.desired)
        let seed = setup.seed &+ UInt64(horizon)
        var check = ApproximateNECheck(profile: setup.desired.map { [$0] }, deviations: deviations(arms: arms), seeds: seeds) { profile, r in
            let inst = base.with(clickRates: profile.map { $0[0] })
            var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(r))
            return m.run(inst, horizon: horizon, using: &rng).expectedClicks(inst)
        }
        check.correction = correction
        return check
    }

    /// D_i for every arm in `arms`, none for the others.
    func deviations(arms: [Int]) -> [[[Double]]] {
        var devs = [[[Double]]](repeating: [], count: setup.means.count)
        for i in arms { devs[i] = deviations(arm: i) }
        return devs
    }

    public func check(mechanism id: String, horizon: Int, arms: [Int], correction: ApproximateNECheck.Correction = .perArm,
                      threads: Int) throws -> ApproximateNEResult {
        try approximateNECheck(mechanism: id, horizon: horizon, arms: arms, correction: correction).run(threads: threads)
    }

    /// The checks of the study, in report order: the aware mechanisms (every arm) at every
    /// horizon, then the unaware ones (the best arm) at theirs.
    var checks: [(mechanism: String, horizon: Int, arms: [Int])] {
        let all = Array(setup.means.indices)
        return aware.flatMap { id in horizons.map { (id, $0, all) } }
            + unaware.flatMap { id in (unawareHorizons ?? horizons).map { (id, $0, [setup.bestArm]) } }
    }

    /// The bandit rounds of one block of runs (at least one run): at T = 10⁶ a block holds 10
    /// runs. The result does not depend on it; only how finely shards split the work.
    public var roundsPerBlock = 10_000_000

    /// Blocks: the runs (deviation, seed) of each check in chunks of about `roundsPerBlock`
    /// rounds, the checks' blocks interleaved (`BanditRunPlan`).
    var plan: BanditRunPlan {
        BanditRunPlan(checks: checks.map { (deviations(arms: $0.arms).map(\.count), seeds, $0.horizon) }, rounds: roundsPerBlock)
    }

    func builtChecks() throws -> [ApproximateNECheck] {
        try checks.map { try approximateNECheck(mechanism: $0.mechanism, horizon: $0.horizon, arms: $0.arms) }
    }
}

extension ClickbaitEquilibriumStudy: BanditExperiment {
    public static let defaultTitle = "A-3"
    public var blockCount: Int { plan.chunks.count }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [BanditBlock] {
        try plan.run(range, checks: builtChecks(), threads: threads, progress: progress)
    }

    public func finish(_ blocks: [BanditBlock], file: String, title: String, expected: [String]) throws -> BanditExperimentResult {
        try checkCount(blocks, file: file)
        let results = try plan.results(blocks, checks: builtChecks(), file: file)
        var report = "epsilon-NE check at P* = (\(setup.desired.map(fmt).joined(separator: ", "))); deviations: grid step \(fmt(gridStep)), offsets \(offsets.map(fmt).joined(separator: ", ")), s' = \(fmt(setup.clickbaitLevel)); \(seeds) paired seeds, Bonferroni 95% per arm; utility = expected clicks\n"
        let c = setup.screeningConstant(clickRate: setup.desired[setup.bestArm])
        // The window is epsilon(T) / T: the same rate per pull.
        let window = { (t: Int) in self.setup.approximateNEEpsilon(horizon: t) / Double(t) }
        report += "UCB-S screening window of an arm pulled T times, delta(T) = (1 + L/sqrt(s*)) sqrt(alpha ln T / T) with L = \(fmt(setup.desiredRateSlope)), c = \(fmt(c)): "
        report += Array(Set(horizons + (unawareHorizons ?? []))).sorted().map { "\(fmt(window($0))) at T = \($0)" }.joined(separator: ", ") + "\n"
        report += "n_detect = (1 + L/sqrt(s))^2 alpha ln T / delta^2: pulls after which a deviation by delta is screened (docs/reconstructions.md#click-equilibrium-window); a deviation gains while n_detect exceeds the arm's pulls\n"
        var rows = [["mechanism", "T", "arm", "best deviation", "gain", "95% (corrected)", "gain/T", "utility", "pulls at P*", "n_detect"]]
        var csvRows: [[String]] = []
        var criteria: [BanditCriterion] = []
        var series: [SVGChart.Series] = []
        var next = 0  // the next check's result: checks come in this loop's order
        for (group, ids) in [(true, aware), (false, unaware)] {
            let grid = group ? horizons : (unawareHorizons ?? horizons)
            for id in ids {
                var maxGains: [Double] = []
                var s1Gains: [Double] = []
                for T in grid {
                    let result = results[next]
                    next += 1
                    for a in result.arms where !a.gains.isEmpty {
                        guard let b = a.best else { continue }
                        let pulls = a.utility / setup.desired[a.arm]
                        let detect = setup.detectionPulls(arm: a.arm, clickRate: b.deviation[0], horizon: T)
                        rows.append([id, String(T), String(a.arm + 1), fmt(b.deviation[0]), fmt(b.gain), "[\(fmt(b.lower)), \(fmt(b.upper))]",
                                     fmt(b.gain / Double(T)), fmt(a.utility), fmt(pulls.rounded()), fmt(detect.rounded())])
                        for g in a.gains {
                            csvRows.append([id, String(T), String(a.arm + 1), NumberFormatting.csv(g.deviation[0]), NumberFormatting.csv(g.gain),
                                            NumberFormatting.csv(g.lower), NumberFormatting.csv(g.upper)])
                        }
                    }
                    maxGains.append(result.witness?.gain ?? 0)
                    if !group, let a = result.arms.first(where: { $0.arm == setup.bestArm }),
                       let g = a.gains.first(where: { abs($0.deviation[0] - setup.clickbaitLevel) < 1e-9 }) {
                        s1Gains.append(g.gain)
                    }
                }
                series.append(SVGChart.Series(name: "\(id): max gain / T", points: zip(grid, maxGains).map { SVGChart.Point(x: Double($0), y: $1 / Double($0)) }))
                if group {
                    criteria += awareCriteria(id, horizons: grid, maxGains: maxGains)
                } else {
                    let perRound = zip(grid, s1Gains).map { $1 / Double($0) }
                    criteria.append(BanditCriterion(id: "a3-\(id)-clickbait-gain", statement: "\(id): arm \(setup.bestArm + 1)'s gain from moving to s' >= 0.05 T at every T",
                                                    measured: perRound.map(fmt).joined(separator: ", "), passed: !perRound.isEmpty && perRound.allSatisfy { $0 >= 0.05 }))
                    if grid.count >= 2, s1Gains.count == grid.count, s1Gains.allSatisfy({ $0 > 0 }) {
                        let b = logSlope(grid, s1Gains)
                        criteria.append(BanditCriterion(id: "a3-\(id)-linear", statement: "\(id): that gain grows linearly (slope of log gain against log T >= 0.85)",
                                                        measured: fmt(b), passed: b >= 0.85))
                    }
                }
            }
        }
        report += ScenarioReport.table(rows)
        let panel = SVGChart.Panel(title: "Largest deviation gain per round at P*", xLabel: "T", yLabel: "gain / T (clicks per round)", series: series)
        return BanditExperimentResult(file: file, title: title, report: report, criteria: criteria, expected: expected,
                                      csv: csvText(["mechanism", "horizon", "arm", "deviation", "gain", "lower", "upper"], csvRows),
                                      svg: SVGChart.render(title: title, panels: [panel], columns: 1))
    }

    /// The horizon of our gain gate ("gain/T <= 0.02 at T = 10⁵", docs/reconstructions.md#thresholds-and-gates-we-chose).
    public static let specGateHorizon = 100_000

    /// The criteria of the incentive-aware mechanism: two fixed ones (gain/T <= 0.02 at T = 10⁵,
    /// or at the largest T when 10⁵ is not in the grid; slope < 0.75) and three of ours:
    /// - `rate`: the gain stays below ε(T) = (1 + L/√s*_{i*})·√(α·T·ln T), the largest gain of an
    ///   undetected deviation under UCB-S's screening (derived in `DesiredProfileNE`). The
    ///   fixed 0.02 T lies inside that window until T ≈ 3·10⁵: at T = 10⁵ arm 1 can play s*₁ + 0.03
    ///   for n_detect ≈ 1.2·10⁵ pulls, more than it gets.
    /// - `decreasing`: gain/T falls from each T of the grid to the next (the theorem's o(T)).
    /// - `gate-largest-T`: the 0.02 T gate at the largest T of the grid, when it exceeds 10⁵.
    func awareCriteria(_ id: String, horizons: [Int], maxGains: [Double]) -> [BanditCriterion] {
        guard let lastT = horizons.last, !maxGains.isEmpty else { return [] }
        let perRound = zip(horizons, maxGains).map { $1 / Double($0) }
        let gateIndex = horizons.firstIndex(of: Self.specGateHorizon) ?? horizons.count - 1
        var out = [BanditCriterion(id: "a3-\(id)-gain", statement: "\(id): every arm's best-deviation gain/T <= 0.02 at T = \(horizons[gateIndex]) (our gate: docs/reconstructions.md#thresholds-and-gates-we-chose)",
                                   measured: "\(fmt(perRound[gateIndex])) at T = \(horizons[gateIndex])", passed: perRound[gateIndex] <= 0.02)]
        if horizons.count >= 2 {
            let slope = maxGains.allSatisfy({ $0 > 0 }) ? logSlope(horizons, maxGains) : nil
            out.append(BanditCriterion(id: "a3-\(id)-slope", statement: "\(id): slope of log max gain against log T < 0.75",
                                       measured: slope.map(fmt) ?? "no profitable deviation at some T", passed: slope.map { $0 < 0.75 } ?? true))
        }
        let ratios = zip(horizons, maxGains).map { $1 / setup.approximateNEEpsilon(horizon: $0) }
        out.append(BanditCriterion(id: "a3-\(id)-rate", statement: "[ours] \(id): best-deviation gain <= eps(T) = \(fmt(setup.screeningConstant(clickRate: setup.desired[setup.bestArm]))) sqrt(\(fmt(setup.alpha)) T ln T) at every T (screening window, Thm 5.2's rate; the axiom's default epsilon)",
                                   measured: "gain/eps(T) = " + zip(horizons, ratios).map { "\(fmt($1)) (T = \($0))" }.joined(separator: ", "),
                                   passed: ratios.allSatisfy { $0 <= 1 }))
        if horizons.count >= 2 {
            out.append(BanditCriterion(id: "a3-\(id)-decreasing", statement: "[ours] \(id): best-deviation gain/T decreases from each T to the next",
                                       measured: perRound.map(fmt).joined(separator: ", "),
                                       passed: zip(perRound, perRound.dropFirst()).allSatisfy { $1 < $0 }))
        }
        if lastT > Self.specGateHorizon {
            out.append(BanditCriterion(id: "a3-\(id)-gate-largest-T", statement: "[ours] \(id): the gain/T <= 0.02 gate at the largest T, where the screening window is below 0.02",
                                       measured: "\(fmt(perRound.last!)) at T = \(lastT)", passed: perRound.last! <= 0.02))
        }
        return out
    }
}

/// Least-squares slope of log y against log x.
func logSlope(_ x: [Int], _ y: [Double]) -> Double {
    let lx = x.map { Foundation.log(Double($0)) }, ly = y.map { Foundation.log($0) }
    let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
    var sxy = 0.0, sxx = 0.0
    for k in lx.indices { sxy += (lx[k] - mx) * (ly[k] - my); sxx += (lx[k] - mx) * (lx[k] - mx) }
    return sxy / sxx
}
