// Implementation notes
//
// Goals, in priority order: (1) GLPK must never abort the process, (2) the problem object is
// created, used and deleted on one thread, (3) loading and reading back cost O(rows + columns +
// coefficients) with no per-element allocation.
//
// (1) GLPK calls `abort()` through `glp_error` on invalid arguments, and recovering needs a
// `longjmp` that is unsafe in Swift. So every argument is valid by construction: `load` runs
// only on a program that passed `LinearProgram.validate()`, indices are 1-based and in range,
// no (row, column) pair repeats, bound types match the bounds, and names are never passed to
// GLPK (it rejects names longer than 255 characters).
// (2) GLPK keeps its environment in thread-local storage (`glp_config("TLS")`); a problem
// deleted on another thread corrupts it. `GLPKProblem` is not `Sendable`, never stored, and
// lives inside the synchronous body of `GLPKSolver.solve`; `deinit` deletes it there.
// (3) `glp_load_matrix` is called once with 1-based arrays built in a single pass; solutions
// are read back with one loop per array into preallocated storage.
//
// Follows GLPK.jl (one object owning the pointer, finalizer deleting it, arguments checked
// before each call) and GRDB's `Statement` (pointer created in init, freed in deinit).

internal import CGLPK

/// Owns one `glp_prob`. Internal, not `Sendable`: create, use and drop it inside one
/// synchronous call.
final class GLPKProblem {
    /// The GLPK problem object; never leaves this class.
    private let pointer: OpaquePointer
    private(set) var rowCount = 0
    private(set) var columnCount = 0

    /// Creates an empty problem, or nil if GLPK returns no object.
    init?() {
        guard let created = glp_create_prob() else { return nil }
        pointer = created
    }

    deinit {
        glp_delete_prob(pointer)
    }

    // MARK: - Loading

    /// Loads a validated program: sense, columns (bounds, objective, kinds), rows (bounds) and
    /// the constraint matrix. Zero coefficients are skipped.
    /// - Precondition: `program.validate()` succeeded (sizes fit `Int32`, indices in range, no
    ///   duplicates, finite numbers).
    func load(_ program: LinearProgram, integerColumns: Bool) {
        let m = program.constraints.count
        let n = program.variables.count
        rowCount = m
        columnCount = n
        glp_set_obj_dir(pointer, program.sense == .maximize ? GLP_MAX : GLP_MIN)
        if m > 0 { glp_add_rows(pointer, Int32(m)) }
        glp_add_cols(pointer, Int32(n))
        glp_set_obj_coef(pointer, 0, program.objectiveConstant)
        for j in 0..<n {
            let variable = program.variables[j]
            let column = Int32(j + 1)
            let (type, lower, upper) = Self.boundType(lower: variable.lower, upper: variable.upper)
            glp_set_col_bnds(pointer, column, type, lower, upper)
            let coefficient = program.objective[j]
            if coefficient != 0 { glp_set_obj_coef(pointer, column, coefficient) }
            if integerColumns && variable.isInteger { glp_set_col_kind(pointer, column, GLP_IV) }
        }
        var nonzeros = 0
        for i in 0..<m {
            let row = program.constraints[i]
            let (type, lower, upper) = Self.rowBoundType(row.bound)
            glp_set_row_bnds(pointer, Int32(i + 1), type, lower, upper)
            for coefficient in row.coefficients where coefficient != 0 { nonzeros += 1 }
        }
        guard nonzeros > 0 else { return }
        // 1-based arrays with an unused element 0 (GLPK Reference Manual, `glp_load_matrix`).
        let capacity = nonzeros + 1
        var rowIndices = [Int32](repeating: 0, count: capacity)
        var columnIndices = [Int32](repeating: 0, count: capacity)
        var values = [Double](repeating: 0, count: capacity)
        rowIndices.withUnsafeMutableBufferPointer { ia in
            columnIndices.withUnsafeMutableBufferPointer { ja in
                values.withUnsafeMutableBufferPointer { ar in
                    var k = 1
                    for i in 0..<m {
                        let row = program.constraints[i]
                        let rowNumber = Int32(i + 1)
                        row.indices.withUnsafeBufferPointer { indices in
                            row.coefficients.withUnsafeBufferPointer { coefficients in
                                assert(indices.count == coefficients.count)
                                for t in 0..<indices.count where coefficients[t] != 0 {
                                    // k <= nonzeros: the same rows' non-zeros were counted above.
                                    assert(k < capacity && indices[t] >= 0 && indices[t] < n)
                                    ia[k] = rowNumber
                                    ja[k] = Int32(indices[t] + 1)
                                    ar[k] = coefficients[t]
                                    k += 1
                                }
                            }
                        }
                    }
                    assert(k == capacity)
                    glp_load_matrix(pointer, Int32(nonzeros), ia.baseAddress, ja.baseAddress,
                                    ar.baseAddress)
                }
            }
        }
    }

    /// GLPK column bound type for `[lower, upper]` (infinite ends mean "no bound").
    static func boundType(lower: Double, upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (true, true): return (lower == upper ? GLP_FX : GLP_DB, lower, upper)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (false, false): return (GLP_FR, 0, 0)
        }
    }

    /// GLPK row bound type for a constraint bound.
    static func rowBoundType(_ bound: LinearProgram.Constraint.Bound) -> (Int32, Double, Double) {
        switch bound {
        case .lessOrEqual(let value): return (GLP_UP, 0, value)
        case .greaterOrEqual(let value): return (GLP_LO, value, 0)
        case .equal(let value): return (GLP_FX, value, value)
        case .ranged(let low, let high): return (low == high ? GLP_FX : GLP_DB, low, high)
        }
    }

    // MARK: - Solvers

    /// Message level for the `msg_lev` fields.
    static func messageLevel(verbose: Bool) -> Int32 { verbose ? GLP_MSG_ON : GLP_MSG_OFF }

    /// `glp_simplex` with the given options; returns GLPK's return code.
    /// - Parameters:
    ///   - primal: `GLP_PRIMAL` when true, else `GLP_DUALP` (dual, falling back to primal).
    ///   - timeLimit: milliseconds in `1...Int32.max`, or nil for none.
    /// `glp_write_lp` (CPLEX LP format) to `path`; GLPK's return code, 0 on success.
    /// - Precondition: `path` is non-empty and has no NUL character.
    func writeCPLEXLP(path: String) -> Int32 {
        glp_write_lp(pointer, nil, path)
    }

    func simplex(primal: Bool, presolve: Bool, verbose: Bool, timeLimit: Int32?) -> Int32 {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = Self.messageLevel(verbose: verbose)
        parameters.meth = primal ? GLP_PRIMAL : GLP_DUALP
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        if let timeLimit { parameters.tm_lim = timeLimit }
        return glp_simplex(pointer, &parameters)
    }

    /// `glp_exact` (rational primal simplex from the current basis) with an iteration limit;
    /// returns the return code.
    func exact(verbose: Bool, iterationLimit: Int32, timeLimit: Int32?) -> Int32 {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = Self.messageLevel(verbose: verbose)
        parameters.it_lim = iterationLimit
        if let timeLimit { parameters.tm_lim = timeLimit }
        return glp_exact(pointer, &parameters)
    }

    /// `glp_interior` (GLPK's interior-point method has no time limit); returns the return code.
    func interior(verbose: Bool) -> Int32 {
        var parameters = glp_iptcp()
        glp_init_iptcp(&parameters)
        parameters.msg_lev = Self.messageLevel(verbose: verbose)
        return glp_interior(pointer, &parameters)
    }

    /// `glp_intopt` without its presolver, which requires an optimal basis of the LP
    /// relaxation to be present (GLPK Reference Manual, `glp_intopt`); returns the return code.
    func intopt(verbose: Bool, timeLimit: Int32?) -> Int32 {
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = Self.messageLevel(verbose: verbose)
        parameters.presolve = GLP_OFF
        if let timeLimit { parameters.tm_lim = timeLimit }
        return glp_intopt(pointer, &parameters)
    }

    /// Resets the basis to the standard one (all auxiliary variables basic), which is always
    /// valid (`glp_std_basis`).
    func resetBasis() {
        glp_std_basis(pointer)
    }

    // MARK: - Status

    /// `glp_get_status` (basic solution).
    var basicStatus: Int32 { glp_get_status(pointer) }
    /// `glp_get_dual_stat` (basic solution).
    var basicDualStatus: Int32 { glp_get_dual_stat(pointer) }
    /// `glp_ipt_status` (interior-point solution).
    var interiorStatus: Int32 { glp_ipt_status(pointer) }
    /// `glp_mip_status` (MIP solution).
    var mipStatus: Int32 { glp_mip_status(pointer) }

    // MARK: - Reading back

    /// Objective, primal values, row duals and reduced costs of the basic solution.
    func basicSolution() -> (objective: Double, primal: [Double], rowDuals: [Double],
                             reducedCosts: [Double]) {
        let p = pointer
        return (glp_get_obj_val(p),
                Self.values(columnCount) { glp_get_col_prim(p, $0) },
                Self.values(rowCount) { glp_get_row_dual(p, $0) },
                Self.values(columnCount) { glp_get_col_dual(p, $0) })
    }

    /// Objective, primal values, row duals and reduced costs of the interior-point solution.
    func interiorSolution() -> (objective: Double, primal: [Double], rowDuals: [Double],
                                reducedCosts: [Double]) {
        let p = pointer
        return (glp_ipt_obj_val(p),
                Self.values(columnCount) { glp_ipt_col_prim(p, $0) },
                Self.values(rowCount) { glp_ipt_row_dual(p, $0) },
                Self.values(columnCount) { glp_ipt_col_dual(p, $0) })
    }

    /// Objective and variable values of the MIP solution.
    func mipSolution() -> (objective: Double, primal: [Double]) {
        let p = pointer
        return (glp_mip_obj_val(p), Self.values(columnCount) { glp_mip_col_val(p, $0) })
    }

    /// `[read(1), read(2), …, read(count)]`, filled in one pass without intermediate copies.
    private static func values(_ count: Int, _ read: (Int32) -> Double) -> [Double] {
        // count is the problem's row or column count, validated against LinearProgram.maximumSize.
        assert(count >= 0 && count <= Int(Int32.max))
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            assert(buffer.count >= count)
            for k in 0..<count { buffer[k] = read(Int32(k + 1)) }
            initialized = count
        }
    }

    /// The final basis: status of every row's auxiliary variable and every column.
    func basis() -> (rows: [ExactCertificate.BasisStatus], columns: [ExactCertificate.BasisStatus]) {
        let p = pointer
        let rows = (0..<rowCount).map { Self.basisStatus(glp_get_row_stat(p, Int32($0 + 1))) }
        let columns = (0..<columnCount).map { Self.basisStatus(glp_get_col_stat(p, Int32($0 + 1))) }
        return (rows, columns)
    }

    private static func basisStatus(_ code: Int32) -> ExactCertificate.BasisStatus {
        switch code {
        case GLP_BS: return .basic
        case GLP_NL: return .atLower
        case GLP_NU: return .atUpper
        case GLP_NF: return .free
        case GLP_NS: return .fixed
        default: return .unknown
        }
    }
}
