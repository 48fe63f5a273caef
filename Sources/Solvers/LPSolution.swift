/// The result of a solver run that completed: status, objective value, primal and dual values,
/// the method used, and for `LPMethod.exact` a rational certificate.
///
/// ```
/// objective    = c₀ + Σⱼ cⱼ xⱼ                       (the optimal value when status == .optimal)
/// rowDuals     λᵢ = ∂ objective / ∂ (bound of row i)  (GLPK's sign convention)
/// reducedCosts dⱼ = cⱼ − Σᵢ aᵢⱼ λᵢ
/// ```
///
/// Properties:
/// - `primal` has one value per variable, `rowDuals` one per constraint and `reducedCosts` one
///   per variable, except for `LPMethod.mip`, where `rowDuals` and `reducedCosts` are empty
///   (a MIP has no duals).
/// - Sign convention (GLPK): a binding `≤` row of a maximization has `λ ≥ 0`, of a minimization
///   `λ ≤ 0`; so `λᵢ` is always the rate of change of the optimal value as the row's bound
///   moves up.
/// - `objective` is the optimal value in the extended-real sense when there is no optimum:
///   `+∞` (minimizing) or `−∞` (maximizing) for `.infeasible` (the infimum over the empty
///   set), `−∞` (minimizing) or `+∞` (maximizing) for `.unbounded`.
///
/// What does not hold: `primal`, `rowDuals` and `reducedCosts` are GLPK's last iterate unless
/// `status.hasSolution`; for `.unbounded` the simplex reports its last feasible vertex, for
/// `.infeasible` the values carry no meaning.
public struct LPSolution: Sendable {
    /// What the run proved about the program.
    public var status: LPStatus
    /// The objective value, constant included (see the type's notes for ±∞).
    public var objective: Double
    /// Variable values, one per variable.
    public var primal: [Double]
    /// Dual values λ, one per constraint (empty for `.mip`).
    public var rowDuals: [Double]
    /// Reduced costs d, one per variable (empty for `.mip`).
    public var reducedCosts: [Double]
    /// The method that was requested and run.
    public var method: LPMethod
    /// The rational certificate for `LPMethod.exact` when it could be built and verified.
    public var exact: ExactCertificate?
    /// Why `exact` is nil although `method == .exact` (non-optimal status, a number without a
    /// small rational form, 128-bit overflow, a basis that fails the exact check); nil
    /// otherwise.
    public var exactFailure: String?
    /// The final simplex basis (row and column statuses) for the simplex methods and `.exact`;
    /// nil for `.interiorPoint` and `.mip`. `ExactCertificate.verify(_:basis:)` rechecks it
    /// in rational arithmetic.
    public var basis: LPBasis?

    public init(status: LPStatus, objective: Double, primal: [Double], rowDuals: [Double],
                reducedCosts: [Double], method: LPMethod, exact: ExactCertificate? = nil,
                exactFailure: String? = nil, basis: LPBasis? = nil) {
        self.status = status
        self.objective = objective
        self.primal = primal
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.method = method
        self.exact = exact
        self.exactFailure = exactFailure
        self.basis = basis
    }
}
