import Mechanisms
import Solvers

/// The profiles of a voting check or design: n voters' strict rankings of m candidates.
///
/// ```
/// rankings   every permutation of 0..<m, best first, in lexicographic order (index r)
/// profile    one ranking index per voter; ordered profiles in mixed radix m!, voter 0 first
/// ```
/// Properties: `(m!)^n` ordered profiles; `C(m! + n − 1, n)` multisets (nondecreasing index
/// sequences), each standing for `n! / Π mult!` ordered profiles (`orderings`).
public struct VotingSpace: Sendable, Hashable {
    public let voters: Int
    public let candidates: Int
    /// Every strict ranking of `0..<m`, best first, in lexicographic order.
    public let rankings: [[Int]]
    /// `positions[r][c]`: the place of candidate c in ranking r (0 = best).
    let positions: [[Int]]
    /// `permuted[r][p]`: the index of ranking r with its candidates renamed by permutation p
    /// (`rankings[p]` read as c ↦ rankings[p][c]).
    let permuted: [[Int]]
    let indexOfRanking: [[Int]: Int]

    /// The most ordered profiles the checkers enumerate (each holds a lottery and, for
    /// SD-strategyproofness, m! cumulative sums).
    public static let maximumOrderedProfiles = 50_000
    /// The most candidates (8! = 40,320 rankings).
    public static let maximumCandidates = 8

    /// - Throws: `CheckError.input` when n < 1, m < 2 or m > 8.
    public init(voters n: Int, candidates m: Int) throws(CheckError) {
        guard n >= 1 else { throw .input("the number of voters must be at least 1, got \(n).") }
        guard m >= 2 else { throw .input("the number of candidates must be at least 2, got \(m).") }
        guard m <= Self.maximumCandidates else {
            throw .input("\(m) candidates have \(m)! strict rankings, more than the \(Self.maximumCandidates)! the voting checks list; use at most \(Self.maximumCandidates) candidates.")
        }
        voters = n
        candidates = m
        var all: [[Int]] = []
        func extend(_ prefix: [Int], _ rest: [Int]) {
            if rest.isEmpty { all.append(prefix); return }
            for (k, c) in rest.enumerated() {
                var r = rest
                r.remove(at: k)
                extend(prefix + [c], r)
            }
        }
        extend([], Array(0..<m))
        rankings = all
        var index: [[Int]: Int] = [:]
        for (r, ranking) in all.enumerated() { index[ranking] = r }
        indexOfRanking = index
        positions = all.map { ranking in
            var p = [Int](repeating: 0, count: m)
            for (place, c) in ranking.enumerated() { p[c] = place }
            return p
        }
        permuted = all.map { ranking in all.map { pi in index[ranking.map { pi[$0] }]! } }
    }

    public var rankingCount: Int { rankings.count }

    /// `(m!)^n` as a Double (may exceed Int).
    public var orderedProfileCountEstimate: Double {
        var x = 1.0
        for _ in 0..<voters { x *= Double(rankingCount) }
        return x
    }

    /// `C(m! + n − 1, n)` as a Double.
    public var multisetCountEstimate: Double {
        var c = 1.0
        for k in 1...voters { c = c * Double(rankingCount - 1 + k) / Double(k) }
        return c.rounded()
    }

    /// `(m!)^n`; the caller checks `orderedProfileCountEstimate` first.
    public var orderedProfileCount: Int {
        var x = 1
        for _ in 0..<voters { x *= rankingCount }
        return x
    }

    /// The index of an ordered profile (voter 0 most significant).
    public func index(of profile: [Int]) -> Int {
        profile.reduce(0) { $0 * rankingCount + $1 }
    }

    /// The ordered profile of `index`.
    public func profile(at index: Int) -> [Int] {
        var rest = index
        var p = [Int](repeating: 0, count: voters)
        for i in stride(from: voters - 1, through: 0, by: -1) {
            p[i] = rest % rankingCount
            rest /= rankingCount
        }
        return p
    }

    /// Every multiset of rankings as a nondecreasing index sequence, in lexicographic order.
    public func multisets() -> [[Int]] {
        var out: [[Int]] = []
        var current = [Int](repeating: 0, count: voters)
        let top = rankingCount - 1
        while true {
            out.append(current)
            var i = voters - 1
            while i >= 0 && current[i] == top { i -= 1 }
            if i < 0 { break }
            current[i] += 1
            for j in (i + 1)..<voters { current[j] = current[i] }
        }
        return out
    }

    /// The number of ordered profiles with the multiset of `profile`: n! / Π mult!.
    public func orderings(_ profile: [Int]) -> Int {
        var counts: [Int: Int] = [:]
        for r in profile { counts[r, default: 0] += 1 }
        // Multinomial as a product of binomials, exact in Int for the sizes the design allows.
        var result = 1, placed = 0
        for (_, k) in counts.sorted(by: { $0.key < $1.key }) {
            for j in 1...k { result = result * (placed + j) / j }
            placed += k
        }
        return result
    }

    /// The ranking of index r as candidates, best first.
    public func ranking(_ r: Int) -> [Int] { rankings[r] }

    /// The index of `ranking`, or nil when it is not a strict ranking of `0..<m`.
    public func rankingIndex(of ranking: [Int]) -> Int? { indexOfRanking[ranking] }

    /// The place of candidate c in ranking r (0 = best).
    public func position(_ r: Int, _ c: Int) -> Int { positions[r][c] }

    /// Candidate d is ranked above c by every voter of `profile`.
    func dominates(_ d: Int, _ c: Int, in profile: [Int]) -> Bool {
        profile.allSatisfy { positions[$0][d] < positions[$0][c] }
    }

    /// The profile as rankings of candidates.
    public func rankings(of profile: [Int]) -> [[Int]] { profile.map { rankings[$0] } }
}

/// A probabilistic voting rule tabulated on every ordered profile of a `VotingSpace`: the
/// exact lottery over the candidates at each profile.
public struct VotingTable: Sendable {
    public let space: VotingSpace
    /// `lotteries[index(of: P)][c]` = p(P, c).
    public let lotteries: [[Rational]]

    /// Tabulates `rule` on every ordered profile (its argument: one ranking per voter, best
    /// first). Throws `CheckError.input` when the space has more than
    /// `VotingSpace.maximumOrderedProfiles` profiles or a lottery is not a distribution.
    public init(space: VotingSpace, rule: ([[Int]]) throws -> [Rational]) throws {
        guard space.orderedProfileCountEstimate <= Double(VotingSpace.maximumOrderedProfiles) else {
            throw CheckError.input("\(space.voters) voters and \(space.candidates) candidates have \(space.rankingCount)^\(space.voters) = \(SizeLimits.countText(space.orderedProfileCountEstimate)) ordered profiles, more than the \(VotingSpace.maximumOrderedProfiles.formatted()) the voting checks enumerate; use fewer voters or candidates.")
        }
        let count = space.orderedProfileCount
        var out: [[Rational]] = []
        out.reserveCapacity(count)
        for k in 0..<count {
            let lottery = try rule(space.rankings(of: space.profile(at: k)))
            guard lottery.count == space.candidates, lottery.allSatisfy({ $0.signum >= 0 }),
                  try lottery.reduce(Rational.zero, { try $0.adding($1) }) == .one else {
                throw CheckError.input("the rule's lottery at the profile \(space.rankings(of: space.profile(at: k))) is \(lottery.map(\.description)), not a distribution over the \(space.candidates) candidates.")
            }
            out.append(lottery)
        }
        self.space = space
        lotteries = out
    }

    /// p(P, c) at the ordered profile P (ranking indices).
    public func probability(_ profile: [Int], _ c: Int) -> Rational { lotteries[space.index(of: profile)][c] }

    /// The lottery of a registered voting mechanism on strict rankings (a ranking is given to a
    /// mechanism of weak ballots as singleton classes), or nil when the mechanism is not a
    /// voting mechanism that takes strict or weak rankings.
    public static func lottery(of mechanism: any Mechanism, _ profile: [[Int]], candidates m: Int) throws -> [Rational]? {
        guard let voting = mechanism as? any VotingMechanism else { return nil }
        return try lottery(voting, profile, candidates: m)
    }

    private static func lottery<M: VotingMechanism>(_ m: M, _ profile: [[Int]], candidates: Int) throws -> [Rational]? {
        let reports: [M.Report]
        if let r = profile as? [M.Report] {
            reports = r
        } else if let r = profile.map({ $0.map { [$0] } }) as? [M.Report] {
            reports = r
        } else {
            return nil
        }
        let lottery = try m.lottery(for: reports)
        return (0..<candidates).map { lottery.probability(of: $0) }
    }

    /// The registered voting mechanism `mechanism` tabulated on `space`, or nil when it is not a
    /// voting mechanism on rankings.
    public static func of(_ mechanism: any Mechanism, space: VotingSpace) throws -> VotingTable? {
        guard try lottery(of: mechanism, space.rankings(of: space.profile(at: 0)), candidates: space.candidates) != nil else { return nil }
        return try VotingTable(space: space) { profile in
            try lottery(of: mechanism, profile, candidates: space.candidates) ?? []
        }
    }

    /// The expected utility of the average voter under impartial culture (every ordered profile
    /// equally likely) with positional scores (`scores[k]` for the candidate in place k):
    /// `Σ_P Σ_c p(P, c) Σ_i scores[pos_i(c)] / (n · (m!)^n)`, exactly.
    public func expectedUtility(scores: [Int]) throws(RationalError) -> Rational {
        var total = Rational.zero
        for (k, lottery) in lotteries.enumerated() {
            let profile = space.profile(at: k)
            for (c, p) in lottery.enumerated() where p.signum != 0 {
                let s = profile.reduce(0) { $0 + scores[space.position($1, c)] }
                total = try total.adding(try p.multiplied(by: Rational(s)))
            }
        }
        return try total.divided(by: Rational(space.voters * lotteries.count))
    }
}
