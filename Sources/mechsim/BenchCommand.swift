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
        W7: UCB-S on the strategic click-bandit (spec A.6 instance at s*, T = --bandit-horizon or 1e5) in rounds per second, \
        --bandit-seeds runs as parallel work items; --compare runs bench/baselines/ucbs_numpy.py side by side.
        W8: OptGTM on the strategic linear bandit (spec B.4, truthful arms, T = 1e4) in rounds per second; --compare runs \
        bench/baselines/optgtm_numpy.py.
        """)

    enum Workload: String, ExpressibleByArgument, CaseIterable { case W1, W2, W3, W4, W5, W6, W7, W8 }

    @Argument(help: "W1 to W8 (default: all).")
    var workload: Workload?

    @Option(help: "Profiles for W1.")
    var profiles: Int = 100_000

    @Option(help: "Agents per profile for W1.")
    var agents: Int = 101

    @Option(help: "Auctions for W5.")
    var auctions: Int = 2_000

    @Option(help: "LP solves for W2.")
    var solves: Int = 10_000

    @Option(help: "W7/W8: rounds per run (default 100000 for W7, 10000 for W8).")
    var banditHorizon: Int?

    @Option(help: "W7/W8: runs (seeds), each a parallel work item.")
    var banditSeeds: Int = 16

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
        guard banditSeeds >= 1 else { throw ValidationError("--bandit-seeds must be at least 1.") }
        if let banditHorizon, banditHorizon < 1 { throw ValidationError("--bandit-horizon must be at least 1, got \(banditHorizon).") }
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
            case .W7: try runBandit(.W7)
            case .W8: try runBandit(.W8)
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
    /// W7/W8: the best of --repeat runs at 1 thread and at --threads, and with --compare the
    /// numpy baseline run after each repetition (same machine state); the best of each is kept.
    func runBandit(_ w: Workload) throws {
        let horizon = banditHorizon ?? (w == .W7 ? 100_000 : 10_000)
        func once(_ threads: Int) throws -> BanditBenchmark.Result {
            do {
                return w == .W7 ? try BanditBenchmark.runW7(horizon: horizon, seeds: banditSeeds, seed: seed, threads: threads)
                                : try BanditBenchmark.runW8(horizon: horizon, seeds: banditSeeds, seed: seed, threads: threads)
            } catch { throw CLIError("\(w.rawValue): \(error)") }
        }
        var best1: BanditBenchmark.Result?, bestN: BanditBenchmark.Result?
        var baseline: Double?
        let script = w == .W7 ? "bench/baselines/ucbs_numpy.py" : "bench/baselines/optgtm_numpy.py"
        for _ in 0..<repeat_ {
            let a = try once(1)
            if best1 == nil || a.seconds < best1!.seconds { best1 = a }
            if engine.threads > 1 {
                let b = try once(engine.threads)
                if bestN == nil || b.seconds < bestN!.seconds { bestN = b }
            }
            if compare {
                let baseHorizon = w == .W7 ? min(horizon, 50_000) : min(horizon, 5_000)
                baseline = max(baseline ?? 0, try pythonBaseline(script, ["--horizon", String(baseHorizon), "--seeds", "1", "--seed", String(seed)],
                                                                 key: "rounds_per_second: "))
            }
        }
        let one = best1!
        let what = w == .W7 ? "UCB-S, click-bandit K = 5 at s*" : "OptGTM, linear bandit d = 5, K = 4, truthful"
        if format == .json {
            var f: [(String, JSONValue)] = [
                ("name", .string(w.rawValue)), ("per_second", .number(one.perSecond.rounded())), ("unit", .string("rounds")),
                ("horizon", .integer(horizon)), ("runs", .integer(banditSeeds)), ("threads", .integer(1)), ("seconds", .number(one.seconds)),
                ("mean_regret", .number(one.meanRegret)),
            ]
            if let n = bestN {
                f.append(("threads_many", .integer(n.threads)))
                f.append(("per_second_many", .number(n.perSecond.rounded())))
                f.append(("speedup", .number((one.seconds / n.seconds * 100).rounded() / 100)))
            }
            if let baseline {
                f.append(("baseline_per_second", .number(baseline.rounded())))
                f.append(("ratio", .number((one.perSecond / baseline * 10).rounded() / 10)))
            }
            print(JSONValue.object(f).rendered())
        } else {
            print("\(w.rawValue) \(what): \(banditSeeds) runs x T = \(horizon)")
            print("  1 thread: \(Int(one.perSecond.rounded())) rounds/s (\(String(format: "%.3f", one.seconds)) s), mean regret \(NumberFormatting.short(one.meanRegret))")
            if let n = bestN {
                print("  \(n.threads) threads: \(Int(n.perSecond.rounded())) rounds/s, speed-up \(String(format: "%.2f", one.seconds / n.seconds))x")
            }
            if let baseline {
                print("  numpy baseline (\(script)): \(Int(baseline.rounded())) rounds/s, ratio \(String(format: "%.0f", one.perSecond / baseline))x on one core")
            }
        }
    }

    /// Runs `python3 script arguments...` and returns its exit status and standard output; a
    /// missing script is a CLI error whose message ends with `hint`.
    func runPython(_ script: String, _ arguments: [String], hint: String) throws -> (status: Int32, output: String) {
        guard FileManager.default.fileExists(atPath: script) else {
            throw CLIError("the baseline script \(script) does not exist; \(hint)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        do { try p.run() } catch { throw CLIError("cannot run python3: \(error.localizedDescription)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The number a baseline script prints after `key` (a plain decimal).
    func pythonBaseline(_ script: String, _ arguments: [String], key: String,
                        hint: String = "run from the repository root.") throws -> Double {
        let (status, text) = try runPython(script, arguments, hint: hint)
        guard status == 0, let range = text.range(of: key),
              let v = Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." }) else {
            throw CLIError("the numpy baseline \(script) failed or printed no \(key)(is numpy installed?).")
        }
        return v
    }

    func numpyBaseline() throws -> Double {
        try pythonBaseline(baselineScript, ["--profiles", String(profiles), "--agents", String(agents), "--seed", String(seed)],
                           key: "profiles_per_second: ", hint: "pass --baseline-script PATH.")
    }

    /// W3: the exhaustive strategyproofness check of a deterministic mechanism (Uniform Phantom,
    /// 5 agents, grid 1/10: every profile, agent and misreport), in (profile, misreport)
    /// evaluations per second, on all cores. The check as `mechsim check` runs it tabulates the
    /// mechanism on the grid first (`per_second`); the per-profile path, which recomputes the
    /// mechanism for every misreport, is timed beside it (`per_profile_per_second`).
    func runW3() throws {
        let n = 5, g = 10
        let clock = ContinuousClock()
        func best(tabulate: Bool) throws -> (seconds: Double, profiles: Int) {
            var best = Double.infinity
            var checked = 0
            for _ in 0..<repeat_ {
                let start = clock.now
                let r = try AxiomChecker.check(UniformPhantom(), against: StrategyProofness(), over: .grid(agents: n, resolution: g), tabulate: tabulate)
                let d = clock.now - start
                best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
                checked = r.profilesChecked
            }
            return (best, checked)
        }
        let tabulated = try best(tabulate: true)
        let perProfile = try best(tabulate: false)
        let evaluations = Double(tabulated.profiles * n * g)
        if format == .json {
            print(JSONValue.object([
                ("name", .string("W3")), ("per_second", .number((evaluations / tabulated.seconds).rounded())), ("unit", .string("(profile, misreport) evaluations")),
                ("agents", .integer(n)), ("grid", .integer(g)), ("profiles", .integer(tabulated.profiles)), ("seconds", .number(tabulated.seconds)),
                ("per_profile_per_second", .number((evaluations / perProfile.seconds).rounded())), ("per_profile_seconds", .number(perProfile.seconds)),
            ]).rendered())
        } else {
            print("W3 exhaustive strategyproofness check, uniform-phantom, \(n) agents, grid 1/\(g): \(tabulated.profiles) profiles, all cores")
            print("  evaluations_per_second: \(Int((evaluations / tabulated.seconds).rounded()))  seconds: \(String(format: "%.3f", tabulated.seconds))  (mechanism tabulated on the grid)")
            print("  per-profile path: \(Int((evaluations / perProfile.seconds).rounded()))  seconds: \(String(format: "%.3f", perProfile.seconds))  (mechanism run for every misreport)")
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
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-w4-\(ProcessInfo.processInfo.processIdentifier)-\(n).f64")
        var data = Data(capacity: matrices.count * n * n * 8)
        for m in matrices { for row in m { for x in row { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } } } }
        do { try data.write(to: file) } catch { throw CLIError("cannot write \(file.path): \(error.localizedDescription)") }
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, out) = try runPython(script, [file.path, "--n", String(n), "--count", String(matrices.count),
                                                   "--repeat", String(max(1, min(repeat_, 3)))], hint: "run from the repository root.")
        func value(_ key: String) -> Double? {
            guard let r = out.range(of: key + ": ") else { return nil }
            return Double(out[r.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "e" || $0 == "-" })
        }
        guard status == 0, let s = value("seconds_per_solve"), let cost = value("total_cost") else {
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
