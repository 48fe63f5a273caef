import Mechanisms
import Testing
@testable import Sim

@Suite("Worst-case ratios")
struct WorstCaseRatioTests {
    @Test("ρ(n) for n = 2..12 is the table of exact values, and it tends to (1 + √2)/2")
    func rhoTable() {
        let table: [(Int, Double)] = [
            (2, 1), (3, 6.0 / 5), (4, 6.0 / 5), (5, 20.0 / 17), (6, 6.0 / 5), (7, 35.0 / 29), (8, 6.0 / 5),
            (9, 6.0 / 5), (10, 35.0 / 29), (11, 88.0 / 73), (12, 6.0 / 5),
        ]
        for (n, value) in table { #expect(abs(WorstCaseRatio.rho(n) - value) < 1e-12, "n = \(n)") }
        #expect(abs(WorstCaseRatio.rho(10_000) - (1 + 2.0.squareRoot()) / 2) < 1e-4)
    }

    @Test("Uniform Phantom's social-welfare ratio over the grid 1/12 equals ρ(n), n = 2..5 (attained at an endpoint profile)")
    func uniformPhantomWelfare() {
        for n in 2...5 {
            let r = WorstCaseRatio.search(UniformPhantom(), objective: .socialWelfare, agents: n, resolution: 12)
            #expect(abs(r.ratio - WorstCaseRatio.rho(n)) < 1e-12, "n = \(n): \(r.ratio) at \(r.profile)")
        }
    }

    @Test("total-cost ratios on the grid 1/12, n = 4: median 1, Random Rank 2 - 2/n, Uniform Phantom n - 1 at (0, 0, 0, ε)")
    func totalCost() {
        #expect(abs(WorstCaseRatio.search(Median(), objective: .totalCost, agents: 4, resolution: 12).ratio - 1) < 1e-12)
        #expect(abs(WorstCaseRatio.search(RandomRank(), objective: .totalCost, agents: 4, resolution: 12).ratio - 1.5) < 1e-12)
        let up = WorstCaseRatio.search(UniformPhantom(), objective: .totalCost, agents: 4, resolution: 12)
        #expect(abs(up.ratio - 3) < 1e-12)
        #expect(up.profile.filter { $0 == 0 }.count == 3)
    }

    @Test("max-cost ratios, n = 3, grid 1/12: Midpoint 1, LRM 3/2 (Procaccia and Tennenholtz), median 2")
    func maxCost() {
        #expect(abs(WorstCaseRatio.search(Midpoint(), objective: .maxCost, agents: 3, resolution: 12).ratio - 1) < 1e-12)
        #expect(abs(WorstCaseRatio.search(LeftRightMiddle(), objective: .maxCost, agents: 3, resolution: 12).ratio - 1.5) < 1e-12)
        #expect(abs(WorstCaseRatio.search(Median(), objective: .maxCost, agents: 3, resolution: 12).ratio - 2) < 1e-12)
    }
}
