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
