import Solvers

extension DesignCertificate {
    /// The note of a design confirmed by the exact recheck of the simplex basis.
    static let basisNote = "GLPK's final simplex basis, recomputed in rational arithmetic by sparse elimination, is primal and dual feasible, so its vertex is optimal"

    /// The second exact confirmation, for when the rounding of the float point fails: the final
    /// basis of GLPK's simplex is recomputed and checked in rational arithmetic
    /// (`ExactCertificate.verify(_:basis:)`), so no value has to be guessed as a fraction.
    /// What does not hold: a failure proves nothing (the float basis may be optimal only within
    /// GLPK's tolerances, or a value of the certificate may not fit 128-bit fractions).
    static func verifyBasis(_ program: LinearProgram, _ solution: LPSolution) -> Result<ExactCertificate, Failure> {
        guard let basis = solution.basis else { return .failure(Failure(reason: "the solver reported no basis.")) }
        do {
            return .success(try ExactCertificate.verify(program, basis: basis))
        } catch {
            return .failure(Failure(reason: error.reason))
        }
    }

    /// The recheck of the final basis as `confirm` needs it: in 128-bit fractions, then in
    /// arbitrary precision when they overflow (`ExactCertificate.verifyInArbitraryPrecision`);
    /// the design needs only the optimal point in 128-bit fractions (to evaluate the mechanism),
    /// not the duals.
    static func recheckBasis(_ program: LinearProgram, _ solution: LPSolution) -> Result<ArbitraryPrecisionCertificate, Failure> {
        guard let basis = solution.basis else { return .failure(Failure(reason: "the solver reported no basis.")) }
        do {
            return .success(try ExactCertificate.verifyInArbitraryPrecision(program, basis: basis))
        } catch {
            return .failure(Failure(reason: error.reason))
        }
    }

    /// The largest program that gets GLPK's rational simplex when both checks of the float
    /// optimum fail (its dense recomputation grows with the square of the rows).
    static let rationalSimplexLimit = 4_000

    /// An exact optimal point of a continuous design program, or why there is none.
    struct Confirmation {
        /// The optimal point in exact arithmetic; nil when not confirmed.
        var point: [Rational]?
        /// The program's optimal objective, exactly, when the basis recheck proved the vertex
        /// optimal but its point does not fit 128-bit fractions (`point` is then nil).
        var programObjective: BigRational? = nil
        /// How the optimum was confirmed, or why it was not (the `exact_note` of every design).
        var note: String
    }

    /// Confirms the optimum `solution` of `program` in exact arithmetic, cheapest first:
    ///
    /// 1. GLPK's rational simplex already certified it (`method: .exact`): its point;
    /// 2. the float point and its duals read as fractions pass weak duality (`verify`);
    /// 3. GLPK's final basis recomputed by sparse rational elimination is optimal (`recheckBasis`;
    ///    128-bit fractions, then arbitrary precision when they overflow);
    /// 4. programs up to `rationalSimplexLimit` variables: GLPK's rational simplex from scratch.
    ///
    /// Every design (facility location, position auctions, voting) confirms its optimum here.
    /// What does not hold: a failure proves nothing about the optimum; the note says which
    /// steps failed and why.
    static func confirm(_ program: LinearProgram, _ solution: LPSolution) -> Confirmation {
        if let certificate = solution.exact {
            return Confirmation(point: certificate.primal, note: "GLPK's rational simplex (glp_exact); the basis recomputed and verified in rational arithmetic.")
        }
        if solution.method == .exact {
            return Confirmation(point: nil, note: "GLPK's rational simplex gave no certificate: \(solution.exactFailure ?? "unknown reason").")
        }
        let rounding: Failure
        switch verify(program, solution) {
        case .success(let point):
            return Confirmation(point: point, note: "The simplex point and its duals, read as fractions, are feasible with equal objectives in rational arithmetic.")
        case .failure(let failure):
            rounding = failure
        }
        let recheck: Failure
        switch recheckBasis(program, solution) {
        case .success(let certificate):
            let arithmetic = certificate.usedArbitraryPrecision ? "; 128-bit fractions overflowed, so it ran in arbitrary precision" : ""
            if let point = certificate.narrowedPrimal {
                return Confirmation(point: point, note: "\(basisNote)\(arithmetic) (the rational check of the float point failed: \(rounding.reason))")
            }
            return Confirmation(point: nil, programObjective: certificate.objective, note: "\(basisNote)\(arithmetic), with the program's objective exactly \(certificate.objective), but \(certificate.firstValueBeyond128Bits ?? "a value") of the optimal point does not fit a fraction of 128-bit integers, so the mechanism is not evaluated exactly (the rational check of the float point failed: \(rounding.reason))")
        case .failure(let failure):
            recheck = failure
        }
        if program.variables.count <= rationalSimplexLimit, let exact = try? GLPKSolver(method: .exact).solve(program), let certificate = exact.exact {
            return Confirmation(point: certificate.primal, note: "GLPK's rational simplex (the rational check of the float point failed: \(rounding.reason) The recheck of the simplex basis failed too: \(recheck.reason))")
        }
        return Confirmation(point: nil, note: "Not confirmed exactly: \(rounding.reason) The exact recheck of the simplex basis failed too: \(recheck.reason)")
    }
}
