import Solvers

extension DesignCertificate {
    /// The note of a design confirmed by the exact recheck of the simplex basis.
    static let basisNote = "GLPK's final simplex basis, recomputed in rational arithmetic by sparse elimination, is primal and dual feasible, so its vertex is optimal"

    /// The second exact confirmation, for when the rounding of the float point fails: the final
    /// basis of GLPK's simplex is recomputed and checked in rational arithmetic
    /// (`ExactCertificate.verify(_:basis:)`), so no value has to be guessed as a fraction.
    /// What does not hold: a failure proves nothing (the float basis may be optimal only within
    /// GLPK's tolerances, or a fraction may overflow 128 bits).
    static func verifyBasis(_ program: LinearProgram, _ solution: LPSolution) -> Result<ExactCertificate, Failure> {
        guard let basis = solution.basis else { return .failure(Failure(reason: "the solver reported no basis.")) }
        do {
            return .success(try ExactCertificate.verify(program, basis: basis))
        } catch {
            return .failure(Failure(reason: error.reason))
        }
    }
}
