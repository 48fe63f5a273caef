import ArgumentParser
import Mechanisms
import Sim

struct OutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "The exact outcome of a mechanism on one profile.",
        discussion: """
        Example: mechsim outcome random-rank --profile 0.1,0.4,0.9 --format json
        Information acquisition: mechsim outcome optimal-correlated-mechanism --instance A3.json --exact --format json
        """)

    @Argument(help: "Mechanism id (see 'mechsim list mechanisms').")
    var mechanism: String

    @Option(help: "Comma-separated locations in [0, 1]; fractions like 1/3 are allowed.")
    var profile: String?

    @Option(help: "Information acquisition: a JSON instance file (model A or B).")
    var instance: String?

    @Flag(help: "Information acquisition: also solve exactly and print exact_value as a fraction.")
    var exact = false

    @Option(name: .customLong("param"), help: "A mechanism parameter, name=value (repeatable).")
    var params: [String] = []

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        if (try? MechanismRegistry.entry(mechanism))?.descriptor.domain == .informationAcquisition {
            guard let instance else { throw CLIError("'\(mechanism)' needs --instance FILE.json (a model A or B instance).") }
            guard params.isEmpty else { throw CLIError("'\(mechanism)' takes no --param; its data come from --instance.") }
            print(try informationAcquisitionOutcome(mechanism: mechanism, instancePath: instance, exact: exact, format: format))
            return
        }
        let m = try makeFacilityMechanism(mechanism, params)
        guard let profile else { throw CLIError("'\(mechanism)' needs --profile (comma-separated locations in [0, 1]).") }
        let values = try parseNumberList(profile, what: "--profile")
        let p = try checkedProfile(values, for: m)
        if format == .json {
            print(FacilityJSON.outcome(m, p).rendered())
            return
        }
        let lottery = m.lottery(for: p)
        let costs = m.expectedCosts(for: p)
        print("\(m.descriptor.name) [\(m.label)] on \(p.locations.map(NumberFormatting.short).joined(separator: ", "))")
        var rows = [["location", "probability"]]
        for e in lottery.entries { rows.append([NumberFormatting.short(e.outcome), NumberFormatting.short(e.probability)]) }
        print(ScenarioReport.table(rows), terminator: "")
        print("expected total cost      \(NumberFormatting.short(costs.total))  (optimum \(NumberFormatting.short(p.optimalTotalCost)))")
        print("expected max cost        \(NumberFormatting.short(costs.maximum))  (optimum \(NumberFormatting.short(p.optimalMaxCost)))")
        print("expected social welfare  \(NumberFormatting.short(Double(p.count) - costs.total))")
        print("agent expected costs     \(m.agentExpectedCosts(for: p).map(NumberFormatting.short).joined(separator: ", "))")
    }
}

/// The validated profile, or a CLI error with the reason.
func checkedProfile(_ values: [Double], for m: any FacilityLocationMechanism) throws -> FacilityProfile {
    let result: Result<FacilityProfile, MechanismError> = Result { () throws(MechanismError) -> FacilityProfile in
        let p = try FacilityProfile(values)
        try m.validate(agentCount: p.count)
        return p
    }
    switch result {
    case .success(let p): return p
    case .failure(let e): throw CLIError(e.description)
    }
}
