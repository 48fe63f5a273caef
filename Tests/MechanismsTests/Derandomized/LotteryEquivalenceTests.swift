import Testing
import Solvers
@testable import Mechanisms

/// Under uniform moves the derandomized outcome distribution equals the
/// randomized mechanism's lottery, computed independently, for every profile of small
/// exhaustive spaces. The derandomized side enumerates every move vector (brute force).
@Suite("Derandomized: exact lottery equivalence over exhaustive spaces")
struct LotteryEquivalenceTests {
    static func rankings(_ c: Int) -> [[Int]] {
        (0..<((try? SeedEncoding.factorial(c)) ?? 1)).map { SeedEncoding.permutation(rank: $0, count: c) }
    }

    static func profiles<T>(_ items: [T], agents n: Int) -> [[T]] {
        guard n > 0 else { return [[]] }
        return profiles(items, agents: n - 1).flatMap { p in items.map { p + [$0] } }
    }

    /// Every (derandomizer method, profile) pair: enumerated lottery == independent lottery.
    func expectEquivalent<M: UniformMixtureMechanism>(
        _ m: M, _ methods: [DerandomizationMethod], _ profiles: [[M.Report]],
        independent: ([M.Report]) throws -> SlotLottery<M.Outcome>
    ) throws {
        let reference = try profiles.map(independent)
        for method in methods {
            let dr = Derandomizer(m, method: method)
            var failures = 0
            for (p, expected) in zip(profiles, reference) {
                let got = try dr.enumeratedLottery(for: p)
                if !got.isEquivalent(to: expected) {
                    failures += 1
                    if failures <= 3 { Issue.record("\(m.descriptor.id) \(method.rawValue) on \(p): \(got.probabilities) vs \(expected.probabilities)") }
                }
            }
            #expect(failures == 0, "\(m.descriptor.id) \(method.rawValue): \(failures) of \(profiles.count) profiles differ")
        }
    }

    @Test("random dictator: every profile of n = 2, 3 strict ballots over 3 candidates; all three methods")
    func randomDictator() throws {
        for n in 2...3 {
            try expectEquivalent(RandomDictator(), DerandomizationMethod.allCases, Self.profiles(Self.rankings(3), agents: n)) { p in
                SlotLottery(counts: p.map { ($0[0], 1) })
            }
        }
    }

    @Test("random serial dictator: every profile of 3 weak ballots over 3 candidates (13^3), game first")
    func randomSerialDictator() throws {
        var weak: [[[Int]]] = []
        for r in Self.rankings(3) {
            weak.append(r.map { [$0] })
            weak.append([[r[0], r[1]].sorted(), [r[2]]])
            weak.append([[r[0]], [r[1], r[2]].sorted()])
        }
        weak.append([[0, 1, 2]])
        weak = Array(Set(weak)).sorted { "\($0)" < "\($1)" }
        #expect(weak.count == 13)
        // Independent: the first dictator uniformly among those left, recursively.
        func lottery(_ p: [[[Int]]], _ agents: [Int], _ remaining: Set<Int>) -> [Int: Rational] {
            if agents.isEmpty || remaining.count == 1 { return [remaining.min() ?? 0: .one] }
            var out: [Int: Rational] = [:]
            for a in agents {
                let narrowed = p[a].lazy.map { remaining.intersection($0) }.first { !$0.isEmpty } ?? remaining
                for (w, pr) in lottery(p, agents.filter { $0 != a }, narrowed) {
                    out[w] = (try? (out[w] ?? .zero).adding((try? pr.divided(by: Rational(agents.count))) ?? .zero)) ?? .zero
                }
            }
            return out
        }
        try expectEquivalent(RandomSerialDictator(), [.gameFirst], Self.profiles(weak, agents: 3)) { p in
            let l = lottery(p, [0, 1, 2], [0, 1, 2])
            return SlotLottery(counts: l.map { ($0.key, Int($0.value.numerator * 6 / $0.value.denominator)) })
        }
    }

    @Test("random priority: every profile of 3 agents over 3 items; game first and interleaved")
    func randomPriority() throws {
        // Independent: the first agent uniformly among those left takes its best remaining item.
        func lottery(_ p: [[Int]], _ agents: [Int], _ taken: Set<Int>, _ partial: [Int]) -> [[Int]: Int] {
            if agents.isEmpty { return [partial: 1] }
            var out: [[Int]: Int] = [:]
            for a in agents {
                var next = partial
                let item = p[a].first { !taken.contains($0) } ?? -1
                next[a] = item
                for (o, c) in lottery(p, agents.filter { $0 != a }, taken.union([item]), next) { out[o, default: 0] += c }
            }
            return out
        }
        try expectEquivalent(RandomPriority(), [.gameFirst, .gameInterleaved, .gameLast], Self.profiles(Self.rankings(3), agents: 3)) { p in
            SlotLottery(counts: lottery(p, [0, 1, 2], [], [-1, -1, -1]).map { ($0.key, $0.value) })
        }
    }

    @Test("probabilistic serial: for every profile of 3 agents over 3 items the game-last slots reproduce the eating shares")
    func probabilisticSerial() throws {
        let ps = ProbabilisticSerial()
        for p in Self.profiles(Self.rankings(3), agents: 3) {
            let dr = Derandomizer(ps, method: .gameLast)
            let lottery = try dr.enumeratedLottery(for: p)
            #expect(HouseAllocation.assignmentMatrix(lottery, agents: 3) == (try ps.matrix(for: p)), "\(p)")
            for e in lottery.entries { #expect(Set(e.outcome) == [0, 1, 2]) }
        }
    }

    @Test("Random Rank and LRM: every profile on the grid {0, 1/4, ..., 1}^3 matches the facility lottery")
    func facility() throws {
        let grid = [0, 0.25, 0.5, 0.75, 1]
        for base in [FacilityMixture(RandomRank()), FacilityMixture(LeftRightMiddle())] {
            for method in DerandomizationMethod.allCases {
                let dr = Derandomizer(base, method: method)
                for x in Self.profiles(grid, agents: 3) {
                    let got = try dr.enumeratedLottery(for: x)
                    let expected = base.mechanism.lottery(for: FacilityProfile(trusted: x))
                    #expect(got.entries.count == expected.entries.count, "\(x)")
                    for e in expected.entries {
                        #expect(abs(got.probability(of: e.outcome).doubleValue - e.probability) < 1e-12, "\(base.descriptor.id) \(x)")
                    }
                }
            }
        }
    }

    @Test("Nisan-Ronen: every profile of 2 tasks with times in {1, 4/3, 2}; game first and interleaved")
    func nisanRonen() throws {
        let times = [Rational(1), Rational(4, 3), Rational(2)]
        let rows = Self.profiles(times, agents: 2)
        let profiles = Self.profiles(rows, agents: 2)
        try expectEquivalent(RandomizedNisanRonen(), [.gameFirst, .gameInterleaved, .gameLast], profiles) { t in
            var counts: [(TaskOutcome, Int)] = []
            for f0 in 0...1 { for f1 in 0...1 { counts.append((try RandomizedNisanRonen.biased(t, favoured: [f0, f1]), 1)) } }
            return SlotLottery(counts: counts)
        }
    }

    @Test("DA with lottery tie-breaking: every profile of 3 students over 3 one-seat schools without priorities")
    func deferredAcceptance() throws {
        let m = DeferredAcceptanceLottery()
        try expectEquivalent(m, [.gameFirst, .gameInterleaved], Self.profiles(Self.rankings(3), agents: 3)) { p in
            // Independent: DA with strict priorities = serial dictatorship in the lottery order.
            SlotLottery(counts: Self.rankings(3).map { (HouseAllocation.serialDictatorship(p, order: $0), 1) })
        }
    }

    @Test("Partition: 256 seeded random score profiles of 4 agents with scores in {0, ..., 3}; all three methods")
    func partition() throws {
        let m = try PartitionMechanism(k: 2, clusters: 2)
        var rng = TestRandom(seed: 6)
        var profiles: [[[Double]]] = []
        for _ in 0..<256 { profiles.append((0..<4).map { i in (0..<4).map { j in i == j ? 0 : Double(Int.random(in: 0...3, using: &rng)) } }) }
        try expectEquivalent(m, DerandomizationMethod.allCases, profiles) { s in
            SlotLottery(counts: SeedEncoding.balancedPartitions(agents: 4, clusters: 2).map { (PartitionMechanism.select(s, partition: $0, perCluster: 1), 1) })
        }
    }
}
