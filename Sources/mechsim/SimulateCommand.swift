import ArgumentParser
import Foundation
import Mechanisms
import Sim

/// `mechsim simulate`: single studies of the strategic-bandit models.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate a strategic bandit: the click-bandit or the linear contextual bandit.",
        subcommands: [ClickBanditSimulate.self, LinearBanditSimulate.self])
}

struct ClickBanditSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "click-bandit",
        abstract: "One mechanism on the strategic click-bandit over seeds (Kleine Buening et al. 2024).",
        discussion: """
        mechsim simulate click-bandit --mechanism ucb-s --means 0.8,0.7,0.6 --click-rates 0.88,0.77,0.66 \
        --horizon 10000 --seeds 20 --format json
        The learner's utility is u(s, mu) = s mu - lambda (s - mu)^2. Regret is pseudo-regret from the true values.
        """)

    @Option(help: "Mechanism id: ucb-s, oracle, ucb-utility or ucb-mean.")
    var mechanism: String

    @Option(help: "Comma-separated post-click means in [0, 1], one per arm.")
    var means: String

    @Option(help: "Comma-separated click-rates in [0, 1], one per arm.")
    var clickRates: String

    @Option(parsing: .unconditional, help: "Rounds T (at least 1).")
    var horizon: Int

    @Option(parsing: .unconditional, help: "Number of seeds (runs), at least 1.")
    var seeds: Int

    @Option(parsing: .unconditional, help: "lambda of the utility (> 0).")
    var lambda: Double = 5

    @Option(parsing: .unconditional, help: "Base seed; run r uses stream r.")
    var seed: UInt64 = 1

    @Option(name: .customLong("param"), help: "A mechanism parameter, name=value (repeatable): alpha, anytime_log.")
    var params: [String] = []

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        guard horizon >= 1 else { throw ValidationError("--horizon: expected a whole number of rounds >= 1, got \(horizon).") }
        guard seeds >= 1 else { throw ValidationError("--seeds: expected a whole number >= 1, got \(seeds).") }
        guard lambda.isFinite, lambda > 0 else { throw ValidationError("--lambda: expected a number > 0, got \(lambda).") }
        let m = try checkedUnitList(means, key: "--means")
        let s = try checkedUnitList(clickRates, key: "--click-rates")
        guard m.count == s.count else {
            throw ValidationError("--click-rates: expected \(m.count) values (one per mean in --means), got \(s.count).")
        }
        let rounds = Double(horizon) * Double(seeds)
        guard rounds <= 1e15 else {
            throw ValidationError("--horizon \(horizon) --seeds \(seeds) mean \(SizeLimits.countText(rounds)) rounds, more than 10^15 (years of work); use a shorter horizon or fewer seeds.")
        }
    }

    func run() throws {
        let mech: any ClickBanditMechanism
        do { mech = try MechanismRegistry.standard.makeClickBandit(mechanism, try parseParams(params)) } catch let e as MechanismError {
            throw CLIError(e.description)
        }
        let instance: ClickBanditInstance
        do {
            instance = try ClickBanditInstance(means: try checkedUnitList(means, key: "--means"),
                                               clickRates: try checkedUnitList(clickRates, key: "--click-rates"),
                                               utility: try QuadraticClickUtility(lambda: lambda))
        } catch let e as MechanismError { throw CLIError(e.description) }
        let rounds = Double(horizon) * Double(seeds)
        if rounds > 1e9, !engine.quiet { Terminal.note("estimate: \(SizeLimits.countText(rounds)) rounds (--horizon \(horizon) times --seeds \(seeds))") }
        let sim = ClickBanditSimulation(mechanism: mech, instance: instance, horizon: horizon, seeds: seeds, seed: seed)
        let summary = sim.summarize(threads: engine.threads)
        switch format {
        case .json: print(ClickBanditReport.json(sim, summary).rendered())
        case .text: print(ClickBanditReport.text(sim, summary), terminator: "")
        }
    }
}

struct LinearBanditSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linear-bandit",
        abstract: "The B-1 experiment of the strategic linear contextual bandit for one mechanism (Kleine Buening et al. 2024, NeurIPS).",
        discussion: """
        mechsim simulate linear-bandit --mechanism optgtm --scenario scenarios/papers/buening2024-strategic-linear/b1-replica.yaml --format json
        The scenario file (experiment: b1) gives the set-up, horizon, epochs and executions; its mechanism list is replaced by --mechanism.
        Prints per-epoch "regret" and "context_manipulation" lists (means over executions).
        """)

    @Option(help: "Mechanism id: linucb, optgtm or ggtm.")
    var mechanism: String

    @Option(help: "A strategic-bandits scenario file with experiment: b1.")
    var scenario: String

    @Option(name: .customLong("param"), help: "A mechanism parameter, name=value (repeatable).")
    var params: [String] = []

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var engine: EngineOptions

    func run() throws {
        let mech: any LinearBanditMechanism
        do { mech = try MechanismRegistry.standard.makeLinearBandit(mechanism, try parseParams(params)) } catch let e as MechanismError {
            throw CLIError(e.description)
        }
        let s: BanditScenario
        do { s = try BanditScenario.load(file: scenario) } catch { throw CLIError(error.description) }
        guard s.experiment == .b1 else {
            throw CLIError("\(scenario): experiment: expected b1 (the linear replica), got \(s.experiment.rawValue).")
        }
        let study = s.linearReplica(mechanisms: [LinearStudyMechanism(mech)])
        let json = try study.json(threads: engine.threads)
        switch format {
        case .json: print(json.rendered())
        case .text: print(json.pretty())
        }
    }
}

/// A comma-separated list of numbers in [0, 1]; errors name the option and the item.
func checkedUnitList(_ text: String, key: String) throws -> [Double] {
    let values = try parseNumberList(text, what: key)
    for (i, v) in values.enumerated() where !(v.isFinite && v >= 0 && v <= 1) {
        throw CLIError("\(key): item \(i + 1) is \(v); expected a number in [0, 1].")
    }
    return values
}
