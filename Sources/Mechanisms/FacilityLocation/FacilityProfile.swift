/// A profile of reported locations of n agents on the interval [0, 1], with the sorted view and
/// prefix sums every facility-location computation needs.
///
/// Construction sorts once (O(n) expected for spread-out values, O(n log n) worst case) and
/// builds prefix sums, so the total cost at any point costs O(log n) and the expected total cost
/// of a lottery with m support points O(m log n).
///
/// Edge cases: an empty profile, a NaN or infinite location, or a location outside [0, 1] is
/// rejected by `init(_:)`. The hot paths reuse one profile's storage, with input the caller
/// guarantees to be valid: the Monte Carlo sampler through `refill(count:drawing:)` (drawing
/// fused with the sort's first pass), the checkers through `loadDeviation(of:agent:report:)`
/// (one report replaced, no sort), and grids through `reload(from:)`.
public struct FacilityProfile: Sendable, Hashable {
    /// The reports in agent order.
    @inlinable public var locations: [Double] { storedLocations }
    @usableFromInline var storedLocations: [Double]
    /// The reports sorted ascending: `sorted[0]` is the leftmost.
    public private(set) var sorted: [Double]
    /// `prefix[j]` is the sum of the j smallest reports; `prefix.count == n + 1`.
    public private(set) var prefix: [Double]
    /// Σ_i Σ_j |x_i - x_j| = 2 Σ_j x_(j) (2j - n - 1) (1-based j), computed with the prefix sums.
    public private(set) var pairwiseDistanceSum: Double = 0
    @usableFromInline var buckets: [Int32] = []

    /// Validates and builds a profile.
    public init(_ locations: [Double]) throws(MechanismError) {
        guard !locations.isEmpty else {
            throw .invalidProfile("the profile is empty; give at least one location in [0, 1]")
        }
        for (i, x) in locations.enumerated() {
            guard x.isFinite else {
                throw .invalidProfile("location \(i + 1) is \(x); locations must be finite numbers in [0, 1]")
            }
            guard x >= 0, x <= 1 else {
                throw .invalidProfile("location \(i + 1) is \(x), outside [0, 1]")
            }
        }
        self.init(trusted: locations)
    }

    /// Builds a profile from locations the caller guarantees to be finite, in [0, 1] and
    /// non-empty (samplers, grids, and profiles derived from a valid one).
    public init(trusted locations: [Double]) {
        precondition(!locations.isEmpty, "FacilityProfile(trusted:) needs at least one location")
        self.storedLocations = locations
        self.sorted = []
        self.prefix = []
        rebuild()
    }

    /// Replaces the reports with `values` (agent order), reusing this profile's storage.
    /// `values` must be non-empty, finite and in [0, 1].
    public mutating func reload(from values: UnsafeBufferPointer<Double>) {
        precondition(!values.isEmpty, "reload(from:) needs at least one location")
        assert(values.allSatisfy { $0 >= 0 && $0 <= 1 }, "reload(from:) needs locations in [0, 1]")
        if storedLocations.count != values.count {
            storedLocations = Array(values)
        } else {
            storedLocations.withUnsafeMutableBufferPointer { dst in
                for i in 0..<values.count { dst[i] = values[i] }
            }
        }
        rebuild()
    }

    /// Draws n reports (agent order) from `draw` straight into this profile's storage and
    /// sorts them: the sampler's path, with no intermediate copy and the first pass of the sort
    /// fused with the drawing. Every value `draw` returns must be finite and in [0, 1].
    @inlinable
    public mutating func refill(count n: Int, drawing draw: () -> Double) {
        precondition(n >= 1, "refill(count:drawing:) needs at least one location")
        prepareStorage(n)
        let counts = storedLocations.withUnsafeMutableBufferPointer { values in
            buckets.withUnsafeMutableBufferPointer { b in
                UnitIntervalSort.fillAndCount(values, buckets: b, draw)
            }
        }
        finishSort(counts)
    }

    /// The same profile with agent `agent`'s report replaced by `report` (in [0, 1]).
    public func replacing(agent: Int, with report: Double) -> FacilityProfile {
        var copy = locations
        copy[agent] = report
        return FacilityProfile(trusted: copy)
    }

    @usableFromInline
    mutating func prepareStorage(_ n: Int) {
        if storedLocations.count != n { storedLocations = [Double](repeating: 0, count: n) }
        if sorted.count != n { sorted = [Double](repeating: 0, count: n) }
        let storage = UnitIntervalSort.bucketStorage(for: n)
        if buckets.count != storage { buckets = [Int32](repeating: 0, count: storage) }
    }

    private mutating func rebuild() {
        prepareStorage(storedLocations.count)
        let counts = storedLocations.withUnsafeMutableBufferPointer { values in
            buckets.withUnsafeMutableBufferPointer { b in
                var i = 0
                return UnitIntervalSort.fillAndCount(values, buckets: b) {
                    defer { i &+= 1 }
                    return values[i]
                }
            }
        }
        finishSort(counts)
    }

    /// Places the counted values in `sorted`, then builds the prefix sums.
    @usableFromInline
    mutating func finishSort(_ counts: UnitIntervalSort.Counts) {
        // Mutable access to the reports too, though they are only read: reading one stored
        // array while writing the others retained and released its buffer on every profile.
        storedLocations.withUnsafeMutableBufferPointer { source in
            sorted.withUnsafeMutableBufferPointer { s in
                buckets.withUnsafeMutableBufferPointer { b in
                    UnitIntervalSort.place(UnsafeBufferPointer(source), counts, into: s, buckets: b)
                }
            }
        }
        buildPrefixSums()
    }

    /// Loads `base` with agent `agent`'s report replaced by `report` (in [0, 1]), reusing this
    /// profile's storage: the sorted view is `base`'s with one copy of the old report removed
    /// and the new one inserted, O(n) with no sort. The strategyproofness checkers' path.
    public mutating func loadDeviation(of base: FacilityProfile, agent: Int, report: Double) {
        let n = base.count
        assert(agent >= 0 && agent < n && report >= 0 && report <= 1, "loadDeviation: agent \(agent) of \(n), report \(report)")
        if storedLocations.count != n { storedLocations = [Double](repeating: 0, count: n) }
        if sorted.count != n { sorted = [Double](repeating: 0, count: n) }
        let old = base.storedLocations[agent]
        storedLocations.withUnsafeMutableBufferPointer { loc in
            base.storedLocations.withUnsafeBufferPointer { b in
                for i in 0..<n { loc[i] = b[i] }
            }
            loc[agent] = report
        }
        if prefix.count != n + 1 { prefix = [Double](repeating: 0, count: n + 1) }
        // One pass writes the sorted view and its prefix sums (see `buildPrefixSums`).
        var sumOfPrefixes = 0.0
        sorted.withUnsafeMutableBufferPointer { s in
            prefix.withUnsafeMutableBufferPointer { p in
                base.sorted.withUnsafeBufferPointer { b in
                    var w = 0
                    var acc = 0.0
                    var removed = false, inserted = false
                    p[0] = 0
                    @inline(__always) func emit(_ v: Double) {
                        // n values out: one copy of `old` leaves, `report` enters.
                        assert(w < s.count && w + 1 < p.count, "loadDeviation: writing sorted slot \(w) of \(s.count)")
                        s[w] = v
                        acc += v
                        w += 1
                        p[w] = acc
                        sumOfPrefixes += acc
                    }
                    for v in b {
                        if !removed, v == old { removed = true; continue }
                        if !inserted, report <= v { emit(report); inserted = true }
                        emit(v)
                    }
                    if !inserted { emit(report) }
                    assert(removed && w == n, "loadDeviation: the old report \(old) was not in the sorted view")
                }
            }
        }
        let total = prefix[n]
        pairwiseDistanceSum = 2 * (Double(n - 1) * total - 2 * (sumOfPrefixes - total))
    }

    /// Prefix sums and the pairwise distance sum of `sorted`.
    private mutating func buildPrefixSums() {
        let n = sorted.count
        if prefix.count != n + 1 { prefix = [Double](repeating: 0, count: n + 1) }
        // Four elements per step on the dependency chain: p[j+4] = p[j] + ((a + b) + (c + d)).
        // Σ_j x_(j)(2j - n + 1) = (n - 1) T - 2 Σ_{k=1}^{n-1} p[k], accumulated alongside.
        var sumOfPrefixes = 0.0
        sorted.withUnsafeBufferPointer { s in
            prefix.withUnsafeMutableBufferPointer { p in
                var acc = 0.0
                p[0] = 0
                var j = 0
                while j &+ 3 < n {
                    let a = s[j], b = s[j &+ 1], c = s[j &+ 2], d = s[j &+ 3]
                    let ab = a + b
                    let p1 = acc + a
                    let p2 = acc + ab
                    let p3 = p2 + c
                    let p4 = acc + (ab + (c + d))
                    p[j &+ 1] = p1
                    p[j &+ 2] = p2
                    p[j &+ 3] = p3
                    p[j &+ 4] = p4
                    sumOfPrefixes += (p1 + p2) + (p3 + p4)
                    acc = p4
                    j &+= 4
                }
                while j < n {
                    acc += s[j]
                    p[j &+ 1] = acc
                    sumOfPrefixes += acc
                    j &+= 1
                }
            }
        }
        let total = prefix[n]
        // sumOfPrefixes covers p[1] ... p[n]; the identity needs p[1] ... p[n-1].
        let weighted = Double(n - 1) * total - 2 * (sumOfPrefixes - total)
        pairwiseDistanceSum = 2 * weighted
    }

    /// The number of agents.
    @inlinable @inline(__always) public var count: Int { storedLocations.count }

    /// The leftmost report x_(1).
    @inlinable @inline(__always) public var minimum: Double { sorted[0] }
    /// The rightmost report x_(n).
    @inlinable @inline(__always) public var maximum: Double { sorted[sorted.count - 1] }
    /// The mean report.
    public var mean: Double { prefix[count] / Double(count) }

    /// The number of reports strictly below `y`: a branch-free binary search (the loop runs
    /// ceil(log2 n) times whatever `y` is, so it does not mispredict).
    @inlinable @inline(__always) public func countBelow(_ y: Double) -> Int {
        sorted.withUnsafeBufferPointer { s in
            var base = 0
            var length = s.count
            while length > 1 {
                let half = length >> 1
                base = s[base &+ half] < y ? base &+ half : base
                length &-= half
            }
            return base &+ (s[base] < y ? 1 : 0)
        }
    }

    /// Total cost TC(y) = sum_i |y - x_i|, in O(log n) from the prefix sums.
    @inlinable @inline(__always) public func totalCost(at y: Double) -> Double {
        let below = countBelow(y)
        let n = count
        let sumBelow = prefix[below]
        let sumAbove = prefix[n] - sumBelow
        let left = y * Double(below) - sumBelow
        let right = sumAbove - y * Double(n - below)
        return max(0, left) + max(0, right)
    }

    /// Maximum cost MC(y) = max_i |y - x_i| = max(y - x_(1), x_(n) - y).
    @inlinable @inline(__always) public func maxCost(at y: Double) -> Double {
        max(y - minimum, maximum - y)
    }

    /// The minimum total cost, attained at any median: OPT_TC = TC(x_(ceil(n/2))).
    public var optimalTotalCost: Double { totalCost(at: sorted[(count + 1) / 2 - 1]) }
    /// The minimum maximum cost, attained at the midpoint: OPT_MC = (x_(n) - x_(1)) / 2.
    public var optimalMaxCost: Double { (maximum - minimum) / 2 }

    public static func == (a: FacilityProfile, b: FacilityProfile) -> Bool { a.storedLocations == b.storedLocations }
    public func hash(into h: inout Hasher) { h.combine(storedLocations) }
}
