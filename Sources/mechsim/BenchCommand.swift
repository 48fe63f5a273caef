import ArgumentParser
import Benchmarks
import Sim

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the benchmark workloads and print their throughput.",
        discussion: """
        W1: facility-location Monte Carlo (Random Rank, Uniform Phantom, median) on uniform profiles; \
        --compare also runs the numpy baseline (bench/baselines/facility_numpy.py) side by side and prints the ratio.
        W2: 10,000 random 10 x 10 assignment LPs through GLPKSolver against raw GLPK calls.
        W3: the exhaustive strategyproofness check of Uniform Phantom, 5 agents, grid 1/10.
        W4: the Hungarian method on random n x n cost matrices (n = 100 and 1,000); --compare runs \
        scipy.optimize.linear_sum_assignment on the same matrices (bench/baselines/assignment_scipy.py).
        W5: full VCG auctions under MNL (10 advertisers, 5 positions, K = 3) with the Charnes-Cooper LP through \
        GLPK, in auctions per second with the LP solves per auction; the Dinkelbach iteration (no LP) alongside.
        W6: LP-A (information acquisition, the hiring LP) for 3 agents x 3 efforts x 3 signals x 3 states x 3 actions, \
        built and solved through GLPKSolver, against the same LP written in CPLEX LP format and solved by glpsol; \
        then LP-A's size and time for 2 to 5 agents.
        W7: UCB-S on the strategic click-bandit (the A-1 instance at s*, T = --bandit-horizon or 1e5) in rounds per second, \
        --bandit-seeds runs as parallel work items; --compare runs bench/baselines/ucbs_numpy.py side by side.
        W8: OptGTM on the strategic linear bandit (the B-1 set-up, truthful arms, T = 1e4) in rounds per second; --compare runs \
        bench/baselines/optgtm_numpy.py.
        W9: sharding: a facility study (2,000,000 profiles x 101 agents) and the A-3 equilibrium search (10 seeds, T up to 1e5, grid 0.1) run whole \
        on 1 and --threads threads and as --scaling-shards shards at once (one thread each), with the merge; prints \
        the speed-up, each shard file's bytes and the merge time, and checks the merged bytes against the whole run's.
        W10: the automated-design LP of 'mechsim design' (SP in expectation, anonymity, UFS in expectation, welfare ratio) \
        for N = 3, 4, 5 at growing grids G, solved by GLPK; --compare solves the same LPs with scipy's HiGHS \
        (bench/baselines/design_highs.py); 60 s per solve, and the largest instance each solves within it.
        """)

    enum Workload: String, ExpressibleByArgument, CaseIterable { case W1, W2, W3, W4, W5, W6, W7, W8, W9, W10 }

    @Argument(help: "W1 to W10 (default: all).")
    var workload: Workload?

    @Option(parsing: .unconditional, help: "Profiles for W1.")
    var profiles: Int = 100_000

    @Option(parsing: .unconditional, help: "Agents per profile for W1.")
    var agents: Int = 101

    @Option(parsing: .unconditional, help: "Auctions for W5.")
    var auctions: Int = 2_000

    @Option(parsing: .unconditional, help: "LP solves for W2.")
    var solves: Int = 10_000

    @Option(parsing: .unconditional, help: "W7/W8: rounds per run (default 100000 for W7, 10000 for W8).")
    var banditHorizon: Int?

    @Option(parsing: .unconditional, help: "W7/W8: runs (seeds), each a parallel work item.")
    var banditSeeds: Int = 16

    @Option(parsing: .unconditional, help: "Seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("repeat"), parsing: .unconditional, help: "Repetitions; the best is reported (of MechSim and of the baseline).")
    var repeat_: Int = 5

    @Flag(help: "W1: also run the numpy baseline (python3) and print the ratio.")
    var compare = false

    @Option(help: "W1: path of the numpy baseline script; a relative path is looked up in the current directory, then in the MechSim checkout.")
    var baselineScript: String = BaselineScript.facilityNumpy

    @Option(help: "text or json (one object per workload per line).")
    var format: OutputFormat = .text

    @Option(parsing: .unconditional, help: "W6: the largest number of agents whose LP-A is built and solved in the growth series (2 to 5).")
    var growthAgents: Int = 4

    @Option(parsing: .unconditional, help: "W6: seconds allowed per LP in the growth series.")
    var growthTimeLimit: Double = 300

    @Option(help: "W9: shards run at once, one thread each.")
    var scalingShards: Int = 2

    @OptionGroup var engine: EngineOptions

    func validate() throws {
        guard profiles >= 1 else { throw ValidationError("--profiles must be at least 1.") }
        guard agents >= 1 else { throw ValidationError("--agents must be at least 1.") }
        guard solves >= 1 else { throw ValidationError("--solves must be at least 1.") }
        guard banditSeeds >= 1 else { throw ValidationError("--bandit-seeds must be at least 1.") }
        if let banditHorizon, banditHorizon < 1 { throw ValidationError("--bandit-horizon must be at least 1, got \(banditHorizon).") }
        guard auctions >= 1 else { throw ValidationError("--auctions must be at least 1.") }
        guard scalingShards >= 1 else { throw ValidationError("--scaling-shards must be at least 1, got \(scalingShards).") }
        guard repeat_ >= 1 else { throw ValidationError("--repeat must be at least 1.") }
        // W1 keeps one profile of --agents locations (and its sort buffers) per thread, and
        // draws --profiles x --agents locations per repetition.
        if let refusal = SizeLimits.memoryRefusal("--agents \(agents)", bytes: Double(agents) * 64 * Double(engine.threads)) {
            throw ValidationError("\(refusal); use fewer agents.")
        }
        let draws = Double(profiles) * Double(agents) * Double(repeat_)
        guard draws <= 1e11 else {
            throw ValidationError("--profiles \(profiles) --agents \(agents) --repeat \(repeat_) mean \(SizeLimits.countText(draws)) locations to draw, more than 10^11 (a benchmark, not a study); use fewer.")
        }
    }

    func run() throws {
        var settings = BenchmarkSettings()
        settings.profiles = profiles
        settings.agents = agents
        settings.auctions = auctions
        settings.solves = solves
        settings.banditHorizon = banditHorizon
        settings.banditSeeds = banditSeeds
        settings.seed = seed
        settings.repetitions = repeat_
        settings.threads = engine.threads
        settings.compare = compare
        settings.baselineScript = baselineScript
        settings.growthAgents = growthAgents
        settings.growthTimeLimit = growthTimeLimit
        settings.scalingShards = scalingShards
        let workloads = workload.map { [$0] } ?? Workload.allCases
        for w in workloads {
            let reports: [any BenchmarkReport]
            do { reports = try BenchmarkSuite.run(Benchmarks.Workload(rawValue: w.rawValue)!, settings) } catch {
                throw CLIError(error.description, exitCode: error.isRunFailure ? 1 : 2)
            }
            for r in reports { print(format == .json ? r.json.rendered() : r.text) }
        }
    }
}
