import Foundation
import Mechanisms
import Yams

/// A scenario file: profiles, mechanisms, metrics, axiom checks, worst-case searches, theorems
/// checked by computation, and expected values.
///
/// ```yaml
/// title: Quickstart
/// reference: free text (required under scenarios/papers/)
/// domain: facility-location
/// agents: 25                                                   # or a sweep: [2, 5, 25, 101]
/// profiles: {distribution: uniform, count: 100000, seed: 1}   # or {explicit: [[0, 0.5, 1], ...]}
/// mechanisms: [median, {id: order-statistic, params: {k: 2}}, {id: phantom, params: {phantoms: [0, 0.5, 1]}}]
/// metrics: [expected-total-cost, expected-max-cost]            # default: FacilityMetric.standard
/// axioms:
///   - {id: strategyproofness, agents: 3, grid: 8, expect: {median: holds}, witness: {average: {agents: 2}}}
/// worst_case:
///   - {mechanism: median, objective: max-cost, agents: 3, grid: 12, expect: 2}
///   - {fair: unanimous-fair-share, objective: social-welfare, agents: 4, grid: 12, expect: "6/5"}
/// characterizations:
///   - {id: random-rank-uniqueness, agents: [2, 3, 4], method: exact, expect: holds}
/// expect:
///   - {mechanism: median, metric: expected-total-cost, value: 6, tolerance: 0.02}
///   - {mechanism: uniform-phantom, profile: 0, lottery: [[0.5, 1]]}   # explicit profiles only
///   - {mechanism: median, metric: expected-total-cost, value: 1, tolerance: 0.01, agents: 5}  # one count of a sweep
/// ```
/// Keys are checked strictly: an unknown key is an error naming the closest known key. With an
/// agents sweep, `expanded()` gives one scenario per count; axiom checks, worst-case searches
/// and characterizations run with the first.
public struct Scenario: Sendable {
    public var file: String
    /// The file's text, kept so that shard results can carry it and be merged anywhere.
    public var source: String
    public var title: String
    public var reference: String?
    public var description: String?
    public var domain: Domain
    public var agents: Int
    /// The agent counts of a sweep (`agents: [2, 5, 25]`); `expanded()` makes one scenario per
    /// count. Nil for a single count.
    public var sweep: [Int]?
    /// The position of this scenario in its file's sweep (0 without a sweep).
    public var variant: Int = 0
    public var distribution: ProfileDistribution
    public var count: Int
    public var seed: UInt64
    public var mechanisms: [MechanismChoice]
    public var metrics: [FacilityMetric]
    public var axioms: [AxiomCheckSpec]
    /// Worst-case ratio searches over grids (of a mechanism, or of the best mechanism with a
    /// fairness axiom), each optionally with its expected value.
    public var worstCases: [WorstCaseSpec] = []
    /// Theorems checked by computation, each with its expected outcome ("holds" or "fails").
    public var characterizations: [(characterization: Characterization, expected: String?, keyPath: String)] = []
    /// Automated designs (`design:`), each with its expected optimum.
    public var designs: [DesignSpec] = []
    public var expectations: [Expectation]
    /// Expectations with the agent count they are for (nil: every count of a sweep).
    var sweepExpectations: [(agents: Int?, expectation: Expectation)] = []

    /// One scenario per agent count of the sweep: titles gain "(n = 25)", axiom checks run in
    /// the first only, and each keeps the expectations meant for its count.
    public func expanded() -> [Scenario] {
        guard let sweep else { return [self] }
        return sweep.enumerated().map { i, n in
            var s = self
            s.agents = n
            s.sweep = nil
            s.variant = i
            s.title = "\(title) (n = \(n))"
            if i > 0 { s.axioms = []; s.worstCases = []; s.characterizations = []; s.designs = [] }
            s.expectations = sweepExpectations.filter { $0.agents == nil || $0.agents == n }.map(\.expectation)
            return s
        }
    }

    /// Reads a scenario file and expands its sweep; mechanism ids resolve in `registry`.
    public static func loadAll(file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> [Scenario] {
        try load(file: file, registry: registry).expanded()
    }

    /// Parses scenario text and expands its sweep; mechanism ids resolve in `registry`.
    public static func parseAll(_ text: String, file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> [Scenario] {
        try parse(text, file: file, registry: registry).expanded()
    }

    /// A mechanism with its parameters, as named in the file.
    public struct MechanismChoice: Sendable {
        public var mechanism: any FacilityLocationMechanism
        public var metrics: [FacilityMetric]?
        public var label: String { mechanism.label }
        public var id: String { mechanism.descriptor.id }
    }

    /// One axiom to check for each mechanism (or the listed ones).
    public struct AxiomCheckSpec: Sendable {
        public var axiom: any FacilityAxiom
        public var space: SearchSpace
        /// Mechanism ids or labels to check; nil means all of the scenario's mechanisms.
        public var mechanisms: [String]?
        /// Expected verdict id per mechanism id or label.
        public var expectedVerdicts: [(String, String)]
        /// Expected witness shape per mechanism.
        public var expectedWitnesses: [(String, WitnessExpectation)]
    }

    /// One worst-case search.
    /// One automated design (`FacilityDesign`) and what it must give.
    ///
    /// ```yaml
    /// design:
    ///   - {agents: 3, grid: 4, axioms: [strategyproofness-in-expectation, anonymity], objective: max-cost,
    ///      expect: {status: optimal, optimum: "3/2", optimal: [lrm], checks: holds}}
    /// ```
    public struct DesignSpec: Sendable {
        public var request: FacilityDesign.Request
        /// `optimal` or `infeasible`.
        public var expectedStatus: String?
        /// The exact optimum as a fraction ("6/5").
        public var expectedOptimum: String?
        /// Registered mechanisms that must be among the compared ones and reach the optimum.
        public var expectedOptimal: [String]
        /// `holds`: every ordinary check of the designed mechanism holds on the grid.
        public var expectedChecks: String?
        /// Whether the optimal mechanism must be the only one (`unique: true|false`).
        public var expectedUnique: Bool?
        public var keyPath: String
    }

    public struct WorstCaseSpec: Sendable {
        public enum Subject: Sendable {
            case mechanism(any FacilityLocationMechanism)
            /// The best location the axiom allows on each profile (`PriceOfFairness`).
            case fairOptimum(PriceOfFairness.Bound)
        }
        public var subject: Subject
        public var objective: WorstCaseRatio.Objective
        public var agents: Int
        public var grid: Int
        public var expected: Double?
        public var tolerance: Double
        public var keyPath: String

        public var label: String {
            switch subject {
            case .mechanism(let m): m.label
            case .fairOptimum(let b): "best \(b.rawValue) mechanism"
            }
        }
    }

    /// What the reported witness must look like.
    public struct WitnessExpectation: Sendable {
        public var maximumAgents: Int?
        public var maximumDistinctLocations: Int?
        public var profile: [Double]?
        public var agent: Int?
        public var misreport: Double?
        public var gain: Double?
    }

    /// One expected value.
    public enum Expectation: Sendable {
        /// The mean of `metric` over the run (per agent for per-agent costs).
        case metric(mechanism: String, metric: FacilityMetric, agent: Int?, value: Double, tolerance: Double, keyPath: String)
        /// The exact value of `metric` on explicit profile `profile`.
        case profileMetric(mechanism: String, profile: Int, metric: FacilityMetric, agent: Int?, value: Double, tolerance: Double, keyPath: String)
        /// The exact lottery on explicit profile `profile`.
        case lottery(mechanism: String, profile: Int, lottery: [(Double, Double)], tolerance: Double, keyPath: String)
    }

    /// The default tolerance for values on explicit profiles, which are computed exactly up to
    /// floating-point rounding.
    public static let exactTolerance = 1e-9

    /// Reads and validates a scenario file; mechanism ids resolve in `registry`.
    public static func load(file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> Scenario {
        guard FileManager.default.fileExists(atPath: file) else {
            throw ScenarioError(file: file, keyPath: "", message: "no such file.", suggestion: "Check the path; scenario files live under scenarios/.")
        }
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ScenarioError(file: file, keyPath: "", message: "cannot be read as UTF-8 text (\(error.localizedDescription)).")
        }
        return try parse(text, file: file, registry: registry)
    }

    /// Parses scenario text; `file` names it in errors; mechanism ids resolve in `registry` (a
    /// library user's registry reaches its own mechanisms).
    public static func parse(_ text: String, file: String, registry: MechanismRegistry = .standard) throws(ScenarioError) -> Scenario {
        let root: Node?
        root = try YAMLDocument.compose(text, file: file, format: "YAML")
        guard let root else { throw ScenarioError(file: file, keyPath: "", message: "is empty.", suggestion: "See scenarios/quickstart.yaml for the format.") }
        return try ScenarioParser(file: file, source: text, registry: registry).parse(ScenarioNode(node: root, path: "", file: file))
    }
}
