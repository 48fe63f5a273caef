import ArgumentParser
import Mechanisms
import Sim

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a mechanism against an axiom, exhaustively on a grid or on sampled profiles.",
        discussion: "Exit code 0 whatever the verdict; 2 on bad input. Example: mechsim check median --axiom strategyproofness --agents 3 --grid 8")

    @Argument(help: "Mechanism id (see 'mechsim list mechanisms').")
    var mechanism: String

    @Option(help: "Axiom id (see 'mechsim list axioms').")
    var axiom: String

    @Option(help: "Number of agents.")
    var agents: Int = 3

    @Option(help: "Grid resolution g: locations and misreports in {0, 1/g, ..., 1}.")
    var grid: Int = 8

    @Flag(help: "Check every profile of the grid (the default; exclusive with --samples).")
    var exhaustive = false

    @Option(help: "Check this many sampled (uniform) profiles instead of the whole grid.")
    var samples: Int?

    @Option(help: "Seed for --samples.")
    var seed: UInt64 = 1

    @Option(name: .customLong("param"), help: "A mechanism parameter, name=value (repeatable).")
    var params: [String] = []

    @Option(help: "Strategic bandits (axiom desired-profile-approximate-ne): rounds T (default 30000 click-bandit, 10000 linear).")
    var horizon: Int?

    @Option(help: "Strategic bandits: the epsilon in clicks or pulls (default 2.17 sqrt(alpha T ln T) click-bandit, d sqrt(K T ln T) linear).")
    var epsilon: Double?

    @Flag(help: "Report the first witness found, without shrinking it.")
    var noShrink = false

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard agents >= 1 else { throw ValidationError("--agents must be at least 1, got \(agents).") }
        guard grid >= 1 else { throw ValidationError("--grid must be at least 1 (the grid {0, 1}), got \(grid).") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, got \(samples).") }
        if exhaustive, samples != nil { throw ValidationError("--exhaustive and --samples exclude each other: give one.") }
    }

    func run() throws {
        if axiom == DesiredProfileNE.id { return try checkBandit() }
        let m = try makeFacilityMechanism(mechanism, params)
        let space: SearchSpace = samples.map { .sampled(agents: agents, count: $0, seed: seed, resolution: grid, distribution: .uniform) }
            ?? .grid(agents: agents, resolution: grid)
        let result: AxiomCheckResult
        do {
            result = try AxiomChecker.check(m, against: try AxiomRegistry.axiom(axiom), over: space, shrink: !noShrink)
        } catch {
            throw CLIError(error.description)
        }
        if format == .json {
            print(FacilityJSON.check(result, mechanismID: m.descriptor.id).rendered())
            return
        }
        print("\(m.label) · \(result.axiom): \(result.verdict.id)")
        print("  space: \(ScenarioReport.spaceText(result.space)), \(result.profilesChecked) profiles checked")
        switch result.verdict {
        case .violated(let w):
            print("  witness\(result.shrunk ? " (shrunk)" : ""): \(w.explanation)")
            print("  profile: \(w.profile.map(NumberFormatting.short).joined(separator: ", "))")
        case .noViolationFound(let n, let s):
            if result.space.isExhaustive {
                print("  no violation on the grid's \(n) profiles; \(result.axiom) is probed there, not proved.")
            } else {
                print("  no violation in \(n) sampled profiles (seed \(s)); this is not a proof.")
            }
        case .inconclusive(let reason):
            print("  inconclusive: \(reason)")
        case .holds:
            break
        }
    }
}

extension CheckCommand {
    /// The epsilon-NE check of the desired profile of a strategic-bandit mechanism (spec C.2);
    /// --samples is the number of paired seeds (default 10).
    func checkBandit() throws {
        if let horizon, horizon < 1 { throw CLIError("--horizon: expected a whole number of rounds >= 1, got \(horizon).") }
        let o: DesiredProfileNE.Outcome
        do {
            o = try DesiredProfileNE.check(mechanism: mechanism, params: try parseParams(params), horizon: horizon,
                                           seeds: samples ?? DesiredProfileNE.defaultSeeds,
                                           epsilon: epsilon, seed: seed, threads: MonteCarloRunner.availableCores)
        } catch let e as MechanismError { throw CLIError(e.description) }
        let w = o.result.witness
        if format == .json {
            var f: [(String, JSONValue)] = [("mechanism", .string(o.mechanism)), ("axiom", .string(DesiredProfileNE.id)),
                                            ("verdict", .string(o.verdict)), ("horizon", .integer(o.horizon)), ("seeds", .integer(o.seeds)),
                                            ("epsilon", .number(o.epsilon)), ("epsilon_rule", .string(o.epsilonRule)),
                                            ("correction", .string(o.correction.rawValue))]
            if let w {
                f.append(("witness", .object([("arm", .integer(w.arm + 1)), ("deviation", .array(w.deviation.map(JSONValue.number))),
                                              ("gain", .number(w.gain)), ("lower", .number(w.lower)), ("upper", .number(w.upper))])))
            }
            print(JSONValue.object(f).rendered())
            return
        }
        print("\(o.mechanism) · \(DesiredProfileNE.id): \(o.verdict) (epsilon \(NumberFormatting.short(o.epsilon)), T = \(o.horizon), \(o.seeds) paired seeds)")
        print("  epsilon: \(o.epsilonRule); violated when the largest gain's lower bound exceeds it")
        if let w {
            print("  largest gain: arm \(w.arm + 1) deviating to \(w.deviation.map(NumberFormatting.short).joined(separator: ", ")) gains \(NumberFormatting.short(w.gain)) [\(NumberFormatting.short(w.lower)), \(NumberFormatting.short(w.upper))] (Bonferroni 95%, \(o.correction.rawValue))")
        }
    }
}
