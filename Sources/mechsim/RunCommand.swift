import ArgumentParser
import Foundation
import Sim

/// Options shared by commands that run the engine.
struct EngineOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Results do not depend on it.")
    var threads: Int = MonteCarloRunnerDefaults.cores

    @Flag(help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads).") }
    }
}

enum MonteCarloRunnerDefaults {
    static var cores: Int { MonteCarloRunner.availableCores }
}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run scenario files: simulations, axiom checks and their expectations.",
        discussion: """
        Exit code 0 when every expectation holds, 1 when one fails, 2 on bad input.
        Files of every family (the 'domain:' key) can be run together. With --shard i/N only that \
        shard's blocks are computed and --out must name the shard file; 'mechsim merge' combines the \
        shard files into the report a single run would write, byte for byte.
        """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @Option(help: "Write the results to FILE.json or FILE.csv (atomically).")
    var out: String?

    @Option(help: "Run shard i of N (0-based), e.g. 0/4; 'auto' reads it from a Slurm job array or a Kubernetes Indexed Job, and --out then names a directory.")
    var shard: String?

    @Option(help: "With --shard auto: the number of shards (under Kubernetes, where the environment does not give it; or set MECHSIM_SHARDS).")
    var shards: Int?

    @Option(help: "Also draw the metrics against the number of agents to FILE.svg (atomically).")
    var plot: String?

    @Option(help: "Also write a self-contained HTML page of the results to FILE.html (atomically): provenance, every table with its intervals, verdicts with witnesses, expectations as pass/fail, the plots inline; it needs no network to view.")
    var html: String?

    @Option(help: "text (default), json or csv on stdout.")
    var format: ReportFormat = .text

    @OptionGroup var engine: EngineOptions

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("Give at least one scenario file.") }
        if shards != nil && shard != "auto" { throw ValidationError("--shards N goes with --shard auto.") }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1, got \(shards).") }
        if shard == "auto" {
            guard let out, !out.hasSuffix(".json"), !out.hasSuffix(".csv") else {
                throw ValidationError("--shard auto needs --out DIR/: the shard file is DIR/shard-<i>-of-<N>.json.")
            }
            guard plot == nil else { throw ValidationError("--plot goes with a whole run or with 'mechsim merge', not with --shard.") }
            guard html == nil else { throw ValidationError("--html goes with a whole run or with 'mechsim merge', not with --shard.") }
            return
        }
        if let shard {
            guard Shard(parsing: shard) != nil else { throw ValidationError("--shard must be i/N with 0 <= i < N, got '\(shard)'. Under a Slurm array or a Kubernetes Indexed Job, --shard auto reads it.") }
            guard let out, out.hasSuffix(".json") else { throw ValidationError("--shard needs --out FILE.json for the shard's results.") }
        }
        if let out, !(out.hasSuffix(".json") || out.hasSuffix(".csv")) {
            throw ValidationError("--out must end in .json or .csv, got '\(out)'.")
        }
        if let plot {
            guard plot.hasSuffix(".svg") else { throw ValidationError("--plot must end in .svg, got '\(plot)'.") }
            guard shard == nil else { throw ValidationError("--plot goes with a whole run or with 'mechsim merge', not with --shard.") }
        }
        if let html {
            try validateHTMLPath(html)
            guard shard == nil else { throw ValidationError("--html goes with a whole run or with 'mechsim merge', not with --shard.") }
        }
    }

    func run() throws {
        var shardText = shard
        var shardOut = out
        if shard == "auto", let dir = out {
            let resolved: Shard
            do { resolved = try SchedulerShard.resolve(environment: ProcessInfo.processInfo.environment, shards: shards).shard } catch {
                throw CLIError(error.description)
            }
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw CLIError("--out \(dir): cannot create the shard directory (\(error.localizedDescription)).")
            }
            shardText = resolved.description
            shardOut = (dir.hasSuffix("/") ? dir : dir + "/") + SchedulerShard.fileName(resolved)
        }
        var studies: [any Study] = []
        for file in scenarios {
            do { studies.append(try ScenarioFile.load(file: file)) } catch { throw CLIError(error.description) }
        }
        if let shardText, let shard = Shard(parsing: shardText), let out = shardOut {
            var parts: [ShardFile.Part] = []
            for s in studies {
                if let e = s.workEstimate, !engine.quiet { Terminal.note("estimate: \(e)") }
                let bar = ProgressBar(label: "\(s.file) shard \(shard)", quiet: engine.quiet)
                defer { bar.finish() }
                do { parts.append(try StudyPipeline.shardPart(s, shard: shard, threads: engine.threads, progress: bar.callback)) } catch {
                    throw CLIError("\(s.file): \(error)")
                }
            }
            try write(ShardFile(shard: shard, parts: parts).rendered(), to: out)
            if !engine.quiet { Terminal.note("wrote shard \(shard) to \(out); combine the shards with 'mechsim merge'") }
            return
        }
        var results: [any StudyResult] = []
        for s in studies {
            if let e = s.workEstimate, !engine.quiet { Terminal.note("estimate: \(e)") }
            let bar = ProgressBar(label: s.file, quiet: engine.quiet)
            defer { bar.finish() }
            do { results.append(try StudyPipeline.run(s, threads: engine.threads, progress: bar.callback)) } catch {
                throw CLIError("\(s.file): \(error)")
            }
        }
        try emit(StudyReport(results), out: out, plot: plot, html: html, format: format)
    }
}

/// Prints the results, writes `--out`, `--plot` and `--html`, and exits 1 when an expectation
/// failed; shared by `run` and `merge`.
func emit(_ report: StudyReport, out: String?, plot: String?, html: String?, format: RunCommand.ReportFormat) throws {
    switch format {
    case .text: print(report.text, terminator: "")
    case .json: print(report.json, terminator: "")
    case .csv: print(report.csv, terminator: "")
    }
    if let out { for (path, text) in report.outputs(out) { try write(text, to: path) } }
    if let plot { for (path, text) in report.plots(plot) { try write(text, to: path) } }
    if let html { try write(report.html(commandLine: ["mechsim"] + CommandLine.arguments.dropFirst()), to: html) }
    if report.failed { throw ExitCode(1) }
}

/// `--html` names a `.html` (or `.htm`) file.
func validateHTMLPath(_ path: String) throws {
    guard path.hasSuffix(".html") || path.hasSuffix(".htm") else { throw ValidationError("--html must end in .html, got '\(path)'.") }
}

func write(_ text: String, to path: String) throws {
    do { try AtomicFile.write(text, to: path) } catch { throw CLIError(error.description) }
}
