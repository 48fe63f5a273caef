/// Running statistics of one metric: count, mean, sum of squared deviations (Welford), min, max.
///
/// Merging two accumulators uses Chan, Golub and LeVeque's (1979) pairwise update. The runner
/// always merges blocks in block order, so the floating-point result does not depend on threads
/// or shards.
public struct Accumulator: Sendable, Hashable, Codable {
    public private(set) var count: Int = 0
    public private(set) var mean: Double = 0
    public private(set) var m2: Double = 0
    public private(set) var minimum: Double = .infinity
    public private(set) var maximum: Double = -.infinity
    /// Observations that were +infinity (a ratio with a zero optimum); kept apart so that the
    /// finite statistics stay meaningful.
    public private(set) var infiniteCount: Int = 0

    public init() {}

    public init(count: Int, mean: Double, m2: Double, minimum: Double, maximum: Double, infiniteCount: Int) {
        self.count = count
        self.mean = mean
        self.m2 = m2
        self.minimum = minimum
        self.maximum = maximum
        self.infiniteCount = infiniteCount
    }

    /// Adds one observation; NaN means "undefined here" and is not counted.
    @inline(__always)
    public mutating func add(_ x: Double) {
        if x.isNaN { return }
        if x == .infinity { infiniteCount += 1; return }
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        if x < minimum { minimum = x }
        if x > maximum { maximum = x }
    }

    /// Folds `other` (the observations after this one's) into this accumulator.
    public mutating func merge(_ other: Accumulator) {
        infiniteCount += other.infiniteCount
        if other.count == 0 { return }
        if count == 0 {
            let inf = infiniteCount
            self = other
            infiniteCount = inf
            return
        }
        let n = Double(count), m = Double(other.count)
        let delta = other.mean - mean
        let total = n + m
        mean += delta * (m / total)
        m2 += other.m2 + delta * delta * (n * m / total)
        count += other.count
        minimum = Swift.min(minimum, other.minimum)
        maximum = Swift.max(maximum, other.maximum)
    }

    /// Mean, standard error and 95% confidence interval.
    public var estimate: Estimate { Estimate(self) }
}

/// A Monte Carlo estimate: the sample mean with its standard error and a normal-approximation
/// 95% confidence interval (mean ± 1.959964 · se), plus the observed minimum and maximum.
///
/// With one observation the standard error is 0 (an explicit profile is an exact value, not a
/// sample). Infinite observations (ratios against a zero optimum) are counted in
/// `infiniteCount` and make `mean` infinite.
public struct Estimate: Sendable, Hashable {
    public static let z95 = 1.959963984540054

    public var count: Int
    public var mean: Double
    public var standardError: Double
    public var lower95: Double
    public var upper95: Double
    public var minimum: Double
    public var maximum: Double
    public var infiniteCount: Int

    public init(_ a: Accumulator) {
        count = a.count
        infiniteCount = a.infiniteCount
        if a.infiniteCount > 0 {
            mean = .infinity
            standardError = .nan
            lower95 = .nan
            upper95 = .nan
            minimum = a.count > 0 ? a.minimum : .infinity
            maximum = .infinity
            return
        }
        mean = a.count > 0 ? a.mean : .nan
        let variance = a.count > 1 ? a.m2 / Double(a.count - 1) : 0
        standardError = a.count > 0 ? (variance / Double(a.count)).squareRoot() : .nan
        lower95 = mean - Self.z95 * standardError
        upper95 = mean + Self.z95 * standardError
        minimum = a.count > 0 ? a.minimum : .nan
        maximum = a.count > 0 ? a.maximum : .nan
    }
}
