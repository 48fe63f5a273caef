import Foundation
import Testing
import Mechanisms
import Solvers
@testable import Sim

@Suite("Derandomized scenarios as block studies: blocks, threads, shards and merge")
struct DerandomizedStudyTests {
    /// V-1 (random dictator on a Condorcet cycle) with a small run count and a deviator.
    static let text = """
    domain: derandomized
    title: V-1 small
    mechanism: random-dictator
    method: game-first
    reports: [[0, 1, 2], [1, 2, 0], [2, 0, 1]]
    simulation: {runs: 20000, seed: 6, deviator: {agent: 0, moves: [0]}}
    expect:
      - {metric: total_variation, max: 0.02}
      - {metric: deviator_exact_gain, value: 0}

    """

    func study(_ text: String = Self.text) throws -> DerandomizedStudy {
        try #require(try ScenarioFile.parse(text, file: "v1.yaml") as? DerandomizedStudy)
    }

    @Test("20,000 runs with a deviator: 5 blocks of up to 4,096 plays per simulation, uniform blocks first; counts add up to the runs")
    func blockLayout() throws {
        let s = try study()
        #expect(DerandomizedScenarioRunner.playsPerBlock == 4_096)
        #expect(s.blocksPerSimulation == 5 && s.simulations == 2 && s.blockCount == 10)
        let blocks = try s.runBlocks(0..<s.blockCount, threads: 2, progress: nil)
        #expect(blocks.map(\.simulation) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        #expect(blocks.map(\.index) == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
        // 4 full blocks and 20,000 − 4 · 4,096 = 3,616 plays in the last one.
        #expect(blocks.map { $0.counts.reduce(0, +) } == [4096, 4096, 4096, 4096, 3616, 4096, 4096, 4096, 4096, 3616])
        // Without a deviator there is one simulation; 4,096 runs make exactly one block.
        let plain = try study(Self.text.replacingOccurrences(of: "runs: 20000, seed: 6, deviator: {agent: 0, moves: [0]}", with: "runs: 4096, seed: 6")
            .replacingOccurrences(of: "  - {metric: deviator_exact_gain, value: 0}\n", with: ""))
        #expect(plain.blockCount == 1)
        // A block is computed from its index alone: a range in the middle equals the same blocks of a whole run.
        #expect(try s.runBlocks(4..<7, threads: 1, progress: nil) == Array(blocks[4..<7]))
    }

    @Test("a whole run's JSON equals shards 0/3, 1/3, 2/3 through shard files merged in shuffled order; threads 1 and 7 agree")
    func shardsAndThreads() throws {
        let s = try study()
        #expect(s.blockCount > 1)
        let whole = try s.run(threads: 1)
        let seven = try s.run(threads: 7)
        let reference = DerandomizedScenarioResult.json([whole])
        #expect(DerandomizedScenarioResult.json([seven]) == reference)
        #expect(!whole.failed)
        let files = try (0..<3).map { i in
            let shard = Shard(index: i, count: 3)
            let rendered = ShardFile(shard: shard, parts: [try StudyPipeline.shardPart(s, shard: shard, threads: 2)]).rendered()
            return ("part\(i).json", try ShardFile.parse(Data(rendered.utf8), path: "part\(i).json"))
        }
        #expect(files.map { $0.1.parts[0].blocks.count } == [3, 3, 4])
        let merged = try ShardFile.merge([files[2], files[0], files[1]])
        let result = try #require(try StudyPipeline.finish(merged[0], threads: 3) as? DerandomizedScenarioResult)
        #expect(DerandomizedScenarioResult.json([result]) == reference)
        #expect(result.frequencies == whole.frequencies)
    }

    @Test("the deviator's empirical gain and z-score are the mean and standard error of its per-play Borda utilities")
    func deviatorStatistics() throws {
        let s = try study()
        let blocks = try s.runBlocks(0..<s.blockCount, threads: 2, progress: nil)
        let result = try s.finish(blocks, threads: 2)
        // Voter 0 ranks 0 > 1 > 2: Borda utilities 2, 1, 0; the lottery value is 1.
        #expect(result.model.utilities[0] == [Rational(2), Rational(1), Rational(0)])
        var counts = [0, 0, 0]
        for b in blocks where b.simulation == 1 { for k in 0..<3 { counts[k] += b.counts[k] } }
        // Every play's utility, listed one by one as the sequential runner kept them.
        let plays = (0..<3).flatMap { k in Array(repeating: Double(2 - k), count: counts[k]) }
        #expect(plays.count == 20_000)
        let mean = plays.reduce(0, +) / 20_000
        let variance = plays.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 19_999
        let metric = { (name: String) in result.metrics.first { $0.0 == name }?.1 ?? .nan }
        #expect(abs(metric("deviator_empirical_gain") - (mean - 1)) < 1e-12)
        #expect(abs(metric("deviator_gain_z") - abs(mean - 1) / (variance / 20_000).squareRoot()) < 1e-9)
        #expect(metric("deviator_exact_gain") == 0 && result.exactGain == .zero)
    }

    @Test("finish refuses blocks that do not belong to the scenario")
    func foreignBlocks() throws {
        let s = try study()
        let blocks = try s.runBlocks(0..<s.blockCount, threads: 2, progress: nil)
        #expect(throws: ScenarioError.self) { try s.finish(Array(blocks.dropLast()), threads: 1) }
        #expect(throws: ScenarioError.self) { try s.finish(Array(blocks.reversed()), threads: 1) }
        var short = blocks
        short[0].counts[0] -= 1
        #expect(throws: ScenarioError.self) { try s.finish(short, threads: 1) }
    }
}
