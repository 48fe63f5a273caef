import Mechanisms
import Solvers
import Yams

/// `mechsim audit`: recomputes a derandomized mechanism's outcome from the submitted reports and
/// moves (Walsh 2024: the outcome is deterministic and auditable).
///
/// ```json
/// {"mechanism": ID, "method": "game-first" | "game-last" | "game-interleaved",
///  "reports": [...], "moves": [[g, ...], ...],      // one list of moves per agent
///  "instance": {...}}                               // optional, see below
/// ```
/// Reports by mechanism (ID may also be `derandomized-<ID>`):
/// - `random-dictator`: strict rankings, 0-based candidates, best first;
/// - `random-serial-dictator`: rankings whose items are candidates or lists of tied candidates;
/// - `random-rank`, `lrm`: locations in [0, 1];
/// - `random-priority`, `probabilistic-serial`: rankings of the items 0..n-1 (n agents);
/// - `deferred-acceptance-lottery`: each student's ranking of schools; optional
///   `"instance": {"capacities": [...], "priorities": [[[students], ...], ...]}` (default: one
///   seat per school, no priorities);
/// - `randomized-nisan-ronen`: two machines' task times (numbers or "p/q" strings);
/// - `partition`, `exact-dollar-partition`: score rows (own entry ignored); optional
///   `"instance": {"k": 2, "l": 2}`.
/// Output: one JSON object with `seed` (game first: the sum of moves mod m), `seed_count`,
/// `move_moduli`, `step_choices`, `outcome` and, for the dictator rules, `dictator`.
public enum DerandomizedAudit {
    static let keys = ["mechanism", "method", "reports", "moves", "instance"]

    /// The base mechanisms `mechsim audit` knows, sorted.
    public static let mechanisms = [
        "deferred-acceptance-lottery", "exact-dollar-partition", "lrm", "partition", "probabilistic-serial", "random-dictator", "random-priority",
        "random-rank", "random-serial-dictator", "randomized-nisan-ronen",
    ]

    /// Reads `path` and recomputes the outcome.
    public static func run(path: String) throws(ScenarioError) -> JSONValue {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ScenarioError(file: path, keyPath: "", message: "cannot be read (\(error.localizedDescription)).",
                                suggestion: "Check the path; the file holds one JSON object.")
        }
        return try run(text: text, file: path)
    }

    /// Recomputes the outcome of the audit file `text` (`file` names it in errors).
    public static func run(text: String, file: String) throws(ScenarioError) -> JSONValue {
        let root: Node?
        root = try YAMLDocument.compose(text, file: file, format: "JSON")
        guard let root else {
            throw ScenarioError(file: file, keyPath: "", message: "is empty.", suggestion: "It must hold one JSON object with mechanism, method, reports and moves.")
        }
        let node = ScenarioNode(node: root, path: "", file: file)
        let top = try node.mapping(allowed: keys, required: ["mechanism", "method", "reports", "moves"])
        let moves = try parseMoves(top["moves"]!)
        let input = try DerandomizedInput.parse(mechanism: top["mechanism"]!, method: top["method"]!, reports: top["reports"]!,
                                                instance: top["instance"], file: file)
        return try input.audit(moves)
    }

    /// One list of whole-number moves per agent.
    static func parseMoves(_ node: ScenarioNode) throws(ScenarioError) -> [[Int]] {
        var moves: [[Int]] = []
        for agent in try node.array() {
            var list: [Int] = []
            for g in try agent.array() { list.append(try g.int()) }
            moves.append(list)
        }
        return moves
    }

    static func assignment(_ a: [Int]) -> JSONValue { .array(a.map { $0 < 0 ? .null : .integer($0) }) }

    static func ints(_ node: ScenarioNode) throws(ScenarioError) -> [Int] {
        var out: [Int] = []
        for x in try node.array() { out.append(try x.int()) }
        return out
    }

    static func weakRanking(_ node: ScenarioNode) throws(ScenarioError) -> [[Int]] {
        var out: [[Int]] = []
        for x in try node.array() { out.append(x.isScalar ? [try x.int()] : try ints(x)) }
        return out
    }

    static func rationals(_ node: ScenarioNode) throws(ScenarioError) -> [Rational] {
        var out: [Rational] = []
        for x in try node.array() {
            let text = try x.string()
            let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, let p = Int(parts[0]), let q = Int(parts[1]), q != 0 {
                out.append(Rational(p, q))
            } else if let v = Double(text), v.isFinite, let r = try? Rational(roundTripping: v) {
                out.append(r)
            } else {
                throw x.error("expected a number or a fraction \"p/q\", got '\(text)'.")
            }
        }
        return out
    }

    static func schoolInstance(_ node: ScenarioNode) throws(ScenarioError) -> SchoolChoiceInstance {
        let m = try node.mapping(allowed: ["capacities", "priorities"], required: ["capacities"])
        let capacities = try ints(m["capacities"]!)
        var priorities: [[[Int]]] = []
        if let p = m["priorities"] {
            for school in try p.array() {
                var classes: [[Int]] = []
                for c in try school.array() { classes.append(try ints(c)) }
                priorities.append(classes)
            }
        }
        return SchoolChoiceInstance(capacities: capacities, priorityClasses: priorities)
    }
}
