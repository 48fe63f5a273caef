/// The canonical encodings of seeds (reconstruction: docs/reconstructions.md#seed-encodings): which seed names
/// which dictator, rank, priority order, favour vector or partition. Fixed here so that every
/// outcome is reproducible from the reports and moves alone.
///
/// - Dictator / rank: `s ∈ Z_n`, dictator = agent `s`, rank `k = s + 1`.
/// - Permutation: lexicographic unranking of `s ∈ Z_{n!}` (`s = 0` is the identity). The
///   interleaved form (at step t remove index `c_t` of the remaining agents) is the same map with
///   `s = Σ_t c_t · (n−1−t)!`, which is why steps are mixed radix, most significant first.
/// - Bit vector: `k` steps of modulus 2, task 0 the most significant bit.
/// - Balanced partition: the canonical list of `balancedPartitions(agents:clusters:)`.
///
/// Edge cases: `n!` overflows `Int` for n >= 21; those seed spaces throw `seedSpaceTooLarge`.
public enum SeedEncoding {
    /// The most components a lottery or a game-last layout lists (10! = 3,628,800 fits).
    public static let maximumListedSlots = 4_000_000

    /// `Π moduli`, or an error when it leaves `Int`; every modulus must be >= 1.
    public static func product(_ moduli: [Int]) throws(DerandomizationError) -> Int {
        var m = 1
        for q in moduli {
            guard q >= 1 else { throw .seedSpaceTooLarge("a step modulus must be at least 1, got \(q)") }
            let (p, overflow) = m.multipliedReportingOverflow(by: q)
            guard !overflow else { throw .seedSpaceTooLarge("the product of the step moduli \(moduli) exceeds \(Int.max)") }
            m = p
        }
        return m
    }

    /// `n!`, or an error past 20!.
    public static func factorial(_ n: Int) throws(DerandomizationError) -> Int {
        guard n >= 0 else { return 1 }
        guard n <= 20 else { throw .seedSpaceTooLarge("\(n)! does not fit a 64-bit integer (n <= 20)") }
        return (1...max(n, 1)).reduce(1, *)
    }

    /// The greatest common divisor (`gcd(0, x) = x`).
    public static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (abs(a), abs(b))
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// The greatest common divisor of two 128-bit integers (`gcd(0, x) = |x|`).
    public static func gcd128(_ a: Int128, _ b: Int128) -> Int128 {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        return Int128(truncatingIfNeeded: x)
    }

    /// The slot of step choices `c_t ∈ Z_{q_t}`: `Σ_t c_t · Π_{u>t} q_u`.
    public static func slot(choices: [Int], moduli: [Int]) -> Int {
        var s = 0
        for (c, q) in zip(choices, moduli) { s = s * q + c }
        return s
    }

    /// The step choices of `slot` (inverse of `slot(choices:moduli:)`).
    public static func choices(slot: Int, moduli: [Int]) -> [Int] {
        var s = slot
        var out = Array(repeating: 0, count: moduli.count)
        for t in stride(from: moduli.count - 1, through: 0, by: -1) {
            out[t] = s % moduli[t]
            s /= moduli[t]
        }
        return out
    }

    /// The step moduli of permutations of n agents: `n, n−1, …, 1`.
    public static func permutationModuli(_ n: Int) -> [Int] {
        n <= 0 ? [] : Array((1...n).reversed())
    }

    /// The permutation of `0..<n` with lexicographic rank `rank` (`0 <= rank < n!`):
    /// ```
    /// L = [0, …, n−1]; for k in 0..<n { f = (n−1−k)!; order.append(L.remove(at: s / f)); s %= f }
    /// ```
    /// n = 3: ranks 0...5 give [0,1,2], [0,2,1], [1,0,2], [1,2,0], [2,0,1], [2,1,0].
    public static func permutation(rank: Int, count n: Int) -> [Int] {
        let choices = choices(slot: rank, moduli: permutationModuli(n))
        var remaining = Array(0..<n)
        var order: [Int] = []
        order.reserveCapacity(n)
        for c in choices { order.append(remaining.remove(at: c)) }
        return order
    }

    /// The lexicographic rank of a permutation of `0..<n` (inverse of `permutation(rank:count:)`).
    public static func rank(ofPermutation order: [Int]) -> Int {
        var remaining = Array(0..<order.count)
        var choices: [Int] = []
        for a in order {
            let i = remaining.firstIndex(of: a) ?? 0
            choices.append(i)
            remaining.remove(at: i)
        }
        return slot(choices: choices, moduli: permutationModuli(order.count))
    }

    /// The canonical list of partitions of `0..<n` into `clusters` unordered clusters of equal
    /// size: the first cluster holds the smallest agent not yet placed and its companions in
    /// lexicographic order of combinations; recursively for the rest. n = 4, 2 clusters:
    /// `{0,1}|{2,3}`, `{0,2}|{1,3}`, `{0,3}|{1,2}`. Each partition lists its clusters by smallest
    /// member, each cluster sorted. Empty when `clusters` does not divide `n`.
    public static func balancedPartitions(agents n: Int, clusters: Int) -> [[[Int]]] {
        guard clusters >= 1, n >= clusters, n % clusters == 0 else { return [] }
        let size = n / clusters
        var out: [[[Int]]] = []
        func extend(_ remaining: [Int], _ built: [[Int]]) {
            guard let first = remaining.first else { out.append(built); return }
            let rest = Array(remaining.dropFirst())
            for companions in combinations(rest, size - 1) {
                let cluster = [first] + companions
                extend(rest.filter { !companions.contains($0) }, built + [cluster])
            }
        }
        extend(Array(0..<n), [])
        return out
    }

    /// The `k`-element subsets of `items` in lexicographic order of positions.
    public static func combinations(_ items: [Int], _ k: Int) -> [[Int]] {
        guard k > 0 else { return [[]] }
        guard items.count >= k else { return [] }
        var out: [[Int]] = []
        for (i, x) in items.enumerated() {
            for tail in combinations(Array(items[(i + 1)...]), k - 1) { out.append([x] + tail) }
        }
        return out
    }
}
