import Mechanisms
import Solvers
import Yams

/// `mechsim audit`: recomputes a derandomized mechanism's outcome from the submitted reports and
/// moves (spec `derandomized.md` §1.1: the outcome is deterministic and auditable).
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
/// - `partition`: score rows (own entry ignored); optional `"instance": {"k": 2, "l": 2}`.
/// Output: one JSON object with `seed` (game first: the sum of moves mod m), `seed_count`,
/// `move_moduli`, `step_choices`, `outcome` and, for the dictator rules, `dictator`.
public enum DerandomizedAudit {
    static let keys = ["mechanism", "method", "reports", "moves", "instance"]

    /// The base mechanisms `mechsim audit` knows, sorted.
    public static let mechanisms = [
        "deferred-acceptance-lottery", "lrm", "partition", "probabilistic-serial", "random-dictator", "random-priority",
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
        do { root = try Yams.compose(yaml: text) } catch {
            throw ScenarioError(file: file, keyPath: "", message: "is not valid JSON: \(error)")
        }
        guard let root else {
            throw ScenarioError(file: file, keyPath: "", message: "is empty.", suggestion: "It must hold one JSON object with mechanism, method, reports and moves.")
        }
        let node = ScenarioNode(node: root, path: "", file: file)
        let top = try node.mapping(allowed: keys, required: ["mechanism", "method", "reports", "moves"])
        var id = try top["mechanism"]!.string()
        if id.hasPrefix("derandomized-") { id.removeFirst("derandomized-".count) }
        guard mechanisms.contains(id) else {
            throw top["mechanism"]!.error("expected one of \(mechanisms.joined(separator: ", ")), got '\(id)'.",
                                          suggestion: closestMatch(to: id, in: mechanisms).map { "Did you mean '\($0)'?" })
        }
        let methodText = try top["method"]!.string()
        guard let method = DerandomizationMethod(rawValue: methodText) else {
            throw top["method"]!.error("expected one of game-first, game-last, game-interleaved, got '\(methodText)'.",
                                       suggestion: closestMatch(to: methodText, in: DerandomizationMethod.allCases.map(\.rawValue)).map { "Did you mean '\($0)'?" })
        }
        var moves: [[Int]] = []
        for agent in try top["moves"]!.array() {
            var list: [Int] = []
            for g in try agent.array() { list.append(try g.int()) }
            moves.append(list)
        }
        let reports = try top["reports"]!.array()
        if id != "deferred-acceptance-lottery" && id != "partition", let extra = top["instance"] {
            throw extra.error("'instance' is only read for deferred-acceptance-lottery and partition.")
        }
        let context = Context(file: file, id: id, method: method, moves: moves)
        switch id {
        case "random-dictator":
            return try context.audit(RandomDictator(), try reports.map(ints)) { .integer($0) }
        case "random-serial-dictator":
            return try context.audit(RandomSerialDictator(), try reports.map(weakRanking)) { .integer($0) }
        case "random-rank", "lrm":
            let base: any FacilityLocationMechanism = id == "lrm" ? LeftRightMiddle() : RandomRank()
            var x: [Double] = []
            for r in reports { x.append(try r.double()) }
            return try context.audit(FacilityMixture(base), x) { .number($0) }
        case "random-priority":
            return try context.audit(RandomPriority(), try reports.map(ints), outcome: assignment)
        case "probabilistic-serial":
            return try context.audit(ProbabilisticSerial(), try reports.map(ints), outcome: assignment)
        case "deferred-acceptance-lottery":
            let instance = try top["instance"].map(schoolInstance)
            return try context.audit(DeferredAcceptanceLottery(instance: instance), try reports.map(ints), outcome: assignment)
        case "randomized-nisan-ronen":
            var times: [[Rational]] = []
            for r in reports { times.append(try rationals(r)) }
            return try context.audit(RandomizedNisanRonen(), times) { o in
                .object([("allocation", .array(o.allocation.map { .integer($0) })),
                         ("payments", .array(o.payments.map { .string($0.description) })),
                         ("payments_decimal", .array(o.payments.map { .number($0.doubleValue) }))])
            }
        default:  // partition
            var k = 2, l = 2
            if let inst = top["instance"] {
                let m = try inst.mapping(allowed: ["k", "l"])
                k = try m["k"]?.int(minimum: 1) ?? 2
                l = try m["l"]?.int(minimum: 1) ?? 2
            }
            let base: PartitionMechanism
            do { base = try PartitionMechanism(k: k, clusters: l) } catch {
                throw (top["instance"] ?? node).error("expected k a positive multiple of l (\(error.description))")
            }
            var rows: [[Double]] = []
            for r in reports { rows.append(try r.doubles()) }
            return try context.audit(base, rows) { .array($0.map { .integer($0) }) }
        }
    }

    struct Context {
        let file: String
        let id: String
        let method: DerandomizationMethod
        let moves: [[Int]]

        func audit<M: UniformMixtureMechanism>(_ base: M, _ reports: [M.Report], outcome: (M.Outcome) -> JSONValue) throws(ScenarioError) -> JSONValue {
            let play: DerandomizedPlay<M.Outcome>
            do { play = try Derandomizer(base, method: method).play(reports, moves: moves) } catch {
                switch error {
                case .invalidInput(let path, let expected):
                    throw ScenarioError(file: file, keyPath: path, message: "expected \(expected).")
                default:
                    throw ScenarioError(file: file, keyPath: "method", message: error.description)
                }
            }
            var fields: [(String, JSONValue)] = [
                ("mechanism", .string(id)), ("method", .string(method.rawValue)), ("agents", .integer(reports.count)),
                ("move_moduli", .array(play.moveModuli.map { .integer($0) })),
                ("step_choices", .array(play.stepChoices.map { .integer($0) })),
                ("seed", .integer(play.seed)), ("seed_count", .integer(play.seedCount)),
            ]
            if method != .gameLast {
                if id == "random-dictator" { fields.append(("dictator", .integer(play.seed))) }
                if ["random-serial-dictator", "random-priority", "deferred-acceptance-lottery"].contains(id) {
                    let order = SeedEncoding.permutation(rank: play.seed, count: reports.count)
                    fields.append(("order", .array(order.map { .integer($0) })))
                }
            }
            fields.append(("outcome", outcome(play.outcome)))
            return .object(fields)
        }
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
