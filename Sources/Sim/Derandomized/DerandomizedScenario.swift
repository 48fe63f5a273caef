import Foundation
import Mechanisms
import Solvers
import Yams

/// A derandomized-mechanism scenario (`domain: derandomized`):
/// agents play the move game over many runs; the empirical outcome frequencies are compared
/// with the exact lottery (total variation, chi-square with its p-value); optionally one agent
/// deviates from uniform play with fixed moves, and its exact and empirical gain are reported
/// (Lemma U: zero, as long as another agent stays uniform). The plays run as a study
/// (`DerandomizedStudy`): blocks of `DerandomizedScenarioRunner.playsPerBlock` plays, each from
/// its own stream, folded in block order; the exact lottery, distribution and gain once.
///
/// ```yaml
/// domain: derandomized
/// title: V-1 random dictator
/// mechanism: random-dictator          # a base id of `mechsim audit` (or derandomized-<id>)
/// method: game-first
/// reports: [[0, 1, 2], [1, 2, 0], [2, 0, 1]]
/// instance: {...}                     # optional, as in `mechsim audit`
/// simulation: {runs: 20000, seed: 6, deviator: {agent: 0, moves: [0]}, behaviour: uniform}
/// expect:
///   - {metric: total_variation, max: 0.02}
///   - {metric: deviator_exact_gain, value: 0}
/// ```
/// Metrics: `total_variation` (empirical), `exact_total_variation` (of the exact outcome
/// distribution the behaviour induces; 0 under uniform play), `max_abs_error`, `chi_square`, `chi_square_df`, `chi_square_p`,
/// `behaviour_total_variation` (empirical against the exact distribution of the behaviour: the
/// simulation's own check), and with a deviator `deviator_exact_gain` (exact, against the
/// lottery, that is uniform play), `deviator_empirical_gain`, `deviator_gain_z` (|gain| over its
/// standard error), `deviator_total_variation`, and against moving by the behaviour like the
/// others `deviator_exact_gain_vs_behaviour` (exact), `deviator_empirical_gain_vs_behaviour`
/// (the deviator's simulation against the first), `deviator_gain_vs_behaviour_z`. Under uniform
/// moves the two gains coincide.
///
/// Reports: under a behaviour other than uniform the text table has a lottery column and an
/// exact column for the behaviour; the JSON `outcomes` keep `exact` (the lottery) and add
/// `lottery` and `exact_behaviour`; the exact gains are also given as fractions.
public struct DerandomizedScenario: Sendable {
    public var file: String
    public var title: String
    public var reference: String?
    public var description: String?
    public var input: DerandomizedInput
    public var runs: Int
    public var seed: UInt64
    public var deviator: (agent: Int, moves: [Int])?
    /// How the agents other than the deviator move: uniformly, or "human-like" biased to 0
    /// (move 0 with probability 1/2, otherwise uniform), which no longer yields the lottery.
    public var behaviour: Behaviour
    public var expectations: [Expectation]
    /// The file's text (carried by shard files).
    public var source: String = ""

    public enum Behaviour: String, Sendable, CaseIterable {
        case uniform
        case biasedToZero = "biased-to-zero"

        /// The exact distribution of one move in `Z_q`.
        func distribution(_ q: Int) throws(RationalError) -> [Rational] {
            switch self {
            case .uniform: return MoveGame.uniform(q)
            case .biasedToZero:
                return try (0..<q).map { g throws(RationalError) in
                    try Rational(1, 2 * q).adding(g == 0 ? Rational(1, 2) : .zero)
                }
            }
        }
    }

    /// One `expect:` entry: a value within a tolerance, or a bound.
    public struct Expectation: Sendable {
        public var keyPath: String
        public var metric: String
        public var value: Double?
        public var tolerance: Double
        public var min: Double?
        public var max: Double?
    }

    static let topKeys = ["title", "reference", "description", "domain", "mechanism", "method", "reports", "instance", "simulation", "expect"]
    public static let metrics = ["total_variation", "exact_total_variation", "max_abs_error", "behaviour_total_variation",
                                 "chi_square", "chi_square_df", "chi_square_p",
                                 "deviator_exact_gain", "deviator_empirical_gain", "deviator_gain_z", "deviator_total_variation",
                                 "deviator_exact_gain_vs_behaviour", "deviator_empirical_gain_vs_behaviour", "deviator_gain_vs_behaviour_z"]

    public static func load(file: String) throws(ScenarioError) -> DerandomizedScenario {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ScenarioError(file: file, keyPath: "", message: "cannot be read as UTF-8 text (\(error.localizedDescription)).")
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws(ScenarioError) -> DerandomizedScenario {
        try parse(ScenarioFile.root(of: text, file: file), source: text)
    }

    /// Builds the scenario from the file's parsed root.
    static func parse(_ root: ScenarioNode, source: String) throws(ScenarioError) -> DerandomizedScenario {
        let file = root.file
        let node = root
        let top = try node.mapping(allowed: topKeys, required: ["title", "domain", "mechanism", "method", "reports", "simulation"])
        let domain = try top["domain"]!.string()
        guard domain == Domain.derandomized.rawValue else { throw top["domain"]!.error("expected 'derandomized', got '\(domain)'.") }
        let input = try DerandomizedInput.parse(mechanism: top["mechanism"]!, method: top["method"]!, reports: top["reports"]!,
                                                instance: top["instance"], file: file)
        let sim = try top["simulation"]!.mapping(allowed: ["runs", "seed", "deviator", "behaviour"], required: ["runs", "seed"])
        var behaviour = Behaviour.uniform
        if let b = sim["behaviour"] {
            let text = try b.string()
            guard let v = Behaviour(rawValue: text) else {
                throw b.error("expected uniform or biased-to-zero, got '\(text)'.")
            }
            behaviour = v
        }
        let runs = try sim["runs"]!.int(minimum: 1)
        let seed = try sim["seed"]!.uint64()
        var deviator: (agent: Int, moves: [Int])?
        if let d = sim["deviator"] {
            let m = try d.mapping(allowed: ["agent", "moves"], required: ["agent", "moves"])
            let agent = try m["agent"]!.int(minimum: 0)
            guard agent < input.agents else { throw m["agent"]!.error("expected an agent in 0...\(input.agents - 1), got \(agent).") }
            var moves: [Int] = []
            for g in try m["moves"]!.array() { moves.append(try g.int(minimum: 0)) }
            deviator = (agent, moves)
        }
        var expectations: [Expectation] = []
        if let list = top["expect"] {
            for n in try list.array() {
                let m = try n.mapping(allowed: ["metric", "value", "tolerance", "min", "max"], required: ["metric"])
                let metric = try m["metric"]!.string()
                guard metrics.contains(metric) else {
                    throw m["metric"]!.error("unknown metric '\(metric)'; expected one of: \(metrics.joined(separator: ", ")).",
                                             suggestion: closestMatch(to: metric, in: metrics).map { "Did you mean '\($0)'?" })
                }
                if metric.hasPrefix("deviator"), deviator == nil { throw m["metric"]!.error("'\(metric)' needs simulation.deviator.") }
                let e = Expectation(keyPath: n.path, metric: metric, value: try m["value"]?.double(), tolerance: try m["tolerance"]?.double() ?? 0,
                                    min: try m["min"]?.double(), max: try m["max"]?.double())
                guard e.value != nil || e.min != nil || e.max != nil else { throw n.error("give value, min or max.") }
                expectations.append(e)
            }
        }
        var scenario = DerandomizedScenario(file: file, title: try top["title"]!.string(), reference: try top["reference"]?.string(),
                                    description: try top["description"]?.string(), input: input, runs: runs, seed: seed,
                                    deviator: deviator, behaviour: behaviour, expectations: expectations)
        scenario.source = source
        return scenario
    }
}

/// What running a derandomized scenario produced.
public struct DerandomizedScenarioResult: Sendable {
    public var scenario: DerandomizedScenario
    public var model: DerandomizedModel
    /// Empirical frequency of each support outcome under all-uniform play.
    public var frequencies: [Double]
    /// Metric name -> value.
    public var metrics: [(String, Double)]
    /// The deviator's exact gain as a fraction, when there is a deviator: against the lottery,
    /// that is against uniform play (what Lemma U guarantees).
    public var exactGain: Rational?
    /// The exact outcome distribution when every agent moves by the scenario's behaviour (the
    /// lottery `model.probabilities` under uniform moves; 5/12, 7/24, 7/24 under biased-to-zero
    /// moves in the three-voter example).
    public var behaviourDistribution: [Rational] = []
    /// The deviator's exact gain against moving by the behaviour like the others (its value
    /// with its fixed moves minus its value when it too moves by the behaviour).
    public var exactGainVersusBehaviour: Rational?
    public var expectations: [ExpectationResult]
    public var failed: Bool { expectations.contains { !$0.passed } }
}

public enum DerandomizedScenarioRunner {
    /// Plays per block of a simulation (the last block of a simulation may hold fewer): 20,000
    /// runs make 5 blocks per simulation; a block's shard-file entry is its outcome counts.
    public static let playsPerBlock = 4_096
    /// Plays at the start of each simulation whose outcome is recomputed through
    /// `Derandomizer.play` (the fast path's oracle).
    public static let checkedPlays = 200

    /// Runs the scenario as a study: every block of plays on `threads` workers, then `finish`.
    /// Deterministic in the seed, whatever `threads`.
    public static func run(_ s: DerandomizedScenario, threads: Int = 1) throws(ScenarioError) -> DerandomizedScenarioResult {
        let study = DerandomizedStudy(s)
        return try study.finished(study.blocks(0..<study.blockCount, threads: threads, progress: nil))
    }

    /// The scenario's exact model, with the deviator's moves checked against its moduli.
    static func model(_ s: DerandomizedScenario) throws(ScenarioError) -> DerandomizedModel {
        let model = try s.input.model()
        let moduli = model.moveModuli
        if let d = s.deviator {
            guard d.moves.count == moduli.count, zip(d.moves, moduli).allSatisfy({ $0 < $1 }) else {
                throw ScenarioError(file: s.file, keyPath: "simulation.deviator.moves",
                                    message: "expected \(moduli.count) move(s) below the moduli \(moduli), got \(d.moves).")
            }
        }
        return model
    }

    /// Play block `block` of `simulation` (0: everybody moves by the behaviour; 1: the deviator
    /// plays its fixed moves): the count of each support outcome. Each play draws the moves
    /// agent by agent, step by step, from the block's own stream; the outcome is the slot of the
    /// step totals. The first `checkedPlays` plays of the simulation are recomputed through
    /// `Derandomizer.play`.
    static func play(_ s: DerandomizedScenario, model: DerandomizedModel, simulation: Int, block: Int) throws(ScenarioError) -> DerandomizedStudy.Block {
        let moduli = model.moveModuli, n = s.input.agents, steps = moduli.count
        let fixed = simulation == 1 ? s.deviator : nil
        let biased = s.behaviour == .biasedToZero
        var rng = Xoshiro256StarStar(seed: s.seed, stream: UInt64(simulation) << 40 | UInt64(block))
        var counts = Array(repeating: 0, count: model.support.count)
        var moves = Array(repeating: 0, count: n * steps)
        var choices = Array(repeating: 0, count: steps)
        let first = block * playsPerBlock
        for play in first..<max(first, min(s.runs, first + playsPerBlock)) {
            for i in 0..<n {
                for t in 0..<steps {
                    let q = moduli[t]
                    let g: Int
                    if let fixed, fixed.agent == i { g = fixed.moves[t] } else {
                        g = biased && Bool.random(using: &rng) ? 0 : Int.random(in: 0..<q, using: &rng)
                    }
                    moves[i * steps + t] = g
                    choices[t] = i == 0 ? g : (choices[t] + g) % q
                }
            }
            let outcome = model.slotOutcome[SeedEncoding.slot(choices: choices, moduli: moduli)]
            if play < checkedPlays {
                let perAgent = (0..<n).map { i in Array(moves[(i * steps)..<((i + 1) * steps)]) }
                guard try model.outcomeIndex(perAgent) == outcome else {
                    throw ScenarioError(file: s.file, keyPath: "", message: "the fast path and Derandomizer.play disagree on moves \(perAgent).")
                }
            }
            counts[outcome] += 1
        }
        return DerandomizedStudy.Block(simulation: simulation, index: block, counts: counts)
    }

    /// The metrics and expectations from the outcome counts of the uniform simulation (and the
    /// deviator's), with the exact distribution and gain computed here, once.
    static func result(_ s: DerandomizedScenario, model: DerandomizedModel, uniform: [Int],
                       deviator deviatorCounts: [Int]?) throws(ScenarioError) -> DerandomizedScenarioResult {
        let n = s.input.agents
        let k = model.support.count
        let p = model.probabilities.map(\.doubleValue)
        let freq = uniform.map { Double($0) / Double(s.runs) }
        var metrics: [(String, Double)] = []
        let tv = zip(freq, p).reduce(0) { $0 + abs($1.0 - $1.1) } / 2
        metrics.append(("total_variation", tv))
        let exact = try exactOutcomeDistribution(model, agents: n, behaviour: s.behaviour, file: s.file)
        var exactTV = Rational.zero
        do {
            for (a, b) in zip(exact, model.probabilities) { exactTV = try exactTV.adding(try a.subtracting(b).magnitude) }
            exactTV = try exactTV.divided(by: Rational(2))
        } catch { throw ScenarioError(file: s.file, keyPath: "simulation", message: "exact total variation overflowed (\(error)).") }
        metrics.append(("exact_total_variation", exactTV.doubleValue))
        metrics.append(("max_abs_error", zip(freq, p).map { abs($0 - $1) }.max() ?? 0))
        // The simulation against the exact distribution of the behaviour it simulates.
        let behaving = exact.map(\.doubleValue)
        metrics.append(("behaviour_total_variation", zip(freq, behaving).reduce(0) { $0 + abs($1.0 - $1.1) } / 2))
        let chi = zip(uniform, p).reduce(0.0) { acc, e in
            let expected = Double(s.runs) * e.1
            return acc + (Double(e.0) - expected) * (Double(e.0) - expected) / expected
        }
        let df = max(k - 1, 1)
        metrics.append(("chi_square", chi))
        metrics.append(("chi_square_df", Double(df)))
        metrics.append(("chi_square_p", k > 1 ? ChiSquare.upperTail(chi, degreesOfFreedom: df) : 1))
        var exactGain: Rational?, gainVersusBehaviour: Rational?
        if let d = s.deviator, let devCounts = deviatorCounts {
            let gain = try exactDeviationGain(model, agents: n, deviator: d, behaviour: s.behaviour, file: s.file)
            exactGain = gain
            let versusBehaviour = try exactGainVersusBehaviour(model, deviator: d, gain: gain, behaviourDistribution: exact, file: s.file)
            gainVersusBehaviour = versusBehaviour
            let lotteryValue = zip(model.utilities[d.agent], model.probabilities).reduce(0.0) { $0 + $1.0.doubleValue * $1.1.doubleValue }
            // The deviator's utility is a function of the outcome: its sample mean and variance
            // over the plays are sums over the outcomes weighted by their counts.
            let values = model.utilities[d.agent].map(\.doubleValue)
            let mean = zip(devCounts, values).reduce(0.0) { $0 + Double($1.0) * $1.1 } / Double(s.runs)
            let variance = zip(devCounts, values).reduce(0.0) { $0 + Double($1.0) * ($1.1 - mean) * ($1.1 - mean) } / Double(max(s.runs - 1, 1))
            let se = (variance / Double(s.runs)).squareRoot()
            metrics.append(("deviator_exact_gain", gain.doubleValue))
            metrics.append(("deviator_empirical_gain", mean - lotteryValue))
            metrics.append(("deviator_gain_z", se > 0 ? abs(mean - lotteryValue) / se : 0))
            let devFreq = devCounts.map { Double($0) / Double(s.runs) }
            metrics.append(("deviator_total_variation", zip(devFreq, p).reduce(0) { $0 + abs($1.0 - $1.1) } / 2))
            // Against moving by the behaviour like the others: the same agent's utility in the
            // first simulation (everybody by the behaviour); the two simulations are independent.
            let behaviourMean = zip(uniform, values).reduce(0.0) { $0 + Double($1.0) * $1.1 } / Double(s.runs)
            let behaviourVariance = zip(uniform, values).reduce(0.0) { $0 + Double($1.0) * ($1.1 - behaviourMean) * ($1.1 - behaviourMean) }
                / Double(max(s.runs - 1, 1))
            let seVersus = ((variance + behaviourVariance) / Double(s.runs)).squareRoot()
            metrics.append(("deviator_exact_gain_vs_behaviour", versusBehaviour.doubleValue))
            metrics.append(("deviator_empirical_gain_vs_behaviour", mean - behaviourMean))
            metrics.append(("deviator_gain_vs_behaviour_z", seVersus > 0 ? abs(mean - behaviourMean) / seVersus : 0))
        }
        var results: [ExpectationResult] = []
        for e in s.expectations {
            let actual = metrics.first { $0.0 == e.metric }?.1 ?? .nan
            var passed = actual.isFinite
            var expected: [String] = []
            if let v = e.value {
                passed = passed && abs(actual - v) <= e.tolerance
                expected.append(e.tolerance > 0 ? "\(NumberFormatting.short(v)) ± \(NumberFormatting.short(e.tolerance))" : NumberFormatting.short(v))
            }
            if let lo = e.min { passed = passed && actual >= lo; expected.append(">= \(NumberFormatting.short(lo))") }
            if let hi = e.max { passed = passed && actual <= hi; expected.append("<= \(NumberFormatting.short(hi))") }
            results.append(ExpectationResult(keyPath: e.keyPath, subject: "\(s.input.id) \(s.input.method.rawValue) \(e.metric)",
                                             expected: expected.joined(separator: " and "), actual: NumberFormatting.short(actual), passed: passed))
        }
        var result = DerandomizedScenarioResult(scenario: s, model: model, frequencies: freq, metrics: metrics, exactGain: exactGain, expectations: results)
        result.behaviourDistribution = exact
        result.exactGainVersusBehaviour = gainVersusBehaviour
        return result
    }

    /// The deviator's exact gain against moving by the behaviour like the others: `gain` (its
    /// value with fixed moves minus the lottery value) minus the gain of behaving, that is its
    /// value under `behaviourDistribution` minus the lottery value.
    static func exactGainVersusBehaviour(_ model: DerandomizedModel, deviator d: (agent: Int, moves: [Int]), gain: Rational,
                                         behaviourDistribution: [Rational], file: String) throws(ScenarioError) -> Rational {
        do {
            var behaving = Rational.zero
            for (u, (q, p)) in zip(model.utilities[d.agent], zip(behaviourDistribution, model.probabilities)) {
                behaving = try behaving.adding(try u.multiplied(by: try q.subtracting(p)))
            }
            return try gain.subtracting(behaving)
        } catch {
            throw ScenarioError(file: file, keyPath: "simulation.deviator", message: "the exact gain overflowed (\(error)).")
        }
    }

    /// The exact outcome distribution when every agent moves by `behaviour` (independently).
    static func exactOutcomeDistribution(_ model: DerandomizedModel, agents n: Int, behaviour: DerandomizedScenario.Behaviour,
                                         file: String) throws(ScenarioError) -> [Rational] {
        do {
            var seedDistribution: [Rational] = [.one]
            for q in model.moveModuli {
                var step = MoveGame.pure(0, q)
                for _ in 0..<n { step = try MoveGame.convolve(step, try behaviour.distribution(q)) }
                var next: [Rational] = []
                for a in seedDistribution { for b in step { next.append(try a.multiplied(by: b)) } }
                seedDistribution = next
            }
            var out = Array(repeating: Rational.zero, count: model.support.count)
            for (slot, p) in seedDistribution.enumerated() { out[model.slotOutcome[slot]] = try out[model.slotOutcome[slot]].adding(p) }
            return out
        } catch {
            throw ScenarioError(file: file, keyPath: "simulation", message: "the exact outcome distribution overflowed (\(error)).")
        }
    }

    /// The deviator's exact expected utility with fixed moves, everybody else moving by
    /// `behaviour`, minus its lottery value: per step the others' total is the (n−1)-fold convolution of uniforms,
    /// shifted by the deviator's move; steps are independent.
    static func exactDeviationGain(_ model: DerandomizedModel, agents n: Int, deviator d: (agent: Int, moves: [Int]),
                                   behaviour: DerandomizedScenario.Behaviour, file: String) throws(ScenarioError) -> Rational {
        do {
            var seedDistribution: [Rational] = [.one]
            for (t, q) in model.moveModuli.enumerated() {
                var step = MoveGame.pure(d.moves[t], q)
                for _ in 0..<(n - 1) { step = try MoveGame.convolve(step, try behaviour.distribution(q)) }
                var next: [Rational] = []
                for a in seedDistribution { for b in step { next.append(try a.multiplied(by: b)) } }
                seedDistribution = next
            }
            var value = Rational.zero, lottery = Rational.zero
            for (slot, p) in seedDistribution.enumerated() where p != .zero {
                value = try value.adding(try p.multiplied(by: model.utilities[d.agent][model.slotOutcome[slot]]))
            }
            for (u, p) in zip(model.utilities[d.agent], model.probabilities) { lottery = try lottery.adding(try u.multiplied(by: p)) }
            return try value.subtracting(lottery)
        } catch {
            throw ScenarioError(file: file, keyPath: "simulation.deviator", message: "the exact gain overflowed (\(error)).")
        }
    }
}

/// The chi-square distribution's upper tail `P(X >= x)`, through the regularized incomplete
/// gamma function `Q(k/2, x/2)` (series for x < a + 1, Lentz continued fraction otherwise).
/// References: Press et al., *Numerical Recipes*, 3rd ed., §6.2.
public enum ChiSquare {
    public static func upperTail(_ x: Double, degreesOfFreedom k: Int) -> Double {
        guard x > 0 else { return 1 }
        let a = Double(k) / 2, z = x / 2
        let logPrefix = -z + a * Foundation.log(z) - lgamma(a)
        if z < a + 1 {
            var sum = 1 / a, term = 1 / a, ap = a
            for _ in 0..<1000 {
                ap += 1
                term *= z / ap
                sum += term
                if abs(term) < abs(sum) * 1e-15 { break }
            }
            return max(0, min(1, 1 - sum * Foundation.exp(logPrefix)))
        }
        let tiny = 1e-300
        var b = z + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<1000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return max(0, min(1, Foundation.exp(logPrefix) * h))
    }
}

/// Text and JSON reports of derandomized scenarios.
public enum DerandomizedReport {
    public static func text(_ r: DerandomizedScenarioResult) -> String {
        let s = r.scenario
        var out = "\(s.title)\n  \(s.input.id), \(s.input.method.rawValue), \(s.input.agents) agents, moves mod \(r.model.moveModuli), \(s.runs) runs, seed \(s.seed)\n"
        // Under uniform moves the exact distribution is the lottery; under another behaviour
        // both are printed, each labelled.
        let uniform = s.behaviour == .uniform || r.behaviourDistribution.isEmpty
        var rows = [uniform ? ["outcome", "exact", "empirical"]
                            : ["outcome", "lottery (uniform moves)", "exact (\(s.behaviour.rawValue) moves)", "empirical"]]
        for (k, o) in r.model.support.enumerated() {
            rows.append([o.rendered(), r.model.probabilities[k].description]
                        + (uniform ? [] : [r.behaviourDistribution[k].description]) + [NumberFormatting.short(r.frequencies[k])])
        }
        out += ScenarioReport.table(rows)
        let width = max(26, r.metrics.map(\.0.count).max() ?? 0)
        for (name, v) in r.metrics { out += "  \(name.padding(toLength: width, withPad: " ", startingAt: 0)) \(NumberFormatting.short(v))\n" }
        if uniform {
            if let g = r.exactGain { out += "  deviator exact gain (fraction) \(g)\n" }
        } else {
            if let g = r.exactGain { out += "  deviator exact gain against uniform play (the lottery), fraction: \(g)\n" }
            if let g = r.exactGainVersusBehaviour {
                out += "  deviator exact gain against \(s.behaviour.rawValue) play like the others, fraction: \(g)\n"
            }
        }
        for e in r.expectations { out += "  \(e.passed ? "ok  " : "FAIL") \(e.subject): expected \(e.expected), got \(e.actual)\n" }
        return out
    }

    public static func json(_ results: [DerandomizedScenarioResult]) -> String {
        JSONValue.array(results.map { r in
            .object([
                ("file", .string(r.scenario.file)), ("title", .string(r.scenario.title)), ("domain", .string(Domain.derandomized.rawValue)),
                ("mechanism", .string(r.scenario.input.id)), ("method", .string(r.scenario.input.method.rawValue)),
                ("runs", .integer(r.scenario.runs)), ("seed", .integer(Int(truncatingIfNeeded: r.scenario.seed))),
                ("behaviour", .string(r.scenario.behaviour.rawValue)),
                ("outcomes", .array(r.model.support.enumerated().map { k, o in
                    .object([("outcome", o), ("exact", .string(r.model.probabilities[k].description)),
                             ("empirical", .number(r.frequencies[k])),
                             ("lottery", .string(r.model.probabilities[k].description)),
                             ("exact_behaviour", .string((r.behaviourDistribution.isEmpty ? r.model.probabilities : r.behaviourDistribution)[k].description))])
                })),
                ("metrics", .object(r.metrics.map { ($0.0, .number($0.1)) })),
                ("deviator_exact_gain_fraction", r.exactGain.map { .string($0.description) } ?? .null),
                ("deviator_exact_gain_vs_behaviour_fraction", r.exactGainVersusBehaviour.map { .string($0.description) } ?? .null),
                ("expectations", .array(r.expectations.map { e in
                    .object([("key_path", .string(e.keyPath)), ("subject", .string(e.subject)), ("expected", .string(e.expected)),
                             ("actual", .string(e.actual)), ("passed", .bool(e.passed))])
                })),
            ])
        }).pretty() + "\n"
    }
}
