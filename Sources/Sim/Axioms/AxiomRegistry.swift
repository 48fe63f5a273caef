import Mechanisms

/// The one explicit list of facility-location axioms, sorted by id, and the registry of every
/// axiom of every domain (`entries`).
public enum AxiomRegistry {
    public static let all: [any FacilityAxiom] = [
        Anonymity(),
        Continuity(),
        IndividualFairShare(.exPost),
        IndividualFairShare(.inExpectation),
        ParetoEfficiency(),
        Proportionality(.exPost),
        Proportionality(.inExpectation),
        ProportionalFairness(.exPost),
        ProportionalFairness(.inExpectation),
        StrategyProofness(),
        StrategyProofness(.inExpectation),
        StrictMonotonicity(),
        StrongProportionality(.exPost),
        StrongProportionality(.inExpectation),
        Unanimity(),
        UnanimousFairShare(.exPost),
        UnanimousFairShare(.inExpectation),
        UniversalAnonymity(),
        UniversalTruthfulness(),
    ]

    public static var ids: [String] { all.map(\.id) }

    /// The facility axiom with this id, or an error that suggests the closest id.
    public static func axiom(_ id: String) throws(CheckError) -> any FacilityAxiom {
        if let a = all.first(where: { $0.id == id }) { return a }
        throw .unknownAxiom(id: id, suggestion: closestMatch(to: id, in: ids))
    }

    /// Every axiom of every domain, each once: facility location (as `all`), position auctions,
    /// information acquisition, derandomized mechanisms, strategic bandits. An id is unique
    /// within its domain; two domains may share one (`individual-rationality`), so look axioms
    /// up by (domain, id).
    public static let entries: [AxiomEntry] =
        all.map { AxiomEntry(id: $0.id, name: $0.name, definition: $0.definition, source: $0.source, domain: .facilityLocation, subject: .facilityMechanism) }
        + AuctionAxioms.catalogue.map { a in
            AxiomEntry(id: a.id, name: auctionNames[a.id] ?? a.id, definition: a.definition, source: "Myerson (1981); Balseiro et al. (2025), arXiv 2506.03309 (DSIC and IR)",
                       domain: .positionAuctions, subject: .auctionInstance)
        }
        + InformationAcquisitionAxiom.allCases.map {
            AxiomEntry(id: $0.id, name: $0.name, definition: $0.definition, source: $0.source, domain: .informationAcquisition, subject: .acquisitionInstance)
        }
        + DerandomizedAxiom.allCases.map {
            AxiomEntry(id: $0.id, name: $0.name, definition: $0.definition, source: $0.source, domain: .derandomized, subject: .derandomizedReports)
        }
        + [AxiomEntry(id: DesiredProfileNE.id, name: "Desired profile is an approximate Nash equilibrium",
                      definition: "The desired profile (s* on the click-bandit instance, truthful reports on the linear bandit) is an epsilon(T)-NE: no arm's deviation gains more than epsilon(T), sublinear in T, with a Bonferroni-corrected lower bound over paired seeds.",
                      source: "Kleine Buening et al. (2024), both papers (arXiv 2311.15647, Thm 5.2; arXiv 2406.00551); checker: docs/reconstructions.md#thresholds-and-gates-we-chose",
                      domain: .strategicBandits, subject: .banditDefaults)]
        + VotingAxiom.allCases.map {
            AxiomEntry(id: $0.id, name: $0.name, definition: $0.definition, source: $0.source, domain: .voting, subject: .votingMechanism)
        }

    static let auctionNames = [
        AuctionAxiomID.dsic: "Dominant-strategy incentive compatibility",
        AuctionAxiomID.individualRationality: "Individual rationality",
        AuctionAxiomID.noPositiveTransfers: "No positive transfers",
        AuctionAxiomID.monotoneClicks: "Monotone click probabilities",
        AuctionAxiomID.welfareOptimality: "Welfare optimality",
        AuctionAxiomID.paymentIdentity: "Payment identity",
    ]

    /// The domains that have an axiom with this id.
    public static func domains(of id: String) -> [Domain] {
        entries.filter { $0.id == id }.map(\.domain)
    }

    /// The axiom `id` of `domain`, or an error: an axiom of other domains is named with them,
    /// an unknown id gets the closest id of the domain.
    public static func entry(_ id: String, domain: Domain) throws(CheckError) -> AxiomEntry {
        if let e = entries.first(where: { $0.id == id && $0.domain == domain }) { return e }
        let mine = entries.filter { $0.domain == domain }.map(\.id)
        let others = domains(of: id)
        if mine.isEmpty { throw .noAxioms(domain: domain, axiom: id, axiomDomains: others) }
        if !others.isEmpty {
            throw .wrongDomain(axiom: id, axiomDomains: others, domain: domain, expected: mine)
        }
        throw .unknownAxiom(id: id, suggestion: closestMatch(to: id, in: mine) ?? closestMatch(to: id, in: entries.map(\.id)))
    }
}

/// One axiom of the registry: what `mechsim list axioms` shows and what `mechsim check` needs.
public struct AxiomEntry: Sendable, Hashable {
    /// Stable kebab-case id, unique within `domain`.
    public var id: String
    public var name: String
    /// The definition, one or two sentences with the formula.
    public var definition: String
    /// Where the definition comes from.
    public var source: String
    public var domain: Domain
    /// What a check of this axiom needs.
    public var subject: AxiomSubject
}

/// What checking an axiom needs besides the mechanism.
public enum AxiomSubject: String, Sendable, Hashable, CaseIterable {
    /// A facility-location mechanism, a number of agents and a grid (or sampled profiles).
    case facilityMechanism = "facility-mechanism"
    /// A position-auction mechanism and an instance file (`--instance`, the bids are the values).
    case auctionInstance = "auction-instance"
    /// An information-acquisition mechanism and an instance file (`--instance`, model A or B).
    case acquisitionInstance = "acquisition-instance"
    /// A derandomized mechanism and, optionally, a file of reports (a default small instance
    /// otherwise).
    case derandomizedReports = "derandomized-reports"
    /// A strategic-bandit mechanism with the axiom's default instance, horizon and seeds.
    case banditDefaults = "bandit-defaults"
    /// A voting mechanism, `--agents` voters and `--candidates` candidates (every ordered profile
    /// of strict rankings).
    case votingMechanism = "voting-mechanism"

    /// Whether `--instance` is required.
    public var needsInstance: Bool { self == .auctionInstance || self == .acquisitionInstance }

    /// What the instance file holds, for error messages.
    public var instanceHint: String {
        switch self {
        case .auctionInstance: "an auction instance: user_model, ctr (or alpha and beta), bids, cap; the bids are the true values"
        case .acquisitionInstance: "an information-acquisition instance: prior, agents, signal_law, utility, payment_cap (model A) or sender_utility (model B)"
        case .derandomizedReports: "{\"reports\": [...], \"instance\": {...}}"
        case .facilityMechanism, .banditDefaults, .votingMechanism: "no instance file"
        }
    }

    /// One line for listings and error messages.
    public var summary: String {
        switch self {
        case .facilityMechanism: "a facility-location mechanism, --agents and --grid (or --samples)"
        case .auctionInstance: "a position-auction mechanism and --instance FILE.json (an auction instance; the bids are the true values)"
        case .acquisitionInstance: "an information-acquisition mechanism and --instance FILE.json (a model A or B instance)"
        case .derandomizedReports: "a derandomized mechanism, optionally --instance FILE.json with \"reports\" (and \"instance\"); a small default instance otherwise"
        case .banditDefaults: "a strategic-bandit mechanism, optionally --horizon, --samples (paired seeds) and --epsilon"
        case .votingMechanism: "a voting mechanism, --agents (voters) and --candidates (every ordered profile of strict rankings)"
        }
    }
}

extension AxiomEntry {
    /// `{"id", "name", "definition", "source", "domain", "subject"}` (`mechsim list axioms
    /// --format json`).
    public var json: JSONValue {
        .object([("id", .string(id)), ("name", .string(name)), ("definition", .string(definition)), ("source", .string(source)),
                 ("domain", .string(domain.rawValue)), ("subject", .string(subject.rawValue))])
    }
}

extension AxiomRegistry {
    /// Every axiom of every domain as a JSON array.
    public static func listingJSON() -> JSONValue { .array(entries.map(\.json)) }

    /// Every axiom of every domain as a text table: id, domain, name, source.
    public static func listingText() -> String {
        var rows = [["id", "domain", "name", "source"]]
        for e in entries { rows.append([e.id, e.domain.rawValue, e.name, e.source]) }
        return ScenarioReport.table(rows)
    }
}
