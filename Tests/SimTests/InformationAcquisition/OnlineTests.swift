import Foundation
import Mechanisms
import Solvers
import Testing
@testable import Sim

/// Short, seeded runs of the online algorithms (docs/reconstructions.md#explore-then-commit, #sender-online-algorithms); the long runs are the CLI's
/// (`mechsim online`).
@Suite("Information acquisition: online algorithms (short seeded runs)")
struct OnlineTests {
    @Test("explore-then-commit on A1, T = 1000, costs known: regret 260/3 in closed form (exploration, then the no-information fallback)")
    func exploreThenCommitA1() throws {
        let I = try IncentiveCheckerTests.hiring("A1")
        let rules = try OnlineHiring.incentiveRules(I)
        // Shirking needs no payment (margin c/2 = 0.05); work is paid 2/3 when the report equals θ (margin 0.1).
        #expect(rules[0][0].rule.allSatisfy { abs($0) < 1e-9 } && abs(rules[0][0].margin - 0.05) < 1e-9)
        #expect(abs(rules[0][1].margin - 0.1) < 1e-9)
        var rng = Xoshiro256StarStar(seed: 7)
        let run = try OnlineHiring.run(I, horizon: 1000, optimum: 8.0 / 15, rules: rules, learnCosts: false, using: &rng)
        // N = ⌈1000^(2/3)⌉ = 100 rounds per profile. Shirk rounds lose 8/15 − 1/2; work rounds lose
        // 8/15 − (1/2 − 0.8·2/3); with ε ≈ 0.18 no informative mechanism is IC with the margin, so the
        // 800 commit rounds play the prior's best action and lose 8/15 − 1/2 each.
        #expect(run.explorationRounds == 200)
        #expect(abs(run.regret - 260.0 / 3) < 1e-9, "\(run.regret)")
        #expect(run.committedIC)
        var again = Xoshiro256StarStar(seed: 7)
        #expect(try OnlineHiring.run(I, horizon: 1000, optimum: 8.0 / 15, rules: rules, learnCosts: false, using: &again).regret == run.regret)
    }

    @Test("explore-then-commit on A1 at T = 10^7, radius scale 0.1: the committed mechanism is IC, hires the agent and beats never hiring")
    func exploreThenCommitCommits() throws {
        let I = try IncentiveCheckerTests.hiring("A1")
        var rng = Xoshiro256StarStar(seed: 3)
        let run = try OnlineHiring.run(I, horizon: 10_000_000, optimum: 8.0 / 15, rules: try OnlineHiring.incentiveRules(I),
                                       radiusScale: 0.1, using: &rng)
        #expect(run.committedIC)
        #expect(run.committedValue > 0.5 && run.committedValue < 8.0 / 15)
        // N = ⌈10^7^(2/3)⌉ = 46,416 per profile; ε ≈ 0.00079 gives 11 halvings of ⌊N/11⌋ = 4,219 rounds.
        #expect(run.explorationRounds == 2 * 46_416 + 11 * 4_219)
        #expect(run.regret > 0 && run.regret < 10_000_000 * (8.0 / 15 - 0.5))
    }

    @Test("step 2: the binary search on A1 finds c = 0.1 to within one bracket: ĉ = 0.2 · (1/2 + 2^-10) (the work rule's value gap is 0.2; ties go to shirking)")
    func costSearch() throws {
        let I = try IncentiveCheckerTests.hiring("A1")
        var rng = Xoshiro256StarStar(seed: 5)
        let learned = OnlineHiring.learnCostDifferences(I, estimated: I, rules: try OnlineHiring.incentiveRules(I), steps: 10,
                                                        roundsPerQuery: 2_000, budget: 1_000_000, optimum: 8.0 / 15, priorBest: 0.5, using: &rng)
        #expect(learned.costs[0][0] == 0)
        #expect(abs(learned.costs[0][1] - 0.2 * (0.5 + 1.0 / 1024)) < 1e-12, "\(learned.costs)")
        #expect(learned.rounds == 20_000 && learned.bracket == 1.0 / 1024)
    }

    @Test("bandit feedback with alpha = 1 explores for all T rounds: regret T·(OPT − 1/2), no violation (B1)")
    func banditAllExploration() throws {
        let I = try IncentiveCheckerTests.senders("B1-report-only")
        var rng = Xoshiro256StarStar(seed: 1)
        let r = try OnlineSenders.run(I, feedback: .bandit(alpha: 1), horizon: 500, optimum: 0.7, using: &rng)
        #expect(abs(r.regret - 500 * 0.2) < 1e-9 && r.violation == 0)
    }

    @Test("full feedback on B4 (state-dependent), T = 4096: repeatable; optimism keeps regret below 0 while the violation stays below its sum of radii")
    func fullFeedback() throws {
        let I = try IncentiveCheckerTests.senders("B4-state-dependent")
        var a = Xoshiro256StarStar(seed: 11), b = Xoshiro256StarStar(seed: 11)
        let r = try OnlineSenders.run(I, feedback: .full, horizon: 4096, optimum: 0.574, using: &a)
        let s = try OnlineSenders.run(I, feedback: .full, horizon: 4096, optimum: 0.574, using: &b)
        #expect(r.regret == s.regret && r.violation == s.violation)
        #expect(r.regret < 0)
        #expect(r.violation > 0 && r.violation < 4096)
    }

    @Test("exponent intervals: a noiseless power law has a zero-width interval; bending and steepening curves read pre-asymptotic and above the paper")
    func exponentReadings() throws {
        let h = [10, 100, 1000, 10_000]
        func exact(_ means: [Double]) -> [[Double]] { means.map { [$0, $0, $0] } }
        // 3 T^(1/2) at every seed: exponent 0.5 exactly; every resample is the same curve.
        let root = RegretStudy.ExponentEstimate(horizons: h, samples: exact(h.map { 3 * Double($0).squareRoot() }), paper: 0.5, seed: 1)
        #expect(abs(root.exponent! - 0.5) < 1e-12 && abs(root.lower! - 0.5) < 1e-12 && abs(root.upper! - 0.5) < 1e-12)
        #expect(root.status == .consistent && root.usedResamples == RegretStudy.bootstrapResamples)
        #expect(RegretStudy.ExponentEstimate(horizons: h, samples: exact(h.map { 3 * Double($0).squareRoot() }), paper: 2.0 / 3, seed: 1).status == .belowPaper)
        // Means 10, 60, 250, 1000: local slopes log10 6 = 0.778, log10(25/6) = 0.620, log10 4 = 0.602,
        // still falling toward 1/2 while the fit (0.660) lies above it: pre-asymptotic.
        let bending = RegretStudy.ExponentEstimate(horizons: h, samples: exact([10, 60, 250, 1000]), paper: 0.5, seed: 1)
        #expect(bending.status == .preAsymptotic)
        #expect(zip(bending.localSlopes.map { $0! }, [log10(6.0), log10(25.0 / 6), log10(4.0)]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(bending.statusText == "pre-asymptotic: the interval lies above the paper's 0.500 while the local slope still decreases toward it (0.78, 0.62, 0.60)")
        // Means 10, 40, 250, 2000: local slopes rise (0.60, 0.80, 0.90): above the paper's rate.
        #expect(RegretStudy.ExponentEstimate(horizons: h, samples: exact([10, 40, 250, 2000]), paper: 0.5, seed: 1).status == .abovePaper)
        // A mean <= 0 (model B regret beats OPT by violating IC): no exponent, no interval.
        let negative = RegretStudy.ExponentEstimate(horizons: [10, 100], samples: [[1, 2], [-1, -3]], paper: 0.5, seed: 1)
        #expect(negative.exponent == nil && negative.lower == nil && negative.status == .undefined)
        #expect(negative.rendered("regret ≤ 0") == "- (regret ≤ 0)")
        // With noise the interval has width, holds the point estimate and repeats by seed.
        let noisy = [[8.0, 12, 10], [70, 95, 110], [300, 280, 330], [900, 1100, 1000]]
        let a = RegretStudy.ExponentEstimate(horizons: h, samples: noisy, paper: 0.5, seed: 3)
        let b = RegretStudy.ExponentEstimate(horizons: h, samples: noisy, paper: 0.5, seed: 3)
        #expect(a == b && a.lower! < a.exponent! && a.exponent! < a.upper! && a.upper! - a.lower! < 0.2)
        #expect(a.rendered("") == String(format: "%.3f [95%% bootstrap %.3f, %.3f]", a.exponent!, a.lower!, a.upper!))
    }

    @Test("the fitted exponent of an exact power law is its exponent; the study writes CSV with bands")
    func study() throws {
        let points = [1e3, 1e4, 1e5].map { ($0, 3 * pow($0, 2.0 / 3)) }
        #expect(abs(RegretStudy.slope(points)! - 2.0 / 3) < 1e-12)
        #expect(RegretStudy.slope([(10, 1), (100, 0)]) == nil)
        let c = try AcquisitionInstanceFile.load(repositoryRoot.appendingPathComponent("\(AcquisitionInstanceFileTests.folder)/B1-report-only.json").path)
        let r = try RegretStudy.run(.bandit(alpha: 0.5), instance: c.instance, horizons: [100, 400], seeds: 3, seed: 5)
        #expect(r.points.count == 2 && abs(r.optimum - 0.7) < 1e-9)
        let csv = RegretStudy.csv(r)
        #expect(csv.hasPrefix("horizon,regret_mean,regret_low,regret_high,violation_mean,violation_low,violation_high\n100,"))
        #expect(RegretStudy.svg(r).hasPrefix("<svg"))
        // The report gives the intervals and says how they were made.
        let text = RegretStudy.text(r, instance: "B1")
        #expect(text.contains("fitted violation exponent \(r.violationEstimate!.rendered(""))  (paper: 0.750)\n"), "\(text)")
        #expect(text.contains("interval: percentile bootstrap over the 3 seeds at each horizon, 2000 resamples, seeded"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(RegretStudy.json(r, instance: "B1").utf8)) as? [String: Any])
        #expect(json["bootstrap_resamples"] as? Int == 2000)
        #expect(json["violation_exponent_low"] as? Double == r.violationEstimate?.lower)
        #expect(json["violation_exponent_status"] as? String == r.violationEstimate?.status.rawValue)
        #expect((json["violation_local_slopes"] as? [Any])?.count == 1)
        #expect(throws: InformationAcquisitionError.self) { try RegretStudy.run(.exploreThenCommit, instance: c.instance, horizons: [10], seeds: 1, seed: 1) }
    }
}
