/// Sorting of values in [0, 1] for the Monte Carlo hot path: a counting pass over 2n
/// equal-width buckets, a scatter that groups the values by bucket, then an insertion pass that
/// only moves values within their bucket. (Measured on the CI machine with n = 101: about 3 times
/// faster than the standard library's sort; placing each value at a rank counted inside its
/// bucket, or inserting during the scatter, were both slower.)
///
/// Complexity: O(n) expected when the values are spread out (any distribution with a bounded
/// density), because each bucket then holds O(1) values. When one bucket holds more than
/// `crowdedBucket` values (clustered profiles, many equal reports), it falls back to the
/// standard library's O(n log n) sort, so the worst case stays O(n log n).
enum UnitIntervalSort {
    static let insertionOnly = 16
    static let crowdedBucket: Int32 = 32

    /// Buckets per value: with 2n buckets most hold at most one value, so the insertion pass
    /// rarely moves anything and its loop exits are predictable.
    static let bucketsPerValue = 2

    /// The size `starts` and `cursors` must each have for `n` values.
    static func bucketStorage(for n: Int) -> Int { bucketsPerValue * n + 1 }

    /// Writes the values of `source` in ascending order into `destination` (same count).
    /// `starts` and `cursors` have `bucketStorage(for: count)` elements.
    static func sort(
        _ source: UnsafeBufferPointer<Double>,
        into s: UnsafeMutableBufferPointer<Double>,
        starts: UnsafeMutableBufferPointer<Int32>,
        cursors: UnsafeMutableBufferPointer<Int32>
    ) {
        let n = source.count
        if n <= insertionOnly {
            for i in 0..<n { s[i] = source[i] }
            insertionSort(s)
            return
        }
        let buckets = bucketsPerValue * n
        let scale = Double(buckets)
        let last = buckets - 1
        @inline(__always) func bucket(_ x: Double) -> Int { min(Int(x * scale), last) }
        for k in 0...buckets { starts[k] = 0 }
        var crowded: Int32 = 0
        for i in 0..<n {
            let k = bucket(source[i]) + 1
            starts[k] &+= 1
            crowded = max(crowded, starts[k])
        }
        if crowded > crowdedBucket {
            for i in 0..<n { s[i] = source[i] }
            var whole = s
            whole.sort()
            return
        }
        for k in 0..<buckets {
            starts[k + 1] &+= starts[k]
            cursors[k] = starts[k]
        }
        for i in 0..<n {
            let x = source[i]
            let k = bucket(x)
            s[Int(cursors[k])] = x
            cursors[k] &+= 1
        }
        // Values are now grouped by bucket; order them within their buckets.
        insertionSort(s)
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
