import ArgumentParser
import Foundation
import Mechanisms
import Sim

struct DesignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "Compute the optimal mechanism under axioms on a finite grid (automated mechanism design, an LP).",
        discussion: """
            Facility location: reports on {0, 1/G, ..., 1}, outcomes on {0, 1/(2G), ..., 1}; every axiom linear in the lotteries \
            is a constraint, the objective a worst-case ratio (max-cost, total-cost, social-welfare) or an expected cost under \
            uniform reports (expected-total-cost, expected-max-cost). The optimum is confirmed in exact arithmetic and printed \
            as a fraction; the designed mechanism is checked by the ordinary checkers and set beside every registered mechanism \
            with the same axioms. An infeasible axiom set is an answer (status infeasible, exit 0). Exit 2 on bad input, an axiom \
            that cannot be a constraint, or a grid too large. Example: mechsim design --domain facility-location --agents 3 --grid 4 \
            --axioms strategyproofness-in-expectation,anonymity,unanimous-fair-share-in-expectation --objective social-welfare. \
            Voting: probabilistic rules on N voters' strict rankings of --candidates M candidates, the objective the average voter's \
            expected utility under impartial culture with positional scores (--utility). Example: mechsim design --domain voting \
            --agents 5 --candidates 3 --axioms sd-strategyproofness,anonymity,neutrality --objective expected-utility
            """)

    @Option(help: "The domain: facility-location, position-auctions or voting.")
    var domain: String = "facility-location"

    @Option(help: "Position auctions: the instance file (CTRs, cap and discrete 'values' per advertiser).")
    var instance: String?

    @Option(parsing: .unconditional, help: "Number of agents N.")
    var agents: Int = 3

    @Option(parsing: .unconditional, help: "Grid resolution G: reports in {0, 1/G, ..., 1}.")
    var grid: Int = 4

    @Option(parsing: .unconditional, help: "Voting: the number of candidates M (N voters rank them strictly).")
    var candidates: Int?

    @Option(help: "Voting: the positional utility, borda (the default), plurality, veto or M integer scores S1,S2,... best place first.")
    var utility: String?

    @Option(help: "Comma-separated axiom ids (see 'mechsim list axioms'), e.g. strategyproofness-in-expectation,anonymity.")
    var axioms: String = ""

    @Option(help: "Facility location: max-cost, total-cost, social-welfare, expected-total-cost, expected-max-cost or feasibility (no objective). Position auctions: revenue or welfare. Voting: expected-utility.")
    var objective: String = "max-cost"

    @Flag(help: "Every lottery a 0/1 choice (a MIP): allows ex-post and universal axioms.")
    var deterministic = false

    @Option(help: "simplex (float simplex, then an exact rational check) or exact (GLPK's rational simplex).")
    var method: String = "simplex"

    @Flag(help: "Decide exactly whether the optimal mechanism is unique (with --objective feasibility: whether exactly one mechanism satisfies the axioms).")
    var uniqueness = false

    @Flag(help: "Do not evaluate the registered mechanisms beside the optimum.")
    var noCompare = false

    @Flag(help: "Do not check the designed mechanism with the ordinary checkers.")
    var noVerify = false

    @Option(help: "With --format json: leave the mechanism's table out (yes/no).")
    var mechanism: String = "yes"

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    @Option(parsing: .unconditional, help: "Worker threads of the checks (default: all cores).")
    var threads: Int = MonteCarloRunnerDefaults.cores

    @Option(parsing: .unconditional, help: "Solver time limit in seconds.")
    var timeLimit: Double?

    func validate() throws {
        guard agents >= 1 else { throw ValidationError("--agents must be at least 1, got \(agents).") }
        guard grid >= 1 else { throw ValidationError("--grid must be at least 1 (the grid {0, 1}), got \(grid).") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads).") }
        if uniqueness && deterministic { throw ValidationError("--uniqueness decides a randomized design (a polytope); a --deterministic design's 0/1 mechanisms are not one.") }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) { throw ValidationError("--time-limit must be a finite number > 0, got \(timeLimit).") }
        guard ["yes", "no"].contains(mechanism) else { throw ValidationError("--mechanism must be yes or no, got '\(mechanism)'.") }
    }

    func run() throws {
        if domain == "position-auctions" { return try runAuction() }
        if domain == "voting" { return try runVoting() }
        if candidates != nil || utility != nil {
            throw CLIError("--candidates and --utility are options of --domain voting; \(domain) designs do not take them.")
        }
        guard domain == "facility-location" else {
            let known = Domain.allCases.map(\.rawValue)
            if known.contains(domain) {
                throw CLIError("'design' supports the domains facility-location, position-auctions and voting; \(domain) designs are not available.")
            }
            throw CLIError("Unknown domain '\(domain)'." + (closestMatch(to: domain, in: known).map { " Did you mean '\($0)'?" } ?? "") + " 'design' supports facility-location.")
        }
        guard let objective = FacilityDesign.Objective(rawValue: objective) else {
            let ids = FacilityDesign.Objective.allCases.map(\.rawValue)
            throw CLIError("Unknown objective '\(objective)'." + (closestMatch(to: objective, in: ids).map { " Did you mean '\($0)'?" } ?? "") + " Expected one of: \(ids.joined(separator: ", ")).")
        }
        guard let method = FacilityDesign.Method(rawValue: method) else {
            throw CLIError("Unknown method '\(method)'; expected simplex or exact.")
        }
        let ids = axioms.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let request = FacilityDesign.Request(agents: agents, grid: grid, axioms: ids, objective: objective, deterministic: deterministic,
                                             method: method, compare: !noCompare, verify: !noVerify, threads: threads,
                                             timeLimitSeconds: timeLimit, uniqueness: uniqueness)
        let result: FacilityDesign.Result
        do { result = try FacilityDesign.design(request) } catch { throw CLIError(error.description) }
        if format == .json {
            print(result.json(includeMechanism: mechanism == "yes").rendered())
        } else {
            print(result.text(), terminator: "")
        }
    }

    func runVoting() throws {
        let name = objective == "max-cost" ? VotingDesign.Objective.expectedUtility.rawValue : objective
        guard let objective = VotingDesign.Objective(rawValue: name) else {
            throw CLIError("Unknown objective '\(name)' for voting; expected expected-utility.")
        }
        guard let method = FacilityDesign.Method(rawValue: method) else {
            throw CLIError("Unknown method '\(method)'; expected simplex or exact.")
        }
        if deterministic { throw CLIError("--deterministic is not available for voting designs (the rules are probabilistic).") }
        let text = utility ?? "borda"
        guard let utility = VotingDesign.Utility(text) else {
            throw CLIError("Unknown utility '\(text)'; expected borda, plurality, veto or comma-separated integer scores, best place first (e.g. 2,1,0).")
        }
        let ids = axioms.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let request = VotingDesign.Request(agents: agents, candidates: candidates ?? 3, axioms: ids, objective: objective, utility: utility,
                                           method: method, compare: !noCompare, verify: !noVerify, timeLimitSeconds: timeLimit,
                                           uniqueness: uniqueness)
        let result: VotingDesign.Result
        do { result = try VotingDesign.design(request) } catch { throw CLIError(error.description) }
        if format == .json {
            print(result.json(includeMechanism: mechanism == "yes").rendered())
        } else {
            print(result.text(), terminator: "")
        }
    }

    func runAuction() throws {
        guard let instance else { throw CLIError("--domain position-auctions needs --instance FILE.json (ctr, user_model, cap and discrete values per advertiser).") }
        let name = objective == "max-cost" ? "revenue" : objective
        guard let objective = AuctionDesign.Objective(rawValue: name) else {
            throw CLIError("Unknown objective '\(name)' for position auctions; expected revenue or welfare.")
        }
        let file: AuctionInstanceFile
        do { file = try AuctionInstanceFile.load(path: instance) } catch { throw CLIError(error.description) }
        let ids = axioms.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let request = AuctionDesign.Request(instance: file.instance, axioms: ids, objective: objective)
        let result: AuctionDesign.Result
        do { result = try AuctionDesign.design(request) } catch { throw CLIError(error.description) }
        if format == .json {
            print(result.json(request: request, includeMechanism: mechanism == "yes").rendered())
        } else {
            print(result.text(request: request), terminator: "")
        }
    }
}
