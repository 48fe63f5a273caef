import Testing
@testable import Mechanisms

/// The A-1 instance (docs/reconstructions.md#click-experiments): μ = (0.8, 0.7, 0.6, 0.5, 0.4), λ = 5.
func clickInstance(_ s: [Double]? = nil) throws -> ClickBanditInstance {
    let mu = [0.8, 0.7, 0.6, 0.5, 0.4]
    let u = try QuadraticClickUtility(lambda: 5)
    return try ClickBanditInstance(means: mu, clickRates: s ?? mu.map { u.desiredClickRate(mean: $0) }, utility: u)
}

@Suite("Strategic click-bandit (Kleine Buening et al. 2024)")
struct ClickBanditTests {
    @Test("closed forms for lambda = 5: s* = 1.1 mu, u* = 1.05 mu^2, on the A-1 instance")
    func closedForms() throws {
        let u = try QuadraticClickUtility(lambda: 5)
        let i = try clickInstance()
        #expect(zip(i.desiredClickRates, [0.88, 0.77, 0.66, 0.55, 0.44]).allSatisfy { near($0, $1) })
        #expect(zip(i.bestValues, [0.672, 0.5145, 0.378, 0.2625, 0.168]).allSatisfy { near($0, $1) })
        #expect(near(u.value(clickRate: 1, mean: 0.8), 0.6))
        // Boundary case: s* = 1 for mu >= 10/11, u* = mu - 5 (1 - mu)^2.
        #expect(u.desiredClickRate(mean: 0.95) == 1)
        #expect(near(u.bestValue(mean: 0.95), 0.95 - 5 * 0.0025))
        // The Oracle clickbait level of arm 1 against u*_2 = 0.5145: s' = min(1, 1.0575).
        #expect(u.clickbaitLevel(mean: 0.8, floor: 0.5145) == 1)
        // Against a floor of 0.65 the level is interior: u(s', 0.8) = 0.65.
        let s = u.clickbaitLevel(mean: 0.8, floor: 0.65)
        #expect(s > 0.88 && s < 1)
        #expect(near(u.value(clickRate: s, mean: 0.8), 0.65, 1e-12))
        // The grid defaults agree with the closed form on the monotone image.
        struct Generic: ClickUtility {
            let q: QuadraticClickUtility
            func value(clickRate s: Double, mean mu: Double) -> Double { q.value(clickRate: s, mean: mu) }
            func desiredClickRate(mean mu: Double) -> Double { q.desiredClickRate(mean: mu) }
            var label: String { "generic" }
        }
        let g = Generic(q: u)
        let range = g.desiredClickRateRange(meanLow: 0.5, meanHigh: 0.7)
        #expect(near(range.lower, 0.55) && near(range.upper, 0.77))
        // Optimistic value over a box containing (s*(mu), mu) for mu = 0.8 is at least u*(0.8).
        #expect(g.optimisticValue(sLow: 0.8, sHigh: 0.95, muLow: 0.7, muHigh: 0.8) >= 0.672 - 1e-12)
        #expect(throws: MechanismError.self) { try QuadraticClickUtility(lambda: 0) }
    }

    @Test("instances reject values outside [0, 1] and mismatched lengths, naming the key")
    func validation() throws {
        let u = try QuadraticClickUtility()
        func message(_ m: [Double], _ s: [Double]) -> String {
            do { _ = try ClickBanditInstance(means: m, clickRates: s, utility: u); return "no error" } catch { return error.description }
        }
        #expect(message([0.5, 1.2], [0.5, 0.5]) == "Invalid profile: means[1]: expected a number in [0, 1], got 1.2")
        #expect(message([0.5, 0.2], [0.5, -0.1]) == "Invalid profile: click_rates[1]: expected a number in [0, 1], got -0.1")
        #expect(message([0.5, 0.2], [0.5]) == "Invalid profile: click_rates: expected 2 values (one per mean), got 1")
        #expect(message([], []) == "Invalid profile: means: expected at least one arm, got an empty list")
    }

    @Test("Prop. 4.1: the oracle at P_cb loses exactly 0.072 per round; weak regret 0; all clicks to arm 1")
    func oracleClickbait() throws {
        let i = try clickInstance([1, 0.77, 0.66, 0.55, 0.44])
        var rng = TestRandom(seed: 3)
        let run = ClickOracle().run(i, horizon: 10_000, using: &rng)
        #expect(run.pulls == [10_000, 0, 0, 0, 0])
        #expect(run.clicks[0] == 10_000)
        let r = i.regret(pulls: run.pulls)
        #expect(near(r.strong, 720, 1e-9))
        #expect(near(r.weak, 0, 1e-9))
        // At P* the oracle has no regret at all.
        var rng2 = TestRandom(seed: 3)
        let truthful = try clickInstance()
        #expect(truthful.regret(pulls: ClickOracle().run(truthful, horizon: 1000, using: &rng2).pulls).strong == 0)
    }

    @Test("UCB-S screens every arm out at P_1 and falls back to uniform play: regret near 0.972 per round")
    func allScreenedOut() throws {
        let i = try clickInstance([1, 1, 1, 1, 1])
        // Uniform play loses 0.672 - mean of u(1, mu_i) = 0.672 + 0.3 = 0.972 per round.
        #expect(near(i.strongBenchmark - i.playedValues.reduce(0, +) / 5, 0.972))
        var rng = TestRandom(seed: 11)
        let t = 30_000
        let run = UCBS().run(i, horizon: t, using: &rng)
        #expect(run.screenedOutAt.allSatisfy { $0 != nil })
        let last = try #require(run.allScreenedOutAt)
        #expect(last == run.screenedOutAt.compactMap { $0 }.max())
        #expect(last > 5_000 && last < 15_000)
        let perRound = i.regret(pulls: run.pulls).strong / Double(t)
        // Our A-1 calibration run at T = 3e4: 23176 / 3e4 = 0.77 per round (4 seeds).
        #expect(perRound > 0.65 && perRound < 0.9)
        // After the fallback, pulls are close to uniform.
        #expect(run.pulls.allSatisfy { $0 > (t - last) / 5 - 500 })
    }

    @Test("UCB-S at s* screens no arm (seeded), and ucb-mean plays the same rounds as UCB-S then")
    func noScreeningAtDesired() throws {
        let i = try clickInstance()
        for seed in 1...4 as ClosedRange<UInt64> {
            var a = TestRandom(seed: seed), b = TestRandom(seed: seed)
            let s = UCBS().run(i, horizon: 20_000, using: &a)
            let m = UCBMean().run(i, horizon: 20_000, using: &b)
            #expect(s.screenedOutAt[0] == nil, "seed \(seed)")
            if s.screenedOutAt.allSatisfy({ $0 == nil }) { #expect(s.pulls == m.pulls) }
            #expect(s.pulls[0] > 14_000)
        }
    }

    @Test("same seed, same run; checkpoints give the cumulative strong regret")
    func repeatability() throws {
        let i = try clickInstance([1, 0.77, 0.66, 0.55, 0.44])
        for m in [UCBS() as any ClickBanditMechanism, UCBUtility(), UCBMean(), UCBS(alpha: 1, log: .anytime)] {
            var a = TestRandom(seed: 5), b = TestRandom(seed: 5)
            let x = m.run(i, horizon: 3000, checkpoints: [1000, 3000], using: &a)
            let y = m.run(i, horizon: 3000, checkpoints: [1000, 3000], using: &b)
            #expect(x == y)
            #expect(near(x.curve[1], i.regret(pulls: x.pulls).strong, 1e-9))
            #expect(x.curve[0] <= x.curve[1])
            #expect(x.pulls.reduce(0, +) == 3000)
        }
    }

    @Test("registry builds the four click-bandit mechanisms with parameters")
    func registry() throws {
        let m = try MechanismRegistry.standard.makeClickBandit("ucb-s", ParameterValues(["alpha": 1, "anytime_log": 1]))
        #expect(m.label == "ucb-s(alpha=1, anytime_log=1)")
        #expect(throws: MechanismError.self) { try MechanismRegistry.standard.makeClickBandit("median") }
        #expect(throws: MechanismError.self) { try MechanismRegistry.standard.makeClickBandit("ucb-s", ParameterValues(["anytime_log": 2])) }
    }
}
