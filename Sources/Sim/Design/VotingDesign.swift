import Foundation
import Mechanisms
import Solvers

/// Automated design of probabilistic voting rules: the rule of largest expected utility under
/// axioms that are linear constraints, by linear programming (Conitzer and Sandholm 2002).
///
/// ```
/// variables   p(P, c) >= 0 for every profile P of n strict rankings of m candidates and every
///             candidate c;  Σ_c p(P, c) = 1   (P a multiset of rankings when anonymous)
/// axioms      the rows each axiom declares (`VotingAxiom.rows`)
/// objective   max (1 / (n · (m!)^n)) Σ_{ordered P} Σ_c p(P, c) Σ_i s[pos_i(c)]
///             impartial culture (every ordered profile equally likely), positional scores s:
///             Borda (m−1, ..., 1, 0), plurality (1, 0, ..., 0), veto (1, ..., 1, 0) or given
/// ```
/// The optimum is the expected utility of the average voter. Rows and objective have integer
/// coefficients (the objective is scaled by n · (m!)^n), so the optimum has an exact rational
/// certificate (`DesignCertificate`, or GLPK's rational simplex with `method: .exact`).
///
/// Properties: the designed rule is tabulated on every ordered profile and judged by the
/// ordinary checkers of its axioms (`checks`); every registered voting mechanism those checkers
/// find satisfying the axioms is evaluated exactly (`compared`). By Gibbard (1977) the
/// SD-strategyproof rules are the mixtures of unilateral and duple rules, so with anonymity and
/// neutrality a linear objective is maximized by a symmetric unilateral or duple rule (random
/// dictatorship, random pair majority, ...); with ex-post Pareto efficiency added only random
/// dictatorship remains.
/// What does not hold: the optimum is for the stated n, m and utility model; impartial culture
/// is one distribution among many.
///
/// References: A. Gibbard, "Manipulation of schemes that mix voting with chance", Econometrica
/// 45(3):665–681, 1977; V. Conitzer and T. Sandholm, "Complexity of Mechanism Design", UAI 2002.
public enum VotingDesign {
    /// The objectives of a voting design.
    public enum Objective: String, Sendable, Hashable, CaseIterable {
        /// The average voter's expected utility under impartial culture.
        case expectedUtility = "expected-utility"
    }

    /// A positional utility model: the utility of a voter's k-th ranked candidate.
    public enum Utility: Sendable, Hashable {
        case borda
        case plurality
        case veto
        /// `scores[k]` for the candidate in place k (0 = best); one per candidate.
        case scores([Int])

        /// Parses `borda`, `plurality`, `veto` or comma-separated integers `S1,S2,...`.
        public init?(_ text: String) {
            switch text {
            case "borda": self = .borda
            case "plurality": self = .plurality
            case "veto": self = .veto
            default:
                let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
                self = .scores(parts.map { $0! })
            }
        }

        /// The scores for m candidates, best place first.
        public func scores(candidates m: Int) -> [Int] {
            switch self {
            case .borda: (0..<m).map { m - 1 - $0 }
            case .plurality: (0..<m).map { $0 == 0 ? 1 : 0 }
            case .veto: (0..<m).map { $0 == m - 1 ? 0 : 1 }
            case .scores(let s): s
            }
        }

        /// `borda`, `plurality`, `veto` or the scores joined by commas.
        public var id: String {
            switch self {
            case .borda: "borda"
            case .plurality: "plurality"
            case .veto: "veto"
            case .scores(let s): s.map(String.init).joined(separator: ",")
            }
        }
    }

    /// What to design.
    public struct Request: Sendable, Hashable {
        public var agents: Int
        public var candidates: Int
        public var axioms: [String]
        public var objective: Objective
        public var utility: Utility
        public var method: FacilityDesign.Method
        /// Evaluate every registered voting mechanism that satisfies the axioms.
        public var compare: Bool
        /// Check the designed rule with the ordinary checkers of its axioms.
        public var verify: Bool
        /// A wall-clock limit for the solver, in seconds.
        public var timeLimitSeconds: Double?
        /// Decide whether the optimal rule is the only one (`DesignUniqueness`).
        public var uniqueness: Bool

        public init(agents: Int, candidates: Int, axioms: [String], objective: Objective = .expectedUtility, utility: Utility = .borda,
                    method: FacilityDesign.Method = .simplex, compare: Bool = true, verify: Bool = true, timeLimitSeconds: Double? = nil,
                    uniqueness: Bool = false) {
            self.uniqueness = uniqueness
            self.agents = agents
            self.candidates = candidates
            self.axioms = axioms
            self.objective = objective
            self.utility = utility
            self.method = method
            self.compare = compare
            self.verify = verify
            self.timeLimitSeconds = timeLimitSeconds
        }
    }

    /// A registered voting mechanism evaluated exactly on the design's profiles.
    public struct Comparison: Sendable, Hashable {
        public var mechanism: String
        public var value: Rational
        /// Whether the value equals the exact optimum.
        public var optimal: Bool
    }

    /// The designed rule judged by one axiom's ordinary checker.
    public struct Check: Sendable {
        public var axiom: VotingAxiom
        public var verdict: Verdict
    }

    /// The result of a design.
    public struct Result: Sendable {
        public var request: Request
        /// `optimal` or `infeasible` (an answer, not an error).
        public var status: String
        /// The optimal value (the average voter's expected utility), exactly, when certified.
        public var optimum: Rational?
        public var optimumDecimal: Double?
        public var exact: Bool
        /// How the optimum was confirmed, or why it was not.
        public var exactNote: String
        /// The program's profiles (ranking indices; multisets when anonymous) with their exact
        /// lotteries (candidate, probability > 0).
        public var lotteries: [(profile: [Int], lottery: [(candidate: Int, probability: Rational)])]
        /// The designed rule on every ordered profile (nil when infeasible or not exact).
        public var table: VotingTable?
        public var compared: [Comparison]
        public var checks: [Check]
        public var variables: Int
        public var constraints: Int
        public var seconds: Double
        /// Whether the program ran over multisets (anonymity).
        public var anonymous: Bool
        /// The rankings of the space, for rendering profiles.
        public var space: VotingSpace
        /// With `uniqueness`: whether the optimal rule is the only one (nil: not asked, or not
        /// decided), and how it was decided.
        public var unique: Bool?
        public var uniquenessNote: String = ""
    }

    /// The largest program `design` builds (variables and rows).
    public static let maximumVariables = 200_000
    public static let maximumConstraints = 2_000_000

    // MARK: - Axioms

    /// The voting axioms of `ids`, or the error naming the first that is not one (an axiom of
    /// another domain, or an unknown id with the closest voting axiom).
    public static func axioms(_ ids: [String]) throws(FacilityDesign.DesignError) -> [VotingAxiom] {
        var out: [VotingAxiom] = []
        for id in ids {
            guard let axiom = VotingAxiom(id: id) else {
                do { _ = try AxiomRegistry.entry(id, domain: .voting) } catch { throw .invalid(error.description) }
                throw .invalid("Unknown axiom '\(id)'.")
            }
            if !out.contains(axiom) { out.append(axiom) }
        }
        return out
    }

    // MARK: - Size

    /// (profiles, variables, rows) of the program, estimated before it is built.
    public static func estimate(_ space: VotingSpace, anonymous: Bool, axioms: [VotingAxiom]) -> (profiles: Double, variables: Double, rows: Double) {
        let profiles = anonymous ? space.multisetCountEstimate : space.orderedProfileCountEstimate
        let m = Double(space.candidates), R = Double(space.rankingCount), n = Double(space.voters)
        var perProfile = 1.0
        if axioms.contains(.sdStrategyproofness) { perProfile += n * (R - 1) * (m - 1) }
        if axioms.contains(.neutrality) { perProfile += (R - 1) * m }
        if axioms.contains(.exPostParetoEfficiency) { perProfile += m }
        return (profiles, profiles * m, profiles * perProfile)
    }

    // MARK: - Design

    /// Designs the rule of `request`.
    /// - Throws: `DesignError` for bad input (an axiom of another domain or unknown, a bad
    ///   utility, a program too large, refused before it is built) or a solver failure; an
    ///   infeasible axiom set is a result.
    public static func design(_ request: Request) throws(FacilityDesign.DesignError) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let n = request.agents, m = request.candidates
        guard n >= 1 else { throw .invalid("the number of voters (--agents) must be at least 1, got \(n).") }
        guard m >= 2 else { throw .invalid("the number of candidates must be at least 2, got \(m).") }
        guard m <= 5 else { throw .tooLarge("\(m) candidates have \(m)! strict rankings; the voting design takes at most 5 candidates (120 rankings).") }
        let axioms = try axioms(request.axioms)
        let scores = request.utility.scores(candidates: m)
        guard scores.count == m else {
            throw .invalid("the utility '\(request.utility.id)' has \(scores.count) scores but there are \(m) candidates; give one score per place, best first (e.g. \((0..<m).map { String(m - 1 - $0) }.joined(separator: ","))).")
        }
        let space: VotingSpace
        do { space = try VotingSpace(voters: n, candidates: m) } catch { throw .invalid(error.description) }
        let anonymous = axioms.contains(.anonymity)
        let size = estimate(space, anonymous: anonymous, axioms: axioms)
        let profilesText = anonymous ? "C(\(space.rankingCount) + \(n) - 1, \(n)) = \(SizeLimits.countText(size.profiles)) multisets of rankings"
            : "\(space.rankingCount)^\(n) = \(SizeLimits.countText(size.profiles)) ordered profiles"
        if size.variables > Double(maximumVariables) || size.rows > Double(maximumConstraints) {
            throw .tooLarge("The voting design program for \(n) voters and \(m) candidates has \(profilesText), about \(SizeLimits.countText(size.variables)) variables and \(SizeLimits.countText(size.rows)) constraints, more than the limit of \(maximumVariables.formatted()) variables and \(maximumConstraints.formatted()) constraints; use fewer voters or candidates\(anonymous ? "" : ", or add anonymity (solves over multisets)").")
        }
        if space.orderedProfileCountEstimate > Double(VotingSpace.maximumOrderedProfiles) {
            throw .tooLarge("The designed rule is checked on every ordered profile: \(space.rankingCount)^\(n) = \(SizeLimits.countText(space.orderedProfileCountEstimate)) for \(n) voters and \(m) candidates, more than the \(VotingSpace.maximumOrderedProfiles.formatted()) the voting checks enumerate; use fewer voters or candidates.")
        }

        // The program.
        let profiles = anonymous ? space.multisets() : (0..<space.orderedProfileCount).map(space.profile(at:))
        var index: [[Int]: Int] = [:]
        for (b, p) in profiles.enumerated() { index[p] = b }
        func variable(_ profile: [Int], _ c: Int) -> Int { index[anonymous ? profile.sorted() : profile]! * m + c }
        var program = LinearProgram(sense: .maximize)
        for (b, p) in profiles.enumerated() {
            let weight = anonymous ? space.orderings(p) : 1
            for c in 0..<m {
                let total = p.reduce(0) { $0 + scores[space.position($1, c)] }
                program.addVariable(lower: 0, upper: .infinity, name: "p\(b)_\(c)")
                program.objective[b * m + c] = Double(weight * total)
            }
            program.addConstraint((0..<m).map { (b * m + $0, 1.0) }, .equal(1), name: "lottery \(b) sums to one")
        }
        var seen = Set<[Int]>()
        for axiom in axioms {
            for p in profiles {
                for row in axiom.rows(at: p, on: space) {
                    var merged: [Int: Int] = [:]
                    for t in row.terms { merged[variable(t.profile, t.candidate), default: 0] += t.coefficient }
                    let vars = merged.keys.sorted().filter { merged[$0] != 0 }
                    guard !vars.isEmpty else { continue }
                    var key = [row.relation == .equal ? 1 : 2, row.bound]
                    for v in vars { key.append(v); key.append(merged[v]!) }
                    guard seen.insert(key).inserted else { continue }
                    program.addConstraint(vars.map { ($0, Double(merged[$0]!)) },
                                          row.relation == .equal ? .equal(Double(row.bound)) : .greaterOrEqual(Double(row.bound)), name: axiom.id)
                }
            }
        }
        let normalizer = n * space.orderedProfileCount

        // Solve and confirm.
        let solution: LPSolution
        do {
            solution = try GLPKSolver(method: request.method == .exact ? .exact : .dualSimplex, timeLimitSeconds: request.timeLimitSeconds).solve(program)
        } catch {
            throw .solver(error.description)
        }
        var result = Result(request: request, status: solution.status.rawValue, optimum: nil, optimumDecimal: nil, exact: false, exactNote: "",
                            lotteries: [], table: nil, compared: [], checks: [], variables: program.variables.count,
                            constraints: program.constraints.count, seconds: 0, anonymous: anonymous, space: space)
        guard solution.status == .optimal else {
            guard solution.status == .infeasible else { throw .solver("GLPK ended with status '\(solution.status.rawValue)' on the voting design program.") }
            result.exactNote = "GLPK proved that no probabilistic rule satisfies the axioms for \(n) voters and \(m) candidates."
            result.seconds = (clock.now - start).seconds
            return result
        }
        let confirmation = DesignCertificate.confirm(program, solution)
        let point = confirmation.point
        result.exact = point != nil
        result.exactNote = confirmation.note
        result.optimumDecimal = solution.objective / Double(normalizer)
        guard let point else {
            result.seconds = (clock.now - start).seconds
            return result
        }
        for (b, p) in profiles.enumerated() {
            var lottery: [(candidate: Int, probability: Rational)] = []
            for c in 0..<m where point[b * m + c].signum > 0 { lottery.append((candidate: c, probability: point[b * m + c])) }
            result.lotteries.append((profile: p, lottery: lottery))
        }
        if request.uniqueness {
            // Each profile's lottery is a group: its probabilities sum to one.
            let blocks = profiles.indices.map { b in (0..<m).map { b * m + $0 } }
            switch DesignUniqueness.decide(program, at: point, variables: blocks.flatMap { $0 }, groups: blocks) {
            case .unique(let programs):
                result.unique = true
                result.uniquenessNote = "Exactly one rule is optimal: no feasible direction at the optimum changes a lottery (\(programs) direction LPs, each maximum 0 in rational arithmetic)."
            case .notUnique(_, let second, let programs):
                result.unique = false
                if let b = profiles.indices.first(where: { b in (0..<m).contains { point[b * m + $0] != second[b * m + $0] } }) {
                    let other = (0..<m).filter { second[b * m + $0].signum > 0 }.map { "\($0): \(second[b * m + $0])" }.joined(separator: ", ")
                    result.uniquenessNote = "More than one rule is optimal: a second one, exact, differs at the profile \(profiles[b]) (ranking indices), where it gives \(other) (found by \(programs) direction LP\(programs == 1 ? "" : "s"))."
                } else {
                    result.uniquenessNote = "More than one rule is optimal (found by \(programs) direction LP\(programs == 1 ? "" : "s"))."
                }
            case .undecided(let reason):
                result.uniquenessNote = "Not decided: \(reason)"
            }
        }
        // The designed rule on every ordered profile, its exact value and its checks.
        let table: VotingTable
        do {
            table = try VotingTable(space: space) { rankings in
                let profile = rankings.map { space.rankingIndex(of: $0)! }
                return (0..<m).map { point[variable(profile, $0)] }
            }
            result.optimum = try table.expectedUtility(scores: scores)
        } catch {
            result.exact = false
            result.exactNote = "The designed rule could not be tabulated exactly: \(error)"
            result.seconds = (clock.now - start).seconds
            return result
        }
        result.optimumDecimal = result.optimum?.doubleValue
        result.table = table
        if request.verify {
            result.checks = axioms.map { Check(axiom: $0, verdict: $0.check(table)) }
        }
        if request.compare, let optimum = result.optimum {
            result.compared = compare(axioms: axioms, space: space, scores: scores, optimum: optimum)
        }
        result.seconds = (clock.now - start).seconds
        return result
    }

    // MARK: - Comparison

    /// Every registered voting mechanism that the ordinary checkers find satisfying every axiom
    /// on `space`, with its exact expected utility.
    static func compare(axioms: [VotingAxiom], space: VotingSpace, scores: [Int], optimum: Rational) -> [Comparison] {
        var out: [Comparison] = []
        for entry in MechanismRegistry.standard.all where entry.descriptor.domain == .voting {
            guard let mechanism = try? entry.make(), let table = try? VotingTable.of(mechanism, space: space) else { continue }
            guard axioms.allSatisfy({ $0.check(table).id == "holds" }) else { continue }
            guard let value = try? table.expectedUtility(scores: scores) else { continue }
            out.append(Comparison(mechanism: mechanism.label, value: value, optimal: value == optimum))
        }
        return out
    }
}
