import Mechanisms
import Testing
@testable import Sim

@Suite("AverageOrRandomRank: ex-post fairness of the reconstruction")
struct ExPostFairMassTests {
    static var properties: [any FairnessProperty] { [ProportionalFairness(.exPost), UnanimousFairShare(.exPost),
                                                     IndividualFairShare(.exPost), StrongProportionality(.exPost), Proportionality(.exPost)] }

    @Test("on every grid profile (n = 2..4, grid 1/12) at least 1/2 of ARR's probability is on outcomes that are PF, UFS, IFS, SProp and proportional ex post; the floor 1/2 is attained at (0, 0, 1)",
          arguments: [2, 3, 4])
    func averageOrRandomRank(_ n: Int) throws {
        let arr = try AverageOrRandomRank()
        for property in Self.properties {
            let w = ExPostFairMass.worst(arr, property, agents: n, resolution: 12)
            #expect(w.mass >= 0.5 - 1e-12, "\(property.id): mass \(w.mass) at \(w.profile)")
            #expect(w.profiles == Int(NondecreasingGrid.count(length: n, maximum: 12)))
        }
        if n == 3 {
            let w = ExPostFairMass.worst(arr, ProportionalFairness(.exPost), agents: 3, resolution: 12)
            #expect(abs(w.mass - 0.5) < 1e-12)
        }
    }

    @Test("Random Rank has no floor: from (0, 0, 3/4) on, none of its outcomes is PF (mass 0); Uniform Phantom has mass 1 everywhere")
    func randomRankHasNoFloor() throws {
        let rr = ExPostFairMass.worst(RandomRank(), ProportionalFairness(.exPost), agents: 3, resolution: 12)
        #expect(rr.mass == 0 && rr.profile == [0, 0, 0.75])
        #expect(ExPostFairMass.worst(UniformPhantom(), ProportionalFairness(.exPost), agents: 3, resolution: 12).mass == 1)
    }
}
