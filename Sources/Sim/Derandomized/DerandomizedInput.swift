import Mechanisms
import Solvers

/// A derandomized mechanism with its reports, read from a file and seen without its report and
/// outcome types: what `mechsim audit` and the derandomized scenarios run. The file format of
/// mechanism, method, reports and instance is documented on `DerandomizedAudit`.
public struct DerandomizedInput: Sendable {
    /// The base mechanism id.
    public var id: String
    public var method: DerandomizationMethod
    public var agents: Int
    /// Recomputes the outcome of `moves` as the audit JSON object.
    public let audit: @Sendable ([[Int]]) throws(ScenarioError) -> JSONValue
    /// The exact uniform-play model, for studies.
    public let model: @Sendable () throws(ScenarioError) -> DerandomizedModel
    /// Judges a derandomized axiom exactly on these reports (`DerandomizedAxiomCheck`).
    public let check: @Sendable (DerandomizedAxiom) -> Verdict

    /// Reads the mechanism, method, reports and optional instance nodes. `utilities`, for the
    /// mechanisms that give each agent a candidate, item or school: one entry per agent, null
    /// (the Borda-like default) or a list of cardinal values, one per candidate.
    static func parse(mechanism: ScenarioNode, method methodNode: ScenarioNode, reports reportsNode: ScenarioNode,
                      instance: ScenarioNode?, utilities utilitiesNode: ScenarioNode? = nil, file: String) throws(ScenarioError) -> DerandomizedInput {
        var id = try mechanism.string()
        if id.hasPrefix("derandomized-") { id.removeFirst("derandomized-".count) }
        let known = DerandomizedAudit.mechanisms
        guard known.contains(id) else {
            throw mechanism.error("expected one of \(known.joined(separator: ", ")), got '\(id)'.",
                                  suggestion: closestMatch(to: id, in: known).map { "Did you mean '\($0)'?" })
        }
        let methodText = try methodNode.string()
        guard let method = DerandomizationMethod(rawValue: methodText) else {
            throw methodNode.error("expected one of game-first, game-last, game-interleaved, got '\(methodText)'.",
                                   suggestion: closestMatch(to: methodText, in: DerandomizationMethod.allCases.map(\.rawValue)).map { "Did you mean '\($0)'?" })
        }
        let reports = try reportsNode.array()
        if !["deferred-acceptance-lottery", "partition", "exact-dollar-partition"].contains(id), let extra = instance {
            throw extra.error("'instance' is only read for deferred-acceptance-lottery, partition and exact-dollar-partition.")
        }
        let ranked = ["random-dictator", "random-serial-dictator", "random-priority", "probabilistic-serial", "deferred-acceptance-lottery"]
        if !ranked.contains(id), let extra = utilitiesNode {
            throw extra.error("'utilities' is only read for \(ranked.joined(separator: ", ")).")
        }
        let cardinal = try utilitiesNode.map { (n: ScenarioNode) throws(ScenarioError) in try Utilities.cardinal(n, agents: reports.count) }
            ?? Array(repeating: nil, count: reports.count)
        // Agent i's utility of `item` under its ranking `classes`: its cardinal value when given.
        let value: @Sendable (Int, [[Int]], Int) -> Rational = { i, classes, item in
            if let u = cardinal[i], u.indices.contains(item) { return u[item] }
            return Utilities.borda(classes, item)
        }
        let make = Maker(file: file, id: id, method: method)
        switch id {
        case "random-dictator":
            let r = try reports.map(DerandomizedAudit.ints)
            return make(RandomDictator(), r, { .integer($0) }) { i, w in value(i, r[i].map { [$0] }, w) }
        case "random-serial-dictator":
            let r = try reports.map(DerandomizedAudit.weakRanking)
            return make(RandomSerialDictator(), r, { .integer($0) }) { i, w in value(i, r[i], w) }
        case "random-rank", "lrm":
            let base: any FacilityLocationMechanism = id == "lrm" ? LeftRightMiddle() : RandomRank()
            var x: [Double] = []
            for r in reports { x.append(try r.double()) }
            let truth = x
            return make(FacilityMixture(base), x, { .number($0) }) { i, y in
                -(try Rational(roundTripping: y).subtracting(try Rational(roundTripping: truth[i]))).magnitude
            }
        case "random-priority", "probabilistic-serial":
            let r = try reports.map(DerandomizedAudit.ints)
            let u: @Sendable (Int, [Int]) throws -> Rational = { i, a in value(i, r[i].map { [$0] }, a[i]) }
            return id == "random-priority" ? make(RandomPriority(), r, DerandomizedAudit.assignment, u)
                : make(ProbabilisticSerial(), r, DerandomizedAudit.assignment, u)
        case "deferred-acceptance-lottery":
            let schools = try instance.map(DerandomizedAudit.schoolInstance)
            let r = try reports.map(DerandomizedAudit.ints)
            return make(DeferredAcceptanceLottery(instance: schools), r, DerandomizedAudit.assignment) { i, a in
                value(i, r[i].map { [$0] }, a[i])
            }
        case "randomized-nisan-ronen":
            var times: [[Rational]] = []
            for r in reports { times.append(try DerandomizedAudit.rationals(r)) }
            let truth = times
            return make(RandomizedNisanRonen(), times, { o in
                .object([("allocation", .array(o.allocation.map { .integer($0) })),
                         ("payments", .array(o.payments.map { .string($0.description) })),
                         ("payments_decimal", .array(o.payments.map { .number($0.doubleValue) }))])
            }) { i, o in
                var u = o.payments[i]
                for (j, machine) in o.allocation.enumerated() where machine == i { u = try u.subtracting(truth[i][j]) }
                return u
            }
        default:  // partition, exact-dollar-partition
            // Without an instance, k and l take the base mechanism's descriptor defaults.
            let base = id == "exact-dollar-partition" ? ExactDollarPartition.descriptor : PartitionMechanism.descriptor
            var k = base.defaultInteger("k"), l = base.defaultInteger("l")
            if let inst = instance {
                let m = try inst.mapping(allowed: ["k", "l"])
                k = try m["k"]?.int(minimum: 1) ?? k
                l = try m["l"]?.int(minimum: 1) ?? l
            }
            var rows: [[Double]] = []
            for r in reports { rows.append(try r.doubles()) }
            let json: @Sendable ([Int]) -> JSONValue = { .array($0.map { .integer($0) }) }
            let selected: @Sendable (Int, [Int]) throws -> Rational = { i, s in s.contains(i) ? .one : .zero }
            do {
                if id == "exact-dollar-partition" { return make(try ExactDollarPartition(k: k, clusters: l), rows, json, selected) }
                return make(try PartitionMechanism(k: k, clusters: l), rows, json, selected)
            } catch {
                throw (instance ?? mechanism).error("expected valid k and l (\(error.description))")
            }
        }
    }

    /// Builds the erased input of one base mechanism.
    struct Maker {
        let file: String
        let id: String
        let method: DerandomizationMethod

        func callAsFunction<M: UniformMixtureMechanism>(
            _ base: M, _ reports: [M.Report], _ outcome: @escaping @Sendable (M.Outcome) -> JSONValue,
            _ utility: @escaping @Sendable (Int, M.Outcome) throws -> Rational
        ) -> DerandomizedInput {
            let (file, id, method) = (file, id, method)
            let dr = Derandomizer(base, method: method)
            let audit: @Sendable ([[Int]]) throws(ScenarioError) -> JSONValue = { moves throws(ScenarioError) in
                let play = try Self.wrap(file) { () throws(DerandomizationError) in try dr.play(reports, moves: moves) }
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
            let model: @Sendable () throws(ScenarioError) -> DerandomizedModel = { () throws(ScenarioError) in
                let moduli = try Self.wrap(file) { () throws(DerandomizationError) in try dr.moveModuli(for: reports) }
                let layout = try Self.wrap(file) { () throws(DerandomizationError) in try dr.slotLayout(for: reports) }
                let lottery = SlotLottery(slots: layout)
                let support = lottery.support
                var index: [M.Outcome: Int] = [:]
                for (k, o) in support.enumerated() { index[o] = k }
                var utilities: [[Rational]] = []
                do {
                    for i in reports.indices { utilities.append(try support.map { try utility(i, $0) }) }
                } catch {
                    throw ScenarioError(file: file, keyPath: "reports", message: "utilities could not be computed exactly (\(error)).")
                }
                let lookup = index
                return DerandomizedModel(
                    moveModuli: moduli, slotOutcome: layout.map { index[$0] ?? 0 }, support: support.map(outcome),
                    probabilities: support.map { lottery.probability(of: $0) }, utilities: utilities,
                    outcomeIndex: { moves throws(ScenarioError) in
                        let o = try Self.wrap(file) { () throws(DerandomizationError) in try dr.outcome(reports, moves: moves) }
                        return lookup[o] ?? -1
                    })
            }
            let check: @Sendable (DerandomizedAxiom) -> Verdict = { axiom in
                DerandomizedAxiomCheck.verdict(axiom, dr, reports: reports, outcome: outcome, utility: utility)
            }
            return DerandomizedInput(id: id, method: method, agents: reports.count, audit: audit, model: model, check: check)
        }

        static func wrap<T>(_ file: String, _ body: () throws(DerandomizationError) -> T) throws(ScenarioError) -> T {
            do { return try body() } catch {
                switch error {
                case .invalidInput(let path, let expected): throw ScenarioError(file: file, keyPath: path, message: "expected \(expected).")
                default: throw ScenarioError(file: file, keyPath: "method", message: error.description)
                }
            }
        }
    }
}

/// The exact uniform-play model of a derandomized mechanism on fixed reports: the move moduli,
/// the outcome of every slot, the lottery and every agent's utility of every outcome.
public struct DerandomizedModel: Sendable {
    public var moveModuli: [Int]
    /// Slot (mixed-radix seed) -> index into `support`.
    public var slotOutcome: [Int]
    public var support: [JSONValue]
    /// Exact uniform-play probabilities of `support`.
    public var probabilities: [Rational]
    /// `utilities[i][k]`: agent i's utility of outcome k (the domain's default utility).
    public var utilities: [[Rational]]
    /// The outcome index of `moves` recomputed through `Derandomizer.play` (cross-check).
    public let outcomeIndex: @Sendable ([[Int]]) throws(ScenarioError) -> Int
}

/// The default cardinal utilities of the studies (docs/reconstructions.md#derandomized-utilities): Borda-like for rankings (c−1 for
/// the best class, minus the number of strictly better candidates), −distance for locations,
/// payment − true time for tasks, 1/0 for being selected.
enum Utilities {
    /// `(c − 1) − |candidates strictly preferred to item|` under the weak ranking `classes`;
    /// −1 when unranked (unassigned).
    static func borda(_ classes: [[Int]], _ item: Int) -> Rational {
        let c = classes.reduce(0) { $0 + $1.count }
        var better = 0
        for cls in classes {
            if cls.contains(item) { return Rational(c - 1 - better) }
            better += cls.count
        }
        return Rational(-1)
    }

    /// `[[u_0(0), u_0(1), ...] or null, ...]`: one entry per agent, numbers or "p/q" fractions.
    static func cardinal(_ node: ScenarioNode, agents n: Int) throws(ScenarioError) -> [[Rational]?] {
        let rows = try node.array()
        guard rows.count == n else { throw node.error("expected one entry per agent (\(n)), got \(rows.count).") }
        var out: [[Rational]?] = []
        for row in rows {
            if row.isScalar, let text = row.node.string, ["null", "~", "Null", "NULL"].contains(text) {
                out.append(nil)
            } else {
                out.append(try DerandomizedAudit.rationals(row))
            }
        }
        return out
    }
}
