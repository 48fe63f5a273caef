/// An optimal basic solution recomputed and verified in exact rational arithmetic.
///
/// Built by `GLPKSolver` for `LPMethod.exact` from GLPK's final basis: every input number is
/// read as the simplest rational that rounds to it (`Rational(roundTripping:)`, so `0.1` is
/// 1/10), the basic variables are recomputed from
///
/// ```
/// B x_B = b − N x_N          (Gaussian elimination over ℚ)
/// Bᵀ λ = c_B,   d = c − Aᵀλ  (the duals)
/// ```
///
/// and the certificate exists only if the basis is proven optimal for that rational program:
/// every basic value lies within its bounds (primal feasibility) and every nonbasic reduced cost
/// has the sign its bound allows (dual feasibility). Together these prove optimality (the
/// simplex optimality test; Chvátal 1983, ch. 2 and 5).
///
/// Properties:
/// - `objective == c₀ + Σ cⱼ primal[j]` and, by duality, equals the dual objective.
/// - Signs follow `LPSolution`: `rowDuals[i]` is λᵢ, `reducedCosts[j]` is dⱼ.
///
/// What does not hold: the certificate speaks about the rationalized data. A coefficient that
/// is not a short decimal (no fraction with denominator ≤ 10^12 rounds to it) is read as its
/// exact binary value instead, which usually overflows 128 bits; `LPSolution.exactFailure`
/// then says so.
///
/// References: V. Chvátal, *Linear Programming* (1983), ch. 2 (the simplex method), ch. 5
/// (duality); GLPK Reference Manual (version 5.0), `glp_exact`.
public struct ExactCertificate: Sendable, Hashable {
    /// The exact optimal value, constant included.
    public var objective: Rational
    /// Exact variable values, one per variable.
    public var primal: [Rational]
    /// Exact dual values λ, one per constraint.
    public var rowDuals: [Rational]
    /// Exact reduced costs d, one per variable.
    public var reducedCosts: [Rational]

    public init(objective: Rational, primal: [Rational], rowDuals: [Rational],
                reducedCosts: [Rational]) {
        self.objective = objective
        self.primal = primal
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
    }
}
