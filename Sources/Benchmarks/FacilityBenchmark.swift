import Foundation
import Mechanisms
import Sim

/// Benchmark workload W1: P profiles of n agents drawn uniformly on [0, 1]; on each, Random
/// Rank's expected total and max cost (exact, over its lottery), Uniform Phantom's location and
/// total cost, and the median's total cost. The same workload as the numpy baseline
/// `bench/baselines/facility_numpy.py`, which prints the same metric names.
public enum FacilityBenchmark {
    public struct Result: Sendable {
        public var profiles: Int
        public var agents: Int
        public var threads: Int
        public var seconds: Double
        /// Metric name (as the numpy baseline prints it) and mean.
        public var means: [(String, Double)]
        public var perSecond: Double { Double(profiles) / seconds }
    }

    /// The metric names, in the order of the simulation's slots.
    public static let metricNames = [
        "random_rank_total_cost", "random_rank_max_cost", "uniform_phantom_location", "uniform_phantom_total_cost",
        "median_total_cost",
    ]

    static let entries: [FacilitySimulation.Entry] = [
        .init(RandomRank(), metrics: [.expectedTotalCost, .expectedMaxCost]),
        .init(UniformPhantom(), metrics: [.expectedLocation, .expectedTotalCost]),
        .init(Median(), metrics: [.expectedTotalCost]),
    ]

    public static func simulation(profiles: Int, agents: Int, seed: UInt64) throws(SimulationError) -> FacilitySimulation {
        try FacilitySimulation(agents: agents, distribution: .uniform, count: profiles, seed: seed, entries: entries)
    }

    public static func runW1(profiles: Int, agents: Int, seed: UInt64, threads: Int) throws(SimulationError) -> Result {
        let sim = try simulation(profiles: profiles, agents: agents, seed: seed)
        let clock = ContinuousClock()
        var blocks: [BlockResult] = []
        let elapsed = clock.measure { blocks = sim.run(threads: threads) }
        let totals = MonteCarloRunner.fold(blocks, slots: sim.slots.count)
        return Result(profiles: profiles, agents: agents, threads: threads, seconds: seconds(elapsed),
                      means: Array(zip(metricNames, totals.map(\.mean))))
    }

    /// W1's metric means on the given profiles (all of the same size) instead of random ones.
    public static func means(of profiles: [[Double]]) throws(SimulationError) -> [(String, Double)] {
        let sim = try FacilitySimulation(agents: profiles.first?.count ?? 0, distribution: .explicit(profiles),
                                         count: profiles.count, seed: 0, entries: entries)
        let totals = MonteCarloRunner.fold(sim.run(threads: 1), slots: sim.slots.count)
        return Array(zip(metricNames, totals.map(\.mean)))
    }

    /// W1 as `mechsim bench W1` runs it: the best of `settings.repetitions` runs and, with
    /// `compare`, the best of as many runs of the numpy baseline, each run right after
    /// MechSim's so that both see the same machine state.
    public static func measure(_ settings: BenchmarkSettings) throws(BenchmarkError) -> Report {
        var best: Result?
        var baseline: Double?
        let script = try settings.compare ? BaselineScript.locate(settings.baselineScript, hint: "pass --baseline-script PATH.") : ""
        for _ in 0..<max(1, settings.repetitions) {
            let r: Result
            do { r = try runW1(profiles: settings.profiles, agents: settings.agents, seed: settings.seed, threads: settings.threads) } catch {
                throw BenchmarkError(error.description)
            }
            if best.map({ r.seconds < $0.seconds }) ?? true { best = r }
            if settings.compare {
                let output = try BaselineScript.runPython(
                    script, ["--profiles", String(settings.profiles), "--agents", String(settings.agents), "--seed", String(settings.seed)])
                guard let v = BaselineScript.number(after: "profiles_per_second: ", in: output) else {
                    throw BenchmarkError("the numpy baseline \(script) printed no profiles_per_second.")
                }
                baseline = max(baseline ?? 0, v)
            }
        }
        return Report(result: best!, baselinePerSecond: baseline)
    }

    /// What `mechsim bench W1` prints.
    public struct Report: BenchmarkReport {
        public var result: Result
        /// The numpy baseline's best throughput, with `compare`.
        public var baselinePerSecond: Double?

        public var json: JSONValue {
            let r = result
            var f: [(String, JSONValue)] = [
                ("name", .string("W1")), ("per_second", .number(r.perSecond.rounded())), ("unit", .string("profiles")),
                ("profiles", .integer(r.profiles)), ("agents", .integer(r.agents)), ("threads", .integer(r.threads)),
                ("seconds", .number(r.seconds)),
                ("means", .object(r.means.map { ($0.0, .number($0.1)) })),
            ]
            if let baseline = baselinePerSecond {
                f.append(("baseline_per_second", .number(baseline.rounded())))
                f.append(("ratio", .number((r.perSecond / baseline * 100).rounded() / 100)))
            }
            return .object(f)
        }

        public var text: String {
            let r = result
            var lines = ["W1 facility location: \(r.profiles) profiles x \(r.agents) agents, \(r.threads) thread(s)"]
            for (k, v) in r.means { lines.append("  \(k): \(String(format: "%.6f", v))") }
            lines.append("  seconds: \(String(format: "%.3f", r.seconds))  profiles_per_second: \(Int(r.perSecond.rounded()))")
            if let baseline = baselinePerSecond {
                lines.append("  numpy baseline profiles_per_second: \(Int(baseline.rounded()))  ratio: \(String(format: "%.1f", r.perSecond / baseline))x")
            }
            return lines.joined(separator: "\n")
        }
    }
}
