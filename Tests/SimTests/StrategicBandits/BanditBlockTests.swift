import Foundation
import Mechanisms
import Testing
@testable import Sim

@Suite("Strategic bandits: experiments as block studies (shards, merge, threads)")
struct BanditBlockTests {
    static let clickInstance = "domain: strategic-bandits\ninstance: {means: [0.8, 0.7, 0.6, 0.5, 0.4], lambda: 5}\nseed: 1\n"
    static let linearInstance = "domain: strategic-bandits\nlinear: {noise_sd: 0.5}\nmechanisms: [linucb, optgtm]\nseed: 1\n"

    /// Small scenarios of every experiment (a few seconds in a debug build), with their block
    /// counts at the default block sizes.
    static let scenarios: [String: (text: String, blocks: Int)] = [
        // 2 columns x 3 horizons, 4 seeds each: one block per cell.
        "a1": (clickInstance + "title: small A-1\nexperiment: a1\nseeds: 4\nhorizons: [300, 1000, 3000]\n"
               + "columns: [{mechanism: ucb-s, profile: \"P*\"}, {mechanism: ucb-utility, profile: P_cb}]\n", 6),
        // 2 learners x 2 executions.
        "a2": (clickInstance + "title: small A-2\nexperiment: a2\nhorizon: 300\nepochs: 2\nexecutions: 2\nrollouts: 1\n", 4),
        // ucb-s at 2 horizons, ucb-utility at 1: one block per check.
        "a3": (clickInstance + "title: small A-3\nexperiment: a3\nseeds: 4\nhorizons: [500, 1000]\nunaware_horizons: [1000]\n"
               + "grid_step: 0.5\noffsets: [0.02]\n", 3),
        // 2 mechanisms x 2 executions.
        "b1": (linearInstance + "title: small B-1\nexperiment: b1\nhorizon: 200\nepochs: 1\nexecutions: 2\n", 4),
        // 2 mechanisms x 2 horizons: one block per check.
        "b2": (linearInstance + "title: small B-2\nexperiment: b2\nseeds: 3\nhorizons: [300, 600]\nscales: [2, 3]\n", 4),
        // The gaming dynamics, then 4 cells x 3 horizons.
        "b3": (linearInstance + "title: small B-3\nexperiment: b3\nseeds: 2\nhorizons: [200, 400, 800]\nhorizon: 200\nepochs: 1\n", 13),
    ]

    static func json(_ r: any StudyResult) throws -> String {
        BanditExperimentResult.json([try #require(r as? BanditExperimentResult)])
    }

    @Test("a whole run, shards 0/3, 1/3, 2/3 merged in any order, and threads 1 and 7 give the same JSON",
          arguments: ["a1", "a2", "a3", "b1", "b2", "b3"])
    func shardsAndThreads(_ name: String) throws {
        let (text, blocks) = try #require(Self.scenarios[name])
        let study = try ScenarioFile.parse(text, file: "\(name).yaml")
        #expect(study.blockCount == blocks)
        let whole = try Self.json(StudyPipeline.run(study, threads: 2))
        #expect(whole.contains("\"title\""))
        let files = try (0..<3).map { i in
            let shard = Shard(index: i, count: 3)
            let rendered = ShardFile(shard: shard, parts: [try StudyPipeline.shardPart(study, shard: shard, threads: 2)]).rendered()
            return ("part\(i)", try ShardFile.parse(Data(rendered.utf8), path: "part\(i)"))
        }
        let merged = try ShardFile.merge([files[2], files[0], files[1]])
        #expect(try Self.json(StudyPipeline.finish(merged[0], threads: 1)) == whole)
        #expect(try Self.json(StudyPipeline.run(study, threads: 1)) == whole)
        #expect(try Self.json(StudyPipeline.run(study, threads: 7)) == whole)
    }

    @Test("a scenario's run through its blocks prints what BanditScenario.run prints; progress counts blocks")
    func progressAndScenarioRun() throws {
        let text = try #require(Self.scenarios["a3"]).text
        let study = try #require(try ScenarioFile.parse(text, file: "a3.yaml") as? BanditStudy)
        let seen = Locked<[Int]>([])
        let blocks = try study.runBlocks(1..<3, threads: 2) { done, total in
            #expect(total == 2)
            seen.withLock { $0.append(done) }
        }
        #expect(blocks.count == 2)
        #expect(seen.withLock { $0.sorted() } == [1, 2])
        let all = try study.runBlocks(0..<3, threads: 2, progress: nil)
        #expect(Array(all[1..<3]) == blocks)
        let viaBlocks = try study.finish(all, threads: 1)
        let direct = try study.scenario.run(threads: 2)
        #expect(viaBlocks.json == direct.json && viaBlocks.text == direct.text && viaBlocks.csv == direct.csv && viaBlocks.svg == direct.svg)
        // A merge with a block missing is refused with the experiment's count.
        #expect(throws: ScenarioError.self) { try study.finish(Array(all.dropLast()), threads: 1) }
    }

    /// The experiment's blocks `0..<n` computed in three pieces with 2 threads, then finished.
    static func inPieces(_ e: any BanditExperiment) throws -> BanditExperimentResult {
        let n = e.blockCount, cuts = [0, n / 3, 2 * n / 3, n]
        var blocks: [BanditBlock] = []
        for p in 0..<3 { blocks += try e.runBlocks(cuts[p]..<cuts[p + 1], threads: 2, progress: nil) }
        return try e.finish(blocks, file: "x.yaml", title: "x", expected: [])
    }

    @Test("blocks that split a cell's seeds or a check's runs (few rounds per block) give the report of one block per cell",
          arguments: ["a1", "a3", "b2", "b3"])
    func finerBlocks(_ name: String) throws {
        let text = try #require(Self.scenarios[name]).text
        let scenario = try BanditScenario.parse(text, file: "x.yaml")
        var fine = scenario.experimentStudy
        switch fine {
        case var s as ClickbaitStaticStudy: s.roundsPerBlock = 1000; fine = s
        case var s as ClickbaitEquilibriumStudy: s.roundsPerBlock = 1000; fine = s
        case var s as LinearDeviationStudy: s.roundsPerBlock = 1000; fine = s
        case var s as LinearScalingStudy: s.roundsPerBlock = 500; fine = s
        default: Issue.record("no block size for \(name)")
        }
        // A block holds rounds/T runs (at least one). A-1 at 1000 rounds: 3 of the 4 seeds at
        // T = 300 (2 blocks), one at 1000 and at 3000 (4 and 4): 10 per column. B-3 at 500: both
        // seeds at T = 200 (1 block), one at 400 and 800 (2 and 2): 5 per cell, and the dynamics.
        let counts = ["a1": 2 * (2 + 4 + 4), "b3": 1 + 4 * (1 + 2 + 2)]
        if let c = counts[name] { #expect(fine.blockCount == c) }
        #expect(fine.blockCount > scenario.experimentStudy.blockCount)
        let coarse = try scenario.experimentStudy.run(file: "x.yaml", title: "x", threads: 2)
        let split = try Self.inPieces(fine)
        #expect(split.json == coarse.json && split.csv == coarse.csv && split.svg == coarse.svg)
    }

    @Test("run blocks: each group's runs in chunks of about the rounds per block (at least one run), interleaved evenly")
    func runPlan() {
        // 10^7 rounds: 2 runs at T = 4*10^6 (13 blocks for 25 runs), all 7 at T = 10^4, 1 at 2*10^7.
        let plan = BanditRunPlan(groups: [(runs: 25, horizon: 4_000_000), (runs: 7, horizon: 10_000), (runs: 3, horizon: 20_000_000)],
                                 rounds: 10_000_000)
        // Positions (j + 1/2)/n: group 0 at 1/26, 3/26, ..., group 1 at 1/2, group 2 at 1/6, 1/2, 5/6.
        #expect(plan.chunks.map(\.group) == [0, 0, 2, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0, 0])
        #expect(plan.chunks.filter { $0.group == 0 }.map(\.runs) == (0..<13).map { 2 * $0 ..< min(25, 2 * $0 + 2) })
        #expect(plan.chunks[8].runs == 0..<7)
        #expect(plan.chunks.filter { $0.group == 2 }.map(\.runs) == [0..<1, 1..<2, 2..<3])
        // Groups come back in run order whatever the interleaving.
        let blocks = plan.chunks.map { c in BanditBlock.runs(c.runs.map { [Double(100 * c.group + $0)] }) }
        let groups = try? plan.groups(blocks[...], file: "x")
        #expect(groups?[0].map { $0[0] } == (0..<25).map(Double.init))
        #expect(groups?[2].map { $0[0] } == [200, 201, 202])
    }

    /// Blocks at the default sizes (10^7 rounds per click-bandit block, 10^6 per linear one).
    /// one per (learner, seed), 10 seeds by default.
    /// A-3 full: every arm has 105 deviations (the 101 grid points but s*_i, and the 5 offsets off
    /// the grid; s' = 1 is on it), so ucb-s's checks have (1 + 525)·20 = 10,520 runs and
    /// ucb-utility's (1 + 105)·20 = 2,120; at 1000, 333, 100, 33, 10 runs per block for T = 10^4
    /// ... 10^6 that is 11 + 32 + 106 + 319 + 1052 blocks, and 3 + 7 + 22: 1,552. B-3: 20 seeds
    /// are 2 blocks at T = 10^5 (10 runs per block), 1 elsewhere: 4·6 + 1 (the gaming dynamics).
    static let paperBlocks = [
        "buening2024-clickbait/a1-short.yaml": 8, "buening2024-clickbait/a1-static-profiles.yaml": 36,
        "buening2024-clickbait/a2-dynamics-desired.yaml": 20, "buening2024-clickbait/a2-dynamics-half.yaml": 10,
        "buening2024-clickbait/a2-dynamics-random.yaml": 20, "buening2024-clickbait/a3-equilibrium-check.yaml": 1552,
        "buening2024-clickbait/a3-short.yaml": 4,
        "buening2024-strategic-linear/b1-k5-variant.yaml": 20, "buening2024-strategic-linear/b1-replica-code-flags.yaml": 20,
        "buening2024-strategic-linear/b1-replica.yaml": 20, "buening2024-strategic-linear/b1-short.yaml": 4,
        "buening2024-strategic-linear/b2-deviation.yaml": 4, "buening2024-strategic-linear/b2-short.yaml": 4,
        "buening2024-strategic-linear/b3-scaling.yaml": 25,
    ]

    @Test("A-2 runs several seeds (10 by default; 'executions' still read) and judges each criterion on the 95% t-interval over them")
    func armDynamicsSeeds() throws {
        let small = Self.clickInstance + "title: small A-2\nexperiment: a2\nhorizon: 300\nepochs: 2\nrollouts: 1\n"
        #expect(try ScenarioFile.parse(small, file: "a2.yaml").blockCount == 2 * 10)
        #expect(try ScenarioFile.parse(small + "executions: 2\n", file: "a2.yaml").blockCount == 2 * 2)
        let three = try ScenarioFile.parse(small + "seeds: 3\n", file: "a2.yaml")
        #expect(three.blockCount == 2 * 3)
        #expect(throws: ScenarioError.self) { try ScenarioFile.parse(small + "seeds: 3\nexecutions: 2\n", file: "a2.yaml") }
        let result = try #require(try StudyPipeline.run(three, threads: 2) as? BanditExperimentResult)
        #expect(result.criteria.map(\.id) == ["a2-ucbs-best-arm", "a2-ucbs-regret", "a2-b2-clickbait", "a2-ratio"])
        for c in result.criteria {
            #expect(c.measured.contains("95% t-interval [") && c.measured.hasSuffix("over 3 seeds"), "\(c.measured)")
            #expect(c.statement.contains("95% t-interval"), "\(c.statement)")
        }
        #expect(result.report.contains("3 seed(s) (independent executions; the table shows means over them)"))
    }

    @Test("the 95% t-interval: t(0.975) from the table and the expansion; [1, 2, 3] gives 2 ± 4.3027/sqrt(3)")
    func tInterval() {
        #expect(SampleStatistics.tQuantile975(degreesOfFreedom: 1) == 12.7062)
        #expect(SampleStatistics.tQuantile975(degreesOfFreedom: 9) == 2.2622)
        // Standard tables: t(0.975, 40) = 2.0211, t(0.975, 120) = 1.9799.
        #expect(abs(SampleStatistics.tQuantile975(degreesOfFreedom: 40) - 2.0211) < 1e-4)
        #expect(abs(SampleStatistics.tQuantile975(degreesOfFreedom: 120) - 1.9799) < 1e-4)
        let (lo, hi) = SampleStatistics([1, 2, 3]).tInterval95
        #expect(abs(lo - (2 - 4.3027 / 3.0.squareRoot())) < 1e-12 && abs(hi - (2 + 4.3027 / 3.0.squareRoot())) < 1e-12)
        let one = SampleStatistics([5]).tInterval95
        #expect(one.lower == 5 && one.upper == 5)
        #expect(SampleStatistics([5]).intervalText(NumberFormatting.short) == "5 (1 seed, no interval)")
    }

    @Test("the paper scenarios' block counts: one per execution of the dynamics, many for the long A-3 check")
    func paperBlockCounts() throws {
        for (file, blocks) in Self.paperBlocks {
            let study = try ScenarioFile.load(file: repositoryRoot.appendingPathComponent("scenarios/papers/" + file).path)
            #expect(study.blockCount == blocks, "\(file)")
        }
    }
}
