import Mechanisms

/// Absolute tolerance for comparing doubles computed from exact fractions: the computations
/// are a few dozen floating-point operations on numbers in [0, 5], so errors stay below 1e-14.
let exact = 1e-12

/// A tiny seeded generator for tests (SplitMix64), so the tests do not depend on Sim.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
    /// A value on the grid {0, 1/g, ..., 1}.
    mutating func grid(_ g: Int) -> Double { Double(Int.random(in: 0...g, using: &self)) / Double(g) }
}

/// "1/3" -> 0.333...
func q(_ s: String) -> Double {
    let parts = s.split(separator: "/")
    return parts.count == 2 ? Double(parts[0])! / Double(parts[1])! : Double(s)!
}

func profile(_ xs: String...) -> FacilityProfile {
    FacilityProfile(trusted: xs.map(q))
}

func near(_ a: Double, _ b: Double, _ tol: Double = exact) -> Bool { abs(a - b) <= tol }

func sameLottery(_ l: Lottery<Double>, _ pairs: [(String, String)]) -> Bool {
    let expected = pairs.map { (q($0.0), q($0.1)) }
    guard l.entries.count == expected.count else { return false }
    return zip(l.entries, expected).allSatisfy { near($0.outcome, $1.0) && near($0.probability, $1.1) }
}
