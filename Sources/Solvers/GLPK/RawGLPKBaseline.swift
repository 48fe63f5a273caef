internal import CGLPK

/// The in-process baseline of benchmark workload W2: the assignment LP solved with direct GLPK
/// calls and nothing else, to measure what `GLPKSolver` adds per solve.
///
/// W2: "10,000 solves of a random 10 × 10 assignment LP through `GLPKSolver`, against the same
/// solves through raw GLPK calls: the Swift layer adds at most 20% per solve." The standalone
/// C program `bench/baselines/assignment_glpk.c` performs the same calls outside Swift.
///
/// Same model as `Assignment.linearProgram(cost:)` for a square matrix (variables
/// x[i·n + j] ∈ [0, 1]; rows 0..<n: Σⱼ x[i·n + j] = 1; rows n..<2n: Σᵢ x[i·n + j] = 1; matrix
/// entries loaded in the same order) and the same settings as `GLPKSolver()` on it (dual
/// simplex `GLP_DUALP`, presolver off since 2n·n² < 100 × 100 for n = 10, messages off).
package enum RawGLPKBaseline {
    /// Minimum total cost of the n × n assignment LP for the row-major `cost`, by raw GLPK.
    ///
    /// Edge cases: returns NaN, without calling GLPK, when `n < 1`, `cost.count != n·n`,
    /// `2·n·n` exceeds GLPK's `int` range, or an entry is not finite; NaN as well when GLPK
    /// does not return an optimum. Benchmark support only (package access, for the Benchmarks
    /// target and the tests): `Assignment` and `GLPKSolver` are the API.
    package static func solveAssignmentLP(cost: [Double], n: Int) -> Double {
        guard n >= 1, n <= 30_000, cost.count == n * n else { return .nan }
        for value in cost where !value.isFinite { return .nan }
        guard let problem = glp_create_prob() else { return .nan }
        let previousTerminalOutput = glp_term_out(GLP_OFF)
        defer {
            glp_delete_prob(problem)
            glp_term_out(previousTerminalOutput)
        }
        let columns = n * n
        glp_set_obj_dir(problem, GLP_MIN)
        glp_add_rows(problem, Int32(2 * n))
        glp_add_cols(problem, Int32(columns))
        for row in 1...(2 * n) { glp_set_row_bnds(problem, Int32(row), GLP_FX, 1, 1) }
        for column in 1...columns {
            glp_set_col_bnds(problem, Int32(column), GLP_DB, 0, 1)
            let c = cost[column - 1]
            if c != 0 { glp_set_obj_coef(problem, Int32(column), c) }
        }
        let count = 2 * columns
        var ia = [Int32](repeating: 0, count: count + 1)
        var ja = [Int32](repeating: 0, count: count + 1)
        var ar = [Double](repeating: 1, count: count + 1)
        var k = 1
        for i in 0..<n {
            for j in 0..<n {
                ia[k] = Int32(i + 1)
                ja[k] = Int32(i * n + j + 1)
                k += 1
            }
        }
        for j in 0..<n {
            for i in 0..<n {
                ia[k] = Int32(n + j + 1)
                ja[k] = Int32(i * n + j + 1)
                k += 1
            }
        }
        glp_load_matrix(problem, Int32(count), &ia, &ja, &ar)
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = GLP_DUALP
        parameters.presolve = GLP_OFF
        guard glp_simplex(problem, &parameters) == 0, glp_get_status(problem) == GLP_OPT else {
            return .nan
        }
        return glp_get_obj_val(problem)
    }
}
