import Foundation
import Mechanisms

/// The work of one scenario file, whatever its family: what `mechsim run` runs, shards and
/// merges.
///
/// A family turns a scenario file into a study (`ScenarioFile` picks the family by the file's
/// `domain:`). The study splits its random or enumerative work into **blocks**: units computed
/// independently, each from its index alone, and folded in index order. The pipeline does the
/// rest the same way for every family:
///
/// - a whole run computes blocks `0..<blockCount` and calls `finish`;
/// - shard i of N computes the contiguous range `Shard.blocks(of:)` and writes the blocks to a
///   shard file; `merge` reads the shard files, rebuilds the study from the scenario text they
///   carry, and calls `finish` with all blocks;
/// - blocks round-trip through shard files exactly (`Codable`, doubles written so that they read
///   back bit for bit), so the merged result is the single-machine result, byte for byte.
///
/// Work that is a single exact computation (an LP, an exhaustive check) may live in `finish`
/// or in one block; either way it shards and merges correctly.
public protocol Study: Sendable {
    /// One block's result, as a shard file carries it.
    associatedtype Block: Codable & Sendable
    /// What the finished study reports.
    associatedtype Result: StudyResult

    /// The scenario file's path, as named on the command line.
    var file: String { get }
    /// The scenario file's text (carried by shard files, so that a merge needs nothing else).
    var source: String { get }
    /// The number of blocks (fixed by the scenario alone, never by threads or shards).
    var blockCount: Int { get }

    /// Computes the blocks in `range`, in block order, on the parallel engine with `threads`
    /// workers. `progress` reports (blocks done, blocks in `range`).
    func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [Block]

    /// The result from every block, in block order, and whatever exact work the study does once.
    func finish(_ blocks: [Block], threads: Int) throws -> Result

    /// One line saying how much work the study is, when it is large enough to take a while
    /// (a front end prints it before starting); nil otherwise.
    var workEstimate: String? { get }
}

extension Study {
    /// No estimate by default.
    public var workEstimate: String? { nil }

    /// The domain of the study's results.
    public var domain: Domain { Result.domain }

    /// Runs every block and finishes.
    public func run(threads: Int = ParallelEngine.availableCores, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Result {
        try finish(runBlocks(0..<blockCount, threads: threads, progress: progress), threads: threads)
    }
}

/// The report of a finished study. Results of one family are rendered together (one JSON
/// document, one CSV table), so a family's output does not change with how many of its files a
/// call runs.
public protocol StudyResult: Sendable {
    /// The family.
    static var domain: Domain { get }
    /// True when an expectation or criterion of the scenario failed (exit code 1).
    var failed: Bool { get }

    /// The text report of several results of this family.
    static func text(_ results: [Self]) -> String
    /// The JSON document of several results of this family.
    static func json(_ results: [Self]) -> String
    /// The CSV table of several results of this family.
    static func csv(_ results: [Self]) -> String
    /// The SVG plot of several results of this family, if the family draws one.
    static func svg(_ results: [Self]) -> String?
    /// The sections of the HTML page (`--html PATH`) of several results of this family, one
    /// per scenario file.
    static func html(_ results: [Self]) -> [HTMLReport.Section]
    /// The files `--out PATH` writes (one by default: JSON, or CSV for a `.csv` path).
    static func outputs(_ results: [Self], path: String) -> [(path: String, text: String)]
    /// The files `--plot PATH` writes (one by default).
    static func plots(_ results: [Self], path: String) -> [(path: String, text: String)]
}

extension StudyResult {
    public static func outputs(_ results: [Self], path: String) -> [(path: String, text: String)] {
        [(path, path.hasSuffix(".csv") ? csv(results) : json(results))]
    }

    public static func plots(_ results: [Self], path: String) -> [(path: String, text: String)] {
        svg(results).map { [(path, $0)] } ?? []
    }
}
