import Foundation

/// The regret-exponent fit (docs/reconstructions.md#thresholds-and-gates-we-chose): log R̄_T = a + b·log T by least
/// squares on the upper half of a geometric T grid (at least 3 points), with a percentile
/// bootstrap interval for b (seeds resampled with replacement at every T, 1,000 resamples,
/// seeded).
///
/// Verdicts: sublinear when b <= 0.7 and the upper bound < 0.85; linear when the lower bound is
/// > 0.85 and, if a constant is predicted, R_T/T at the largest T is within ±30% of it;
/// otherwise inconclusive. Early exploration makes full-range slopes too small for linear
/// cases, hence the upper half.
public struct RegretExponentFit: Sendable {
    public enum Verdict: String, Sendable { case sublinear, linear, inconclusive }

    public var horizons: [Int]
    /// The horizons the fit used (the upper half).
    public var fitted: [Int]
    public var slope: Double
    public var intercept: Double
    public var lower95: Double
    public var upper95: Double
    /// R̄_T/T at the largest horizon.
    public var perRoundAtLargest: Double
    public var verdict: Verdict

    /// - Parameters:
    ///   - horizons: the horizons T, increasing.
    ///   - samples: per horizon, the regret of each seed.
    ///   - predictedPerRound: the linear constant theory predicts, if any.
    ///   - resamples: bootstrap resamples of the seeds for the exponent's interval.
    ///   - seed: the bootstrap's generator seed.
    public init(horizons: [Int], samples: [[Double]], predictedPerRound: Double? = nil,
                resamples: Int = 1000, seed: UInt64 = 7) {
        precondition(horizons.count == samples.count && horizons.count >= 3)
        let order = horizons.indices.sorted { horizons[$0] < horizons[$1] }
        let h = order.map { horizons[$0] }, s = order.map { samples[$0] }
        let take = max(3, (h.count + 1) / 2)
        let idx = Array((h.count - take)..<h.count)
        self.horizons = h
        fitted = idx.map { h[$0] }
        let xs = idx.map { Foundation.log(Double(h[$0])) }
        func fit(_ means: [Double]) -> (Double, Double) {
            let ys = means.map { Foundation.log(Swift.max($0, 1e-12)) }
            let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
            var sxy = 0.0, sxx = 0.0
            for k in xs.indices { sxy += (xs[k] - mx) * (ys[k] - my); sxx += (xs[k] - mx) * (xs[k] - mx) }
            let b = sxy / sxx
            return (b, my - b * mx)
        }
        let means = idx.map { SampleStatistics(s[$0]).mean }
        (slope, intercept) = fit(means)
        var slopes: [Double] = []
        slopes.reserveCapacity(resamples)
        for b in 0..<resamples {
            var rng = Xoshiro256StarStar(seed: seed, stream: UInt64(b))
            let m = idx.map { k -> Double in
                let xs = s[k]
                var total = 0.0
                for _ in xs.indices { total += xs[Int(rng.next() % UInt64(xs.count))] }
                return total / Double(xs.count)
            }
            slopes.append(fit(m).0)
        }
        slopes.sort()
        lower95 = slopes[Int(0.025 * Double(resamples - 1))]
        upper95 = slopes[Int((0.975 * Double(resamples - 1)).rounded(.up))]
        let perRound = means.last! / Double(h.last!)
        perRoundAtLargest = perRound
        if slope <= 0.7 && upper95 < 0.85 {
            verdict = .sublinear
        } else if lower95 > 0.85 && (predictedPerRound.map { abs(perRound - $0) <= 0.3 * $0 } ?? true) {
            verdict = .linear
        } else {
            verdict = .inconclusive
        }
    }
}
