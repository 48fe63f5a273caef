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
/// potentials are updated so reduced costs stay non-negative (Jonker & Volgenant 1987; the
/// O(n²m) formulation of Kuhn's method).
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
        // Flat copy, negated when maximizing: a[(i − 1)·m + (j − 1)] for 1-based i, j.
        var a = [Double]()
        a.reserveCapacity(n * m)
        for row in cost { for value in row { a.append(maximize ? -value : value) } }

        // 1-based arrays; index 0 is the virtual column the new row starts from.
        var u = [Double](repeating: 0, count: n + 1)
        var v = [Double](repeating: 0, count: m + 1)
        var owner = [Int](repeating: 0, count: m + 1)     // owner[j]: row assigned to column j
        var previous = [Int](repeating: 0, count: m + 1)  // previous column on the path
        var distance = [Double](repeating: .infinity, count: m + 1)
        var visited = [Bool](repeating: false, count: m + 1)
        for i in 1...n {
            owner[0] = i
            var column = 0
            for j in 0...m {
                distance[j] = .infinity
                visited[j] = false
            }
            repeat {
                visited[column] = true
                let row = owner[column]
                var delta = Double.infinity
                var next = -1
                let base = (row - 1) * m
                for j in 1...m where !visited[j] {
                    let reduced = a[base + j - 1] - u[row] - v[j]
                    if reduced < distance[j] {
                        distance[j] = reduced
                        previous[j] = column
                    }
                    if distance[j] < delta {
                        delta = distance[j]
                        next = j
                    }
                }
                guard next >= 0, delta.isFinite else {
                    throw .inconsistentResult("the Hungarian method's potentials overflowed; scale the costs down")
                }
                for j in 0...m {
                    if visited[j] {
                        u[owner[j]] += delta
                        v[j] -= delta
                    } else {
                        distance[j] -= delta
                    }
                }
                column = next
            } while owner[column] != 0
            // Augment along the path back to the virtual column.
            repeat {
                let back = previous[column]
                owner[column] = owner[back]
                column = back
            } while column != 0
        }
        var rowToColumn = [Int](repeating: -1, count: n)
        for j in 1...m where owner[j] != 0 { rowToColumn[owner[j] - 1] = j - 1 }
        var total = 0.0
        for i in 0..<n { total += cost[i][rowToColumn[i]] }
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
        [Int](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count { buffer[k] = start + k * step }
            initialized = count
        }
    }

    /// (rows, columns) of a valid cost matrix: rectangular, finite, no more rows than columns.
    private static func shape(of cost: [[Double]]) throws(LPError) -> (Int, Int) {
        let (n, m) = try DenseMatrix.shape(of: cost)
        guard n <= m else { throw .moreRowsThanColumns(rows: n, columns: m) }
        return (n, m)
    }
}
