import Foundation
import Mechanisms
import Solvers
import Yams

/// The derandomized axioms (`DerandomizedAxiom`) judged exactly on one instance: the reports of
/// a file, or a small default instance per base mechanism (the worked instances V-1 ... R-4).
///
/// Deviation sets (what a misreport may be), by report type:
/// - strict rankings: every permutation of the agent's ranked items;
/// - weak rankings: every weak order of the agent's items (13 for three candidates);
/// - locations: the grid {0, 0.1, ..., 1}, the reports and every midpoint of a report and a
///   grid point or another report;
/// - task times: each entry in {1/2, 1, 4/3, 2, 3} or the true time;
/// - score rows: the agent's own entry 0, the others in {0, 5, 10}.
/// Utilities are the domain defaults of `DerandomizedInput` (Borda-like for rankings, minus the
/// distance for locations, payment minus true time for tasks, 1/0 for being selected), or, for
/// the mechanisms that give each agent a candidate, item or school, cardinal values from the
/// file's `"utilities": [[u(0), u(1), ...] or null, ...]`.
///
/// Verdicts are exact (rational arithmetic) and cover their space completely, so a clean check
/// says `holds` over that space; the move game of quasi-strategyproofness and of the uniform-play
/// equilibrium takes one move per agent (game first or game last).
public enum DerandomizedAxiomCheck {
    /// The file keys of `mechsim check derandomized-ID --instance FILE.json`.
    static let keys = ["reports", "instance", "utilities", "description"]

    /// The default instance of each base mechanism (the worked instances V-1 ... R-4), as JSON text:
    /// reports, and optionally the instance and cardinal utilities. Probabilistic serial's is
    /// R-4, where agent 0 values the items (10, 9, 0): the exception to quasi-strategyproofness.
    public static let defaultInstances: [String: (reports: String, instance: String?, utilities: String?)] = [
        "random-dictator": ("[[0, 1, 2], [1, 2, 0], [2, 0, 1]]", nil, nil),
        "random-serial-dictator": ("[[[0, 1], 2], [2, 1, 0], [1, 0, 2]]", nil, nil),
        "random-rank": ("[0.1, 0.4, 0.9]", nil, nil),
        "lrm": ("[0.1, 0.4, 0.9]", nil, nil),
        "random-priority": ("[[0, 1, 2], [0, 2, 1], [1, 0, 2]]", nil, nil),
        "probabilistic-serial": ("[[0, 1, 2], [0, 1, 2], [1, 2, 0]]", nil, "[[10, 9, 0], null, null]"),
        "deferred-acceptance-lottery": ("[[0, 1, 2], [0, 2, 1], [1, 0, 2], [0, 1, 2]]",
                                        "{\"capacities\": [1, 1, 2], \"priorities\": [[[3], [0, 1, 2]], [], []]}", nil),
        "randomized-nisan-ronen": ("[[\"1\", \"4/3\"], [\"4/3\", \"1\"]]", nil, nil),
        "partition": ("[[0, 8, 3, 5], [6, 0, 9, 2], [7, 4, 0, 1], [9, 5, 7, 0]]", nil, nil),
        "exact-dollar-partition": ("[[0, 8, 3, 5], [6, 0, 9, 2], [7, 4, 0, 1], [9, 5, 7, 0]]", nil, nil),
    ]

    /// Reads the reports of `path` (or the default instance of `base` when `path` is nil) for
    /// the derandomized `base` mechanism with `method`.
    public static func input(base: String, method: DerandomizationMethod, path: String?) throws(ScenarioError) -> DerandomizedInput {
        let file = path ?? "the default \(base) instance"
        let reportsNode: ScenarioNode, instanceNode: ScenarioNode?, utilitiesNode: ScenarioNode?
        if let path {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw ScenarioError(file: path, keyPath: "", message: "cannot be read (\(error.localizedDescription)).",
                                    suggestion: "Check the path; the file holds one JSON object with \"reports\" (and \"instance\").")
            }
            let root = try node(text, file: path)
            let top = try root.mapping(allowed: keys, required: ["reports"])
            reportsNode = top["reports"]!
            instanceNode = top["instance"]
            utilitiesNode = top["utilities"]
        } else {
            guard let d = defaultInstances[base] else {
                throw ScenarioError(file: file, keyPath: "", message: "there is no default instance for '\(base)'.",
                                    suggestion: "Give --instance FILE.json with \"reports\".")
            }
            reportsNode = try node(d.reports, file: file)
            instanceNode = try d.instance.map { (t: String) throws(ScenarioError) in try node(t, file: file) }
            utilitiesNode = try d.utilities.map { (t: String) throws(ScenarioError) in try node(t, file: file) }
        }
        return try DerandomizedInput.parse(mechanism: ScenarioNode(node: Node(base), path: "mechanism", file: file),
                                           method: ScenarioNode(node: Node(method.rawValue), path: "method", file: file),
                                           reports: reportsNode, instance: instanceNode, utilities: utilitiesNode, file: file)
    }

    static func node(_ text: String, file: String) throws(ScenarioError) -> ScenarioNode {
        let root: Node?
        root = try YAMLDocument.compose(text, file: file, format: "JSON")
        guard let root else { throw ScenarioError(file: file, keyPath: "", message: "is empty.") }
        return ScenarioNode(node: root, path: "", file: file)
    }

    /// Judges `axiom` on `reports` exactly.
    static func verdict<M: UniformMixtureMechanism>(
        _ axiom: DerandomizedAxiom, _ dr: Derandomizer<M>, reports: [M.Report], outcome: (M.Outcome) -> JSONValue,
        utility: (Int, M.Outcome) throws -> Rational
    ) -> Verdict {
        let n = reports.count
        let at = "the reports \(JSONValue.array(reports.map(reportJSON)).rendered()), \(dr.method.rawValue)"
        do {
            switch axiom {
            case .quasiStrategyproofness:
                let r = try DerandomizedChecks.quasiStrategyproofness(dr, truth: reports, deviations: { deviations(reports, agent: $0) }, utility: utility)
                let sizes = (0..<n).map { i in deviations(reports, agent: i).filter { $0 != reports[i] }.count }
                return r.verdict(space: CheckedSpace("\(at): every agent, every misreport of its deviation set (\(sizes.map(String.init).joined(separator: ", ")) per agent) with every move, the others sincere and uniform",
                                                     count: r.deviationsChecked, exhaustive: true),
                                 report: reportJSON)
            case .uniformPlayEquilibrium:
                let game = try MoveGame(dr, reports: reports, utility: utility)
                let m = game.modulus
                let uniform = Array(repeating: MoveGame.uniform(m), count: n)
                let space = CheckedSpace("\(at): every move of every agent (mod \(m)) against uniform play", count: n * m, exhaustive: true)
                let regrets = try game.regrets(uniform)
                guard let worst = regrets.indices.max(by: { regrets[$0] < regrets[$1] }), regrets[worst] > .zero else {
                    return .holds(space: space, arithmetic: .exact)
                }
                let values = try game.moveValues(uniform, agent: worst)
                let best = values.indices.max { values[$0] < values[$1] } ?? 0
                return .violated(.derandomized(.profitableMove(agent: worst, move: best, uniformValue: try game.value(uniform, agent: worst),
                                                               moveValue: values[best])),
                                 space: space, arithmetic: .exact)
            case .moveResponsiveness:
                let layout = try dr.slotLayout(for: reports)
                let m = layout.count
                let space = CheckedSpace("\(at): every agent against every vector of the others' moves mod \(m) (one per total past 2,000: the outcome depends on the sum)",
                                         count: n * Int(min(pow(Double(m), Double(n - 1)), 2_000)), exhaustive: true)
                let r = try DerandomizedChecks.moveResponsiveness(dr, reports: reports)
                guard r.applies else {
                    return .inconclusive(reason: "the outcome does not depend on the seed at these reports, so move-responsiveness does not apply", space: space)
                }
                if let f = r.failure {
                    return .violated(.derandomized(.unresponsiveAgent(agent: f.agent, others: f.others)), space: space, arithmetic: .exact)
                }
                return .holds(space: space, arithmetic: .exact)
            case .lotteryEquivalence:
                let original = try dr.base.lottery(for: reports)
                let methods = DerandomizationMethod.allCases.filter { $0 != .gameFirst || dr.base.seedSpaceIsReportIndependent }
                let space = CheckedSpace("\(at): the uniform-play lottery of every method that applies (\(methods.map(\.rawValue).joined(separator: ", "))) against the original lottery, by playing every move vector (up to \(playedVectorLimit) of them; by Lemma U past that)",
                                         count: methods.count, exhaustive: true)
                for method in methods {
                    let lottery = try playedLottery(Derandomizer(dr.base, method: method), reports: reports)
                    if lottery.isEquivalent(to: original) { continue }
                    let outcomes = lottery.support + original.support.filter { !lottery.support.contains($0) }
                    for o in outcomes where lottery.probability(of: o) != original.probability(of: o) {
                        return .violated(.derandomized(.lotteryMismatch(method: method.rawValue, outcome: outcome(o),
                                                                        derandomized: lottery.probability(of: o), original: original.probability(of: o))),
                                         space: space, arithmetic: .exact)
                    }
                }
                return .holds(space: space, arithmetic: .exact)
            }
        } catch {
            return .inconclusive(reason: "\(error)", space: CheckedSpace(at, exhaustive: false))
        }
    }

    /// The most move vectors `playedLottery` plays one by one.
    static let playedVectorLimit = 50_000

    /// The outcome lottery of uniform play, found by playing every move vector through the
    /// mechanism (`Derandomizer.outcome`: the sum, the modulus, the seed decoding and the
    /// component the seed names), each vector once; past `playedVectorLimit` vectors, the slot
    /// layout with equal weights (Lemma U, `uniformPlayLottery`).
    static func playedLottery<M: UniformMixtureMechanism>(_ dr: Derandomizer<M>, reports: [M.Report]) throws -> SlotLottery<M.Outcome> {
        let moduli = try dr.moveModuli(for: reports)
        let perAgent = try SeedEncoding.product(moduli)
        let n = reports.count
        var total = 1
        for _ in 0..<n {
            let (p, overflow) = total.multipliedReportingOverflow(by: perAgent)
            guard !overflow, p <= playedVectorLimit else { return try dr.uniformPlayLottery(for: reports) }
            total = p
        }
        var counts: [M.Outcome: Int] = [:]
        var order: [M.Outcome] = []
        for code in 0..<total {
            var rest = code
            var moves: [[Int]] = []
            moves.reserveCapacity(n)
            for _ in 0..<n {
                moves.append(SeedEncoding.choices(slot: rest % perAgent, moduli: moduli))
                rest /= perAgent
            }
            let o = try dr.outcome(reports, moves: moves)
            if counts[o] == nil { order.append(o) }
            counts[o, default: 0] += 1
        }
        return SlotLottery(counts: order.map { ($0, counts[$0] ?? 0) })
    }

    /// The misreports agent i may make (see the type's comment), by report type.
    static func deviations<R>(_ truth: [R], agent i: Int) -> [R] {
        if let t = truth as? [[Int]] {
            return (permutations(t[i].sorted()) as? [R]) ?? []
        }
        if let t = truth as? [[[Int]]] {
            return (weakOrders(t[i].flatMap { $0 }.sorted()) as? [R]) ?? []
        }
        if let t = truth as? [Double] {
            let grid = (0...10).map { Double($0) / 10 }
            var all = Set(grid + t)
            for a in grid + t { for b in t { all.insert((a + b) / 2) } }
            return (all.sorted() as? [R]) ?? []
        }
        if let t = truth as? [[Double]] {
            var rows: [[Double]] = [[]]
            for j in t[i].indices { rows = rows.flatMap { r in j == i ? [r + [0]] : [0.0, 5, 10].map { r + [$0] } } }
            return (rows as? [R]) ?? []
        }
        if let t = truth as? [[Rational]] {
            let grid = [Rational(1, 2), Rational(1), Rational(4, 3), Rational(2), Rational(3)]
            var rows: [[Rational]] = [[]]
            for own in t[i] {
                let values = grid.contains(own) ? grid : grid + [own]
                rows = rows.flatMap { r in values.map { r + [$0] } }
            }
            return (rows as? [R]) ?? []
        }
        return []
    }

    /// A report as JSON, as written in the instance file.
    static func reportJSON<R>(_ r: R) -> JSONValue {
        switch r {
        case let x as Double: return .number(x)
        case let x as [Int]: return .array(x.map { .integer($0) })
        case let x as [[Int]]: return .array(x.map { $0.count == 1 ? .integer($0[0]) : .array($0.map { .integer($0) }) })
        case let x as [Double]: return .numbers(x)
        case let x as [Rational]: return .array(x.map { .string($0.description) })
        default: return .string("\(r)")
        }
    }

    static func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { k in
            var rest = items
            let first = rest.remove(at: k)
            return permutations(rest).map { [first] + $0 }
        }
    }

    /// Every weak order of `items` (ordered set partitions), best class first.
    static func weakOrders(_ items: [Int]) -> [[[Int]]] {
        guard !items.isEmpty else { return [[]] }
        var out: [[[Int]]] = []
        // Choose the top class: every non-empty subset, then order the rest.
        let n = items.count
        for mask in 1..<(1 << n) {
            let top = (0..<n).filter { mask & (1 << $0) != 0 }.map { items[$0] }
            let rest = (0..<n).filter { mask & (1 << $0) == 0 }.map { items[$0] }
            for tail in weakOrders(rest) { out.append([top] + tail) }
        }
        return out
    }
}
