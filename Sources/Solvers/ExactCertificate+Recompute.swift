// Implementation notes
//
// Goal: from a final simplex basis (only the *statuses* of rows and columns, no floating-point
// values), recompute the basic solution and its duals in exact rational arithmetic and check
// both optimality conditions, so the certificate does not depend on GLPK's floating point.
//
// GLPK's model (Reference Manual 5.0, §1.1): each row i has an auxiliary variable
// rᵢ = Σⱼ aᵢⱼ xⱼ with the row's bounds; a basis makes exactly `rows` of the rows + columns
// variables basic. Nonbasic variables sit at a bound (or 0 if free). Instead of the full m×m
// basis matrix [I | −A]_B we solve the smaller k×k system, k = number of basic columns:
// the rows R whose auxiliary variable is nonbasic pin rᵢ, so
//
//     Σ_{j basic} aᵢⱼ xⱼ = rᵢ − Σ_{j nonbasic} aᵢⱼ xⱼ        for i ∈ R        (|R| = k)
//
// and the duals solve the transposed system  Σ_{i ∈ R} aᵢⱼ λᵢ = cⱼ  for basic j, with λᵢ = 0
// for rows whose auxiliary variable is basic; reduced costs are dⱼ = cⱼ − Σᵢ aᵢⱼ λᵢ, and the
// reduced cost of rᵢ is λᵢ. Optimality (minimization; signs flip for maximization): every basic
// variable within its bounds, and each nonbasic one with d ≥ 0 at a lower bound, d ≤ 0 at an
// upper bound, d = 0 if free (the optimality test of the bounded-variable simplex method;
// Chvátal 1983, Part I).
//
// Dense Gaussian elimination over ℚ (GLPK's rational simplex, small programs) picks, in each
// column, the pivot with the fewest bits, which keeps intermediate fractions short (a cheap
// stand-in for Bareiss' fraction-free method). The recheck of a floating-point basis of a large
// program (`ExactCertificate.verify(_:basis:)`) factors the same k×k system sparsely instead
// (`SparseRationalLU`); the dense elimination stays as its oracle in the tests.

extension ExactCertificate {
    /// Status of a row's auxiliary variable or of a column in a simplex basis.
    typealias BasisStatus = LPBasis.Status

    /// Why no certificate could be built; `reason` is one sentence for `exactFailure`.
    public struct Failure: Error, Sendable {
        public let reason: String
    }

    /// How the basis systems are solved: dense Gaussian elimination (the k×k matrix in full)
    /// or the sparse LU factorization with Markowitz pivots (`SparseRationalLU`).
    enum Elimination: Sendable, Hashable {
        case dense, sparse
    }

    /// Recomputes the basic solution of `program` for the basis `rows` / `columns` in rational
    /// arithmetic and returns it if it is proven optimal.
    /// - Precondition: `program` passed `validate()`; `rows.count` and `columns.count` match it.
    /// - Throws: `Failure` with a sentence when a number has no 128-bit rational form,
    ///   arithmetic overflows, the basis is singular or inconsistent, or the basis is not
    ///   optimal for the rationalized data.
    static func recompute(_ program: LinearProgram, rows: [BasisStatus], columns: [BasisStatus],
                          elimination: Elimination = .dense) throws(Failure) -> ExactCertificate {
        do {
            let values = try Recomputation(program, rows: rows, columns: columns,
                                           elimination: elimination).values(in: Rational.self)
            return ExactCertificate(objective: values.objective, primal: values.primal,
                                    rowDuals: values.rowDuals, reducedCosts: values.reducedCosts)
        } catch let failure as Failure {
            throw failure
        } catch let error as RationalError {
            throw Failure(reason: "Exact recomputation stopped: \(error.description)")
        } catch {
            throw Failure(reason: "Exact recomputation stopped: \(error).")
        }
    }
}

/// The exact values of a recomputed basis, in the arithmetic it ran in.
struct RecomputedValues<Number: ExactField> {
    var objective: Number
    var primal: [Number]
    var rowDuals: [Number]
    var reducedCosts: [Number]
}

/// The state of one recomputation; all work happens in `values(in:)`.
struct Recomputation {
    typealias Status = ExactCertificate.BasisStatus

    let program: LinearProgram
    let rows: [Status]
    let columns: [Status]
    let elimination: ExactCertificate.Elimination

    init(_ program: LinearProgram, rows: [Status], columns: [Status],
         elimination: ExactCertificate.Elimination) {
        self.program = program
        self.rows = rows
        self.columns = columns
        self.elimination = elimination
    }

    /// The optimal basic solution in `Number` arithmetic, or a `Failure` (or a `RationalError`
    /// when `Number` overflows).
    func values<Number: ExactField>(in _: Number.Type) throws -> RecomputedValues<Number> {
        let n = program.variables.count
        let m = program.constraints.count
        guard rows.count == m, columns.count == n else {
            throw ExactCertificate.Failure(reason: "The basis does not match the program's size.")
        }

        // Exact data.
        func number(_ value: Double, _ what: String) throws -> Number {
            Number(lifting: try rational(value, what))
        }
        let cost = try program.objective.enumerated().map { j, value in
            try number(value, "the objective coefficient of variable \(j)")
        }
        let constant = try number(program.objectiveConstant, "the objective constant")
        var lower = [Number?](repeating: nil, count: n)
        var upper = [Number?](repeating: nil, count: n)
        for (j, variable) in program.variables.enumerated() {
            if variable.lower.isFinite { lower[j] = try number(variable.lower, "the lower bound of variable \(j)") }
            if variable.upper.isFinite { upper[j] = try number(variable.upper, "the upper bound of variable \(j)") }
        }
        var rowLower = [Number?](repeating: nil, count: m)
        var rowUpper = [Number?](repeating: nil, count: m)
        var matrixRows = [[(column: Int, value: Number)]](repeating: [], count: m)
        var matrixColumns = [[(row: Int, value: Number)]](repeating: [], count: n)
        for (i, row) in program.constraints.enumerated() {
            switch row.bound {
            case .lessOrEqual(let value):
                rowUpper[i] = try number(value, "the right-hand side of constraint \(i)")
            case .greaterOrEqual(let value):
                rowLower[i] = try number(value, "the right-hand side of constraint \(i)")
            case .equal(let value):
                let r = try number(value, "the right-hand side of constraint \(i)")
                rowLower[i] = r
                rowUpper[i] = r
            case .ranged(let low, let high):
                rowLower[i] = try number(low, "the lower end of constraint \(i)")
                rowUpper[i] = try number(high, "the upper end of constraint \(i)")
            }
            for (j, value) in zip(row.indices, row.coefficients) where value != 0 {
                let a = try number(value, "the coefficient of variable \(j) in constraint \(i)")
                matrixRows[i].append((j, a))
                matrixColumns[j].append((i, a))
            }
        }

        // The basis: k basic columns, k rows with a nonbasic auxiliary variable.
        if let j = columns.firstIndex(of: .unknown) {
            throw ExactCertificate.Failure(reason: "GLPK reported an unknown basis status for variable \(j).")
        }
        if let i = rows.firstIndex(of: .unknown) {
            throw ExactCertificate.Failure(reason: "GLPK reported an unknown basis status for constraint \(i).")
        }
        let basicColumns = columns.indices.filter { columns[$0] == .basic }
        let pinnedRows = rows.indices.filter { rows[$0] != .basic }
        guard basicColumns.count == pinnedRows.count else {
            throw ExactCertificate.Failure(reason: "The final basis has \(basicColumns.count + m - pinnedRows.count) basic variables for \(m) constraints, so it is not a basis.")
        }
        let k = basicColumns.count

        // Values of nonbasic variables.
        var primal = [Number](repeating: .zero, count: n)
        for j in 0..<n where columns[j] != .basic {
            primal[j] = try nonbasicValue(columns[j], lower[j], upper[j], "variable \(j)")
        }
        var pinnedValue = [Number](repeating: .zero, count: m)
        for i in pinnedRows {
            pinnedValue[i] = try nonbasicValue(rows[i], rowLower[i], rowUpper[i], "constraint \(i)")
        }

        // Solve for the basic columns: M x_B = rhs, M = A[pinnedRows, basicColumns].
        var position = [Int](repeating: -1, count: n)
        for (p, j) in basicColumns.enumerated() { position[j] = p }
        var matrix = [[(column: Int, value: Number)]](repeating: [], count: k)
        var rhs = [Number](repeating: .zero, count: k)
        for (r, i) in pinnedRows.enumerated() {
            var value = pinnedValue[i]
            for (j, a) in matrixRows[i] {
                if position[j] >= 0 {
                    matrix[r].append((position[j], a))
                } else if primal[j].signum != 0 {
                    value = try value.subtracting(try a.multiplied(by: primal[j]))
                }
            }
            rhs[r] = value
        }
        let basicCosts = basicColumns.map { cost[$0] }
        guard let (basicValues, pinnedDuals) = try solveBoth(matrix, rhs, basicCosts) else {
            throw ExactCertificate.Failure(reason: "The final basis matrix is singular in exact arithmetic.")
        }
        for (p, j) in basicColumns.enumerated() { primal[j] = basicValues[p] }

        // Primal feasibility of basic columns and of every row activity.
        for j in basicColumns {
            if let l = lower[j], primal[j] < l {
                throw ExactCertificate.Failure(reason: "The final basis is not primal feasible in exact arithmetic: variable \(j) = \(primal[j]) is below its lower bound \(l).")
            }
            if let u = upper[j], primal[j] > u {
                throw ExactCertificate.Failure(reason: "The final basis is not primal feasible in exact arithmetic: variable \(j) = \(primal[j]) is above its upper bound \(u).")
            }
        }
        for i in 0..<m where rows[i] == .basic {
            var activity = Number.zero
            for (j, a) in matrixRows[i] where primal[j].signum != 0 {
                activity = try activity.adding(try a.multiplied(by: primal[j]))
            }
            if let l = rowLower[i], activity < l {
                throw ExactCertificate.Failure(reason: "The final basis is not primal feasible in exact arithmetic: constraint \(i) has activity \(activity) below \(l).")
            }
            if let u = rowUpper[i], activity > u {
                throw ExactCertificate.Failure(reason: "The final basis is not primal feasible in exact arithmetic: constraint \(i) has activity \(activity) above \(u).")
            }
        }

        // Duals: Mᵀ λ_R = c_B (solved above); λ = 0 on rows with a basic auxiliary variable.
        var rowDuals = [Number](repeating: .zero, count: m)
        for (r, i) in pinnedRows.enumerated() { rowDuals[i] = pinnedDuals[r] }
        var reducedCosts = [Number](repeating: .zero, count: n)
        for j in 0..<n where columns[j] != .basic {
            var d = cost[j]
            for (i, a) in matrixColumns[j] where rowDuals[i].signum != 0 {
                d = try d.subtracting(try a.multiplied(by: rowDuals[i]))
            }
            reducedCosts[j] = d
        }

        // Dual feasibility (optimality) of every nonbasic variable.
        let direction = program.sense == .minimize ? 1 : -1
        for j in 0..<n where !signAllowed(columns[j], reducedCosts[j], direction) {
            throw ExactCertificate.Failure(reason: "The final basis is not optimal in exact arithmetic: variable \(j) has reduced cost \(reducedCosts[j]) of the wrong sign for its bound.")
        }
        for i in pinnedRows where !signAllowed(rows[i], rowDuals[i], direction) {
            throw ExactCertificate.Failure(reason: "The final basis is not optimal in exact arithmetic: constraint \(i) has dual value \(rowDuals[i]) of the wrong sign for its bound.")
        }

        var objective = constant
        for j in 0..<n where cost[j].signum != 0 && primal[j].signum != 0 {
            objective = try objective.adding(try cost[j].multiplied(by: primal[j]))
        }
        return RecomputedValues(objective: objective, primal: primal, rowDuals: rowDuals,
                                reducedCosts: reducedCosts)
    }

    /// The simplest rational for an input number, or a failure naming it.
    private func rational(_ value: Double, _ what: String) throws -> Rational {
        do {
            return try Rational(roundTripping: value)
        } catch {
            throw ExactCertificate.Failure(reason: "No exact certificate: \(what) (\(value)) has no fraction of 128-bit integers.")
        }
    }

    /// The value a nonbasic variable takes: the bound its status names, or 0 if free.
    private func nonbasicValue<Number: ExactField>(_ status: Status, _ lower: Number?, _ upper: Number?,
                                                   _ what: String) throws -> Number {
        let value: Number?
        switch status {
        case .atLower, .fixed: value = lower
        case .atUpper: value = upper
        case .free: value = .zero
        case .basic, .unknown: value = nil
        }
        guard let value else {
            throw ExactCertificate.Failure(reason: "The final basis puts \(what) at a bound it does not have.")
        }
        return value
    }

    /// Whether reduced cost `d` is allowed for a nonbasic variable with `status`
    /// (`direction` = +1 minimizing, −1 maximizing).
    private func signAllowed<Number: ExactField>(_ status: Status, _ d: Number, _ direction: Int) -> Bool {
        switch status {
        case .basic, .fixed: return true
        case .atLower: return d.signum * direction >= 0
        case .atUpper: return d.signum * direction <= 0
        case .free: return d.signum == 0
        case .unknown: return false
        }
    }

    /// x with M x = rhs and y with Mᵀ y = costs, for the sparse k×k matrix M given by its rows;
    /// nil if M is singular.
    private func solveBoth<Number: ExactField>(_ matrix: [[(column: Int, value: Number)]], _ rhs: [Number],
                                               _ costs: [Number]) throws -> ([Number], [Number])? {
        switch elimination {
        case .sparse:
            guard let factors = try SparseRationalLU(rows: matrix) else { return nil }
            return (try factors.solve(rhs), try factors.solveTransposed(costs))
        case .dense:
            let k = rhs.count
            var dense = [[Number]](repeating: [Number](repeating: .zero, count: k), count: k)
            var transposed = dense
            for (r, row) in matrix.enumerated() {
                for (c, a) in row {
                    dense[r][c] = a
                    transposed[c][r] = a
                }
            }
            guard let x = try solve(dense, rhs), let y = try solve(transposed, costs) else { return nil }
            return (x, y)
        }
    }

    /// Solves `matrix · x = rhs` by Gaussian elimination over ℚ; nil if singular.
    private func solve<Number: ExactField>(_ matrix: [[Number]], _ rhs: [Number]) throws -> [Number]? {
        let k = rhs.count
        var a = matrix
        var b = rhs
        for column in 0..<k {
            // Pivot: the non-zero entry with the fewest bits, to keep fractions short.
            var pivot = -1
            var pivotSize = Int.max
            for r in column..<k where a[r][column].signum != 0 {
                let size = a[r][column].bitLength
                if size < pivotSize { pivot = r; pivotSize = size }
            }
            guard pivot >= 0 else { return nil }
            if pivot != column {
                a.swapAt(pivot, column)
                b.swapAt(pivot, column)
            }
            let p = a[column][column]
            for r in (column + 1)..<k where a[r][column].signum != 0 {
                let factor = try a[r][column].divided(by: p)
                a[r][column] = .zero
                for c in (column + 1)..<k where a[column][c].signum != 0 {
                    a[r][c] = try a[r][c].subtracting(try factor.multiplied(by: a[column][c]))
                }
                b[r] = try b[r].subtracting(try factor.multiplied(by: b[column]))
            }
        }
        var x = [Number](repeating: .zero, count: k)
        for r in stride(from: k - 1, through: 0, by: -1) {
            var value = b[r]
            for c in (r + 1)..<k where a[r][c].signum != 0 {
                value = try value.subtracting(try a[r][c].multiplied(by: x[c]))
            }
            x[r] = try value.divided(by: a[r][r])
        }
        return x
    }
}
