import Foundation
import Testing
import Solvers

/// Workload W2 compares `GLPKSolver` with raw GLPK calls; its timing is a benchmark
/// (`mechsim bench W2`), not a test. What a test can pin is that both sides solve the same
/// programs to the same answers, bit for bit: the Swift layer makes the same GLPK calls.
@Suite("Workload W2: GLPKSolver and raw GLPK agree")
struct W2BenchmarkTests {
    @Test("500 random 10 x 10 assignment LPs: bit-identical objectives, equal to the Hungarian optimum")
    func agreement() throws {
        let n = 10
        var rng = SplitMix64(seed: 2024)
        let solver = GLPKSolver()
        for _ in 0..<500 {
            let flat = (0..<(n * n)).map { _ in rng.unit() }
            let matrix = (0..<n).map { Array(flat[($0 * n)..<($0 * n + n)]) }
            let program = try Assignment.linearProgram(cost: matrix)
            #expect(!solver.usesPresolve(for: program), "presolve stays off below 100 x 100")
            let swift = try solver.solve(program).objective
            let raw = RawGLPKBaseline.solveAssignmentLP(cost: flat, n: n)
            #expect(swift.bitPattern == raw.bitPattern)
            #expect(abs(swift - (try Assignment.solve(cost: matrix).total)) < 1e-9)
        }
    }
}
