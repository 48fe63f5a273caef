internal import CGLPK

extension GLPKSolver {
    /// Writes `program` to `path` in CPLEX LP format with GLPK's `glp_write_lp`, so that an
    /// external solver (`glpsol --lp`) can solve the very same model (benchmark workload W6).
    ///
    /// Variables and rows get GLPK's default names (`x_1`, `r_1`, …, 1-based), integer
    /// variables are written as such. The program is validated first, as for `solve`.
    ///
    /// - Throws: `LPError` for an invalid program (before any C call);
    ///   `LPError.solverFailure(routine: .writeLP)` for an empty path, a path with a NUL
    ///   character, or when GLPK cannot write the file.
    ///
    /// References: GLPK Reference Manual (version 5.0), §2.x `glp_write_lp` and appendix C
    /// (CPLEX LP format).
    public static func writeCPLEXLP(_ program: LinearProgram, to path: String) throws(LPError) {
        _ = try program.validatedIntegerVariableCount()
        guard !path.isEmpty, !path.contains("\0") else { throw .solverFailure(routine: .writeLP) }
        guard let problem = GLPKProblem() else { throw .solverFailure(routine: .createProblem) }
        let previousTerminalOutput = glp_term_out(GLP_OFF)
        defer { glp_term_out(previousTerminalOutput) }
        problem.load(program, integerColumns: true)
        guard problem.writeCPLEXLP(path: path) == 0 else { throw .solverFailure(routine: .writeLP) }
    }
}
