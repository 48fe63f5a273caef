import Solvers

/// Probabilistic serial (the eating algorithm): all agents eat their favourite remaining item
/// at unit speed from time 0 to 1; an agent's share of an item is its probability of getting it.
/// As a uniform mixture it is laid out by a Birkhoff-von Neumann decomposition.
///
/// ```
/// P = eating shares;  D = lcm of the denominators of P;  W = D·P (integer, rows and columns sum to D)
/// repeat: π = lexicographically first permutation with W[i][π(i)] > 0 for all i;
///         w = min_i W[i][π(i)];  give π w slots;  W ← W − w·π          (until W = 0)
/// ```
/// The slots depend on the reports, so only game last (and one-step game interleaved) apply.
/// Properties: sd-efficient, sd-envy-free (Bogomolnaia and Moulin 2001); every BvN component is
/// a perfect matching. **Not** strategyproof: worked instance R-4 (agent 0 raises its expected utility from
/// 13/2 to 7 by ranking h1 first), so sincere reporting with uniform play is not an equilibrium of
/// the derandomized mechanism: our candidate for the paper's "all but one" exception.
/// Worked instance R-3: matrix (1/2, 1/4, 1/4), (1/2, 0, 1/2), (0, 3/4, 1/4); D = 4; slots
/// [0→h0, 1→h2, 2→h1] ×2, [0→h1, 1→h0, 2→h2], [0→h2, 1→h0, 2→h1].
/// References: Bogomolnaia and Moulin (2001); Walsh (2024) (the decomposition order is ours).
public struct ProbabilisticSerial: AllocationMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "probabilistic-serial", name: "Probabilistic serial", domain: .resourceAllocation,
        summary: "Eating algorithm shares, realised by a Birkhoff-von Neumann decomposition in lexicographic order.",
        isRandomized: true,
        references: [DerandomizedPapers.bogomolnaiaMoulin2001, DerandomizedPapers.walsh2024],
        claims: [
            Claim("sd-envy-freeness", .satisfies, source: "Bogomolnaia and Moulin (2001)"),
            Claim("strategyproofness", .violates, source: "derived: worked instance R-4 (agent 0 raises 13/2 to 7 by ranking h1 first)", minimalAgents: 3),
        ],
        reconstruction: "The slot order (lexicographically first permutation, peeled greedily) is ours (docs/reconstructions.md#derandomized-domains).")

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var seedSpaceIsReportIndependent: Bool { false }

    public func validate(_ reports: [[Int]]) throws(DerandomizationError) {
        try HouseAllocation.validate(reports)
    }

    /// The exact eating shares (`matrix[i][j]` = agent i's probability of item j).
    public func matrix(for reports: [[Int]]) throws(DerandomizationError) -> [[Rational]] {
        try validate(reports)
        do { return try Self.eat(reports) } catch { throw .overflow("probabilistic serial shares: \(error)") }
    }

    static func eat(_ reports: [[Int]]) throws(RationalError) -> [[Rational]] {
        let n = reports.count
        var supply = Array(repeating: Rational.one, count: n)
        var shares = Array(repeating: Array(repeating: Rational.zero, count: n), count: n)
        var time = Rational.zero
        while time < .one {
            let targets = reports.map { r in r.first { supply[$0] > .zero } ?? r[0] }
            var eaters = Array(repeating: 0, count: n)
            for t in targets { eaters[t] += 1 }
            var step = try Rational.one.subtracting(time)
            for j in 0..<n where eaters[j] > 0 {
                let finish = try supply[j].divided(by: Rational(eaters[j]))
                step = min(step, finish)
            }
            for (i, t) in targets.enumerated() {
                shares[i][t] = try shares[i][t].adding(step)
                supply[t] = try supply[t].subtracting(step)
            }
            time = try time.adding(step)
        }
        return shares
    }

    /// The Birkhoff-von Neumann slots: permutations (agent → item) with their slot counts.
    public func decomposition(for reports: [[Int]]) throws(DerandomizationError) -> [(assignment: [Int], slots: Int)] {
        let p = try matrix(for: reports)
        var d: Int128 = 1
        for row in p {
            for x in row {
                d = d / SeedEncoding.gcd128(d, x.denominator) * x.denominator
                guard d <= 1_000_000 else { throw .seedSpaceTooLarge("the common denominator of the shares exceeds 10^6") }
            }
        }
        var w = p.map { row in row.map { Int($0.numerator * d / $0.denominator) } }
        var out: [(assignment: [Int], slots: Int)] = []
        while w.contains(where: { $0.contains { $0 > 0 } }) {
            guard let perm = Self.firstPositivePermutation(w) else {
                throw .overflow("no positive permutation left in the decomposition (not doubly stochastic)")
            }
            let weight = perm.enumerated().map { w[$0.offset][$0.element] }.min() ?? 0
            for (i, j) in perm.enumerated() { w[i][j] -= weight }
            out.append((perm, weight))
        }
        return out
    }

    /// The lexicographically first permutation π with `w[i][π(i)] > 0` for every i.
    static func firstPositivePermutation(_ w: [[Int]]) -> [Int]? {
        let n = w.count
        var used = Array(repeating: false, count: n)
        var perm: [Int] = []
        func search(_ i: Int) -> Bool {
            if i == n { return true }
            for j in 0..<n where !used[j] && w[i][j] > 0 {
                used[j] = true; perm.append(j)
                if search(i + 1) { return true }
                used[j] = false; perm.removeLast()
            }
            return false
        }
        return search(0) ? perm : nil
    }

    public func stepModuli(for reports: [[Int]]) throws(DerandomizationError) -> [Int] {
        [try decomposition(for: reports).reduce(0) { $0 + $1.slots }]
    }

    public func component(_ seed: Int, for reports: [[Int]]) throws(DerandomizationError) -> [Int] {
        var s = seed
        for (assignment, slots) in try decomposition(for: reports) {
            if s < slots { return assignment }
            s -= slots
        }
        throw .invalidInput(path: "seed", expected: "a slot below the decomposition size, got \(seed)")
    }

    /// All slots at once (the decomposition is computed once).
    public func slots(for reports: [[Int]]) throws(DerandomizationError) -> [[Int]] {
        try decomposition(for: reports).flatMap { Array(repeating: $0.assignment, count: $0.slots) }
    }
}
