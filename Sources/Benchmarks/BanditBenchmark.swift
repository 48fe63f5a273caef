import Foundation
import Mechanisms
import Sim

/// Benchmark workloads W7 (UCB-S on the A-1 click-bandit at P*) and W8 (OptGTM on the B-1
/// linear bandit, truthful arms): rounds per second over `seeds` independent runs spread over
/// `threads` workers (each run is one work item); with `compare`, the numpy baselines
/// `bench/baselines/ucbs_numpy.py` and `optgtm_numpy.py` on one run.
public enum BanditBenchmark {
    public struct Result: Sendable {
        public var name: String
        public var rounds: Int
        public var threads: Int
        public var seconds: Double
        /// Mean regret over the runs (a checksum of the work done).
        public var meanRegret: Double
        public var perSecond: Double { Double(rounds) / seconds }
    }

    public static func runW7(horizon: Int, seeds: Int, seed: UInt64, threads: Int) throws -> Result {
        let u = try QuadraticClickUtility(lambda: 5)
        let mu = [0.8, 0.7, 0.6, 0.5, 0.4]
        let inst = try ClickBanditInstance(means: mu, clickRates: mu.map { u.desiredClickRate(mean: $0) }, utility: u)
        let sim = ClickBanditSimulation(mechanism: UCBS(), instance: inst, horizon: horizon, seeds: seeds, seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        let runs = sim.runAll(threads: threads)
        let elapsed = clock.now - start
        let regret = SampleStatistics(runs.map { inst.regret(pulls: $0.pulls).strong }).mean
        return Result(name: "W7", rounds: horizon * seeds, threads: threads, seconds: seconds(elapsed), meanRegret: regret)
    }

    public static func runW8(horizon: Int, seeds: Int, seed: UInt64, threads: Int) throws -> Result {
        let setup = LinearBanditSetup(seed: seed)
        let instances = try (0..<seeds).map { try setup.instance(execution: $0, horizon: horizon) }
        let clock = ContinuousClock()
        let start = clock.now
        let regrets = ParallelWork.map(count: seeds, threads: threads) { r -> Double in
            var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(r))
            return OptGTM().run(instances[r], horizon: horizon, using: &rng).regret
        }
        let elapsed = clock.now - start
        return Result(name: "W8", rounds: horizon * seeds, threads: threads, seconds: seconds(elapsed), meanRegret: SampleStatistics(regrets).mean)
    }

    /// W7 or W8 as `mechsim bench` runs it: the best of `settings.repetitions` runs on one
    /// thread and on `settings.threads` (when more than one), and with `compare` the numpy
    /// baseline run after each repetition (same machine state); the best of each is kept.
    public static func measure(_ workload: Workload, _ settings: BenchmarkSettings) throws(BenchmarkError) -> Report {
        let w7 = workload == .W7
        let horizon = settings.banditHorizon ?? (w7 ? 100_000 : 10_000)
        func once(_ threads: Int) throws(BenchmarkError) -> Result {
            do {
                return w7 ? try runW7(horizon: horizon, seeds: settings.banditSeeds, seed: settings.seed, threads: threads)
                          : try runW8(horizon: horizon, seeds: settings.banditSeeds, seed: settings.seed, threads: threads)
            } catch { throw BenchmarkError("\(workload.rawValue): \(error)") }
        }
        var best1: Result?, bestN: Result?
        var baseline: Double?
        let relative = w7 ? BaselineScript.ucbsNumpy : BaselineScript.optgtmNumpy
        let script = try settings.compare ? BaselineScript.locate(relative) : relative
        for _ in 0..<max(1, settings.repetitions) {
            let a = try once(1)
            if best1.map({ a.seconds < $0.seconds }) ?? true { best1 = a }
            if settings.threads > 1 {
                let b = try once(settings.threads)
                if bestN.map({ b.seconds < $0.seconds }) ?? true { bestN = b }
            }
            if settings.compare {
                let baseHorizon = w7 ? min(horizon, 50_000) : min(horizon, 5_000)
                let output = try BaselineScript.runPython(script, ["--horizon", String(baseHorizon), "--seeds", "1", "--seed", String(settings.seed)])
                guard let v = BaselineScript.number(after: "rounds_per_second: ", in: output) else {
                    throw BenchmarkError("the numpy baseline \(script) printed no rounds_per_second.")
                }
                baseline = max(baseline ?? 0, v)
            }
        }
        return Report(workload: workload, horizon: horizon, runs: settings.banditSeeds, one: best1!, many: bestN,
                      baselineScript: relative, baselinePerSecond: baseline)
    }

    /// What `mechsim bench W7|W8` prints.
    public struct Report: BenchmarkReport {
        public var workload: Workload
        public var horizon: Int
        public var runs: Int
        /// The best run on one thread, and on several when more than one was asked for.
        public var one: Result
        public var many: Result?
        /// The baseline script (as named in the repository) and its best throughput.
        public var baselineScript: String
        public var baselinePerSecond: Double?

        public var json: JSONValue {
            var f: [(String, JSONValue)] = [
                ("name", .string(workload.rawValue)), ("per_second", .number(one.perSecond.rounded())), ("unit", .string("rounds")),
                ("horizon", .integer(horizon)), ("runs", .integer(runs)), ("threads", .integer(1)), ("seconds", .number(one.seconds)),
                ("mean_regret", .number(one.meanRegret)),
            ]
            if let n = many {
                f.append(("threads_many", .integer(n.threads)))
                f.append(("per_second_many", .number(n.perSecond.rounded())))
                f.append(("speedup", .number((one.seconds / n.seconds * 100).rounded() / 100)))
            }
            if let baseline = baselinePerSecond {
                f.append(("baseline_per_second", .number(baseline.rounded())))
                f.append(("ratio", .number((one.perSecond / baseline * 10).rounded() / 10)))
            }
            return .object(f)
        }

        public var text: String {
            let what = workload == .W7 ? "UCB-S, click-bandit K = 5 at s*" : "OptGTM, linear bandit d = 5, K = 4, truthful"
            var lines = [
                "\(workload.rawValue) \(what): \(runs) runs x T = \(horizon)",
                "  1 thread: \(Int(one.perSecond.rounded())) rounds/s (\(String(format: "%.3f", one.seconds)) s), mean regret \(NumberFormatting.short(one.meanRegret))",
            ]
            if let n = many {
                lines.append("  \(n.threads) threads: \(Int(n.perSecond.rounded())) rounds/s, speed-up \(String(format: "%.2f", one.seconds / n.seconds))x")
            }
            if let baseline = baselinePerSecond {
                lines.append("  numpy baseline (\(baselineScript)): \(Int(baseline.rounded())) rounds/s, ratio \(String(format: "%.0f", one.perSecond / baseline))x on one core")
            }
            return lines.joined(separator: "\n")
        }
    }
}
