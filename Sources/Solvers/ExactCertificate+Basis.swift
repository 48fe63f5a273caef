/// The exact recheck of a floating-point simplex basis: the basis GLPK's dual simplex ended
/// with (`LPSolution.basis`) is recomputed in rational arithmetic by sparse elimination
/// (`SparseRationalLU`) and its optimality proven or refuted, with no floating-point value used.
///
/// ```
/// B x_B = b − N x_N,   Bᵀ λ = c_B,   d = c − Aᵀλ           (over ℚ, B sparse)
/// optimal ⇔ l ≤ x ≤ u (every basic variable and row activity)
///           and every nonbasic d has the sign its bound allows
/// ```
///
/// Together the two conditions prove the basic solution optimal (the simplex optimality test;
/// Chvátal 1983, ch. 5 and 8), with objective `c₀ + Σ cⱼ xⱼ` equal to the dual objective.
///
/// Properties: where the rounding of a float point and its duals to short fractions needs the
/// fractions to be guessed, this recheck needs only the basis, so it confirms optima whose
/// exact values have arbitrary (128-bit) denominators. It costs one sparse factorization of the
/// basis matrix, reduced to its basic structural columns and the rows whose auxiliary
/// variable is nonbasic.
///
/// What does not hold: a basis GLPK accepted within its tolerances may be infeasible or
/// suboptimal in exact arithmetic (a degenerate vertex where a value is −10⁻¹⁵ rather than 0);
/// the recheck then refutes it with a sentence and proves nothing about the program. Fractions
/// are 128-bit (`Rational`); overflow is reported, not wrapped.
///
/// References: V. Chvátal, *Linear Programming* (1983), ch. 5 and 8; D. L. Applegate, W. Cook,
/// S. Dash, D. G. Espinoza, "Exact solutions to linear programming problems", Operations
/// Research Letters 35 (2007), for rechecking a floating-point basis in rational arithmetic.
extension ExactCertificate {
    /// Recomputes the basic solution of `basis` for `program` exactly and returns it when it is
    /// proven optimal.
    /// - Throws: `Failure` with a sentence when the program is invalid, the basis does not fit
    ///   the program, is not a basis, is singular, is not optimal in exact arithmetic, or a
    ///   fraction does not fit 128 bits.
    public static func verify(_ program: LinearProgram, basis: LPBasis) throws(Failure) -> ExactCertificate {
        do {
            try program.validate()
        } catch {
            throw Failure(reason: "The program is not valid: \(error.description)")
        }
        guard basis.rows.count == program.constraints.count, basis.columns.count == program.variables.count else {
            throw Failure(reason: "The basis has \(basis.rows.count) row and \(basis.columns.count) column statuses for a program of \(program.constraints.count) constraints and \(program.variables.count) variables.")
        }
        return try recompute(program, rows: basis.rows, columns: basis.columns, elimination: .sparse)
    }
}
