import Mechanisms
import Testing
@testable import Sim

@Suite("Price of fairness (spec §4.2) and the total-cost question (spec §4.4)")
struct PriceOfFairnessTests {
    @Test("worst ratios of the fair optimum on the grid 1/12: the spec §4.2 table, n = 3..5",
          arguments: [3, 4, 5])
    func table(_ n: Int) {
        let twoMinus = 2 - 2 / Double(n)
        let ifs = PriceOfFairness.worstCase(.individualFairShare, agents: n, resolution: 12)
        #expect(abs(ifs.totalCostRatio - twoMinus) < 1e-9, "IFS TC \(ifs.totalCostRatio)")
        #expect(abs(ifs.socialWelfareRatio - Double(n * (n - 1)) / Double(n * n - 2 * n + 2)) < 1e-9, "IFS SW \(ifs.socialWelfareRatio)")
        #expect(abs(ifs.maxCostRatio - 1) < 1e-9, "the Midpoint is IFS")
        for bound in [PriceOfFairness.Bound.unanimousFairShare, .proportionalFairness] {
            let r = PriceOfFairness.worstCase(bound, agents: n, resolution: 12)
            #expect(abs(r.totalCostRatio - twoMinus) < 1e-9, "\(bound) TC \(r.totalCostRatio)")
            #expect(abs(r.socialWelfareRatio - WorstCaseRatio.rho(n)) < 1e-9, "\(bound) SW \(r.socialWelfareRatio)")
            #expect(abs(r.maxCostRatio - twoMinus) < 1e-9, "\(bound) MC \(r.maxCostRatio)")
        }
    }

    @Test("the clamped optimum equals the LP through GLPK on 300 random profiles")
    func lpCrossCheck() throws {
        var rng = Xoshiro256StarStar(seed: 42)
        for _ in 0..<300 {
            let n = Int.random(in: 2...7, using: &rng)
            let p = FacilityProfile(trusted: (0..<n).map { _ in (rng.nextUnit() * 8).rounded() / 8 })
            for bound in PriceOfFairness.Bound.allCases {
                let clamp = PriceOfFairness.bestTotalCost(bound, p)
                let lp = try PriceOfFairness.bestTotalCostByLP(bound, p)
                #expect(abs(clamp - lp) < 1e-9, "\(bound) \(p.locations): \(clamp) vs \(lp)")
            }
        }
    }

    @Test("Uniform Phantom's outcome always lies in the PF interval, and the Average's too")
    func intervalsContain() {
        var rng = Xoshiro256StarStar(seed: 7)
        for _ in 0..<2000 {
            let n = Int.random(in: 1...9, using: &rng)
            let p = FacilityProfile(trusted: (0..<n).map { _ in rng.nextUnit() })
            let pf = PriceOfFairness.interval(.proportionalFairness, p)
            for y in [UniformPhantom().location(for: p), Average().location(for: p)] {
                #expect(y >= pf.lowerBound - 1e-12 && y <= pf.upperBound + 1e-12, "\(p.locations)")
            }
        }
    }

    @Test("spec §4.4: Uniform Phantom's total-cost ratio is n - 1, the best UFS mechanism's 2 - 2/n (n = 4, grid 1/12)")
    func totalCostQuestion() {
        let up = WorstCaseRatio.search(UniformPhantom(), objective: .totalCost, agents: 4, resolution: 12)
        let best = PriceOfFairness.worstCase(.unanimousFairShare, agents: 4, resolution: 12)
        #expect(abs(up.ratio - 3) < 1e-9)
        #expect(abs(best.totalCostRatio - 1.5) < 1e-9)
        // On (0, 0, 0, 1/10): UP pays 3/10 while clamping the median into the UFS interval pays 1/10.
        let p = FacilityProfile(trusted: [0, 0, 0, 0.1])
        #expect(abs(p.totalCost(at: UniformPhantom().location(for: p)) - 0.3) < 1e-12)
        #expect(abs(PriceOfFairness.bestTotalCost(.unanimousFairShare, p) - 0.1) < 1e-12)
    }
}
