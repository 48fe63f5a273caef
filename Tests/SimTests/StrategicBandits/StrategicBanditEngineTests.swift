import Foundation
import Mechanisms
import Testing
@testable import Sim

@Suite("Strategic bandits: NE checker, exponent fit, arm dynamics")
struct StrategicBanditEngineTests {
    @Test("normal quantiles: 1.959964 at 0.975, Bonferroni over 10 deviations 2.807034")
    func quantiles() {
        #expect(abs(ApproximateNECheck.normalQuantile(0.975) - 1.959963984540054) < 1e-9)
        #expect(abs(ApproximateNECheck.normalQuantile(1 - 0.05 / 20) - 2.807033768343811) < 1e-9)
        #expect(abs(ApproximateNECheck.normalQuantile(0.01) + 2.326347874040841) < 1e-9)
    }

    @Test("parallel work items come back in item order for any thread count")
    func parallelOrder() {
        let one = ParallelWork.map(count: 50, threads: 1) { $0 * $0 }
        let two = ParallelWork.map(count: 50, threads: 2) { $0 * $0 }
        #expect(one == two)
        #expect(one[7] == 49)
    }

    @Test("exponent fit: R = 3 sqrt(T) with noise is sublinear near 0.5; R = 0.072 T is linear at the predicted constant")
    func exponentFit() {
        let h = [1000, 3000, 10_000, 30_000, 100_000]
        var rng = Xoshiro256StarStar(seed: 3)
        let sub = h.map { t in (0..<20).map { _ in 3 * Double(t).squareRoot() * (0.9 + 0.2 * rng.nextUnit()) } }
        let f = RegretExponentFit(horizons: h, samples: sub)
        #expect(f.fitted == [10_000, 30_000, 100_000])
        #expect(abs(f.slope - 0.5) < 0.03)
        #expect(f.lower95 < f.slope && f.slope < f.upper95)
        #expect(f.verdict == .sublinear)
        let lin = h.map { t in (0..<20).map { _ in 0.072 * Double(t) * (0.95 + 0.1 * rng.nextUnit()) } }
        let g = RegretExponentFit(horizons: h, samples: lin, predictedPerRound: 0.072)
        #expect(abs(g.slope - 1) < 0.03)
        #expect(g.verdict == .linear)
        #expect(RegretExponentFit(horizons: h, samples: lin, predictedPerRound: 0.2).verdict == .inconclusive)
    }

    @Test("NE checker: paired differences find a planted gain with its witness and pass a flat game")
    func neChecker() throws {
        // Arm 0's utility is 10 x its strategy plus common noise; arm 1's is flat.
        let check = ApproximateNECheck(profile: [[0.5], [0.5]], deviations: [[[0.4], [0.6], [0.9]], [[0.1], [0.9]]], seeds: 12) { p, r in
            var rng = Xoshiro256StarStar(seed: 9, stream: UInt64(r))
            let noise = 100 * rng.nextUnit()
            return [10 * p[0][0] + noise, noise]
        }
        let one = check.run(threads: 1), two = check.run(threads: 2)
        let w = try #require(one.witness)
        #expect(w.arm == 0 && w.deviation == [0.9])
        #expect(abs(w.gain - 4) < 1e-9 && abs(w.upper - 4) < 1e-9)  // paired: the common noise cancels exactly
        #expect(two.witness == one.witness)
        #expect(one.arms[1].gains.allSatisfy { abs($0.gain) < 1e-9 })
        #expect(!one.noProfitableDeviationFound)
        #expect(one.isApproximateNE(epsilon: 4.000001) && !one.isApproximateNE(epsilon: 3.9))
        // Bonferroni counts: 3 and 2 tests per arm, or all 5 for the family-wise level.
        var family = check
        #expect([0, 1].map(check.bonferroniCount) == [3, 2])
        family.correction = .familyWise
        #expect([0, 1].map(family.bonferroniCount) == [5, 5])
    }

    @Test("A-3 criteria: the 0.02 T gate is read at T = 1e5 and fails at 0.02928; ours (rate, decreasing, largest T) pass")
    func a3Criteria() throws {
        let study = ClickbaitEquilibriumStudy(setup: try ClickbaitSetup(means: [0.8, 0.7, 0.6, 0.5, 0.4]), horizons: [], seeds: 1)
        let h = [10_000, 30_000, 100_000, 300_000, 1_000_000]
        let c = study.awareCriteria("ucb-s", horizons: h, maxGains: [700, 1450, 2928, 5400, 10_000])
        #expect(c.map(\.id) == ["a3-ucb-s-gain", "a3-ucb-s-slope", "a3-ucb-s-rate", "a3-ucb-s-decreasing", "a3-ucb-s-gate-largest-T"])
        #expect(c[0].measured == "0.02928 at T = 100000" && !c[0].passed && c[0].gated)
        // gain/eps(T): 700/932.47, 1450/1708.69, 2928/3296.77, 5400/5976.41, 10000/11420.34.
        #expect(c[2].passed && c[2].measured.hasPrefix("gain/eps(T) = 0.750697 (T = 10000), 0.848603 (T = 30000), 0.888143 (T = 100000)"))
        #expect(c[3].passed && c[4].passed && c[4].measured == "0.01 at T = 1000000")
        // A gain above eps(T) at one T fails the rate criterion; a rise of gain/T fails "decreasing".
        let bad = study.awareCriteria("ucb-s", horizons: [10_000, 30_000], maxGains: [700, 2400])
        #expect(!bad[2].passed && !bad[3].passed)
        #expect(bad[0].measured == "0.08 at T = 30000" && bad.count == 4)
    }

    @Test("B-1 variant (K = 5): the K = 4 criteria print as n/a, never as passes, beside ours")
    func b1Variant() throws {
        var setup = LinearBanditSetup()
        setup.features.append(LinearBanditSetup.fifthFeature)
        let study = LinearReplicaStudy(setup: setup, horizon: 300, epochs: 1, executions: 2,
                                       mechanisms: [LinearStudyMechanism(LinUCB()), LinearStudyMechanism(OptGTM())])
        #expect(!study.isReplica)
        let r = try study.run(threads: 2)
        let spec = r.criteria.filter { $0.id.hasPrefix("b1-") }, ours = r.criteria.filter { $0.id.hasPrefix("b1v-") }
        #expect(spec.count == 8)
        // Only OptGTM's flatness band (Fig. 1a) applies as it stands; the other seven are n/a.
        #expect(spec.filter { $0.notApplicable == nil }.map(\.id) == ["b1-optgtm-flat"])
        #expect(spec.filter { $0.notApplicable != nil }.allSatisfy { !$0.passed && !$0.gated })
        #expect(ours.map(\.id) == ["b1v-epoch0-price", "b1v-linucb-rises", "b1v-optgtm-below-linucb", "b1v-manipulation", "b1v-curve-slopes"])
        #expect(ours.allSatisfy { $0.statement.hasPrefix("[ours]") && $0.notApplicable == nil })
        #expect(r.text.split(separator: "\n").contains { $0.contains("b1-epoch0") && $0.trimmingCharacters(in: .whitespaces).hasPrefix("n/a") })
        let replica = LinearReplicaStudy(setup: LinearBanditSetup(), horizon: 300, epochs: 0, executions: 1, mechanisms: study.mechanisms)
        #expect(replica.isReplica)
    }

    @Test("arm dynamics: gradient ascent on a concave toy utility reaches its peak; identical across threads")
    func dynamics() {
        // v_i(x) = -(x - 0.3)^2 * 1000: the step eta * dv/eps moves x toward 0.3.
        let o = ArmDynamics.Options(epochs: 30, epsilon: 0.01, eta0: 2.5e-4, schedule: .slow, clip: 0.05, rollouts: 2,
                                    flipAbove: 0.99, perturbRange: 0...1, projection: 0...1)
        let d = ArmDynamics(options: o, seed: 4) { p, _ in
            ArmDynamics.Evaluation(utilities: p.map { -1000 * ($0[0] - 0.3) * ($0[0] - 0.3) }, regret: 0)
        }
        let a = d.run(from: [[0.9], [0.0]], threads: 1), b = d.run(from: [[0.9], [0.0]], threads: 2)
        #expect(a.count == 31)
        #expect(a.map(\.profile) == b.map(\.profile))
        // The forward difference is biased by eps/2: the fixed point is 0.3 - 0.005.
        #expect(abs(a.last!.profile[0][0] - 0.295) < 0.01 && abs(a.last!.profile[1][0] - 0.295) < 0.01)
        // The clip bounds every step.
        #expect(zip(a, a.dropFirst()).allSatisfy { abs($1.profile[0][0] - $0.profile[0][0]) <= 0.05 + 1e-12 })
    }

    @Test("click-bandit studies are byte-identical across thread counts")
    func clickDeterminism() throws {
        let u = try QuadraticClickUtility()
        let i = try ClickBanditInstance(means: [0.8, 0.7, 0.6], clickRates: [0.88, 0.77, 0.66], utility: u)
        let sim = ClickBanditSimulation(mechanism: UCBS(), instance: i, horizon: 2000, seeds: 6, seed: 3)
        let a = ClickBanditReport.json(sim, sim.summarize(threads: 1)).rendered()
        let b = ClickBanditReport.json(sim, sim.summarize(threads: 2)).rendered()
        #expect(a == b)
    }

    func parseError(_ text: String) -> String {
        do { _ = try BanditScenario.parse(text, file: "b.yaml"); return "no error" } catch { return error.description }
    }

    @Test("bandit scenario files: strict keys with key paths and suggestions")
    func scenarioErrors() {
        let base = "domain: strategic-bandits\ntitle: t\nexperiment: a1\nhorizons: [100, 200, 300]\n"
        #expect(parseError(base + "instance: {means: [0.8, 0.7]}\nseeeds: 3\n").hasSuffix("Did you mean 'seeds'?"))
        #expect(parseError(base + "instance: {means: [0.8, 1.7]}\n") == "b.yaml: instance.means (line 5): item 2 is 1.7; expected a number in [0, 1].")
        #expect(parseError(base + "instance: {means: [0.8, 0.7], lambda: 0}\n") == "b.yaml: instance.lambda (line 5): expected a number > 0, got 0.0.")
        #expect(parseError("domain: strategic-bandits\ntitle: t\nexperiment: a9\ninstance: {means: [0.8, 0.7]}\n").contains("unknown experiment 'a9'"))
        #expect(parseError("domain: strategic-bandits\ntitle: t\nexperiment: b1\nlinear: {theta: [1, 1], features: [[1, 1], [1]]}\n")
                .contains("features[1]: expected 2 coordinates"))
        #expect(parseError("domain: strategic-bandits\ntitle: t\nexperiment: b1\nlinear: {theta: [1, 1], features: [[1, 0], [0, 1]]}\nmechanisms: [linucbb]\n").contains("Did you mean 'linucb'?"))
    }

    @Test("scenario files accept beta: auto (and 0, its synonym) for LinUCB and OptGTM; a misspelt word names the choices")
    func betaAutoInScenarios() throws {
        let head = "domain: strategic-bandits\ntitle: t\nexperiment: b2\nlinear: {noise_sd: 0.5}\nseeds: 2\nhorizons: [300]\n"
        let auto = try BanditScenario.parse(head + "mechanisms: [{id: linucb, params: {beta: auto}}, {id: optgtm, params: {beta: 0}}]\n", file: "b2.yaml")
        #expect(auto.linearMechanisms.map { $0.mechanism.parameters["beta"] } == [0, 0])
        #expect(auto.linearMechanisms.map(\.label) == ["linucb(beta=auto, lambda=1, warmup=10)", "optgtm(beta=auto, lambda=1, lcb_after_update=0)"])
        let fixed = try BanditScenario.parse(head + "mechanisms: [{id: linucb, params: {beta: 2.5}}]\n", file: "b2.yaml")
        #expect(fixed.linearMechanisms[0].label(dimension: 5, horizon: 300) == "linucb(beta=2.5, lambda=1, warmup=10)")
        do {
            _ = try BanditScenario.parse(head + "mechanisms: [{id: linucb, params: {beta: automatic}}]\n", file: "b2.yaml")
            Issue.record("beta: automatic was accepted")
        } catch {
            #expect("\(error)".contains("Parameter 'beta' of mechanism 'linucb' must be a number or 'auto', got 'automatic'."), "\(error)")
        }
    }
}
