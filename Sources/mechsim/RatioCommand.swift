import ArgumentParser
import Foundation
import Mechanisms
import Sim

struct RatioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratio",
        abstract: "Worst-case approximation ratio of a facility-location mechanism over a grid.",
        discussion: "Example: mechsim ratio uniform-phantom --objective social-welfare --agents 5 --grid 12")

    @Argument(help: "Mechanism id (see 'mechsim list mechanisms').")
    var mechanism: String

    @Option(help: "total-cost, max-cost or social-welfare.")
    var objective: String = "total-cost"

    @Option(parsing: .unconditional, help: "Number of agents.")
    var agents: Int = 3

    @Option(parsing: .unconditional, help: "Grid resolution g: locations in {0, 1/g, ..., 1}.")
    var grid: Int = 12

    @Option(name: .customLong("param"), help: "A mechanism parameter, name=value (repeatable).")
    var params: [String] = []

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        guard agents >= 1 else { throw ValidationError("--agents must be at least 1, got \(agents).") }
        guard grid >= 1 else { throw ValidationError("--grid must be at least 1, got \(grid).") }
        // C(n + g, n) profiles; refuse what would run for hours.
        let count = NondecreasingGrid.count(length: agents, maximum: grid)
        guard count <= 5e7 else {
            throw ValidationError("--agents \(agents) --grid \(grid) means \(SizeLimits.countText(count)) profiles, more than 50,000,000; use fewer agents or a coarser grid.")
        }
    }

    func run() throws {
        guard let objective = WorstCaseRatio.Objective(rawValue: objective) else {
            let ids = WorstCaseRatio.Objective.allCases.map(\.rawValue)
            let hint = closestMatch(to: objective, in: ids).map { " Did you mean '\($0)'?" } ?? ""
            throw CLIError("Unknown objective '\(objective)'.\(hint) Expected one of: \(ids.joined(separator: ", ")).")
        }
        let m = try makeFacilityMechanism(mechanism, params)
        _ = try checkedProfile([Double](repeating: 0.5, count: agents), for: m)
        let clock = ContinuousClock()
        let start = clock.now
        let r = WorstCaseRatio.search(m, objective: objective, agents: agents, resolution: grid, threads: engine.threads)
        let elapsed = clock.now - start
        if format == .json {
            print(r.json(mechanismID: m.descriptor.id, objective: objective, agents: agents, grid: grid).rendered())
        } else {
            print(r.text(label: m.label, objective: objective, agents: agents, grid: grid))
            if !engine.quiet { Terminal.note("searched in \(elapsed)") }
        }
    }
}
