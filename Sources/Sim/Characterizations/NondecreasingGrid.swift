import Mechanisms

/// The non-decreasing index vectors (i_1 <= ... <= i_n, each in 0 ... g) in lexicographic
/// order: the multisets of n grid points, which is every profile an anonymous mechanism can
/// tell apart on the grid {0, 1/g, ..., 1}. Shared by the worst-case searches and the phantom
/// enumeration.
public enum NondecreasingGrid {
    /// C(n + g, n), the number of vectors, as a Double (it outgrows Int quickly).
    public static func count(length n: Int, maximum g: Int) -> Double {
        // C(n + g, n) = C(n + g, min(n, g)): min(n, g) factors, so any n and g answer at once.
        let k = min(n, g), other = Double(max(n, g))
        var count = 1.0
        for i in stride(from: 1, through: k, by: 1) {
            count = count * (other + Double(i)) / Double(i)
            if !count.isFinite { break }
        }
        return count
    }

    /// Calls `body` with every vector, or with those whose first entry is `first` when given.
    /// A vector of length 0 is visited once.
    static func forEach(length n: Int, maximum g: Int, first: Int? = nil, _ body: ([Int]) -> Void) {
        var index = [Int](repeating: first ?? 0, count: n)
        let lowest = first == nil ? 0 : 1
        while true {
            body(index)
            var i = n - 1
            while i >= lowest, index[i] == g { i -= 1 }
            if i < lowest { return }
            index[i] += 1
            for j in (i + 1)..<n { index[j] = index[i] }
        }
    }

    /// Calls `body` with each non-decreasing profile of `agents` agents on the grid 1/`resolution`
    /// (held in reused storage) and its locations.
    static func forEachProfile(
        agents n: Int, resolution g: Int, first: Int? = nil, _ body: (FacilityProfile, [Double]) -> Void
    ) {
        var locations = [Double](repeating: 0, count: n)
        var profile = FacilityProfile(trusted: locations)
        let scale = Double(g)
        forEach(length: n, maximum: g, first: first) { index in
            for i in 0..<n { locations[i] = Double(index[i]) / scale }
            locations.withUnsafeBufferPointer { profile.reload(from: $0) }
            body(profile, locations)
        }
    }
}
