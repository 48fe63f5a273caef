import Foundation
import Mechanisms
import Sim

/// Benchmark workload W3: the exhaustive strategyproofness check of a deterministic mechanism
/// (Uniform Phantom, 5 agents, grid 1/10: every profile, agent and misreport), in (profile,
/// misreport) evaluations per second, on all cores. The check as `mechsim check` runs it
/// tabulates the mechanism on the grid first (`per_second`); the per-profile path, which
/// recomputes the mechanism for every misreport, is timed beside it (`per_profile_per_second`).
public enum StrategyproofnessBenchmark {
    public struct Result: Sendable {
        public var agents: Int
        public var grid: Int
        /// Profiles the check visited.
        public var profiles: Int
        /// Best times of the tabulated and of the per-profile check.
        public var seconds: Double
        public var perProfileSeconds: Double
        /// Whether both checks found Uniform Phantom strategyproof (they must).
        public var holds: Bool
        /// Every (profile, misreport) pair: profiles x agents x grid.
        public var evaluations: Double { Double(profiles * agents * grid) }
        public var perSecond: Double { evaluations / seconds }
        public var perProfilePerSecond: Double { evaluations / perProfileSeconds }
    }

    /// The best of `settings.repetitions` runs of each path.
    public static func measure(_ settings: BenchmarkSettings) throws(BenchmarkError) -> Result {
        let n = settings.strategyproofnessAgents, g = settings.strategyproofnessGrid
        let clock = ContinuousClock()
        func best(tabulate: Bool) throws(BenchmarkError) -> (seconds: Double, profiles: Int, holds: Bool) {
            var best = Double.infinity
            var checked = 0
            var holds = true
            for _ in 0..<max(1, settings.repetitions) {
                let start = clock.now
                let r: AxiomCheckResult
                do {
                    r = try AxiomChecker.check(UniformPhantom(), against: StrategyProofness(), over: .grid(agents: n, resolution: g),
                                               tabulate: tabulate)
                } catch { throw BenchmarkError("W3: \(error)") }
                best = min(best, seconds(clock.now - start))
                checked = r.profilesChecked
                if case .violated = r.verdict { holds = false }
            }
            return (best, checked, holds)
        }
        let tabulated = try best(tabulate: true)
        let perProfile = try best(tabulate: false)
        return Result(agents: n, grid: g, profiles: tabulated.profiles, seconds: tabulated.seconds,
                      perProfileSeconds: perProfile.seconds, holds: tabulated.holds && perProfile.holds)
    }
}

extension StrategyproofnessBenchmark.Result: BenchmarkReport {
    public var json: JSONValue {
        .object([
            ("name", .string("W3")), ("per_second", .number(perSecond.rounded())), ("unit", .string("(profile, misreport) evaluations")),
            ("agents", .integer(agents)), ("grid", .integer(grid)), ("profiles", .integer(profiles)), ("seconds", .number(seconds)),
            ("per_profile_per_second", .number(perProfilePerSecond.rounded())), ("per_profile_seconds", .number(perProfileSeconds)),
        ])
    }

    public var text: String {
        [
            "W3 exhaustive strategyproofness check, uniform-phantom, \(agents) agents, grid 1/\(grid): \(profiles) profiles, all cores",
            "  evaluations_per_second: \(Int(perSecond.rounded()))  seconds: \(String(format: "%.3f", seconds))  (mechanism tabulated on the grid)",
            "  per-profile path: \(Int(perProfilePerSecond.rounded()))  seconds: \(String(format: "%.3f", perProfileSeconds))  (mechanism run for every misreport)",
        ].joined(separator: "\n")
    }
}
