import ArgumentParser
import Mechanisms
import Sim

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a mechanism against an axiom of its domain.",
        discussion: """
            Facility location: exhaustively on a grid or on sampled profiles. Position auctions and information acquisition: \
            on the instance of --instance FILE.json. Derandomized mechanisms: exactly, on --instance FILE.json ({"reports": [...], \
            "instance": {...}, "utilities": [...]}) or its worked instance (V-1 ... R-4). Voting: exactly, on every ordered profile of \
            --agents voters' strict rankings of --candidates candidates. Strategic bandits: the desired profile's epsilon-NE check. \
            Exit code 0 whatever the verdict; 2 on bad input. Example: mechsim check median --axiom strategyproofness --agents 3 --grid 8
            """)

    @Argument(help: "Mechanism id (see 'mechsim list mechanisms').")
    var mechanism: String

    @Option(help: "Axiom id (see 'mechsim list axioms').")
    var axiom: String

    @Option(parsing: .unconditional, help: "Number of agents.")
    var agents: Int = 3

    @Option(parsing: .unconditional, help: "Voting: the number of candidates (every ordered profile of strict rankings of --agents voters is checked).")
    var candidates: Int = 3

    @Option(parsing: .unconditional, help: "Grid resolution g: locations and misreports in {0, 1/g, ..., 1}.")
    var grid: Int = 8

    @Flag(help: "Check every profile of the grid (the default; exclusive with --samples).")
    var exhaustive = false

    @Option(parsing: .unconditional, help: "Check this many sampled (uniform) profiles instead of the whole grid.")
    var samples: Int?

    @Option(parsing: .unconditional, help: "Seed for --samples.")
    var seed: UInt64 = 1

    @Option(name: .customLong("param"), help: "A mechanism parameter, name=value (repeatable).")
    var params: [String] = []

    @Option(help: "Position auctions, information acquisition (required) and derandomized mechanisms (optional): the instance file.")
    var instance: String?

    @Option(parsing: .unconditional, help: "Strategic bandits (axiom desired-profile-approximate-ne): rounds T (default 30000 click-bandit, 10000 linear).")
    var horizon: Int?

    @Option(parsing: .unconditional, help: "Strategic bandits: the epsilon in clicks or pulls (default 2.17 sqrt(alpha T ln T) click-bandit, d sqrt(K T ln T) linear).")
    var epsilon: Double?

    @Flag(help: "Report the first witness found, without shrinking it.")
    var noShrink = false

    @Option(help: "Facility location, mechanism 'designed': the JSON of 'mechsim design --format json'.")
    var designFile: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). The verdict, witness and count do not depend on it.")
    var threads: Int = MonteCarloRunnerDefaults.cores

    func validate() throws {
        guard agents >= 1 else { throw ValidationError("--agents must be at least 1, got \(agents).") }
        guard grid >= 1 else { throw ValidationError("--grid must be at least 1 (the grid {0, 1}), got \(grid).") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, got \(samples).") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads).") }
        if exhaustive, samples != nil { throw ValidationError("--exhaustive and --samples exclude each other: give one.") }
        if let horizon, horizon < 1 { throw ValidationError("--horizon must be at least 1, got \(horizon).") }
        if let horizon {
            // Every deviation of the check plays the horizon once per paired seed.
            let seeds = samples ?? DesiredProfileNE.defaultSeeds
            let rounds = Double(horizon) * Double(seeds)
            if rounds > 1e15 {
                throw ValidationError("--horizon \(horizon) and \(seeds) paired seeds mean \(SizeLimits.countText(rounds)) rounds per deviation, more than 10^15 (years of work); use a shorter horizon.")
            }
            // A linear-bandit run keeps the contexts of every round (d numbers each, d <= 8 here).
            if let refusal = SizeLimits.memoryRefusal("--horizon \(horizon)", bytes: Double(horizon) * 64 * Double(min(threads, seeds))) {
                throw ValidationError("\(refusal); use a shorter horizon.")
            }
        }
        if let epsilon, !(epsilon.isFinite && epsilon > 0) {
            throw ValidationError("--epsilon must be a finite number > 0, got \(epsilon).")
        }
    }

    func run() throws {
        var request = CheckRequest(mechanism: mechanism, parameters: try parseParams(params), axiom: axiom, agents: agents, grid: grid,
                                   samples: samples, seed: seed, shrink: !noShrink, instance: instance, horizon: horizon,
                                   epsilon: epsilon, threads: threads)
        if let horizon, Double(horizon) * Double(samples ?? DesiredProfileNE.defaultSeeds) > 1e9 {
            Terminal.note("estimate: \(SizeLimits.countText(Double(horizon) * Double(samples ?? DesiredProfileNE.defaultSeeds))) rounds per deviation (--horizon \(horizon) times \(samples ?? DesiredProfileNE.defaultSeeds) paired seeds)")
        }
        request.candidates = candidates
        request.registry = try designRegistry(designFile)
        let report: CheckReport
        do { report = try AxiomCheckRun.run(request) } catch { throw CLIError(error.description) }
        if format == .json {
            print(report.json().rendered())
        } else {
            print(report.text(), terminator: "")
        }
    }
}
