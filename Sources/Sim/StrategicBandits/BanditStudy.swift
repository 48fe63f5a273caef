import Foundation
import Mechanisms

/// A strategic-bandit scenario file as a study: the blocks of its experiment (`BanditExperiment`;
/// each experiment's type says what its blocks are), finished into the experiment's report.
public struct BanditStudy: Study {
    public typealias Block = BanditBlock

    public var scenario: BanditScenario
    public var file: String { scenario.file }
    public var source: String { scenario.source }

    public init(_ scenario: BanditScenario) { self.scenario = scenario }

    public var blockCount: Int { scenario.experimentStudy.blockCount }

    /// "FILE: at least N rounds" from 10^9 rounds on (`BanditScenario.roundsLowerBound`).
    public var workEstimate: String? {
        let rounds = scenario.roundsLowerBound
        return rounds >= 1e9 ? "\(file): at least \(SizeLimits.countText(rounds)) bandit rounds (the horizons times the seeds)" : nil
    }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [Block] {
        try scenario.experimentStudy.runBlocks(range, threads: threads, progress: progress)
    }

    public func finish(_ blocks: [Block], threads: Int) throws -> BanditExperimentResult {
        var result = try scenario.experimentStudy.finish(blocks, file: file, title: scenario.fullTitle, expected: scenario.expected)
        result.seed = scenario.linear?.seed ?? scenario.setup.seed
        result.reference = scenario.reference
        return result
    }
}

extension BanditExperimentResult: StudyResult {
    public static let domain = Domain.strategicBandits

    public static func text(_ results: [Self]) -> String { results.map(\.text).joined(separator: "\n") }
    public static func json(_ results: [Self]) -> String { JSONValue.array(results.map(\.json)).pretty() + "\n" }
    public static func csv(_ results: [Self]) -> String { results.map(\.csv).joined(separator: "\n") }
    public static func svg(_ results: [Self]) -> String? { results.first?.svg }

    /// With several experiments, each file's stem is appended: a1.csv -> a1-<stem>.csv.
    static func path(_ base: String, _ r: Self, of results: [Self]) -> String {
        guard results.count > 1 else { return base }
        let stem = URL(fileURLWithPath: r.file).deletingPathExtension().lastPathComponent
        let u = URL(fileURLWithPath: base)
        return u.deletingPathExtension().path + "-" + stem + "." + u.pathExtension
    }

    public static func outputs(_ results: [Self], path: String) -> [(path: String, text: String)] {
        results.map { r in (Self.path(path, r, of: results), path.hasSuffix(".json") ? r.json.pretty() + "\n" : r.csv) }
    }

    public static func plots(_ results: [Self], path: String) -> [(path: String, text: String)] {
        results.map { r in (Self.path(path, r, of: results), r.svg) }
    }
}
