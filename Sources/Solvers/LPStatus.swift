/// What a finished solver run says about the program: an *answer*, not an error.
///
/// "Did the solver run?" is a separate question, answered by `LPError` (GLPK.jl keeps the
/// termination status and the solver's return code apart in the same way). A run that ends
/// with `.infeasible` or `.unbounded` succeeded: it proved something about the model.
///
/// Cases and the GLPK facts they come from:
/// - `optimal`: an optimal solution was found and proven (`GLP_OPT`).
/// - `feasible`: a feasible solution is at hand, optimality is not proven (`GLP_FEAS`).
/// - `infeasible`: proven that no feasible solution exists (`GLP_NOFEAS` from
///   `glp_get_status`, `glp_ipt_status` or `glp_mip_status`; `glp_simplex` / `glp_intopt`
///   return code `GLP_ENOPFS`). For a MIP this includes "the LP relaxation is feasible but no
///   integer point is".
/// - `unbounded`: proven that the objective is unbounded (`GLP_UNBND`; `GLP_ENODFS` after the
///   check below). For a MIP: the LP relaxation is unbounded, so the MIP is unbounded whenever
///   it has a feasible point (Meyer 1974, for rational data).
/// - `noFeasibleSolution`: the run ended without a feasible point **and without a proof** of
///   infeasibility (`GLP_INFEAS`: "the current solution is infeasible"). Not an infeasibility
///   certificate.
/// - `undefined`: nothing is known (`GLP_UNDEF`).
///
/// Edge cases: "no dual feasible solution" (dual simplex phase 1, `GLP_ENODFS` from the
/// presolver, `GLP_NOFEAS` / `GLP_ENOFEAS` from the interior-point method) means "unbounded
/// **or** infeasible". `GLPKSolver` never reports that ambiguity: it re-runs the primal simplex,
/// without presolve, which proves one of the two.
///
/// References: GLPK Reference Manual (version 5.0), ch. 2 (`glp_simplex` return codes,
/// `glp_get_status`, `glp_intopt`); R. R. Meyer, "On the existence of
/// optimal solutions to integer and mixed-integer programming problems", *Mathematical
/// Programming* 7 (1974).
public enum LPStatus: String, Sendable, Hashable, CaseIterable {
    case optimal
    case feasible
    case infeasible
    case unbounded
    case noFeasibleSolution = "no-feasible-solution"
    case undefined

    /// Whether `LPSolution.primal` holds a feasible point (`.optimal` or `.feasible`).
    public var hasSolution: Bool { self == .optimal || self == .feasible }
}
