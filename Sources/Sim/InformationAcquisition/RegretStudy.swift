import Foundation
import Mechanisms
import Solvers

/// Regret curves of the online information-acquisition algorithms: for each horizon T and
/// seed one simulated run, means with 95% bands over the seeds, and the exponent of a
/// least-squares fit of log(mean) against log(T) with a percentile bootstrap interval over the
/// seeds, printed beside the papers' rates with a reading (`ExponentEstimate`: consistent,
/// below the paper, pre-asymptotic, above the paper).
///
/// Seeds: run k for horizon T uses `Xoshiro256StarStar(seed: seed, stream: k · 2^20 + index of T)`,
/// so results depend only on (seed, k, T).
public enum RegretStudy {
    /// Which algorithm.
    public enum Algorithm: Sendable, Hashable {
        /// Model A explore-then-commit (rate T^(2/3)).
        case exploreThenCommit
        /// Model B full feedback (regret and violation T^(1/2)).
        case fullFeedback
        /// Model B bandit feedback (regret T^α, violation T^(1 − α/2)).
        case bandit(alpha: Double)

        /// The papers' exponents: (regret, violation or nil).
        public var paperRates: (regret: Double, violation: Double?) {
            switch self {
            case .exploreThenCommit: return (2.0 / 3, nil)
            case .fullFeedback: return (0.5, 0.5)
            case .bandit(let a): return (a, 1 - a / 2)
            }
        }

        /// The algorithm's name on the command line and in scenario files.
        public var id: String {
            switch self {
            case .exploreThenCommit: return "explore-then-commit"
            case .fullFeedback: return "full-feedback"
            case .bandit: return "bandit"
            }
        }

        public var label: String {
            switch self {
            case .exploreThenCommit: return "explore-then-commit (model A)"
            case .fullFeedback: return "full feedback (model B)"
            case .bandit(let a): return "bandit feedback, alpha = \(a) (model B)"
            }
        }
    }

    /// One horizon's summary over the seeds.
    public struct Point: Sendable {
        public var horizon: Int
        public var regretMean: Double
        public var regretHalfWidth: Double
        public var violationMean: Double?
        public var violationHalfWidth: Double?
    }

    public struct Result: Sendable {
        public var algorithm: Algorithm
        public var seeds: Int
        public var points: [Point]
        /// Fitted exponents of regret and violation (nil when a mean is 0 somewhere).
        public var regretExponent: Double?
        public var violationExponent: Double?
        public var optimum: Double
        /// The factor of the confidence radii the runs used.
        public var radiusScale: Double = 1
        /// The regret and violation exponents with their bootstrap intervals and readings
        /// (`regretExponent` and `violationExponent` are their point values).
        public var regretEstimate: ExponentEstimate?
        public var violationEstimate: ExponentEstimate?
    }

    /// What one simulated run measured.
    public struct Run: Sendable, Hashable, Codable {
        /// R_T against the optimum.
        public var regret: Double
        /// The cumulative IC violation (model B only).
        public var violation: Double?
    }

    /// A regret study ready to run: the instance's optimum and what every run needs, computed
    /// once; run `r` is horizon `horizons[r / seeds]` with seed index `r % seeds`.
    public struct Plan: Sendable {
        public var algorithm: Algorithm
        public var horizons: [Int]
        public var seeds: Int
        public var seed: UInt64
        public var radiusScale: Double
        /// OPT of the instance (LP-A for model A, LP-B for model B).
        public var optimum: Double

        enum Model: Sendable {
            case hiring(HiringInstance, rules: [[(rule: [Double], margin: Double)]])
            case senders(SendersInstance, cap: Double, feedback: OnlineSenders.Feedback)
        }
        let model: Model

        /// Solves the instance's optimum (and, in model A, the incentive rules of exploration).
        /// - Throws: `InformationAcquisitionError` when the instance is of the other model than
        ///   the algorithm's; `LPError` when the solver cannot run.
        public init(_ algorithm: Algorithm, instance: AcquisitionInstance, horizons: [Int], seeds: Int,
                    seed: UInt64, radiusScale: Double = 1) throws {
            self.algorithm = algorithm
            self.horizons = horizons
            self.seeds = seeds
            self.seed = seed
            self.radiusScale = radiusScale
            switch (algorithm, instance) {
            case (.exploreThenCommit, .hiring(let I)):
                optimum = try OptimalCorrelatedMechanism().solve(I).result.value
                model = .hiring(I, rules: try OnlineHiring.incentiveRules(I))
            case (.fullFeedback, .senders(let raw)), (.bandit, .senders(let raw)):
                let cap = raw.paymentCap ?? 1
                let I = try SendersInstance(prior: raw.prior, signalCounts: raw.signalCounts,
                                            law: lawEntries(raw), utility: raw.utility, senderUtility: raw.senderUtility,
                                            payments: raw.payments, paymentCap: cap)
                optimum = try OptimalICMechanism().solve(I).result.value
                let feedback: OnlineSenders.Feedback
                if case .bandit(let a) = algorithm { feedback = .bandit(alpha: a) } else { feedback = .full }
                model = .senders(I, cap: cap, feedback: feedback)
            default:
                throw InformationAcquisitionError(keyPath: "agents", expected: algorithm == .exploreThenCommit ? "a model A instance" : "a model B instance",
                                                  found: "an instance of the other model")
            }
        }

        /// The number of runs: horizons times seeds.
        public var runCount: Int { horizons.count * seeds }

        /// Run `r`: its generator is `Xoshiro256StarStar(seed: seed, stream: k · 2^20 + h)` for
        /// horizon index h = r / seeds and seed index k = r % seeds, so it depends on nothing else.
        public func run(_ r: Int) throws -> Run {
            let index = r / seeds, k = r % seeds
            var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(k) << 20 + UInt64(index))
            switch model {
            case .hiring(let I, let rules):
                return Run(regret: try OnlineHiring.run(I, horizon: horizons[index], optimum: optimum, rules: rules,
                                                        radiusScale: radiusScale, using: &rng).regret)
            case .senders(let I, let cap, let feedback):
                let o = try OnlineSenders.run(I, feedback: feedback, horizon: horizons[index], optimum: optimum, cap: cap,
                                              radiusScale: radiusScale, using: &rng)
                return Run(regret: o.regret, violation: o.violation)
            }
        }

        /// Means with 95% bands per horizon and the fitted exponents, from every run in run order.
        public func fold(_ runs: [Run]) -> Result {
            var points: [Point] = []
            for (index, T) in horizons.enumerated() {
                let mine = runs[(index * seeds)..<((index + 1) * seeds)]
                let (m, h) = meanAndHalfWidth(mine.map(\.regret))
                if case .senders = model {
                    let (vm, vh) = meanAndHalfWidth(mine.map { $0.violation ?? 0 })
                    points.append(Point(horizon: T, regretMean: m, regretHalfWidth: h, violationMean: vm, violationHalfWidth: vh))
                } else {
                    points.append(Point(horizon: T, regretMean: m, regretHalfWidth: h))
                }
            }
            let regretExponent = slope(points.map { (Double($0.horizon), $0.regretMean) })
            let violationExponent = points.allSatisfy { $0.violationMean != nil }
                ? slope(points.map { (Double($0.horizon), $0.violationMean!) }) : nil
            var result = Result(algorithm: algorithm, seeds: seeds, points: points, regretExponent: regretExponent,
                                violationExponent: violationExponent, optimum: optimum, radiusScale: radiusScale)
            let perHorizon = horizons.indices.map { Array(runs[($0 * seeds)..<(($0 + 1) * seeds)]) }
            let rates = algorithm.paperRates
            result.regretEstimate = ExponentEstimate(horizons: horizons, samples: perHorizon.map { $0.map(\.regret) }, paper: rates.regret, seed: seed)
            if let v = rates.violation, case .senders = model {
                result.violationEstimate = ExponentEstimate(horizons: horizons, samples: perHorizon.map { $0.map { $0.violation ?? 0 } },
                                                            paper: v, seed: seed &+ 1)
            }
            return result
        }
    }

    /// Runs `seeds` runs for every horizon on the parallel engine (the result does not depend on
    /// `threads`). `radiusScale` multiplies the confidence radii (1 = the radii of docs/reconstructions.md#explore-then-commit).
    public static func run(_ algorithm: Algorithm, instance: AcquisitionInstance, horizons: [Int], seeds: Int,
                           seed: UInt64, radiusScale: Double = 1, threads: Int = ParallelEngine.availableCores) throws -> Result {
        let plan = try Plan(algorithm, instance: instance, horizons: horizons, seeds: seeds, seed: seed, radiusScale: radiusScale)
        return plan.fold(try ParallelEngine(threads: threads).map(0..<plan.runCount) { r in try plan.run(r) })
    }

    static func lawEntries(_ I: SendersInstance) -> [SendersInstance.LawEntry] {
        var out: [SendersInstance.LawEntry] = []
        for θ in 0..<I.stateCount { for s in 0..<I.signals.count where I.law[θ * I.signals.count + s] > 0 {
            out.append(.init(state: θ, signals: I.signals.digits(s), probability: I.law[θ * I.signals.count + s]))
        } }
        return out
    }

    /// Mean and the half-width of a normal 95% interval (1.96 standard errors; 0 for one value).
    public static func meanAndHalfWidth(_ xs: [Double]) -> (Double, Double) {
        let n = Double(xs.count)
        let mean = xs.reduce(0, +) / n
        guard xs.count > 1 else { return (mean, 0) }
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, 1.96 * (variance / n).squareRoot())
    }

    /// The least-squares slope of log y against log x; nil unless every y > 0 and there are
    /// two distinct x.
    public static func slope(_ points: [(Double, Double)]) -> Double? {
        guard points.count >= 2, points.allSatisfy({ $0.0 > 0 && $0.1 > 0 }) else { return nil }
        let xs = points.map { log($0.0) }, ys = points.map { log($0.1) }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        return sxx > 0 ? sxy / sxx : nil
    }

    /// The text report of `mechsim online`: the header line, one row per horizon with the 95%
    /// bands, and the fitted exponents beside the papers' rates.
    public static func text(_ r: Result, instance: String) -> String {
        let f = NumberFormatting.short
        let rates = r.algorithm.paperRates
        var out = "\(r.algorithm.label) on \(instance): OPT = \(f(r.optimum)), \(r.seeds) seeds, 95% bands, radius scale \(f(r.radiusScale))\n"
        var rows = [["T", "regret", "+/-"] + (r.points.first?.violationMean != nil ? ["violation", "+/-"] : [])]
        for p in r.points {
            var row = [String(p.horizon), f(p.regretMean), f(p.regretHalfWidth)]
            if let v = p.violationMean { row += [f(v), f(p.violationHalfWidth ?? 0)] }
            rows.append(row)
        }
        out += ScenarioReport.table(rows)
        let noRegret = "regret ≤ 0 somewhere: the optimistic LP beats OPT by violating IC"
        if let e = r.regretEstimate {
            out += "fitted regret exponent \(e.rendered(noRegret))  (paper: \(String(format: "%.3f", rates.regret)))\n"
            if e.status != .undefined { out += "  \(e.statusText)\n" }
        } else {
            out += "fitted regret exponent \(r.regretExponent.map { String(format: "%.3f", $0) } ?? "- (\(noRegret))")  (paper: \(String(format: "%.3f", rates.regret)))\n"
        }
        if let v = rates.violation {
            if let e = r.violationEstimate {
                out += "fitted violation exponent \(e.rendered("no violation"))  (paper: \(String(format: "%.3f", v)))\n"
                if e.status != .undefined { out += "  \(e.statusText)\n" }
            } else {
                out += "fitted violation exponent \(r.violationExponent.map { String(format: "%.3f", $0) } ?? "- (no violation)")  (paper: \(String(format: "%.3f", v)))\n"
            }
        }
        if r.regretEstimate != nil {
            out += "exponent: least squares of log(mean) on log T over all horizons; interval: percentile bootstrap over the \(r.seeds) seeds "
                + "at each horizon, \(RegretStudy.bootstrapResamples) resamples, seeded; pre-asymptotic: the interval lies above the paper's "
                + "exponent while the local slope between the last two horizons is below the one between the first two\n"
        }
        return out
    }

    /// The JSON fields of a result after `algorithm`, `instance` and `seeds`: `optimum`,
    /// `points` (`horizon`, `regret`, `regret_half_width`, and in model B `violation`,
    /// `violation_half_width`), `regret_exponent`, `paper_regret_exponent`,
    /// `violation_exponent`, `paper_violation_exponent` (null when there is none),
    /// `bootstrap_resamples`, and per fitted quantity (`regret`, and `violation` in model B)
    /// `<name>_exponent_low`, `<name>_exponent_high` (the 95% percentile bootstrap interval, null
    /// when there is none), `<name>_exponent_status` (`consistent`, `below-paper`,
    /// `pre-asymptotic`, `above-paper`, `undefined`) and `<name>_local_slopes`.
    public static func jsonFields(_ r: Result) -> [(String, JSONValue)] {
        let rates = r.algorithm.paperRates
        return [
            ("optimum", .number(r.optimum)),
            ("points", .array(r.points.map { p in
                var f: [(String, JSONValue)] = [("horizon", .integer(p.horizon)), ("regret", .number(p.regretMean)),
                                                ("regret_half_width", .number(p.regretHalfWidth))]
                if let v = p.violationMean { f += [("violation", .number(v)), ("violation_half_width", .number(p.violationHalfWidth ?? 0))] }
                return .object(f)
            })),
            ("regret_exponent", r.regretExponent.map { .number($0) } ?? .null), ("paper_regret_exponent", .number(rates.regret)),
            ("violation_exponent", r.violationExponent.map { .number($0) } ?? .null),
            ("paper_violation_exponent", rates.violation.map { .number($0) } ?? .null),
            ("bootstrap_resamples", .integer(RegretStudy.bootstrapResamples)),
        ] + (r.regretEstimate?.jsonFields("regret") ?? []) + (r.violationEstimate?.jsonFields("violation") ?? [])
    }

    /// The one-line JSON object of `mechsim online --format json`.
    public static func json(_ r: Result, instance: String) -> String {
        JSONValue.object([("algorithm", .string(r.algorithm.id)), ("instance", .string(instance)), ("seeds", .integer(r.seeds))]
                         + jsonFields(r)).rendered()
    }

    /// `horizon,regret_mean,regret_low,regret_high[,violation_mean,violation_low,violation_high]`.
    public static func csv(_ r: Result) -> String {
        let hasViolation = r.points.first?.violationMean != nil
        var lines = ["horizon,regret_mean,regret_low,regret_high" + (hasViolation ? ",violation_mean,violation_low,violation_high" : "")]
        for p in r.points {
            var fields = [String(p.horizon), "\(p.regretMean)", "\(p.regretMean - p.regretHalfWidth)", "\(p.regretMean + p.regretHalfWidth)"]
            if let v = p.violationMean, let h = p.violationHalfWidth { fields += ["\(v)", "\(v - h)", "\(v + h)"] }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A log-log SVG chart (log10 T against log10 of the means, with the 95% bands).
    public static func svg(_ r: Result) -> String {
        SVGChart.render(title: "Online information acquisition: \(r.algorithm.label), \(r.seeds) seeds", panels: [panel(r)], columns: 1)
    }

    /// The log-log panel of one result: regret and, in model B, IC violation against T.
    public static func panel(_ r: Result, title: String? = nil) -> SVGChart.Panel {
        func series(_ name: String, _ values: [(Int, Double, Double)]) -> SVGChart.Series {
            SVGChart.Series(name: name, points: values.filter { $0.1 > 0 }.map { (T, m, h) in
                SVGChart.Point(x: log10(Double(T)), y: log10(m), low: log10(max(m - h, m * 1e-3)), high: log10(m + h))
            })
        }
        var all = [series("regret", r.points.map { ($0.horizon, $0.regretMean, $0.regretHalfWidth) })]
        if r.points.first?.violationMean != nil {
            all.append(series("IC violation", r.points.map { ($0.horizon, $0.violationMean!, $0.violationHalfWidth!) }))
        }
        return SVGChart.Panel(title: title ?? r.algorithm.label, xLabel: "log10 T", yLabel: "log10 cumulative", series: all)
    }
}
