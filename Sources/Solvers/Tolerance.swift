/// Named numerical tolerances of the LP layer, each with where its value comes from (abcvoting
/// keeps `ACCURACY` / `CMP_ACCURACY` the same way).
public enum Tolerance {
    /// Primal feasibility: how far a floating-point solution may violate a bound. GLPK's
    /// default `tol_bnd` (GLPK Reference Manual 5.0, `glp_simplex`, control parameters `glp_smcp`).
    public static let feasibility = 1e-7

    /// Comparing two optimal values computed by different floating-point runs (simplex vs
    /// interior point, row player vs column player): ten times the feasibility tolerance,
    /// relative to max(1, |value|), because each run may be off by its own `tol_bnd`.
    public static let comparison = 1e-6

    /// Whether `a` and `b` agree within `comparison`, relative to max(1, |a|, |b|).
    public static func agree(_ a: Double, _ b: Double, tolerance: Double = comparison) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }
}
