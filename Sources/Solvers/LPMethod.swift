/// The algorithm a solver runs; recorded in every `LPSolution` so a report can say how a number
/// was obtained (Gambit records the method and whether it was exact in the same way).
///
/// - `primalSimplex`, `dualSimplex`: GLPK's `glp_simplex` with `GLP_PRIMAL` / `GLP_DUALP`
///   (dual simplex that falls back to the primal one if it fails).
/// - `interiorPoint`: GLPK's primal-dual interior-point method `glp_interior` (no basis,
///   no time limit).
/// - `exact`: `glp_simplex` for a warm basis, then GLPK's rational simplex `glp_exact`, and an
///   exact certificate recomputed in Swift (`ExactCertificate`). For small instances.
/// - `mip`: branch and cut, `glp_intopt`, after solving the LP relaxation by simplex.
///
/// References: GLPK Reference Manual (version 5.0), ch. 2, the sections on `glp_simplex`,
/// `glp_exact`, `glp_interior` and `glp_intopt`.
public enum LPMethod: String, Sendable, Hashable, CaseIterable {
    case primalSimplex = "primal-simplex"
    case dualSimplex = "dual-simplex"
    case interiorPoint = "interior-point"
    case exact
    case mip
}
