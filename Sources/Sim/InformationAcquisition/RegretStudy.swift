import Foundation
import Mechanisms
import Solvers

/// Regret curves of the online information-acquisition algorithms: for each horizon T and
/// seed one simulated run, means with 95% bands over the seeds, and the exponent of a
/// least-squares fit of log(mean) against log(T), printed beside the papers' rates.
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
    }

    /// Runs `seeds` runs for every horizon.
    /// `radiusScale` multiplies the confidence radii (1 = the spec's).
    public static func run(_ algorithm: Algorithm, instance: AcquisitionInstance, horizons: [Int], seeds: Int,
                           seed: UInt64, radiusScale: Double = 1) throws -> Result {
        var points: [Point] = []
        var optimum = 0.0
        switch (algorithm, instance) {
        case (.exploreThenCommit, .hiring(let I)):
            optimum = try OptimalCorrelatedMechanism().solve(I).result.value
            let rules = try OnlineHiring.incentiveRules(I)
            for (index, T) in horizons.enumerated() {
                var regrets: [Double] = []
                for k in 0..<seeds {
                    var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(k) << 20 + UInt64(index))
                    regrets.append(try OnlineHiring.run(I, horizon: T, optimum: optimum, rules: rules, radiusScale: radiusScale, using: &rng).regret)
                }
                let (m, h) = meanAndHalfWidth(regrets)
                points.append(Point(horizon: T, regretMean: m, regretHalfWidth: h))
            }
        case (.fullFeedback, .senders(let raw)), (.bandit, .senders(let raw)):
            let cap = raw.paymentCap ?? 1
            let I = try SendersInstance(prior: raw.prior, signalCounts: raw.signalCounts,
                                        law: lawEntries(raw), utility: raw.utility, senderUtility: raw.senderUtility,
                                        payments: raw.payments, paymentCap: cap)
            optimum = try OptimalICMechanism().solve(I).result.value
            let feedback: OnlineSenders.Feedback
            if case .bandit(let a) = algorithm { feedback = .bandit(alpha: a) } else { feedback = .full }
            for (index, T) in horizons.enumerated() {
                var regrets: [Double] = [], violations: [Double] = []
                for k in 0..<seeds {
                    var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(k) << 20 + UInt64(index))
                    let r = try OnlineSenders.run(I, feedback: feedback, horizon: T, optimum: optimum, cap: cap, radiusScale: radiusScale, using: &rng)
                    regrets.append(r.regret)
                    violations.append(r.violation)
                }
                let (m, h) = meanAndHalfWidth(regrets), (vm, vh) = meanAndHalfWidth(violations)
                points.append(Point(horizon: T, regretMean: m, regretHalfWidth: h, violationMean: vm, violationHalfWidth: vh))
            }
        default:
            throw InformationAcquisitionError(keyPath: "agents", expected: algorithm == .exploreThenCommit ? "a model A instance" : "a model B instance",
                                              found: "an instance of the other model")
        }
        let regretExponent = slope(points.map { (Double($0.horizon), $0.regretMean) })
        let violationExponent = points.allSatisfy { $0.violationMean != nil }
            ? slope(points.map { (Double($0.horizon), $0.violationMean!) }) : nil
        return Result(algorithm: algorithm, seeds: seeds, points: points, regretExponent: regretExponent,
                      violationExponent: violationExponent, optimum: optimum)
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
        func series(_ name: String, _ values: [(Int, Double, Double)]) -> SVGChart.Series {
            SVGChart.Series(name: name, points: values.filter { $0.1 > 0 }.map { (T, m, h) in
                SVGChart.Point(x: log10(Double(T)), y: log10(m), low: log10(max(m - h, m * 1e-3)), high: log10(m + h))
            })
        }
        var all = [series("regret", r.points.map { ($0.horizon, $0.regretMean, $0.regretHalfWidth) })]
        if r.points.first?.violationMean != nil {
            all.append(series("IC violation", r.points.map { ($0.horizon, $0.violationMean!, $0.violationHalfWidth!) }))
        }
        let panel = SVGChart.Panel(title: r.algorithm.label, xLabel: "log10 T", yLabel: "log10 cumulative", series: all)
        return SVGChart.render(title: "Online information acquisition: \(r.algorithm.label), \(r.seeds) seeds", panels: [panel], columns: 1)
    }
}
