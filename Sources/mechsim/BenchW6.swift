import Foundation
import Mechanisms
import Sim
import Solvers

/// W6: LP-A for 3 agents × 3 efforts × 3 signals × 3 states × 3 actions through the Swift layer
/// (build `HiringProgram` + `GLPKSolver` dual simplex) against `glpsol` on the same LP written
/// by `glp_write_lp`, side by side (each repetition runs both; the best of each is reported);
/// then LP-A's size and build-and-solve time for 2 to 5 agents.
///
/// glpsol runs twice: with the settings GLPKSolver uses here (`--dual --noscale`, presolver on
/// since rows × columns ≥ 10^4) and with its defaults (primal simplex, scaling, presolver). Its
/// time is the wall-clock time of the process: reading the LP file, solving, exiting.
func runW6(_ options: BenchCommand) throws {
    let shape = AcquisitionBenchmark.Shape(agents: 3)
    let instance: HiringInstance
    do { instance = try AcquisitionBenchmark.randomInstance(shape, seed: options.seed) } catch { throw CLIError("W6: \(error)") }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-w6-\(ProcessInfo.processInfo.processIdentifier).lp")
    defer { try? FileManager.default.removeItem(at: file) }
    var best: AcquisitionBenchmark.Run?
    var matched: (seconds: Double, objective: Double)?
    var defaults: (seconds: Double, objective: Double)?
    for k in 0..<options.repeat_ {
        let (run, program): (AcquisitionBenchmark.Run, LinearProgram)
        do { (run, program) = try AcquisitionBenchmark.buildAndSolve(instance) } catch { throw CLIError("W6: \(error)", exitCode: 1) }
        if best == nil || run.totalSeconds < best!.totalSeconds { best = run }
        if k == 0 {
            do { try GLPKSolver.writeCPLEXLP(program, to: file.path) } catch { throw CLIError("W6: \(error)", exitCode: 1) }
        }
        let m = try glpsol(file.path, ["--dual", "--noscale", "--presol"])
        if matched == nil || m.seconds < matched!.seconds { matched = m }
        let d = try glpsol(file.path, [])
        if defaults == nil || d.seconds < defaults!.seconds { defaults = d }
    }
    let r = best!, g = matched!, gd = defaults!
    // Growth in the number of agents.
    var growth: [(agents: Int, size: (variables: Int, equalities: Int, inequalities: Int), run: AcquisitionBenchmark.Run?, note: String)] = []
    for n in 2...5 {
        let s = AcquisitionBenchmark.Shape(agents: n)
        guard n <= options.growthAgents else {
            growth.append((n, s.programSize, nil, "not attempted (raise --growth-agents)"))
            continue
        }
        do {
            let i = try AcquisitionBenchmark.randomInstance(s, seed: options.seed)
            let (run, _) = try AcquisitionBenchmark.buildAndSolve(i, timeLimitSeconds: options.growthTimeLimit)
            growth.append((n, s.programSize, run, run.status.rawValue))
        } catch LPError.timeLimit {
            growth.append((n, s.programSize, nil, "time limit of \(options.growthTimeLimit) s reached"))
        } catch {
            growth.append((n, s.programSize, nil, "\(error)"))
        }
    }
    let ratio = r.totalSeconds / g.seconds
    if options.format == .json {
        print(JSONValue.object([
            ("name", .string("W6")), ("agents", .integer(3)), ("efforts", .integer(3)), ("signals", .integer(3)),
            ("states", .integer(3)), ("actions", .integer(3)),
            ("variables", .integer(r.variables)), ("equalities", .integer(r.equalities)),
            ("inequalities", .integer(r.inequalities)), ("nonzeros", .integer(r.nonzeros)),
            ("build_seconds", .number(r.buildSeconds)), ("solve_seconds", .number(r.solveSeconds)),
            ("seconds", .number(r.totalSeconds)), ("objective", .number(r.objective)),
            ("glpsol_seconds", .number(g.seconds)), ("glpsol_objective", .number(g.objective)),
            ("glpsol_default_seconds", .number(gd.seconds)), ("glpsol_default_objective", .number(gd.objective)),
            ("ratio", .number((ratio * 100).rounded() / 100)),
            ("growth", .array(growth.map { row in
                .object([("agents", .integer(row.agents)), ("variables", .integer(row.size.variables)),
                         ("equalities", .integer(row.size.equalities)), ("inequalities", .integer(row.size.inequalities)),
                         ("seconds", row.run.map { .number($0.totalSeconds) } ?? .null), ("note", .string(row.note))])
            })),
        ]).rendered())
        return
    }
    func f(_ x: Double) -> String { String(format: "%.3f", x) }
    print("W6 LP-A (spec 1.3), 3 agents x 3 efforts x 3 signals x 3 states x 3 actions, seed \(options.seed), best of \(options.repeat_)")
    print("  LP size: \(r.variables) variables, \(r.equalities) equalities, \(r.inequalities) inequalities, \(r.nonzeros) nonzeros")
    print("  MechSim build + GLPKSolver (dual simplex): \(f(r.totalSeconds)) s (build \(f(r.buildSeconds)), solve \(f(r.solveSeconds)))  objective \(String(format: "%.9f", r.objective))")
    print("  glpsol --lp --dual --noscale --presol:     \(f(g.seconds)) s  objective \(String(format: "%.9f", g.objective))")
    print("  glpsol --lp (defaults):                    \(f(gd.seconds)) s  objective \(String(format: "%.9f", gd.objective))")
    print("  ratio MechSim / glpsol (same settings): \(String(format: "%.2f", ratio))x  (target: at most 1.5x)")
    print("  growth with the number of agents (3 efforts, signals, states, actions):")
    for row in growth {
        let time = row.run.map { "\(f($0.totalSeconds)) s (build \(f($0.buildSeconds)))" } ?? "-"
        print("    n=\(row.agents): \(row.size.variables) variables, \(row.size.equalities) equalities, \(row.size.inequalities) inequalities  \(time)  \(row.note)")
    }
}

/// Runs `glpsol --lp path arguments`, returns its wall-clock time and the last objective it printed.
func glpsol(_ path: String, _ arguments: [String]) throws -> (seconds: Double, objective: Double) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["glpsol", "--lp", path] + arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    let clock = ContinuousClock()
    let start = clock.now
    do { try p.run() } catch { throw CLIError("W6: cannot run glpsol (install glpk-utils): \(error.localizedDescription)") }
    let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let d = clock.now - start
    guard p.terminationStatus == 0, out.contains("OPTIMAL"),
          let r = out.range(of: "obj = ", options: .backwards),
          let objective = Double(out[r.upperBound...].drop { $0 == " " }.prefix { !$0.isWhitespace }) else {
        throw CLIError("W6: glpsol did not report an optimum:\n\(out.suffix(500))", exitCode: 1)
    }
    return (Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, objective)
}
