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
/// exact values have arbitrary denominators (128-bit fractions first, arbitrary-precision ones
/// when those overflow). It costs one sparse factorization of the
/// basis matrix, reduced to its basic structural columns and the rows whose auxiliary
/// variable is nonbasic.
///
/// What does not hold: a basis GLPK accepted within its tolerances may be infeasible or
/// suboptimal in exact arithmetic (a degenerate vertex where a value is −10⁻¹⁵ rather than 0);
/// the recheck then refutes it with a sentence and proves nothing about the program. Long
/// fractions cost time: the arbitrary-precision elimination is much slower than the 128-bit one.
///
/// References: V. Chvátal, *Linear Programming* (1983), ch. 5 and 8; D. L. Applegate, W. Cook,
/// S. Dash, D. G. Espinoza, "Exact solutions to linear programming problems", Operations
/// Research Letters 35 (2007), for rechecking a floating-point basis in rational arithmetic.
extension ExactCertificate {
    /// Recomputes the basic solution of `basis` for `program` exactly and returns it when it is
    /// proven optimal.
    ///
    /// The recomputation runs in 128-bit fractions and, when one overflows, again in arbitrary
    /// precision (`verifyInArbitraryPrecision(_:basis:)`); the result is returned when every
    /// value fits 128 bits.
    /// - Throws: `Failure` with a sentence when the program is invalid, the basis does not fit
    ///   the program, is not a basis, is singular, is not optimal in exact arithmetic, or is
    ///   optimal but a value of the certificate does not fit 128-bit fractions.
    public static func verify(_ program: LinearProgram, basis: LPBasis) throws(Failure) -> ExactCertificate {
        let certificate = try verifyInArbitraryPrecision(program, basis: basis)
        if let narrowed = certificate.narrowed { return narrowed }
        throw Failure(reason: "The final basis is optimal in exact arithmetic (objective \(certificate.objective)), but \(certificate.firstValueBeyond128Bits ?? "a value") does not fit a fraction of 128-bit integers.")
    }

    /// Recomputes the basic solution of `basis` for `program` exactly, in 128-bit fractions
    /// first and in arbitrary precision (`BigRational`) when they overflow, and returns it when
    /// it is proven optimal.
    ///
    /// Properties: programs whose fractions fit 128 bits cost what they did (the wide
    /// arithmetic never runs); the others cost a second factorization in `BigRational`, whose
    /// time grows with the length of the fractions.
    /// - Throws: `Failure` with a sentence when the program is invalid, the basis does not fit
    ///   the program, is not a basis, is singular, or is not optimal in exact arithmetic.
    public static func verifyInArbitraryPrecision(_ program: LinearProgram, basis: LPBasis) throws(Failure) -> ArbitraryPrecisionCertificate {
        do {
            try program.validate()
        } catch {
            throw Failure(reason: "The program is not valid: \(error.description)")
        }
        guard basis.rows.count == program.constraints.count, basis.columns.count == program.variables.count else {
            throw Failure(reason: "The basis has \(basis.rows.count) row and \(basis.columns.count) column statuses for a program of \(program.constraints.count) constraints and \(program.variables.count) variables.")
        }
        let recomputation = Recomputation(program, rows: basis.rows, columns: basis.columns, elimination: .sparse)
        do {
            let values = try recomputation.values(in: Rational.self)
            return ArbitraryPrecisionCertificate(ExactCertificate(objective: values.objective, primal: values.primal,
                                                                  rowDuals: values.rowDuals, reducedCosts: values.reducedCosts))
        } catch let failure as Failure {
            throw failure
        } catch RationalError.overflow {
            // 128 bits are too few: the same elimination in arbitrary precision.
        } catch let error as RationalError {
            throw Failure(reason: "Exact recomputation stopped: \(error.description)")
        } catch {
            throw Failure(reason: "Exact recomputation stopped: \(error).")
        }
        do {
            let values = try recomputation.values(in: BigRational.self)
            return ArbitraryPrecisionCertificate(objective: values.objective, primal: values.primal, rowDuals: values.rowDuals,
                                                 reducedCosts: values.reducedCosts, usedArbitraryPrecision: true)
        } catch let failure as Failure {
            throw failure
        } catch let error as RationalError {
            throw Failure(reason: "Exact recomputation stopped: \(error.description)")
        } catch {
            throw Failure(reason: "Exact recomputation stopped: \(error).")
        }
    }
}
