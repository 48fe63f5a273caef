import Solvers
import Testing
@testable import Sim

/// The second exact confirmation of a design optimum: the simplex basis rechecked in rational
/// arithmetic when rounding the float point to short fractions fails.
@Suite("Design optimum confirmed by the exact recheck of the simplex basis")
struct DesignBasisRecheckTests {
    @Test("an optimum with denominator 2,500,049,979 > 10^9: the rounding check fails, the basis recheck certifies 99991/2500049979")
    func largeDenominator() throws {
        // maximize x + y s.t. 50000x + 3y ≤ 1, 7x + 50001y ≤ 1: the unique optimum has
        // y = 49993/2500049979 (Cramer's rule, determinant 50000·50001 − 21), and its duals have
        // the same denominator, so no point and duals with denominators at most 10^9 pass.
        var program = LinearProgram(sense: .maximize)
        program.addVariable(objective: 1)
        program.addVariable(objective: 1)
        program.addConstraint([(0, 50000), (1, 3)], .lessOrEqual(1))
        program.addConstraint([(0, 7), (1, 50001)], .lessOrEqual(1))
        let solution = try GLPKSolver(method: .dualSimplex).solve(program)
        #expect(solution.status == .optimal)
        guard case .failure(let rounding) = DesignCertificate.verify(program, solution) else {
            Issue.record("the rounding check confirmed an optimum it cannot represent")
            return
        }
        #expect(!rounding.reason.isEmpty)
        guard case .success(let certificate) = DesignCertificate.verifyBasis(program, solution) else {
            Issue.record("the basis recheck failed")
            return
        }
        #expect(certificate.objective == (try Rational(numerator: 99991, denominator: 2_500_049_979)))
        #expect(certificate.primal[1] == (try Rational(numerator: 49993, denominator: 2_500_049_979)))
    }

    @Test("a solution without a basis (a MIP) is not rechecked, and says why")
    func noBasis() throws {
        var program = LinearProgram(sense: .maximize)
        program.addVariable(upper: 1, isInteger: true, objective: 1)
        let solution = try GLPKSolver(method: .mip).solve(program)
        guard case .failure(let failure) = DesignCertificate.verifyBasis(program, solution) else {
            Issue.record("a MIP solution was rechecked as a basis")
            return
        }
        #expect(failure.reason == "the solver reported no basis.")
    }
}
