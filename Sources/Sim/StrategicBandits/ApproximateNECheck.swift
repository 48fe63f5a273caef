import Foundation

/// The approximate-Nash-equilibrium checker of the strategic-bandit studies
/// (docs/reconstructions.md#thresholds-and-gates-we-chose; the ε-NE notion of Kleine Buening et al. 2024, both papers).
///
/// For each arm i and each deviation d in D_i it estimates the gain v̂_i(d, σ₋ᵢ) − v̂_i(σ) by
/// **paired** differences over R seeds under common random numbers (seed r evaluates the profile
/// and every deviation), with a two-sided normal interval at level 1 − 0.05/N: Bonferroni, the
/// correction for taking the maximum, with N = |D_i| per arm (`.perArm`, the
/// experiments' default) or N = Σ_i |D_i| over every deviation of every arm (`.familyWise`,
/// 95% for the whole check: what a verdict on max_i needs). gain_i is the largest mean gain; the
/// verdict is "ε-NE" when max_i of the corrected upper bound of gain_i is at most ε.
///
/// Runs: (1 + Σ|D_i|)·R evaluations, run k = item·R + r for item 0 (the profile) and then each
/// arm's deviations in order. Each run is computed from its index alone (`value(run:)`), in
/// parallel or in a study's blocks, and `result` folds them in run order, so the result depends
/// neither on the thread count nor on how the runs were split.
///
/// Does not hold: "no profitable deviation found" over a finite D_i is not a proof of an ε-NE
/// over all strategies.
public struct ApproximateNECheck: Sendable {
    /// The arms' strategies (a click-rate, or a reported feature vector), arm by arm.
    public var profile: [[Double]]
    /// D_i: the alternative strategies of each arm.
    public var deviations: [[[Double]]]
    public var seeds: Int
    /// Which deviations the Bonferroni correction counts.
    public var correction: Correction = .perArm
    /// Arm utilities (expected clicks, pulls) of one run of `profile` under seed index r.
    public var evaluate: @Sendable (_ profile: [[Double]], _ seedIndex: Int) -> [Double]

    public init(profile: [[Double]], deviations: [[[Double]]], seeds: Int,
                evaluate: @escaping @Sendable (_ profile: [[Double]], _ seedIndex: Int) -> [Double]) {
        self.profile = profile
        self.deviations = deviations
        self.seeds = seeds
        self.evaluate = evaluate
    }

    /// The Bonferroni correction: over each arm's deviations, or over all deviations of all arms.
    public enum Correction: String, Sendable, Hashable {
        case perArm = "per-arm"
        case familyWise = "family-wise"
    }

    /// The number of tests the 95% level is split over for arm i.
    func bonferroniCount(arm i: Int) -> Int {
        switch correction {
        case .perArm: return max(1, deviations[i].count)
        case .familyWise: return max(1, deviations.reduce(0) { $0 + $1.count })
        }
    }

    /// The number of runs: (1 + Σ|D_i|)·R.
    public var runCount: Int { Self.runCount(deviations: deviations.map(\.count), seeds: seeds) }

    /// The number of runs of a check with `deviations[i]` deviations of arm i and `seeds` seeds.
    public static func runCount(deviations: [Int], seeds: Int) -> Int { (1 + deviations.reduce(0, +)) * seeds }

    /// The arm and deviation of item n >= 1 (item 0 is the profile).
    func item(_ n: Int) -> (arm: Int, deviation: Int) {
        var d = n - 1
        for i in deviations.indices {
            if d < deviations[i].count { return (i, d) }
            d -= deviations[i].count
        }
        return (-1, -1)
    }

    /// What run k contributes: every arm's utility at the profile (item 0), or the deviating
    /// arm's utility at its deviation.
    public func value(run k: Int) -> [Double] {
        let n = k / seeds, seed = k % seeds
        guard n > 0 else { return evaluate(profile, seed) }
        let (arm, d) = item(n)
        var p = profile
        p[arm] = deviations[arm][d]
        return [evaluate(p, seed)[arm]]
    }

    public func run(threads: Int) -> ApproximateNEResult {
        let me = self
        return result(ParallelEngine(threads: threads).map(0..<runCount) { me.value(run: $0) })
    }

    /// The check's result from every run's `value`, in run order.
    public func result(_ values: [[Double]]) -> ApproximateNEResult {
        let r = seeds
        let base = Array(values[0..<r])
        var arms: [ApproximateNEResult.ArmResult] = []
        var k = 0  // the item of (arm i, deviation d): items list the arms' deviations in order after the base
        for i in deviations.indices {
            var gains: [DeviationGain] = []
            let z = Self.normalQuantile(1 - 0.05 / (2 * Double(bonferroniCount(arm: i))))
            for d in deviations[i].indices {
                k += 1
                let diffs = (0..<r).map { values[k * r + $0][0] - base[$0][i] }
                let s = SampleStatistics(diffs)
                let half = z * (s.count > 1 ? s.standardError : 0)
                gains.append(DeviationGain(arm: i, deviation: deviations[i][d], gain: s.mean,
                                           lower: s.mean - half, upper: s.mean + half))
            }
            let baseUtility = SampleStatistics(base.map { $0[i] }).mean
            arms.append(ApproximateNEResult.ArmResult(arm: i, utility: baseUtility, gains: gains))
        }
        return ApproximateNEResult(arms: arms, seeds: seeds)
    }

    /// The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error
    /// below 1.2e-9, refined by one Halley step).
    public static func normalQuantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1)
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        var x: Double
        if p < low {
            let q = (-2 * Foundation.log(p)).squareRoot()
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        } else if p <= 1 - low {
            let q = p - 0.5, r = q * q
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
        } else {
            let q = (-2 * Foundation.log(1 - p)).squareRoot()
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * Foundation.exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}

/// The estimated gain of one deviation, with its Bonferroni-corrected interval: the witness.
public struct DeviationGain: Sendable, Hashable {
    public var arm: Int
    public var deviation: [Double]
    public var gain: Double
    public var lower: Double
    public var upper: Double
}

/// What the ε-NE check found.
public struct ApproximateNEResult: Sendable {
    public struct ArmResult: Sendable {
        public var arm: Int
        /// The arm's mean utility at the profile.
        public var utility: Double
        public var gains: [DeviationGain]
        /// The deviation of largest mean gain.
        public var best: DeviationGain? { gains.max { $0.gain < $1.gain } }
    }

    public var arms: [ArmResult]
    public var seeds: Int

    /// The witness: the arm and deviation of largest mean gain over all arms.
    public var witness: DeviationGain? { arms.compactMap(\.best).max { $0.gain < $1.gain } }
    /// max_i of the corrected upper bound of gain_i = max over arm i's deviations (the ε the data
    /// certify up to): the largest upper bound of every deviation, not only of the largest mean
    /// gain's.
    public var epsilonUpper: Double { largestUpper?.upper ?? 0 }
    /// The deviation whose corrected upper bound is largest, over every deviation of every arm
    /// (not only each arm's largest mean gain).
    public var largestUpper: DeviationGain? { arms.flatMap(\.gains).max { $0.upper < $1.upper } }
    /// True when no deviation's corrected lower bound is above 0.
    public var noProfitableDeviationFound: Bool { arms.allSatisfy { $0.gains.allSatisfy { $0.lower <= 0 } } }
    /// σ is an ε-NE (within the confidence level) when max_i upper(gain_i) <= ε.
    public func isApproximateNE(epsilon: Double) -> Bool { epsilonUpper <= epsilon }
}
