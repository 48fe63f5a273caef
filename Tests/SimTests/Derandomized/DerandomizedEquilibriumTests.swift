import Testing
import Mechanisms
import Solvers
@testable import Sim

/// Shared worked instances and utilities (docs/reconstructions.md#worked-instances), for the
/// exact checks.
enum DerandomizedInstances {
    static let cycle = [[0, 1, 2], [1, 2, 0], [2, 0, 1]]
    static let houses = [[0, 1, 2], [0, 2, 1], [1, 0, 2]]
    static let schools = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [0, 1, 2]]
    static let scores: [[Double]] = [[0, 8, 3, 5], [6, 0, 9, 2], [7, 4, 0, 1], [9, 5, 7, 0]]
    static let t1: [[Rational]] = [[Rational(1), Rational(4, 3)], [Rational(4, 3), Rational(1)]]
    static let x = [0.1, 0.4, 0.9]

    static func rankings(_ c: Int) -> [[Int]] {
        (0..<((try? SeedEncoding.factorial(c)) ?? 1)).map { SeedEncoding.permutation(rank: $0, count: c) }
    }

    /// Borda-like utility of `item` for a ranking: c−1 for the top, …, 0 for the last.
    static func borda(_ ranking: [Int], _ item: Int) -> Rational {
        guard let k = ranking.firstIndex(of: item) else { return Rational(-1) }
        return Rational(ranking.count - 1 - k)
    }

    static func rational(_ x: Double) throws -> Rational { try Rational(roundTripping: x) }

    /// −|y − x_i|.
    static func facilityUtility(_ truth: [Double]) -> (Int, Double) throws -> Rational {
        { i, y in -(try rational(y).subtracting(try rational(truth[i]))).magnitude }
    }

    /// Payment minus true processing time of the tasks received.
    static func taskUtility(_ truth: [[Rational]]) -> (Int, TaskOutcome) throws -> Rational {
        { i, o in
            var u = o.payments[i]
            for (j, machine) in o.allocation.enumerated() where machine == i { u = try u.subtracting(truth[i][j]) }
            return u
        }
    }

    /// The grid {0, 0.1, …, 1} plus all pairwise midpoints of `x` and the grid.
    static func locationGrid(_ x: [Double]) -> [Double] {
        let grid = (0...10).map { Double($0) / 10 }
        var all = Set(grid + x)
        for a in grid + x { for b in x { all.insert((a + b) / 2) } }
        return all.sorted()
    }
}

@Suite("Derandomized: move-game equilibria")
struct DerandomizedEquilibriumTests {
    typealias I = DerandomizedInstances

    @Test("Lemma U (C1): a uniform player makes the total uniform, m = 2..8, seeded random rational opponents")
    func lemmaU() throws {
        var rng = Xoshiro256StarStar(seed: 6)
        for m in 2...8 {
            for _ in 0..<20 {
                let weights = (0..<m).map { _ in Int.random(in: 0...9, using: &rng) }
                let total = max(weights.reduce(0, +), 1)
                let other = weights.reduce(0, +) == 0 ? MoveGame.pure(0, m) : weights.map { Rational($0, total) }
                #expect(try MoveGame.convolve(MoveGame.uniform(m), other) == MoveGame.uniform(m))
            }
        }
    }

    @Test("V-1 regrets with Borda utilities: all uniform (0,0,0); all pure 0 (0,2,1); only agent 0 uniform (1,0,0); two uniform (0,0,0)")
    func v1Regrets() throws {
        let game = try MoveGame(Derandomizer(RandomDictator(), method: .gameFirst), reports: I.cycle) { i, w in I.borda(I.cycle[i], w) }
        let u = MoveGame.uniform(3), z = MoveGame.pure(0, 3)
        #expect(try game.regrets([u, u, u]) == [.zero, .zero, .zero])
        #expect(try game.regrets([z, z, z]) == [.zero, Rational(2), Rational(1)])
        #expect(try game.regrets([u, z, z]) == [Rational(1), .zero, .zero])
        #expect(try game.regrets([u, u, z]) == [.zero, .zero, .zero])
        #expect((0..<3).allSatisfy { (try? game.lotteryValue(agent: $0)) == .one })
        #expect(try game.otherEquilibria().isEmpty)
    }

    @Test("P-1 regrets (utility 1 if selected): all pure 0 (0,1,0,0); only agent 3 uniform is an equilibrium")
    func p1Regrets() throws {
        let dr = Derandomizer(try PartitionMechanism(k: 2, clusters: 2), method: .gameFirst)
        let game = try MoveGame(dr, reports: I.scores) { i, sel in sel.contains(i) ? .one : .zero }
        let u = MoveGame.uniform(3), z = MoveGame.pure(0, 3)
        #expect(try game.regrets([z, z, z, z]) == [.zero, .one, .zero, .zero])
        #expect(try game.regrets([z, z, z, u]) == [.zero, .zero, .zero, .zero])
        let others = try game.otherEquilibria()
        #expect(others.contains(OtherEquilibrium(uniformAgent: 3, pureMoves: [0, 0, 0, 0])))
        #expect(others.allSatisfy { $0.uniformAgent == 3 })
    }

    /// The per-task parity game of Nisan-Ronen: payoffs by favoured machine.
    static func taskGame(_ t: [[Rational]], task j: Int) throws -> MoveGame {
        let single = [[t[0][j]], [t[1][j]]]
        let outcomes = try [0, 1].map { f in try RandomizedNisanRonen.biased(single, favoured: [f]) }
        let u = DerandomizedInstances.taskUtility(single)
        return MoveGame(payoffs: try (0..<2).map { i in try outcomes.map { try u(i, $0) } })
    }

    @Test("T-1 task 0: machine 1 is indifferent, so pure equilibria exist (favoured machine 0); T-2 task 1: matching pennies, unique uniform")
    func taskGames() throws {
        let g0 = try Self.taskGame(I.t1, task: 0)
        #expect(g0.payoffs == [[Rational(7, 9), .zero], [.zero, .zero]])
        let eqs = try g0.otherEquilibria()
        #expect(eqs.contains(OtherEquilibrium(uniformAgent: nil, pureMoves: [0, 0])))
        #expect(eqs.contains(OtherEquilibrium(uniformAgent: nil, pureMoves: [1, 1])))
        #expect(eqs.contains(OtherEquilibrium(uniformAgent: 1, pureMoves: [1, 0])))
        // The pure equilibria on both tasks give favoured (0, 1): makespan 1, not the uniform 7/4.
        let pure = try RandomizedNisanRonen.biased(I.t1, favoured: [0, 1])
        #expect(try pure.makespan(I.t1) == .one)

        let t2: [[Rational]] = [[Rational(1), Rational(2), Rational(3)], [Rational(2), Rational(2), Rational(1)]]
        let g1 = try Self.taskGame(t2, task: 1)
        #expect(g1.payoffs == [[Rational(2, 3), .zero], [.zero, Rational(2, 3)]])
        #expect(try g1.regrets([MoveGame.pure(0, 2), MoveGame.pure(0, 2)]) == [.zero, Rational(2, 3)])
        #expect(try g1.otherEquilibria().isEmpty)
        let maximin = try g1.maximin(agent: 0)
        #expect(maximin.value == Rational(1, 3) && maximin.strategy == [Rational(1, 2), Rational(1, 2)])
        let e = try Derandomizer(RandomizedNisanRonen(), method: .gameInterleaved).uniformPlayLottery(for: t2)
        #expect(try e.expectation { o throws(RationalError) in try o.makespan(t2) } == Rational(3))
    }

    @Test("C6 table: maximin values and ranges: pennies (2/3, 0) and mod 3 (2,1,0) unique uniform; mod 4 (1,0,1,0) not unique, each x_a in [0, 1/2]")
    func maximinTable() throws {
        let game = MoveGame(payoffs: [[Rational(2), Rational(1), .zero], [.zero, .zero, .zero]])
        let r = try game.maximin(agent: 0)
        #expect(r.value == .one && r.strategy == MoveGame.uniform(3))
        #expect(try game.maximinRanges(agent: 0).allSatisfy { $0.min == Rational(1, 3) && $0.max == Rational(1, 3) })
        let pennies = MoveGame(payoffs: [[Rational(2, 3), .zero], [.zero, Rational(2, 3)]])
        #expect(try pennies.maximinRanges(agent: 0).allSatisfy { $0.min == Rational(1, 2) && $0.max == Rational(1, 2) })
        let lrmLike = MoveGame(payoffs: [[.one, .zero, .one, .zero], [.zero, .zero, .zero, .zero]])
        #expect(try lrmLike.maximin(agent: 0).value == Rational(1, 2))
        #expect(try lrmLike.maximinRanges(agent: 0).allSatisfy { $0.min == .zero && $0.max == Rational(1, 2) })
    }

    @Test("all-uniform play is an exact Nash equilibrium of the move game in all six domains (n <= 4)")
    func allUniform() throws {
        func check<M: UniformMixtureMechanism>(_ dr: Derandomizer<M>, _ r: [M.Report], _ u: @escaping (Int, M.Outcome) throws -> Rational) throws {
            let game = try MoveGame(dr, reports: r, utility: u)
            let uniform = Array(repeating: MoveGame.uniform(game.modulus), count: r.count)
            #expect(try game.regrets(uniform).allSatisfy { $0 == .zero }, "\(dr.base.descriptor.id)")
            #expect(try (0..<r.count).allSatisfy { i in try game.value(uniform, agent: i) == game.lotteryValue(agent: i) })
        }
        try check(Derandomizer(RandomDictator(), method: .gameFirst), I.cycle) { i, w in I.borda(I.cycle[i], w) }
        try check(Derandomizer(FacilityMixture(RandomRank()), method: .gameFirst), I.x, I.facilityUtility(I.x))
        try check(Derandomizer(FacilityMixture(LeftRightMiddle()), method: .gameLast), I.x, I.facilityUtility(I.x))
        try check(Derandomizer(RandomizedNisanRonen(), method: .gameFirst), I.t1, I.taskUtility(I.t1))
        try check(Derandomizer(DeferredAcceptanceLottery(instance: .exampleS1), method: .gameFirst), I.schools) { i, m in I.borda(I.schools[i], m[i]) }
        try check(Derandomizer(try PartitionMechanism(), method: .gameFirst), I.scores) { i, s in s.contains(i) ? .one : .zero }
        try check(Derandomizer(RandomPriority(), method: .gameFirst), I.houses) { i, a in I.borda(I.houses[i], a[i]) }
        try check(Derandomizer(ProbabilisticSerial(), method: .gameLast), I.houses) { i, a in I.borda(I.houses[i], a[i]) }
    }
}
