import Foundation
import Testing
import Sim
@testable import Benchmarks

/// Every workload of `mechsim bench` on a tiny size: the counts and checksums they report, not
/// their timings.
@Suite("Benchmark workloads on tiny sizes")
struct BenchmarksTests {
    static func tiny() -> BenchmarkSettings {
        var s = BenchmarkSettings()
        s.profiles = 300
        s.agents = 7
        s.auctions = 12
        s.solves = 30
        s.banditHorizon = 200
        s.banditSeeds = 3
        s.repetitions = 1
        s.threads = 2
        s.strategyproofnessAgents = 3
        s.strategyproofnessGrid = 4
        s.assignmentSizes = [(5, 3), (6, 2)]
        s.acquisitionAgents = 2
        s.growthAgents = 2
        return s
    }

    @Test("W1: 300 profiles of 7 agents, five metric means; the median's total cost is the least")
    func w1() throws {
        let report = try FacilityBenchmark.measure(Self.tiny())
        let r = report.result
        #expect(r.profiles == 300 && r.agents == 7 && r.threads == 2)
        #expect(r.means.map(\.0) == FacilityBenchmark.metricNames)
        #expect(report.baselinePerSecond == nil)
        let m = Dictionary(uniqueKeysWithValues: r.means)
        // The median minimizes the total cost on every profile, so on the mean as well.
        #expect(m["median_total_cost"]! <= m["uniform_phantom_total_cost"]!)
        #expect(m["median_total_cost"]! <= m["random_rank_total_cost"]!)
        #expect((0.3...0.7).contains(m["uniform_phantom_location"]!))
        // Uniform profiles of 7: E[max - min] = 6/8; Random Rank's expected max cost lies between
        // half of that and all of it.
        #expect((0.375...0.75).contains(m["random_rank_max_cost"]!))
        #expect(report.text.hasPrefix("W1 facility location: 300 profiles x 7 agents, 2 thread(s)\n  random_rank_total_cost: "))
    }

    @Test("W1 metrics on (0, 1/2, 1): Random Rank 4/3 and 5/6, Uniform Phantom at 1/2 with cost 1, median cost 1")
    func w1HandComputed() throws {
        let m = try FacilityBenchmark.means(of: [[0, 0.5, 1]])
        let expected = [4.0 / 3, 5.0 / 6, 0.5, 1, 1]
        for (got, want) in zip(m.map(\.1), expected) { #expect(abs(got - want) < 1e-12) }
    }

    @Test("W1: bench/baselines/facility_numpy.py gives MechSim's means on the same 60 profiles (7 and 10 agents)")
    func numpyBaselineAgrees() throws {
        let script = try BaselineScript.locate(BaselineScript.facilityNumpy)
        for agents in [7, 10] {
            var rng = Xoshiro256StarStar(seed: 42, stream: UInt64(agents))
            var profiles = (0..<60).map { _ in (0..<agents).map { _ in rng.nextUnit() } }
            profiles[0] = [Double](repeating: 0.25, count: agents)  // ties
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-w1-\(UUID().uuidString).f64")
            var data = Data()
            for p in profiles { for x in p { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } } }
            try data.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            // Fails, naming what to install, when python3 or numpy is missing: never skipped.
            let output = try BaselineScript.runPython(script, ["--input", file.path, "--agents", String(agents)])
            let ours = try FacilityBenchmark.means(of: profiles)
            #expect(ours.count == 5)
            for (name, mean) in ours {
                let theirs = try #require(BaselineScript.number(after: "\(name): ", in: output), "\(name) missing in:\n\(output)")
                #expect(abs(theirs - mean) < 1e-9, "\(name) with \(agents) agents: numpy \(theirs), MechSim \(mean)")
            }
            #expect(output.contains("profiles: 60 agents: \(agents) "))
        }
    }

    @Test("W2: 30 assignment LPs, GLPKSolver and raw GLPK agree")
    func w2() throws {
        let report = try SolverBenchmark.measure(Self.tiny())
        let r = report.result
        #expect(r.solves == 30 && r.size == 10)
        #expect(r.maxObjectiveDifference < 1e-9)
        #expect(r.rawSeconds > 0 && r.prebuiltSeconds > 0 && r.buildingSeconds > 0)
    }

    @Test("W3: Uniform Phantom, 3 agents on the grid 1/4: 5^3 = 125 profiles, 125 x 3 x 4 evaluations, strategyproof")
    func w3() throws {
        let r = try StrategyproofnessBenchmark.measure(Self.tiny())
        #expect(r.profiles == 125)
        #expect(r.evaluations == 1500)
        #expect(r.holds)
    }

    @Test("W4: Hungarian totals equal the brute-force optimum over every permutation")
    func w4() throws {
        let settings = Self.tiny()
        let results = try AssignmentBenchmark.measure(settings)
        #expect(results.map(\.n) == [5, 6] && results.map(\.count) == [3, 2])
        for r in results {
            var rng = Xoshiro256StarStar(seed: settings.seed)
            let matrices = (0..<r.count).map { _ in (0..<r.n).map { _ in (0..<r.n).map { _ in rng.nextUnit() } } }
            let brute = matrices.reduce(0.0) { $0 + Self.bruteForceAssignment($1) }
            #expect(abs(r.totalCost - brute) < 1e-9)
            #expect(r.scipy == nil)
        }
    }

    static func bruteForceAssignment(_ cost: [[Double]]) -> Double {
        let n = cost.count
        var best = Double.infinity
        func extend(_ row: Int, _ used: [Bool], _ sum: Double) {
            if row == n { best = min(best, sum); return }
            for j in 0..<n where !used[j] {
                var u = used
                u[j] = true
                extend(row + 1, u, sum + cost[row][j])
            }
        }
        extend(0, [Bool](repeating: false, count: n), 0)
        return best
    }

    @Test("W5: 12 VCG auctions; the LP and Dinkelbach agree on revenue; 1 to 6 LPs per auction")
    func w5() throws {
        let report = try AuctionBenchmark.measure(Self.tiny())
        #expect(report.lp.auctions == 12 && report.dinkelbach.auctions == 12)
        #expect((1...6).contains(report.lp.lpSolvesPerAuction))
        #expect(report.dinkelbach.lpSolvesPerAuction == 0)
        #expect(abs(report.lp.meanRevenue - report.dinkelbach.meanRevenue) < 1e-6)
        #expect(report.lp.meanRevenue >= 0 && report.lp.meanRevenue <= report.lp.meanWelfare + 1e-9)
    }

    @Test("W6: LP-A for 2 agents has the size Shape predicts (792 variables); glpsol finds the same optimum")
    func w6() throws {
        let report = try AcquisitionBenchmark.measure(Self.tiny())
        let size = AcquisitionBenchmark.Shape(agents: 2).programSize
        #expect(size.variables == 792)
        #expect(report.run.variables == size.variables)
        #expect(report.run.equalities == size.equalities && report.run.inequalities == size.inequalities)
        #expect(abs(report.run.objective - report.glpsolObjective) < 1e-6)
        #expect(abs(report.run.objective - report.glpsolDefaultObjective) < 1e-6)
        #expect(report.growth.map(\.agents) == [2, 3, 4, 5])
        #expect(report.growth[0].run?.variables == 792)
        #expect(report.growth.dropFirst().allSatisfy { $0.run == nil && $0.note == "not attempted (raise --growth-agents)" })
    }

    @Test("W7 and W8: 3 runs of 200 rounds, on one thread and on two")
    func bandits() throws {
        for w in [Workload.W7, .W8] {
            let report = try BanditBenchmark.measure(w, Self.tiny())
            #expect(report.horizon == 200 && report.runs == 3)
            #expect(report.one.rounds == 600 && report.one.threads == 1)
            #expect(report.many?.rounds == 600 && report.many?.threads == 2)
            #expect(report.one.meanRegret.isFinite)
            // The runs do not depend on the thread count.
            #expect(report.one.meanRegret == report.many?.meanRegret)
        }
    }

    @Test("Baseline scripts are found by their repository path; a missing one is a clear error")
    func locate() throws {
        let found = try BaselineScript.locate(BaselineScript.facilityNumpy)
        #expect(FileManager.default.fileExists(atPath: found))
        #expect(found.hasSuffix("bench/baselines/facility_numpy.py"))
        #expect(throws: BenchmarkError.self) { try BaselineScript.locate("bench/baselines/no_such_baseline.py") }
        do {
            _ = try BaselineScript.locate("bench/baselines/no_such_baseline.py", hint: "pass --baseline-script PATH.")
        } catch {
            #expect(error.description.hasPrefix("the baseline script bench/baselines/no_such_baseline.py does not exist"))
            #expect(error.description.hasSuffix("pass --baseline-script PATH."))
            #expect(!error.isRunFailure)
        }
    }

    @Test("mechsim bench W1 --compare runs the repository's numpy baseline from another directory")
    func compareFromElsewhere() throws {
        let root = BaselineScript.sourceCheckout
        let binary = try #require(["debug", "release"].map { root.appendingPathComponent(".build/\($0)/mechsim") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }, "build mechsim first")
        let p = Process()
        p.executableURL = binary
        p.arguments = ["bench", "W1", "--compare", "--profiles", "500", "--agents", "5", "--repeat", "1", "--format", "json"]
        p.currentDirectoryURL = FileManager.default.temporaryDirectory
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(String(decoding: e, as: UTF8.self))")
        let json = try #require(try JSONSerialization.jsonObject(with: o) as? [String: Any])
        #expect(json["name"] as? String == "W1")
        #expect((json["baseline_per_second"] as? Double ?? 0) > 0)
        #expect(json["ratio"] != nil)
    }

    @Test("W9 on a tiny facility study: 3 blocks split 1 + 2 over 2 shards, merged bytes identical to the whole run")
    func scaling() throws {
        let text = "domain: facility-location\ntitle: tiny\nagents: 5\nprofiles: {distribution: beta, a: 2, b: 5, count: 5000, seed: 3}\nmechanisms: [random-rank, median]\n"
        let m = try ScalingBenchmark.run("tiny", text, shards: 2, threads: 2)
        #expect(m.blocks == 3 && m.shards == 2 && m.threads == 2)
        #expect(m.identical)
        #expect(m.shardSeconds.count == 2 && m.shardBytes.count == 2)
        // Shard 1 carries two blocks, shard 0 one: its file is the larger.
        #expect(m.shardBytes[1] > m.shardBytes[0])
        #expect(m.resultBytes > 0 && m.mergeSeconds > 0 && m.speedUp > 0)
        let json = ScalingBenchmark.Report(rows: [m]).json.rendered()
        #expect(json.contains("\"name\": \"W9\"") || json.contains("\"name\":\"W9\""))
        #expect(ScalingBenchmark.Report(rows: [m]).text.contains("merged bytes identical to the whole run's"))
    }

    @Test("W10: the design LP for n = 3 on the grid 1/4 (35 multisets x 9 outcomes + the ratio), solved by GLPK with ratio 6/5; the baseline file lists every row")
    func w10() throws {
        var settings = Self.tiny()
        settings.designSeries = [(3, [4])]
        let report = try DesignBenchmark.measure(settings)
        #expect(report.rows.count == 1)
        let row = try #require(report.rows.first)
        #expect(row.variables == 35 * 9 + 1)
        #expect(row.glpkStatus == "optimal")
        #expect(abs((row.glpkRatio ?? 0) - 1.2) < 1e-9)
        #expect(row.highsStatus == nil)
        #expect(report.text.contains("largest solved within the limit: GLPK N = 3, G = 4"))
        let program = try FacilityDesign.program(for: .init(agents: 3, grid: 4, axioms: DesignBenchmark.axioms, objective: .socialWelfare))
        let lines = DesignBenchmark.baselineText(program).split(separator: "\n")
        #expect(lines[0] == "sense max")
        #expect(lines[1] == "variables 316")
        #expect(lines[3] == "rows \(program.constraints.count)")
        #expect(lines.count == 4 + program.constraints.count)
    }
}
