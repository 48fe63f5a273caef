import Mechanisms
import Testing
@testable import Sim

@Suite("Equilibrium of the Average")
struct EquilibriumTests {
    @Test("worked example E5: x = (0.1, 0.2, 0.9) reaches reports (0, 0, 1) and outcome 1/3 = Uniform Phantom")
    func specExample() {
        let r = AverageEquilibrium.bestResponseDynamics(truth: [0.1, 0.2, 0.9])
        #expect(r.converged)
        #expect(r.reports.map { ($0 * 1e9).rounded() / 1e9 } == [0, 0, 1])
        #expect(abs(r.outcome - 1.0 / 3) < 1e-9)
    }

    @Test("best responses to the Average reach the Uniform Phantom outcome on 1,000 random profiles for each n = 2..8 (Aziz et al. 2021): no-violation-found, never holds")
    func randomProfiles() throws {
        let (verdict, detail) = try Characterization.averageEquilibrium(agents: Array(2...8), profiles: 1000, seed: 2021).evaluate()
        #expect(verdict == .noViolationFound(space: verdict.space, samples: 7000, seed: 2021), "\(detail)")
        #expect(verdict.space.exhaustive == false)
    }

    @Test("the uniqueness LP says exactly only in exact arithmetic; in floating point it holds with its tolerance")
    func uniquenessArithmetic() throws {
        let float = try Characterization.randomRankUniqueness(agents: [20], exact: false).evaluate()
        #expect(float.verdict.id == "holds" && float.verdict.arithmetic == .floatingPoint(tolerance: 1e-9))
        #expect(float.detail == "for n in 20, every weight is 1/n within 1e-9 (floating point)")
        let exact = try Characterization.randomRankUniqueness(agents: [4], exact: true).evaluate()
        #expect(exact.verdict.arithmetic == .exact)
        #expect(exact.detail == "for n in 4, every weight is exactly 1/n (rational certificates)")
    }
}
