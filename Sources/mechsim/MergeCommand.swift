import ArgumentParser
import Foundation
import Sim

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine shard results (from 'mechsim run --shard i/N') into the single-run report.",
        discussion: "The merged --out file is byte-identical to the one an unsharded run writes.")

    @Argument(help: "Shard files.")
    var shards: [String]

    @Option(help: "Write the merged report to FILE.json or FILE.csv (atomically).")
    var out: String

    @Option(help: "Also draw the metrics against the number of agents to FILE.svg.")
    var plot: String?

    @Option(help: "Also write a self-contained HTML page of the merged results to FILE.html (atomically), as 'mechsim run --html' does.")
    var html: String?

    @Option(help: "text (default), json or csv on stdout.")
    var format: RunCommand.ReportFormat = .text

    @Option(parsing: .unconditional, help: "Worker threads for the exact work done at merge time (default: all cores). Results do not depend on it.")
    var threads: Int = MonteCarloRunnerDefaults.cores

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("Give at least one shard file.") }
        guard out.hasSuffix(".json") || out.hasSuffix(".csv") else { throw ValidationError("--out must end in .json or .csv, got '\(out)'.") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads).") }
        if let html { try validateHTMLPath(html) }
    }

    func run() throws {
        var files: [(path: String, file: ShardFile)] = []
        for path in shards {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("\(path): no such file or not readable.")
            }
            do { files.append((path, try ShardFile.parse(data, path: path))) } catch { throw CLIError(error.description) }
        }
        let parts: [ShardFile.Part]
        do { parts = try ShardFile.merge(files) } catch { throw CLIError(error.description) }
        var results: [any StudyResult] = []
        for p in parts {
            do { results.append(try StudyPipeline.finish(p, threads: threads)) } catch { throw CLIError("\(p.file): \(error)") }
        }
        try emit(StudyReport(results), out: out, plot: plot, html: html, format: format)
    }
}
