import Foundation
import Mechanisms
import Solvers
import Yams

/// An information-acquisition scenario file (`domain: information-acquisition`): instances of
/// model A or B, the offline mechanisms solved exactly on them, online regret studies, and
/// expectations on both.
///
/// ```yaml
/// domain: information-acquisition
/// title: A3
/// reference: "Cacciamani, Castiglioni and Gatti (2023), arXiv 2307.06210"
/// instances:
///   - {name: A3, path: A3.json}            # an instance file, relative to this file's folder
///   - {name: A1-inline, prior: [0.5, 0.5], agents: [...], signal_law: [...], utility: [...], payment_cap: 1}
/// mechanisms: [optimal-correlated-mechanism, {id: best-effort-profile, exact: true}]
/// online:
///   - {name: etc-A1, algorithm: explore-then-commit, instance: A1-inline, horizons: [1000, 10000],
///      seeds: 4, seed: 1, radius_scale: 0.1}          # bandit also takes alpha
/// expect:
///   - {instance: A3, mechanism: optimal-correlated-mechanism, value: 102/185}   # exact
///   - {instance: A3, mechanism: best-effort-profile, value: 0.5333, tolerance: 1e-4}
///   - {instance: A3, mechanism: optimal-correlated-mechanism, incentive_check: holds}
///   - {online: etc-A1, regret_exponent: [0.6, 1.0]}
/// ```
///
/// Instances: inline ones take the keys of an instance file (`AcquisitionInstanceFile`) plus
/// `name`, except `expected` (expectations belong under `expect:`); `{name, path}` reads an
/// instance file relative to the scenario file's folder (its `name` defaults to the file's name
/// without `.json`). A shard file carries the scenario's text, not the instance files: `merge`
/// reads them again from the same relative place (run it from the same folder as the shards),
/// and every block carries a fingerprint of its instance file's text, so a merge refuses blocks
/// computed on an instance file that has changed since.
///
/// Mechanisms run on every instance of their model (A: `optimal-correlated-mechanism`,
/// `optimal-uncorrelated-mechanism`, `best-effort-profile`; B: `optimal-ic-mechanism`);
/// `exact: true` also solves with GLPK's exact rational method and reports the fraction.
///
/// Expectations: `value` written as a fraction (`102/185`) without `tolerance` is exact (the
/// exact LP must certify that fraction); a decimal, or any value with `tolerance` (default
/// 1e-9), is compared in floating point. `status` is `optimal` or `infeasible`.
/// `incentive_check` is the verdict of the exhaustive incentive checker on the mechanism the LP
/// returns (`holds` or `violated`). Online studies expect `regret_exponent` and
/// `violation_exponent` as `[low, high]` ranges.
public struct AcquisitionScenario: Sendable {
    public var file: String
    public var title: String
    public var reference: String?
    public var description: String?
    public var instances: [Instance]
    public var mechanisms: [MechanismChoice]
    public var online: [OnlineChoice]
    public var expectations: [Expectation]
    /// The file's text (carried by shard files).
    public var source: String = ""

    /// One instance and where it came from.
    public struct Instance: Sendable {
        public var name: String
        public var instance: AcquisitionInstance
        public var description: String?
        /// The instance file as written in the scenario (nil for an inline instance).
        public var path: String?
        /// FNV-1a of the instance file's bytes, in hexadecimal (nil for an inline instance).
        public var fingerprint: String?

        /// "A" or "B".
        public var model: String {
            if case .hiring = instance { return "A" }
            return "B"
        }
    }

    /// One offline mechanism.
    public struct MechanismChoice: Sendable {
        public var id: String
        public var mechanism: any InformationAcquisitionMechanism
        /// Also solve with the exact rational method.
        public var exact: Bool
        /// "A" or "B": the model of the instances it runs on.
        public var model: String { id == OptimalICMechanism.descriptor.id ? "B" : "A" }
    }

    /// One online regret study.
    public struct OnlineChoice: Sendable {
        public var name: String
        public var algorithm: RegretStudy.Algorithm
        /// Index into `instances`.
        public var instance: Int
        public var horizons: [Int]
        public var seeds: Int
        public var seed: UInt64
        public var radiusScale: Double
    }

    /// One `expect:` entry.
    public struct Expectation: Sendable {
        public enum Check: Sendable {
            /// The optimal value: exact (`exact` holds the fraction) or within the tolerance.
            case value(Double, exact: String?)
            case status(String)
            case incentiveCheck(String)
            case regretExponent(ClosedRange<Double>)
            case violationExponent(ClosedRange<Double>)
        }
        public var keyPath: String
        /// The instance (offline) or the online study's name.
        public var subject: String
        public var mechanism: String?
        public var check: Check
        public var tolerance: Double
    }

    static let topKeys = ["domain", "title", "reference", "description", "instances", "mechanisms", "online", "expect"]
    static let mechanismIds = ["best-effort-profile", "optimal-correlated-mechanism", "optimal-ic-mechanism", "optimal-uncorrelated-mechanism"]
    static let algorithms = ["explore-then-commit", "full-feedback", "bandit"]

    /// Parses information-acquisition scenario text; `file` names it in errors; mechanism ids
    /// resolve in `registry`.
    public static func parse(_ text: String, file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> AcquisitionScenario {
        try parse(ScenarioFile.root(of: text, file: file), source: text, registry: registry)
    }

    /// Builds the scenario from the file's parsed root.
    static func parse(_ node: ScenarioNode, source: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> AcquisitionScenario {
        let file = node.file
        let top = try node.mapping(allowed: topKeys, required: ["domain", "title", "instances"])
        let domain = try top["domain"]!.string()
        guard domain == Domain.informationAcquisition.rawValue else {
            throw top["domain"]!.error("expected '\(Domain.informationAcquisition.rawValue)', got '\(domain)'.")
        }
        let reference = try top["reference"]?.string()
        if reference == nil && isPaperScenario(file) {
            throw node.error("missing required key 'reference' (scenarios under scenarios/papers/ cite their paper).")
        }
        var instances: [Instance] = []
        for n in try top["instances"]!.array() {
            let instance = try parseInstance(n, scenarioFile: file)
            guard !instances.contains(where: { $0.name == instance.name }) else { throw n.error("instance name '\(instance.name)' appears twice.") }
            instances.append(instance)
        }
        guard !instances.isEmpty else { throw top["instances"]!.error("expected at least one instance.") }
        var mechanisms: [MechanismChoice] = []
        if let list = top["mechanisms"] {
            for n in try list.array() {
                let m = try parseMechanism(n, registry: registry)
                guard !mechanisms.contains(where: { $0.id == m.id }) else { throw n.error("mechanism '\(m.id)' appears twice.") }
                guard instances.contains(where: { $0.model == m.model }) else {
                    throw n.error("'\(m.id)' runs on model \(m.model) instances and the scenario has none.")
                }
                mechanisms.append(m)
            }
        }
        var online: [OnlineChoice] = []
        if let list = top["online"] {
            for n in try list.array() {
                let o = try parseOnline(n, instances: instances)
                guard !online.contains(where: { $0.name == o.name }) else {
                    throw n.error("online study name '\(o.name)' appears twice.", suggestion: "Give each study its own 'name'.")
                }
                online.append(o)
            }
        }
        var expectations: [Expectation] = []
        if let list = top["expect"] {
            for n in try list.array() {
                expectations.append(try parseExpectation(n, instances: instances, mechanisms: mechanisms, online: online))
            }
        }
        var scenario = AcquisitionScenario(file: file, title: try top["title"]!.string(), reference: reference,
                                           description: try top["description"]?.string(), instances: instances,
                                           mechanisms: mechanisms, online: online, expectations: expectations)
        scenario.source = source
        return scenario
    }

    static func isPaperScenario(_ file: String) -> Bool {
        file.hasPrefix("scenarios/papers/") || file.contains("/scenarios/papers/")
    }

    // MARK: instances

    static func parseInstance(_ n: ScenarioNode, scenarioFile: String) throws(ScenarioError) -> Instance {
        let instanceKeys = ["prior", "agents", "signal_law", "utility", "sender_utility", "payments", "payment_cap", "description"]
        guard case .mapping(let pairs) = n.node else { throw n.error("expected an instance: {name, path} or the keys of an instance file.") }
        let m = try n.mapping(allowed: ["name", "path"] + instanceKeys + ["expected"])
        if let e = m["expected"] {
            throw e.error("expected values belong under the scenario's 'expect:'.",
                          suggestion: "Write them as {instance: NAME, mechanism: ID, value: p/q} entries of 'expect:'.")
        }
        if let p = m["path"] {
            if let extra = instanceKeys.first(where: { m[$0] != nil }) {
                throw m[extra]!.error("an instance with 'path' takes its data from the file; '\(extra)' cannot be given beside it.")
            }
            let written = try p.string()
            let resolved = resolve(written, relativeTo: scenarioFile)
            guard let data = FileManager.default.contents(atPath: resolved) else {
                throw p.error("no instance file '\(written)' (looked for \(resolved), relative to the scenario file's folder).",
                              suggestion: "Paths are relative to the folder of the scenario file.")
            }
            let contents: AcquisitionInstanceFile.Contents
            do { contents = try AcquisitionInstanceFile.parse(data, file: resolved) } catch {
                throw p.error(error.description)
            }
            let name = try m["name"]?.string()
                ?? ((written as NSString).lastPathComponent as NSString).deletingPathExtension
            return Instance(name: name, instance: contents.instance, description: contents.description, path: written,
                            fingerprint: fingerprint(data))
        }
        guard let nameNode = m["name"] else { throw n.error("an inline instance needs a 'name' (or give {name, path} of an instance file).") }
        let name = try nameNode.string()
        var plain: [String: Any] = [:]
        for (k, v) in pairs where k.string != "name" { plain[k.string ?? ""] = plainValue(v) }
        do throws(InformationAcquisitionError) {
            let contents = try AcquisitionInstanceFile.contents(plain)
            return Instance(name: name, instance: contents.instance, description: contents.description, path: nil, fingerprint: nil)
        } catch {
            let head = error.keyPath.split(whereSeparator: { $0 == "." || $0 == "[" || $0 == " " }).first.map(String.init)
            let line = head.flatMap { m[$0]?.line } ?? n.line
            throw ScenarioError(file: n.file, keyPath: error.keyPath.isEmpty ? n.path : "\(n.path).\(error.keyPath)", line: line,
                                message: "expected \(error.expected), found \(error.found).", suggestion: error.suggestion)
        }
    }

    /// `path` relative to the folder of `scenarioFile` (absolute paths stay as they are).
    static func resolve(_ path: String, relativeTo scenarioFile: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = (scenarioFile as NSString).deletingLastPathComponent
        return folder.isEmpty ? path : (folder as NSString).appendingPathComponent(path)
    }

    /// 64-bit FNV-1a of `data`, in hexadecimal.
    static func fingerprint(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// A YAML node as the values `JSONSerialization` gives (numbers for plain numeric scalars,
    /// strings otherwise), so that inline instances go through the instance file reader.
    static func plainValue(_ node: Node) -> Any {
        switch node {
        case .scalar(let s):
            if s.style == .plain, let d = Double(s.string.replacingOccurrences(of: "_", with: "")) { return NSNumber(value: d) }
            return s.string
        case .mapping(let m):
            var out: [String: Any] = [:]
            for (k, v) in m { out[k.string ?? ""] = plainValue(v) }
            return out
        case .sequence(let s):
            return s.map(plainValue)
        case .alias:
            return "an alias"
        }
    }

    // MARK: mechanisms and online studies

    static func parseMechanism(_ n: ScenarioNode, registry: MechanismRegistry) throws(ScenarioError) -> MechanismChoice {
        var id: String, params = ParameterValues(), exact = false, at = n
        if n.isScalar {
            id = try n.string()
        } else {
            let m = try n.mapping(allowed: ["id", "params", "exact"], required: ["id"])
            id = try m["id"]!.string()
            at = m["id"]!
            if let p = m["params"] { params = try p.parameterValues() }
            exact = try m["exact"]?.bool() ?? false
        }
        let made: any Mechanism
        do { made = try registry.make(id, params) } catch { throw at.error(error.description) }
        guard let mechanism = made as? any InformationAcquisitionMechanism else {
            throw at.error("'\(id)' is a \(made.descriptor.domain.rawValue) mechanism; an information-acquisition scenario takes \(mechanismIds.joined(separator: ", ")).")
        }
        return MechanismChoice(id: id, mechanism: mechanism, exact: exact)
    }

    static func parseOnline(_ n: ScenarioNode, instances: [Instance]) throws(ScenarioError) -> OnlineChoice {
        let m = try n.mapping(allowed: ["name", "algorithm", "instance", "horizons", "seeds", "seed", "alpha", "radius_scale"],
                              required: ["algorithm", "instance", "horizons"])
        let algorithmName = try m["algorithm"]!.string()
        let instanceName = try m["instance"]!.string()
        guard let index = instances.firstIndex(where: { $0.name == instanceName }) else {
            throw m["instance"]!.error("no instance named '\(instanceName)'; the file has \(instances.map(\.name).joined(separator: ", ")).",
                                       suggestion: closestMatch(to: instanceName, in: instances.map(\.name)).map { "Did you mean '\($0)'?" })
        }
        let algorithm: RegretStudy.Algorithm
        switch algorithmName {
        case "explore-then-commit": algorithm = .exploreThenCommit
        case "full-feedback": algorithm = .fullFeedback
        case "bandit":
            let alpha = try m["alpha"]?.double() ?? 0.5
            guard (0.5...1).contains(alpha) else { throw m["alpha"]!.error("expected alpha in [0.5, 1], got \(alpha).") }
            algorithm = .bandit(alpha: alpha)
        default:
            throw m["algorithm"]!.error("unknown algorithm '\(algorithmName)'; expected \(algorithms.joined(separator: ", ")).",
                                        suggestion: closestMatch(to: algorithmName, in: algorithms).map { "Did you mean '\($0)'?" })
        }
        if algorithmName != "bandit", let a = m["alpha"] { throw a.error("'alpha' is the bandit algorithm's exploration exponent; \(algorithmName) takes none.") }
        let needed = algorithm == .exploreThenCommit ? "A" : "B"
        guard instances[index].model == needed else {
            throw m["instance"]!.error("\(algorithmName) runs on model \(needed) instances; '\(instanceName)' is model \(instances[index].model).")
        }
        var horizons: [Int] = []
        for h in try m["horizons"]!.array() {
            let T = try h.int(minimum: 1)
            guard T <= 1_000_000_000 else { throw h.error("expected a horizon of at most 10^9, got \(T).") }
            horizons.append(T)
        }
        guard !horizons.isEmpty else { throw m["horizons"]!.error("expected at least one horizon.") }
        let radiusScale = try m["radius_scale"]?.double() ?? 1
        guard radiusScale > 0 else { throw m["radius_scale"]!.error("expected a positive radius scale, got \(radiusScale).") }
        return OnlineChoice(name: try m["name"]?.string() ?? "\(algorithmName) on \(instanceName)", algorithm: algorithm,
                            instance: index, horizons: horizons, seeds: try m["seeds"]?.int(minimum: 1) ?? 10,
                            seed: try m["seed"]?.uint64() ?? 1, radiusScale: radiusScale)
    }

    // MARK: expectations

    static func parseExpectation(_ n: ScenarioNode, instances: [Instance], mechanisms: [MechanismChoice],
                                 online: [OnlineChoice]) throws(ScenarioError) -> Expectation {
        let m = try n.mapping(allowed: ["instance", "mechanism", "value", "tolerance", "status", "incentive_check",
                                        "online", "regret_exponent", "violation_exponent"])
        if let o = m["online"] {
            let name = try o.string()
            guard online.contains(where: { $0.name == name }) else {
                throw o.error("no online study named '\(name)'; the file has \(online.isEmpty ? "none" : online.map(\.name).joined(separator: ", ")).",
                              suggestion: closestMatch(to: name, in: online.map(\.name)).map { "Did you mean '\($0)'?" })
            }
            if let extra = ["instance", "mechanism", "value", "tolerance", "status", "incentive_check"].first(where: { m[$0] != nil }) {
                throw m[extra]!.error("an online expectation takes 'regret_exponent' or 'violation_exponent', not '\(extra)'.")
            }
            func range(_ r: ScenarioNode) throws(ScenarioError) -> ClosedRange<Double> {
                let xs = try r.doubles()
                guard xs.count == 2, xs[0] <= xs[1] else { throw r.error("expected a range [low, high] with low <= high.") }
                return xs[0]...xs[1]
            }
            switch (m["regret_exponent"], m["violation_exponent"]) {
            case (let r?, nil): return Expectation(keyPath: n.path, subject: name, check: .regretExponent(try range(r)), tolerance: 0)
            case (nil, let v?):
                guard online.first(where: { $0.name == name })!.algorithm != .exploreThenCommit else {
                    throw v.error("explore-then-commit (model A) has no IC violation; expect 'regret_exponent'.")
                }
                return Expectation(keyPath: n.path, subject: name, check: .violationExponent(try range(v)), tolerance: 0)
            default: throw n.error("an online expectation needs exactly one of 'regret_exponent' and 'violation_exponent'.")
            }
        }
        guard let instanceNode = m["instance"], let mechanismNode = m["mechanism"] else {
            throw n.error("an expectation needs 'instance' and 'mechanism' (an offline value) or 'online' (a regret study).")
        }
        let instance = try instanceNode.string(), mechanism = try mechanismNode.string()
        guard let inst = instances.first(where: { $0.name == instance }) else {
            throw instanceNode.error("no instance named '\(instance)'; the file has \(instances.map(\.name).joined(separator: ", ")).",
                                     suggestion: closestMatch(to: instance, in: instances.map(\.name)).map { "Did you mean '\($0)'?" })
        }
        guard let mech = mechanisms.first(where: { $0.id == mechanism }) else {
            throw mechanismNode.error("'\(mechanism)' is not among the scenario's mechanisms (\(mechanisms.map(\.id).joined(separator: ", "))).",
                                      suggestion: closestMatch(to: mechanism, in: mechanisms.map(\.id)).map { "Did you mean '\($0)'?" })
        }
        guard mech.model == inst.model else {
            throw mechanismNode.error("'\(mechanism)' runs on model \(mech.model) instances; '\(instance)' is model \(inst.model).")
        }
        let checks = ["value", "status", "incentive_check"].filter { m[$0] != nil }
        guard checks.count == 1 else { throw n.error("an expectation checks exactly one of 'value', 'status' and 'incentive_check'.") }
        if m["tolerance"] != nil && checks[0] != "value" { throw m["tolerance"]!.error("'tolerance' applies to 'value' only.") }
        switch checks[0] {
        case "value":
            let v = m["value"]!
            let text = try v.string().trimmingCharacters(in: .whitespaces)
            let value = try v.double()
            let tolerance = try m["tolerance"]?.double()
            if let tolerance, tolerance < 0 { throw m["tolerance"]!.error("expected a tolerance >= 0.") }
            var exact: String?
            if tolerance == nil && text.contains("/") {
                let parts = text.split(separator: "/").map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard parts.count == 2, let p = parts[0], let q = parts[1], q > 0 else {
                    throw v.error("expected an exact fraction p/q of whole numbers (or give a 'tolerance'), got '\(text)'.")
                }
                exact = Rational(p, q).description
            }
            return Expectation(keyPath: n.path, subject: instance, mechanism: mechanism, check: .value(value, exact: exact),
                               tolerance: tolerance ?? 1e-9)
        case "status":
            let s = try m["status"]!.string()
            guard ["optimal", "infeasible"].contains(s) else { throw m["status"]!.error("expected 'optimal' or 'infeasible', got '\(s)'.") }
            return Expectation(keyPath: n.path, subject: instance, mechanism: mechanism, check: .status(s), tolerance: 0)
        default:
            let s = try m["incentive_check"]!.string()
            guard ["holds", "violated"].contains(s) else { throw m["incentive_check"]!.error("expected 'holds' or 'violated', got '\(s)'.") }
            return Expectation(keyPath: n.path, subject: instance, mechanism: mechanism, check: .incentiveCheck(s), tolerance: 0)
        }
    }

    /// Whether the study needs the exact value of `mechanism` on `instance`.
    func needsExact(_ mechanism: MechanismChoice, on instance: String) -> Bool {
        mechanism.exact || expectations.contains { e in
            guard e.subject == instance, e.mechanism == mechanism.id, case .value(_, .some) = e.check else { return false }
            return true
        }
    }
}
