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

    @Option(help: "text (default), json or csv on stdout.")
    var format: RunCommand.ReportFormat = .text

    func validate() throws {
        guard !shards.isEmpty else { throw ValidationError("Give at least one shard file.") }
        guard out.hasSuffix(".json") || out.hasSuffix(".csv") else { throw ValidationError("--out must end in .json or .csv, got '\(out)'.") }
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
        var results: [ScenarioResult] = []
        for p in parts {
            do {
                let scenario = try Scenario.parse(p.source, file: p.file)
                results.append(try ScenarioRunner.finish(scenario, blocks: p.blocks))
            } catch {
                throw CLIError("\(p.file): \(error)")
            }
        }
        try emit(results, out: out, format: format)
        if results.contains(where: \.failed) { throw ExitCode(1) }
    }
}
