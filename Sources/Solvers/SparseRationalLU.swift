// Implementation notes
//
// Goal: solve M x = b and Mᵀ y = c exactly for a square, very sparse rational matrix M (the
// basis matrices of design programs: tens of thousands of rows, a handful of small integers per
// row), where a dense k×k elimination needs k² fractions and k³ operations.
//
// The factorization is Gaussian elimination on rows stored as sparse maps. Step t picks a
// pivot (p_t, q_t), subtracts f_rt = M[r][q_t] / M[p_t][q_t] times row p_t from every other
// active row r with an entry in column q_t (recording f_rt), and retires row p_t as row t of the
// upper factor U. With E = E_K ⋯ E_1 the row operations, E M = U, where U's row p_t has entries
// only in columns q_t, q_{t+1}, … (a permuted triangle). Then
//
//     M x = b   ⇔  U x = E b:   apply the E_t to b in order, back-substitute from t = K − 1
//     Mᵀ y = c  ⇔  yᵀ = μᵀ E with μᵀ U = cᵀ:  μ by forward substitution over t = 0, 1, …,
//                                                then the E_t applied to μ in reverse order
//
// Pivot choice (Markowitz 1957): the entry minimizing (r_i − 1)(c_j − 1), the fill-in bound,
// where r_i and c_j are the active counts of its row and column; among equal costs the entry with
// the fewest bits, to keep fractions short. Rows and columns sit in buckets by count, and the
// search looks at the sparsest columns and rows first and stops after a few candidates once one
// meets the bound (c − 1)² of its count, as in Suhl and Suhl, "Computing sparse LU
// factorizations for large-scale linear programming bases", ORSA J. Computing 2 (1990). Column
// singletons (cost 0) cost no fill and no fraction growth; the design bases are mostly those.
//
// Exact arithmetic needs no threshold for stability: every non-zero is an admissible pivot.
// Overflow of the 128-bit fractions is reported (`RationalError`), never wrapped; the same
// elimination then runs on arbitrary-precision fractions (`BigRational`).

/// A sparse LU factorization of a square rational matrix, for exact solves with it and with its
/// transpose.
///
/// ```
/// E M = U      (E: the recorded row operations, U: a row- and column-permuted triangle)
/// ```
///
/// Properties: solves are exact; a singular matrix is detected during the factorization (no
/// admissible pivot remains) and reported as nil by `init`. Cost: the fill-in the Markowitz
/// order leaves, usually a small multiple of the non-zeros for the sparse bases of design
/// programs.
///
/// Numbers: `Rational` (128-bit fractions; a factor or a solution whose numerators or
/// denominators exceed 2^127 throws `RationalError.overflow`) or `BigRational` (arbitrary
/// precision, never overflows, slower); the basis recheck tries the first, then the second.
///
/// References: H. M. Markowitz, "The Elimination Form of the Inverse and Its Application to
/// Linear Programming", Management Science 3 (1957); U. H. Suhl and L. M. Suhl (1990), above;
/// I. S. Duff, A. M. Erisman, J. K. Reid, *Direct Methods for Sparse Matrices* (1986), ch. 7.
struct SparseRationalLU<Number: ExactField> {
    /// The size k of the k×k matrix.
    let size: Int
    /// p_t: the pivot row of step t.
    private var pivotRows: [Int] = []
    /// q_t: the pivot column of step t.
    private var pivotColumns: [Int] = []
    /// U's row of step t, pivot excluded: (column, value).
    private var upper: [[(column: Int, value: Number)]] = []
    /// U[p_t][q_t].
    private var pivots: [Number] = []
    /// The row operations of step t: row r −= factor · row p_t.
    private var eliminations: [[(row: Int, factor: Number)]] = []

    /// How many candidate columns or rows the pivot search examines once it has a pivot.
    static var searchBreadth: Int { 4 }

    /// Factors the k×k matrix given by its rows, each a list of (column, value) with distinct
    /// columns in `0..<k` (zero values are skipped); nil if the matrix is singular.
    /// - Throws: `RationalError` when a fraction does not fit 128 bits.
    init?(rows input: [[(column: Int, value: Number)]]) throws(RationalError) {
        let k = input.count
        size = k
        // Rows as arrays sorted by column; every iteration below runs in a fixed order, so the
        // pivot sequence (and whether a fraction overflows) does not depend on hashing.
        var rows = input.map { row in row.filter { $0.value.signum != 0 }.sorted { $0.column < $1.column } }
        var columnRows = [Set<Int>](repeating: [], count: k)
        for (r, row) in rows.enumerated() { for (c, _) in row { columnRows[c].insert(r) } }
        var rowBuckets = CountBuckets(counts: rows.map(\.count))
        var columnBuckets = CountBuckets(counts: columnRows.map(\.count))
        pivotRows.reserveCapacity(k)
        pivotColumns.reserveCapacity(k)
        upper.reserveCapacity(k)
        pivots.reserveCapacity(k)
        eliminations.reserveCapacity(k)

        for _ in 0..<k {
            guard let (p, q) = Self.choosePivot(rows, columnRows, rowBuckets, columnBuckets) else { return nil }
            let pivotRow = rows[p]
            rows[p] = []
            let pivot = pivotRow.first { $0.column == q }!.value
            rowBuckets.remove(p)
            for (c, _) in pivotRow {
                columnRows[c].remove(p)
                if c != q { columnBuckets.move(c, to: columnRows[c].count) }
            }
            let targets = columnRows[q].sorted()
            columnBuckets.remove(q)
            columnRows[q] = []
            var step: [(row: Int, factor: Number)] = []
            step.reserveCapacity(targets.count)
            for r in targets {
                let old = rows[r]
                let factor = try old.first { $0.column == q }!.value.divided(by: pivot)
                var merged: [(column: Int, value: Number)] = []
                merged.reserveCapacity(old.count + pivotRow.count)
                var a = 0, b = 0
                while a < old.count || b < pivotRow.count {
                    let ca = a < old.count ? old[a].column : Int.max
                    let cb = b < pivotRow.count ? pivotRow[b].column : Int.max
                    if ca == q { a += 1; continue }
                    if cb == q { b += 1; continue }
                    if ca < cb {
                        merged.append(old[a]); a += 1
                    } else if cb < ca {
                        // Fill-in: a new entry of row r.
                        merged.append((cb, try factor.multiplied(by: pivotRow[b].value).negated))
                        columnRows[cb].insert(r)
                        columnBuckets.move(cb, to: columnRows[cb].count)
                        b += 1
                    } else {
                        let updated = try old[a].value.subtracting(try factor.multiplied(by: pivotRow[b].value))
                        if updated.signum == 0 {
                            columnRows[ca].remove(r)
                            columnBuckets.move(ca, to: columnRows[ca].count)
                        } else {
                            merged.append((ca, updated))
                        }
                        a += 1; b += 1
                    }
                }
                rows[r] = merged
                rowBuckets.move(r, to: merged.count)
                step.append((r, factor))
            }
            pivotRows.append(p)
            pivotColumns.append(q)
            pivots.append(pivot)
            upper.append(pivotRow.filter { $0.column != q })
            eliminations.append(step)
        }
    }

    /// The Markowitz pivot among the sparsest columns and rows, or nil when an active row or
    /// column has no entry left (the matrix is singular). Ties go to the entry with fewer bits,
    /// then to the lower row and column.
    private static func choosePivot(_ rows: [[(column: Int, value: Number)]], _ columnRows: [Set<Int>],
                                    _ rowBuckets: CountBuckets, _ columnBuckets: CountBuckets) -> (Int, Int)? {
        if rowBuckets.first(withCount: 0) != nil || columnBuckets.first(withCount: 0) != nil { return nil }
        var best: (cost: Int, bits: Int, row: Int, column: Int)?
        var examined = 0
        func consider(_ r: Int, _ c: Int, _ cost: Int, _ value: Number) {
            let candidate = (cost, value.bitLength, r, c)
            if best == nil || candidate < best! { best = candidate }
        }
        for count in 1..<rowBuckets.limit {
            var c = columnBuckets.first(withCount: count)
            while let column = c {
                for r in columnRows[column] {
                    let value = rows[r].first { $0.column == column }!.value
                    consider(r, column, (rows[r].count - 1) * (count - 1), value)
                }
                examined += 1
                if let b = best, b.cost <= (count - 1) * (count - 1) || examined >= searchBreadth { return (b.row, b.column) }
                c = columnBuckets.next(after: column)
            }
            var r = rowBuckets.first(withCount: count)
            while let row = r {
                for (column, value) in rows[row] {
                    consider(row, column, (count - 1) * (columnRows[column].count - 1), value)
                }
                examined += 1
                if let b = best, b.cost <= (count - 1) * count || examined >= searchBreadth { return (b.row, b.column) }
                r = rowBuckets.next(after: row)
            }
        }
        return best.map { ($0.row, $0.column) }
    }

    /// x with M x = b (b indexed by row, x by column).
    /// - Precondition: `b.count == size`.
    func solve(_ b: [Number]) throws(RationalError) -> [Number] {
        precondition(b.count == size, "right-hand side of the wrong size")
        var y = b
        for t in 0..<pivotRows.count {
            let pivotValue = y[pivotRows[t]]
            guard pivotValue.signum != 0 else { continue }
            for (r, factor) in eliminations[t] {
                y[r] = try y[r].subtracting(try factor.multiplied(by: pivotValue))
            }
        }
        var x = [Number](repeating: .zero, count: size)
        for t in stride(from: pivotRows.count - 1, through: 0, by: -1) {
            var value = y[pivotRows[t]]
            for (c, a) in upper[t] where x[c].signum != 0 {
                value = try value.subtracting(try a.multiplied(by: x[c]))
            }
            x[pivotColumns[t]] = try value.divided(by: pivots[t])
        }
        return x
    }

    /// y with Mᵀ y = c (c indexed by column, y by row).
    /// - Precondition: `c.count == size`.
    func solveTransposed(_ c: [Number]) throws(RationalError) -> [Number] {
        precondition(c.count == size, "right-hand side of the wrong size")
        var rest = c
        var mu = [Number](repeating: .zero, count: size)
        for t in 0..<pivotRows.count {
            let value = try rest[pivotColumns[t]].divided(by: pivots[t])
            mu[pivotRows[t]] = value
            guard value.signum != 0 else { continue }
            for (column, a) in upper[t] {
                rest[column] = try rest[column].subtracting(try value.multiplied(by: a))
            }
        }
        for t in stride(from: pivotRows.count - 1, through: 0, by: -1) {
            var value = mu[pivotRows[t]]
            for (r, factor) in eliminations[t] where mu[r].signum != 0 {
                value = try value.subtracting(try factor.multiplied(by: mu[r]))
            }
            mu[pivotRows[t]] = value
        }
        return mu
    }
}

/// Active rows (or columns) grouped by their number of entries, as doubly linked lists, so that
/// moving one costs O(1) and the lists are walked in a fixed order.
private struct CountBuckets {
    private var head: [Int]
    private var nextItem: [Int]
    private var previousItem: [Int]
    /// The count an item is filed under; −1 once removed.
    private var countOf: [Int]

    /// One more than the largest count an item can have.
    var limit: Int { head.count }

    init(counts: [Int]) {
        let k = counts.count
        head = [Int](repeating: -1, count: k + 1)
        nextItem = [Int](repeating: -1, count: k)
        previousItem = [Int](repeating: -1, count: k)
        countOf = [Int](repeating: -1, count: k)
        for item in stride(from: k - 1, through: 0, by: -1) { insert(item, count: counts[item]) }
    }

    func first(withCount count: Int) -> Int? { head[count] >= 0 ? head[count] : nil }

    func next(after item: Int) -> Int? { nextItem[item] >= 0 ? nextItem[item] : nil }

    private mutating func insert(_ item: Int, count: Int) {
        countOf[item] = count
        previousItem[item] = -1
        nextItem[item] = head[count]
        if head[count] >= 0 { previousItem[head[count]] = item }
        head[count] = item
    }

    mutating func remove(_ item: Int) {
        let count = countOf[item]
        guard count >= 0 else { return }
        if previousItem[item] >= 0 { nextItem[previousItem[item]] = nextItem[item] } else { head[count] = nextItem[item] }
        if nextItem[item] >= 0 { previousItem[nextItem[item]] = previousItem[item] }
        countOf[item] = -1
    }

    /// Files `item` under `count` (a no-op when it is filed there already).
    mutating func move(_ item: Int, to count: Int) {
        guard countOf[item] != count else { return }
        remove(item)
        insert(item, count: count)
    }
}
