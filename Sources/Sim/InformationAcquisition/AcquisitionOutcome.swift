import Mechanisms
import Solvers

/// An information-acquisition mechanism's optimum on one model A or model B instance file, as
/// `mechsim outcome MECHANISM --instance FILE.json [--exact]` solves and prints it.
public struct AcquisitionOutcome: Sendable {
    /// The mechanism's id as given, and its display name.
    public var mechanismID: String
    public var mechanismName: String
    /// The instance file's path, as given.
    public var instancePath: String
    /// `hiring` (model A) or `senders` (model B).
    public var model: String
    /// Whether the exact (rational) solve was asked for.
    public var exact: Bool
    public var result: AcquisitionResult

    /// A failure to solve: the instance does not fit the mechanism (bad input), or the LP
    /// solver failed (`isSolverFailure`).
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
        public var isSolverFailure: Bool
    }

    /// Solves `mechanism`'s LP on `instance` (from the file at `instancePath`), by the dual
    /// simplex, or exactly when `exact`.
    /// - Throws: `Failure`, whose message starts with the file's path.
    public static func solve(_ mechanism: any InformationAcquisitionMechanism, id: String, instance: AcquisitionInstance,
                             instancePath: String, exact: Bool) throws(Failure) -> AcquisitionOutcome {
        let result: AcquisitionResult
        do {
            result = try mechanism.optimum(instance, method: exact ? .exact : .dualSimplex)
        } catch let e as InformationAcquisitionError {
            throw Failure(description: "\(instancePath): \(e.description)", isSolverFailure: false)
        } catch let e as LPError {
            throw Failure(description: "\(instancePath): the LP solver failed: \(e)", isSolverFailure: true)
        } catch {
            throw Failure(description: "\(instancePath): \(error)", isSolverFailure: false)
        }
        let model: String
        switch instance {
        case .hiring: model = "hiring"
        case .senders: model = "senders"
        }
        return AcquisitionOutcome(mechanismID: id, mechanismName: mechanism.descriptor.name, instancePath: instancePath,
                                  model: model, exact: exact, result: result)
    }

    /// The lines `mechsim outcome` prints: status, value, the exact value with `exact`, the
    /// reason when not optimal, the LP's size and method, then the details. No final newline.
    public var text: String {
        var lines = ["\(mechanismName) [\(mechanismID)] on \(instancePath) (model \(model == "hiring" ? "A" : "B"))",
                     "status  \(result.status.rawValue)"]
        lines.append("value   \(result.value.isFinite ? NumberFormatting.short(result.value) : "none")")
        if exact { lines.append("exact   \(result.exactValue?.description ?? "none (\(result.exactFailure ?? "no certificate"))")") }
        if let reason = result.reason { lines.append("reason  \(reason)") }
        lines.append("lp      \(result.size.variables) variables, \(result.size.equalities) equalities, \(result.size.inequalities) inequalities (\(result.method.rawValue))")
        for (k, v) in result.details { lines.append("\(k)  \(v)") }
        return lines.joined(separator: "\n")
    }

    /// One object: `mechanism`, `instance`, `model`, `status`, `value` (a number, null when
    /// infeasible), `method`, `lp` (sizes), `details`, and with `exact` `exact_value` (a
    /// fraction string such as "102/185", or null with `exact_failure`).
    public var json: JSONValue {
        var fields: [(String, JSONValue)] = [
            ("mechanism", .string(mechanismID)), ("instance", .string(instancePath)), ("model", .string(model)),
            ("status", .string(result.status.rawValue)),
            ("value", result.value.isFinite ? .number(result.value) : .null),
        ]
        if exact {
            fields.append(("exact_value", result.exactValue.map { .string($0.description) } ?? .null))
            if result.exactValue == nil { fields.append(("exact_failure", .string(result.exactFailure ?? "no certificate"))) }
        }
        fields.append(("method", .string(result.method.rawValue)))
        if let reason = result.reason { fields.append(("reason", .string(reason))) }
        fields.append(("lp", .object([("variables", .integer(result.size.variables)), ("equalities", .integer(result.size.equalities)),
                                      ("inequalities", .integer(result.size.inequalities))])))
        fields.append(("details", .object(result.details.map { ($0.0, .string($0.1)) })))
        return .object(fields)
    }
}
