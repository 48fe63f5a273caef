import Foundation
import Mechanisms
import Yams

/// A position-auction scenario file (`domain: position-auctions`): worked instances with their
/// expected outcomes, axiom checks with expected verdicts, and Monte Carlo studies with
/// expected values (checked against the 99% confidence interval).
///
/// ```yaml
/// domain: position-auctions
/// title: EX1
/// instances:                       # the keys of `mechsim outcome --instance`, plus a name
///   - {name: EX1, user_model: separable, alpha: [1, 1, 1], beta: [1/2, 1/5], bids: [0.9, 0.7, 0.4], cap: 2,
///      values: {distribution: uniform, low: 0, high: 1}}
/// mechanisms: [vcg, gsp, myerson, {id: vcg-reserve, params: {reserve: 0.5}}, {id: vcg, on: separable-fit}]
/// simulation:                      # optional Monte Carlo study, every combination of the lists
///   user_models: [mnl, cascade]
///   advertisers: [2, 3, 5]
///   positions: [3]
///   caps: [1, 2, 3]
///   ctr: {distribution: uniform, low: 0.05, high: 0.5}   # or logit {noise}, separable {alpha, beta}, fixed {matrix}
///   values: {distribution: uniform, low: 0, high: 1}
///   auctions: 2000
///   seed: 7
/// expect:
///   - {instance: EX1, mechanism: vcg, allocation: [[0, 0], [1, 1]], payments: [0.29, 0.08, 0], welfare: 0.59, revenue: 0.37}
///   - {instance: EX1, mechanism: gsp, axiom: dsic, verdict: violated}
///   - {mechanism: vcg, user_model: mnl, advertisers: 2, positions: 3, cap: 1, metric: revenue, value: 1/3}
/// ```
public struct AuctionScenario: Sendable {
    public var file: String
    public var title: String
    public var reference: String?
    public var description: String?
    public var instances: [(name: String, file: AuctionInstanceFile)]
    public var mechanisms: [AuctionStudyMechanism]
    public var simulation: AuctionSimulationSpec?
    public var expectations: [Expectation]
    /// Automated designs (`design:`), each with what it must give.
    public var designs: [DesignSpec] = []
    /// The file's text (carried by shard files).
    public var source: String = ""

    /// One `expect:` entry.
    public struct Expectation: Sendable {
        public enum Check: Sendable {
            case outcome(allocation: [[Int]]?, payments: [Double]?, clickProbabilities: [Double]?, welfare: Double?, revenue: Double?)
            case axiom(String, verdict: String)
            case metric(String, value: Double)
        }
        public var keyPath: String
        public var instance: String?
        public var mechanism: String
        public var setting: [String: Int]
        public var userModel: String?
        public var check: Check
        public var tolerance: Double
    }

    /// One automated design (`AuctionDesign`) and what it must give.
    ///
    /// ```yaml
    /// design:
    ///   - name: two values
    ///     instance: auction-two-values.json     # a name in `instances:`, a path relative to this file, or the instance inline
    ///     axioms: [dsic, individual-rationality]
    ///     objective: revenue                    # or welfare
    ///     expect: {status: optimal, optimum: "3/2", optimal: [myerson], checks: holds}
    /// ```
    public struct DesignSpec: Sendable {
        public var name: String
        public var request: AuctionDesign.Request
        /// `optimal`, `infeasible` or `unbounded`.
        public var expectedStatus: String?
        /// The exact optimum as a fraction ("3/2").
        public var expectedOptimum: String?
        /// Registered mechanisms whose expected value on the same values equals the optimum
        /// (`myerson`, for revenue).
        public var expectedOptimal: [String]
        /// `holds`: the ordinary checkers of the requested axioms hold on the designed auction.
        public var expectedChecks: String?
        public var keyPath: String
    }

    static let topKeys = ["title", "reference", "description", "domain", "instances", "mechanisms", "simulation", "design", "expect"]

    /// Reads a position-auction scenario file; mechanism ids resolve in `registry`.
    public static func load(file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> AuctionScenario {
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ScenarioError(file: file, keyPath: "", message: "cannot be read as UTF-8 text (\(error.localizedDescription)).")
        }
        return try parse(text, file: file, registry: registry)
    }

    /// Parses position-auction scenario text; `file` names it in errors; mechanism ids resolve in
    /// `registry`.
    public static func parse(_ text: String, file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> AuctionScenario {
        try parse(ScenarioFile.root(of: text, file: file), source: text, registry: registry)
    }

    /// Builds the scenario from the file's parsed root.
    static func parse(_ node: ScenarioNode, source: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> AuctionScenario {
        let file = node.file
        let top = try node.mapping(allowed: topKeys, required: ["title", "domain", "mechanisms"])
        var instances: [(name: String, file: AuctionInstanceFile)] = []
        if let list = top["instances"] {
            for (k, n) in try list.array().enumerated() {
                let name = try n.mapping(allowed: AuctionInstanceFile.keys)["name"]?.string() ?? "instance \(k)"
                guard !instances.contains(where: { $0.name == name }) else { throw n.error("instance name '\(name)' appears twice.") }
                instances.append((name, try AuctionInstanceFile.parse(n)))
            }
        }
        var mechanisms: [AuctionStudyMechanism] = []
        for n in try top["mechanisms"]!.array() {
            var id: String, params = ParameterValues(), fit = false
            var at = n
            if n.isScalar {
                id = try n.string()
            } else {
                let m = try n.mapping(allowed: ["id", "params", "on"], required: ["id"])
                id = try m["id"]!.string()
                at = m["id"]!
                if let p = m["params"] {
                    var values: [String: Double] = [:]
                    for (k, v) in try p.freeMapping() { values[k] = try v.double() }
                    params = ParameterValues(values)
                }
                if let on = m["on"] {
                    let s = try on.string()
                    guard s == "separable-fit" || s == "true-model" else {
                        throw on.error("expected 'separable-fit' or 'true-model', got '\(s)'.")
                    }
                    fit = s == "separable-fit"
                }
            }
            do { mechanisms.append(AuctionStudyMechanism(try registry.makePositionAuction(id, params), onSeparableFit: fit)) } catch {
                throw at.error(error.description)
            }
        }
        let simulation = try top["simulation"].map { (n: ScenarioNode) throws(ScenarioError) in try parseSimulation(n) }
        var expectations: [Expectation] = []
        if let list = top["expect"] {
            for n in try list.array() {
                expectations.append(try parseExpectation(n, instances: instances.map(\.name), mechanisms: mechanisms.map(\.label),
                                                         simulation: simulation))
            }
        }
        let domain = try top["domain"]!.string()
        guard domain == Domain.positionAuctions.rawValue else { throw top["domain"]!.error("expected 'position-auctions', got '\(domain)'.") }
        var scenario = AuctionScenario(file: file, title: try top["title"]!.string(), reference: try top["reference"]?.string(),
                                       description: try top["description"]?.string(), instances: instances, mechanisms: mechanisms,
                                       simulation: simulation, expectations: expectations)
        if let d = top["design"] { scenario.designs = try parseDesigns(d, instances: instances) }
        scenario.source = source
        return scenario
    }

    static func parseDesigns(_ node: ScenarioNode, instances: [(name: String, file: AuctionInstanceFile)]) throws(ScenarioError) -> [DesignSpec] {
        var out: [DesignSpec] = []
        for (k, n) in try node.array().enumerated() {
            let m = try n.mapping(allowed: ["name", "instance", "axioms", "objective", "expect"], required: ["instance", "axioms", "objective"])
            let at = m["instance"]!
            let file: AuctionInstanceFile
            if at.isScalar {
                let s = try at.string()
                if let named = instances.first(where: { $0.name == s }) {
                    file = named.file
                } else {
                    // A path relative to the scenario file.
                    let path = s.hasPrefix("/") ? s : (URL(fileURLWithPath: n.file).deletingLastPathComponent().appendingPathComponent(s).path)
                    guard FileManager.default.fileExists(atPath: path) else {
                        throw at.error("'\(s)' is neither an instance of the file (\(instances.map(\.name).joined(separator: ", "))) nor a readable file (\(path)).",
                                       suggestion: "Give the instance inline, or a path relative to the scenario file.")
                    }
                    file = try AuctionInstanceFile.load(path: path)
                }
            } else {
                file = try AuctionInstanceFile.parse(at)
            }
            var axioms: [String] = []
            for x in try m["axioms"]!.array() { axioms.append(try x.string()) }
            let objectiveName = try m["objective"]!.string()
            guard let objective = AuctionDesign.Objective(rawValue: objectiveName) else {
                throw m["objective"]!.error("expected revenue or welfare, got '\(objectiveName)'.")
            }
            do {
                _ = try AuctionDesign.constraints(axioms)
                _ = try AuctionDesign.supports(file.instance)
            } catch { throw (m["axioms"] ?? n).error(error.description) }
            switch file.instance.userModel {
            case .separable, .independent: break
            default: throw at.error("the design LP needs CTRs without externalities (user_model separable or independent), not \(file.instance.userModel.id).")
            }
            var spec = DesignSpec(name: try m["name"]?.string() ?? "design \(k)",
                                  request: AuctionDesign.Request(instance: file.instance, axioms: axioms, objective: objective),
                                  expectedStatus: nil, expectedOptimum: nil, expectedOptimal: [], expectedChecks: nil, keyPath: n.path)
            if let e = m["expect"] {
                let x = try e.mapping(allowed: ["status", "optimum", "optimal", "checks"])
                spec.expectedStatus = try x["status"]?.string(oneOf: ["optimal", "infeasible", "unbounded"])
                spec.expectedOptimum = try x["optimum"]?.string()
                if let o = x["optimal"] {
                    for v in try o.array() {
                        let id = try v.string()
                        guard id == "myerson" else { throw v.error("only 'myerson' is set beside an auction design, got '\(id)'.") }
                        spec.expectedOptimal.append(id)
                    }
                }
                spec.expectedChecks = try x["checks"]?.string(oneOf: ["holds"])
            }
            out.append(spec)
        }
        return out
    }

    static func parseSimulation(_ node: ScenarioNode) throws(ScenarioError) -> AuctionSimulationSpec {
        let m = try node.mapping(allowed: ["user_models", "advertisers", "positions", "caps", "ctr", "values", "auctions", "seed"],
                                 required: ["user_models", "advertisers", "positions", "caps", "ctr", "values", "auctions", "seed"])
        var models: [String] = []
        for n in try m["user_models"]!.array() {
            let s = try n.string()
            guard ["separable", "independent", "mnl", "cascade"].contains(s) else {
                throw n.error("unknown user model '\(s)'; expected separable, independent, mnl or cascade.")
            }
            models.append(s)
        }
        func ints(_ key: String, _ lo: Int, _ hi: Int) throws(ScenarioError) -> [Int] {
            var out: [Int] = []
            for n in try m[key]!.array() {
                let v = try n.int(minimum: lo)
                guard v <= hi else { throw n.error("expected at most \(hi), got \(v).") }
                out.append(v)
            }
            guard !out.isEmpty else { throw m[key]!.error("expected at least one value.") }
            return out
        }
        let advertisers = try ints("advertisers", 1, 50), positions = try ints("positions", 1, 12), caps = try ints("caps", 1, 12)
        let c = try m["ctr"]!.mapping(allowed: ["distribution", "low", "high", "noise", "alpha", "beta", "matrix"], required: ["distribution"])
        let ctr: CTRModel
        switch try c["distribution"]!.string() {
        case "uniform":
            guard let lo = c["low"], let hi = c["high"] else { throw m["ctr"]!.error("uniform CTRs need 'low' and 'high'.") }
            let a = try lo.double(), b = try hi.double()
            guard a >= 0, a <= b, b < 1 else { throw m["ctr"]!.error("expected 0 <= low <= high < 1, got low \(a), high \(b).") }
            ctr = .uniform(low: a, high: b)
        case "logit":
            guard let s = c["noise"] else { throw m["ctr"]!.error("logit CTRs need 'noise' (the weight s of the pair-specific term).") }
            ctr = .logit(noise: try s.double())
        case "separable":
            guard let a = c["alpha"], let b = c["beta"] else { throw m["ctr"]!.error("separable CTRs need 'alpha' (one number) and 'beta' (a list).") }
            let alpha = try a.double(), beta = try b.doubles()
            guard alpha >= 0, !beta.isEmpty, beta.allSatisfy({ $0 >= 0 && alpha * $0 <= 1 }) else {
                throw b.error("expected non-negative position factors with alpha * beta <= 1.")
            }
            ctr = .separable(alpha: alpha, beta: beta)
        case "fixed":
            guard let rows = c["matrix"] else { throw m["ctr"]!.error("fixed CTRs need 'matrix' (one row of probabilities per advertiser).") }
            var matrix: [[Double]] = []
            for row in try rows.array() {
                let r = try row.doubles()
                guard r.allSatisfy({ $0 >= 0 && $0 < 1 }) else { throw row.error("expected probabilities in [0, 1).") }
                matrix.append(r)
            }
            guard !matrix.isEmpty, let width = matrix.first?.count, width > 0, matrix.allSatisfy({ $0.count == width }) else {
                throw rows.error("expected a non-empty rectangular matrix.")
            }
            guard advertisers.allSatisfy({ $0 == matrix.count }), positions.allSatisfy({ $0 == width }) else {
                throw rows.error("a \(matrix.count) × \(width) matrix needs advertisers: [\(matrix.count)] and positions: [\(width)].")
            }
            ctr = .fixed(matrix: matrix)
        case let other:
            throw c["distribution"]!.error("unknown CTR model '\(other)'; expected uniform, logit, separable or fixed.")
        }
        if models.contains("separable"), case .separable = ctr {} else if models.contains("separable") {
            throw m["ctr"]!.error("the separable user model needs ctr: {distribution: separable, alpha, beta}.")
        }
        let values = try AuctionInstanceFile.distribution(m["values"]!)
        let auctions = try m["auctions"]!.int(minimum: 1)
        return AuctionSimulationSpec(userModels: models, advertisers: advertisers, positions: positions, caps: caps, ctr: ctr,
                                     values: values, auctions: auctions, seed: try m["seed"]!.uint64())
    }

    static func parseExpectation(_ n: ScenarioNode, instances: [String], mechanisms: [String],
                                 simulation: AuctionSimulationSpec?) throws(ScenarioError) -> Expectation {
        let m = try n.mapping(allowed: ["instance", "mechanism", "allocation", "payments", "click_probabilities", "welfare", "revenue",
                                        "axiom", "verdict", "user_model", "advertisers", "positions", "cap", "metric", "value", "tolerance"],
                              required: ["mechanism"])
        let mechanism = try m["mechanism"]!.string()
        guard mechanisms.contains(mechanism) else {
            throw m["mechanism"]!.error("'\(mechanism)' is not among the scenario's mechanisms (\(mechanisms.joined(separator: ", "))).",
                                        suggestion: closestMatch(to: mechanism, in: mechanisms).map { "Did you mean '\($0)'?" })
        }
        let tolerance = try m["tolerance"]?.double() ?? 1e-9
        let instance = try m["instance"]?.string()
        if let instance, !instances.contains(instance) {
            throw m["instance"]!.error("no instance named '\(instance)'; the file has \(instances.joined(separator: ", ")).")
        }
        if let metric = m["metric"] {
            guard let simulation else { throw metric.error("a metric expectation needs a 'simulation' section.") }
            let name = try metric.string()
            guard AuctionStudyRow.expectableMetrics.contains(name) else {
                throw metric.error("unknown metric '\(name)'; expected \(AuctionStudyRow.expectableMetrics.joined(separator: ", ")).")
            }
            guard let value = m["value"] else { throw n.error("a metric expectation needs 'value'.") }
            var setting: [String: Int] = [:]
            for key in ["advertisers", "positions", "cap"] { if let v = m[key] { setting[key] = try v.int(minimum: 1) } }
            let model = try m["user_model"]?.string()
            let matches = simulation.settings.filter { s in
                (model == nil || s.userModel == model) && setting["advertisers"].map { $0 == s.advertisers } ?? true
                    && setting["positions"].map { $0 == s.positions } ?? true && setting["cap"].map { $0 == s.cap } ?? true
            }
            guard matches.count == 1 else {
                throw n.error("the setting must pick exactly one simulated combination (user_model, advertisers, positions, cap); it picks \(matches.count).")
            }
            return Expectation(keyPath: n.path, instance: nil, mechanism: mechanism, setting: setting, userModel: model,
                               check: .metric(name, value: try value.double()), tolerance: tolerance)
        }
        guard let instance else { throw n.error("an expectation needs 'instance' (an outcome or axiom) or 'metric' (a simulation).") }
        if let axiom = m["axiom"] {
            let id = try axiom.string()
            guard AuctionAxioms.ids.contains(id) else {
                throw axiom.error("unknown auction axiom '\(id)'; expected \(AuctionAxioms.ids.joined(separator: ", ")).",
                                  suggestion: closestMatch(to: id, in: AuctionAxioms.ids).map { "Did you mean '\($0)'?" })
            }
            guard let v = m["verdict"] else { throw n.error("an axiom expectation needs 'verdict' (violated or no-violation-found).") }
            return Expectation(keyPath: n.path, instance: instance, mechanism: mechanism, setting: [:], userModel: nil,
                               check: .axiom(id, verdict: try v.string()), tolerance: tolerance)
        }
        var allocation: [[Int]]?
        if let a = m["allocation"] {
            var pairs: [[Int]] = []
            for p in try a.array() {
                let xs = try p.array()
                guard xs.count == 2 else { throw p.error("expected [advertiser, position].") }
                pairs.append([try xs[0].int(minimum: 0), try xs[1].int(minimum: 0)])
            }
            allocation = pairs
        }
        return Expectation(keyPath: n.path, instance: instance, mechanism: mechanism, setting: [:], userModel: nil,
                           check: .outcome(allocation: allocation, payments: try m["payments"]?.doubles(),
                                           clickProbabilities: try m["click_probabilities"]?.doubles(),
                                           welfare: try m["welfare"]?.double(), revenue: try m["revenue"]?.double()),
                           tolerance: tolerance)
    }
}
