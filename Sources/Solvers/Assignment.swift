/// The assignment problem: give each row its own column at minimum total cost (or maximum
/// total weight), solved by the Hungarian method, with the equivalent LP for cross-checks.
///
/// ```
/// minimize  Σᵢ cost[i][σ(i)]   over injective σ : {0…n−1} → {0…m−1},   n ≤ m
/// ```
///
/// Algorithm: the Hungarian method in its shortest-augmenting-path form with dual potentials
/// u (rows) and v (columns): rows are added one at a time and each is routed to a free column
/// by a Dijkstra-like search on reduced costs `cost[i][j] − u[i] − v[j] ≥ 0`, after which the
/// potentials of the scanned rows and columns are updated so reduced costs stay non-negative
/// (Jonker & Volgenant 1987; the rectangular formulation of Crouse 2016, as in SciPy's
/// `linear_sum_assignment`).
///
/// Ties: among optimal assignments, the one the search reaches first (deterministic for a given
/// matrix).
/// Properties: exact up to floating-point rounding of the potentials; `total` is re-summed from
/// the input, not taken from the potentials. The LP from `linearProgram` has the same optimal
/// value because its constraint matrix, the incidence matrix of a bipartite graph, is totally
/// unimodular (Hoffman & Kruskal 1956), so simplex vertices are assignments.
/// - Complexity: O(n²·m) time, O(n + m) extra memory beyond a flat copy of the matrix.
///
/// References: H. W. Kuhn, "The Hungarian method for the assignment problem", *Naval Research
/// Logistics Quarterly* 2 (1955); R. Jonker and A. Volgenant, "A shortest augmenting path
/// algorithm for dense and sparse linear assignment problems", *Computing* 38 (1987).
public enum Assignment {
    /// An optimal assignment of every row to a distinct column.
    ///
    /// - Parameters:
    ///   - cost: n × m matrix, n ≤ m, finite entries, every row the same length. No rows
    ///     gives an empty assignment with total 0.
    ///   - maximize: maximize the total instead of minimizing it.
    /// - Throws: `LPError.raggedMatrix`, `.nonFiniteMatrixEntry`, `.moreRowsThanColumns`, or
    ///   `.inconsistentResult` if the potentials overflow (entries near `Double.greatestFiniteMagnitude`).
    public static func solve(cost: [[Double]],
                             maximize: Bool = false) throws(LPError) -> AssignmentSolution {
        let (n, m) = try shape(of: cost)
        guard n > 0 else { return AssignmentSolution(rowToColumn: [], total: 0) }
        // Flat copy, negated when maximizing: a[i·m + j]. The working arrays are raw buffers:
        // the inner loop runs up to m times per step and array bounds checks would double it.
        // n·m is checked for overflow (the rows came from real arrays, but the count must be exact).
        let (cells, overflow) = n.multipliedReportingOverflow(by: m)
        guard !overflow else { throw .matrixTooLarge(rows: n, columns: m) }
        let a = UnsafeMutablePointer<Double>.allocate(capacity: cells)
        defer { a.deallocate() }
        var k = 0
        for row in cost {
            assert(row.count == m && k + m <= cells, "Assignment: row of \(row.count) entries at \(k) of \(cells)")
            for value in row { a[k] = maximize ? -value : value; k += 1 }
        }
        assert(k == cells)

        // Shortest augmenting paths with lazy dual updates (Jonker & Volgenant 1987, in the
        // rectangular form of Crouse 2016): each row is routed to a free column by a Dijkstra
        // search over the columns not yet scanned; the potentials of the scanned rows and
        // columns are updated once per row, after the search.
        let u = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let v = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let shortest = UnsafeMutablePointer<Double>.allocate(capacity: m)
        let path = UnsafeMutablePointer<Int>.allocate(capacity: m)
        let columnOwner = UnsafeMutablePointer<Int>.allocate(capacity: m)  // row of column j, or -1
        let rowColumn = UnsafeMutablePointer<Int>.allocate(capacity: n)    // column of row i, or -1
        let remaining = UnsafeMutablePointer<Int>.allocate(capacity: m)
        let scannedRow = UnsafeMutablePointer<Bool>.allocate(capacity: n)
        let scannedColumn = UnsafeMutablePointer<Bool>.allocate(capacity: m)
        defer {
            u.deallocate(); v.deallocate(); shortest.deallocate(); path.deallocate(); columnOwner.deallocate()
            rowColumn.deallocate(); remaining.deallocate(); scannedRow.deallocate(); scannedColumn.deallocate()
        }
        u.initialize(repeating: 0, count: n)
        v.initialize(repeating: 0, count: m)
        columnOwner.initialize(repeating: -1, count: m)
        rowColumn.initialize(repeating: -1, count: n)
        path.initialize(repeating: -1, count: m)
        for current in 0..<n {
            var minimum = 0.0
            var left = m
            for j in 0..<m { remaining[j] = m - j - 1 }
            scannedRow.initialize(repeating: false, count: n)
            scannedColumn.initialize(repeating: false, count: m)
            shortest.initialize(repeating: .infinity, count: m)
            var i = current
            var sink = -1
            while sink == -1 {
                var index = -1
                var lowest = Double.infinity
                assert(i >= 0 && i < n, "Assignment: row \(i) outside 0..<\(n)")
                scannedRow[i] = true
                let base = a + i * m
                let ui = u[i]
                assert(left >= 0 && left <= m)
                for position in 0..<left {
                    let j = remaining[position]
                    assert(j >= 0 && j < m, "Assignment: column \(j) outside 0..<\(m)")
                    let reduced = minimum + base[j] - ui - v[j]
                    if reduced < shortest[j] {
                        path[j] = i
                        shortest[j] = reduced
                    }
                    if shortest[j] < lowest || (shortest[j] == lowest && columnOwner[j] == -1) {
                        lowest = shortest[j]
                        index = position
                    }
                }
                guard index >= 0, lowest.isFinite else {
                    throw .inconsistentResult("the Hungarian method's potentials overflowed; scale the costs down")
                }
                minimum = lowest
                let j = remaining[index]
                if columnOwner[j] == -1 { sink = j } else { i = columnOwner[j] }
                scannedColumn[j] = true
                left -= 1
                remaining[index] = remaining[left]
            }
            u[current] += minimum
            for r in 0..<n where scannedRow[r] && r != current {
                u[r] += minimum - shortest[rowColumn[r]]
            }
            for j in 0..<m where scannedColumn[j] {
                v[j] -= minimum - shortest[j]
            }
            // Augment along the path from the sink back to the current row.
            var j = sink
            while true {
                assert(j >= 0 && j < m, "Assignment: path column \(j) outside 0..<\(m)")
                let r = path[j]
                assert(r >= 0 && r < n, "Assignment: path row \(r) outside 0..<\(n)")
                columnOwner[j] = r
                let displaced = rowColumn[r]
                rowColumn[r] = j
                if r == current { break }
                j = displaced
            }
        }
        var rowToColumn = [Int](repeating: -1, count: n)
        for r in 0..<n { rowToColumn[r] = rowColumn[r] }
        var total = 0.0
        for r in 0..<n { total += cost[r][rowToColumn[r]] }
        return AssignmentSolution(rowToColumn: rowToColumn, total: total)
    }

    /// The assignment problem as a linear program, for cross-checking `solve` with an LP solver.
    ///
    /// ```
    /// variable x[i·m + j] ∈ [0, 1]             (row i takes column j)
    /// minimize / maximize Σᵢⱼ cost[i][j] x[i·m + j]
    /// constraints 0..<n:      Σⱼ x[i·m + j] = 1    (each row assigned once)
    /// constraints n..<n+m:    Σᵢ x[i·m + j] ≤ 1    (= 1 when n == m; each column used at most once)
    /// ```
    /// Every vertex is integral (total unimodularity), so the simplex method returns an
    /// assignment. Variables and constraints are unnamed, to keep building cheap (workload W2).
    /// - Throws: `LPError.emptyMatrix` for no rows, and the errors of `solve`'s validation.
    public static func linearProgram(cost: [[Double]],
                                     maximize: Bool = false) throws(LPError) -> LinearProgram {
        let (n, m) = try shape(of: cost)
        guard n > 0 else { throw .emptyMatrix }
        var program = LinearProgram(sense: maximize ? .maximize : .minimize)
        program.variables = [LinearProgram.Variable](
            repeating: LinearProgram.Variable(lower: 0, upper: 1), count: n * m)
        program.objective.reserveCapacity(n * m)
        for row in cost { program.objective.append(contentsOf: row) }
        program.constraints.reserveCapacity(n + m)
        // All rows share one coefficient buffer (copy-on-write), all columns another.
        let rowOnes = [Double](repeating: 1, count: m)
        let columnOnes = [Double](repeating: 1, count: n)
        for i in 0..<n {
            program.constraints.append(LinearProgram.Constraint(
                indices: arithmeticSequence(start: i * m, step: 1, count: m),
                coefficients: rowOnes, bound: .equal(1)))
        }
        let columnBound: LinearProgram.Constraint.Bound = n == m ? .equal(1) : .lessOrEqual(1)
        for j in 0..<m {
            program.constraints.append(LinearProgram.Constraint(
                indices: arithmeticSequence(start: j, step: m, count: n),
                coefficients: columnOnes, bound: columnBound))
        }
        return program
    }

    /// `[start, start + step, …]` with `count` elements, filled in place.
    private static func arithmeticSequence(start: Int, step: Int, count: Int) -> [Int] {
        // count is n or m of a matrix whose n·m `shape(of:)` checked, and start + k·step < n·m.
        assert(count >= 0 && start >= 0 && step >= 1)
        return [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            assert(buffer.count >= count)
            for k in 0..<count { buffer[k] = start + k * step }
            initialized = count
        }
    }

    /// (rows, columns) of a valid cost matrix: rectangular, finite, no more rows than columns.
    private static func shape(of cost: [[Double]]) throws(LPError) -> (Int, Int) {
        let (n, m) = try DenseMatrix.shape(of: cost)
        guard n <= m else { throw .moreRowsThanColumns(rows: n, columns: m) }
        // Every caller sizes a flat n·m buffer or LP: the product must be exact.
        guard !n.multipliedReportingOverflow(by: m).overflow else { throw .matrixTooLarge(rows: n, columns: m) }
        return (n, m)
    }
}
