import Solvers

/// Benchmark workload W2: random n x n assignment LPs (costs uniform on [0, 1]) solved through
/// `GLPKSolver` (build the `LinearProgram` value, validate, load, dual simplex, read back)
/// against the same LPs loaded and solved by direct GLPK calls (`RawGLPKBaseline`), alternating
/// the two in each repetition so that both see the same machine state.
public enum SolverBenchmark {
    public struct Result: Sendable {
        public var solves: Int
        public var size: Int
        public var swiftSeconds: Double
        public var rawSeconds: Double
        public var maxObjectiveDifference: Double
        public var swiftPerSecond: Double { Double(solves) / swiftSeconds }
        public var rawPerSecond: Double { Double(solves) / rawSeconds }
        /// How much longer a solve takes through the Swift layer, in percent.
        public var overheadPercent: Double { (swiftSeconds / rawSeconds - 1) * 100 }
    }

    public static func runW2(solves: Int, size n: Int, seed: UInt64, repetitions: Int) throws -> Result {
        var rng = Xoshiro256StarStar(seed: seed)
        let matrices: [[Double]] = (0..<solves).map { _ in (0..<(n * n)).map { _ in rng.nextUnit() } }
        let rowMatrices: [[[Double]]] = matrices.map { c in (0..<n).map { i in Array(c[(i * n)..<((i + 1) * n)]) } }
        let solver = GLPKSolver(method: .dualSimplex)
        let clock = ContinuousClock()
        var bestSwift = Double.infinity, bestRaw = Double.infinity
        var maxDiff = 0.0
        var swiftObjectives = [Double](repeating: 0, count: solves)
        var rawObjectives = [Double](repeating: 0, count: solves)
        for _ in 0..<repetitions {
            let tSwift = try measure(clock) {
                for (k, rows) in rowMatrices.enumerated() {
                    let lp = try Assignment.linearProgram(cost: rows, maximize: false)
                    swiftObjectives[k] = try solver.solve(lp).objective
                }
            }
            let tRaw = clock.measure {
                for (k, c) in matrices.enumerated() {
                    rawObjectives[k] = RawGLPKBaseline.solveAssignmentLP(cost: c, n: n)
                }
            }
            bestSwift = min(bestSwift, seconds(tSwift))
            bestRaw = min(bestRaw, seconds(tRaw))
        }
        for k in 0..<solves { maxDiff = max(maxDiff, abs(swiftObjectives[k] - rawObjectives[k])) }
        return Result(solves: solves, size: n, swiftSeconds: bestSwift, rawSeconds: bestRaw, maxObjectiveDifference: maxDiff)
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
