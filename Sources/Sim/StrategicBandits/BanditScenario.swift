import Foundation
import Mechanisms
import Yams

/// A strategic-bandit scenario file (`domain: strategic-bandits`): one paper experiment with its
/// settings; `expect:` lists the criteria ids that must pass (the run exits 1 otherwise). Files
/// without `expect:` are full-size studies for the CLI; tests only load them.
///
/// ```yaml
/// domain: strategic-bandits
/// title: A-1 static profiles and regret scaling
/// experiment: a1                 # a1 (static profiles), a2 (arm dynamics), a3 (epsilon-NE check), b1, b2, b3
/// instance: {means: [0.8, 0.7, 0.6, 0.5, 0.4], lambda: 5}
/// learner: {alpha: 2, anytime_log: 0}
/// seed: 1
/// seeds: 20
/// horizons: [1000, 3000, 10000, 30000, 100000]
/// expect: [a1-ucbs-exponent, a1-ratio]
/// # a3 only: unaware_horizons: [10000, 30000, 100000]   (the unaware mechanisms' grid, default horizons)
/// # a2: seeds is the number of independent executions of the dynamics (default 10; the older
/// #     key executions is read too), and each criterion is judged on their 95% t-interval
/// ```
public struct BanditScenario: Sendable {
    public enum Experiment: String, Sendable, CaseIterable { case a1, a2, a3, b1, b2, b3 }

    public var file: String
    public var title: String
    public var reference: String?
    public var experiment: Experiment
    public var setup: ClickbaitSetup
    public var seeds: Int
    public var horizons: [Int]
    public var columns: [ClickbaitStaticStudy.Column]?
    public var horizon: Int
    public var epochs: Int
    public var start: ClickbaitDynamicsStudy.Start
    public var learners: [ClickbaitDynamicsStudy.Learner]?
    public var rollouts: Int
    public var executions: Int
    public var gridStep: Double
    public var offsets: [Double]?
    public var aware: [String]
    public var unaware: [String]
    /// the horizons of the unaware mechanisms' checks when not `horizons`.
    public var unawareHorizons: [Int]?
    public var expected: [String]
    /// B-1, B-2: the linear set-up, its mechanisms and the deviation scales.
    public var linear: LinearBanditSetup?
    public var linearMechanisms: [LinearStudyMechanism]
    public var scales: [Double]
    /// B-1: OptGTM's trigger statistics carry over across runs (the authors' code).
    public var persistTriggerStats: Bool
    /// The file's text (carried by shard files).
    public var source: String = ""

    static let topKeys = ["title", "reference", "description", "domain", "experiment", "instance", "learner", "seed", "seeds",
                          "horizons", "columns", "horizon", "epochs", "start", "learners", "rollouts", "executions",
                          "grid_step", "offsets", "aware", "unaware", "unaware_horizons", "linear", "mechanisms", "scales", "persist_trigger_stats", "expect"]

    /// Reads a bandit scenario file; mechanism ids resolve in `registry`.
    public static func load(file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> BanditScenario {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ScenarioError(file: file, keyPath: "", message: "cannot be read as UTF-8 text (\(error.localizedDescription)).")
        }
        return try parse(text, file: file, registry: registry)
    }

    /// Parses bandit scenario text; `file` names it in errors; mechanism ids resolve in `registry`.
    public static func parse(_ text: String, file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> BanditScenario {
        try parse(ScenarioFile.root(of: text, file: file), source: text, registry: registry)
    }

    /// Builds the scenario from the file's parsed root.
    static func parse(_ root: ScenarioNode, source: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> BanditScenario {
        let file = root.file
        let node = root
        let top = try node.mapping(allowed: topKeys, required: ["title", "domain", "experiment"])
        let domain = try top["domain"]!.string()
        guard domain == Domain.strategicBandits.rawValue else { throw top["domain"]!.error("expected 'strategic-bandits', got '\(domain)'.") }
        let e = try top["experiment"]!.string()
        guard let experiment = Experiment(rawValue: e) else {
            throw top["experiment"]!.error("unknown experiment '\(e)'; expected one of: \(Experiment.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let isLinear = experiment == .b1 || experiment == .b2 || experiment == .b3
        guard isLinear || top["instance"] != nil else { throw top.missing("instance", at: file) }
        guard !isLinear || top["linear"] != nil else { throw top.missing("linear", at: file) }
        var means = [0.5, 0.5], lambda = 5.0
        if let instanceNode = top["instance"] {
            let inst = try instanceNode.mapping(allowed: ["means", "lambda"], required: ["means"])
            means = try inst["means"]!.doubles()
            for (i, m) in means.enumerated() where !(m >= 0 && m <= 1) {
                throw inst["means"]!.error("item \(i + 1) is \(m); expected a number in [0, 1].")
            }
            guard means.count >= 2 else { throw inst["means"]!.error("expected at least 2 arms, got \(means.count).") }
            lambda = try inst["lambda"]?.double() ?? 5
            guard lambda > 0 else { throw inst["lambda"]!.error("expected a number > 0, got \(lambda).") }
        }
        var alpha = 2.0, log = ConfidenceLog.horizon
        if let l = top["learner"] {
            let m = try l.mapping(allowed: ["alpha", "anytime_log"])
            if let a = m["alpha"] {
                alpha = try a.double()
                guard alpha > 0 else { throw a.error("expected a number > 0, got \(alpha).") }
            }
            if let a = m["anytime_log"] {
                let v = try a.int(minimum: 0)
                guard v <= 1 else { throw a.error("expected 0 (ln T) or 1 (ln t), got \(v).") }
                log = v == 1 ? .anytime : .horizon
            }
        }
        let seed = try top["seed"]?.uint64() ?? 1
        var setup: ClickbaitSetup
        do { setup = try ClickbaitSetup(means: means, lambda: lambda, alpha: alpha, log: log, seed: seed) } catch {
            throw ScenarioError(file: file, keyPath: "instance", message: error.description)
        }
        setup.registry = registry
        func ids(_ key: String, _ def: [String]) throws(ScenarioError) -> [String] {
            guard let n = top[key] else { return def }
            var out: [String] = []
            for x in try n.array() {
                let id = try x.string()
                do { _ = try setup.mechanism(id) } catch { throw x.error(error.description) }
                out.append(id)
            }
            return out
        }
        var horizons: [Int] = []
        if let h = top["horizons"] {
            for x in try h.array() { horizons.append(try x.int(minimum: 1)) }
        }
        var unawareHorizons: [Int]?
        if let h = top["unaware_horizons"] {
            unawareHorizons = []
            for x in try h.array() { unawareHorizons!.append(try x.int(minimum: 1)) }
        }
        if (experiment == .a1 || experiment == .a3 || experiment == .b2 || experiment == .b3) && horizons.isEmpty { throw top.missing("horizons", at: file) }
        var columns: [ClickbaitStaticStudy.Column]?
        if let c = top["columns"] {
            columns = []
            for x in try c.array() {
                let m = try x.mapping(allowed: ["mechanism", "profile"], required: ["mechanism", "profile"])
                let id = try m["mechanism"]!.string(), p = try m["profile"]!.string()
                do { _ = try setup.mechanism(id) } catch { throw m["mechanism"]!.error(error.description) }
                guard setup.profile(p) != nil else { throw m["profile"]!.error("unknown profile '\(p)'; expected P*, P_cb or P_1.") }
                columns!.append(.init(id, p))
            }
        }
        var learners: [ClickbaitDynamicsStudy.Learner]?
        if let l = top["learners"] {
            learners = []
            for x in try l.array() {
                let m = try x.mapping(allowed: ["id", "epsilon", "clip"], required: ["id", "epsilon", "clip"])
                let id = try m["id"]!.string()
                do { _ = try setup.mechanism(id) } catch { throw m["id"]!.error(error.description) }
                let eps = try m["epsilon"]!.double(), clip = try m["clip"]!.double()
                guard eps > 0 && eps < 1 else { throw m["epsilon"]!.error("expected a number in (0, 1), got \(eps).") }
                guard clip > 0 else { throw m["clip"]!.error("expected a number > 0, got \(clip).") }
                learners!.append(.init(id: id, epsilon: eps, clip: clip))
            }
            if learners!.isEmpty { throw l.error("expected at least one learner.", suggestion: "Add {id: ucb-s, epsilon: 0.01, clip: 0.02}, or drop the key for the default learners.") }
        }
        var start = ClickbaitDynamicsStudy.Start.desired
        if let s = top["start"] {
            let v = try s.string()
            guard let st = ClickbaitDynamicsStudy.Start(rawValue: v) else { throw s.error("expected desired, half or random, got '\(v)'.") }
            start = st
        }
        let gridStep = try top["grid_step"]?.double() ?? 0.01
        // At least 1e-6: the deviation grid has 1/grid_step + 1 points per arm.
        guard gridStep >= ClickbaitEquilibriumStudy.minimumGridStep && gridStep <= 1 else {
            throw top["grid_step"]!.error("expected a number in [1e-6, 1] (the deviation grid has 1/grid_step + 1 points per arm), got \(gridStep).")
        }
        var expected: [String] = []
        if let x = top["expect"] { for n in try x.array() { expected.append(try n.string()) } }
        var linear: LinearBanditSetup?
        var linearMechanisms: [LinearStudyMechanism] = []
        if let l = top["linear"] {
            let m = try l.mapping(allowed: ["theta", "features", "noise_sd"])
            var setup = LinearBanditSetup(seed: seed)
            if let th = m["theta"] { setup.theta = try th.doubles() }
            if let f = m["features"] {
                var rows: [[Double]] = []
                for (i, n) in try f.array().enumerated() {
                    let row = try n.doubles()
                    guard row.count == setup.theta.count else { throw n.error("features[\(i)]: expected \(setup.theta.count) coordinates (the length of theta), got \(row.count).") }
                    rows.append(row)
                }
                guard rows.count >= 2 else { throw f.error("expected at least 2 arms, got \(rows.count).") }
                setup.features = rows
            }
            if let n = m["noise_sd"] {
                setup.noiseSD = try n.double()
                guard setup.noiseSD >= 0 else { throw n.error("expected a number >= 0, got \(setup.noiseSD).") }
            }
            guard setup.features.allSatisfy({ $0.count == setup.theta.count }) else {
                throw l.error("features: expected vectors of \(setup.theta.count) coordinates (the length of theta).")
            }
            linear = setup
            var list: [ScenarioNode] = []
            if let mn = top["mechanisms"] { list = try mn.array() }
            for n in list {
                var id: String, params = ParameterValues(), at = n
                if n.isScalar { id = try n.string() } else {
                    let mm = try n.mapping(allowed: ["id", "params"], required: ["id"])
                    id = try mm["id"]!.string()
                    at = mm["id"]!
                    if let p = mm["params"] { params = try p.parameterValues() }
                }
                do { linearMechanisms.append(LinearStudyMechanism(try registry.makeLinearBandit(id, params))) } catch { throw at.error(error.description) }
            }
            if linearMechanisms.isEmpty { linearMechanisms = [LinearStudyMechanism(LinUCB()), LinearStudyMechanism(OptGTM())] }
        }
        // A-2 runs `seeds` independent executions of the dynamics (default 10) and judges its
        // criteria on their interval; `executions:` is the older name, still read (B-1's count).
        var executions = try top["executions"]?.int(minimum: 1) ?? 1
        if experiment == .a2 {
            let s = try top["seeds"]?.int(minimum: 1), e = try top["executions"]?.int(minimum: 1)
            if let s, let e, s != e {
                throw top["executions"]!.error("'executions' (\(e)) and 'seeds' (\(s)) disagree; A-2 reads 'seeds' (the number of independent executions).",
                                               suggestion: "Keep only 'seeds'.")
            }
            executions = s ?? e ?? ClickbaitDynamicsStudy.defaultSeeds
        }
        var scenario = BanditScenario(
            file: file, title: try top["title"]!.string(), reference: try top["reference"]?.string(), experiment: experiment, setup: setup,
            seeds: try top["seeds"]?.int(minimum: 1) ?? 20, horizons: horizons, columns: columns,
            // The linear experiments report regret at `curvePoints` checkpoints of the horizon.
            horizon: try top["horizon"]?.int(minimum: isLinear ? LinearReplicaStudy.curvePoints : 1) ?? (isLinear ? 10_000 : 50_000),
            epochs: try top["epochs"]?.int(minimum: 0) ?? (isLinear ? 20 : 15), start: start,
            learners: learners, rollouts: try top["rollouts"]?.int(minimum: 1) ?? 2, executions: executions,
            gridStep: gridStep, offsets: try top["offsets"]?.doubles(), aware: try ids("aware", ["ucb-s"]),
            unaware: try ids("unaware", ["ucb-utility"]), unawareHorizons: unawareHorizons, expected: expected, linear: linear, linearMechanisms: linearMechanisms,
            scales: try top["scales"]?.doubles() ?? [2, 3], persistTriggerStats: try top["persist_trigger_stats"]?.bool() ?? false)
        scenario.source = source
        if scenario.roundsLowerBound > 1e15, let node = top["seeds"] ?? top["horizons"] ?? top["horizon"] ?? top["executions"] {
            throw node.error("the horizons and seeds mean at least \(SizeLimits.countText(scenario.roundsLowerBound)) rounds, more than 10^15 (years of work); use fewer seeds or shorter horizons.")
        }
        if isLinear {
            // A linear run draws the contexts of all its rounds up front: d numbers per round,
            // one run per worker at a time.
            let longest = Swift.max(Double(horizons.max() ?? 0), Double(scenario.horizon))
            let d = Double((linear ?? LinearBanditSetup()).theta.count)
            if let refusal = SizeLimits.memoryRefusal("a linear-bandit horizon of \(SizeLimits.countText(longest)) rounds", bytes: longest * d * 8 * Double(ParallelEngine.availableCores)),
               let node = top["horizons"] ?? top["horizon"] {
                throw node.error("\(refusal); use a shorter horizon.")
            }
        }
        return scenario
    }

    /// A lower bound on the rounds the experiment plays: every horizon of the list once per
    /// seed for the experiments with a horizon list (A-1, A-3, B-2, B-3; their columns,
    /// mechanisms and deviations play more), the single horizon otherwise. For the estimate
    /// line and the refusal past 10^15.
    public var roundsLowerBound: Double {
        switch experiment {
        case .a1, .a3, .b2, .b3: horizons.reduce(0.0) { $0 + Double($1) } * Double(seeds)
        default: Double(horizon)
        }
    }

    /// The title as reports print it, with the reference.
    public var fullTitle: String { reference.map { "\(title) (\($0))" } ?? title }

    /// The experiment's study: its blocks and how they are finished.
    public var experimentStudy: any BanditExperiment {
        switch experiment {
        case .a1:
            return ClickbaitStaticStudy(setup: setup, horizons: horizons, seeds: seeds, columns: columns ?? ClickbaitStaticStudy.specColumns)
        case .a2:
            var study = ClickbaitDynamicsStudy(setup: setup, horizon: horizon, epochs: epochs, start: start, rollouts: rollouts, executions: executions)
            if let learners { study.learners = learners }
            return study
        case .b1:
            return linearReplica()
        case .b2:
            return LinearDeviationStudy(setup: linear ?? LinearBanditSetup(), horizons: horizons, seeds: seeds, scales: scales, mechanisms: linearMechanisms)
        case .b3:
            return LinearScalingStudy(setup: linear ?? LinearBanditSetup(), horizons: horizons, seeds: seeds, gamingEpochs: epochs, gamingHorizon: horizon)
        case .a3:
            var study = ClickbaitEquilibriumStudy(setup: setup, horizons: horizons, seeds: seeds, gridStep: gridStep, aware: aware, unaware: unaware)
            if let offsets { study.offsets = offsets }
            study.unawareHorizons = unawareHorizons
            return study
        }
    }

    /// Runs the experiment; criteria are computed and `expected` ids are carried for the verdict.
    public func run(threads: Int) throws -> BanditExperimentResult {
        try experimentStudy.run(file: file, title: fullTitle, expected: expected, threads: threads)
    }
}

extension BanditScenario {
    /// The B-1 study of this file (`experiments` is the number of executions).
    public func linearReplica(mechanisms override: [LinearStudyMechanism]? = nil) -> LinearReplicaStudy {
        var study = LinearReplicaStudy(setup: linear ?? LinearBanditSetup(), horizon: horizon, epochs: epochs, executions: executions,
                                       mechanisms: override ?? linearMechanisms)
        study.persistTriggerStats = persistTriggerStats
        return study
    }
}

extension [String: ScenarioNode] {
    func missing(_ key: String, at file: String) -> ScenarioError {
        ScenarioError(file: file, keyPath: key, message: "missing required key '\(key)' for this experiment.")
    }
}
