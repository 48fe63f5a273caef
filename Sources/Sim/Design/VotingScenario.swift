import Foundation
import Mechanisms
import Solvers

/// A voting scenario file: automated designs of probabilistic voting rules (`design:`) and the
/// exact expected utility of registered voting mechanisms (`expect:`), each with what it must
/// come to.
///
/// ```yaml
/// domain: voting
/// title: ...
/// reference: ...
/// design:
///   - {agents: 5, candidates: 3, axioms: [sd-strategyproofness, anonymity, neutrality],
///      objective: expected-utility, utility: borda,
///      expect: {status: optimal, optimum: "5/4", optimal: [random-pair-majority],
///               not_optimal: [random-dictator], checks: holds}}
/// expect:
///   - {mechanism: random-dictator, agents: 2, candidates: 3, utility: borda, value: "3/2"}
/// ```
/// Every value is exact: an optimum or a value is a fraction compared as a fraction.
public struct VotingScenario: Sendable {
    /// One `design:` entry and what it must come to.
    public struct DesignSpec: Sendable {
        public var request: VotingDesign.Request
        public var expectedStatus: String?
        public var expectedOptimum: Rational?
        /// Registered mechanisms that must be compared and optimal.
        public var expectedOptimal: [String]
        /// Registered mechanisms that must be compared and not optimal.
        public var expectedNotOptimal: [String]
        public var expectedChecks: String?
        /// `unique: true|false`: whether the optimal rule is the only one (turns on `uniqueness`).
        public var expectedUnique: Bool?
        public var keyPath: String
    }

    /// One `expect:` entry: a registered mechanism's exact expected utility.
    public struct ValueSpec: Sendable {
        public var mechanism: String
        public var agents: Int
        public var candidates: Int
        public var utility: VotingDesign.Utility
        public var value: Rational
        public var keyPath: String
    }

    public var file: String
    public var source: String
    public var title: String
    public var reference: String?
    public var description: String?
    public var designs: [DesignSpec]
    public var values: [ValueSpec]

    static let topKeys = ["domain", "title", "reference", "description", "design", "expect"]

    /// Reads a voting scenario from its parsed root.
    static func parse(_ root: ScenarioNode, source: String, registry: MechanismRegistry) throws(ScenarioError) -> VotingScenario {
        let top = try root.mapping(allowed: topKeys, required: ["domain", "title"])
        let reference = try top["reference"]?.string()
        if root.file.contains("scenarios/papers/"), reference == nil {
            throw root.error("missing required key 'reference' (every scenario under scenarios/papers/ cites its paper).")
        }
        var scenario = VotingScenario(file: root.file, source: source, title: try top["title"]!.string(), reference: reference,
                                      description: try top["description"]?.string(), designs: [], values: [])
        for n in try top["design"]?.array() ?? [] { scenario.designs.append(try parseDesign(n)) }
        for n in try top["expect"]?.array() ?? [] { scenario.values.append(try parseValue(n, registry: registry)) }
        if scenario.designs.isEmpty && scenario.values.isEmpty {
            throw root.error("a voting scenario needs 'design' entries or 'expect' entries (nothing to compute).")
        }
        return scenario
    }

    static func fraction(_ node: ScenarioNode) throws(ScenarioError) -> Rational {
        let text = try node.string()
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let p = Int(parts[0].trimmingCharacters(in: .whitespaces)),
              let q = parts.count == 2 ? Int(parts[1].trimmingCharacters(in: .whitespaces)) : 1, q > 0 else {
            throw node.error("expected an exact fraction such as \"5/4\", got '\(text)'.")
        }
        return Rational(p, q)
    }

    static func utility(_ node: ScenarioNode?) throws(ScenarioError) -> VotingDesign.Utility {
        guard let node else { return .borda }
        let text = try node.string()
        guard let u = VotingDesign.Utility(text) else {
            throw node.error("expected borda, plurality, veto or comma-separated integer scores, got '\(text)'.")
        }
        return u
    }

    static func parseDesign(_ n: ScenarioNode) throws(ScenarioError) -> DesignSpec {
        let m = try n.mapping(allowed: ["agents", "candidates", "axioms", "objective", "utility", "method", "compare", "expect"],
                              required: ["agents", "candidates", "objective"])
        var axioms: [String] = []
        for x in try m["axioms"]?.array() ?? [] { axioms.append(try x.string()) }
        do { _ = try VotingDesign.axioms(axioms) } catch { throw (m["axioms"] ?? n).error(error.description) }
        let objectiveName = try m["objective"]!.string()
        guard let objective = VotingDesign.Objective(rawValue: objectiveName) else {
            throw m["objective"]!.error("expected expected-utility, got '\(objectiveName)'.")
        }
        let methodName = try m["method"]?.string() ?? "simplex"
        guard let method = FacilityDesign.Method(rawValue: methodName) else { throw m["method"]!.error("expected simplex or exact, got '\(methodName)'.") }
        let request = VotingDesign.Request(agents: try m["agents"]!.int(minimum: 1), candidates: try m["candidates"]!.int(minimum: 2), axioms: axioms,
                                           objective: objective, utility: try utility(m["utility"]), method: method,
                                           compare: try m["compare"]?.bool() ?? true)
        var spec = DesignSpec(request: request, expectedStatus: nil, expectedOptimum: nil, expectedOptimal: [], expectedNotOptimal: [],
                              expectedChecks: nil, keyPath: n.path)
        if let e = m["expect"] {
            let x = try e.mapping(allowed: ["status", "optimum", "optimal", "not_optimal", "checks", "unique"])
            spec.expectedStatus = try x["status"]?.string(oneOf: ["optimal", "infeasible"])
            spec.expectedOptimum = try x["optimum"].map { v throws(ScenarioError) in try fraction(v) }
            for v in try x["optimal"]?.array() ?? [] { spec.expectedOptimal.append(try v.string()) }
            for v in try x["not_optimal"]?.array() ?? [] { spec.expectedNotOptimal.append(try v.string()) }
            spec.expectedChecks = try x["checks"]?.string(oneOf: ["holds"])
            if let u = x["unique"] {
                spec.expectedUnique = try u.bool()
                spec.request.uniqueness = true
            }
        }
        return spec
    }

    static func parseValue(_ n: ScenarioNode, registry: MechanismRegistry) throws(ScenarioError) -> ValueSpec {
        let m = try n.mapping(allowed: ["mechanism", "agents", "candidates", "utility", "value"], required: ["mechanism", "agents", "candidates", "value"])
        let id = try m["mechanism"]!.string()
        let ids = registry.all.filter { $0.descriptor.domain == .voting }.map(\.descriptor.id)
        guard ids.contains(id) else {
            throw m["mechanism"]!.error("'\(id)' is not a registered voting mechanism; expected one of: \(ids.joined(separator: ", ")).",
                                        suggestion: closestMatch(to: id, in: ids).map { "Did you mean '\($0)'?" })
        }
        return ValueSpec(mechanism: id, agents: try m["agents"]!.int(minimum: 1, maximum: 8), candidates: try m["candidates"]!.int(minimum: 2, maximum: 5),
                         utility: try utility(m["utility"]), value: try fraction(m["value"]!), keyPath: n.path)
    }
}

/// A voting scenario's results: each design and each registered mechanism's value, judged
/// against the file's expectations.
public struct VotingScenarioResult: Sendable {
    public var scenario: VotingScenario
    public var designs: [VotingDesign.Result]
    /// Each `expect:` entry's computed value (nil when it could not be computed).
    public var values: [Rational?]
    public var expectations: [ExpectationResult]
    public var failed: Bool { expectations.contains { !$0.passed } }
}

/// Runs a voting scenario: every design and every value, exactly.
public enum VotingScenarioRunner {
    public static func run(_ s: VotingScenario, registry: MechanismRegistry = .standard) throws(ScenarioError) -> VotingScenarioResult {
        var result = VotingScenarioResult(scenario: s, designs: [], values: [], expectations: [])
        for spec in s.designs {
            let d: VotingDesign.Result
            do { d = try VotingDesign.design(spec.request) } catch {
                throw ScenarioError(file: s.file, keyPath: spec.keyPath, message: error.description)
            }
            result.designs.append(d)
            result.expectations += expectations(spec, d)
        }
        for v in s.values {
            let value: Rational?
            let subject = "\(v.mechanism) expected utility, n = \(v.agents), m = \(v.candidates), \(v.utility.id)"
            do {
                let space = try VotingSpace(voters: v.agents, candidates: v.candidates)
                let table = try VotingTable.of(try registry.entry(v.mechanism).make(), space: space)
                value = try table?.expectedUtility(scores: v.utility.scores(candidates: v.candidates))
            } catch {
                throw ScenarioError(file: s.file, keyPath: v.keyPath, message: "\(v.mechanism) on \(v.agents) voters and \(v.candidates) candidates: \(error)")
            }
            result.values.append(value)
            result.expectations.append(ExpectationResult(keyPath: v.keyPath + ".value", subject: subject, expected: v.value.description,
                                                         actual: value?.description ?? "-", passed: value == v.value))
        }
        return result
    }

    /// The expectations of one design: status, exact optimum, the mechanisms that reach it (or
    /// not) and the ordinary checks of the designed rule.
    static func expectations(_ spec: VotingScenario.DesignSpec, _ d: VotingDesign.Result) -> [ExpectationResult] {
        let r = spec.request
        let subject = "voting design n = \(r.agents), m = \(r.candidates), \(r.utility.id), under \(r.axioms.joined(separator: ", "))"
        var out: [ExpectationResult] = []
        if let s = spec.expectedStatus {
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.status", subject: "\(subject): status", expected: s, actual: d.status, passed: d.status == s))
        }
        if let o = spec.expectedOptimum {
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.optimum", subject: "\(subject): exact optimum", expected: o.description,
                                         actual: d.exact ? d.optimumText : "\(d.optimumText) (not exact)", passed: d.exact && d.optimum == o))
        }
        for id in spec.expectedOptimal {
            let c = d.compared.first { $0.mechanism == id }
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.optimal", subject: "\(subject): \(id) attains the optimum",
                                         expected: "optimal", actual: c.map { $0.optimal ? "optimal" : "value \($0.value)" } ?? "not compared (fails an axiom)",
                                         passed: c?.optimal == true))
        }
        for id in spec.expectedNotOptimal {
            let c = d.compared.first { $0.mechanism == id }
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.not_optimal", subject: "\(subject): \(id) satisfies the axioms below the optimum",
                                         expected: "not optimal", actual: c.map { $0.optimal ? "optimal" : "not optimal, value \($0.value)" } ?? "not compared (fails an axiom)",
                                         passed: c?.optimal == false))
        }
        if spec.expectedChecks != nil {
            let verdicts = d.checks.map { "\($0.axiom.id) \($0.verdict.id)" }.joined(separator: ", ")
            let passed = !d.checks.isEmpty && d.checks.allSatisfy { $0.verdict.id == "holds" }
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.checks", subject: "the designed rule of the \(subject), ordinary checkers",
                                         expected: "holds", actual: verdicts.isEmpty ? "no checks" : verdicts, passed: passed))
        }
        if let u = spec.expectedUnique {
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.unique", subject: "\(subject): the optimal rule is \(u ? "the only one" : "not the only one")",
                                         expected: u ? "unique" : "not unique",
                                         actual: d.unique.map { $0 ? "unique" : "not unique" } ?? "not decided (\(d.uniquenessNote))", passed: d.unique == u))
        }
        return out
    }
}

/// A voting scenario as a study: one exact computation, done in `finish` (no blocks).
public struct VotingStudy: Study {
    public struct Block: Codable, Sendable {}

    public var scenario: VotingScenario
    public var registry: MechanismRegistry
    public var file: String { scenario.file }
    public var source: String { scenario.source }
    public var blockCount: Int { 0 }

    public init(_ scenario: VotingScenario, registry: MechanismRegistry = .standard) {
        self.scenario = scenario
        self.registry = registry
    }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [Block] { [] }

    public func finish(_ blocks: [Block], threads: Int) throws -> VotingScenarioResult {
        try VotingScenarioRunner.run(scenario, registry: registry)
    }
}

extension VotingScenarioResult: StudyResult {
    public static let domain = Domain.voting

    public static func text(_ results: [Self]) -> String {
        results.map { r in
            var out = "\(r.scenario.title)\n"
            for d in r.designs {
                out += d.text(includeTimes: false).split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + String($0) }.joined(separator: "\n")
            }
            for (v, value) in zip(r.scenario.values, r.values) {
                out += "  \(v.mechanism), \(v.agents) voters, \(v.candidates) candidates, \(v.utility.id): expected utility \(value?.description ?? "-")\n"
            }
            for e in r.expectations { out += "  \(e.passed ? "ok  " : "FAIL") \(e.subject): expected \(e.expected), got \(e.actual)\n" }
            return out
        }.joined(separator: "\n")
    }

    public static func json(_ results: [Self]) -> String {
        JSONValue.array(results.map { r in
            .object([
                ("file", .string(r.scenario.file)), ("title", .string(r.scenario.title)), ("domain", .string(Domain.voting.rawValue)),
                ("reference", r.scenario.reference.map { .string($0) } ?? .null),
                ("designs", .array(r.designs.map { $0.json(includeMechanism: false, includeTimes: false) })),
                ("values", .array(zip(r.scenario.values, r.values).map { v, value in
                    .object([("mechanism", .string(v.mechanism)), ("agents", .integer(v.agents)), ("candidates", .integer(v.candidates)),
                             ("utility", .string(v.utility.id)), ("value", value.map { .string($0.description) } ?? .null)])
                })),
                ("expectations", .array(r.expectations.map { e in
                    .object([("key_path", .string(e.keyPath)), ("subject", .string(e.subject)), ("expected", .string(e.expected)),
                             ("actual", .string(e.actual)), ("passed", .bool(e.passed))])
                })),
                ("failed", .bool(r.failed)),
            ])
        }).pretty() + "\n"
    }

    /// Voting scenarios have no table: CSV output is the JSON document.
    public static func csv(_ results: [Self]) -> String { json(results) }
    public static func svg(_ results: [Self]) -> String? { nil }

    public static func html(_ results: [Self]) -> [HTMLReport.Section] {
        results.map { r in
            var blocks: [HTMLReport.Block] = r.designs.map { .preformatted($0.text(includeTimes: false)) }
            if !r.expectations.isEmpty {
                blocks.append(.heading("Expectations"))
                blocks.append(.expectations(r.expectations.map(HTMLReport.ExpectationRow.init)))
            }
            return HTMLReport.Section(title: r.scenario.title, domain: Domain.voting.rawValue, file: r.scenario.file, seed: nil,
                                      reference: r.scenario.reference, facts: [("designs", String(r.designs.count)), ("values", String(r.values.count))],
                                      blocks: blocks, failed: r.failed)
        }
    }
}
