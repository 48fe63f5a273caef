/// Mixed-radix numbering of profiles (effort profiles b ∈ ×ᵢ Bᵢ, signal profiles s ∈ ×ᵢ Sᵢ):
/// a profile of digits `(d₀, …, d_{n−1})` with `0 ≤ dᵢ < radices[i]` is the index
///
/// ```
/// index = Σᵢ dᵢ · strideᵢ,   strideᵢ = Π_{j > i} radices[j]
/// ```
///
/// so agent 0 is the most significant digit and indices follow the lexicographic order of
/// profiles, `(0,0) < (0,1) < (1,0) < (1,1)`.
///
/// Properties: `index(digits(i)) == i` for every `i < count`; `replacing` is O(1).
public struct ProfileIndexer: Sendable, Hashable {
    /// The number of values of each digit.
    public let radices: [Int]
    /// The weight of each digit in the index.
    public let strides: [Int]
    /// The number of profiles, `Π radices`.
    public let count: Int

    /// - Precondition: every radix is at least 1 (instances are validated before indexing).
    public init(radices: [Int]) {
        precondition(radices.allSatisfy { $0 >= 1 }, "ProfileIndexer radices must be positive")
        self.radices = radices
        var strides = [Int](repeating: 1, count: radices.count)
        var product = 1
        for i in radices.indices.reversed() {
            strides[i] = product
            product *= radices[i]
        }
        self.strides = strides
        self.count = product
    }

    /// The index of a profile.
    public func index(_ digits: [Int]) -> Int {
        var index = 0
        for i in digits.indices { index += digits[i] * strides[i] }
        return index
    }

    /// The profile with this index.
    public func digits(_ index: Int) -> [Int] {
        var out = [Int](repeating: 0, count: radices.count)
        for i in radices.indices { out[i] = (index / strides[i]) % radices[i] }
        return out
    }

    /// Digit `position` of the profile `index`.
    @inline(__always)
    public func digit(_ index: Int, _ position: Int) -> Int {
        (index / strides[position]) % radices[position]
    }

    /// The index of the profile `index` with digit `position` set to `value`.
    @inline(__always)
    public func replacing(_ index: Int, _ position: Int, with value: Int) -> Int {
        index + (value - digit(index, position)) * strides[position]
    }

    /// `(d₀, …)` as text, for error messages and witnesses.
    public func label(_ index: Int) -> String {
        "(" + digits(index).map(String.init).joined(separator: ",") + ")"
    }
}
