import ArgumentParser
import Foundation
import Sim

/// Options shared by commands that run the engine.
struct EngineOptions: ParsableArguments {
    @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
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
        With --shard i/N only that shard's blocks are simulated and --out must name the shard file; \
        'mechsim merge' combines the shard files into the report a single run would write.
        """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @Option(help: "Write the results to FILE.json or FILE.csv (atomically).")
    var out: String?

    @Option(help: "Run shard i of N (0-based), e.g. 0/4.")
    var shard: String?

    @Option(help: "Also draw the metrics against the number of agents to FILE.svg (atomically).")
    var plot: String?

    @Option(help: "text (default), json or csv on stdout.")
    var format: ReportFormat = .text

    @OptionGroup var engine: EngineOptions

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("Give at least one scenario file.") }
        if let shard {
            guard Shard(parsing: shard) != nil else { throw ValidationError("--shard must be i/N with 0 <= i < N, got '\(shard)'.") }
            guard let out, out.hasSuffix(".json") else { throw ValidationError("--shard needs --out FILE.json for the shard's results.") }
        }
        if let out, !(out.hasSuffix(".json") || out.hasSuffix(".csv")) {
            throw ValidationError("--out must end in .json or .csv, got '\(out)'.")
        }
        if let plot {
            guard plot.hasSuffix(".svg") else { throw ValidationError("--plot must end in .svg, got '\(plot)'.") }
            guard shard == nil else { throw ValidationError("--plot goes with a whole run or with 'mechsim merge', not with --shard.") }
        }
    }

    func run() throws {
        var loaded: [Scenario] = []
        var auctions: [AuctionScenario] = []
        var bandits: [BanditScenario] = []
        var derandomized: [DerandomizedScenario] = []
        for file in scenarios {
            if let text = try? String(contentsOfFile: file, encoding: .utf8), BanditScenario.declaresBanditDomain(text) {
                do { bandits.append(try BanditScenario.load(file: file)) } catch { throw CLIError(error.description) }
                continue
            }
            if let text = try? String(contentsOfFile: file, encoding: .utf8), DerandomizedScenario.declaresDerandomizedDomain(text) {
                do { derandomized.append(try DerandomizedScenario.load(file: file)) } catch { throw CLIError(error.description) }
                continue
            }
            if let text = try? String(contentsOfFile: file, encoding: .utf8), AuctionScenario.declaresAuctionDomain(text) {
                do { auctions.append(try AuctionScenario.load(file: file)) } catch { throw CLIError(error.description) }
                continue
            }
            do { loaded += try Scenario.loadAll(file: file) } catch { throw CLIError(error.description) }
        }
        if !bandits.isEmpty {
            guard loaded.isEmpty && auctions.isEmpty && derandomized.isEmpty else {
                throw CLIError("Run strategic-bandit scenarios (\(bandits[0].file)) in a separate call from other domains.")
            }
            return try runBandits(bandits)
        }
        if !derandomized.isEmpty {
            guard loaded.isEmpty && auctions.isEmpty else {
                throw CLIError("Run derandomized scenarios (\(derandomized[0].file)) in a separate call from other domains.")
            }
            return try runDerandomized(derandomized)
        }
        if !auctions.isEmpty {
            guard loaded.isEmpty else {
                throw CLIError("Run position-auction scenarios (\(auctions[0].file)) and facility-location scenarios (\(loaded[0].file)) in separate calls.")
            }
            return try runAuctions(auctions)
        }
        if let shardText = shard, let shard = Shard(parsing: shardText) {
            var parts: [ShardFile.Part] = []
            for s in loaded {
                let bar = ProgressBar(label: "\(s.file) shard \(shard)", quiet: engine.quiet)
                let blocks: [BlockResult]
                do { blocks = try ScenarioRunner.simulate(s, threads: engine.threads, shard: shard, progress: bar.callback) } catch { bar.finish(); throw CLIError("\(s.file): \(error)") }
                bar.finish()
                let blockCount = MonteCarloRunner(count: s.count, seed: s.seed).blockCount
                parts.append(ShardFile.Part(file: s.file, source: s.source, variant: s.variant, blockCount: blockCount, blocks: blocks))
            }
            try write(ShardFile(shard: shard, parts: parts).rendered(), to: out!)
            if !engine.quiet { Terminal.note("wrote shard \(shard) to \(out!); combine the shards with 'mechsim merge'") }
            return
        }
        var results: [ScenarioResult] = []
        for s in loaded {
            let bar = ProgressBar(label: s.file, quiet: engine.quiet)
            do {
                results.append(try ScenarioRunner.run(s, threads: engine.threads, progress: bar.callback))
            } catch {
                bar.finish()
                throw CLIError("\(s.file): \(error)")
            }
            bar.finish()
        }
        try emit(results, out: out, format: format)
        if let plot { try write(ScenarioReport.svg(results), to: plot) }
        if results.contains(where: \.failed) { throw ExitCode(1) }
    }
}

extension RunCommand {
    /// Derandomized-mechanism scenarios: uniform play against the exact lottery, and a deviator.
    func runDerandomized(_ list: [DerandomizedScenario]) throws {
        guard shard == nil, plot == nil else {
            throw CLIError("--shard and --plot apply to facility-location simulations; derandomized scenarios run whole (\(list[0].file)).")
        }
        var results: [DerandomizedScenarioResult] = []
        for s in list {
            do { results.append(try DerandomizedScenarioRunner.run(s)) } catch { throw CLIError(error.description) }
        }
        switch format {
        case .text: print(results.map(DerandomizedReport.text).joined(separator: "\n"), terminator: "")
        case .json, .csv: print(DerandomizedReport.json(results), terminator: "")
        }
        if let out { try write(DerandomizedReport.json(results), to: out) }
        if results.contains(where: \.failed) { throw ExitCode(1) }
    }

    /// Position-auction scenarios: instances, axiom checks and Monte Carlo studies.
    func runAuctions(_ auctions: [AuctionScenario]) throws {
        guard shard == nil else {
            throw CLIError("--shard applies to facility-location simulations; position-auction studies run whole (\(auctions[0].file)).")
        }
        var results: [AuctionScenarioResult] = []
        for s in auctions {
            let bar = ProgressBar(label: s.file, quiet: engine.quiet)
            do { results.append(try AuctionScenarioRunner.run(s, threads: engine.threads, progress: bar.callback)) } catch {
                bar.finish()
                throw CLIError("\(s.file): \(error)")
            }
            bar.finish()
        }
        switch format {
        case .text: print(results.map(AuctionReport.text).joined(separator: "\n"), terminator: "")
        case .json: print(AuctionReport.json(results), terminator: "")
        case .csv: print(AuctionReport.csv(results), terminator: "")
        }
        if let out { try write(out.hasSuffix(".csv") ? AuctionReport.csv(results) : AuctionReport.json(results), to: out) }
        if let plot { try write(AuctionReport.svg(results), to: plot) }
        if results.contains(where: \.failed) { throw ExitCode(1) }
    }
}

extension RunCommand {
    /// Strategic-bandit experiments: criteria printed pass/fail; --out writes the CSV, --plot the SVG
    /// (with several files, the file's stem is appended: a1.csv -> a1-<stem>.csv).
    func runBandits(_ bandits: [BanditScenario]) throws {
        guard shard == nil else { throw CLIError("--shard does not apply to strategic-bandit experiments (\(bandits[0].file)).") }
        var results: [BanditExperimentResult] = []
        for s in bandits {
            if !engine.quiet { Terminal.note("running \(s.file) (\(s.experiment.rawValue))") }
            do { results.append(try s.run(threads: engine.threads)) } catch { throw CLIError("\(s.file): \(error)") }
        }
        switch format {
        case .text: print(results.map(\.text).joined(separator: "\n"), terminator: "")
        case .json: print(JSONValue.array(results.map(\.json)).pretty())
        case .csv: print(results.map(\.csv).joined(separator: "\n"), terminator: "")
        }
        func path(_ base: String, _ r: BanditExperimentResult) -> String {
            guard results.count > 1 else { return base }
            let stem = URL(fileURLWithPath: r.file).deletingPathExtension().lastPathComponent
            let u = URL(fileURLWithPath: base)
            return u.deletingPathExtension().path + "-" + stem + "." + u.pathExtension
        }
        for r in results {
            if let out { try write(out.hasSuffix(".json") ? r.json.pretty() + "\n" : r.csv, to: path(out, r)) }
            if let plot { try write(r.svg, to: path(plot, r)) }
        }
        if results.contains(where: \.failed) { throw ExitCode(1) }
    }
}

/// Prints the results and writes `--out`; shared by `run` and `merge`.
func emit(_ results: [ScenarioResult], out: String?, format: RunCommand.ReportFormat) throws {
    switch format {
    case .text: print(results.map(ScenarioReport.text).joined(separator: "\n"), terminator: "")
    case .json: print(ScenarioReport.json(results), terminator: "")
    case .csv: print(ScenarioReport.csv(results), terminator: "")
    }
    if let out {
        try write(out.hasSuffix(".csv") ? ScenarioReport.csv(results) : ScenarioReport.json(results), to: out)
    }
}

func write(_ text: String, to path: String) throws {
    do { try AtomicFile.write(text, to: path) } catch { throw CLIError(error.description) }
}
