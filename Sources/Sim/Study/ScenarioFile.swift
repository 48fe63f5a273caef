import Foundation
import Mechanisms
import Yams

/// The one front door for scenario files of every family.
///
/// A file is read once and parsed once (YAML; JSON is read by the same parser, with the same key
/// paths and line numbers), its `domain:` selects the family, and the family builds its study
/// from the parsed tree. Keys are checked strictly by every family: an unknown key is an error
/// that names the file, the key path, the line and the closest known key.
///
/// ```yaml
/// domain: facility-location      # or position-auctions, information-acquisition,
///                                #    strategic-bandits, derandomized, voting
/// title: ...
/// ```
public enum ScenarioFile {
    /// A family that reads scenario files: its domain and how it builds a study from the root.
    struct Kind: Sendable {
        var domain: Domain
        /// What a scenario of this family holds, in a few words.
        var summary: String
        var build: @Sendable (ScenarioNode, String, MechanismRegistry) throws(ScenarioError) -> any Study
    }

    /// The families with scenario files, in the order `mechsim` lists them.
    static let kinds: [Kind] = [
        Kind(domain: .facilityLocation, summary: "profiles (sampled or explicit), mechanisms, metrics, axiom checks, worst-case ratios, characterizations") { root, source, registry throws(ScenarioError) in
            FacilityStudy(try ScenarioParser(file: root.file, source: source, registry: registry).parse(root))
        },
        Kind(domain: .positionAuctions, summary: "auction instances, mechanisms, axiom checks and Monte Carlo studies over user models") { root, source, registry throws(ScenarioError) in
            AuctionStudy(try AuctionScenario.parse(root, source: source, registry: registry))
        },
        Kind(domain: .informationAcquisition, summary: "model A and B instances, the offline mechanisms' exact optima and incentive checks, online regret studies") { root, source, registry throws(ScenarioError) in
            AcquisitionStudy(try AcquisitionScenario.parse(root, source: source, registry: registry))
        },
        Kind(domain: .strategicBandits, summary: "click-bandit and linear-bandit experiments (static regret, arm dynamics, equilibrium checks)") { root, source, registry throws(ScenarioError) in
            BanditStudy(try BanditScenario.parse(root, source: source, registry: registry))
        },
        Kind(domain: .derandomized, summary: "a derandomized mechanism played many times against its exact lottery, with a deviator") { root, source, _ throws(ScenarioError) in
            DerandomizedStudy(try DerandomizedScenario.parse(root, source: source))
        },
        Kind(domain: .voting, summary: "automated designs of probabilistic voting rules and the exact expected utility of voting mechanisms") { root, source, registry throws(ScenarioError) in
            VotingStudy(try VotingScenario.parse(root, source: source, registry: registry), registry: registry)
        },
    ]

    /// The domains that have scenario files.
    public static var domains: [String] { kinds.map(\.domain.rawValue) }

    /// Each domain with scenario files and what its scenarios hold.
    public static var domainSummaries: [(domain: String, summary: String)] { kinds.map { ($0.domain.rawValue, $0.summary) } }

    /// Reads and parses the scenario file at `file`; mechanism ids resolve in `registry` (a
    /// library user's registry reaches its own mechanisms).
    public static func load(file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> any Study {
        try parse(text(of: file), file: file, registry: registry)
    }

    /// The text of the file at `file`, or an error that says why it cannot be read.
    public static func text(of file: String) throws(ScenarioError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw ScenarioError(file: file, keyPath: "", message: "no such file.", suggestion: "Check the path; scenario files live under scenarios/.")
        }
        guard !isDirectory.boolValue else {
            throw ScenarioError(file: file, keyPath: "", message: "is a directory, not a scenario file.", suggestion: "Name the .yaml files in it.")
        }
        do {
            return try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ScenarioError(file: file, keyPath: "", message: "cannot be read as UTF-8 text (\(error.localizedDescription)).")
        }
    }

    /// Parses scenario text (YAML or JSON); `file` names it in errors and in the study;
    /// mechanism ids resolve in `registry`.
    public static func parse(_ text: String, file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> any Study {
        let root = try root(of: text, file: file)
        let kind = try kind(of: root)
        return try kind.build(root, text, registry)
    }

    /// The parsed tree of scenario text.
    static func root(of text: String, file: String) throws(ScenarioError) -> ScenarioNode {
        let node: Node?
        node = try YAMLDocument.compose(text, file: file)
        guard let node else {
            throw ScenarioError(file: file, keyPath: "", message: "is empty.", suggestion: "See scenarios/quickstart.yaml for the format.")
        }
        return ScenarioNode(node: node, path: "", file: file)
    }

    /// The family named by the root's `domain:`.
    static func kind(of root: ScenarioNode) throws(ScenarioError) -> Kind {
        let names = domains.joined(separator: ", ")
        guard case .mapping(let m) = root.node else {
            throw root.error("expected a mapping with a 'domain' key (one of \(names)).")
        }
        guard let (_, value) = m.first(where: { $0.key.string == "domain" }) else {
            throw root.error("missing required key 'domain'; expected one of: \(names).",
                             suggestion: "Add 'domain: facility-location' (or the family of the file) at the top.")
        }
        let node = ScenarioNode(node: value, path: "domain", file: root.file)
        let name = try node.string()
        if let kind = kinds.first(where: { $0.domain.rawValue == name }) { return kind }
        if Domain(rawValue: name) != nil {
            throw node.error("the domain '\(name)' has mechanisms but no scenario files; expected one of: \(names).",
                             suggestion: Domain(rawValue: name).map { [.resourceAllocation, .schoolChoice, .peerSelection, .taskAllocation].contains($0) } == true
                                ? "Its derandomized mechanisms run in 'domain: derandomized' scenarios." : nil)
        }
        throw node.error("unknown domain '\(name)'; expected one of: \(names).",
                         suggestion: closestMatch(to: name, in: domains).map { "Did you mean '\($0)'?" })
    }
}
