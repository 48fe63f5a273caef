/// Random pair majority: two candidates drawn uniformly at random; the one a majority of the
/// voters prefers wins; a fair coin decides a tie.
///
/// ```
/// pairs {a < b} in lexicographic order, K = m(m − 1)/2;   component s ∈ Z_K × Z_2 = (pair, coin)
/// winner(pair {a, b}, coin) = a if |{i : a ≻_i b}| > n/2, b if fewer, a on a tie with coin 0, b with coin 1
/// P(c wins) = (1/K) Σ_{d ≠ c} [ 1{c beats d} + ½ · 1{c ties d} ]
/// ```
/// Properties: a duple rule in Gibbard's sense (every lottery is supported on the pair drawn,
/// and each pair's two-candidate majority is monotone), so SD-strategyproof (Gibbard 1977: the
/// strategyproof probabilistic rules are the mixtures of unilateral and duple rules); anonymous
/// and neutral (derived: the pair is drawn uniformly, majority and the fair coin treat voters and
/// candidates alike). Every component (a fixed pair and coin) is strategyproof too, so the rule
/// is universally truthful.
/// What does **not** hold: ex-post Pareto efficiency for m >= 3: when every voter ranks
/// a ≻ b ≻ c and the pair {b, c} is drawn, b wins although a is better for everybody.
/// Reports: strict rankings, best first, of the same candidates `0..<m`.
/// References: Gibbard (1977), Econometrica 45(3):665–681.
public struct RandomPairMajority: VotingMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "random-pair-majority", name: "Random pair majority (voting)", domain: .voting,
        summary: "Two candidates drawn uniformly at random; the one a majority prefers wins; a fair coin on a tie.",
        isRandomized: true,
        references: [DerandomizedPapers.gibbard1977],
        claims: [
            Claim("sd-strategyproofness", .satisfies, source: "Gibbard (1977): a duple rule (each pair decided by majority, a monotone two-candidate rule)"),
            Claim("anonymity", .satisfies, source: "derived: the pair, majority and the coin do not depend on the voters' names"),
            Claim("neutrality", .satisfies, source: "derived: the pair is drawn uniformly and majority with a fair coin treats both candidates alike"),
            Claim("ex-post-pareto-efficiency", .violates, source: "derived: everyone ranks a > b > c and the pair {b, c} is drawn: b wins with probability 1/3"),
        ])

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func validate(_ reports: [[Int]]) throws(DerandomizationError) {
        try Ballots.validateStrict(reports)
    }

    /// (pair, coin): `max(1, m(m − 1)/2)` pairs, then 2 coin faces.
    public func stepModuli(for reports: [[Int]]) throws(DerandomizationError) -> [Int] {
        let m = reports.first?.count ?? 0
        return [max(1, m * (m - 1) / 2), 2]
    }

    public func component(_ seed: Int, for reports: [[Int]]) throws(DerandomizationError) -> Int {
        let m = reports[0].count
        guard m >= 2 else { return reports[0][0] }
        let (a, b) = Self.pair(seed / 2, candidates: m)
        var forA = 0
        for ranking in reports {
            // a is preferred when it comes first in the ranking.
            for c in ranking where c == a || c == b {
                if c == a { forA += 1 }
                break
            }
        }
        let forB = reports.count - forA
        if forA != forB { return forA > forB ? a : b }
        return seed % 2 == 0 ? a : b
    }

    /// The pair of rank `k` among the pairs `a < b` of `0..<m` in lexicographic order.
    static func pair(_ k: Int, candidates m: Int) -> (Int, Int) {
        var rest = k
        for a in 0..<m {
            let count = m - 1 - a
            if rest < count { return (a, a + 1 + rest) }
            rest -= count
        }
        return (0, 1)
    }
}
