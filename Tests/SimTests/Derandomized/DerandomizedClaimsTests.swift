import Foundation
import Testing
import Mechanisms
import Solvers
@testable import Sim

/// Every claim of every registered mechanism of the derandomized paper's domains is checked
/// here, read from the registry (a claim without a checker fails).
@Suite("Derandomized: every registered claim of the six domains")
struct DerandomizedClaimsTests {
    typealias I = DerandomizedInstances

    static let ids = MechanismRegistry.all.map(\.descriptor).filter {
        [.voting, .resourceAllocation, .schoolChoice, .peerSelection, .taskAllocation, .derandomized].contains($0.domain)
    }.map(\.id)

    static func profiles<T>(_ items: [T], agents n: Int) -> [[T]] {
        n == 0 ? [[]] : profiles(items, agents: n - 1).flatMap { p in items.map { p + [$0] } }
    }

    static let rankingProfiles = profiles(I.rankings(3), agents: 3)
    /// Every ninth profile (24 of 216): for the loops over all m^n move vectors.
    static let someRankingProfiles = rankingProfiles.enumerated().filter { $0.offset % 9 == 0 }.map(\.element)
    /// The 13 weak orders of 3 candidates.
    static let weakBallots: [[[Int]]] = Array(Set(I.rankings(3).flatMap { r in
        [r.map { [$0] }, [[r[0], r[1]].sorted(), [r[2]]], [[r[0]], [r[1], r[2]].sorted()]]
    } + [[[0, 1, 2]]])).sorted { "\($0)" < "\($1)" }

    /// 200 seeded random profiles of 3 weak ballots (of 13^3).
    static let weakProfiles: [[[[Int]]]] = {
        var rng = Xoshiro256StarStar(seed: 2024)
        return (0..<200).map { _ in (0..<3).map { _ in weakBallots[Int.random(in: 0..<weakBallots.count, using: &rng)] } }
    }()
    static let r4 = [[0, 1, 2], [0, 1, 2], [1, 2, 0]]
    static let bidGrid: [[Rational]] = { let b = [Rational(1, 2), Rational(1), Rational(4, 3), Rational(2), Rational(3)]; return b.flatMap { x in b.map { [x, $0] } } }()

    static func weakBorda(_ classes: [[Int]], _ item: Int) -> Rational { Utilities.borda(classes, item) }

    /// No candidate is weakly better for every voter and strictly better for one.
    static func paretoOptimal(_ w: Int, _ ballots: [[[Int]]]) -> Bool {
        !(0..<3).contains { c in
            c != w && ballots.allSatisfy { weakBorda($0, c) >= weakBorda($0, w) } && ballots.contains { weakBorda($0, c) > weakBorda($0, w) }
        }
    }

    /// Agent i's share vector weakly stochastically dominates agent j's under i's ranking.
    static func sdEnvyFree(_ p: [[Rational]], _ prefs: [[Int]]) throws -> Bool {
        for i in p.indices {
            for j in p.indices where j != i {
                var a = Rational.zero, b = Rational.zero
                for item in prefs[i] {
                    a = try a.adding(p[i][item]); b = try b.adding(p[j][item])
                    if a < b { return false }
                }
            }
        }
        return true
    }

    @Test("claims hold (or are violated) as registered", arguments: ids)
    func claims(_ id: String) throws {
        let d = try MechanismRegistry.entry(id).descriptor
        for claim in d.claims {
            let holds = try Self.check(id, claim.axiom)
            #expect(holds == (claim.verdict == .satisfies), "\(id) \(claim.axiom): claimed \(claim.verdict.rawValue)")
        }
    }

    /// True when the axiom holds for the mechanism on the test spaces.
    static func check(_ id: String, _ axiom: String) throws -> Bool {
        let base = id.hasPrefix("derandomized-") ? String(id.dropFirst("derandomized-".count)) : id
        let derandomized = base != id
        switch (base, axiom) {
        case (_, "lottery-equivalence"), (_, "uniform-play-equilibrium"), (_, "quasi-strategyproofness"), (_, "move-responsiveness"):
            return try derandomizedClaim(base, axiom)
        case ("random-dictator", "universal-truthfulness"):
            return try rankingProfiles.allSatisfy { p in
                try DerandomizedChecks.perSeedTruthfulness(RandomDictator(), truth: p, deviations: { _ in I.rankings(3) }) { i, w in I.borda(p[i], w) } == nil
            }
        case ("random-dictator", "ex-post-pareto-efficiency"):
            return try rankingProfiles.allSatisfy { p in try RandomDictator().slots(for: p).allSatisfy { paretoOptimal($0, p.map { $0.map { [$0] } }) } }
        case ("random-dictator", "anonymity"), ("random-priority", "anonymity"):
            return try rankingProfiles.allSatisfy { p in
                let q = [p[2], p[0], p[1]]  // agent k of q is agent (k + 2) mod 3 of p
                if base == "random-dictator" { return try RandomDictator().lottery(for: p).isEquivalent(to: RandomDictator().lottery(for: q)) }
                let a = HouseAllocation.assignmentMatrix(try RandomPriority().lottery(for: p), agents: 3)
                let b = HouseAllocation.assignmentMatrix(try RandomPriority().lottery(for: q), agents: 3)
                return b == [a[2], a[0], a[1]]
            }
        case ("random-serial-dictator", "universal-truthfulness"):
            return try weakProfiles.allSatisfy { p in
                try DerandomizedChecks.perSeedTruthfulness(RandomSerialDictator(), truth: p, deviations: { _ in weakBallots }) { i, w in weakBorda(p[i], w) } == nil
            }
        case ("random-serial-dictator", "ex-post-pareto-efficiency"):
            return try weakProfiles.allSatisfy { p in try RandomSerialDictator().slots(for: p).allSatisfy { paretoOptimal($0, p) } }
        case ("random-priority", "universal-truthfulness"):
            return try rankingProfiles.allSatisfy { p in
                try DerandomizedChecks.perSeedTruthfulness(RandomPriority(), truth: p, deviations: { _ in I.rankings(3) }) { i, a in I.borda(p[i], a[i]) } == nil
            }
        case ("random-priority", "ex-post-pareto-efficiency"):
            let dr = Derandomizer(RandomPriority(), method: .gameFirst)
            return try (derandomized ? someRankingProfiles : rankingProfiles).allSatisfy { p in
                derandomized ? try DerandomizedChecks.firstMoveVectorViolating(dr, reports: p) { HouseAllocation.isParetoEfficient($0, reports: p) } == nil
                    : try RandomPriority().slots(for: p).allSatisfy { HouseAllocation.isParetoEfficient($0, reports: p) }
            }
        case ("probabilistic-serial", "sd-envy-freeness"):
            return try rankingProfiles.allSatisfy { p in try sdEnvyFree(try ProbabilisticSerial().matrix(for: p), p) }
        case ("probabilistic-serial", "strategyproofness"):
            let u: (Int, [Int]) throws -> Rational = { i, a in i == 0 ? [Rational(10), Rational(9), .zero][a[0]] : I.borda(r4[i], a[i]) }
            return try DerandomizedChecks.quasiStrategyproofness(Derandomizer(ProbabilisticSerial(), method: .gameLast), truth: r4,
                                                                  deviations: { _ in I.rankings(3) }, utility: u).holds
        case ("deferred-acceptance-lottery", "universal-truthfulness"):
            let m = DeferredAcceptanceLottery(instance: .exampleS1)
            return try DerandomizedChecks.perSeedTruthfulness(m, truth: I.schools, deviations: { _ in I.rankings(3) }) { i, a in I.borda(I.schools[i], a[i]) } == nil
                && someRankingProfiles.allSatisfy { p in
                    try DerandomizedChecks.perSeedTruthfulness(DeferredAcceptanceLottery(), truth: p, deviations: { _ in I.rankings(3) }) { i, a in I.borda(p[i], a[i]) } == nil
                }
        case ("deferred-acceptance-lottery", "ex-post-stability"):
            let schools = SchoolChoiceInstance(capacities: [1, 1, 1], priorityClasses: [[[2], [0, 1]], [[0], [1, 2]], []])
            let m = DeferredAcceptanceLottery(instance: schools)
            let dr = Derandomizer(m, method: .gameFirst)
            return try (derandomized ? someRankingProfiles : rankingProfiles).allSatisfy { p in
                derandomized ? try DerandomizedChecks.firstMoveVectorViolating(dr, reports: p) { DeferredAcceptanceLottery.isStable($0, reports: p, schools: schools) } == nil
                    : try m.slots(for: p).allSatisfy { DeferredAcceptanceLottery.isStable($0, reports: p, schools: schools) }
            }
        case ("randomized-nisan-ronen", "universal-truthfulness"):
            return try DerandomizedChecks.perSeedTruthfulness(RandomizedNisanRonen(), truth: I.t1, deviations: { _ in bidGrid }, utility: I.taskUtility(I.t1)) == nil
        case ("randomized-nisan-ronen", "makespan-7/4-approximation"):
            let times = [Rational(1), Rational(4, 3), Rational(2), Rational(3)]
            var attained = false
            for t in profiles(profiles(times, agents: 2), agents: 2) {
                let e = try RandomizedNisanRonen().lottery(for: t).expectation { o throws(RationalError) in try o.makespan(t) }
                let bound = try Rational(7, 4).multiplied(by: try RandomizedNisanRonen.optimalMakespan(t))
                if e > bound { return false }
                if e == bound { attained = true }
            }
            return attained
        case ("randomized-nisan-ronen", "individual-rationality"):
            return try bidGrid.allSatisfy { a in try bidGrid.allSatisfy { b in
                try RandomizedNisanRonen().slots(for: [a, b]).allSatisfy { o in
                    try (0..<2).allSatisfy { i in try I.taskUtility([a, b])(i, o) >= .zero }
                }
            } }
        case ("partition", "impartiality"):
            let levels: [Double] = [0, 3, 6, 9]
            for partition in SeedEncoding.balancedPartitions(agents: 4, clusters: 2) {
                for i in 0..<4 {
                    let sincere = PartitionMechanism.select(I.scores, partition: partition, perCluster: 1).contains(i)
                    for row in QuasiStrategyproofnessTests.scoreRows(agent: i, levels: levels) {
                        var s = I.scores
                        s[i] = row
                        if PartitionMechanism.select(s, partition: partition, perCluster: 1).contains(i) != sincere { return false }
                    }
                }
            }
            return true
        case ("partition", "universal-truthfulness"):
            return try DerandomizedChecks.perSeedTruthfulness(try PartitionMechanism(), truth: I.scores,
                                                              deviations: { i in QuasiStrategyproofnessTests.scoreRows(agent: i, levels: [0, 3, 6, 9]) }) { i, s in
                s.contains(i) ? .one : .zero
            } == nil
        case ("exact-dollar-partition", "exactly-k-selected"):
            return try edpInstances().allSatisfy { m, s in try m.slots(for: s).allSatisfy { $0.count == m.k } }
        case ("exact-dollar-partition", "strategyproofness"), ("exact-dollar-partition", "impartiality-in-expectation"):
            return try edpInstances().allSatisfy { m, s in
                try DerandomizedChecks.quasiStrategyproofness(Derandomizer(m, method: .gameLast), truth: s,
                                                              deviations: { i in edpRows(agent: i, n: s.count) }) { i, sel in sel.contains(i) ? .one : .zero }.holds
            }
        case ("exact-dollar-partition", "impartiality"):
            // Per rounding point: sincere U = 1/4 lands in slot 0 of 3 ({0}); after agent 1 moves its
            // dollar to agent 2 it lands in slot 1 of 6 ({1}).
            let m = try ExactDollarPartition(k: 1, clusters: 3)
            let sincere = try m.slots(for: [[0, 1, 1], [1, 0, 1], [1, 1, 0]])
            let moved = try m.slots(for: [[0, 1, 1], [0, 0, 1], [1, 1, 0]])
            return sincere[0].contains(1) == moved[1].contains(1)
        case ("random-pair-majority", _), ("random-dictator", "sd-strategyproofness"), ("random-dictator", "neutrality"):
            return try votingClaim(try MechanismRegistry.entry(base).make(), axiom)
        case ("partition", "exactly-k-selected"):
            return try PartitionMechanism().slots(for: I.scores).allSatisfy { $0.count == 2 }
        default:
            Issue.record("no checker for \(id) \(axiom)")
            return false
        }
    }

    /// The voting axiom's ordinary checker over every ordered profile of n = 2, 3, 4 voters and
    /// 3 candidates and of 2 voters and 4 candidates.
    static func votingClaim(_ m: any Mechanism, _ axiom: String) throws -> Bool {
        let a = try #require(VotingAxiom(id: axiom), "no voting checker for \(axiom)")
        for (n, c) in [(2, 3), (3, 3), (4, 3), (2, 4)] {
            let t = try #require(try VotingTable.of(m, space: VotingSpace(voters: n, candidates: c)))
            if a.check(t).id != "holds" { return false }
        }
        return true
    }

    static func edpInstances() throws -> [(ExactDollarPartition, [[Double]])] {
        [(try ExactDollarPartition(k: 1, clusters: 3), [[0, 1, 1], [1, 0, 1], [1, 1, 0]]),
         (try ExactDollarPartition(k: 1, clusters: 2), [[0, 3, 1, 2], [1, 0, 2, 2], [4, 1, 0, 1], [0, 2, 2, 0]])]
    }

    /// Agent i's score rows over {0, 1, 2} for the others (own entry 0).
    static func edpRows(agent i: Int, n: Int) -> [[Double]] {
        var rows: [[Double]] = [[]]
        for j in 0..<n { rows = rows.flatMap { r in j == i ? [r + [0]] : [0.0, 1, 2].map { r + [$0] } } }
        return rows
    }

    /// The four claims shared by the derandomized variants, on each domain's worked instance with
    /// the registered default method (single-move games use game first for the interleaved ones).
    static func derandomizedClaim(_ base: String, _ axiom: String) throws -> Bool {
        switch base {
        case "random-dictator":
            return try claim(RandomDictator(), .gameFirst, I.cycle, { _ in I.rankings(3) }, { i, w in I.borda(I.cycle[i], w) }, axiom)
        case "random-serial-dictator":
            let ballots: [[[Int]]] = [[[0, 1], [2]], [[2], [1], [0]], [[1], [0], [2]]]
            return try claim(RandomSerialDictator(), .gameFirst, ballots, { _ in weakBallots }, { i, w in weakBorda(ballots[i], w) }, axiom)
        case "random-rank":
            return try claim(FacilityMixture(RandomRank()), .gameFirst, I.x, { _ in I.locationGrid(I.x) }, I.facilityUtility(I.x), axiom)
        case "lrm":
            return try claim(FacilityMixture(LeftRightMiddle()), .gameLast, I.x, { _ in I.locationGrid(I.x) }, I.facilityUtility(I.x), axiom)
        case "random-priority":
            return try claim(RandomPriority(), .gameFirst, I.houses, { _ in I.rankings(3) }, { i, a in I.borda(I.houses[i], a[i]) }, axiom)
        case "probabilistic-serial":
            let u: (Int, [Int]) throws -> Rational = { i, a in i == 0 ? [Rational(10), Rational(9), .zero][a[0]] : I.borda(r4[i], a[i]) }
            return try claim(ProbabilisticSerial(), .gameLast, r4, { _ in I.rankings(3) }, u, axiom)
        case "deferred-acceptance-lottery":
            return try claim(DeferredAcceptanceLottery(instance: .exampleS1), .gameFirst, I.schools, { _ in I.rankings(3) },
                             { i, a in I.borda(I.schools[i], a[i]) }, axiom)
        case "randomized-nisan-ronen":
            return try claim(RandomizedNisanRonen(), .gameFirst, I.t1, { _ in bidGrid }, I.taskUtility(I.t1), axiom)
        case "exact-dollar-partition":
            let (m, s) = try edpInstances()[1]
            return try claim(m, .gameLast, s, { i in edpRows(agent: i, n: 4) }, { i, sel in sel.contains(i) ? .one : .zero }, axiom)
        case "partition":
            return try claim(try PartitionMechanism(), .gameFirst, I.scores, { i in QuasiStrategyproofnessTests.scoreRows(agent: i, levels: [0, 5, 10]) },
                             { i, s in s.contains(i) ? .one : .zero }, axiom)
        default:
            Issue.record("no derandomized instance for \(base)")
            return false
        }
    }

    static func claim<M: UniformMixtureMechanism>(
        _ m: M, _ method: DerandomizationMethod, _ truth: [M.Report], _ deviations: (Int) -> [M.Report],
        _ utility: (Int, M.Outcome) throws -> Rational, _ axiom: String
    ) throws -> Bool {
        let dr = Derandomizer(m, method: method)
        switch axiom {
        case "lottery-equivalence":
            // Brute force over every move vector when there are at most 50,000 of them (S-1 has
            // 24^4: there the cheap path (each residue reached equally often), which the exhaustive suite cross-checks).
            return try DerandomizationMethod.allCases.filter { $0 != .gameFirst || m.seedSpaceIsReportIndependent }.allSatisfy { method in
                let d = Derandomizer(m, method: method)
                let perAgent = try SeedEncoding.product(try d.moveModuli(for: truth))
                let small = pow(Double(perAgent), Double(truth.count)) <= 50_000
                return try (small ? d.enumeratedLottery(for: truth) : d.uniformPlayLottery(for: truth)).isEquivalent(to: m.lottery(for: truth))
            }
        case "uniform-play-equilibrium":
            let game = try MoveGame(dr, reports: truth, utility: utility)
            return try game.isEquilibrium(Array(repeating: MoveGame.uniform(game.modulus), count: truth.count))
        case "quasi-strategyproofness":
            return try DerandomizedChecks.quasiStrategyproofness(dr, truth: truth, deviations: deviations, utility: utility).holds
        default:  // move-responsiveness
            let r = try DerandomizedChecks.moveResponsiveness(dr, reports: truth)
            return r.applies && r.failure == nil
        }
    }
}
