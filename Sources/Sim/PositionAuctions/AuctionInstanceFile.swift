import Foundation
import Mechanisms
import Yams

/// One position-auction instance with its bids, read from JSON (`mechsim outcome --instance`)
/// or from the `instance:` section of a scenario (YAML; JSON is a subset of it).
///
/// ```json
/// {"user_model": "separable" | "independent" | "mnl" | "cascade",
///  "ctr": [[p_ij, ...], ...],            // n rows, m columns (omit for separable)
///  "alpha": [...], "beta": [...],        // separable only
///  "continuation": [[c_ij, ...], ...],   // cascade only, optional (default 1 - p)
///  "bids": [b_1, ...], "cap": K,
///  "values": [{"distribution": "uniform", "low": 0, "high": 1}, ...]}   // or one mapping for all
/// ```
/// Keys are checked strictly; every error names the file, the key path, what was expected and,
/// for misspelt keys, the closest valid one.
public struct AuctionInstanceFile: Sendable {
    public var instance: AuctionInstance
    public var bids: [Double]

    static let keys = ["user_model", "ctr", "alpha", "beta", "continuation", "bids", "cap", "values", "name"]

    /// Reads and validates `path`.
    public static func load(path: String) throws(ScenarioError) -> AuctionInstanceFile {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ScenarioError(file: path, keyPath: "", message: "cannot be read (\(error.localizedDescription)).",
                                suggestion: "Check the path; the file holds one JSON object.")
        }
        return try parse(text, file: path)
    }

    /// Parses instance text (JSON or YAML); `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> AuctionInstanceFile {
        let root: Node?
        root = try YAMLDocument.compose(text, file: file, format: "JSON")
        guard let root else { throw ScenarioError(file: file, keyPath: "", message: "is empty.", suggestion: "It must hold one JSON object with user_model, ctr, bids and cap.") }
        return try parse(ScenarioNode(node: root, path: "", file: file))
    }

    static func parse(_ node: ScenarioNode) throws(ScenarioError) -> AuctionInstanceFile {
        let top = try node.mapping(allowed: keys, required: ["user_model", "bids", "cap"])
        let modelNode = top["user_model"]!
        let model = try modelNode.string()
        let cap = try top["cap"]!.int(minimum: 0)
        let bids = try top["bids"]!.doubles()
        let values = try top["values"].map { (v: ScenarioNode) throws(ScenarioError) in try distributions(v, count: bids.count) }
        func matrix(_ key: String) throws(ScenarioError) -> [[Double]]? {
            guard let n = top[key] else { return nil }
            var rows: [[Double]] = []
            for r in try n.array() { rows.append(try r.doubles()) }
            return rows
        }
        func wrap(_ body: () throws(AuctionError) -> AuctionInstance) throws(ScenarioError) -> AuctionInstance {
            do { return try body() } catch {
                switch error {
                case .invalidInstance(let key, let expected, let got):
                    let path = node.path.isEmpty ? key : "\(node.path).\(key)"
                    throw ScenarioError(file: node.file, keyPath: path, line: node.line,
                                        message: "expected \(expected)\(got.map { ", got \($0)" } ?? "").")
                default:
                    throw node.error("\(error)")
                }
            }
        }
        let instance: AuctionInstance
        switch model {
        case "separable":
            guard let alphaNode = top["alpha"], let betaNode = top["beta"] else {
                throw node.error("the separable model needs 'alpha' (one quality per advertiser) and 'beta' (one factor per position).")
            }
            if top["continuation"] != nil { throw top["continuation"]!.error("'continuation' belongs to the cascade model only.") }
            let alpha = try alphaNode.doubles(), beta = try betaNode.doubles()
            instance = try wrap { () throws(AuctionError) in try AuctionInstance.separable(alpha: alpha, beta: beta, cap: cap, values: values) }
        case "independent", "mnl", "cascade":
            guard let ctr = try matrix("ctr") else { throw node.error("missing required key 'ctr' (n rows of m click-through rates).") }
            for key in ["alpha", "beta"] where top[key] != nil {
                throw top[key]!.error("'\(key)' belongs to the separable model only.", suggestion: "Use user_model: separable, or remove '\(key)'.")
            }
            let continuation = try matrix("continuation")
            if continuation != nil && model != "cascade" { throw top["continuation"]!.error("'continuation' belongs to the cascade model only.") }
            let userModel: AuctionInstance.UserModel = model == "mnl" ? .mnl : model == "independent" ? .independent : .cascade(continuation: continuation)
            instance = try wrap { () throws(AuctionError) in try AuctionInstance(ctr: ctr, userModel: userModel, cap: cap, values: values) }
        default:
            throw modelNode.error("unknown user model '\(model)'; expected one of: separable, independent, mnl, cascade.",
                                  suggestion: closestMatch(to: model, in: ["separable", "independent", "mnl", "cascade"]).map { "Did you mean '\($0)'?" })
        }
        do { try instance.validate(bids: bids) } catch {
            if case .invalidInstance(let key, let expected, let got) = error {
                throw ScenarioError(file: node.file, keyPath: node.path.isEmpty ? key : "\(node.path).\(key)", line: top["bids"]!.line,
                                    message: "expected \(expected)\(got.map { ", got \($0)" } ?? "").")
            }
            throw node.error("\(error)")
        }
        return AuctionInstanceFile(instance: instance, bids: bids)
    }

    /// A list of distributions (one per advertiser) or one distribution for all of them.
    static func distributions(_ node: ScenarioNode, count: Int) throws(ScenarioError) -> [ValueDistribution] {
        if node.isScalar { throw node.error("expected a distribution mapping or a list of them, got a single value.") }
        if case .mapping = node.node { return Array(repeating: try distribution(node), count: count) }
        var out: [ValueDistribution] = []
        for d in try node.array() { out.append(try distribution(d)) }
        return out
    }

    static let distributionNames = ["uniform", "exponential", "truncated-normal", "lognormal", "discrete"]

    /// `{distribution: uniform, low: 0, high: 1}` and the like, validated.
    static func distribution(_ node: ScenarioNode) throws(ScenarioError) -> ValueDistribution {
        let all = try node.mapping(allowed: ["distribution", "low", "high", "rate", "mean", "sd", "mu", "sigma", "values", "probabilities"],
                                   required: ["distribution"])
        let nameNode = all["distribution"]!
        let name = try nameNode.string().replacingOccurrences(of: "_", with: "-")
        func need(_ keys: [String]) throws(ScenarioError) -> [String: ScenarioNode] {
            for k in all.keys where k != "distribution" && !keys.contains(k) {
                throw all[k]!.error("'\(k)' is not a parameter of the \(name) distribution; it takes \(keys.joined(separator: ", ")).")
            }
            for k in keys where all[k] == nil { throw node.error("the \(name) distribution needs '\(k)'.") }
            return all
        }
        let d: ValueDistribution
        switch name {
        case "uniform":
            let a = try need(["low", "high"])
            d = .uniform(low: try a["low"]!.double(), high: try a["high"]!.double())
        case "exponential":
            d = .exponential(rate: try need(["rate"])["rate"]!.double())
        case "truncated-normal":
            let a = try need(["mean", "sd", "low", "high"])
            d = .truncatedNormal(mean: try a["mean"]!.double(), sd: try a["sd"]!.double(), low: try a["low"]!.double(), high: try a["high"]!.double())
        case "lognormal":
            let a = try need(["mu", "sigma"])
            d = .lognormal(mu: try a["mu"]!.double(), sigma: try a["sigma"]!.double())
        case "discrete":
            let a = try need(["values", "probabilities"])
            d = .discrete(values: try a["values"]!.doubles(), probabilities: try a["probabilities"]!.doubles())
        default:
            throw nameNode.error("unknown value distribution '\(name)'; expected one of: \(distributionNames.joined(separator: ", ")).",
                                 suggestion: closestMatch(to: name, in: distributionNames).map { "Did you mean '\($0)'?" })
        }
        do { try d.validate() } catch {
            let at = all[error.parameter.split(separator: "[").first.map(String.init) ?? ""] ?? node
            throw ScenarioError(file: node.file, keyPath: at.path.isEmpty ? error.parameter : "\(node.path).\(error.parameter)",
                                line: at.line, message: "expected \(error.expected).")
        }
        return d
    }
}
