import Foundation

/// How numbers are written in reports.
///
/// JSON and CSV use the shortest decimal that reads back as the same double (Swift's
/// `description`), so files round-trip exactly and are byte-identical across runs. Text tables
/// use `short`: up to 6 significant digits.
public enum NumberFormatting {
    /// Up to 6 significant digits, trailing zeros dropped: 0.333333, 12.5, 1e-07.
    public static func short(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        if x.rounded() == x, abs(x) < 1e15 { return String(Int(x)) }
        var s = String(format: "%.6g", x)
        if s.contains("."), !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// A JSON number: the shortest round-trip decimal; `null` for NaN and infinities (JSON has
    /// no such numbers; the report's `infinite_count` says when a mean is infinite).
    public static func json(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == 0 { return "0" }
        if x.rounded() == x, abs(x) < 1e15 { return String(Int(x)) }
        return "\(x)"
    }

    /// A CSV field: like JSON but with `inf`, `-inf` and `nan` spelled out.
    public static func csv(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        return json(x)
    }
}
