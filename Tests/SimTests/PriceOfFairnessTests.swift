import Mechanisms
import Testing
@testable import Sim

@Suite("Price of fairness and the total-cost question (docs/reconstructions.md#uniform-phantom-total-cost)")
struct PriceOfFairnessTests {
    @Test("worst ratios of the fair optimum on the grid 1/12: the exact table, n = 3..5",
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

    @Test("total cost: Uniform Phantom's total-cost ratio is n - 1, the best UFS mechanism's 2 - 2/n (n = 4, grid 1/12)")
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

@Suite("The deterministic impossibility (Aziz et al. 2022)")
struct ImpossibilityTests {
    /// On a two-group profile (m agents at a, n - m at b, a < b), the locations y in [0, 1] with
    /// m |y - a| = (n - m) |y - b|, region by region. One might expect no root outside [a, b];
    /// there is one (docs/reconstructions.md#strong-proportionality-roots): beyond the larger group there is a second root,
    /// y = (n_big · big - n_small · small) / (n_big - n_small), which lies in [0, 1] on many
    /// profiles (n = 3, one agent at 0 and two at 1/12: y = 1/6, group costs 1/6 and 1/6). Only
    /// Pareto efficiency (y in [a, b]) forces the mean.
    static func roots(n: Int, m: Int, a: Double, b: Double) -> (inside: [Double], outside: [Double]) {
        let na = Double(m), nb = Double(n - m)
        var inside: [Double] = [], outside: [Double] = []
        if na != nb { let y = (nb * b - na * a) / (nb - na); if y >= 0 && y < a { outside.append(y) } }
        let mean = (na * a + nb * b) / Double(n)
        if mean >= a && mean <= b { inside.append(mean) }
        if na != nb { let y = (na * a - nb * b) / (na - nb); if y > b && y <= 1 { outside.append(y) } }
        return (inside, outside)
    }

    @Test("Strong Proportionality leaves exactly the mean inside [a, b] on every two-group profile (grid 1/12, n = 2..8)")
    func strongProportionalityInsideIsTheMean() {
        var outsideFound = 0
        for n in 2...8 {
            for m in 1..<n {
                for ia in 0..<12 {
                    for ib in (ia + 1)...12 {
                        let a = Double(ia) / 12, b = Double(ib) / 12
                        let r = Self.roots(n: n, m: m, a: a, b: b)
                        let mean = (Double(m) * a + Double(n - m) * b) / Double(n)
                        #expect(r.inside.count == 1 && abs(r.inside[0] - mean) < 1e-12)
                        #expect(r.outside.count <= 1)
                        if let y = r.outside.first {
                            outsideFound += 1
                            // The outside root lies beyond the larger group, and equalizes the costs.
                            #expect(abs(Double(m) * abs(y - a) - Double(n - m) * abs(y - b)) < 1e-12)
                            #expect(m > n - m ? y < a : y > b)
                        }
                    }
                }
            }
        }
        #expect(outsideFound > 0, "'no root outside [a, b]' would make this zero")
        let example = Self.roots(n: 3, m: 1, a: 0, b: 1.0 / 12)
        #expect(example.outside.count == 1 && abs(example.outside[0] - 1.0 / 6) < 1e-12)
    }

    @Test("on the impossibility's two profiles the mean is the only root in [0, 1]")
    func witnessProfilesHaveOneRoot() {
        // (1/2, 1, 1, 1): roots 7/8 and 5/4; (0, 1, 1, 1): roots 3/4 and 3/2.
        let truthful = Self.roots(n: 4, m: 1, a: 0.5, b: 1), deviated = Self.roots(n: 4, m: 1, a: 0, b: 1)
        #expect(truthful.outside.isEmpty && abs(truthful.inside[0] - 7.0 / 8) < 1e-12)
        #expect(deviated.outside.isEmpty && abs(deviated.inside[0] - 3.0 / 4) < 1e-12)
    }

    @Test("so a deterministic Strong Proportional mechanism is manipulable: x = (1/2, 1, 1, 1), agent 0 reports 0: 3/8 -> 1/4 (Aziz et al. 2022, abstract)")
    func witness() {
        // Both profiles are two-group profiles, where the mechanism must output the mean.
        let truthful = (0.5 + 3) / 4, manipulated = (0.0 + 3) / 4
        #expect(abs(abs(truthful - 0.5) - 3.0 / 8) < 1e-12)
        #expect(abs(abs(manipulated - 0.5) - 1.0 / 4) < 1e-12)
        var context = CheckContext(misreports: [0])
        let w = StrategyProofness().violation(of: Average(), at: FacilityProfile(trusted: [0.5, 1, 1, 1]), context: &context)
        #expect(w?.agent == 0 && w?.misreport == 0 && abs((w?.gain ?? 0) - 1.0 / 8) < 1e-12)
    }
}
