import ArgumentParser
import Sim

/// `mechsim audit FILE.json`: recompute a derandomized mechanism's outcome from the submitted
/// reports and moves. Wiring only; the work is `DerandomizedAudit`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Recompute a derandomized mechanism's outcome from its reports and moves.",
        discussion: """
        FILE: {"mechanism": ID, "method": "game-first"|"game-last"|"game-interleaved", "reports": [...], "moves": [[...], ...]} \
        with one list of moves per agent. Mechanisms: \(DerandomizedAudit.mechanisms.joined(separator: ", ")) \
        (or derandomized-ID). Exit 0 with the outcome, 2 on a malformed file (the key path and what was expected).
        """)

    @Argument(help: "The audit file (JSON).")
    var file: String

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let result: JSONValue
        do { result = try DerandomizedAudit.run(path: file) } catch { throw CLIError(error.description) }
        if format == .json {
            print(result.rendered())
            return
        }
        let text = DerandomizedAudit.text(result)
        if !text.isEmpty { print(text) }
    }
}
