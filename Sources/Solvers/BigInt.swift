// Implementation notes
//
// Sign and magnitude; the magnitude is little-endian base-2^32 limbs with no leading (most
// significant) zero limb, so zero is the empty array and the representation is unique (which
// makes the synthesized equality and hashing exact). Every limb product and carry fits a UInt64.
//
// Division is Knuth's Algorithm D (TAOCP vol. 2, §4.3.1): the divisor is shifted so its top
// limb has its high bit set, then each quotient limb is estimated from the top two limbs of the
// remainder and corrected at most twice (plus a rare add-back). The gcd is Euclid's on the
// magnitudes, switching to the binary gcd of 128-bit integers once both fit.

/// An arbitrary-precision signed integer, for exact arithmetic that must not stop at 128 bits
/// (the arbitrary-precision fallback of the basis recheck, `BigRational`).
///
/// ```
/// value = (negative ? −1 : 1) · Σᵢ limbs[i] · 2^(32 i)
/// ```
///
/// Properties: `+`, `−`, `×` never overflow (they only allocate); division truncates toward
/// zero like Swift's `Int` (`quotientAndRemainder(dividingBy:)`, the remainder has the sign of
/// the dividend) and reports a zero divisor as `RationalError.divisionByZero`; equality,
/// hashing and comparison are exact.
///
/// What does not hold: costs grow with the size: `×` and division are quadratic in the number of
/// limbs (schoolbook), the gcd quadratic per step; fine for the few hundred bits of exact
/// linear-programming bases, slow for numbers of many thousands of digits.
///
/// References: D. E. Knuth, *The Art of Computer Programming*, vol. 2, §4.3.1 (classical
/// algorithms, Algorithm D), §4.5.2 (the greatest common divisor).
public struct BigInt: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// |value| as little-endian base-2^32 limbs, without a most significant zero limb.
    private(set) var limbs: [UInt32]
    /// Whether the value is below zero (never true for zero).
    public private(set) var isNegative: Bool

    /// Builds a value from limbs that may carry leading zero limbs.
    init(limbs: [UInt32], negative: Bool) {
        var digits = limbs
        while digits.last == 0 { digits.removeLast() }
        self.limbs = digits
        self.isNegative = negative && !digits.isEmpty
    }

    /// Zero.
    public static let zero = BigInt(limbs: [], negative: false)
    /// One.
    public static let one = BigInt(1)

    /// The integer `value`, exactly.
    public init(_ value: Int) {
        self.init(Int128(value))
    }

    /// The integer `value`, exactly.
    public init(_ value: Int128) {
        self.init(magnitude: value.magnitude, negative: value < 0)
    }

    /// `±magnitude`.
    init(magnitude: UInt128, negative: Bool) {
        var digits: [UInt32] = []
        var rest = magnitude
        while rest != 0 {
            digits.append(UInt32(truncatingIfNeeded: rest))
            rest >>= 32
        }
        self.init(limbs: digits, negative: negative)
    }

    // MARK: - Queries

    /// `-1`, `0` or `1`.
    public var signum: Int { limbs.isEmpty ? 0 : (isNegative ? -1 : 1) }

    /// |value|.
    public var magnitude: BigInt { BigInt(limbs: limbs, negative: false) }

    /// The number of bits of |value| (0 for zero).
    public var bitWidth: Int {
        guard let top = limbs.last else { return 0 }
        return 32 * limbs.count - top.leadingZeroBitCount
    }

    /// |value| when it fits 128 bits.
    var magnitude128: UInt128? {
        guard limbs.count <= 4 else { return nil }
        var value: UInt128 = 0
        for limb in limbs.reversed() { value = value << 32 | UInt128(limb) }
        return value
    }

    /// The value as an `Int128`, or nil when it does not fit.
    public var int128: Int128? {
        guard let m = magnitude128 else { return nil }
        if isNegative {
            if m == UInt128(Int128.max) + 1 { return .min }
            return m <= UInt128(Int128.max) ? -Int128(m) : nil
        }
        return m <= UInt128(Int128.max) ? Int128(m) : nil
    }

    /// The nearest `Double` to the value's top 64 bits (within one unit in the last place);
    /// ±∞ beyond the range of `Double`.
    public var doubleValue: Double {
        let bits = bitWidth
        if bits <= 64 { return Double(sign: isNegative ? .minus : .plus, exponent: 0, significand: Double(magnitude128 ?? 0)) }
        let shift = bits - 64
        let top = magnitude.shiftedRight(by: shift).magnitude128 ?? 0
        let value = Double(top) * Double(sign: .plus, exponent: shift, significand: 1)
        return isNegative ? -value : value
    }

    /// The decimal digits, with a leading `-` when negative.
    public var description: String {
        if limbs.isEmpty { return "0" }
        var chunks: [UInt32] = []
        var rest = limbs
        while !rest.isEmpty {
            let (quotient, remainder) = BigInt.divide(rest, by: 1_000_000_000)
            chunks.append(remainder)
            rest = quotient
        }
        var text = isNegative ? "-" : ""
        text += String(chunks.last!)
        for chunk in chunks.dropLast().reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 9 - digits.count) + digits
        }
        return text
    }

    // MARK: - Comparison

    public static func < (lhs: BigInt, rhs: BigInt) -> Bool {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative }
        let order = compareMagnitudes(lhs.limbs, rhs.limbs)
        return lhs.isNegative ? order > 0 : order < 0
    }

    // MARK: - Arithmetic

    public static prefix func - (operand: BigInt) -> BigInt {
        BigInt(limbs: operand.limbs, negative: !operand.isNegative)
    }

    public static func + (lhs: BigInt, rhs: BigInt) -> BigInt {
        if lhs.isNegative == rhs.isNegative {
            return BigInt(limbs: addMagnitudes(lhs.limbs, rhs.limbs), negative: lhs.isNegative)
        }
        let order = compareMagnitudes(lhs.limbs, rhs.limbs)
        if order == 0 { return .zero }
        return order > 0 ? BigInt(limbs: subtractMagnitudes(lhs.limbs, rhs.limbs), negative: lhs.isNegative)
                         : BigInt(limbs: subtractMagnitudes(rhs.limbs, lhs.limbs), negative: rhs.isNegative)
    }

    public static func - (lhs: BigInt, rhs: BigInt) -> BigInt { lhs + (-rhs) }

    public static func * (lhs: BigInt, rhs: BigInt) -> BigInt {
        if lhs.limbs.isEmpty || rhs.limbs.isEmpty { return .zero }
        return BigInt(limbs: multiplyMagnitudes(lhs.limbs, rhs.limbs), negative: lhs.isNegative != rhs.isNegative)
    }

    /// Truncated division: `self = quotient · divisor + remainder` with |remainder| < |divisor|
    /// and the remainder's sign that of `self` (as for `Int`).
    /// - Throws: `RationalError.divisionByZero` when `divisor` is zero.
    public func quotientAndRemainder(dividingBy divisor: BigInt) throws(RationalError) -> (quotient: BigInt, remainder: BigInt) {
        guard !divisor.limbs.isEmpty else { throw .divisionByZero }
        let (q, r) = BigInt.divideMagnitudes(limbs, divisor.limbs)
        return (BigInt(limbs: q, negative: isNegative != divisor.isNegative), BigInt(limbs: r, negative: isNegative))
    }

    /// `self / divisor` for a divisor known to be non-zero and to divide exactly (reduced
    /// fractions); a zero divisor gives zero rather than a trap.
    func dividedExactly(by divisor: BigInt) -> BigInt {
        guard !divisor.limbs.isEmpty else { return .zero }
        if divisor.limbs == [1] { return divisor.isNegative ? -self : self }
        return BigInt(limbs: BigInt.divideMagnitudes(limbs, divisor.limbs).quotient, negative: isNegative != divisor.isNegative)
    }

    /// The greatest common divisor of |a| and |b| (non-negative; gcd(0, 0) = 0).
    public static func gcd(_ a: BigInt, _ b: BigInt) -> BigInt {
        var u = a.limbs, v = b.limbs
        while true {
            if v.isEmpty { return BigInt(limbs: u, negative: false) }
            if u.count <= 4 && v.count <= 4 {
                let x = BigInt(limbs: u, negative: false).magnitude128!, y = BigInt(limbs: v, negative: false).magnitude128!
                if x == 0 && y == 0 { return .zero }
                return BigInt(magnitude: Rational.gcd(x, y), negative: false)
            }
            (u, v) = (v, divideMagnitudes(u, v).remainder)
        }
    }

    /// |self| · 2^(−shift), rounded toward zero; the sign is kept.
    func shiftedRight(by shift: Int) -> BigInt {
        let limbShift = shift / 32, bitShift = shift % 32
        guard limbShift < limbs.count else { return .zero }
        var digits = Array(limbs[limbShift...])
        if bitShift > 0 {
            for i in digits.indices {
                let high = i + 1 < digits.count ? digits[i + 1] << (32 - bitShift) : 0
                digits[i] = digits[i] >> bitShift | high
            }
        }
        return BigInt(limbs: digits, negative: isNegative)
    }

    /// self · 2^shift.
    func shiftedLeft(by shift: Int) -> BigInt {
        BigInt(limbs: BigInt.shiftLeft(limbs, limbs: shift / 32, bits: shift % 32), negative: isNegative)
    }

    // MARK: - Magnitudes

    /// −1, 0 or 1 as |a| is below, equal to or above |b|.
    static func compareMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        for i in stride(from: a.count - 1, through: 0, by: -1) where a[i] != b[i] {
            return a[i] < b[i] ? -1 : 1
        }
        return 0
    }

    static func addMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        let (long, short) = a.count >= b.count ? (a, b) : (b, a)
        var result = [UInt32](repeating: 0, count: long.count + 1)
        var carry: UInt64 = 0
        for i in 0..<long.count {
            let sum = UInt64(long[i]) + (i < short.count ? UInt64(short[i]) : 0) + carry
            result[i] = UInt32(truncatingIfNeeded: sum)
            carry = sum >> 32
        }
        result[long.count] = UInt32(carry)
        return result
    }

    /// |a| − |b| for |a| ≥ |b|.
    static func subtractMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = a
        var borrow: Int64 = 0
        for i in 0..<a.count {
            let difference = Int64(a[i]) - (i < b.count ? Int64(b[i]) : 0) - borrow
            result[i] = UInt32(truncatingIfNeeded: difference)
            borrow = difference < 0 ? 1 : 0
        }
        return result
    }

    static func multiplyMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> [UInt32] {
        var result = [UInt32](repeating: 0, count: a.count + b.count)
        for i in 0..<a.count {
            var carry: UInt64 = 0
            let x = UInt64(a[i])
            if x == 0 { continue }
            for j in 0..<b.count {
                // x·b[j] + result + carry ≤ (2^32 − 1)² + 2(2^32 − 1) < 2^64.
                let t = x * UInt64(b[j]) + UInt64(result[i + j]) + carry
                result[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            result[i + b.count] = UInt32(carry)
        }
        return result
    }

    /// Quotient and remainder of |a| by a single limb d > 0.
    static func divide(_ a: [UInt32], by d: UInt32) -> (quotient: [UInt32], remainder: UInt32) {
        var quotient = [UInt32](repeating: 0, count: a.count)
        var rest: UInt64 = 0
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            let current = rest << 32 | UInt64(a[i])
            quotient[i] = UInt32(current / UInt64(d))
            rest = current % UInt64(d)
        }
        while quotient.last == 0 { quotient.removeLast() }
        return (quotient, UInt32(rest))
    }

    static func shiftLeft(_ a: [UInt32], limbs limbShift: Int, bits: Int) -> [UInt32] {
        var result = [UInt32](repeating: 0, count: a.count + limbShift + 1)
        for i in 0..<a.count {
            let wide = UInt64(a[i]) << UInt64(bits)
            result[i + limbShift] |= UInt32(truncatingIfNeeded: wide)
            result[i + limbShift + 1] |= UInt32(truncatingIfNeeded: wide >> 32)
        }
        return result
    }

    /// Quotient and remainder of |a| by |b| (b non-empty), Knuth's Algorithm D.
    static func divideMagnitudes(_ a: [UInt32], _ b: [UInt32]) -> (quotient: [UInt32], remainder: [UInt32]) {
        if compareMagnitudes(a, b) < 0 { return ([], a) }
        if b.count == 1 {
            let (q, r) = divide(a, by: b[0])
            return (q, r == 0 ? [] : [r])
        }
        let n = b.count, m = a.count - b.count
        let shift = b[n - 1].leadingZeroBitCount
        var v = shiftLeft(b, limbs: 0, bits: shift)
        v.removeLast()
        var u = shiftLeft(a, limbs: 0, bits: shift)   // a.count + 1 limbs
        var quotient = [UInt32](repeating: 0, count: m + 1)
        let base: UInt64 = 1 << 32
        let top = UInt64(v[n - 1]), second = UInt64(v[n - 2])
        for j in stride(from: m, through: 0, by: -1) {
            let numerator = UInt64(u[j + n]) << 32 | UInt64(u[j + n - 1])
            var qhat = numerator / top
            var rhat = numerator % top
            while qhat >= base || qhat * second > (rhat << 32 | UInt64(u[j + n - 2])) {
                qhat -= 1
                rhat += top
                if rhat >= base { break }
            }
            // u[j...j+n] −= qhat · v
            var borrow: Int64 = 0
            var carry: UInt64 = 0
            for i in 0..<n {
                let product = qhat * UInt64(v[i]) + carry
                carry = product >> 32
                let difference = Int64(u[i + j]) - borrow - Int64(product & 0xFFFF_FFFF)
                u[i + j] = UInt32(truncatingIfNeeded: difference)
                borrow = difference < 0 ? 1 : 0
            }
            let difference = Int64(u[j + n]) - borrow - Int64(carry)
            u[j + n] = UInt32(truncatingIfNeeded: difference)
            if difference < 0 {
                // qhat was one too large (probability about 2/2^32): add v back.
                qhat -= 1
                var c: UInt64 = 0
                for i in 0..<n {
                    let sum = UInt64(u[i + j]) + UInt64(v[i]) + c
                    u[i + j] = UInt32(truncatingIfNeeded: sum)
                    c = sum >> 32
                }
                u[j + n] = UInt32(truncatingIfNeeded: UInt64(u[j + n]) + c)
            }
            quotient[j] = UInt32(qhat)
        }
        while quotient.last == 0 { quotient.removeLast() }
        let remainder = BigInt(limbs: Array(u[0..<n]), negative: false).shiftedRight(by: shift).limbs
        return (quotient, remainder)
    }
}
