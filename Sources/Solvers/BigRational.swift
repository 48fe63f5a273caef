/// An exact rational number `p/q` of arbitrary-precision integers (`BigInt`), always in lowest
/// terms: the arithmetic the basis recheck falls back to when a 128-bit `Rational` overflows.
///
/// ```
/// value = numerator / denominator,   gcd(|numerator|, denominator) = 1,   denominator > 0
/// ```
///
/// Arithmetic mirrors `Rational` (`adding(_:)`, `subtracting(_:)`, `multiplied(by:)`,
/// `divided(by:)`, with Knuth's reduced forms), but only division can fail, on a zero divisor
/// (`RationalError.divisionByZero`): nothing overflows.
///
/// Properties: equality and hashing are structural and exact (the representation is unique);
/// comparison cross-multiplies exactly; `Rational(exactly:)` narrows back when both parts fit.
///
/// What does not hold: the cost of an operation grows with the length of its fractions (see
/// `BigInt`), so a long chain of operations on unrelated denominators gets slow instead of
/// failing.
///
/// References: D. E. Knuth, *The Art of Computer Programming*, vol. 2, §4.5.1 (fractions).
public struct BigRational: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator; carries the sign.
    public let numerator: BigInt
    /// The denominator; always positive.
    public let denominator: BigInt

    /// Builds a value the caller has already reduced, with a positive denominator.
    init(reducedNumerator numerator: BigInt, denominator: BigInt) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Zero, `0/1`.
    public static let zero = BigRational(reducedNumerator: .zero, denominator: .one)
    /// One, `1/1`.
    public static let one = BigRational(reducedNumerator: .one, denominator: .one)

    /// The integer `value`, exactly.
    public init(_ value: BigInt) {
        self.init(reducedNumerator: value, denominator: .one)
    }

    /// The value of a 128-bit fraction, exactly.
    public init(_ value: Rational) {
        self.init(reducedNumerator: BigInt(value.numerator), denominator: BigInt(value.denominator))
    }

    /// The fraction `numerator / denominator`, reduced.
    /// - Throws: `RationalError.divisionByZero` when `denominator` is zero.
    public init(numerator: BigInt, denominator: BigInt) throws(RationalError) {
        guard denominator.signum != 0 else { throw .divisionByZero }
        let g = BigInt.gcd(numerator, denominator)
        let n = numerator.dividedExactly(by: g), d = denominator.dividedExactly(by: g)
        self.init(reducedNumerator: d.isNegative ? -n : n, denominator: d.magnitude)
    }

    // MARK: - Queries

    /// `-1`, `0` or `1`.
    public var signum: Int { numerator.signum }

    /// The negated value.
    public var negated: BigRational { BigRational(reducedNumerator: -numerator, denominator: denominator) }

    /// The value as a 128-bit `Rational` when both parts fit it (and the numerator is not
    /// `Int128.min`), else nil.
    public var rational: Rational? {
        guard let n = numerator.int128, n != .min, let d = denominator.int128 else { return nil }
        return Rational(reducedNumerator: n, denominator: d)
    }

    /// A `Double` within a few units in the last place (both parts are cut to their top 64
    /// bits first, so values far beyond the range of `Double` as integers still convert).
    public var doubleValue: Double {
        if numerator.signum == 0 { return 0 }
        let pShift = max(0, numerator.bitWidth - 64), qShift = max(0, denominator.bitWidth - 64)
        let p = numerator.shiftedRight(by: pShift).doubleValue
        let q = denominator.shiftedRight(by: qShift).doubleValue
        // Each part was divided by 2^(its shift); put the difference back as a power of two.
        return p / q * Double(sign: .plus, exponent: pShift - qShift, significand: 1)
    }

    /// `"p/q"`, or `"p"` when the denominator is 1.
    public var description: String {
        denominator == .one ? numerator.description : "\(numerator)/\(denominator)"
    }

    // MARK: - Comparison

    public static func < (lhs: BigRational, rhs: BigRational) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        return lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
    }

    // MARK: - Arithmetic

    /// `self + other`, exactly: `(a·(d/g) + c·(b/g)) / (b·d/g)` with `g = gcd(b, d)`, then only
    /// a common factor of the new numerator and `g` can remain (Knuth §4.5.1).
    public func adding(_ other: BigRational) -> BigRational {
        if other.signum == 0 { return self }
        if signum == 0 { return other }
        let (a, b, c, d) = (numerator, denominator, other.numerator, other.denominator)
        let g = BigInt.gcd(b, d)
        if g == .one { return BigRational(reducedNumerator: a * d + c * b, denominator: b * d) }
        let bOverG = b.dividedExactly(by: g), dOverG = d.dividedExactly(by: g)
        let t = a * dOverG + c * bOverG
        if t.signum == 0 { return .zero }
        let g2 = BigInt.gcd(t, g)
        return BigRational(reducedNumerator: t.dividedExactly(by: g2), denominator: bOverG * d.dividedExactly(by: g2))
    }

    /// `self − other`, exactly.
    public func subtracting(_ other: BigRational) -> BigRational { adding(other.negated) }

    /// `self × other`, exactly, cross-cancelled first: `(a/g1)(c/g2) / ((b/g2)(d/g1))` with
    /// `g1 = gcd(a, d)`, `g2 = gcd(c, b)`.
    public func multiplied(by other: BigRational) -> BigRational {
        if signum == 0 || other.signum == 0 { return .zero }
        let g1 = BigInt.gcd(numerator, other.denominator)
        let g2 = BigInt.gcd(other.numerator, denominator)
        return BigRational(reducedNumerator: numerator.dividedExactly(by: g1) * other.numerator.dividedExactly(by: g2),
                           denominator: denominator.dividedExactly(by: g2) * other.denominator.dividedExactly(by: g1))
    }

    /// `self ÷ other`, exactly.
    /// - Throws: `RationalError.divisionByZero` when `other` is zero.
    public func divided(by other: BigRational) throws(RationalError) -> BigRational {
        guard other.signum != 0 else { throw .divisionByZero }
        let reciprocal = BigRational(reducedNumerator: other.numerator.isNegative ? -other.denominator : other.denominator,
                                     denominator: other.numerator.magnitude)
        return multiplied(by: reciprocal)
    }
}

extension Rational {
    /// The value of `value` when both its parts fit 128 bits, else nil.
    public init?(exactly value: BigRational) {
        guard let narrowed = value.rational else { return nil }
        self = narrowed
    }
}
