/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit generator used here to expand seeds.
///
/// Each output is a bijective mix of a Weyl sequence, so distinct (seed, counter) inputs give
/// well-separated states for `Xoshiro256StarStar`.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finalizer: a bijection on 64-bit words with good avalanche.
    @inline(__always)
    public static func mix(_ z0: UInt64) -> UInt64 {
        var z = z0
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
