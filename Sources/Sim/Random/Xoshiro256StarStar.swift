/// xoshiro256** (Blackman and Vigna 2018): the simulator's generator.
///
/// Counter-based seeding: `Xoshiro256StarStar(seed:stream:)` derives the state from the pair
/// (seed, stream) through SplitMix64, so trial t of a run always gets the same numbers whatever
/// thread, chunk or shard runs it.
///
/// Properties: period 2^256 - 1; passes BigCrush; 4 words of state.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// A generator for stream `stream` (a trial index) of the run seeded with `seed`.
    public init(seed: UInt64, stream: UInt64 = 0) {
        self.init(seedKey: Self.seedKey(seed), stream: stream)
    }

    /// The part of the state derivation that depends on the seed alone; runs compute it once.
    @inline(__always)
    public static func seedKey(_ seed: UInt64) -> UInt64 { SplitMix64.mix(seed ^ 0x6A09_E667_F3BC_C909) }

    /// The generator of `stream` for a precomputed `seedKey(seed)`: the same as
    /// `init(seed:stream:)`.
    @inline(__always)
    public init(seedKey: UInt64, stream: UInt64) {
        var sm = SplitMix64(seed: seedKey ^ SplitMix64.mix(stream &+ 0x3C6E_F372_FE94_F82B))
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

extension RandomNumberGenerator {
    /// A uniform double in [0, 1) with 53 random bits. (Converted through Int64: the value is
    /// below 2^53, and the signed conversion is one instruction where the unsigned one is not.)
    @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(Int64(bitPattern: next() >> 11)) * 0x1.0p-53
    }

    /// A uniform double in (0, 1): never 0, for logarithms.
    @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }
}
