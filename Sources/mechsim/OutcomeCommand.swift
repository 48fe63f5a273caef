import ArgumentParser
import Mechanisms
import Sim

struct OutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "The exact outcome of a mechanism on one profile or instance.",
        discussion: """
        Facility location: mechsim outcome random-rank --profile 0.1,0.4,0.9 --format json
        Position auctions: mechsim outcome vcg --instance FILE.json --format json, where FILE holds \
        {"user_model": "separable"|"independent"|"mnl"|"cascade", "ctr": [[...]], "bids": [...], "cap": K} \
        (plus "alpha"/"beta" for separable, "continuation" for cascade, "values" for myerson).
        Information acquisition: mechsim outcome optimal-correlated-mechanism --instance A3.json --exact --format json
        """)

    @Argument(help: "Mechanism id (see 'mechsim list mechanisms').")
    var mechanism: String

    @Option(help: "Facility location: comma-separated locations in [0, 1]; fractions like 1/3 are allowed.")
    var profile: String?

    @Option(help: "Position auctions or information acquisition: a JSON instance file.")
    var instance: String?

    @Flag(help: "Information acquisition: also solve exactly and print exact_value as a fraction.")
    var exact = false

    @Option(name: .customLong("param"), help: "A mechanism parameter, name=value (repeatable).")
    var params: [String] = []

    @Option(help: "Facility location, mechanism 'designed': the JSON of 'mechsim design --format json'.")
    var designFile: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard profile == nil || instance == nil else {
            throw ValidationError("Give --profile (facility location) or --instance (position auctions, information acquisition), not both.")
        }
    }

    func run() throws {
        if (try? MechanismRegistry.standard.entry(mechanism))?.descriptor.domain == .informationAcquisition {
            guard let instance else { throw CLIError("'\(mechanism)' needs --instance FILE.json (a model A or B instance).") }
            guard params.isEmpty else { throw CLIError("'\(mechanism)' takes no --param; its data come from --instance.") }
            print(try informationAcquisitionOutcome(mechanism: mechanism, instancePath: instance, exact: exact, format: format))
            return
        }
        if (try? MechanismRegistry.standard.entry(mechanism))?.descriptor.domain == .positionAuctions {
            guard let instance else { throw CLIError("'\(mechanism)' needs --instance FILE.json (a position-auction instance with its bids).") }
            return try auctionOutcome(instance)
        }
        let m = try makeFacilityMechanism(mechanism, params, registry: try designRegistry(designFile))
        guard let profile else { throw CLIError("'\(mechanism)' needs --profile (comma-separated locations in [0, 1]).") }
        let values = try parseNumberList(profile, what: "--profile")
        let p = try checkedProfile(values, for: m)
        if format == .json {
            print(FacilityJSON.outcome(m, p).rendered())
            return
        }
        print(OutcomeReport.text(m, p), terminator: "")
    }
}

extension OutcomeCommand {
    /// `--instance`: a position-auction mechanism on one instance file.
    func auctionOutcome(_ path: String) throws {
        let values = try parseParams(params)
        let m: any PositionAuctionMechanism
        do { m = try MechanismRegistry.standard.makePositionAuction(mechanism, values) } catch { throw CLIError(error.description) }
        let file: AuctionInstanceFile
        do { file = try AuctionInstanceFile.load(path: path) } catch { throw CLIError(error.description) }
        let o: AuctionOutcome
        do { o = try m.outcome(file.instance, bids: file.bids) } catch {
            throw CLIError("\(path): \(error)")
        }
        if format == .json {
            print(AuctionJSON.outcome(m, file.instance, o).rendered())
            return
        }
        print(OutcomeReport.text(m, path: path, file, o), terminator: "")
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
