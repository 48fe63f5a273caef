import Foundation

// MARK: - ValueDistribution

/// A bidder's private value distribution `F` on `[0, ∞)`, with the quantities Myerson's optimal auction needs:
/// cdf, quantile, mean, inverse-cdf sampling, the virtual value `φ(v) = v − (1 − F(v))/f(v)` and its ironed version `φ̄`.
///
/// Reference: R. B. Myerson (1981), "Optimal auction design", *Mathematics of Operations Research* 6(1), 58–73.
/// The revenue-optimal mechanism maximises virtual welfare `Σ φ̄_i(b_i)·x_i` pointwise (Myerson 1981). In the
/// separable position auction it ranks bidders by `α_i·φ̄_i(b_i)` and keeps only positive scores (docs/reconstructions.md#myerson-payments).
///
/// Every method assumes the parameters pass ``validate()``. On invalid parameters, results are unspecified
/// (they may be NaN), but no method traps.
public enum ValueDistribution: Sendable, Hashable {
    /// Uniform on `[low, high]`. `φ(v) = 2v − high`.
    case uniform(low: Double, high: Double)
    /// Exponential on `[0, ∞)` with density `rate·e^{−rate·v}`. `φ(v) = v − 1/rate`.
    case exponential(rate: Double)
    /// Normal `N(mean, sd²)` conditioned on `[low, high]`. It is log-concave, hence regular.
    case truncatedNormal(mean: Double, sd: Double, low: Double, high: Double)
    /// `exp(N(mu, sigma²))` on `[0, ∞)`. It is regular iff `sigma ≤ σ* ≈ 1.5176` (checked numerically, see ``isRegular``).
    case lognormal(mu: Double, sigma: Double)
    /// Finite support `values[k]` (strictly increasing) with masses `probabilities[k]`.
    /// Values with zero probability are ignored: they are not part of the support.
    case discrete(values: [Double], probabilities: [Double])
}

// MARK: - DistributionError

/// A parameter of a ``ValueDistribution`` that fails ``ValueDistribution/validate()``.
public struct DistributionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The offending parameter, e.g. `"high"` or `"probabilities[2]"`.
    public var parameter: String
    /// What the parameter should have been, e.g. `"a number greater than low (0.5)"`.
    public var expected: String

    /// Creates an error for `parameter`, which should have been `expected`.
    public init(parameter: String, expected: String) {
        self.parameter = parameter
        self.expected = expected
    }

    /// One sentence naming the parameter and what it should have been.
    public var description: String {
        "Invalid value distribution: parameter \(parameter) must be \(expected)."
    }
}

// MARK: - Validation

extension ValueDistribution {
    /// Tolerance on `Σ probabilities = 1` for ``discrete(values:probabilities:)``.
    public static let probabilitySumTolerance = 1e-9

    /// Checks the parameters. All numbers must be finite. Uniform and truncated normal: `0 ≤ low < high`.
    /// Exponential: `rate > 0`. Truncated normal: `sd > 0`. Lognormal: `sigma > 0`. Discrete: at least one value,
    /// as many probabilities as values, values `≥ 0` and strictly increasing, probabilities `≥ 0` summing to 1
    /// within ``probabilitySumTolerance``.
    /// - Throws: ``DistributionError`` naming the first offending parameter.
    public func validate() throws(DistributionError) {
        switch self {
        case let .uniform(low, high):
            try Self.checkInterval(low: low, high: high)
        case let .exponential(rate):
            guard rate.isFinite, rate > 0 else {
                throw DistributionError(parameter: "rate", expected: "a finite number greater than 0")
            }
        case let .truncatedNormal(mean, sd, low, high):
            guard mean.isFinite else {
                throw DistributionError(parameter: "mean", expected: "a finite number")
            }
            guard sd.isFinite, sd > 0 else {
                throw DistributionError(parameter: "sd", expected: "a finite number greater than 0")
            }
            try Self.checkInterval(low: low, high: high)
        case let .lognormal(mu, sigma):
            guard mu.isFinite else {
                throw DistributionError(parameter: "mu", expected: "a finite number")
            }
            guard sigma.isFinite, sigma > 0 else {
                throw DistributionError(parameter: "sigma", expected: "a finite number greater than 0")
            }
        case let .discrete(values, probabilities):
            guard !values.isEmpty else {
                throw DistributionError(parameter: "values", expected: "a non-empty array")
            }
            guard probabilities.count == values.count else {
                throw DistributionError(
                    parameter: "probabilities",
                    expected: "an array of \(values.count) probabilities, one per value (got \(probabilities.count))")
            }
            for (i, v) in values.enumerated() {
                guard v.isFinite, v >= 0 else {
                    throw DistributionError(parameter: "values[\(i)]", expected: "a finite number >= 0")
                }
                if i > 0, !(v > values[i - 1]) {
                    throw DistributionError(
                        parameter: "values[\(i)]",
                        expected: "greater than values[\(i - 1)] (\(values[i - 1])); values must be strictly increasing")
                }
            }
            var sum = 0.0
            for (i, p) in probabilities.enumerated() {
                guard p.isFinite, p >= 0 else {
                    throw DistributionError(parameter: "probabilities[\(i)]", expected: "a finite number >= 0")
                }
                sum += p
            }
            guard abs(sum - 1) <= Self.probabilitySumTolerance else {
                throw DistributionError(
                    parameter: "probabilities",
                    expected: "probabilities summing to 1 within \(Self.probabilitySumTolerance) (sum is \(sum))")
            }
        }
    }

    private static func checkInterval(low: Double, high: Double) throws(DistributionError) {
        guard low.isFinite, low >= 0 else {
            throw DistributionError(parameter: "low", expected: "a finite number >= 0")
        }
        guard high.isFinite, high > low else {
            throw DistributionError(parameter: "high", expected: "a finite number greater than low (\(low))")
        }
    }
}

// MARK: - Basic quantities

extension ValueDistribution {
    /// The support `[lower, upper]`; `upper` is `.infinity` for the exponential and the lognormal.
    /// For a discrete distribution: smallest to largest value with positive probability.
    public var support: ClosedRange<Double> {
        switch self {
        case let .uniform(low, high), let .truncatedNormal(_, _, low, high):
            return Self.safeRange(low, high)
        case .exponential, .lognormal:
            return 0...Double.infinity
        case .discrete:
            let table = discreteTable
            return Self.safeRange(table.values.first ?? 0, table.values.last ?? 0)
        }
    }

    /// The cumulative distribution function `F(v) = P(value ≤ v)`.
    public func cdf(_ v: Double) -> Double {
        if v.isNaN { return .nan }
        switch self {
        case let .uniform(low, high):
            if v <= low { return 0 }
            if v >= high { return 1 }
            return min(1, max(0, (v - low) / (high - low)))
        case let .exponential(rate):
            return v <= 0 ? 0 : -expm1(-rate * v)
        case let .truncatedNormal(mean, sd, low, high):
            if v <= low { return 0 }
            if v >= high { return 1 }
            let a = (low - mean) / sd, b = (high - mean) / sd, z = (v - mean) / sd
            return min(1, max(0, StandardNormal.truncatedCDF(z, a, b)))
        case let .lognormal(mu, sigma):
            if v <= 0 { return 0 }
            if v == .infinity { return 1 }
            return StandardNormal.cdf((log(v) - mu) / sigma)
        case .discrete:
            let table = discreteTable
            var total = 0.0
            for (value, p) in zip(table.values, table.masses) where value <= v { total += p }
            return min(1, total)
        }
    }

    /// The quantile function (inverse cdf) for `u ∈ [0, 1)`: the smallest `v` in the support with `F(v) ≥ u`.
    /// `u ≤ 0` gives the lower end of the support; `u ≥ 1` gives the upper end (possibly `.infinity`).
    /// The truncated normal is inverted by safeguarded Newton iteration (bisection fallback) to about 1e-14 relative.
    public func quantile(_ u: Double) -> Double {
        if u.isNaN { return .nan }
        let s = support
        if u <= 0 { return s.lowerBound }
        if u >= 1 { return s.upperBound }
        switch self {
        case let .uniform(low, high):
            return min(high, max(low, low + u * (high - low)))
        case let .exponential(rate):
            return -log1p(-u) / rate
        case let .truncatedNormal(mean, sd, low, high):
            let z = StandardNormal.truncatedQuantile(u, (low - mean) / sd, (high - mean) / sd)
            return min(high, max(low, mean + sd * z))
        case let .lognormal(mu, sigma):
            return exp(mu + sigma * StandardNormal.quantile(u))
        case .discrete:
            let table = discreteTable
            var cumulative = 0.0
            for (value, p) in zip(table.values, table.masses) {
                cumulative += p
                if cumulative >= u { return value }
            }
            return table.values.last ?? 0
        }
    }

    /// The expectation `E[value]`.
    public var mean: Double {
        switch self {
        case let .uniform(low, high):
            return (low + high) / 2
        case let .exponential(rate):
            return 1 / rate
        case let .truncatedNormal(mean, sd, low, high):
            let m = mean + sd * StandardNormal.truncatedMean((low - mean) / sd, (high - mean) / sd)
            return min(high, max(low, m))
        case let .lognormal(mu, sigma):
            return exp(mu + sigma * sigma / 2)
        case .discrete:
            let table = discreteTable
            return zip(table.values, table.masses).reduce(0) { $0 + $1.0 * $1.1 }
        }
    }

    /// One draw by inversion: `u = Double(g.next() >> 11) * 0x1p-53 ∈ [0, 1)`, returns `quantile(u)`.
    /// Consumes exactly one `UInt64` from `g`, so the result is a deterministic function of the generator state.
    public func sample<G: RandomNumberGenerator>(using g: inout G) -> Double {
        let u = Double(g.next() >> 11) * 0x1p-53
        return quantile(u)
    }
}

// MARK: - Virtual values

extension ValueDistribution {
    /// The raw (un-ironed) Myerson virtual value `φ(v) = v − (1 − F(v))/f(v)` (Myerson 1981).
    ///
    /// * Continuous distributions: `v` is first clamped to the support. The lognormal has `φ(0) = −∞`, and
    ///   `φ(v) → −∞` as `v → 0`. The truncated normal can return `−∞` only when the pdf underflows (the point lies
    ///   more than about 37 sd below the mean).
    /// * Discrete: `φ(v_k) = v_k − (v_{k+1} − v_k)·q_{k+1}/f_k` with `q_k = Σ_{l≥k} f_l` and `q_{L+1} = 0`,
    ///   evaluated at the largest support value `v_k ≤ v` (at the smallest support value if `v` is below it).
    public func rawVirtualValue(_ v: Double) -> Double {
        if v.isNaN { return .nan }
        let s = support
        let x = min(max(v, s.lowerBound), s.upperBound)
        switch self {
        case let .uniform(_, high):
            return 2 * x - high
        case let .exponential(rate):
            return x - 1 / rate
        case let .truncatedNormal(mean, sd, _, high):
            let z = (x - mean) / sd, b = (high - mean) / sd
            return x - sd * StandardNormal.massOverPDF(z, b)
        case let .lognormal(mu, sigma):
            return Self.lognormalPhi(x, mu: mu, sigma: sigma)
        case .discrete:
            let table = discreteTable
            guard !table.values.isEmpty else { return .nan }
            return table.phi[table.index(atOrBelow: x) ?? 0]
        }
    }

    /// Whether `φ` is nondecreasing on the support (Myerson's regularity), in which case `φ̄ = φ`.
    ///
    /// Uniform, exponential and truncated normal: `true` (closed form; the latter is log-concave).
    /// Lognormal: `φ` is nondecreasing iff `(sigma + z)·M(z) ≤ 2` for all `z`, where `M(z) = (1 − Φ(z))/ϕ(z)` is the
    /// Mills ratio and `z = (log v − mu)/sigma`. This only needs checking on `z ∈ [−sigma, sigma]`; it is checked on a
    /// 2001-point grid with golden-section refinement. The result is regular iff `sigma ≤ σ* ≈ 1.5176194`.
    /// Discrete: checked (`φ(v_{k+1}) ≥ φ(v_k) − 1e-12·max(1, |φ(v_k)|)` for all consecutive support values).
    public var isRegular: Bool {
        switch self {
        case .uniform, .exponential, .truncatedNormal:
            return true
        case let .lognormal(_, sigma):
            return Self.lognormalMaxRegularityRatio(sigma: sigma) <= 2
        case .discrete:
            let phi = discreteTable.phi
            for k in phi.indices.dropFirst() where !(phi[k] >= phi[k - 1] - 1e-12 * max(1, abs(phi[k - 1]))) {
                return false
            }
            return true
        }
    }

    /// The ironed virtual valuation `φ̄` (Myerson 1981, §6), as a score map on bids with generalized inverses.
    ///
    /// * Regular distributions: `φ̄ = φ`.
    /// * Discrete: exact ironing by the upper concave hull of `(0,0)` and `(q_k, v_k·q_k)` (Myerson 1981; worked instance EX8).
    /// * Irregular lognormal: a grid approximation. The revenue curve `R(q) = q·F⁻¹(1 − q)` is sampled at
    ///   ``lognormalIroningGridPoints`` points `q = 1 − Φ(z)`, `z` equally spaced on `[−sigma − 8, sigma + 8]`, plus
    ///   `(0,0)` and `(1,0)`. Each hull segment that skips grid points over which the exact `φ` decreases becomes an
    ///   ironed interval. Its ends are then polished to where `φ` crosses the level, and the level is reset to the
    ///   chord slope of `R` between them (iterated). This solves the tangency conditions to near double precision
    ///   whenever the grid resolves the dip. Elsewhere `φ̄` is the exact raw `φ`, clamped between neighbouring
    ///   levels so that `φ̄` is nondecreasing. A dip narrower than the grid step (`(2σ + 16)/(2¹⁵ − 1)` in `z`) would
    ///   be missed; this can only happen for `sigma` barely above `σ*`. For large `sigma` (about 4 and up) the lower
    ///   tangent point has `1 − q` below double resolution, so the interval is extended down to value 0. The
    ///   probability mass affected is below 1e-16. Values overflow once `sigma·(sigma + 8) + mu` exceeds about 709.
    ///   Tested against an independent 40-digit solve for `sigma = 2`: level and ends agree to about 1e-15.
    ///
    /// The construction costs O(grid) for the irregular lognormal, so compute it once per distribution and reuse it.
    public func virtualValuation() -> VirtualValuation {
        switch self {
        case .discrete:
            let table = discreteTable
            return VirtualValuation(storage: .discrete(values: table.values, levels: table.ironedLevels()))
        case let .lognormal(mu, sigma):
            if isRegular {
                return VirtualValuation(storage: .continuous(self, ironed: []))
            }
            return VirtualValuation(
                storage: .continuous(self, ironed: Self.lognormalIronedIntervals(mu: mu, sigma: sigma)))
        case .uniform, .exponential, .truncatedNormal:
            return VirtualValuation(storage: .continuous(self, ironed: []))
        }
    }

    /// Number of grid points used to iron an irregular lognormal (see ``virtualValuation()``).
    public static let lognormalIroningGridPoints = 1 << 15
}

// MARK: - Private helpers (distribution-specific)

extension ValueDistribution {
    fileprivate static func safeRange(_ a: Double, _ b: Double) -> ClosedRange<Double> {
        // ClosedRange traps on NaN or inverted bounds; invalid parameters must not trap.
        guard !a.isNaN, !b.isNaN, a <= b else { return 0...0 }
        return a...b
    }

    /// `φ(v) = v − σ·v·M(z)` with `z = (log v − μ)/σ`, computed without overflow of `v·M(z)` for `z < 0`.
    fileprivate static func lognormalPhi(_ v: Double, mu: Double, sigma: Double) -> Double {
        if v <= 0 { return -.infinity }
        if v == .infinity { return .infinity }
        let z = (log(v) - mu) / sigma
        if z >= 0 { return v * (1 - sigma * StandardNormal.mills(z)) }
        // v·M(z) = (1 − Φ(z))·√(2π)·exp(μ + σz + z²/2)
        return v - sigma * StandardNormal.sf(z) * StandardNormal.sqrt2Pi * exp(mu + sigma * z + z * z / 2)
    }

    /// `max_z (sigma + z)·M(z)` over `z ∈ [−sigma, sigma]`; the lognormal is regular iff this is `≤ 2`.
    fileprivate static func lognormalMaxRegularityRatio(sigma: Double) -> Double {
        func ratio(_ z: Double) -> Double {
            let r = (sigma + z) * StandardNormal.mills(z)
            return r.isNaN ? .infinity : r
        }
        let n = 2000
        let step = 2 * sigma / Double(n)
        var best = -Double.infinity, bestZ = -sigma
        for i in 0...n {
            let z = -sigma + Double(i) * step
            let r = ratio(z)
            if r > best { best = r; bestZ = z }
        }
        // Golden-section refinement around the best grid point.
        var a = max(-sigma, bestZ - step), b = min(sigma, bestZ + step)
        let g = (sqrt(5.0) - 1) / 2
        for _ in 0..<80 {
            let c = b - g * (b - a), d = a + g * (b - a)
            if ratio(c) >= ratio(d) { b = d } else { a = c }
        }
        return max(best, ratio((a + b) / 2))
    }

    /// Ironed intervals of an irregular lognormal from the upper concave hull of the sampled revenue curve.
    fileprivate static func lognormalIronedIntervals(mu: Double, sigma: Double) -> [VirtualValuation.IronedInterval] {
        let n = lognormalIroningGridPoints
        let zLo = -sigma - 8, zHi = sigma + 8
        let step = (zHi - zLo) / Double(n - 1)
        // Points ordered by q ascending (z descending). log R = μ + log(1 − Φ(z)) + σz; R is rescaled by
        // exp(μ + shift) so that the largest point is 1 (the hull is invariant to positive scaling).
        var zs = [Double](), logR = [Double]()
        zs.reserveCapacity(n); logR.reserveCapacity(n)
        for i in 0..<n {
            let z = zHi - Double(i) * step
            zs.append(z)
            logR.append(StandardNormal.logSF(z) + sigma * z)
        }
        let shift = logR.max() ?? 0
        var qs = [0.0], rs = [0.0], pointZ = [Double.infinity]
        for i in 0..<n {
            qs.append(StandardNormal.sf(zs[i]))
            rs.append(exp(logR[i] - shift))
            pointZ.append(zs[i])
        }
        qs.append(1); rs.append(0); pointZ.append(-.infinity)

        let hull = upperHull(qs, rs)
        let scale = exp(mu + shift)
        func phiAt(_ z: Double) -> Double { lognormalPhi(exp(mu + sigma * z), mu: mu, sigma: sigma) }
        var intervals: [VirtualValuation.IronedInterval] = []
        for h in hull.indices.dropFirst() {
            let i = hull[h - 1], j = hull[h]  // qs[i] < qs[j], i.e. pointZ[i] > pointZ[j]
            guard j - i > 1 else { continue }
            // Keep only segments over which φ genuinely decreases somewhere (φ computed exactly at the grid
            // points); hull segments that merely skip rounding noise in concave parts are ignored.
            var dips = false
            for k in i..<j where pointZ[k].isFinite && pointZ[k + 1].isFinite {
                if phiAt(pointZ[k + 1]) > phiAt(pointZ[k]) { dips = true; break }
            }
            guard dips else { continue }
            var level = (rs[j] - rs[i]) / (qs[j] - qs[i]) * scale
            var zA = pointZ[j], zB = pointZ[i]
            (zA, zB, level) = refineIroning(zA: zA, zB: zB, level: level, step: step, mu: mu, sigma: sigma)
            let lower = zA == -.infinity ? 0 : exp(mu + sigma * zA)
            let upper = zB == .infinity ? Double.infinity : exp(mu + sigma * zB)
            intervals.append(.init(lower: lower, upper: upper, level: level))
        }
        return intervals.sorted { $0.lower < $1.lower }
    }

    /// Polishes a grid ironing interval: moves its ends to where `φ` crosses the level (bisection within a few grid
    /// steps, where `φ` is increasing), then resets the level to the chord slope of `R` between the new ends.
    /// Iterates (at most 20 times) until the level is stable to 1e-15 relative; keeps the last good values when a
    /// crossing cannot be bracketed.
    fileprivate static func refineIroning(zA: Double, zB: Double, level: Double, step: Double,
                                          mu: Double, sigma: Double) -> (Double, Double, Double) {
        func phiAt(_ z: Double) -> Double { lognormalPhi(exp(mu + sigma * z), mu: mu, sigma: sigma) }
        func revenue(_ z: Double) -> Double { z == -.infinity ? 0 : StandardNormal.sf(z) * exp(mu + sigma * z) }
        /// Largest z in the bracket with φ(z) < c (left end) or smallest with φ(z) ≥ c (right end).
        func crossing(_ center: Double, _ c: Double, returnLow: Bool) -> Double? {
            var lo = center - 4 * step, hi = center + 4 * step
            guard phiAt(lo) < c, phiAt(hi) >= c else { return nil }
            for _ in 0..<200 {
                let mid = lo + (hi - lo) / 2
                if mid <= lo || mid >= hi { break }
                if phiAt(mid) >= c { hi = mid } else { lo = mid }
            }
            return returnLow ? lo : hi
        }
        var best = (zA, zB, level)
        var c = level
        for _ in 0..<20 {
            // An infinite end is the curve's endpoint (q = 1, R = 0) or (q = 0, R = 0) and stays put.
            guard let a = best.0.isFinite ? crossing(best.0, c, returnLow: true) : best.0,
                  let b = best.1.isFinite ? crossing(best.1, c, returnLow: false) : best.1,
                  a < b else { break }
            let newC = (revenue(a) - revenue(b)) / (StandardNormal.sf(a) - StandardNormal.sf(b))
            guard newC.isFinite else { break }
            best = (a, b, newC)
            if abs(newC - c) <= 1e-15 * max(1, abs(c)) { break }
            c = newC
        }
        return best
    }

    /// The positive-mass part of a discrete distribution, normalized, with suffix masses and raw virtual values.
    fileprivate var discreteTable: DiscreteTable {
        guard case let .discrete(values, probabilities) = self else { return DiscreteTable(values: [], masses: []) }
        var vs = [Double](), ps = [Double]()
        for i in 0..<min(values.count, probabilities.count) where probabilities[i] > 0 {
            vs.append(values[i]); ps.append(probabilities[i])
        }
        let total = ps.reduce(0, +)
        if total > 0, total != 1 { ps = ps.map { $0 / total } }
        return DiscreteTable(values: vs, masses: ps)
    }
}

/// Upper concave hull (monotone chain) of points sorted by x; returns indices, left to right.
/// Collinear points are dropped.
private func upperHull(_ xs: [Double], _ ys: [Double]) -> [Int] {
    var hull: [Int] = []
    for p in xs.indices {
        while hull.count >= 2 {
            let o = hull[hull.count - 2], a = hull[hull.count - 1]
            let cross = (xs[a] - xs[o]) * (ys[p] - ys[o]) - (ys[a] - ys[o]) * (xs[p] - xs[o])
            if cross >= 0 { hull.removeLast() } else { break }
        }
        hull.append(p)
    }
    return hull
}

/// Positive-mass support of a discrete distribution.
private struct DiscreteTable {
    var values: [Double]
    var masses: [Double]
    /// `q_k = Σ_{l≥k} f_l`, with an extra trailing `0` for `q_{L+1}`.
    var suffix: [Double]
    /// Raw virtual values `φ(v_k)`.
    var phi: [Double]

    init(values: [Double], masses: [Double]) {
        self.values = values
        self.masses = masses
        var q = [Double](repeating: 0, count: values.count + 1)
        for k in stride(from: values.count - 1, through: 0, by: -1) { q[k] = q[k + 1] + masses[k] }
        suffix = q
        phi = values.indices.map { k in
            k + 1 < values.count ? values[k] - (values[k + 1] - values[k]) * q[k + 1] / masses[k] : values[k]
        }
    }

    /// Index of the largest support value `≤ x`, or nil if `x` is below all of them.
    func index(atOrBelow x: Double) -> Int? {
        var lo = 0, hi = values.count  // first index with values[i] > x
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// Exact ironing: each value gets the slope of the hull segment of `(0,0), (q_L, v_L q_L), …, (q_1, v_1 q_1)`
    /// covering it, computed as the mass-weighted mean of the raw `φ` it pools (equal to the chord slope).
    func ironedLevels() -> [Double] {
        let count = values.count
        guard count > 0 else { return [] }
        // Point 0 is (0,0); point j ≥ 1 is value index count − j (q ascending).
        var xs = [0.0], ys = [0.0]
        for j in 1...count {
            let k = count - j
            xs.append(suffix[k]); ys.append(values[k] * suffix[k])
        }
        let hull = upperHull(xs, ys)
        var levels = [Double](repeating: 0, count: count)
        for h in hull.indices.dropFirst() {
            let i = hull[h - 1], j = hull[h]
            // Points i+1 … j correspond to value indices count−i−1 down to count−j.
            let ks = (count - j)...(count - i - 1)
            var weighted = 0.0, mass = 0.0
            for k in ks { weighted += masses[k] * phi[k]; mass += masses[k] }
            let level = ks.count == 1 ? phi[ks.lowerBound] : weighted / mass
            for k in ks { levels[k] = level }
        }
        for k in levels.indices.dropFirst() where levels[k] < levels[k - 1] { levels[k] = levels[k - 1] }
        return levels
    }
}

// MARK: - VirtualValuation

/// The ironed virtual value `φ̄` as a nondecreasing score map `z ↦ φ̄(z)` on bids `z ≥ 0`, with its generalized
/// inverses (used to turn kinks `ψ` in virtual-value space into value thresholds, docs/reconstructions.md#myerson-payments).
///
/// * Bids below the lower end of the support get ``excludedScore``: finite, negative, and strictly below every
///   attainable `φ̄`.
/// * Bids above a bounded support score `φ̄(high)`.
/// * Discrete: step function, `φ̄` of the largest support value `≤ z`.
/// * In-support scores are floored at ``scoreFloor`` (relevant only for the lognormal near 0, where `φ → −∞`).
///
/// Comparisons in ``thresholdAbove(_:)`` and ``thresholdAtLeast(_:)`` are exact. Pass `ψ` values obtained from
/// ``score(_:)`` when a tie with a flat (ironed) level matters. For example, the EX8 level is the double nearest to
/// 4/11 computed from the given probabilities, which is one ulp away from the literal `4.0/11.0`.
public struct VirtualValuation: Sendable, Hashable {
    /// A maximal value interval on which `φ̄` is constant (an ironed interval of a continuous distribution).
    public struct IronedInterval: Sendable, Hashable {
        /// Lower end of the interval in value space.
        public var lower: Double
        /// Upper end of the interval in value space.
        public var upper: Double
        /// The constant ironed virtual value on `[lower, upper]`.
        public var level: Double
    }

    enum Storage: Sendable, Hashable {
        case continuous(ValueDistribution, ironed: [IronedInterval])
        case discrete(values: [Double], levels: [Double])
    }

    let storage: Storage

    /// Lower clamp for in-support scores.
    public static let scoreFloor = -1e300

    /// The score of bids below the support: `2·min(φ̄(lower end), 0) − 1`.
    public let excludedScore: Double

    init(storage: Storage) {
        self.storage = storage
        let lowScore: Double
        switch storage {
        case let .continuous(d, ironed):
            lowScore = Self.continuousScore(d, ironed, d.support.lowerBound)
        case let .discrete(_, levels):
            lowScore = max(levels.first ?? 0, Self.scoreFloor)
        }
        excludedScore = 2 * min(lowScore, 0) - 1
    }

    /// The ironed intervals of a continuous distribution, sorted by value (empty if regular or discrete).
    public var ironedIntervals: [IronedInterval] {
        if case let .continuous(_, ironed) = storage { return ironed }
        return []
    }

    /// `φ̄(z)`; see the type's documentation for bids outside the support. `score(.nan)` is NaN.
    public func score(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        switch storage {
        case let .continuous(d, ironed):
            if z < d.support.lowerBound { return excludedScore }
            return Self.continuousScore(d, ironed, z)
        case let .discrete(values, levels):
            var lo = 0, hi = values.count  // first index with values[i] > z
            while lo < hi {
                let mid = (lo + hi) / 2
                if values[mid] <= z { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? excludedScore : max(levels[lo - 1], Self.scoreFloor)
        }
    }

    /// `inf{ z ≥ 0 : score(z) > ψ }`, or `.infinity` if no bid scores above `ψ`.
    /// At a flat level `ψ = c` this is the upper end of the flat interval.
    public func thresholdAbove(_ psi: Double) -> Double { threshold(psi, strict: true) }

    /// `inf{ z ≥ 0 : score(z) ≥ ψ }`, or `.infinity` if no bid scores at least `ψ`.
    /// At a flat level `ψ = c` this is the lower end of the flat interval.
    public func thresholdAtLeast(_ psi: Double) -> Double { threshold(psi, strict: false) }

    // MARK: private

    private static func continuousScore(_ d: ValueDistribution, _ ironed: [IronedInterval], _ z: Double) -> Double {
        let v = min(z, d.support.upperBound)
        var floor = scoreFloor
        for interval in ironed {
            if v < interval.lower {
                return max(min(d.rawVirtualValue(v), interval.level), floor)
            }
            if v <= interval.upper { return max(interval.level, floor) }
            floor = max(floor, interval.level)
        }
        let raw = d.rawVirtualValue(v)
        return raw.isNaN ? raw : max(raw, floor)
    }

    private func threshold(_ psi: Double, strict: Bool) -> Double {
        if psi.isNaN { return .nan }
        func passes(_ s: Double) -> Bool { strict ? s > psi : s >= psi }
        if passes(excludedScore) { return 0 }
        switch storage {
        case let .discrete(values, levels):
            for (v, level) in zip(values, levels) where passes(max(level, Self.scoreFloor)) { return v }
            return .infinity
        case let .continuous(d, _):
            let s = d.support
            let low = s.lowerBound, high = s.upperBound
            if passes(score(low)) { return low }
            if high.isFinite, !passes(score(high)) { return .infinity }
            // Closed-form inverses of strictly increasing φ (no ironing).
            switch d {
            case let .uniform(_, b):
                return min(high, max(low, (psi + b) / 2))
            case let .exponential(rate):
                return max(low, psi + 1 / rate)
            default:
                break
            }
            // Bisection on the monotone predicate passes(score(z)); lower fails, upper passes.
            var lower = low
            var upper: Double
            if high.isFinite {
                upper = high
            } else {
                upper = max(1, 2 * low)
                while !passes(score(upper)) {
                    if upper > Double.greatestFiniteMagnitude / 4 { return .infinity }
                    lower = upper
                    upper *= 2
                }
            }
            for _ in 0..<2200 {
                let mid = lower + (upper - lower) / 2
                if mid <= lower || mid >= upper { break }
                if passes(score(mid)) { upper = mid } else { lower = mid }
            }
            return upper
        }
    }
}

// MARK: - Standard normal helpers

/// Numerically careful standard normal functions (tails via the Mills ratio).
fileprivate enum StandardNormal {
    static let sqrt2Pi = (2 * Double.pi).squareRoot()
    static let logSqrt2Pi = 0.5 * log(2 * Double.pi)
    static let invSqrt2 = 1 / 2.0.squareRoot()

    static func pdf(_ z: Double) -> Double { exp(-z * z / 2) / sqrt2Pi }
    static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z * invSqrt2) }
    /// `1 − Φ(z)`.
    static func sf(_ z: Double) -> Double { 0.5 * erfc(z * invSqrt2) }

    /// Mills ratio `M(z) = (1 − Φ(z))/ϕ(z)`; continued fraction for `z ≥ 8`, `M(∞) = 0`.
    static func mills(_ z: Double) -> Double {
        if z == .infinity { return 0 }
        if z < 8 { return sf(z) * sqrt2Pi * exp(z * z / 2) }
        // M(z) = 1/(z + 1/(z + 2/(z + 3/(z + …)))), evaluated bottom-up.
        // 24 terms reach full double precision for z ≥ 8 (checked against SciPy's erfcx).
        var t = z, k = 24.0
        while k >= 1 { t = z + k / t; k -= 1 }
        return 1 / t
    }

    /// `log(1 − Φ(z))`.
    static func logSF(_ z: Double) -> Double {
        if z < 8 { return log(sf(z)) }
        return log(mills(z)) - z * z / 2 - logSqrt2Pi
    }

    /// `(Φ(b) − Φ(a))/ϕ(a)` for `a ≤ b` (b may be `+∞`), stable in both tails.
    static func massOverPDF(_ a: Double, _ b: Double) -> Double {
        if a >= b { return 0 }
        if a >= 0 {
            if b == .infinity { return mills(a) }
            return mills(a) - mills(b) * exp((a * a - b * b) / 2)
        }
        if b <= 0 {
            return massOverPDF(-b, -a) * exp((a * a - b * b) / 2)
        }
        let mass = 0.5 * (erf(b * invSqrt2) - erf(a * invSqrt2))
        return mass * sqrt2Pi * exp(a * a / 2)
    }

    /// `P(Z ≤ z | a ≤ Z ≤ b)` for `z ∈ [a, b]`.
    static func truncatedCDF(_ z: Double, _ a: Double, _ b: Double) -> Double {
        if a >= 0 { return massOverPDF(a, z) / massOverPDF(a, b) }
        if b <= 0 { return 1 - massOverPDF(-b, -z) / massOverPDF(-b, -a) }
        return (erf(z * invSqrt2) - erf(a * invSqrt2)) / (erf(b * invSqrt2) - erf(a * invSqrt2))
    }

    /// Density of `Z | a ≤ Z ≤ b` at `z ∈ [a, b]`.
    static func truncatedPDF(_ z: Double, _ a: Double, _ b: Double) -> Double {
        if a >= 0 { return exp((a * a - z * z) / 2) / massOverPDF(a, b) }
        if b <= 0 { return exp((b * b - z * z) / 2) / massOverPDF(-b, -a) }
        return pdf(z) / (0.5 * (erf(b * invSqrt2) - erf(a * invSqrt2)))
    }

    /// Solves `P(Z ≤ z | a ≤ Z ≤ b) = u` by Newton's method safeguarded with a bisection bracket.
    static func truncatedQuantile(_ u: Double, _ a: Double, _ b: Double) -> Double {
        var lo = a, hi = b
        // Initial guess from the untruncated quantile, computed on the side of the window that keeps precision.
        var z: Double
        if a >= 0 {
            z = -quantile(sf(a) * (1 - u) + u * sf(b))
        } else if b <= 0 {
            z = quantile(cdf(b) * u + (1 - u) * cdf(a))
        } else {
            z = quantile(cdf(a) + u * (cdf(b) - cdf(a)))
        }
        if !(z > a && z < b) { z = a + u * (b - a) }
        for _ in 0..<100 {
            let g = truncatedCDF(z, a, b) - u
            if g == 0 { return z }
            if g > 0 { hi = z } else { lo = z }
            let newton = z - g / truncatedPDF(z, a, b)
            let next = (newton > lo && newton < hi) ? newton : lo + (hi - lo) / 2
            // 1e-14 relative: the cdf itself carries rounding noise of that order in the tails.
            let tolerance = 1e-14 * max(1, abs(z))
            if abs(next - z) <= tolerance || hi - lo <= tolerance || next <= lo || next >= hi { return next }
            z = next
        }
        return z
    }

    /// `E[Z | a ≤ Z ≤ b] = (ϕ(a) − ϕ(b))/(Φ(b) − Φ(a))`.
    static func truncatedMean(_ a: Double, _ b: Double) -> Double {
        if a >= 0 {
            let ratio = b == .infinity ? 0 : exp((a * a - b * b) / 2)
            return (1 - ratio) / massOverPDF(a, b)
        }
        if b <= 0 { return -truncatedMean(-b, -a) }
        return (pdf(a) - pdf(b)) / (0.5 * (erf(b * invSqrt2) - erf(a * invSqrt2)))
    }

    /// `Φ⁻¹(p)` for `p ∈ (0, 1)`: Acklam's rational approximation plus one Halley step (about 1e-15 relative).
    static func quantile(_ p: Double) -> Double {
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                 -2.549671010161454e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let pLow = 0.02425
        var x: Double
        if p < pLow || p > 1 - pLow {
            let q = (-2 * log(p < pLow ? p : 1 - p)).squareRoot()
            let num = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]
            let den = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1
            x = p < pLow ? num / den : -num / den
        } else {
            let q = p - 0.5, r = q * q
            let num = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            let den = ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
            x = num / den
        }
        // Halley refinement on Φ(x) − p; for the upper half use (1 − p) − (1 − Φ(x)) to keep relative accuracy.
        let e = p > 0.5 ? (1 - p) - sf(x) : cdf(x) - p
        let u = e * sqrt2Pi * exp(x * x / 2)
        x -= u / (1 + x * u / 2)
        return x
    }
}
