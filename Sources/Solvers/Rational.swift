/// An exact rational number `p/q` with 128-bit integer parts, always in lowest terms.
///
/// ```
/// value = numerator / denominator,   gcd(|numerator|, denominator) = 1,   denominator > 0
/// ```
///
/// `Rational` backs the exact certificates of `GLPKSolver` (`method: .exact`) and the exact
/// strategies of `MatrixGame`, in the spirit of Gambit's double/rational solver pairs.
///
/// Arithmetic: only through the throwing methods `adding(_:)`, `subtracting(_:)`,
/// `multiplied(by:)` and `divided(by:)`. They report `RationalError.overflow` when the reduced
/// result leaves 128 bits. There are deliberately **no** `+ − × ÷` operators: an operator would
/// have to trap on overflow, and library code must never crash on large data.
///
/// Properties:
/// - Equality and hashing are structural, which is exact because the representation is unique
///   (reduced, positive denominator).
/// - Comparison never overflows: it cross-multiplies at full 256-bit width.
/// - Negation never overflows: the numerator is kept strictly above `Int128.min`.
/// - Intermediate results follow Knuth's reduced forms (TAOCP vol. 2, §4.5.1), so an operation
///   reports overflow only when the *reduced* result or a near-reduced intermediate leaves 128 bits.
///
/// What does not hold: the range is finite. Long chains of operations on data with unrelated
/// denominators (Gaussian elimination on a dense matrix of decimals, say) can overflow; callers
/// treat `.overflow` as "no exact answer", never as a crash.
///
/// References: D. E. Knuth, *The Art of Computer Programming*, vol. 2, §4.5.1 (fractions) and
/// §4.5.2 (binary gcd).
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numerator; carries the sign. Never `Int128.min`.
    public let numerator: Int128
    /// The denominator; always positive.
    public let denominator: Int128

    /// Builds a value the caller has already reduced, with `denominator > 0` and
    /// `numerator != Int128.min`.
    init(reducedNumerator numerator: Int128, denominator: Int128) {
        precondition(denominator > 0 && numerator != .min, "Rational invariant broken")
        self.numerator = numerator
        self.denominator = denominator
    }

    /// Zero, `0/1`.
    public static let zero = Rational(reducedNumerator: 0, denominator: 1)
    /// One, `1/1`.
    public static let one = Rational(reducedNumerator: 1, denominator: 1)

    /// The integer `value`, exactly.
    public init(_ value: Int) {
        self.init(reducedNumerator: Int128(value), denominator: 1)
    }

    /// The fraction `numerator / denominator`, reduced.
    ///
    /// Any pair of `Int` values fits, so this never overflows.
    /// - Precondition: `denominator != 0` (like integer division, a zero denominator is a
    ///   programming error; use `init(numerator:denominator:)` for data).
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational(_:_:) with a zero denominator")
        // Magnitudes of Int are at most 2^63, so the reduced parts always fit Int128.
        let g = Rational.gcd(UInt128(numerator.magnitude), UInt128(denominator.magnitude))
        let n = Int128(UInt128(numerator.magnitude) / g)
        let d = Int128(UInt128(denominator.magnitude) / g)
        self.init(reducedNumerator: (numerator < 0) != (denominator < 0) ? -n : n, denominator: d)
    }

    /// The fraction `numerator / denominator`, reduced, or an error.
    /// - Throws: `RationalError.divisionByZero` when `denominator == 0`;
    ///   `RationalError.overflow` when the reduced parts do not fit (only possible with
    ///   `Int128.min` inputs).
    public init(numerator: Int128, denominator: Int128) throws(RationalError) {
        guard denominator != 0 else { throw .divisionByZero }
        let negative = (numerator < 0) != (denominator < 0)
        let g = Rational.gcd(numerator.magnitude, denominator.magnitude)
        let n = numerator.magnitude / g
        let d = denominator.magnitude / g
        guard n <= UInt128(Int128.max), d <= UInt128(Int128.max) else {
            throw .overflow(operation: "reducing \(numerator)/\(denominator)")
        }
        self.init(reducedNumerator: negative ? -Int128(n) : Int128(n), denominator: Int128(d))
    }

    // MARK: - Queries

    /// `-1`, `0` or `1`.
    public var signum: Int { numerator < 0 ? -1 : (numerator == 0 ? 0 : 1) }

    /// Whether the value is an integer (denominator 1).
    public var isInteger: Bool { denominator == 1 }

    /// The negated value. Never overflows (the numerator is never `Int128.min`).
    public var negated: Rational {
        Rational(reducedNumerator: -numerator, denominator: denominator)
    }

    /// The absolute value. Never overflows.
    public var magnitude: Rational { numerator < 0 ? negated : self }

    /// The nearest `Double`, computed as `Double(p) / Double(q)`.
    ///
    /// Edge cases: correctly rounded when `|p|` and `q` are both below 2^53 (one IEEE
    /// division); otherwise each conversion rounds once more, so the result is within two
    /// units in the last place.
    public var doubleValue: Double {
        Double(numerator) / Double(denominator)
    }

    /// `"p/q"`, or `"p"` when the denominator is 1.
    public var description: String {
        denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    // MARK: - Comparison

    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    /// The negated value (never overflows).
    public static prefix func - (operand: Rational) -> Rational { operand.negated }

    // MARK: - Checked arithmetic

    /// `self + other`, exactly.
    ///
    /// With `g = gcd(b, d)`: `a/b + c/d = (a·(d/g) + c·(b/g)) / (b·d/g)`, then only the common
    /// factor of the new numerator and `g` can remain (Knuth §4.5.1).
    /// - Throws: `RationalError.overflow` when the result does not fit.
    public func adding(_ other: Rational) throws(RationalError) -> Rational {
        let (a, b, c, d) = (numerator, denominator, other.numerator, other.denominator)
        let g = Int128(Rational.gcd(b.magnitude, d.magnitude))
        let bOverG = b / g
        let dOverG = d / g
        let t = try Rational.sum(try Rational.product(a, dOverG, "addition"),
                                 try Rational.product(c, bOverG, "addition"), "addition")
        if t == 0 { return .zero }
        let g2 = Int128(Rational.gcd(t.magnitude, g.magnitude))
        let resultDenominator = try Rational.product(bOverG, d / g2, "addition")
        return try Rational.checked(t / g2, resultDenominator, "addition")
    }

    /// `self − other`, exactly.
    /// - Throws: `RationalError.overflow` when the result does not fit.
    public func subtracting(_ other: Rational) throws(RationalError) -> Rational {
        try adding(other.negated)
    }

    /// `self × other`, exactly. Cross-cancels first: `(a/g1)(c/g2) / ((b/g2)(d/g1))` with
    /// `g1 = gcd(a, d)`, `g2 = gcd(c, b)`, which is already reduced.
    /// - Throws: `RationalError.overflow` when the result does not fit.
    public func multiplied(by other: Rational) throws(RationalError) -> Rational {
        if numerator == 0 || other.numerator == 0 { return .zero }
        let g1 = Int128(Rational.gcd(numerator.magnitude, other.denominator.magnitude))
        let g2 = Int128(Rational.gcd(other.numerator.magnitude, denominator.magnitude))
        let n = try Rational.product(numerator / g1, other.numerator / g2, "multiplication")
        let d = try Rational.product(denominator / g2, other.denominator / g1, "multiplication")
        return try Rational.checked(n, d, "multiplication")
    }

    /// `self ÷ other`, exactly.
    /// - Throws: `RationalError.divisionByZero` when `other` is zero;
    ///   `RationalError.overflow` when the result does not fit.
    public func divided(by other: Rational) throws(RationalError) -> Rational {
        guard other.numerator != 0 else { throw .divisionByZero }
        // |c| <= Int128.max because the numerator is never Int128.min.
        let reciprocal = Rational(
            reducedNumerator: other.numerator < 0 ? -other.denominator : other.denominator,
            denominator: Int128(other.numerator.magnitude))
        return try multiplied(by: reciprocal)
    }

    // MARK: - Helpers

    /// Binary gcd (Stein's algorithm, Knuth §4.5.2); `gcd(0, 0) = 1` so it can always divide.
    static func gcd(_ x: UInt128, _ y: UInt128) -> UInt128 {
        if x == 0 { return y == 0 ? 1 : y }
        if y == 0 { return x }
        var u = x
        var v = y
        let shift = (u | v).trailingZeroBitCount
        u >>= u.trailingZeroBitCount
        repeat {
            v >>= v.trailingZeroBitCount
            if u > v { swap(&u, &v) }
            v -= u
        } while v != 0
        return u << shift
    }

    private static func product(_ x: Int128, _ y: Int128, _ operation: String) throws(RationalError) -> Int128 {
        let (value, overflow) = x.multipliedReportingOverflow(by: y)
        guard !overflow else { throw .overflow(operation: operation) }
        return value
    }

    private static func sum(_ x: Int128, _ y: Int128, _ operation: String) throws(RationalError) -> Int128 {
        let (value, overflow) = x.addingReportingOverflow(y)
        guard !overflow else { throw .overflow(operation: operation) }
        return value
    }

    /// Wraps an already reduced pair, rejecting `Int128.min` so negation stays safe.
    private static func checked(_ n: Int128, _ d: Int128, _ operation: String) throws(RationalError) -> Rational {
        guard n != .min, d > 0 else { throw .overflow(operation: operation) }
        return Rational(reducedNumerator: n, denominator: d)
    }
}
