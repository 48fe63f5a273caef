import Mechanisms
import Testing
@testable import Sim

@Suite("Equilibrium of the Average")
struct EquilibriumTests {
    @Test("spec E5: x = (0.1, 0.2, 0.9) reaches reports (0, 0, 1) and outcome 1/3 = Uniform Phantom")
    func specExample() {
        let r = AverageEquilibrium.bestResponseDynamics(truth: [0.1, 0.2, 0.9])
        #expect(r.converged)
        #expect(r.reports.map { ($0 * 1e9).rounded() / 1e9 } == [0, 0, 1])
        #expect(abs(r.outcome - 1.0 / 3) < 1e-9)
    }

    @Test("best responses to the Average reach the Uniform Phantom outcome on 1,000 random profiles for each n = 2..8 (Aziz et al. 2021)")
    func randomProfiles() throws {
        let (holds, detail) = try Characterization.averageEquilibrium(agents: Array(2...8), profiles: 1000, seed: 2021).evaluate()
        #expect(holds, "\(detail)")
    }
}
