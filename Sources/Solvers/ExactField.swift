/// The exact arithmetic the basis recomputation runs on: 128-bit fractions (`Rational`, fast,
/// throws on overflow) or arbitrary-precision ones (`BigRational`, never overflows), so one
/// elimination serves both and the recheck retries with the wide type only when the narrow one
/// overflows.
///
/// Properties: every operation is exact; `init(lifting:)` embeds a `Rational` exactly.
/// What does not hold: nothing here promises speed; `BigRational` grows with its fractions.
protocol ExactField: Sendable, Hashable, Comparable, CustomStringConvertible {
    static var zero: Self { get }
    /// The exact value of a 128-bit fraction.
    init(lifting value: Rational)
    var signum: Int { get }
    var negated: Self { get }
    /// The bit length of the larger of numerator and denominator (pivots with fewer bits keep
    /// fractions short).
    var bitLength: Int { get }
    func adding(_ other: Self) throws(RationalError) -> Self
    func subtracting(_ other: Self) throws(RationalError) -> Self
    func multiplied(by other: Self) throws(RationalError) -> Self
    func divided(by other: Self) throws(RationalError) -> Self
}

extension Rational: ExactField {
    init(lifting value: Rational) { self = value }

    var bitLength: Int {
        max(Int128.bitWidth - numerator.magnitude.leadingZeroBitCount,
            Int128.bitWidth - denominator.magnitude.leadingZeroBitCount)
    }
}

extension BigRational: ExactField {
    init(lifting value: Rational) { self.init(value) }

    var bitLength: Int { max(numerator.bitWidth, denominator.bitWidth) }
}
