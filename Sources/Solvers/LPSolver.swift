/// Something that solves a `LinearProgram`. `GLPKSolver` is the implementation; the protocol
/// lets callers (mechanisms, tests) take any solver, e.g. a brute-force reference in tests.
public protocol LPSolver: Sendable {
    /// Solves `program`.
    /// - Throws: `LPError` when the model is invalid or the solver could not finish; an
    ///   infeasible or unbounded program is a successful run (see `LPStatus`).
    func solve(_ program: LinearProgram) throws(LPError) -> LPSolution
}
