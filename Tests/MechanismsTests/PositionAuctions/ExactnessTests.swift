import Foundation
import Mechanisms
import Testing

/// Every winner-determination method against brute force (all matchings, all orders) on 300
/// random instances per user model with n, m ≤ 4, random caps and weights in [−0.3, 1]
/// (negative weights are Myerson's negative virtual values).
@Suite("Position auctions: winner determination agrees with brute force")
struct ExactnessTests {
    static let count = 300

    /// A random instance of `model` with n, m in 1...4, K in 1...m.
    static func randomInstance(_ model: String, _ g: inout TestRandom) throws -> (AuctionInstance, [Double]) {
        let n = Int.random(in: 1...4, using: &g), m = Int.random(in: 1...4, using: &g)
        let cap = Int.random(in: 1...m, using: &g)
        // CTRs on a 1/20 grid so ties happen, below 1 for MNL.
        func p() -> Double { Double(Int.random(in: 0...19, using: &g)) / 20 }
        let ctr = (0..<n).map { _ in (0..<m).map { _ in p() } }
        let r = (0..<n).map { _ in Double(Int.random(in: -6...20, using: &g)) / 20 }
        switch model {
        case "separable":
            let alpha = (0..<n).map { _ in Double(Int.random(in: 0...10, using: &g)) / 10 }
            let beta = (0..<m).map { _ in Double(Int.random(in: 0...10, using: &g)) / 10 }
            return (try AuctionInstance.separable(alpha: alpha, beta: beta, cap: cap), r)
        case "independent": return (try AuctionInstance(ctr: ctr, userModel: .independent, cap: cap), r)
        case "mnl": return (try AuctionInstance(ctr: ctr, userModel: .mnl, cap: cap), r)
        case "cascade": return (try AuctionInstance(ctr: ctr, userModel: .cascade(continuation: nil), cap: cap), r)
        default:
            let c = (0..<n).map { _ in (0..<m).map { _ in Double(Int.random(in: 0...20, using: &g)) / 20 } }
            return (try AuctionInstance(ctr: ctr, userModel: .cascade(continuation: c), cap: cap), r)
        }
    }

    static let methods: [String: [WinnerDeterminationMethod]] = [
        "separable": [.sort, .hungarian, .assignmentLP],
        "independent": [.hungarian, .assignmentLP],
        "mnl": [.charnesCooperLP, .dinkelbach],
        "cascade": [.cascadeDP],
        "cascade-general": [.cascadeDP],
    ]

    @Test("every exact method reaches the brute-force optimum", arguments: ["separable", "independent", "mnl", "cascade", "cascade-general"])
    func exactMethods(model: String) throws {
        var g = TestRandom(seed: 2506_03309)
        for _ in 0..<Self.count {
            let (x, r) = try Self.randomInstance(model, &g)
            let brute = try x.winnerDetermination(weights: r, method: .bruteForce)
            for method in Self.methods[model]! {
                let a = try x.winnerDetermination(weights: r, method: method)
                #expect(x.isFeasible(a.placements), "\(method) infeasible on \(x.ctr)")
                #expect(near(a.value, brute.value, 1e-9), "\(model) \(method): \(a.value) vs brute force \(brute.value); ctr \(x.ctr), r \(r), K \(x.cap)")
                #expect(near(a.value, x.objective(a.placements, weights: r), 1e-12))
                // Only positive weights are ever shown.
                #expect(a.placements.allSatisfy { r[$0.advertiser] > 0 })
            }
        }
    }

    @Test("MNL: every shown ad's weight is at least the optimum (threshold property)")
    func mnlThreshold() throws {
        var g = TestRandom(seed: 17)
        for _ in 0..<Self.count {
            let (x, r) = try Self.randomInstance("mnl", &g)
            let a = try x.winnerDetermination(weights: r)
            #expect(a.placements.allSatisfy { r[$0.advertiser] >= a.value - 1e-12 })
            // Click probabilities sum to S/(1+S) < 1.
            #expect(a.clickProbabilities.reduce(0, +) < 1)
        }
    }

    @Test("cascade approximations: greedy at least 1/3 and the surrogate at least (1 - p_max)^(K-1) of the optimum")
    func cascadeRatios() throws {
        var g = TestRandom(seed: 23)
        var worstGreedy = 1.0, worstSurrogate = 1.0
        for _ in 0..<Self.count {
            let (x, r) = try Self.randomInstance("cascade", &g)
            let opt = try x.winnerDetermination(weights: r).value
            guard opt > 0 else { continue }
            let greedy = try x.winnerDetermination(weights: r, method: .cascadeGreedy)
            let surrogate = try x.winnerDetermination(weights: r, method: .cascadeSurrogate)
            #expect(x.isFeasible(greedy.placements) && x.isFeasible(surrogate.placements))
            let pMax = x.ctr.flatMap { $0 }.max()!
            #expect(greedy.value >= opt / 3 - 1e-12)
            #expect(surrogate.value >= opt * pow(1 - pMax, Double(x.cap - 1)) - 1e-12)
            worstGreedy = min(worstGreedy, greedy.value / opt)
            worstSurrogate = min(worstSurrogate, surrogate.value / opt)
        }
        // The bounds are not tight on small instances: both rules lose something somewhere.
        #expect(worstGreedy < 1 && worstSurrogate < 1)
    }

    @Test("VCG's Clarke payments equal the threshold payments of the payment identity", arguments: ["separable", "independent", "mnl", "cascade", "cascade-general"])
    func clarkeEqualsThreshold(model: String) throws {
        var g = TestRandom(seed: 99)
        for _ in 0..<100 {
            let (x, r) = try Self.randomInstance(model, &g)
            let bids = r.map { max($0, 0) }
            let vcg = try VCG().outcome(x, bids: bids)
            for e in vcg.allocation.placements {
                let t = try x.thresholdPayment(advertiser: e.advertiser, weights: bids, bid: bids[e.advertiser], score: IdentityScore())
                #expect(near(t.payment, vcg.payments[e.advertiser], 1e-9), "\(model): threshold \(t.payment) vs Clarke \(vcg.payments[e.advertiser])")
                // The step function ends at the click probability charged.
                #expect(near(t.steps.last!.level, vcg.clickProbabilities[e.advertiser], 1e-12))
            }
        }
    }

    @Test("reductions: the assignment LP reproduces sorting on separable CTRs; one cascade ad is the independent model")
    func reductions() throws {
        var g = TestRandom(seed: 5)
        for _ in 0..<100 {
            let (x, r) = try Self.randomInstance("separable", &g)
            let indep = try AuctionInstance(ctr: x.ctr, userModel: .independent, cap: x.cap)
            #expect(near(try indep.winnerDetermination(weights: r).value, try x.winnerDetermination(weights: r).value, 1e-12))
            let one = try AuctionInstance(ctr: x.ctr, userModel: .cascade(continuation: nil), cap: 1)
            let oneIndep = try AuctionInstance(ctr: x.ctr, userModel: .independent, cap: 1)
            #expect(near(try one.winnerDetermination(weights: r).value, try oneIndep.winnerDetermination(weights: r).value, 1e-12))
        }
    }
}
