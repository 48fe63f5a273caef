import Foundation
import Testing
import Solvers

/// Workload W2: "10,000 solves of a random 10 × 10 assignment LP through GLPKSolver, against
/// the same solves through raw GLPK calls: the Swift layer adds at most 20% per solve."
///
/// Timing only means something in release mode, so the suite runs only when `MECHSIM_W2` is
/// set:
///
///     MECHSIM_W2=1 swift test -c release --filter W2BenchmarkTests
///
/// `MECHSIM_W2_SOLVES` changes the count (default 10,000). Costs come from SplitMix64 with
/// seed 2024, uniform in [0, 1), exactly as in `bench/baselines/assignment_glpk.c`, so the
/// printed mean objective must match the C program's.
@Suite("Workload W2: GLPKSolver vs raw GLPK on 10 x 10 assignment LPs",
       .enabled(if: ProcessInfo.processInfo.environment["MECHSIM_W2"] != nil))
struct W2BenchmarkTests {
    @Test("GLPKSolver adds at most 20% per solve over raw GLPK calls")
    func w2() throws {
        let environment = ProcessInfo.processInfo.environment
        let solves = Int(environment["MECHSIM_W2_SOLVES"] ?? "") ?? 10_000
        let n = 10
        var rng = SplitMix64(seed: 2024)
        let flatCosts = (0..<solves).map { _ in (0..<(n * n)).map { _ in rng.unit() } }
        let matrices = flatCosts.map { flat in (0..<n).map { Array(flat[($0 * n)..<($0 * n + n)]) } }
        let programs = try matrices.map { try Assignment.linearProgram(cost: $0) }
        let solver = GLPKSolver()
        #expect(!solver.usesPresolve(for: programs[0]))

        // Same answers, bit for bit: the same GLPK calls in the same order.
        var rawObjectives = [Double]()
        var swiftObjectives = [Double]()
        for k in 0..<solves {
            rawObjectives.append(RawGLPKBaseline.solveAssignmentLP(cost: flatCosts[k], n: n))
            swiftObjectives.append(try solver.solve(programs[k]).objective)
        }
        #expect(rawObjectives.map(\.bitPattern) == swiftObjectives.map(\.bitPattern))

        // Interleaved blocks of 100 solves (raw, prebuilt, with building), repeated 5 times;
        // each variant's time is the sum over blocks of its fastest repetition. Interleaving at
        // ~10 ms granularity makes background load hit all three variants alike.
        let clock = ContinuousClock()
        var sink = 0.0
        let block = 100
        let blocks = (solves + block - 1) / block
        var best = [[Double]](repeating: [Double](repeating: .infinity, count: 3), count: blocks)
        func seconds(_ duration: Duration) -> Double {
            let (whole, attoseconds) = duration.components
            return Double(whole) + Double(attoseconds) * 1e-18
        }
        for _ in 0..<5 {
            for b in 0..<blocks {
                let range = (b * block)..<min(solves, (b + 1) * block)
                let raw = clock.measure {
                    for k in range { sink += RawGLPKBaseline.solveAssignmentLP(cost: flatCosts[k], n: n) }
                }
                let prebuilt = try clock.measure {
                    for k in range { sink += try solver.solve(programs[k]).objective }
                }
                let building = try clock.measure {
                    for k in range {
                        sink += try solver.solve(try Assignment.linearProgram(cost: matrices[k])).objective
                    }
                }
                for (variant, time) in [raw, prebuilt, building].enumerated() {
                    best[b][variant] = min(best[b][variant], seconds(time))
                }
            }
        }
        func perSolve(_ variant: Int) -> Double {
            best.reduce(0) { $0 + $1[variant] } / Double(solves) * 1e6
        }
        let (rawBest, prebuiltBest, buildingBest) = (perSolve(0), perSolve(1), perSolve(2))
        let mean = rawObjectives.reduce(0, +) / Double(solves)
        print("""
            W2 (\(solves) solves of 10 x 10 assignment LPs, seed 2024, interleaved blocks, best of 5):
              raw GLPK calls:                     \(String(format: "%.2f", rawBest)) µs/solve
              GLPKSolver.solve (prebuilt LP):     \(String(format: "%.2f", prebuiltBest)) µs/solve  (\(String(format: "%+.1f", (prebuiltBest / rawBest - 1) * 100))%)
              Assignment.linearProgram + solve:   \(String(format: "%.2f", buildingBest)) µs/solve  (\(String(format: "%+.1f", (buildingBest / rawBest - 1) * 100))%)
              mean objective: \(String(format: "%.12f", mean)) (sink \(sink.isFinite))
            """)
        #expect(prebuiltBest <= 1.2 * rawBest, "GLPKSolver: \(prebuiltBest) µs vs raw \(rawBest) µs")
    }
}
