import Mechanisms
import Solvers

/// The axioms of probabilistic voting rules on strict rankings, each with its exact checker
/// over every ordered profile (`check`) beside its linear constraints for the design LP
/// (`rows`).
///
/// ```
/// sd-strategyproofness       Σ_{c ∈ top_k(R_i)} p(P, c) >= Σ_{c ∈ top_k(R_i)} p((R', P_−i), c)   ∀ i, P, R', k
/// anonymity                  p(σP) = p(P)                  ∀ permutations σ of the voters
/// neutrality                 p(πP, π(c)) = p(P, c)         ∀ permutations π of the candidates
/// ex-post-pareto-efficiency  p(P, c) = 0 when some d is ranked above c by every voter
/// ```
/// Properties: SD-strategyproofness is Gibbard's (1977) strategyproofness of a probabilistic
/// rule: the truthful lottery stochastically dominates every misreport's lottery for the
/// voter's ranking, equivalently no von Neumann–Morgenstern utility consistent with R_i gains.
/// All four are linear in the lotteries, so each is a set of rows of the design LP; anonymity's
/// rows are not written: the LP runs over multisets of rankings instead.
/// Verdicts are exact (rational arithmetic) and cover every ordered profile of n voters and m
/// candidates, so a clean check says `holds` over that space.
/// References: Gibbard, A. (1977), "Manipulation of schemes that mix voting with chance",
/// Econometrica 45(3):665–681.
public enum VotingAxiom: String, Sendable, Hashable, CaseIterable {
    case sdStrategyproofness = "sd-strategyproofness"
    case anonymity = "anonymity"
    case neutrality = "neutrality"
    case exPostParetoEfficiency = "ex-post-pareto-efficiency"

    public var id: String { rawValue }

    public var name: String {
        switch self {
        case .sdStrategyproofness: "SD-strategyproofness"
        case .anonymity: "Anonymity (voting)"
        case .neutrality: "Neutrality"
        case .exPostParetoEfficiency: "Ex-post Pareto efficiency (voting)"
        }
    }

    public var definition: String {
        switch self {
        case .sdStrategyproofness:
            "For every voter i, profile P, misreport R' and k: the probability of R_i's top k candidates under P is at least that under (R', P_-i) (the truthful lottery stochastically dominates)."
        case .anonymity: "p(sigma P) = p(P) for every permutation sigma of the voters."
        case .neutrality: "p(pi P, pi(c)) = p(P, c) for every permutation pi of the candidates."
        case .exPostParetoEfficiency: "p(P, c) = 0 whenever some candidate d is ranked above c by every voter."
        }
    }

    public var source: String {
        switch self {
        case .sdStrategyproofness: "Gibbard (1977), Econometrica 45(3):665-681 (strategyproofness of probabilistic rules)"
        case .anonymity, .neutrality, .exPostParetoEfficiency: "Gibbard (1977), Econometrica 45(3):665-681"
        }
    }

    /// The axiom of this id, or nil.
    public init?(id: String) { self.init(rawValue: id) }

    // MARK: - Checker

    /// Judges the tabulated rule over every ordered profile, exactly; a violation carries the
    /// first witness in profile order (voter 0's ranking most significant).
    public func check(_ table: VotingTable) -> Verdict {
        let s = table.space
        let n = s.voters, m = s.candidates, R = s.rankingCount, count = table.lotteries.count
        let every = "every ordered profile of \(n) voter\(n == 1 ? "" : "s") ranking \(m) candidates strictly (\(R)^\(n) = \(count) profiles)"
        do {
            switch self {
            case .sdStrategyproofness:
                let space = CheckedSpace("\(every), every voter, every misreport (\(R - 1)) and every k = 1..\(m - 1)", count: count * n * (R - 1) * (m - 1), exhaustive: true)
                // cumulative[k][r][j]: the probability of ranking r's top j + 1 candidates at profile k.
                let cumulative = try table.lotteries.map { lottery in
                    try s.rankings.map { ranking in
                        var sums: [Rational] = [], sum = Rational.zero
                        for c in ranking.dropLast() { sum = try sum.adding(lottery[c]); sums.append(sum) }
                        return sums
                    }
                }
                for k in 0..<count {
                    let profile = s.profile(at: k)
                    for i in 0..<n {
                        let truth = profile[i]
                        var deviated = profile
                        for r in 0..<R where r != truth {
                            deviated[i] = r
                            let d = s.index(of: deviated)
                            for j in 0..<(m - 1) where cumulative[d][truth][j] > cumulative[k][truth][j] {
                                return .violated(.voting(.manipulation(
                                    profile: s.rankings(of: profile), voter: i, misreport: s.ranking(r), top: j + 1,
                                    truthful: cumulative[k][truth][j], misreported: cumulative[d][truth][j])), space: space, arithmetic: .exact)
                            }
                        }
                    }
                }
                return .holds(space: space, arithmetic: .exact)
            case .anonymity:
                let space = CheckedSpace("\(every), against the same rankings in increasing voter order", count: count, exhaustive: true)
                for k in 0..<count {
                    let profile = s.profile(at: k)
                    let sorted = profile.sorted()
                    guard sorted != profile else { continue }
                    let other = table.lotteries[s.index(of: sorted)]
                    for c in 0..<m where other[c] != table.lotteries[k][c] {
                        return .violated(.voting(.voterAsymmetry(profile: s.rankings(of: profile), permuted: s.rankings(of: sorted), candidate: c,
                                                                 probability: table.lotteries[k][c], permutedProbability: other[c])),
                                         space: space, arithmetic: .exact)
                    }
                }
                return .holds(space: space, arithmetic: .exact)
            case .neutrality:
                let space = CheckedSpace("\(every), every permutation of the candidates (\(R)) and every candidate", count: count * R * m, exhaustive: true)
                for k in 0..<count {
                    let profile = s.profile(at: k)
                    for p in 0..<R {
                        let pi = s.ranking(p)
                        let image = profile.map { s.permuted[$0][p] }
                        let other = table.lotteries[s.index(of: image)]
                        for c in 0..<m where other[pi[c]] != table.lotteries[k][c] {
                            return .violated(.voting(.candidateAsymmetry(profile: s.rankings(of: profile), permutation: pi, candidate: c,
                                                                         probability: table.lotteries[k][c], permutedProbability: other[pi[c]])),
                                             space: space, arithmetic: .exact)
                        }
                    }
                }
                return .holds(space: space, arithmetic: .exact)
            case .exPostParetoEfficiency:
                let space = CheckedSpace("\(every), every candidate against every other", count: count * m, exhaustive: true)
                for k in 0..<count {
                    let profile = s.profile(at: k)
                    for c in 0..<m where table.lotteries[k][c].signum > 0 {
                        if let d = (0..<m).first(where: { $0 != c && s.dominates($0, c, in: profile) }) {
                            return .violated(.voting(.dominatedWinner(profile: s.rankings(of: profile), candidate: c, dominatedBy: d,
                                                                      probability: table.lotteries[k][c])),
                                             space: space, arithmetic: .exact)
                        }
                    }
                }
                return .holds(space: space, arithmetic: .exact)
            }
        } catch {
            return .inconclusive(reason: "exact arithmetic overflowed: \(error)", space: CheckedSpace(every, exhaustive: false))
        }
    }

    // MARK: - Constraints

    /// The rows this axiom puts on the design LP at `profile` (ranking indices): integer
    /// coefficients on p(profile', c). Anonymity declares none (the LP runs over multisets).
    public func rows(at profile: [Int], on s: VotingSpace) -> [VotingRow] {
        let m = s.candidates
        switch self {
        case .sdStrategyproofness:
            var out: [VotingRow] = []
            var seen = Set<Int>()
            for i in 0..<s.voters where seen.insert(profile[i]).inserted {
                let truth = s.ranking(profile[i])
                var deviated = profile
                for r in 0..<s.rankingCount where r != profile[i] {
                    deviated[i] = r
                    for k in 1..<m {
                        let top = truth.prefix(k)
                        let gain: [(profile: [Int], candidate: Int, coefficient: Int)] = top.map { (profile: profile, candidate: $0, coefficient: 1) }
                        let loss: [(profile: [Int], candidate: Int, coefficient: Int)] = top.map { (profile: deviated, candidate: $0, coefficient: -1) }
                        out.append(VotingRow(terms: gain + loss, relation: .greaterOrEqual, bound: 0))
                    }
                }
            }
            return out
        case .anonymity:
            return []
        case .neutrality:
            var out: [VotingRow] = []
            for p in 1..<s.rankingCount {
                let pi = s.ranking(p)
                let image = profile.map { s.permuted[$0][p] }
                for c in 0..<m { out.append(VotingRow(terms: [(profile: image, candidate: pi[c], coefficient: 1), (profile: profile, candidate: c, coefficient: -1)], relation: .equal, bound: 0)) }
            }
            return out
        case .exPostParetoEfficiency:
            return (0..<m).filter { c in (0..<m).contains { $0 != c && s.dominates($0, c, in: profile) } }
                .map { VotingRow(terms: [(profile: profile, candidate: $0, coefficient: 1)], relation: .equal, bound: 0) }
        }
    }
}

/// One linear row on the lotteries of a voting rule: `Σ coefficient · p(profile, candidate)`
/// (relation) `bound`, integers throughout.
public struct VotingRow: Sendable {
    public enum Relation: Sendable { case equal, greaterOrEqual }
    public var terms: [(profile: [Int], candidate: Int, coefficient: Int)]
    public var relation: Relation
    public var bound: Int
}

/// What a voting axiom's violation looks like: the profile as rankings (best first) and what
/// differs, in exact fractions.
public enum VotingWitness: Sendable, Hashable {
    /// Voter `voter` gains by reporting `misreport`: the probability of its true top `top`
    /// candidates rises from `truthful` to `misreported`.
    case manipulation(profile: [[Int]], voter: Int, misreport: [Int], top: Int, truthful: Rational, misreported: Rational)
    /// Reordering the voters changes candidate `candidate`'s probability.
    case voterAsymmetry(profile: [[Int]], permuted: [[Int]], candidate: Int, probability: Rational, permutedProbability: Rational)
    /// Renaming the candidates by `permutation` (c ↦ permutation[c]) does not rename the lottery.
    case candidateAsymmetry(profile: [[Int]], permutation: [Int], candidate: Int, probability: Rational, permutedProbability: Rational)
    /// A candidate every voter ranks below `dominatedBy` wins with positive probability.
    case dominatedWinner(profile: [[Int]], candidate: Int, dominatedBy: Int, probability: Rational)

    static func rankings(_ p: [[Int]]) -> JSONValue { .array(p.map { .array($0.map { .integer($0) }) }) }
    static func text(_ p: [[Int]]) -> String { "(" + p.map { $0.map(String.init).joined(separator: ">") }.joined(separator: ", ") + ")" }

    var json: JSONValue {
        switch self {
        case .manipulation(let p, let i, let r, let k, let a, let b):
            .object([("kind", .string("voting-manipulation")), ("profile", Self.rankings(p)), ("voter", .integer(i)),
                     ("misreport", .array(r.map { .integer($0) })), ("top", .integer(k)),
                     ("truthful", .string(a.description)), ("misreported", .string(b.description)), ("explanation", .string(explanation))])
        case .voterAsymmetry(let p, let q, let c, let a, let b):
            .object([("kind", .string("voting-voter-asymmetry")), ("profile", Self.rankings(p)), ("permuted", Self.rankings(q)),
                     ("candidate", .integer(c)), ("probability", .string(a.description)), ("permuted_probability", .string(b.description)),
                     ("explanation", .string(explanation))])
        case .candidateAsymmetry(let p, let pi, let c, let a, let b):
            .object([("kind", .string("voting-candidate-asymmetry")), ("profile", Self.rankings(p)), ("permutation", .array(pi.map { .integer($0) })),
                     ("candidate", .integer(c)), ("probability", .string(a.description)), ("permuted_probability", .string(b.description)),
                     ("explanation", .string(explanation))])
        case .dominatedWinner(let p, let c, let d, let a):
            .object([("kind", .string("voting-dominated-winner")), ("profile", Self.rankings(p)), ("candidate", .integer(c)),
                     ("dominated_by", .integer(d)), ("probability", .string(a.description)), ("explanation", .string(explanation))])
        }
    }

    /// One sentence saying what goes wrong.
    public var explanation: String {
        switch self {
        case .manipulation(let p, let i, let r, let k, let a, let b):
            "at the profile \(Self.text(p)) voter \(i) reporting \(r.map(String.init).joined(separator: ">")) raises the probability of its true top \(k) (\(p[i].prefix(k).map(String.init).joined(separator: ", "))) from \(a) to \(b)"
        case .voterAsymmetry(let p, let q, let c, let a, let b):
            "candidate \(c) has probability \(a) at \(Self.text(p)) but \(b) at \(Self.text(q)), the same rankings with the voters reordered"
        case .candidateAsymmetry(let p, let pi, let c, let a, let b):
            "candidate \(c) has probability \(a) at \(Self.text(p)), but after renaming the candidates c -> \(pi.map(String.init).joined(separator: ", ")) (in order) candidate \(pi[c]) has \(b)"
        case .dominatedWinner(let p, let c, let d, let a):
            "at \(Self.text(p)) every voter ranks \(d) above \(c), yet \(c) wins with probability \(a)"
        }
    }
}
