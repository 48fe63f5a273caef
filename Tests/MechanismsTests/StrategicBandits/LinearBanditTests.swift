import Testing
@testable import Mechanisms

@Suite("Strategic linear contextual bandit (Kleine Buening et al. 2024, NeurIPS)")
struct LinearBanditTests {
    static let theta = [1, 1, 0.8, 1, 1]
    static let features: [[Double]] = [
        [0.1, -0.1, -0.1, -0.1, -0.1], [-0.1, 0.1, -0.1, -0.1, -0.1], [-0.1, -0.1, 0.1, -0.1, -0.1], [-0.1, -0.1, -0.1, 0.1, -0.1],
    ]

    func instance(rounds: Int, seed: UInt64 = 1) throws -> LinearBanditInstance {
        var rng = TestRandom(seed: seed)
        let ctx = LinearBanditInstance.uniformContexts(rounds: rounds, dimension: 5, using: &rng)
        return try LinearBanditInstance(theta: Self.theta, features: Self.features, contexts: ctx, noiseSD: 0.5)
    }

    @Test("LinUCB: beta of the authors' code is about 13.5 for d = 5, T = 1e4, lambda = 1")
    func beta() {
        let b = linearConfidenceWidth(dimension: 5, horizon: 10_000, lambda: 1)
        #expect(abs(b - 13.51584) < 1e-4)
    }

    @Test("beta=auto: labels name the formula and print the width a run uses; 0 stays a synonym")
    func betaAutoLabels() throws {
        #expect(LinUCB().label == "linucb(beta=auto, lambda=1, warmup=10)")
        #expect(LinUCB().label(dimension: 5, horizon: 10_000) == "linucb(beta=auto (=13.52), lambda=1, warmup=10)")
        #expect(OptGTM().label(dimension: 5, horizon: 400) == "optgtm(beta=auto (=12.07), lambda=1, lcb_after_update=0)")
        #expect(LinUCB(beta: 2).label(dimension: 5, horizon: 10_000) == "linucb(beta=2, lambda=1, warmup=10)")
        #expect(LinUCB().confidenceWidth(dimension: 5, horizon: 10_000) == linearConfidenceWidth(dimension: 5, horizon: 10_000, lambda: 1))
        #expect(OptGTM(beta: 3).confidenceWidth(dimension: 5, horizon: 10_000) == 3)
        #expect(GGTM().confidenceWidth(dimension: 5, horizon: 10_000) == nil)
        #expect(GGTM().label(dimension: 5, horizon: 10_000) == "ggtm")
        // The word and the number 0 build the same mechanism.
        let registry = MechanismRegistry.standard
        let word = try registry.makeLinearBandit("linucb", ParameterValues(words: ["beta": "auto"]))
        let zero = try registry.makeLinearBandit("linucb", ParameterValues(["beta": 0]))
        #expect(word.parameters == zero.parameters && word.parameters["beta"] == 0)
        #expect(throws: MechanismError.invalidParameterWord(mechanism: "optgtm", name: "beta", word: "aut", expected: "a number or 'auto'")) {
            try registry.makeLinearBandit("optgtm", ParameterValues(words: ["beta": "aut"]))
        }
        #expect(throws: MechanismError.invalidParameterWord(mechanism: "linucb", name: "lambda", word: "auto", expected: "a number")) {
            try registry.makeLinearBandit("linucb", ParameterValues(words: ["lambda": "auto"]))
        }
        #expect(MechanismError.invalidParameterWord(mechanism: "optgtm", name: "beta", word: "aut", expected: "a number or 'auto'").description
                == "Parameter 'beta' of mechanism 'optgtm' must be a number or 'auto', got 'aut'.")
    }

    @Test("manipulation norms by hand: doubling arm 1's report on two rounds")
    func manipulation() throws {
        let ctx = [1.0, 0, 0, 0, 0, 0.5, 0.5, 0, 0, 0]
        var i = try LinearBanditInstance(theta: Self.theta, features: Self.features, contexts: ctx, noiseSD: 0)
        i.reports[0] = Self.features[0].map { 2 * $0 }
        // X* - X for arm 1: c_t ⊙ (-y1): round 1 (-0.1, 0, ...), round 2 (-0.05, 0.05, 0, ...).
        #expect(near(i.contextManipulation(horizon: 2), (0.01 + 0.0025 + 0.0025).squareRoot()))
        // Reward: <θ*, c ⊙ (y - ŷ)> = -0.1 and (-0.05 + 0.05) = 0.
        #expect(near(i.rewardManipulation(horizon: 2), 0.1))
        #expect(throws: MechanismError.self) { try LinearBanditInstance(theta: [1, 1], features: [[1, 1], [1]], contexts: [0, 0], noiseSD: 0) }
    }

    @Test("truthful arms: LinUCB and OptGTM stay well below the uniform policy's regret; runs repeat by seed")
    func truthful() throws {
        let i = try instance(rounds: 4000)
        let uniform = i.uniformRegret(horizon: 4000)
        #expect(uniform > 0.09 * 4000 && uniform < 0.13 * 4000)
        for m in [LinUCB() as any LinearBanditMechanism, OptGTM(), OptGTM(lcbAfterUpdate: true), GGTM()] {
            var a = TestRandom(seed: 2), b = TestRandom(seed: 2)
            let x = m.run(i, horizon: 4000, checkpoints: [2000, 4000], using: &a)
            let y = m.run(i, horizon: 4000, checkpoints: [2000, 4000], using: &b)
            #expect(x == y)
            #expect(x.regret < 0.25 * uniform, "\(m.label): \(x.regret)")
            #expect(near(x.curve[1], x.regret, 1e-6))
            #expect(x.pulls.reduce(0, +) + x.abstainedRounds == 4000)
        }
    }

    @Test("inflating a report: LinUCB hands the arm most rounds, OptGTM barely moves, GGTM eliminates it")
    func inflation() throws {
        let i = try instance(rounds: 6000)
        var inflated = Self.features
        inflated[0] = Self.features[0].map { 3 * $0 }
        let gamed = i.with(reports: inflated)
        var r1 = TestRandom(seed: 5), r2 = TestRandom(seed: 5), r3 = TestRandom(seed: 5), r4 = TestRandom(seed: 5)
        let lin = LinUCB().run(gamed, horizon: 6000, using: &r1)
        let linTruthful = LinUCB().run(i, horizon: 6000, using: &r4)
        #expect(Double(lin.pulls[0]) > Double(linTruthful.pulls[0]) + 0.3 * 6000)
        var r5 = TestRandom(seed: 5)
        let optTruthful = OptGTM().run(i, horizon: 6000, using: &r5)
        let opt = OptGTM().run(gamed, horizon: 6000, using: &r2)
        #expect(abs(Double(opt.pulls[0] - optTruthful.pulls[0])) < 0.05 * 6000)
        // GGTM with θ* known: arm 1's reported value is 3 times its true one; the trigger fires.
        let g = GGTM().run(gamed, horizon: 6000, using: &r3)
        #expect(g.eliminatedAt[0] != nil)
        #expect(g.eliminatedAt[1...].allSatisfy { $0 == nil })
    }

    @Test("OptGTM's carried trigger statistics add up over runs; with fresh statistics a run equals the plain run")
    func carriedTrigger() throws {
        let i = try instance(rounds: 1500)
        var state = OptGTM.TriggerStatistics(arms: 4)
        var a = TestRandom(seed: 8), b = TestRandom(seed: 8)
        let first = OptGTM().run(i, horizon: 1500, checkpoints: [], trigger: &state, using: &a)
        #expect(first == OptGTM().run(i, horizon: 1500, using: &b))
        #expect(state.n == first.pulls)
        let second = OptGTM().run(i, horizon: 1500, checkpoints: [], trigger: &state, using: &a)
        #expect(state.n == zip(first.pulls, second.pulls).map { $0 + $1 })
        // Truthful arms: the pessimistic sums stay below the observed rewards.
        #expect(zip(state.lcbSum, state.observed).allSatisfy { $0 < $1 })
    }
}
