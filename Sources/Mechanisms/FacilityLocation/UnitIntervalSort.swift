/// Sorting of values in [0, 1] for the Monte Carlo hot path: a counting pass over 2n + 1
/// equal-width buckets (fused with drawing the values), a scatter that groups the values by
/// bucket, then as many branch-free odd-even transposition rounds as the fullest bucket has
/// values, which sort the runs of values that share a bucket.
///
/// ```
/// bucket(x) = round(2n · x) ∈ {0, ..., 2n}     (monotone in x)
/// ```
/// The bucket index is computed without a checked conversion: adding 2^52 to a double in
/// [0, 2^31) leaves round(v) in the low bits of its bit pattern. The bucket function is
/// monotone, so values in different buckets are already in order after the scatter. With 2n
/// buckets most hold at most one value and the fullest holds 3 or 4, so a few rounds of n/2
/// compare-exchanges finish the sort, and no branch depends on the data.
///
/// Measured on the CI machine with n = 101 (W1, one thread): the rounds (with `min`/`max`,
/// see `transpositionRounds`) and the bucket noted by the counting pass made the whole
/// profile 1.3 times faster than the insertion pass and recomputed buckets did before them.
/// Placing each value at a rank counted inside its bucket, inserting during the scatter (with
/// or without a branch), listing the shared buckets during the count (its store addresses
/// chain the iterations), keeping per-bucket minimum, maximum and xor instead of scattering,
/// 4n or 8n buckets, 4-wide bucket offsets, and SIMD8 loads in the rounds were all slower or
/// no faster.
///
/// Complexity: O(n) expected when the values are spread out (any distribution with a bounded
/// density), because each bucket then holds O(1) values. When one bucket holds more than
/// `crowdedBucket` values (clustered profiles, many equal reports), it falls back to the
/// standard library's O(n log n) sort, so the worst case stays O(n log n).
@usableFromInline
enum UnitIntervalSort {
    @usableFromInline static let insertionOnly = 16
    static let crowdedBucket: Int32 = 32
    @usableFromInline static let bucketsPerValue = 2

    /// The size the `buckets` buffer must have for `n` values: one counter per bucket, then
    /// each value's bucket, noted by the counting pass for the scatter.
    @usableFromInline
    static func bucketStorage(for n: Int) -> Int { bucketsPerValue * n + 1 + n }

    /// What the counting pass leaves for the placing pass.
    @usableFromInline
    struct Counts {
        /// The largest bucket count (above `crowdedBucket` the placing pass falls back).
        @usableFromInline var crowded: Int32
        @inlinable init(crowded: Int32) {
            self.crowded = crowded
        }
    }

    /// bucket(x) = round(2n · x), without a checked conversion.
    @inlinable @inline(__always)
    static func bucket(_ x: Double, scale: Double) -> Int {
        Int(truncatingIfNeeded: (x * scale + 0x1.0p52).bitPattern & 0xFFFF_FFFF)
    }

    /// Fills `values` from `draw` and, when there are enough of them to bucket, counts them
    /// into `b[0 ..< 2n + 1]` (zeroed here). Fusing the count with the drawing saves a pass.
    @inlinable @inline(__always)
    static func fillAndCount(
        _ values: UnsafeMutableBufferPointer<Double>, buckets b: UnsafeMutableBufferPointer<Int32>,
        _ draw: () -> Double
    ) -> Counts {
        let n = values.count
        if n <= insertionOnly {
            for i in 0..<n { values[i] = draw() }
            return Counts(crowded: 0)
        }
        let count = bucketsPerValue &* n &+ 1
        let scale = Double(bucketsPerValue &* n)
        // b holds the 2n + 1 bucket counts, then each value's bucket (bucketStorage(for: n)).
        assert(b.count >= count + n, "UnitIntervalSort: \(b.count) bucket slots for \(n) values")
        for k in 0..<count { b[k] = 0 }
        var crowded: Int32 = 0
        for i in 0..<n {
            let x = draw()
            values[i] = x
            let k = bucket(x, scale: scale)
            assert(k >= 0 && k < count, "UnitIntervalSort: value \(x) is not in [0, 1]")
            b[count &+ i] = Int32(truncatingIfNeeded: k)
            let c = b[k] &+ 1
            b[k] = c
            crowded = max(crowded, c)
        }
        return Counts(crowded: crowded)
    }

    /// The second half of the sort, after `fillAndCount`: exclusive prefix sums over the
    /// buckets, the scatter and the transposition rounds (or the fallbacks).
    @usableFromInline
    static func place(
        _ source: UnsafeBufferPointer<Double>, _ counts: Counts,
        into s: UnsafeMutableBufferPointer<Double>,
        buckets b: UnsafeMutableBufferPointer<Int32>
    ) {
        let n = source.count
        if n <= insertionOnly || counts.crowded > crowdedBucket {
            for i in 0..<n { s[i] = source[i] }
            if n <= insertionOnly {
                insertionSort(s)
            } else {
                var whole = s
                whole.sort()
            }
            return
        }
        let count = bucketsPerValue * n + 1
        assert(s.count == n && b.count >= count + n, "UnitIntervalSort: \(s.count) sorted slots, \(b.count) bucket slots for \(n) values")
        // Exclusive prefix sums: b[k] becomes the first slot of bucket k, then its cursor.
        var start: Int32 = 0
        for k in 0..<count {
            let c = b[k]
            b[k] = start
            start &+= c
        }
        for i in 0..<n {
            let k = Int(b[count &+ i])
            assert(k >= 0 && k < count && Int(b[k]) < n)
            s[Int(b[k])] = source[i]
            b[k] &+= 1
        }
        // Values in different buckets are in order; only values that share a bucket can be out
        // of order, and they sit next to each other. Odd-even transposition rounds sort every
        // such run: c rounds sort a run of c values, and a compare-exchange across two buckets
        // changes nothing. A round is branch-free but costs n/2 compare-exchanges whatever the
        // data, so a crowded bucket (clustered profiles) goes to the insertion pass instead,
        // whose cost follows the number of shared values (it mispredicts once per move).
        if counts.crowded <= maximumRounds {
            transpositionRounds(s, rounds: Int(counts.crowded))
        } else {
            insertionSort(s)
        }
    }

    /// The fullest bucket for which the transposition rounds beat the insertion pass. For n
    /// uniform values in 2n + 1 buckets the fullest holds 3 or 4 values in 96% of profiles
    /// (n = 101).
    static let maximumRounds: Int32 = 4

    /// `rounds` rounds of odd-even transposition sort (alternately the pairs (0, 1), (2, 3), ...
    /// and (1, 2), (3, 4), ...), each a branch-free compare-exchange of every pair.
    @inline(__always)
    static func transpositionRounds(_ s: UnsafeMutableBufferPointer<Double>, rounds: Int) {
        let n = s.count
        guard rounds > 1, let p = s.baseAddress else { return }
        for round in 0..<rounds {
            var i = round & 1
            while i &+ 1 < n {
                // min and max compile to a branch-free compare-and-blend; a written-out swap
                // (`if a > b`) or the ternaries `b < a ? b : a`, `a > b ? a : b` became a
                // branch and cost 15% of the whole profile in mispredictions.
                let a = p[i], b = p[i &+ 1]
                p[i] = min(a, b)
                p[i &+ 1] = max(a, b)
                i &+= 2
            }
        }
    }

    @inline(__always)
    static func insertionSort(_ s: UnsafeMutableBufferPointer<Double>) {
        let n = s.count
        if n < 2 { return }
        for i in 1..<n {
            let x = s[i]
            var j = i
            while j > 0, s[j - 1] > x {
                s[j] = s[j - 1]
                j -= 1
            }
            s[j] = x
        }
    }
}
