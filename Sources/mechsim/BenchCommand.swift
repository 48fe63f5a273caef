import ArgumentParser
import Foundation
import Mechanisms
import Sim
import Solvers

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmark workloads and print their throughput.",
        discussion: """
        W1: facility-location Monte Carlo (Random Rank, Uniform Phantom, median) on uniform profiles; \
        --compare also runs the numpy baseline side by side and prints the ratio.
        W2: 10,000 random 10 x 10 assignment LPs through GLPKSolver against raw GLPK calls.
        W3: the exhaustive strategyproofness check of Uniform Phantom, 5 agents, grid 1/10.
        W4: the Hungarian method on random n x n cost matrices (n = 100 and 1,000); --compare runs \
        scipy.optimize.linear_sum_assignment on the same matrices (bench/baselines/assignment_scipy.py).
        W5: full VCG auctions under MNL (10 advertisers, 5 positions, K = 3) with the Charnes-Cooper LP through \
        GLPK, in auctions per second with the LP solves per auction; the Dinkelbach iteration (no LP) alongside.
        W6: LP-A (information acquisition, spec 1.3) for 3 agents x 3 efforts x 3 signals x 3 states x 3 actions, \
        built and solved through GLPKSolver, against the same LP written in CPLEX LP format and solved by glpsol; \
        then LP-A's size and time for 2 to 5 agents.
        """)

    enum Workload: String, ExpressibleByArgument, CaseIterable { case W1, W2, W3, W4, W5, W6 }

    @Argument(help: "W1 to W6 (default: all).")
    var workload: Workload?

    @Option(help: "Profiles for W1.")
    var profiles: Int = 100_000

    @Option(help: "Agents per profile for W1.")
    var agents: Int = 101

    @Option(help: "Auctions for W5.")
    var auctions: Int = 2_000

    @Option(help: "LP solves for W2.")
    var solves: Int = 10_000

    @Option(help: "Seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("repeat"), help: "Repetitions; the best is reported (of MechSim and of the baseline).")
    var repeat_: Int = 5

    @Flag(help: "W1: also run the numpy baseline (python3) and print the ratio.")
    var compare = false

    @Option(help: "W1: path of the numpy baseline script.")
    var baselineScript: String = "../shared/baselines/facility_numpy.py"

    @Option(help: "text or json (one object per workload per line).")
    var format: OutputFormat = .text

    @Option(help: "W6: the largest number of agents whose LP-A is built and solved in the growth series (2 to 5).")
    var growthAgents: Int = 4

    @Option(help: "W6: seconds allowed per LP in the growth series.")
    var growthTimeLimit: Double = 300

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        guard profiles >= 1 else { throw ValidationError("--profiles must be at least 1.") }
        guard agents >= 1 else { throw ValidationError("--agents must be at least 1.") }
        guard solves >= 1 else { throw ValidationError("--solves must be at least 1.") }
        guard auctions >= 1 else { throw ValidationError("--auctions must be at least 1.") }
        guard repeat_ >= 1 else { throw ValidationError("--repeat must be at least 1.") }
    }

    func run() throws {
        let workloads = workload.map { [$0] } ?? Workload.allCases
        for w in workloads {
            switch w {
            case .W1: try runW1()
            case .W2: try runW2()
            case .W3: try runW3()
            case .W4: try runW4()
            case .W5: try runW5()
            case .W6: try runW6(self)
            }
        }
    }

    func runW1() throws {
        // Side by side: with --compare each repetition runs MechSim, then the numpy baseline, so
        // both see the same machine state; the best of each is reported.
        var best: FacilityBenchmark.Result?
        var baseline: Double?
        for _ in 0..<repeat_ {
            let r = try FacilityBenchmark.runW1(profiles: profiles, agents: agents, seed: seed, threads: engine.threads)
            if best == nil || r.seconds < best!.seconds { best = r }
            if compare { baseline = max(baseline ?? 0, try numpyBaseline()) }
        }
        let r = best!
        if format == .json {
            var f: [(String, JSONValue)] = [
                ("name", .string("W1")), ("per_second", .number(r.perSecond.rounded())), ("unit", .string("profiles")),
                ("profiles", .integer(r.profiles)), ("agents", .integer(r.agents)), ("threads", .integer(r.threads)),
                ("seconds", .number(r.seconds)),
                ("means", .object(r.means.map { ($0.0, .number($0.1)) })),
            ]
            if let baseline {
                f.append(("baseline_per_second", .number(baseline.rounded())))
                f.append(("ratio", .number((r.perSecond / baseline * 100).rounded() / 100)))
            }
            print(JSONValue.object(f).rendered())
        } else {
            print("W1 facility location: \(r.profiles) profiles x \(r.agents) agents, \(r.threads) thread(s)")
            for (k, v) in r.means { print("  \(k): \(String(format: "%.6f", v))") }
            print("  seconds: \(String(format: "%.3f", r.seconds))  profiles_per_second: \(Int(r.perSecond.rounded()))")
            if let baseline {
                print("  numpy baseline profiles_per_second: \(Int(baseline.rounded()))  ratio: \(String(format: "%.1f", r.perSecond / baseline))x")
            }
        }
    }

    /// W5: VCG auctions under MNL, LP-based, and the Dinkelbach iteration on the same auctions.
    func runW5() throws {
        var best: [String: AuctionBenchmark.Result] = [:]
        for _ in 0..<repeat_ {
            for (name, method) in [("charnes-cooper-lp", WinnerDeterminationMethod.charnesCooperLP), ("dinkelbach", .dinkelbach)] {
                let r: AuctionBenchmark.Result
                do { r = try AuctionBenchmark.runW5(auctions: auctions, seed: seed, threads: engine.threads, method: method) } catch {
                    throw CLIError("W5: \(error)")
                }
                if best[name].map({ r.seconds < $0.seconds }) ?? true { best[name] = r }
            }
        }
        let lp = best["charnes-cooper-lp"]!, dk = best["dinkelbach"]!
        if format == .json {
            print(JSONValue.object([
                ("name", .string("W5")), ("per_second", .number(lp.perSecond.rounded())), ("unit", .string("auctions")),
                ("auctions", .integer(lp.auctions)), ("threads", .integer(engine.threads)), ("seconds", .number(lp.seconds)),
                ("lp_solves_per_auction", .number(lp.lpSolvesPerAuction)), ("mean_revenue", .number(lp.meanRevenue)),
                ("mean_welfare", .number(lp.meanWelfare)), ("dinkelbach_per_second", .number(dk.perSecond.rounded())),
            ]).rendered())
        } else {
            print("W5 VCG auctions under MNL: \(lp.auctions) auctions, 10 advertisers, 5 positions, K = 3, \(engine.threads) thread(s)")
            print("  charnes-cooper-lp  auctions_per_second: \(Int(lp.perSecond.rounded()))  lp_solves_per_auction: \(String(format: "%.2f", lp.lpSolvesPerAuction))")
            print("  dinkelbach         auctions_per_second: \(Int(dk.perSecond.rounded()))  (no LP)")
            print("  mean revenue \(String(format: "%.6f", lp.meanRevenue)) (dinkelbach \(String(format: "%.6f", dk.meanRevenue))), mean welfare \(String(format: "%.6f", lp.meanWelfare))")
        }
    }

    /// Runs the numpy script with the same workload and reads its profiles_per_second.
    func numpyBaseline() throws -> Double {
        guard FileManager.default.fileExists(atPath: baselineScript) else {
            throw CLIError("the baseline script \(baselineScript) does not exist; pass --baseline-script PATH.")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", baselineScript, "--profiles", String(profiles), "--agents", String(agents), "--seed", String(seed)]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { throw CLIError("cannot run python3: \(error.localizedDescription)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard p.terminationStatus == 0,
              let range = text.range(of: "profiles_per_second: "),
              let v = Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." }) else {
            throw CLIError("the numpy baseline failed or printed no profiles_per_second (is numpy installed?).")
        }
        return v
    }

    /// W3: the exhaustive strategyproofness check of a deterministic mechanism (Uniform Phantom,
    /// 5 agents, grid 1/10: every profile, agent and misreport), in (profile, misreport)
    /// evaluations per second, on all cores (the grid is split by the first agent's location).
    func runW3() throws {
        let n = 5, g = 10
        let clock = ContinuousClock()
        var best = Double.infinity
        var checked = 0
        for _ in 0..<repeat_ {
            let start = clock.now
            let r = try AxiomChecker.check(UniformPhantom(), against: StrategyProofness(), over: .grid(agents: n, resolution: g))
            let d = clock.now - start
            best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
            checked = r.profilesChecked
        }
        let evaluations = Double(checked * n * g)
        if format == .json {
            print(JSONValue.object([
                ("name", .string("W3")), ("per_second", .number((evaluations / best).rounded())), ("unit", .string("(profile, misreport) evaluations")),
                ("agents", .integer(n)), ("grid", .integer(g)), ("profiles", .integer(checked)), ("seconds", .number(best)),
            ]).rendered())
        } else {
            print("W3 exhaustive strategyproofness check, uniform-phantom, \(n) agents, grid 1/\(g): \(checked) profiles, all cores")
            print("  evaluations_per_second: \(Int((evaluations / best).rounded()))  seconds: \(String(format: "%.3f", best))")
        }
    }

    /// W4: `Assignment.solve` (Hungarian method) on random uniform n x n matrices, n = 100 (200
    /// matrices) and n = 1,000 (5 matrices), one thread; with --compare, scipy solves the same
    /// matrices (written to a temporary file) and the per-solve times are compared.
    func runW4() throws {
        for (n, count) in [(100, 200), (1000, 5)] {
            var rng = Xoshiro256StarStar(seed: seed)
            let matrices: [[[Double]]] = (0..<count).map { _ in (0..<n).map { _ in (0..<n).map { _ in rng.nextUnit() } } }
            let clock = ContinuousClock()
            var best = Double.infinity
            var total = 0.0
            for _ in 0..<max(1, min(repeat_, 3)) {
                let start = clock.now
                var sum = 0.0
                for m in matrices { sum += try Assignment.solve(cost: m).total }
                let d = clock.now - start
                best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
                total = sum
            }
            let perSolve = best / Double(count)
            var scipy: (Double, Double)?
            if compare { scipy = try scipyBaseline(matrices, n: n) }
            if format == .json {
                var f: [(String, JSONValue)] = [
                    ("name", .string("W4")), ("n", .integer(n)), ("per_second", .number((1 / perSolve * 100).rounded() / 100)),
                    ("unit", .string("assignment solves")), ("seconds_per_solve", .number(perSolve)), ("total_cost", .number(total)),
                ]
                if let (s, cost) = scipy {
                    f += [("scipy_seconds_per_solve", .number(s)), ("ratio", .number((s / perSolve * 100).rounded() / 100)),
                          ("cost_difference", .number(abs(cost - total)))]
                }
                print(JSONValue.object(f).rendered())
            } else {
                print("W4 assignment, Hungarian method, \(count) random \(n) x \(n) matrices, one thread")
                print("  seconds_per_solve: \(String(format: "%.6f", perSolve))  total_cost: \(String(format: "%.9f", total))")
                if let (s, cost) = scipy {
                    print("  scipy linear_sum_assignment seconds_per_solve: \(String(format: "%.6f", s))  ratio (scipy / MechSim): \(String(format: "%.2f", s / perSolve))  costs agree to \(abs(cost - total))")
                }
            }
        }
    }

    /// Writes the matrices as raw float64 and runs the scipy baseline on them.
    func scipyBaseline(_ matrices: [[[Double]]], n: Int) throws -> (Double, Double) {
        let script = "bench/baselines/assignment_scipy.py"
        guard FileManager.default.fileExists(atPath: script) else {
            throw CLIError("\(script) not found; run from the repository root.")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-w4-\(ProcessInfo.processInfo.processIdentifier)-\(n).f64")
        var data = Data(capacity: matrices.count * n * n * 8)
        for m in matrices { for row in m { for x in row { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } } } }
        do { try data.write(to: file) } catch { throw CLIError("cannot write \(file.path): \(error.localizedDescription)") }
        defer { try? FileManager.default.removeItem(at: file) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script, file.path, "--n", String(n), "--count", String(matrices.count), "--repeat", String(max(1, min(repeat_, 3)))]
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { throw CLIError("cannot run python3: \(error.localizedDescription)") }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        func value(_ key: String) -> Double? {
            guard let r = out.range(of: key + ": ") else { return nil }
            return Double(out[r.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "e" || $0 == "-" })
        }
        guard p.terminationStatus == 0, let s = value("seconds_per_solve"), let cost = value("total_cost") else {
            throw CLIError("the scipy baseline failed (is scipy installed?): \(out)")
        }
        return (s, cost)
    }

    func runW2() throws {
        let r: SolverBenchmark.Result
        do { r = try SolverBenchmark.runW2(solves: solves, size: 10, seed: seed, repetitions: repeat_) } catch { throw CLIError("W2 failed: \(error)") }
        if format == .json {
            print(JSONValue.object([
                ("name", .string("W2")), ("per_second", .number(r.swiftPerSecond.rounded())), ("unit", .string("LP solves")),
                ("solves", .integer(r.solves)), ("size", .integer(r.size)),
                ("raw_glpk_per_second", .number(r.rawPerSecond.rounded())),
                ("overhead_percent", .number((r.overheadPercent * 10).rounded() / 10)),
                ("build_and_solve_per_second", .number(r.buildingPerSecond.rounded())),
                ("build_and_solve_overhead_percent", .number((r.buildingOverheadPercent * 10).rounded() / 10)),
                ("max_objective_difference", .number(r.maxObjectiveDifference)),
            ]).rendered())
        } else {
            print("W2 assignment LP \(r.size) x \(r.size): \(r.solves) solves, one thread, interleaved blocks, best of \(repeat_)")
            print("  raw GLPK calls          solves_per_second: \(Int(r.rawPerSecond.rounded()))")
            print("  GLPKSolver (built LP)   solves_per_second: \(Int(r.swiftPerSecond.rounded()))  overhead \(String(format: "%+.1f", r.overheadPercent))%")
            print("  build LP + GLPKSolver   solves_per_second: \(Int(r.buildingPerSecond.rounded()))  overhead \(String(format: "%+.1f", r.buildingOverheadPercent))%")
            print("  objectives agree to \(r.maxObjectiveDifference)")
        }
    }
}
