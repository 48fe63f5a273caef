import Foundation
import Sim
import Solvers

/// Benchmark workload W4: `Assignment.solve` (the Hungarian method) on random uniform n x n
/// cost matrices, n = 100 (200 matrices) and n = 1,000 (5 matrices), one thread; with
/// `compare`, scipy's `linear_sum_assignment` solves the same matrices
/// (`bench/baselines/assignment_scipy.py`, fed through a temporary file) and the per-solve
/// times are compared.
public enum AssignmentBenchmark {
    public struct Result: Sendable {
        public var n: Int
        public var count: Int
        /// Best time per solve, over at most 3 repetitions.
        public var secondsPerSolve: Double
        /// Sum of the optimal costs (a checksum).
        public var totalCost: Double
        /// scipy's time per solve and its total cost, with `compare`.
        public var scipy: (secondsPerSolve: Double, totalCost: Double)?
    }

    /// One result per size in `settings.assignmentSizes`.
    public static func measure(_ settings: BenchmarkSettings) throws(BenchmarkError) -> [Result] {
        let repetitions = max(1, min(settings.repetitions, 3))
        var results: [Result] = []
        for (n, count) in settings.assignmentSizes {
            var rng = Xoshiro256StarStar(seed: settings.seed)
            let matrices: [[[Double]]] = (0..<count).map { _ in (0..<n).map { _ in (0..<n).map { _ in rng.nextUnit() } } }
            let clock = ContinuousClock()
            var best = Double.infinity
            var total = 0.0
            for _ in 0..<repetitions {
                let start = clock.now
                var sum = 0.0
                do {
                    for m in matrices { sum += try Assignment.solve(cost: m).total }
                } catch { throw BenchmarkError("W4: \(error)") }
                best = min(best, seconds(clock.now - start))
                total = sum
            }
            var result = Result(n: n, count: count, secondsPerSolve: best / Double(count), totalCost: total)
            if settings.compare { result.scipy = try scipyBaseline(matrices, n: n, repetitions: repetitions) }
            results.append(result)
        }
        return results
    }

    /// Writes the matrices as raw little-endian float64 and runs the scipy baseline on them.
    static func scipyBaseline(_ matrices: [[[Double]]], n: Int, repetitions: Int) throws(BenchmarkError) -> (Double, Double) {
        let script = try BaselineScript.locate(BaselineScript.assignmentScipy)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-w4-\(ProcessInfo.processInfo.processIdentifier)-\(n).f64")
        var data = Data(capacity: matrices.count * n * n * 8)
        for m in matrices { for row in m { for x in row { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } } } }
        do { try data.write(to: file) } catch { throw BenchmarkError("cannot write \(file.path): \(error.localizedDescription)") }
        defer { try? FileManager.default.removeItem(at: file) }
        let out = try BaselineScript.runPython(script, [file.path, "--n", String(n), "--count", String(matrices.count),
                                                        "--repeat", String(repetitions)])
        guard let s = BaselineScript.number(after: "seconds_per_solve: ", in: out),
              let cost = BaselineScript.number(after: "total_cost: ", in: out) else {
            throw BenchmarkError("the scipy baseline failed (is scipy installed?): \(out)")
        }
        return (s, cost)
    }
}

extension AssignmentBenchmark.Result: BenchmarkReport {
    public var json: JSONValue {
        var f: [(String, JSONValue)] = [
            ("name", .string("W4")), ("n", .integer(n)), ("per_second", .number((1 / secondsPerSolve * 100).rounded() / 100)),
            ("unit", .string("assignment solves")), ("seconds_per_solve", .number(secondsPerSolve)), ("total_cost", .number(totalCost)),
        ]
        if let (s, cost) = scipy {
            f += [("scipy_seconds_per_solve", .number(s)), ("ratio", .number((s / secondsPerSolve * 100).rounded() / 100)),
                  ("cost_difference", .number(abs(cost - totalCost)))]
        }
        return .object(f)
    }

    public var text: String {
        var lines = [
            "W4 assignment, Hungarian method, \(count) random \(n) x \(n) matrices, one thread",
            "  seconds_per_solve: \(String(format: "%.6f", secondsPerSolve))  total_cost: \(String(format: "%.9f", totalCost))",
        ]
        if let (s, cost) = scipy {
            lines.append("  scipy linear_sum_assignment seconds_per_solve: \(String(format: "%.6f", s))  ratio (scipy / MechSim): \(String(format: "%.2f", s / secondsPerSolve))  costs agree to \(abs(cost - totalCost))")
        }
        return lines.joined(separator: "\n")
    }
}
