import Foundation
import Mechanisms
import Sim
import Solvers

/// Benchmark workload W6: LP-A (`HiringProgram`) on random model A instances, built and solved
/// through the Swift layer (`GLPKSolver`, dual simplex) against `glpsol` on the same LP written
/// in CPLEX LP format, side by side (each repetition runs both; the best of each is reported);
/// then LP-A's size and build-and-solve time as the number of agents grows from 2 to 5.
///
/// glpsol runs twice: with the settings GLPKSolver uses here (`--dual --noscale`, presolver on
/// since rows x columns >= 10^4) and with its defaults (primal simplex, scaling, presolver). Its
/// time is the wall-clock time of the process: reading the LP file, solving, exiting.
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

        /// LP-A's size with IR rows (the LP's rows plus Σᵢ|Bᵢ|), without building it.
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

    /// One line of the growth series: LP-A's size for `agents`, and its run when attempted.
    public struct GrowthRow: Sendable {
        public var agents: Int
        public var size: (variables: Int, equalities: Int, inequalities: Int)
        public var run: Run?
        /// The solution status, or why there is no run.
        public var note: String
    }

    /// W6 as `mechsim bench W6` runs it.
    /// - Throws: `BenchmarkError`; a run failure when GLPK or glpsol gives no optimum.
    public static func measure(_ settings: BenchmarkSettings) throws(BenchmarkError) -> Report {
        let instance: HiringInstance
        do { instance = try randomInstance(Shape(agents: settings.acquisitionAgents), seed: settings.seed) } catch {
            throw BenchmarkError("W6: \(error)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-w6-\(ProcessInfo.processInfo.processIdentifier).lp")
        defer { try? FileManager.default.removeItem(at: file) }
        var best: Run?
        var matched: (seconds: Double, objective: Double)?
        var defaults: (seconds: Double, objective: Double)?
        for k in 0..<max(1, settings.repetitions) {
            let (run, program): (Run, LinearProgram)
            do { (run, program) = try buildAndSolve(instance) } catch { throw BenchmarkError("W6: \(error)", isRunFailure: true) }
            if best.map({ run.totalSeconds < $0.totalSeconds }) ?? true { best = run }
            if k == 0 {
                do { try GLPKSolver.writeCPLEXLP(program, to: file.path) } catch { throw BenchmarkError("W6: \(error)", isRunFailure: true) }
            }
            let m = try BaselineScript.glpsol(file.path, ["--dual", "--noscale", "--presol"])
            if matched.map({ m.seconds < $0.seconds }) ?? true { matched = m }
            let d = try BaselineScript.glpsol(file.path, [])
            if defaults.map({ d.seconds < $0.seconds }) ?? true { defaults = d }
        }
        var growth: [GrowthRow] = []
        for n in 2...5 {
            let s = Shape(agents: n)
            guard n <= settings.growthAgents else {
                growth.append(GrowthRow(agents: n, size: s.programSize, run: nil, note: "not attempted (raise --growth-agents)"))
                continue
            }
            do {
                let i = try randomInstance(s, seed: settings.seed)
                let (run, _) = try buildAndSolve(i, timeLimitSeconds: settings.growthTimeLimit)
                growth.append(GrowthRow(agents: n, size: s.programSize, run: run, note: run.status.rawValue))
            } catch LPError.timeLimit {
                growth.append(GrowthRow(agents: n, size: s.programSize, run: nil, note: "time limit of \(settings.growthTimeLimit) s reached"))
            } catch {
                growth.append(GrowthRow(agents: n, size: s.programSize, run: nil, note: "\(error)"))
            }
        }
        return Report(agents: settings.acquisitionAgents, seed: settings.seed, repetitions: max(1, settings.repetitions), run: best!,
                      glpsolSeconds: matched!.seconds, glpsolObjective: matched!.objective,
                      glpsolDefaultSeconds: defaults!.seconds, glpsolDefaultObjective: defaults!.objective, growth: growth)
    }

    /// What `mechsim bench W6` prints.
    public struct Report: BenchmarkReport {
        public var agents: Int
        public var seed: UInt64
        public var repetitions: Int
        /// MechSim's best build and solve.
        public var run: Run
        /// glpsol with GLPKSolver's settings, and with its defaults: best time and objective.
        public var glpsolSeconds: Double
        public var glpsolObjective: Double
        public var glpsolDefaultSeconds: Double
        public var glpsolDefaultObjective: Double
        public var growth: [GrowthRow]
        /// MechSim's time over glpsol's (same settings).
        public var ratio: Double { run.totalSeconds / glpsolSeconds }

        public var json: JSONValue {
            let r = run
            return .object([
                ("name", .string("W6")), ("agents", .integer(agents)), ("efforts", .integer(3)), ("signals", .integer(3)),
                ("states", .integer(3)), ("actions", .integer(3)),
                ("variables", .integer(r.variables)), ("equalities", .integer(r.equalities)),
                ("inequalities", .integer(r.inequalities)), ("nonzeros", .integer(r.nonzeros)),
                ("build_seconds", .number(r.buildSeconds)), ("solve_seconds", .number(r.solveSeconds)),
                ("seconds", .number(r.totalSeconds)), ("objective", .number(r.objective)),
                ("glpsol_seconds", .number(glpsolSeconds)), ("glpsol_objective", .number(glpsolObjective)),
                ("glpsol_default_seconds", .number(glpsolDefaultSeconds)), ("glpsol_default_objective", .number(glpsolDefaultObjective)),
                ("ratio", .number((ratio * 100).rounded() / 100)),
                ("growth", .array(growth.map { row in
                    .object([("agents", .integer(row.agents)), ("variables", .integer(row.size.variables)),
                             ("equalities", .integer(row.size.equalities)), ("inequalities", .integer(row.size.inequalities)),
                             ("seconds", row.run.map { .number($0.totalSeconds) } ?? .null), ("note", .string(row.note))])
                })),
            ])
        }

        public var text: String {
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            let r = run
            var lines = [
                "W6 LP-A (hiring LP), \(agents) agents x 3 efforts x 3 signals x 3 states x 3 actions, seed \(seed), best of \(repetitions)",
                "  LP size: \(r.variables) variables, \(r.equalities) equalities, \(r.inequalities) inequalities, \(r.nonzeros) nonzeros",
                "  MechSim build + GLPKSolver (dual simplex): \(f(r.totalSeconds)) s (build \(f(r.buildSeconds)), solve \(f(r.solveSeconds)))  objective \(String(format: "%.9f", r.objective))",
                "  glpsol --lp --dual --noscale --presol:     \(f(glpsolSeconds)) s  objective \(String(format: "%.9f", glpsolObjective))",
                "  glpsol --lp (defaults):                    \(f(glpsolDefaultSeconds)) s  objective \(String(format: "%.9f", glpsolDefaultObjective))",
                "  ratio MechSim / glpsol (same settings): \(String(format: "%.2f", ratio))x  (target: at most 1.5x)",
                "  growth with the number of agents (3 efforts, signals, states, actions):",
            ]
            for row in growth {
                let time = row.run.map { "\(f($0.totalSeconds)) s (build \(f($0.buildSeconds)))" } ?? "-"
                lines.append("    n=\(row.agents): \(row.size.variables) variables, \(row.size.equalities) equalities, \(row.size.inequalities) inequalities  \(time)  \(row.note)")
            }
            return lines.joined(separator: "\n")
        }
    }
}
