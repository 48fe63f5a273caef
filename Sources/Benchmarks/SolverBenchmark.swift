import Foundation
import Sim
import Solvers

/// Benchmark workload W2: random n x n assignment LPs (costs uniform on [0, 1]) solved three
/// ways, side by side:
/// - raw: loaded and solved by direct GLPK calls (`RawGLPKBaseline`);
/// - prebuilt: `GLPKSolver.solve` on an already built `LinearProgram` (validate, load, dual
///   simplex, read back): the per-solve cost of the Swift layer;
/// - building: `Assignment.linearProgram` then `GLPKSolver.solve`.
///
/// The solves run in interleaved blocks of 100 (raw, prebuilt, building), the whole sequence
/// repeated `repetitions` times; each variant's time is the sum over blocks of its fastest
/// repetition, so background load hits the three alike.
public enum SolverBenchmark {
    public struct Result: Sendable {
        public var solves: Int
        public var size: Int
        public var rawSeconds: Double
        public var prebuiltSeconds: Double
        public var buildingSeconds: Double
        public var maxObjectiveDifference: Double
        public var rawPerSecond: Double { Double(solves) / rawSeconds }
        public var swiftPerSecond: Double { Double(solves) / prebuiltSeconds }
        public var buildingPerSecond: Double { Double(solves) / buildingSeconds }
        /// How much longer a solve takes through `GLPKSolver`, in percent.
        public var overheadPercent: Double { (prebuiltSeconds / rawSeconds - 1) * 100 }
        /// The same with the LP built from the matrix inside the timed loop.
        public var buildingOverheadPercent: Double { (buildingSeconds / rawSeconds - 1) * 100 }
    }

    public static func runW2(solves: Int, size n: Int, seed: UInt64, repetitions: Int) throws -> Result {
        var rng = Xoshiro256StarStar(seed: seed)
        let flat: [[Double]] = (0..<solves).map { _ in (0..<(n * n)).map { _ in rng.nextUnit() } }
        let matrices: [[[Double]]] = flat.map { c in (0..<n).map { i in Array(c[(i * n)..<((i + 1) * n)]) } }
        let programs = try matrices.map { try Assignment.linearProgram(cost: $0, maximize: false) }
        let solver = GLPKSolver(method: .dualSimplex)
        var maxDiff = 0.0
        for k in 0..<solves {
            let a = try solver.solve(programs[k]).objective
            let b = RawGLPKBaseline.solveAssignmentLP(cost: flat[k], n: n)
            maxDiff = max(maxDiff, abs(a - b))
        }
        let clock = ContinuousClock()
        let block = 100
        let blocks = (solves + block - 1) / block
        var best = [[Double]](repeating: [.infinity, .infinity, .infinity], count: blocks)
        var sink = 0.0
        for _ in 0..<max(1, repetitions) {
            for b in 0..<blocks {
                let range = (b * block)..<min(solves, (b + 1) * block)
                let raw = clock.measure {
                    for k in range { sink += RawGLPKBaseline.solveAssignmentLP(cost: flat[k], n: n) }
                }
                let prebuilt = try measure(clock) {
                    for k in range { sink += try solver.solve(programs[k]).objective }
                }
                let building = try measure(clock) {
                    for k in range { sink += try solver.solve(try Assignment.linearProgram(cost: matrices[k])).objective }
                }
                for (v, t) in [raw, prebuilt, building].enumerated() { best[b][v] = min(best[b][v], seconds(t)) }
            }
        }
        _ = sink  // keeps the solves from being optimized away
        func total(_ v: Int) -> Double { best.reduce(0) { $0 + $1[v] } }
        return Result(
            solves: solves, size: n, rawSeconds: total(0), prebuiltSeconds: total(1), buildingSeconds: total(2),
            maxObjectiveDifference: maxDiff)
    }

    static func measure(_ clock: ContinuousClock, _ body: () throws -> Void) throws -> Duration {
        let start = clock.now
        try body()
        return clock.now - start
    }

    /// W2 as `mechsim bench W2` runs it: `settings.solves` 10 x 10 LPs, best of `repetitions`.
    public static func measure(_ settings: BenchmarkSettings) throws(BenchmarkError) -> Report {
        do {
            let r = try runW2(solves: settings.solves, size: 10, seed: settings.seed, repetitions: settings.repetitions)
            return Report(result: r, repetitions: settings.repetitions)
        } catch {
            throw BenchmarkError("W2 failed: \(error)")
        }
    }

    /// What `mechsim bench W2` prints.
    public struct Report: BenchmarkReport {
        public var result: Result
        public var repetitions: Int

        public var json: JSONValue {
            let r = result
            return .object([
                ("name", .string("W2")), ("per_second", .number(r.swiftPerSecond.rounded())), ("unit", .string("LP solves")),
                ("solves", .integer(r.solves)), ("size", .integer(r.size)),
                ("raw_glpk_per_second", .number(r.rawPerSecond.rounded())),
                ("overhead_percent", .number((r.overheadPercent * 10).rounded() / 10)),
                ("build_and_solve_per_second", .number(r.buildingPerSecond.rounded())),
                ("build_and_solve_overhead_percent", .number((r.buildingOverheadPercent * 10).rounded() / 10)),
                ("max_objective_difference", .number(r.maxObjectiveDifference)),
            ])
        }

        public var text: String {
            let r = result
            return [
                "W2 assignment LP \(r.size) x \(r.size): \(r.solves) solves, one thread, interleaved blocks, best of \(repetitions)",
                "  raw GLPK calls          solves_per_second: \(Int(r.rawPerSecond.rounded()))",
                "  GLPKSolver (built LP)   solves_per_second: \(Int(r.swiftPerSecond.rounded()))  overhead \(String(format: "%+.1f", r.overheadPercent))%",
                "  build LP + GLPKSolver   solves_per_second: \(Int(r.buildingPerSecond.rounded()))  overhead \(String(format: "%+.1f", r.buildingOverheadPercent))%",
                "  objectives agree to \(r.maxObjectiveDifference)",
            ].joined(separator: "\n")
        }
    }
}
