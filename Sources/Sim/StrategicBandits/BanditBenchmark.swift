import Foundation
import Mechanisms

/// Benchmarks W7 (UCB-S on the A.6 click-bandit at P*) and W8 (OptGTM on the B.4 linear
/// bandit, truthful arms): rounds per second over `seeds` independent runs spread over
/// `threads` workers (each run is one work item).
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

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
