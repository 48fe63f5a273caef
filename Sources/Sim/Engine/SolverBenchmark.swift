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

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
