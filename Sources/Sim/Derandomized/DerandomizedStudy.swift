import Foundation
import Mechanisms

/// A derandomized-mechanism scenario file as a study: the plays of the move game in fixed-size
/// blocks; the exact model, lottery, distributions and gain once, in `finish`.
///
/// Blocks: each simulation (all agents moving by the scenario's behaviour; then, with a
/// deviator, the same with the deviator's fixed moves) is cut into blocks of
/// `DerandomizedScenarioRunner.playsPerBlock` consecutive plays, the last one shorter. Block `b`
/// is play block `b mod B` of simulation `b / B` (B = ⌈runs / playsPerBlock⌉ blocks per
/// simulation): uniform blocks first, then the deviator's. A block holds the count of each
/// support outcome over its plays; the deviator's utility is a function of the outcome, so
/// these counts are sufficient for its mean and sample variance as well.
///
/// Streams: play block j of simulation s draws from
/// `Xoshiro256StarStar(seed: seed, stream: s · 2^40 + j)`, so a block depends on the scenario
/// and its index only, never on threads or shards.
///
/// Cross-check: the first `DerandomizedScenarioRunner.checkedPlays` plays of play block 0 of
/// each simulation are recomputed through `Derandomizer.play`.
public struct DerandomizedStudy: Study {
    /// The outcome counts of one block of plays.
    public struct Block: Codable, Sendable, Hashable {
        /// 0: every agent moves by the scenario's behaviour; 1: the deviator plays its fixed moves.
        public var simulation: Int
        /// The block's position in its simulation: plays `index · playsPerBlock ..< min((index + 1) · playsPerBlock, runs)`.
        public var index: Int
        /// `counts[k]`: the block's plays whose outcome is support outcome k.
        public var counts: [Int]

        public init(simulation: Int, index: Int, counts: [Int]) {
            self.simulation = simulation
            self.index = index
            self.counts = counts
        }
    }

    public var scenario: DerandomizedScenario
    public var file: String { scenario.file }
    public var source: String { scenario.source }

    public init(_ scenario: DerandomizedScenario) { self.scenario = scenario }

    /// Play blocks of one simulation.
    public var blocksPerSimulation: Int {
        (scenario.runs + DerandomizedScenarioRunner.playsPerBlock - 1) / DerandomizedScenarioRunner.playsPerBlock
    }

    /// One simulation, or two with a deviator.
    public var simulations: Int { scenario.deviator == nil ? 1 : 2 }

    public var blockCount: Int { blocksPerSimulation * simulations }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [Block] {
        try blocks(range, threads: threads, progress: progress)
    }

    /// `runBlocks` with its error type.
    func blocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws(ScenarioError) -> [Block] {
        guard !range.isEmpty else { return [] }
        let s = scenario
        let model = try DerandomizedScenarioRunner.model(s)
        let perSimulation = blocksPerSimulation
        return try ParallelEngine(threads: threads).map(range, progress: progress) { b throws(ScenarioError) in
            try DerandomizedScenarioRunner.play(s, model: model, simulation: b / perSimulation, block: b % perSimulation)
        }
    }

    public func finish(_ blocks: [Block], threads: Int) throws -> DerandomizedScenarioResult {
        try finished(blocks)
    }

    /// `finish` with its error type: folds the blocks in index order into the outcome counts
    /// of each simulation, then computes the exact parts and the metrics.
    func finished(_ blocks: [Block]) throws(ScenarioError) -> DerandomizedScenarioResult {
        let s = scenario
        let model = try DerandomizedScenarioRunner.model(s)
        let k = model.support.count, perSimulation = blocksPerSimulation
        guard blocks.count == blockCount else {
            throw ScenarioError(file: s.file, keyPath: "", message: "expected \(blockCount) blocks of plays, got \(blocks.count).")
        }
        var counts = Array(repeating: Array(repeating: 0, count: k), count: simulations)
        for (b, block) in blocks.enumerated() {
            guard block.simulation == b / perSimulation, block.index == b % perSimulation, block.counts.count == k,
                  block.counts.allSatisfy({ $0 >= 0 }) else {
                throw ScenarioError(file: s.file, keyPath: "", message: "block \(b) does not belong to this scenario (simulation \(block.simulation), block \(block.index), \(block.counts.count) outcomes).")
            }
            for o in 0..<k { counts[block.simulation][o] += block.counts[o] }
        }
        for c in counts where c.reduce(0, +) != s.runs {
            throw ScenarioError(file: s.file, keyPath: "", message: "the blocks hold \(c.reduce(0, +)) plays, the scenario \(s.runs).")
        }
        return try DerandomizedScenarioRunner.result(s, model: model, uniform: counts[0], deviator: s.deviator == nil ? nil : counts[1])
    }
}

extension DerandomizedScenarioResult: StudyResult {
    public static let domain = Domain.derandomized

    public static func text(_ results: [Self]) -> String { results.map(DerandomizedReport.text).joined(separator: "\n") }
    public static func json(_ results: [Self]) -> String { DerandomizedReport.json(results) }
    /// Derandomized scenarios have no table: CSV output is the JSON document.
    public static func csv(_ results: [Self]) -> String { DerandomizedReport.json(results) }
    public static func svg(_ results: [Self]) -> String? { nil }
    public static func outputs(_ results: [Self], path: String) -> [(path: String, text: String)] { [(path, DerandomizedReport.json(results))] }
}
