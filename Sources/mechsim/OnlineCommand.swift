import ArgumentParser
import Foundation
import Mechanisms
import Sim

/// `mechsim online`: regret curves of the online information-acquisition algorithms
/// (docs/reconstructions.md#explore-then-commit and #sender-online-algorithms) with the fitted exponents beside the papers'
/// rates; CSV and SVG with `--out`.
struct OnlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "online",
        abstract: "Regret (and IC violation) of the online information-acquisition algorithms over horizons T.",
        discussion: """
        explore-then-commit: model A (Cacciamani et al. 2023a), rate T^(2/3). full-feedback: model B, regret and violation T^(1/2). \
        bandit: model B, regret T^alpha and violation T^(1 - alpha/2).
        Example: mechsim online explore-then-commit --instance scenarios/papers/cacciamani2023-information-acquisition/A3.json \
        --horizons 1000,10000,100000,1000000 --seeds 10 --out results/online
        """)

    enum Algorithm: String, ExpressibleByArgument, CaseIterable {
        case exploreThenCommit = "explore-then-commit"
        case fullFeedback = "full-feedback"
        case bandit
    }

    @Argument(help: "explore-then-commit, full-feedback or bandit.")
    var algorithm: Algorithm

    @Option(help: "A JSON instance file (model A for explore-then-commit, model B otherwise).")
    var instance: String

    @Option(help: "Comma-separated horizons T.")
    var horizons: String = "1000,10000,100000,1000000"

    @Option(parsing: .unconditional, help: "Runs per horizon.")
    var seeds: Int = 10

    @Option(parsing: .unconditional, help: "Seed.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "bandit: the exploration exponent alpha in [1/2, 1].")
    var alpha: Double = 0.5

    @Option(parsing: .unconditional, help: "Multiplies the confidence radii (1 = the formulas of docs/reconstructions.md; smaller values shorten the pre-asymptotic phase).")
    var radiusScale: Double = 1

    @Option(help: "A folder for <algorithm>.csv and <algorithm>.svg.")
    var out: String?

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1.") }
        guard (0.5...1).contains(alpha) else { throw ValidationError("--alpha must be in [0.5, 1].") }
        guard radiusScale > 0, radiusScale.isFinite else { throw ValidationError("--radius-scale must be positive.") }
    }

    func run() throws {
        let values = try parseNumberList(horizons, what: "--horizons")
        guard values.allSatisfy({ $0 >= 1 && $0 <= 1e9 && $0.rounded() == $0 }) else {
            throw CLIError("--horizons: expected whole numbers between 1 and 10^9, such as 1000,10000.")
        }
        // Rounds in total, before any work: the study runs every horizon for every seed.
        let rounds = values.reduce(0, +) * Double(seeds)
        if rounds > 1e15 {
            throw CLIError("--horizons and --seeds \(seeds) mean \(SizeLimits.countText(rounds)) rounds in total, more than 10^15 (years of work); use fewer seeds or shorter horizons.")
        }
        // Each seed keeps its regret at every horizon (and its curve points): about 64 bytes per pair.
        if let refusal = SizeLimits.memoryRefusal("--seeds \(seeds) over \(values.count) horizon(s)", bytes: Double(seeds) * Double(values.count) * 64) {
            throw CLIError("\(refusal); use fewer seeds.")
        }
        if rounds > 1e9 { Terminal.note("estimate: \(SizeLimits.countText(rounds)) rounds in total (the sum of the horizons times \(seeds) seeds)") }
        let contents: AcquisitionInstanceFile.Contents
        do { contents = try AcquisitionInstanceFile.load(instance) } catch { throw CLIError(error.description) }
        let choice: RegretStudy.Algorithm
        switch algorithm {
        case .exploreThenCommit: choice = .exploreThenCommit
        case .fullFeedback: choice = .fullFeedback
        case .bandit: choice = .bandit(alpha: alpha)
        }
        let result: RegretStudy.Result
        do {
            result = try RegretStudy.run(choice, instance: contents.instance, horizons: values.map { Int($0) }, seeds: seeds, seed: seed, radiusScale: radiusScale)
        } catch let e as InformationAcquisitionError {
            throw CLIError("\(instance): \(e.description)")
        }
        if let out {
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try AtomicFile.write(RegretStudy.csv(result), to: "\(out)/\(algorithm.rawValue).csv")
                try AtomicFile.write(RegretStudy.svg(result), to: "\(out)/\(algorithm.rawValue).svg")
            } catch {
                throw CLIError("cannot write to \(out): \(error)")
            }
        }
        if format == .json {
            print(RegretStudy.json(result, instance: instance))
            return
        }
        print(RegretStudy.text(result, instance: instance), terminator: "")
        if let out { print("wrote \(out)/\(algorithm.rawValue).csv and .svg") }
    }
}
