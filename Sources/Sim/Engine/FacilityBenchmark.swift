import Mechanisms

/// Benchmark workload W1: P profiles of n agents drawn uniformly on [0, 1]; on each, Random
/// Rank's expected total and max cost (exact, over its lottery), Uniform Phantom's location and
/// total cost, and the median's total cost. The same workload as
/// `shared/baselines/facility_numpy.py`.
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

    public static func simulation(profiles: Int, agents: Int, seed: UInt64) throws(SimulationError) -> FacilitySimulation {
        try FacilitySimulation(
            agents: agents, distribution: .uniform, count: profiles, seed: seed,
            entries: [
                .init(RandomRank(), metrics: [.expectedTotalCost, .expectedMaxCost]),
                .init(UniformPhantom(), metrics: [.expectedLocation, .expectedTotalCost]),
                .init(Median(), metrics: [.expectedTotalCost]),
            ])
    }

    public static func runW1(profiles: Int, agents: Int, seed: UInt64, threads: Int) throws(SimulationError) -> Result {
        let sim = try simulation(profiles: profiles, agents: agents, seed: seed)
        let clock = ContinuousClock()
        var blocks: [BlockResult] = []
        let elapsed = clock.measure { blocks = sim.run(threads: threads) }
        let totals = MonteCarloRunner.fold(blocks, slots: sim.slots.count)
        let names = ["random_rank_total_cost", "random_rank_max_cost", "uniform_phantom_location", "uniform_phantom_total_cost", "median_total_cost"]
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Result(profiles: profiles, agents: agents, threads: threads, seconds: seconds, means: Array(zip(names, totals.map(\.mean))))
    }
}
