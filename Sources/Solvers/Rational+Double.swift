// Implementation notes
//
// Three conversions from Double, in order of how much they trust the binary value:
//
// 1. `init(exactly:)`: the exact dyadic value m·2^e of the double.
// 2. `init(roundTripping:maxDenominator:)`: the *simplest* rational (smallest denominator,
//    then smallest numerator) that converts back to exactly the same double, e.g. 0.1 -> 1/10
//    rather than 3602879701896397/36028797018963968. Every real in the closed or open interval
//    [x - ulp/2, x + ulp/2] rounds to x (closed when x's significand is even: ties to even;
//    the lower half-width is ulp/4 when x is a power of two), and the simplest rational in an
//    interval is found with the continued-fraction walk down the Stern–Brocot tree
//    (Graham, Knuth, Patashnik, *Concrete Mathematics*, §4.5). This is how the exact LP
//    certificate reads input data: the decimal a user typed, not its binary approximation.
// 3. `init(_:maxDenominator:)`: the best approximation with a bounded denominator, i.e. the
//    closest convergent or semiconvergent of the continued fraction (the algorithm of
//    CPython's `Fraction.limit_denominator`; Khinchin, *Continued Fractions*, Thm. 15).
//
// All three work on the exact dyadic value in 128-bit integers, never on rounded doubles.

extension Rational {
    /// The exact value of a finite `Double`, `m·2^e` reduced.
    ///
    /// - Throws: `RationalError.notFinite` for NaN or ±∞; `RationalError.outOfRange` when the
    ///   magnitude is at least 2^126 or the reduced denominator exceeds 2^125 (|value| tiny).
    public init(exactly value: Double) throws(RationalError) {
        guard value.isFinite else { throw .notFinite(value) }
        if value == 0 { self = .zero; return }
        guard let dyadic = Dyadic(value) else { throw .outOfRange(value) }
        var significand = dyadic.significand
        var exponent = dyadic.exponent
        let zeros = significand.trailingZeroBitCount
        significand >>= UInt64(zeros)
        exponent += zeros
        let bits = UInt64.bitWidth - significand.leadingZeroBitCount
        if exponent >= 0 {
            guard bits + exponent <= 126 else { throw .outOfRange(value) }
            let n = Int128(significand) << exponent
            self.init(reducedNumerator: value < 0 ? -n : n, denominator: 1)
        } else {
            guard -exponent <= 125 else { throw .outOfRange(value) }
            let n = Int128(significand)
            self.init(reducedNumerator: value < 0 ? -n : n, denominator: Int128(1) << -exponent)
        }
    }

    /// The simplest rational that converts back to exactly `value`, with denominator at most
    /// `maxDenominator`; the exact dyadic value when no such fraction exists.
    ///
    /// "Simplest" means smallest denominator, then smallest numerator. Examples: `0.1 → 1/10`,
    /// `(1.0 / 3.0) → 1/3`, `0.05 → 1/20`, `2.5 → 5/2`.
    ///
    /// Properties: `Double(result) == value` whenever the result has denominator below 2^53
    /// (the round trip through `doubleValue` is then a single correctly rounded division).
    /// - Parameters:
    ///   - value: a finite double.
    ///   - maxDenominator: the largest denominator to try before falling back to the exact
    ///     binary value; default 10^12; must be in `1...2^62`.
    /// - Throws: `RationalError.notFinite`, `.invalidMaxDenominator`, or `.outOfRange` when the
    ///   fallback does not fit 128 bits either.
    public init(roundTripping value: Double,
                maxDenominator: Int128 = 1_000_000_000_000) throws(RationalError) {
        if let integer = try Rational.integerValue(value, maxDenominator: maxDenominator) {
            self = integer
            return
        }
        if let dyadic = Dyadic(value), -dyadic.exponent + 2 <= 124 {
            // Rounding interval [lo, hi] over the common denominator 2^(k+2), k = -exponent.
            let m = Int128(dyadic.significand)
            let scale = Int128(1) << (-dyadic.exponent + 2)
            let lowerHalfWidth: Int128 = dyadic.significand == 1 << 52 ? 1 : 2
            let closed = dyadic.significand & 1 == 0
            if let (p, q) = Rational.simplest(
                low: (4 * m - lowerHalfWidth, scale), high: (4 * m + 2, scale),
                lowClosed: closed, highClosed: closed, maxDenominator: maxDenominator) {
                self.init(reducedNumerator: value < 0 ? -p : p, denominator: q)
                return
            }
        }
        try self.init(exactly: value)
    }

    /// The rational closest to `value` among those with denominator at most `maxDenominator`
    /// (ties: the smaller denominator).
    ///
    /// Example: `Rational(Double.pi, maxDenominator: 1000) == 355/113`.
    /// Edge cases: |value| below 2^-70 gives 0 (the closest fraction for any allowed bound).
    /// - Throws: `RationalError.notFinite`, `.invalidMaxDenominator` (outside `1...2^62`),
    ///   `.outOfRange` when |value| ≥ 2^126.
    public init(_ value: Double, maxDenominator: Int128) throws(RationalError) {
        if let integer = try Rational.integerValue(value, maxDenominator: maxDenominator) {
            self = integer
            return
        }
        guard let dyadic = Dyadic(value), -dyadic.exponent <= 124 else {
            self = .zero  // |value| < 2^-70 < 1 / (2 · 2^62): zero is the closest fraction.
            return
        }
        let exact = try Rational(numerator: Int128(dyadic.significand),
                                 denominator: Int128(1) << -dyadic.exponent)
        let (p, q) = Rational.closest(exact, maxDenominator: maxDenominator)
        self.init(reducedNumerator: value < 0 ? -p : p, denominator: q)
    }

    /// Checks the arguments shared by the bounded-denominator conversions and returns the
    /// answer when `value` is an integer (its own simplest and closest fraction); nil otherwise.
    private static func integerValue(_ value: Double,
                                     maxDenominator: Int128) throws(RationalError) -> Rational? {
        guard value.isFinite else { throw .notFinite(value) }
        guard maxDenominator >= 1, maxDenominator <= Int128(1) << 62 else {
            throw .invalidMaxDenominator(maxDenominator)
        }
        guard value.rounded(.towardZero) == value else { return nil }
        return try Rational(exactly: value)
    }

    /// The simplest fraction `p/q` (q ≤ maxDenominator) in the interval between `low` and
    /// `high` (0 ≤ low < high, each a (numerator, denominator) pair with denominator > 0),
    /// walking the continued fraction of both ends at once. `nil` when every fraction in the
    /// interval needs a larger denominator.
    private static func simplest(
        low: (Int128, Int128), high: (Int128, Int128),
        lowClosed: Bool, highClosed: Bool, maxDenominator: Int128
    ) -> (Int128, Int128)? {
        var (a, b) = low          // low = a / b
        var (c, d) = high         // high = c / d; d == 0 encodes +infinity
        var (loClosed, hiClosed) = (lowClosed, highClosed)
        // Convergent recurrences: value = (p1·t + p0) / (q1·t + q0) for the remaining tail t.
        var (p0, q0, p1, q1): (Int128, Int128, Int128, Int128) = (0, 1, 1, 0)
        while true {
            let whole = a / b
            let remainder = a - whole * b
            let candidate = remainder == 0 && loClosed ? whole : whole + 1
            let fits: Bool
            if d == 0 {
                fits = true
            } else {
                let (scaled, overflow) = candidate.multipliedReportingOverflow(by: d)
                fits = !overflow && (scaled < c || (scaled == c && hiClosed))
            }
            if fits {
                guard let (p, q) = advance(p0, q0, p1, q1, by: candidate) else { return nil }
                return q <= maxDenominator ? (p, q) : nil
            }
            // Both ends share the integer part `whole`: recurse on 1 / (x − whole).
            guard let (p, q) = advance(p0, q0, p1, q1, by: whole), q <= maxDenominator else {
                return nil
            }
            (p0, q0, p1, q1) = (p1, q1, p, q)
            (a, b, c, d) = (d, c - whole * d, b, remainder)
            (loClosed, hiClosed) = (hiClosed, loClosed)
        }
    }

    /// `(p1·t + p0, q1·t + q0)`, or nil on overflow.
    private static func advance(_ p0: Int128, _ q0: Int128, _ p1: Int128, _ q1: Int128,
                                by t: Int128) -> (Int128, Int128)? {
        let (pt, o1) = p1.multipliedReportingOverflow(by: t)
        let (p, o2) = pt.addingReportingOverflow(p0)
        let (qt, o3) = q1.multipliedReportingOverflow(by: t)
        let (q, o4) = qt.addingReportingOverflow(q0)
        return o1 || o2 || o3 || o4 ? nil : (p, q)
    }

    /// Best approximation of a positive `exact` value with denominator ≤ `maxDenominator`
    /// (CPython `Fraction.limit_denominator`).
    private static func closest(_ exact: Rational, maxDenominator: Int128) -> (Int128, Int128) {
        if exact.denominator <= maxDenominator { return (exact.numerator, exact.denominator) }
        var (p0, q0, p1, q1): (Int128, Int128, Int128, Int128) = (0, 1, 1, 0)
        var (n, d) = (exact.numerator, exact.denominator)
        while d != 0 {
            let a = n / d
            let (aq1, o1) = a.multipliedReportingOverflow(by: q1)
            let (q2, o2) = q0.addingReportingOverflow(aq1)
            if o1 || o2 || q2 > maxDenominator { break }
            // |p| <= |x|·q + 1 < 2^52 · 2^62 + 1 (x is not an integer, so |x| < 2^52): no overflow.
            (p0, q0, p1, q1) = (p1, q1, p0 + a * p1, q2)
            (n, d) = (d, n - a * d)
        }
        let k = (maxDenominator - q0) / q1
        let semiconvergentDenominator = q0 + k * q1
        // p1/q1 is closer iff 2·d·(q0 + k·q1) <= exact.denominator (d is the last remainder).
        let left = (2 * d).multipliedFullWidth(by: semiconvergentDenominator)
        let right: (high: Int128, low: UInt128) = (0, UInt128(exact.denominator))
        if (left.high, left.low) <= (right.high, right.low) {
            return (p1, q1)
        }
        return (p0 + k * p1, semiconvergentDenominator)
    }
}

/// A finite, normal, non-zero double as `significand · 2^exponent`, with the 53-bit integer
/// significand (implicit bit included). Subnormal inputs give nil: they are far below any
/// fraction of 128-bit integers with a useful denominator.
private struct Dyadic {
    let significand: UInt64
    let exponent: Int

    init?(_ value: Double) {
        let magnitude = value.magnitude
        guard magnitude.isNormal else { return nil }
        significand = magnitude.significandBitPattern | (1 << 52)
        exponent = Int(magnitude.exponent) - 52
    }
}
