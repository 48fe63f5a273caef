import Mechanisms
import Solvers

/// The one JSON encoder of verdicts and witnesses. These shapes are a contract with outside
/// tools: add fields, never rename or drop one. The facility witness keeps the shape of
/// `FacilityJSON.witness`.
extension Verdict {
    /// `"holds"`, `"violated"`, `"no-violation-found"` or `"inconclusive"`.
    public var jsonID: JSONValue { .string(id) }

    /// The witness object, or null.
    public var witnessJSON: JSONValue { witness?.json ?? .null }

    /// `{"kind": "exact"}` or `{"kind": "floating-point", "tolerance": t}`, or null when the
    /// verdict states no arithmetic.
    public var arithmeticJSON: JSONValue { arithmetic?.json ?? .null }
}

extension Arithmetic {
    public var json: JSONValue {
        switch self {
        case .exact: .object([("kind", .string(id))])
        case .floatingPoint(let t): .object([("kind", .string(id)), ("tolerance", .number(t))])
        }
    }
}

extension CheckedSpace {
    /// `{"description", "count" (null when not countable), "exhaustive"}`.
    public var json: JSONValue {
        .object([("description", .string(description)), ("count", count.map { .integer($0) } ?? .null),
                 ("exhaustive", .bool(exhaustive))])
    }
}

extension Witness {
    /// The witness as a JSON object with a `kind` naming its type (facility witnesses keep
    /// their established shape, without `kind`).
    public var json: JSONValue {
        switch self {
        case .facility(let w): return FacilityJSON.witness(w)
        case .auction(let w):
            return .object([
                ("kind", .string("auction")), ("axiom", .string(w.axiom)), ("mechanism", .string(w.mechanism)),
                ("user_model", .string(w.instance.userModel.id)), ("ctr", .array(w.instance.ctr.map(JSONValue.numbers))),
                ("cap", .integer(w.instance.cap)), ("values", .numbers(w.values)),
                ("advertiser", w.advertiser >= 0 ? .integer(w.advertiser) : .null),
                ("misreport", w.misreport.map { .number($0) } ?? .null),
                ("required", .number(w.required)), ("found", .number(w.found)), ("explanation", .string(w.detail)),
            ])
        case .informationAcquisition(let w): return w.json
        case .derandomized(let w): return w.json
        case .voting(let w): return w.json
        case .bandit(let w):
            // The fields of the strategic-bandit check's witness (arm 1-based), plus epsilon.
            return .object([
                ("kind", .string("bandit-deviation")), ("arm", .integer(w.deviation.arm + 1)),
                ("deviation", .numbers(w.deviation.deviation)), ("gain", .number(w.deviation.gain)),
                ("lower", .number(w.deviation.lower)), ("upper", .number(w.deviation.upper)),
                ("epsilon", .number(w.epsilon)), ("horizon", .integer(w.horizon)),
            ])
        case .counterexample(_, let detail):
            return .object([("kind", .string("counterexample")), ("explanation", .string(detail))])
        }
    }

    /// One sentence saying what goes wrong.
    public var explanation: String {
        switch self {
        case .facility(let w): return w.explanation
        case .auction(let w):
            let at = "values \(w.values.map(NumberFormatting.short).joined(separator: ", "))"
            let who = w.advertiser >= 0 ? "advertiser \(w.advertiser) at \(at)" : at
            return "\(w.mechanism) violates \(w.axiom): \(who)\(w.misreport.map { ", report \(NumberFormatting.short($0))" } ?? ""): \(w.detail)"
        case .informationAcquisition(let w): return w.explanation
        case .derandomized(let w): return w.explanation
        case .voting(let w): return w.explanation
        case .bandit(let w):
            let d = w.deviation
            return "arm \(d.arm + 1) deviating to \(d.deviation.map(NumberFormatting.short).joined(separator: ", ")) gains \(NumberFormatting.short(d.gain)) [\(NumberFormatting.short(d.lower)), \(NumberFormatting.short(d.upper))], above epsilon \(NumberFormatting.short(w.epsilon)) at T = \(w.horizon)"
        case .counterexample(_, let detail): return detail
        }
    }
}

extension InformationAcquisitionWitness {
    var json: JSONValue {
        switch self {
        case .hiringDeviation(let d):
            return .object([
                ("kind", .string("hiring-deviation")), ("agent", .integer(d.agent)), ("recommended", .integer(d.recommended)),
                ("effort", .integer(d.effort)), ("reporting_map", .array(d.reportingMap.map { .integer($0) })), ("gain", .number(d.gain)),
            ])
        case .senderDeviation(let d):
            return .object([
                ("kind", .string("sender-deviation")), ("sender", .integer(d.sender)), ("signal", .integer(d.signal)),
                ("report", .integer(d.report)), ("gain", .number(d.gain)),
            ])
        case .participation(let p):
            return .object([
                ("kind", .string("participation")), ("agent", .integer(p.agent)), ("recommended", .integer(p.recommended)),
                ("utility", .number(p.utility)),
            ])
        case .payment(let agent, let efforts, let signals, let state, let payment, let bound):
            return .object([
                ("kind", .string("payment")), ("agent", .integer(agent)), ("efforts", efforts.map { .integer($0) } ?? .null),
                ("signals", .integer(signals)), ("state", .integer(state)), ("payment", .number(payment)), ("bound", .number(bound)),
            ])
        }
    }

    var explanation: String {
        switch self {
        case .hiringDeviation(let d): return d.explanation
        case .senderDeviation(let d): return d.explanation
        case .participation(let p):
            return "agent \(p.agent), recommended effort \(p.recommended): obedient expected utility \(NumberFormatting.short(p.utility)) < 0"
        case .payment(let agent, let efforts, let signals, let state, let payment, let bound):
            let side = payment < bound ? "below" : "above"
            let at = efforts.map { "efforts \($0), " } ?? ""
            return "agent \(agent) is paid \(NumberFormatting.short(payment)) at \(at)signals \(signals), state \(state): \(side) \(NumberFormatting.short(bound))"
        }
    }
}

extension DerandomizedWitness {
    var json: JSONValue {
        func fraction(_ r: Rational) -> JSONValue { .string(r.description) }
        switch self {
        case .sincerityDeviation(let agent, let misreport, let move, let eq, let dev):
            return .object([
                ("kind", .string("sincerity-deviation")), ("agent", .integer(agent)), ("misreport", misreport), ("move", .integer(move)),
                ("equilibrium_value", fraction(eq)), ("deviation_value", fraction(dev)),
                ("gain", .number((try? dev.subtracting(eq).doubleValue) ?? dev.doubleValue - eq.doubleValue)),
            ])
        case .profitableMove(let agent, let move, let uniform, let value):
            return .object([
                ("kind", .string("profitable-move")), ("agent", .integer(agent)), ("move", .integer(move)),
                ("uniform_value", fraction(uniform)), ("move_value", fraction(value)),
            ])
        case .unresponsiveAgent(let agent, let others):
            return .object([("kind", .string("unresponsive-agent")), ("agent", .integer(agent)), ("others_moves", .array(others.map { .integer($0) }))])
        case .lotteryMismatch(let method, let outcome, let d, let o):
            return .object([
                ("kind", .string("lottery-mismatch")), ("method", .string(method)), ("outcome", outcome),
                ("derandomized_probability", fraction(d)), ("original_probability", fraction(o)),
            ])
        }
    }

    var explanation: String {
        switch self {
        case .sincerityDeviation(let agent, let misreport, let move, let eq, let dev):
            return "agent \(agent) reports \(misreport.rendered()) and plays move \(move): value \(dev) against \(eq) when sincere and uniform"
        case .profitableMove(let agent, let move, let uniform, let value):
            return "agent \(agent) gets \(value) from move \(move) against \(uniform) from uniform play"
        case .unresponsiveAgent(let agent, let others):
            return "agent \(agent) cannot change the outcome when the others play \(others)"
        case .lotteryMismatch(let method, let outcome, let d, let o):
            return "\(method): outcome \(outcome.rendered()) has probability \(d) under uniform play but \(o) in the original lottery"
        }
    }
}
