/// Why a `Rational` operation could not produce an exact result.
///
/// `Rational` stores a 128-bit numerator and denominator. Every operation that could leave that
/// range reports `.overflow` instead of trapping, so library code built on it never crashes on
/// large data: it reports the failure and carries on without an exact answer.
public enum RationalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The exact result does not fit a reduced fraction of 128-bit integers.
    case overflow(operation: String)
    /// A division by zero, or a fraction with denominator zero.
    case divisionByZero
    /// The input `Double` is NaN or infinite, so it has no rational value.
    case notFinite(Double)
    /// The input `Double` is finite but its exact value does not fit 128-bit integers
    /// (magnitude at least 2^126, or a denominator above 2^125).
    case outOfRange(Double)
    /// A `maxDenominator` argument outside `1...2^62`.
    case invalidMaxDenominator(Int128)

    public var description: String {
        switch self {
        case .overflow(let operation):
            return "The exact result of \(operation) does not fit a fraction of 128-bit integers."
        case .divisionByZero:
            return "Division by zero: a rational number needs a non-zero denominator."
        case .notFinite(let value):
            return "\(value) is not a finite number, so it has no rational value."
        case .outOfRange(let value):
            return "The exact value of \(value) does not fit a fraction of 128-bit integers."
        case .invalidMaxDenominator(let value):
            return "The maximal denominator \(value) is outside the supported range 1...2^62."
        }
    }
}
