import Testing
@testable import Solvers

@Suite("Assignment: Hungarian method vs assignment LP vs brute force")
struct AssignmentTests {
    /// The minimum (or maximum) over all injective maps rows -> columns, by enumeration.
    private func bruteForce(_ cost: [[Double]], maximize: Bool) -> Double {
        let n = cost.count
        let m = cost.first?.count ?? 0
        var best = maximize ? -Double.infinity : Double.infinity
        var used = [Bool](repeating: false, count: m)
        func extend(_ row: Int, _ total: Double) {
            if row == n {
                best = maximize ? max(best, total) : min(best, total)
                return
            }
            for column in 0..<m where !used[column] {
                used[column] = true
                extend(row + 1, total + cost[row][column])
                used[column] = false
            }
        }
        extend(0, 0)
        return best
    }

    @Test("a textbook 3 x 3 instance: [[4,1,3],[2,0,5],[3,2,2]] has minimum 5 (1 + 2 + 2)")
    func textbook() throws {
        // The example of the scipy.optimize.linear_sum_assignment documentation:
        // rows -> columns (1, 0, 2) costs 1 + 2 + 2 = 5.
        let cost: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
        let solution = try Assignment.solve(cost: cost)
        #expect(solution.rowToColumn == [1, 0, 2])
        #expect(isClose(solution.total, 5, TestTolerance.summation))
        let maximum = try Assignment.solve(cost: cost, maximize: true)
        #expect(isClose(maximum.total, 11, TestTolerance.summation))  // 4 + 5 + 2
    }

    @Test("200 random matrices up to 5 x 6 (seed 42): Hungarian = assignment LP = brute force")
    func randomCrossCheck() throws {
        var rng = SplitMix64(seed: 42)
        for instance in 0..<200 {
            let n = 1 + rng.integer(below: 5)
            let m = n + rng.integer(below: 7 - n)
            let maximize = instance % 2 == 1
            let cost = (0..<n).map { _ in (0..<m).map { _ in Double(rng.integer(below: 2001) - 1000) / 100 } }
            let expected = bruteForce(cost, maximize: maximize)

            let hungarian = try Assignment.solve(cost: cost, maximize: maximize)
            #expect(isClose(hungarian.total, expected, TestTolerance.summation),
                    "instance \(instance) (\(n) x \(m)): Hungarian \(hungarian.total) vs \(expected)")
            #expect(Set(hungarian.rowToColumn).count == n)
            #expect(hungarian.rowToColumn.allSatisfy { (0..<m).contains($0) })
            let resummed = hungarian.rowToColumn.enumerated().reduce(0.0) { $0 + cost[$1.offset][$1.element] }
            #expect(isClose(resummed, hungarian.total, TestTolerance.summation))

            let program = try Assignment.linearProgram(cost: cost, maximize: maximize)
            let lp = try GLPKSolver().solve(program)
            #expect(lp.status == .optimal)
            #expect(isClose(lp.objective, expected, TestTolerance.simplex),
                    "instance \(instance): LP \(lp.objective) vs \(expected)")
            // Total unimodularity: the simplex vertex is a 0/1 assignment.
            #expect(lp.primal.allSatisfy { abs($0) <= TestTolerance.simplex || abs($0 - 1) <= TestTolerance.simplex })
        }
    }

    @Test("assignment LP shape: n*m variables in [0,1], n equality rows, m column rows")
    func linearProgramShape() throws {
        let rectangular = try Assignment.linearProgram(cost: [[1, 2, 3], [4, 5, 6]])
        #expect(rectangular.variables.count == 6)
        #expect(rectangular.constraints.count == 5)
        #expect(rectangular.constraints[0].indices == [0, 1, 2])
        #expect(rectangular.constraints[0].bound == .equal(1))
        #expect(rectangular.constraints[2].indices == [0, 3])
        #expect(rectangular.constraints[2].bound == .lessOrEqual(1))
        let square = try Assignment.linearProgram(cost: [[1, 2], [3, 4]], maximize: true)
        #expect(square.sense == .maximize)
        #expect(square.constraints[3].bound == .equal(1))
        #expect(throws: LPError.emptyMatrix) { try Assignment.linearProgram(cost: []) }
    }

    @Test("validation: ragged, non-finite, more rows than columns; no rows is an empty assignment")
    func validation() throws {
        #expect(throws: LPError.raggedMatrix(row: 1, count: 1, expected: 2)) {
            try Assignment.solve(cost: [[1, 2], [3]])
        }
        let error = #expect(throws: LPError.self) { try Assignment.solve(cost: [[1, .nan]]) }
        guard case .nonFiniteMatrixEntry(0, 1, let value)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(value.isNaN)
        #expect(throws: LPError.moreRowsThanColumns(rows: 2, columns: 1)) {
            try Assignment.solve(cost: [[1], [2]])
        }
        let empty = try Assignment.solve(cost: [])
        #expect(empty.rowToColumn.isEmpty)
        #expect(isClose(empty.total, 0, 0))
    }

    @Test("huge finite costs do not crash the Hungarian method")
    func hugeCosts() {
        let big = Double.greatestFiniteMagnitude
        // Potentials may overflow to infinity: that must be an error or a valid assignment,
        // never a trap or an out-of-range index.
        do {
            let solution = try Assignment.solve(cost: [[big, -big], [-big, big]])
            #expect(Set(solution.rowToColumn) == [0, 1])
        } catch {
            #expect(!error.description.isEmpty)
        }
    }

    @Test("larger instances: Hungarian = assignment LP through GLPK on 30 x 30 and 20 x 35 random matrices (seed 7)")
    func largerAgainstLP() throws {
        var rng = SplitMix64(seed: 7)
        for (rows, columns) in [(30, 30), (30, 30), (20, 35), (20, 35), (1, 9)] {
            for maximize in [false, true] {
                let cost = (0..<rows).map { _ in (0..<columns).map { _ in rng.unit() } }
                let hungarian = try Assignment.solve(cost: cost, maximize: maximize)
                #expect(Set(hungarian.rowToColumn).count == rows, "every row gets its own column")
                let lp = try GLPKSolver().solve(try Assignment.linearProgram(cost: cost, maximize: maximize))
                #expect(lp.status == .optimal)
                #expect(abs(hungarian.total - lp.objective) < 1e-9, "\(rows) x \(columns), maximize \(maximize): \(hungarian.total) vs \(lp.objective)")
            }
        }
    }
}
