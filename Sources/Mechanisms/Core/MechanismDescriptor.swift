import Foundation
/// What MechSim knows about a mechanism without running it: its stable id, its names, its
/// parameters, the paper it comes from and the axioms that paper claims it satisfies or violates.
///
/// The descriptor is the typed counterpart of a "which rule satisfies which axiom" table: the
/// axiom-verification tests read `claims` and check every one of them.
public struct MechanismDescriptor: Sendable, Hashable {
    /// Stable kebab-case id used by scenario files, the CLI and JSON output (`uniform-phantom`).
    public var id: String
    /// Display name (`Uniform Phantom`).
    public var name: String
    /// The family folder the mechanism belongs to (`facility-location`).
    public var domain: Domain
    /// One sentence: what the mechanism outputs.
    public var summary: String
    /// True when the outcome is a non-degenerate lottery on some profiles.
    public var isRandomized: Bool
    /// The parameters it takes, with defaults and ranges.
    public var parameters: [ParameterSpec]
    /// The paper(s) the definition follows.
    public var references: [PaperReference]
    /// The axioms the literature says it satisfies or violates.
    public var claims: [Claim]
    /// Set when our definition is a reconstruction rather than the paper's text; says what was
    /// reconstructed.
    public var reconstruction: String?

    public init(
        id: String, name: String, domain: Domain, summary: String, isRandomized: Bool,
        parameters: [ParameterSpec] = [], references: [PaperReference], claims: [Claim],
        reconstruction: String? = nil
    ) {
        self.id = id
        self.name = name
        self.domain = domain
        self.summary = summary
        self.isRandomized = isRandomized
        self.parameters = parameters
        self.references = references
        self.claims = claims
        self.reconstruction = reconstruction
    }

    /// The first reference, in the short form "Authors (year)".
    public var paperCitation: String { references.first?.shortCitation ?? "-" }
}

/// The problem domain of a mechanism; each has its own folder under `Sources/Mechanisms/`.
public enum Domain: String, Sendable, Hashable, CaseIterable {
    case facilityLocation = "facility-location"
    case informationAcquisition = "information-acquisition"
    case positionAuctions = "position-auctions"
    case strategicBandits = "strategic-bandits"
    /// Voting with ranked ballots (`Voting/`).
    case voting = "voting"
    /// House allocation: n agents, n items, strict preference lists (`Allocation/`).
    case resourceAllocation = "resource-allocation"
    /// School choice with capacities and weak priorities (`SchoolChoice/`).
    case schoolChoice = "school-choice"
    /// Peer selection from a score matrix (`PeerSelection/`).
    case peerSelection = "peer-selection"
    /// Scheduling tasks on two machines with payments (`TaskAllocation/`).
    case taskAllocation = "task-allocation"
    /// A randomized mechanism turned deterministic by a modular-arithmetic game (`Derandomized/`).
    case derandomized = "derandomized"
}

/// A bibliographic reference.
public struct PaperReference: Sendable, Hashable {
    public var authors: [String]
    public var title: String
    public var year: Int
    public var venue: String?
    public var arXiv: String?

    public init(authors: [String], title: String, year: Int, venue: String? = nil, arXiv: String? = nil) {
        self.authors = authors
        self.title = title
        self.year = year
        self.venue = venue
        self.arXiv = arXiv
    }

    /// "Aziz, Lam, Suzuki and Walsh (2022)" style, with "et al." past three authors.
    public var shortCitation: String {
        let surnames = authors.map { $0.split(separator: " ").last.map(String.init) ?? $0 }
        let who: String
        switch surnames.count {
        case 0: who = "Anonymous"
        case 1: who = surnames[0]
        case 2: who = "\(surnames[0]) and \(surnames[1])"
        default: who = "\(surnames[0]) et al."
        }
        return "\(who) (\(year))"
    }
}

/// A statement from the literature that a mechanism satisfies or violates an axiom.
public struct Claim: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable {
        case satisfies, violates
    }

    /// The axiom id (`strategyproofness`).
    public var axiom: String
    public var verdict: Verdict
    /// Where the claim comes from: the theorem, example or section of docs/reconstructions.md.
    public var source: String
    /// The smallest number of agents at which a violation exists (for `violates` claims), when
    /// known; checks search from there.
    public var minimalAgents: Int?
    /// Where the claim comes from, when stated explicitly; otherwise `resolvedProvenance`
    /// infers it from `source`.
    public var provenance: ClaimProvenance?

    public init(_ axiom: String, _ verdict: Verdict, source: String, minimalAgents: Int? = nil, provenance: ClaimProvenance? = nil) {
        self.axiom = axiom
        self.verdict = verdict
        self.source = source
        self.minimalAgents = minimalAgents
        self.provenance = provenance
    }

    /// The explicit provenance, or one inferred from `source`: `paper` when the source cites a
    /// publication (an author and a year in parentheses); otherwise `derived` (MechSim's own
    /// computation; `derivedBy` names the check that does it).
    public func resolvedProvenance(derivedBy check: String) -> ClaimProvenance {
        if let provenance { return provenance }
        let citesPaper = source.range(of: #"\((19|20)\d\d[a-z]?\)"#, options: .regularExpression) != nil
            || source.range(of: #"(et al\.|and [A-Z][a-z]+) (19|20)\d\d"#, options: .regularExpression) != nil
        if citesPaper { return .paper(source) }
        return .derived(check)
    }
}

/// Where a claim comes from.
public enum ClaimProvenance: Sendable, Hashable {
    /// Stated in the paper: where (theorem, section, example, or only the abstract).
    case paper(String)
    /// Established by MechSim's own computation: the test or scenario that does it.
    case derived(String)
    /// About a definition we reconstructed (not the paper's text): what was reconstructed.
    case reconstruction(String)

    /// `paper`, `derived` or `reconstruction`.
    public var id: String {
        switch self {
        case .paper: "paper"
        case .derived: "derived"
        case .reconstruction: "reconstruction"
        }
    }

    /// The location in the paper, the check, or what was reconstructed.
    public var detail: String {
        switch self {
        case .paper(let s), .derived(let s), .reconstruction(let s): s
        }
    }
}
