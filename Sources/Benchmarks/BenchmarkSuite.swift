import Sim

/// The benchmark workloads of `mechsim bench`.
public enum Workload: String, CaseIterable, Sendable {
    /// Facility-location Monte Carlo (`FacilityBenchmark`), against the numpy baseline.
    case W1
    /// Assignment LPs through `GLPKSolver` against raw GLPK calls (`SolverBenchmark`).
    case W2
    /// The exhaustive strategyproofness check (`StrategyproofnessBenchmark`).
    case W3
    /// The Hungarian method against scipy (`AssignmentBenchmark`).
    case W4
    /// VCG auctions under MNL (`AuctionBenchmark`).
    case W5
    /// LP-A of information acquisition against glpsol (`AcquisitionBenchmark`).
    case W6
    /// UCB-S on the strategic click-bandit (`BanditBenchmark`).
    case W7
    /// OptGTM on the strategic linear bandit (`BanditBenchmark`).
    case W8
    /// Sharding: a facility study and the A-3 equilibrium search whole and as shards, with the
    /// merge (`ScalingBenchmark`).
    case W9
    /// The automated-design LP at growing N and G, GLPK against scipy's HiGHS (`DesignBenchmark`).
    case W10
}

/// The sizes, seed and repetitions of a benchmark run; the defaults are those of `mechsim bench`.
public struct BenchmarkSettings: Sendable {
    /// W1: profiles and agents per profile.
    public var profiles = 100_000
    public var agents = 101
    /// W5: auctions.
    public var auctions = 2_000
    /// W2: LP solves.
    public var solves = 10_000
    /// W7/W8: rounds per run (nil: 100,000 for W7, 10,000 for W8) and runs.
    public var banditHorizon: Int?
    public var banditSeeds = 16
    public var seed: UInt64 = 1
    /// Repetitions; the best of MechSim and the best of the baseline are reported.
    public var repetitions = 5
    /// Worker threads (W1, W5, W7, W8).
    public var threads = MonteCarloRunner.availableCores
    /// Run the baselines (python, scipy) side by side.
    public var compare = false
    /// W1: the numpy baseline script; a relative path is looked up in the current directory,
    /// then in the MechSim checkout (see `BaselineScript.locate`).
    public var baselineScript = BaselineScript.facilityNumpy
    /// W3: agents and grid resolution of the exhaustive check.
    public var strategyproofnessAgents = 5
    public var strategyproofnessGrid = 10
    /// W4: matrix sizes n and how many random n x n matrices of each.
    public var assignmentSizes: [(n: Int, count: Int)] = [(100, 200), (1000, 5)]
    /// W6: agents of the compared LP-A; the growth series goes from 2 to 5 agents, solving up
    /// to `growthAgents`, each LP within `growthTimeLimit` seconds.
    public var acquisitionAgents = 3
    public var growthAgents = 4
    public var growthTimeLimit = 300.0
    /// W10: for each number of agents, the grids of the design LP series, and the time limit of
    /// each solve.
    public var designSeries: [(agents: Int, grids: [Int])] = [(3, [4, 8, 12, 16, 20]), (4, [4, 6, 8, 10, 12]), (5, [4, 6, 8])]
    public var designTimeLimit = 60.0
    /// W9: shards run at once, one thread each.
    public var scalingShards = 2

    public init() {}
}

/// A failure of a benchmark: a missing program or script, or a run that did not give an answer.
public struct BenchmarkError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// True when a workload ran and failed (a solver error, glpsol without an optimum); false
    /// when it could not start (bad settings, a missing baseline script, python3 or numpy).
    public var isRunFailure: Bool

    public init(_ description: String, isRunFailure: Bool = false) {
        self.description = description
        self.isRunFailure = isRunFailure
    }
}

/// What one workload measured, rendered as `mechsim bench` prints it.
public protocol BenchmarkReport: Sendable {
    /// The human-readable lines, without a final newline.
    var text: String { get }
    /// One JSON object (`mechsim bench --format json` prints it on one line).
    var json: JSONValue { get }
}

/// Runs the workloads.
public enum BenchmarkSuite {
    /// Runs `workload` with `settings`; most workloads give one report, W4 one per matrix size.
    /// - Throws: `BenchmarkError`.
    public static func run(_ workload: Workload, _ settings: BenchmarkSettings) throws(BenchmarkError) -> [any BenchmarkReport] {
        switch workload {
        case .W1: [try FacilityBenchmark.measure(settings)]
        case .W2: [try SolverBenchmark.measure(settings)]
        case .W3: [try StrategyproofnessBenchmark.measure(settings)]
        case .W4: try AssignmentBenchmark.measure(settings)
        case .W5: [try AuctionBenchmark.measure(settings)]
        case .W6: [try AcquisitionBenchmark.measure(settings)]
        case .W7, .W8: [try BanditBenchmark.measure(workload, settings)]
        case .W9: [try ScalingBenchmark.measure(settings)]
        case .W10: [try DesignBenchmark.measure(settings)]
        }
    }
}

/// Seconds in a duration.
func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

