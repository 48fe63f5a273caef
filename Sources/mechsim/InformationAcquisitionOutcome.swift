import Foundation
import Mechanisms
import Sim
import Solvers

/// `mechsim outcome MECHANISM --instance FILE.json [--exact] [--format json]` for the
/// information-acquisition family (issue 5): loads a model A or model B instance, solves the
/// mechanism's LP and renders the optimum.
///
/// JSON: one object on one line with `mechanism`, `instance`, `model`, `status`, `value` (a
/// number, null when infeasible), `method`, `lp` (sizes), `details`, and with `--exact`
/// `exact_value` (a fraction string such as "102/185", or null with `exact_failure`).
/// - Throws: `CLIError` (exit 2) for an unknown mechanism, a mechanism of another family, or a
///   bad instance file (the message names the file, the key path and what was expected).
func informationAcquisitionOutcome(mechanism id: String, instancePath: String, exact: Bool,
                                   format: OutputFormat = .json) throws -> String {
    let mechanism: any InformationAcquisitionMechanism
    do {
        guard let m = try MechanismRegistry.standard.make(id) as? any InformationAcquisitionMechanism else {
            throw CLIError("Mechanism '\(id)' is not an information-acquisition mechanism.")
        }
        mechanism = m
    } catch let e as MechanismError {
        throw CLIError(e.description)
    }
    let contents: AcquisitionInstanceFile.Contents
    do {
        contents = try AcquisitionInstanceFile.load(instancePath)
    } catch {
        throw CLIError(error.description)
    }
    let method: LPMethod = exact ? .exact : .dualSimplex
    let result: AcquisitionResult
    do {
        result = try mechanism.optimum(contents.instance, method: method)
    } catch let e as InformationAcquisitionError {
        throw CLIError("\(instancePath): \(e.description)")
    } catch let e as LPError {
        throw CLIError("\(instancePath): the LP solver failed: \(e)", exitCode: 1)
    }
    let model: String
    switch contents.instance {
    case .hiring: model = "hiring"
    case .senders: model = "senders"
    }
    if format == .text {
        var lines = ["\(mechanism.descriptor.name) [\(id)] on \(instancePath) (model \(model == "hiring" ? "A" : "B"))",
                     "status  \(result.status.rawValue)"]
        lines.append("value   \(result.value.isFinite ? NumberFormatting.short(result.value) : "none")")
        if exact { lines.append("exact   \(result.exactValue?.description ?? "none (\(result.exactFailure ?? "no certificate"))")") }
        if let reason = result.reason { lines.append("reason  \(reason)") }
        lines.append("lp      \(result.size.variables) variables, \(result.size.equalities) equalities, \(result.size.inequalities) inequalities (\(result.method.rawValue))")
        for (k, v) in result.details { lines.append("\(k)  \(v)") }
        return lines.joined(separator: "\n")
    }
    var fields: [(String, JSONValue)] = [
        ("mechanism", .string(id)), ("instance", .string(instancePath)), ("model", .string(model)),
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
    return JSONValue.object(fields).rendered()
}
