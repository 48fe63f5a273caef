import Mechanisms
import Solvers

/// Benchmark workload W6: LP-A (`HiringProgram`) on random model A instances, built and solved
/// through the Swift layer, and its size as the number of agents grows.
///
/// W6 (issue 5): "LP-A for 3 agents, 3 effort levels, 3 signals, 3 states and 3 actions
/// builds and solves in `mechsim bench`; report the LP's size and the time, and the same LP
/// exported in CPLEX LP format and solved by `glpsol` as the baseline."
/// The glpsol side is run by the CLI (a process); this type builds, times and exports.
public enum AcquisitionBenchmark {
    /// The shape of a random instance.
    public struct Shape: Sendable, Hashable {
        public var agents, efforts, signals, states, actions: Int
        public init(agents: Int, efforts: Int = 3, signals: Int = 3, states: Int = 3, actions: Int = 3) {
            self.agents = agents
            self.efforts = efforts
            self.signals = signals
            self.states = states
            self.actions = actions
        }

        /// LP-A's size with IR rows (spec §1.3 plus Σᵢ|Bᵢ|), without building it.
        public var programSize: (variables: Int, equalities: Int, inequalities: Int) {
            var B = 1, S = 1
            for _ in 0..<agents { B *= efforts; S *= signals }
            let n = agents, E = efforts, K = signals
            return (B + B * S * actions + n * B * S * states + n * E * E * K,
                    1 + B * S,
                    n * B * S * states + n * E * E * K * K + n * E * E + n * E)
        }
    }

    /// A random model A instance of `shape`: conditionally independent signals whose
    /// marginals put more weight on the signal θ mod |Sᵢ| as effort grows, increasing costs
    /// (effort 0 free), utilities uniform on [0, 1], prior uniform, M = 1.
    public static func randomInstance(_ shape: Shape, seed: UInt64) throws(InformationAcquisitionError) -> HiringInstance {
        var rng = Xoshiro256StarStar(seed: seed)
        let S = shape.signals, E = shape.efforts, T = shape.states
        // marginal[i][b][θ][s]
        var marginal: [[[[Double]]]] = []
        var agents: [HiringInstance.Agent] = []
        for _ in 0..<shape.agents {
            var perEffort: [[[Double]]] = []
            for b in 0..<E {
                var perState: [[Double]] = []
                for θ in 0..<T {
                    var w = (0..<S).map { s in 0.2 + rng.nextUnit() + (s == θ % S ? 2.0 * Double(b) : 0) }
                    let total = w.reduce(0, +)
                    w = w.map { $0 / total }
                    perState.append(w)
                }
                perEffort.append(perState)
            }
            marginal.append(perEffort)
            var costs = [0.0]
            for _ in 1..<max(E, 1) { costs.append(costs.last! + 0.02 + 0.05 * rng.nextUnit()) }
            agents.append(.init(costs: Array(costs.prefix(E)), signals: S))
        }
        let efforts = ProfileIndexer(radices: [Int](repeating: E, count: shape.agents))
        let signals = ProfileIndexer(radices: [Int](repeating: S, count: shape.agents))
        var law = [Double](repeating: 0, count: efforts.count * T * signals.count)
        for b in 0..<efforts.count {
            let bd = efforts.digits(b)
            for θ in 0..<T {
                for s in 0..<signals.count {
                    var p = 1.0
                    for i in 0..<shape.agents { p *= marginal[i][bd[i]][θ][signals.digit(s, i)] }
                    law[(b * T + θ) * signals.count + s] = p
                }
            }
        }
        let utility = (0..<shape.actions).map { _ in (0..<T).map { _ in rng.nextUnit() } }
        return try HiringInstance(prior: [Double](repeating: 1.0 / Double(T), count: T), agents: agents,
                                  denseLaw: law, utility: utility, paymentCap: 1)
    }

    /// One timed build and solve.
    public struct Run: Sendable {
        public var variables: Int
        public var equalities: Int
        public var inequalities: Int
        public var nonzeros: Int
        public var buildSeconds: Double
        public var solveSeconds: Double
        public var status: LPStatus
        public var objective: Double
        public var totalSeconds: Double { buildSeconds + solveSeconds }
    }

    /// Builds LP-A for `instance` and solves it with `GLPKSolver(method: .dualSimplex)`.
    /// - Throws: `LPError` when the solver fails (a time limit included).
    public static func buildAndSolve(_ instance: HiringInstance, timeLimitSeconds: Double? = nil) throws(LPError) -> (Run, LinearProgram) {
        let clock = ContinuousClock()
        let start = clock.now
        let program = HiringProgram(instance)
        let built = clock.now
        let solution = try GLPKSolver(method: .dualSimplex, timeLimitSeconds: timeLimitSeconds).solve(program.program)
        let end = clock.now
        var nonzeros = 0
        for row in program.program.constraints { for c in row.coefficients where c != 0 { nonzeros += 1 } }
        let run = Run(variables: program.program.variables.count, equalities: program.equalityCount,
                      inequalities: program.inequalityCount, nonzeros: nonzeros,
                      buildSeconds: seconds(built - start), solveSeconds: seconds(end - built),
                      status: solution.status, objective: solution.objective)
        return (run, program.program)
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
