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
    func randomProfiles() {
        var rng = Xoshiro256StarStar(seed: 2021)
        for n in 2...8 {
            var worst = 0.0
            var unconverged = 0
            for _ in 0..<1000 {
                let x = (0..<n).map { _ in rng.nextUnit() }
                let r = AverageEquilibrium.bestResponseDynamics(truth: x)
                if !r.converged { unconverged += 1 }
                worst = max(worst, abs(r.outcome - UniformPhantom().location(for: FacilityProfile(trusted: x))))
            }
            #expect(unconverged == 0, "n = \(n): \(unconverged) runs did not converge")
            #expect(worst < 1e-9, "n = \(n): largest gap to Uniform Phantom \(worst)")
        }
    }
}
