import Foundation

extension SampleStatistics {
    /// The 95% Student t-interval of the mean, mean ± t(0.975, n − 1)·sd/√n; the single value
    /// (a zero-width interval) when n = 1, NaN when n = 0.
    ///
    /// The quantile is tabulated for n − 1 <= 30 (four decimals, from the standard tables) and
    /// otherwise the Cornish–Fisher expansion in 1/ν (error below 1e-4 for ν > 30).
    public var tInterval95: (lower: Double, upper: Double) {
        guard count > 1 else { return (mean, mean) }
        let half = Self.tQuantile975(degreesOfFreedom: count - 1) * standardError
        return (mean - half, mean + half)
    }

    /// t(0.975, ν).
    public static func tQuantile975(degreesOfFreedom nu: Int) -> Double {
        let table = [12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
                     2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
                     2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423]
        if nu >= 1 && nu <= table.count { return table[nu - 1] }
        let z = 1.959963984540054, v = Double(max(nu, 1))
        let z3 = z * z * z, z5 = z3 * z * z
        return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
    }

    /// `mean 0.43, 95% t-interval [0.39, 0.47] over 10 seeds` (`1 seed, no interval` for one).
    public func intervalText(_ format: (Double) -> String) -> String {
        if count == 1 { return "\(format(mean)) (1 seed, no interval)" }
        let (lo, hi) = tInterval95
        return "mean \(format(mean)), 95% t-interval [\(format(lo)), \(format(hi))] over \(count) seeds"
    }
}
