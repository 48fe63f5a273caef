import Foundation

extension RegretStudy {
    /// The fitted growth exponent of a cumulative quantity (regret or IC violation) over the
    /// horizons, with a percentile bootstrap interval and a reading against the paper's rate.
    ///
    /// Fit: least squares of log(mean over seeds) against log T over every horizon (the
    /// exponent `mechsim online` has always printed). Interval: percentile bootstrap over seeds,
    /// `resamples` resamples; resample b draws, at every horizon independently (the runs of
    /// different horizons are independent), as many seeds as there are with replacement from
    /// that horizon's runs, with the generator `Xoshiro256StarStar(seed: seed + 0xB0075, stream: b)` (`seed` is the study's),
    /// and refits; the interval runs from the 2.5% to the 97.5% order statistic of the refitted
    /// exponents. Resamples whose mean is <= 0 at some horizon have no exponent and are left out
    /// (`usedResamples` says how many remain). The interval reflects the seeds' noise at these
    /// horizons, not the distance to the asymptotic rate.
    ///
    /// Local slopes: the exponent between consecutive horizons, log(m₂/m₁)/log(T₂/T₁).
    ///
    /// Reading (`Status`), with the paper's exponent p (an upper bound on the growth, up to log
    /// factors):
    /// - `consistent`: the interval contains p (to 1e-9, the round-off of a refit);
    /// - `belowPaper`: the whole interval is below p (the curve grows more slowly than the
    ///   bound, which the bound allows);
    /// - `preAsymptotic`: the whole interval is above p while the local slope between the last
    ///   two horizons is smaller than between the first two (the log-log curve still bends down
    ///   toward the rate): longer horizons are needed before the fit can test the rate;
    /// - `abovePaper`: the whole interval is above p and the local slopes do not decrease: at
    ///   these horizons the growth is faster than the paper's rate;
    /// - `undefined`: no exponent (a mean <= 0, fewer than two horizons).
    /// What it does not do: log factors of the bounds (Õ) are not removed, so a finite-T slope
    /// of T^p·log T sits above p by about 1/ln T; the status does not prove an asymptotic rate.
    public struct ExponentEstimate: Sendable, Hashable {
        public enum Status: String, Sendable, Hashable {
            case consistent
            case belowPaper = "below-paper"
            case preAsymptotic = "pre-asymptotic"
            case abovePaper = "above-paper"
            case undefined
        }

        public var exponent: Double?
        public var lower: Double?
        public var upper: Double?
        public var resamples: Int
        public var usedResamples: Int
        public var localSlopes: [Double?]
        public var paper: Double
        public var status: Status

        /// The estimate from `samples[h]`, the values of every seed at `horizons[h]`.
        public init(horizons: [Int], samples: [[Double]], paper: Double, resamples: Int = RegretStudy.bootstrapResamples, seed: UInt64) {
            self.paper = paper
            self.resamples = resamples
            let xs = horizons.map(Double.init)
            func mean(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }
            let means = samples.map(mean)
            exponent = RegretStudy.slope(Array(zip(xs, means)))
            localSlopes = zip(zip(xs, means), zip(xs, means).dropFirst()).map { a, b in RegretStudy.slope([a, b]) }
            var slopes: [Double] = []
            if exponent != nil, resamples > 0 {
                slopes.reserveCapacity(resamples)
                var resampled = [Double](repeating: 0, count: samples.count)
                for b in 0..<resamples {
                    var rng = Xoshiro256StarStar(seed: seed &+ 0xB0075, stream: UInt64(b))
                    for (h, runs) in samples.enumerated() {
                        var total = 0.0
                        for _ in runs.indices { total += runs[Int(rng.next() % UInt64(runs.count))] }
                        resampled[h] = total / Double(runs.count)
                    }
                    if let s = RegretStudy.slope(Array(zip(xs, resampled))) { slopes.append(s) }
                }
                slopes.sort()
            }
            usedResamples = slopes.count
            // An interval needs most resamples to have an exponent.
            if exponent != nil, slopes.count * 10 >= resamples * 9 {
                let lo = slopes[Int(0.025 * Double(slopes.count - 1))]
                let hi = slopes[Int((0.975 * Double(slopes.count - 1)).rounded(.up))]
                lower = lo
                upper = hi
                let first = localSlopes.first ?? nil, last = localSlopes.last ?? nil
                // 1e-9: the round-off of a refit, so a noiseless curve at the paper's rate reads consistent.
                if lo - 1e-9 <= paper && paper <= hi + 1e-9 {
                    status = .consistent
                } else if hi + 1e-9 < paper {
                    status = .belowPaper
                } else if let f = first, let l = last, localSlopes.count >= 2, l < f {
                    status = .preAsymptotic
                } else {
                    status = .abovePaper
                }
            } else {
                lower = nil
                upper = nil
                status = .undefined
            }
        }

        /// `0.819 [95% bootstrap 0.801, 0.842]`, or `-` with the reason when there is no exponent.
        public func rendered(_ none: String) -> String {
            guard let e = exponent else { return "- (\(none))" }
            let f = { (x: Double) in String(format: "%.3f", x) }
            guard let lo = lower, let hi = upper else { return "\(f(e)) [no interval: fewer than 90% of the resamples have an exponent]" }
            return "\(f(e)) [95% bootstrap \(f(lo)), \(f(hi))]"
        }

        /// The reading in words, for the report.
        public var statusText: String {
            let p = String(format: "%.3f", paper)
            let slopes = localSlopes.map { $0.map { String(format: "%.2f", $0) } ?? "-" }.joined(separator: ", ")
            switch status {
            case .consistent: return "consistent with the paper's \(p)"
            case .belowPaper: return "below the paper's \(p) (the bound allows slower growth)"
            case .preAsymptotic:
                return "pre-asymptotic: the interval lies above the paper's \(p) while the local slope still decreases toward it (\(slopes))"
            case .abovePaper: return "above the paper's \(p) and the local slopes do not decrease (\(slopes))"
            case .undefined: return "no reading"
            }
        }

        /// The JSON fields `<name>_exponent_low`, `_high`, `_status`, `<name>_local_slopes`.
        func jsonFields(_ name: String) -> [(String, JSONValue)] {
            [("\(name)_exponent_low", lower.map { .number($0) } ?? .null), ("\(name)_exponent_high", upper.map { .number($0) } ?? .null),
             ("\(name)_exponent_status", .string(status.rawValue)),
             ("\(name)_local_slopes", .array(localSlopes.map { $0.map { .number($0) } ?? .null }))]
        }
    }

    /// Bootstrap resamples of the exponents' intervals.
    public static let bootstrapResamples = 2_000
}
