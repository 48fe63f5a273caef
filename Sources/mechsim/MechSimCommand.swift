import ArgumentParser
import Foundation
import Mechanisms
import Sim

/// `mechsim`: wiring only. Parsing, progress on stderr and exit codes (0 ok, 1 an expectation
/// or claim failed, 2 bad input).
@main
struct MechSimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mechsim",
        abstract: "Mechanism design and social choice: exact lotteries, axiom checks and Monte Carlo studies.",
        version: MechSimVersion.withLibraries,
        subcommands: [ListCommand.self, OutcomeCommand.self, CheckCommand.self, RatioCommand.self, DesignCommand.self, RunCommand.self, SimulateCommand.self, OnlineCommand.self, AuditCommand.self, BenchCommand.self, MergeCommand.self, ClusterCommand.self]
    )

    /// Runs the command and maps every failure to a message and an exit code: usage errors and
    /// bad input exit 2 (not ArgumentParser's 64), failed expectations exit 1.
    static func main() {
        Interrupt.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as CLIError {
            Terminal.error(e.description)
            Foundation.exit(e.exitCode)
        } catch let e as ExitCode {
            Foundation.exit(e.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            Terminal.error(message)
            Foundation.exit(2)
        }
    }
}

/// A failure of a command, with its exit code.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32 = 2

    init(_ description: String, exitCode: Int32 = 2) {
        self.description = description
        self.exitCode = exitCode
    }
}

enum Terminal {
    static func error(_ message: String) {
        let text = message.hasPrefix("Error:") || message.hasPrefix("error:") ? message : "error: \(message)"
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// Output format of commands that print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Parses `1,0.5,1/3` into numbers.
func parseNumberList(_ text: String, what: String) throws -> [Double] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    if parts.count == 1 && parts[0].isEmpty { throw CLIError("\(what) is empty; give comma-separated numbers such as 0.1,0.4,0.9.") }
    var out: [Double] = []
    for (i, p) in parts.enumerated() {
        guard let v = parseFraction(p) else {
            throw CLIError("\(what): item \(i + 1) ('\(p)') is not a number; give comma-separated numbers such as 0.1,0.4,0.9.")
        }
        out.append(v)
    }
    return out
}

func parseFraction(_ t: String) -> Double? {
    if let slash = t.firstIndex(of: "/") {
        guard let p = Double(t[..<slash]), let q = Double(t[t.index(after: slash)...]), q != 0 else { return nil }
        return p / q
    }
    if t.lowercased().contains("nan") || t.lowercased().contains("inf") { return Double(t) }
    return Double(t)
}

/// Parses repeated `--param name=value` (a list: `--param phantoms=0,1/3,2/3,1`).
func parseParams(_ items: [String]) throws -> ParameterValues {
    var values: [String: Double] = [:]
    var lists: [String: [Double]] = [:]
    var words: [String: String] = [:]
    for item in items {
        let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw CLIError("--param '\(item)' is not of the form name=number (for example --param k=2).")
        }
        guard values[parts[0]] == nil, lists[parts[0]] == nil, words[parts[0]] == nil else { throw CLIError("--param \(parts[0]) is given twice.") }
        if parts[1].contains(",") {
            lists[parts[0]] = try parseNumberList(parts[1], what: "--param \(parts[0])")
        } else if let v = parseFraction(parts[1]) {
            values[parts[0]] = v
        } else if isParameterWord(parts[1]) {
            // A named value (beta=auto); the mechanism's descriptor says which words it takes.
            words[parts[0]] = parts[1]
        } else {
            throw CLIError("--param '\(item)' is not of the form name=number (for example --param k=2).")
        }
    }
    return ParameterValues(values, lists: lists, words: words)
}

/// The standard registry, plus the mechanism of a design file under the id 'designed'.
func designRegistry(_ designFile: String?) throws -> MechanismRegistry {
    var registry = MechanismRegistry.standard
    guard let designFile else { return registry }
    let designed: TabulatedMechanism
    do { designed = try FacilityDesign.loadMechanism(file: designFile) } catch { throw CLIError(error.description) }
    do { try registry.register(MechanismEntry(TabulatedMechanism.descriptor) { _ in designed }) } catch { throw CLIError(error.description) }
    return registry
}

func makeFacilityMechanism(_ id: String, _ params: [String],
                           registry: MechanismRegistry = .standard) throws -> any FacilityLocationMechanism {
    let values = try parseParams(params)
    do {
        return try registry.makeFacilityLocation(id, values)
    } catch {
        throw CLIError(error.description)
    }
}
