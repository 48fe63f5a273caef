import Mechanisms
import Sim

/// `mechsim outcome MECHANISM --instance FILE.json [--exact] [--format json]` for the
/// information-acquisition family: loads a model A or model B instance, solves the mechanism's
/// LP and renders the optimum (`AcquisitionOutcome`).
/// - Throws: `CLIError` (exit 2) for an unknown mechanism, a mechanism of another family, or a
///   bad instance file (the message names the file, the key path and what was expected); exit 1
///   when the LP solver fails.
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
    let outcome: AcquisitionOutcome
    do {
        outcome = try AcquisitionOutcome.solve(mechanism, id: id, instance: contents.instance, instancePath: instancePath, exact: exact)
    } catch {
        throw CLIError(error.description, exitCode: error.isSolverFailure ? 1 : 2)
    }
    return format == .text ? outcome.text : outcome.json.rendered()
}
