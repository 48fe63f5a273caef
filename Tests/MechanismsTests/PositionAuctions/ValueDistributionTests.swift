import Foundation
import Testing
import Mechanisms


private func close(_ a: Double, _ b: Double, _ tol: Double) -> Bool {
    abs(a - b) <= tol
}

private func relClose(_ a: Double, _ b: Double, _ tol: Double) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

// Worked instance EX8: values {2, 3, 4}, probabilities (1/2, 1/20, 9/20).
private let ex8 = ValueDistribution.discrete(values: [2, 3, 4], probabilities: [0.5, 0.05, 0.45])

// Reference numbers for the truncated normal and lognormal were computed with SciPy 1.x:
//   from scipy.stats import truncnorm, lognorm
//   d = truncnorm((0.1-0.5)/0.3, (1.2-0.5)/0.3, loc=0.5, scale=0.3)
//   0.7 - d.sf(0.7)/d.pdf(0.7) = 0.47209698787620336; d.cdf(0.7) = 0.7300507501371929
//   d.mean() = 0.5459818425105021; d.ppf(0.3) = 0.39318635785459743
//   scipy.optimize.brentq(lambda v: v - d.sf(v)/d.pdf(v), 0.1, 1.2, xtol=1e-15) = 0.4386345785524077  (reserve)
//   d2 = truncnorm(6, 9, loc=0, scale=1): 6.5 - d2.sf(6.5)/d2.pdf(6.5) = 6.349563011686494; d2.mean() = 6.158482604207158
//   L = lognorm(0.5, scale=1): 1.2 - L.sf(1.2)/L.pdf(1.2) = 0.6250639241094371; L.cdf(1.2) = 0.6423110862368396;
//       L.ppf(0.8) = 1.523195783379247
//   L2 = lognorm(1.2, scale=exp(0.3)): 2.5 - L2.sf(2.5)/L2.pdf(2.5) = -0.10637589644561452

@Suite("Virtual values, closed forms")
struct ValueDistributionClosedFormTests {
    @Test func uniformUnitPhiIsTwoVMinusOne() {
        let d = ValueDistribution.uniform(low: 0, high: 1)
        for v in stride(from: 0.0, through: 1.0, by: 0.125) {
            #expect(close(d.rawVirtualValue(v), 2 * v - 1, 1e-12))
            #expect(close(d.virtualValuation().score(v), 2 * v - 1, 1e-12))
        }
        #expect(d.isRegular)
        #expect(d.support == 0...1)
        #expect(close(d.mean, 0.5, 1e-12))
        #expect(close(d.cdf(0.3), 0.3, 1e-12))
        #expect(close(d.quantile(0.3), 0.3, 1e-12))
    }

    @Test func uniformABPhiIsTwoVMinusB() {
        let d = ValueDistribution.uniform(low: 2, high: 5)
        for v in [2.0, 2.5, 3.7, 5.0] {
            #expect(close(d.rawVirtualValue(v), 2 * v - 5, 1e-12))
        }
        let vv = d.virtualValuation()
        // Below the support: excluded score = 2·min(φ(2), 0) − 1 = −3.
        #expect(vv.excludedScore == -3)
        #expect(vv.score(1.9) == -3)
        #expect(close(vv.score(6), 5, 1e-12))  // above the support: φ(high)
        #expect(close(d.mean, 3.5, 1e-12))
        #expect(close(d.cdf(3.5), 0.5, 1e-12))
        #expect(close(d.quantile(0.25), 2.75, 1e-12))
    }

    @Test func exponentialPhiIsVMinusOneOverRate() {
        let d = ValueDistribution.exponential(rate: 2)
        for v in [0.0, 0.1, 0.5, 1.0, 7.25] {
            #expect(close(d.rawVirtualValue(v), v - 0.5, 1e-12))
        }
        #expect(d.isRegular)
        #expect(d.support.upperBound == .infinity)
        #expect(close(d.mean, 0.5, 1e-12))
        #expect(close(d.cdf(1), 1 - exp(-2.0), 1e-12))
        #expect(close(d.quantile(1 - exp(-2.0)), 1, 1e-12))
        let vv = d.virtualValuation()
        #expect(close(vv.thresholdAbove(0), 0.5, 1e-12))  // monopoly reserve 1/λ
        #expect(close(vv.thresholdAbove(1.25), 1.75, 1e-12))
        #expect(vv.thresholdAbove(-0.75) == 0)  // below φ(0) = −0.5
    }
}

@Suite("Virtual values, numeric")
struct ValueDistributionNumericTests {
    @Test func truncatedNormalMatchesSciPy() {
        let d = ValueDistribution.truncatedNormal(mean: 0.5, sd: 0.3, low: 0.1, high: 1.2)
        #expect(close(d.rawVirtualValue(0.7), 0.47209698787620336, 1e-9))
        #expect(close(d.cdf(0.7), 0.7300507501371929, 1e-9))
        #expect(close(d.mean, 0.5459818425105021, 1e-9))
        #expect(close(d.quantile(0.3), 0.39318635785459743, 1e-9))
        #expect(close(d.rawVirtualValue(1.2), 1.2, 1e-12))  // φ(high) = high
        #expect(d.isRegular)
        let vv = d.virtualValuation()
        #expect(close(vv.thresholdAbove(0), 0.4386345785524077, 1e-9))  // Myerson reserve
        #expect(close(vv.thresholdAtLeast(0), 0.4386345785524077, 1e-9))
        #expect(vv.thresholdAbove(1.2) == .infinity)
        #expect(close(vv.thresholdAtLeast(1.2), 1.2, 1e-12))
    }

    @Test func truncatedNormalFarTailIsStable() {
        // Window [6, 9] sd above the mean: naive (1 − F)/f would lose most digits.
        let d = ValueDistribution.truncatedNormal(mean: 0, sd: 1, low: 6, high: 9)
        #expect(close(d.rawVirtualValue(6.5), 6.349563011686494, 1e-9))
        #expect(close(d.mean, 6.158482604207158, 1e-9))
        #expect(close(d.cdf(d.quantile(0.4)), 0.4, 1e-12))
    }

    @Test func lognormalMatchesSciPy() {
        let d = ValueDistribution.lognormal(mu: 0, sigma: 0.5)
        #expect(close(d.rawVirtualValue(1.2), 0.6250639241094371, 1e-9))
        #expect(close(d.cdf(1.2), 0.6423110862368396, 1e-12))
        #expect(close(d.quantile(0.8), 1.523195783379247, 1e-9))
        #expect(close(d.mean, exp(0.125), 1e-12))
        let d2 = ValueDistribution.lognormal(mu: 0.3, sigma: 1.2)
        #expect(close(d2.rawVirtualValue(2.5), -0.10637589644561452, 1e-9))
        // Regular, so the score is the raw φ and the reserve solves φ(v) = 0.
        let vv = d2.virtualValuation()
        #expect(vv.ironedIntervals.isEmpty)
        #expect(close(vv.score(2.5), -0.10637589644561452, 1e-9))
        let reserve = vv.thresholdAbove(0)
        #expect(abs(d2.rawVirtualValue(reserve)) < 1e-9)
    }

    @Test(arguments: [0.25, 0.5, 1.0, 1.2, 1.5, 1.51])
    func lognormalRegularBelowCriticalSigma(sigma: Double) {
        #expect(ValueDistribution.lognormal(mu: 0.7, sigma: sigma).isRegular)
    }

    @Test(arguments: [1.53, 1.75, 2.0, 3.0])
    func lognormalIrregularAboveCriticalSigma(sigma: Double) {
        #expect(!ValueDistribution.lognormal(mu: -0.4, sigma: sigma).isRegular)
    }

    // References from an independent mpmath (40 digits) solve of the tangency conditions
    // φ(v_a) = φ(v_b) = c and ∫_{v_a}^{v_b} (φ − c) dF = 0 (φ has a single dip for these σ, mu = 0).
    @Test(arguments: [
        (2.0, -1.4443052893749506266, 0.0015627825878055423258, 15.519327379993955325),
        (3.0, -11.463267501232644851, 1.0085577040595657004e-8, 3119.0359272897476146),
    ])
    func irregularLognormalIsIroned(sigma: Double, level: Double, lower: Double, upper: Double) {
        let d = ValueDistribution.lognormal(mu: 0, sigma: sigma)
        #expect(!d.isRegular)
        let vv = d.virtualValuation()
        #expect(vv.ironedIntervals.count == 1)
        guard let interval = vv.ironedIntervals.first else { return }
        #expect(relClose(interval.level, level, 1e-12))
        #expect(abs(interval.lower / lower - 1) < 1e-9)
        #expect(abs(interval.upper / upper - 1) < 1e-9)
        #expect(vv.score(1) == interval.level)  // inside: flat
        let outside = 2 * upper
        #expect(close(vv.score(outside), d.rawVirtualValue(outside), 1e-12))  // outside: raw φ
        #expect(vv.score(outside) > interval.level)
        // φ̄ nondecreasing on a log grid.
        var previous = -Double.infinity
        for i in 0...4000 {
            let s = vv.score(exp(sigma * (-5 + Double(i) * 0.0025)))
            #expect(s >= previous)
            previous = s
        }
        // Flat level: above → upper end, at least → lower end.
        #expect(abs(vv.thresholdAbove(interval.level) / interval.upper - 1) < 1e-12)
        #expect(abs(vv.thresholdAtLeast(interval.level) / interval.lower - 1) < 1e-12)
    }
}

@Suite("Discrete ironing (EX8)")
struct ValueDistributionDiscreteTests {
    @Test func rawVirtualValues() {
        #expect(close(ex8.rawVirtualValue(2), 1, 1e-12))
        #expect(close(ex8.rawVirtualValue(3), -6, 1e-12))
        #expect(close(ex8.rawVirtualValue(4), 4, 1e-12))
        #expect(!ex8.isRegular)
    }

    @Test func ironedValues() {
        let vv = ex8.virtualValuation()
        #expect(close(vv.score(2), 4.0 / 11, 1e-12))
        #expect(close(vv.score(3), 4.0 / 11, 1e-12))
        #expect(close(vv.score(4), 4, 1e-12))
        #expect(vv.score(2) == vv.score(3))
        #expect(close(vv.score(3.5), 4.0 / 11, 1e-12))  // step function
        #expect(close(vv.score(9), 4, 1e-12))
        #expect(vv.excludedScore == -1)
        #expect(vv.score(1.99) == -1)
        #expect(vv.score(0) == -1)
    }

    @Test func thresholds() {
        let vv = ex8.virtualValuation()
        // ψ is the level as computed (the double nearest the EX8 level for these probabilities).
        let level = vv.score(2)
        #expect(vv.thresholdAbove(level) == 4)
        #expect(vv.thresholdAtLeast(level) == 2)
        #expect(vv.thresholdAbove(0) == 2)
        #expect(vv.thresholdAbove(4) == .infinity)
        #expect(vv.thresholdAtLeast(4) == 4)
        #expect(vv.thresholdAbove(-1) == 2)
        #expect(vv.thresholdAbove(-1.5) == 0)
    }

    @Test func optimalRevenueIsTwoPointNine() {
        // Worked instance EX8: expected revenue E[max(φ̄_1, φ̄_2, 0)] with two i.i.d. bidders is 2.9.
        let vv = ex8.virtualValuation()
        let values = [2.0, 3, 4], probs = [0.5, 0.05, 0.45]
        var revenue = 0.0
        for i in 0..<3 { for j in 0..<3 {
            revenue += probs[i] * probs[j] * max(vv.score(values[i]), vv.score(values[j]), 0)
        } }
        #expect(close(revenue, 2.9, 1e-12))
    }

    @Test func basics() {
        #expect(ex8.support == 2...4)
        #expect(close(ex8.mean, 2.95, 1e-12))
        #expect(close(ex8.cdf(2.5), 0.5, 1e-12))
        #expect(close(ex8.cdf(3), 0.55, 1e-12))
        #expect(ex8.quantile(0) == 2)
        #expect(ex8.quantile(0.5) == 2)
        #expect(ex8.quantile(0.52) == 3)
        #expect(ex8.quantile(0.9) == 4)
    }

    @Test func regularDiscreteKeepsRawValues() {
        let d = ValueDistribution.discrete(values: [1, 2, 3], probabilities: [0.25, 0.25, 0.5])
        // φ = (1 − 1·0.75/0.25, 2 − 1·0.5/0.25, 3) = (−2, 0, 3).
        #expect(d.isRegular)
        let vv = d.virtualValuation()
        #expect(close(vv.score(1), -2, 1e-12))
        #expect(close(vv.score(2), 0, 1e-12))
        #expect(close(vv.score(3), 3, 1e-12))
        #expect(vv.excludedScore == -5)
        #expect(vv.thresholdAbove(0) == 3)
        #expect(vv.thresholdAtLeast(0) == 2)
    }

    @Test func zeroMassValuesAreNotInTheSupport() {
        let d = ValueDistribution.discrete(values: [0, 1, 2], probabilities: [0, 0.5, 0.5])
        #expect(d.support == 1...2)
        #expect(d.virtualValuation().score(0.5) == d.virtualValuation().excludedScore)
        #expect(close(d.rawVirtualValue(1), 0, 1e-12))  // 1 − 1·0.5/0.5
    }
}

@Suite("Thresholds")
struct ValueDistributionThresholdTests {
    @Test func uniformThresholdIsPsiPlusOneOverTwo() {
        let vv = ValueDistribution.uniform(low: 0, high: 1).virtualValuation()
        for psi in [-1.0, -0.5, 0, 0.3, 0.99] {
            #expect(close(vv.thresholdAbove(psi), (psi + 1) / 2, 1e-12))
            #expect(close(vv.thresholdAtLeast(psi), (psi + 1) / 2, 1e-12))
        }
        #expect(vv.thresholdAbove(1) == .infinity)
        #expect(vv.thresholdAtLeast(1) == 1)
        #expect(vv.thresholdAbove(-2) == 0)  // excluded score is −3; every bid ≥ 0 is in [0, 1]
        #expect(vv.thresholdAbove(-3.5) == 0)
    }

    @Test func uniformShiftedThresholds() {
        let vv = ValueDistribution.uniform(low: 2, high: 5).virtualValuation()
        #expect(close(vv.thresholdAbove(0), 2.5, 1e-12))
        #expect(vv.thresholdAbove(-2) == 2)  // below φ(2) = −1 but above the excluded score −3
        #expect(vv.thresholdAbove(-3) == 2)
        #expect(vv.thresholdAbove(-3.5) == 0)
    }

    @Test(arguments: [
        ValueDistribution.truncatedNormal(mean: 0.5, sd: 0.3, low: 0.1, high: 1.2),
        .lognormal(mu: 0, sigma: 0.8),
        .lognormal(mu: 0, sigma: 2.5),
        .exponential(rate: 3),
    ])
    func thresholdIsGeneralizedInverse(d: ValueDistribution) {
        let vv = d.virtualValuation()
        for psi in [-2.0, -0.3, 0, 0.2, 0.9, 1.1] {
            let t = vv.thresholdAbove(psi)
            guard t.isFinite else { continue }
            #expect(vv.score(t) > psi || relClose(vv.score(t), psi, 1e-12))
            let below = t - 1e-9 * max(1, t)
            if below >= 0 { #expect(vv.score(below) <= psi) }
            #expect(vv.thresholdAtLeast(psi) <= t)
        }
    }
}

@Suite("Validation")
struct ValueDistributionValidationTests {
    private func failure(_ d: ValueDistribution) -> DistributionError? {
        do { try d.validate(); return nil } catch { return error }
    }

    @Test func validDistributionsPass() {
        #expect(failure(.uniform(low: 0, high: 1)) == nil)
        #expect(failure(.exponential(rate: 0.5)) == nil)
        #expect(failure(.truncatedNormal(mean: -3, sd: 2, low: 0, high: 4)) == nil)
        #expect(failure(.lognormal(mu: -1, sigma: 3)) == nil)
        #expect(failure(ex8) == nil)
        #expect(failure(.discrete(values: [1], probabilities: [1 + 5e-10])) == nil)
    }

    @Test(arguments: [
        (ValueDistribution.uniform(low: .nan, high: 1), "low"),
        (.uniform(low: -0.1, high: 1), "low"),
        (.uniform(low: 0.5, high: 0.5), "high"),
        (.uniform(low: 0, high: .infinity), "high"),
        (.exponential(rate: 0), "rate"),
        (.exponential(rate: -1), "rate"),
        (.exponential(rate: .infinity), "rate"),
        (.truncatedNormal(mean: .nan, sd: 1, low: 0, high: 1), "mean"),
        (.truncatedNormal(mean: 0, sd: 0, low: 0, high: 1), "sd"),
        (.truncatedNormal(mean: 0, sd: 1, low: -1, high: 1), "low"),
        (.truncatedNormal(mean: 0, sd: 1, low: 2, high: 1), "high"),
        (.lognormal(mu: .infinity, sigma: 1), "mu"),
        (.lognormal(mu: 0, sigma: 0), "sigma"),
        (.discrete(values: [], probabilities: []), "values"),
        (.discrete(values: [1, 2], probabilities: [1]), "probabilities"),
        (.discrete(values: [-1, 2], probabilities: [0.5, 0.5]), "values[0]"),
        (.discrete(values: [1, .nan], probabilities: [0.5, 0.5]), "values[1]"),
        (.discrete(values: [1, 3, 3], probabilities: [0.5, 0.25, 0.25]), "values[2]"),
        (.discrete(values: [1, 2], probabilities: [1.5, -0.5]), "probabilities[1]"),
        (.discrete(values: [1, 2], probabilities: [0.5, 0.4]), "probabilities"),
    ])
    func invalidParameterIsNamed(d: ValueDistribution, parameter: String) {
        let error = failure(d)
        #expect(error?.parameter == parameter)
        #expect(error?.description.contains(parameter) == true)
        #expect(error?.expected.isEmpty == false)
    }

    @Test func messageMentionsLowForHigh() {
        let error = failure(.uniform(low: 0.5, high: 0.25))
        #expect(error?.expected == "a finite number greater than low (0.5)")
    }
}

@Suite("Sampling")
struct ValueDistributionSamplingTests {
    static let all: [ValueDistribution] = [
        .uniform(low: 0, high: 1),
        .uniform(low: 2, high: 5),
        .exponential(rate: 2),
        .truncatedNormal(mean: 0.5, sd: 0.3, low: 0.1, high: 1.2),
        .truncatedNormal(mean: 0, sd: 1, low: 6, high: 9),
        .lognormal(mu: 0, sigma: 0.5),
        .lognormal(mu: 0.3, sigma: 1.2),
        ex8,
    ]

    @Test func sameSeedSameDraws() {
        for d in Self.all {
            var g1 = TestRandom(seed: 2024), g2 = TestRandom(seed: 2024), g3 = TestRandom(seed: 2024)
            let a = (0..<100).map { _ in d.sample(using: &g1) }
            let b = (0..<100).map { _ in d.sample(using: &g2) }
            #expect(a == b)
            // Exactly one UInt64 per draw, mapped through the quantile function.
            let c = (0..<100).map { _ in d.quantile(Double(g3.next() >> 11) * 0x1p-53) }
            #expect(a == c)
        }
    }

    @Test(arguments: ValueDistributionSamplingTests.all)
    func sampleMeanWithinFourStandardErrors(d: ValueDistribution) {
        var g = TestRandom(seed: 7)
        let n = 200_000
        var sum = 0.0, sumSq = 0.0, outside = 0
        for _ in 0..<n {
            let x = d.sample(using: &g)
            if !d.support.contains(x) { outside += 1 }
            sum += x; sumSq += x * x
        }
        #expect(outside == 0)
        let m = sum / Double(n)
        let variance = (sumSq - Double(n) * m * m) / Double(n - 1)
        let se = (max(variance, 0) / Double(n)).squareRoot()
        #expect(abs(m - d.mean) <= 4 * se, "sample mean \(m) vs \(d.mean), se \(se)")
    }

    @Test(arguments: ValueDistributionSamplingTests.all.dropLast())
    func quantileInvertsCDF(d: ValueDistribution) {
        for u in [1e-6, 0.01, 0.3, 0.5, 0.77, 0.999] {
            #expect(close(d.cdf(d.quantile(u)), u, 1e-9))
        }
    }
}
