import Testing
import Solvers
@testable import Mechanisms

/// The worked examples V-1 ... R-4 (docs/reconstructions.md#worked-instances), exactly.
@Suite("Derandomized: worked examples")
struct DerandomizedSpecExamplesTests {
    static let cycle = [[0, 1, 2], [1, 2, 0], [2, 0, 1]]  // a≻b≻c, b≻c≻a, c≻a≻b

    @Test("V-1: random dictator, moves (2,1,1) -> seed 1 -> b; uniform lottery 1/3 each")
    func v1() throws {
        let dr = Derandomizer(RandomDictator(), method: .gameFirst)
        let play = try dr.play(Self.cycle, moves: [[2], [1], [1]])
        #expect(play.seed == 1 && play.outcome == 1 && play.seedCount == 3)
        #expect(try dr.outcome(Self.cycle, moves: [[0], [0], [0]]) == 0)
        #expect(try dr.outcome(Self.cycle, moves: [[0], [1], [1]]) == 2)
        #expect(try dr.outcome(Self.cycle, moves: [[2], [2], [2]]) == 0)
        let lottery = try dr.enumeratedLottery(for: Self.cycle)
        #expect(lottery.entries.map(\.count) == [9, 9, 9])
        #expect(lottery.probability(of: 1) == Rational(1, 3))
    }

    @Test("V-2: random serial dictator with a tie: lottery b 2/3, c 1/3; moves (0,1,1) -> order [1,0,2] -> c")
    func v2() throws {
        let ballots: [[[Int]]] = [[[0, 1], [2]], [[2], [1], [0]], [[1], [0], [2]]]
        let m = RandomSerialDictator()
        #expect(try m.slots(for: ballots) == [1, 1, 2, 2, 1, 1])
        let dr = Derandomizer(m, method: .gameFirst)
        #expect(try dr.outcome(ballots, moves: [[1], [2], [3]]) == 1)
        #expect(try dr.outcome(ballots, moves: [[0], [1], [1]]) == 2)
        #expect(try dr.outcome(ballots, moves: [[5], [5], [5]]) == 2)
        #expect(try m.lottery(for: ballots).probabilities == [1: Rational(2, 3), 2: Rational(1, 3)])
    }

    @Test("F-1: Random Rank, moves (1,2,2) -> seed 2 -> 0.1; (0,0,0) -> 0.9; (2,0,2) -> 0.4")
    func f1() throws {
        let x = [0.1, 0.4, 0.9]
        let dr = Derandomizer(FacilityMixture(RandomRank()), method: .gameFirst)
        #expect(try dr.outcome(x, moves: [[1], [2], [2]]) == 0.1)
        #expect(try dr.outcome(x, moves: [[0], [0], [0]]) == 0.9)
        #expect(try dr.outcome(x, moves: [[2], [0], [2]]) == 0.4)
    }

    @Test("F-2: LRM game last, slots [0.1, 0.9, 0.5, 0.5]; (3,2,1) -> 0.5, (0,0,1) -> 0.9, (1,1,0) -> 0.5")
    func f2() throws {
        let x = [0.1, 0.4, 0.9]
        let dr = Derandomizer(FacilityMixture(LeftRightMiddle()), method: .gameLast)
        #expect(try dr.slotLayout(for: x) == [0.1, 0.9, 0.5, 0.5])
        #expect(try dr.outcome(x, moves: [[3], [2], [1]]) == 0.5)
        #expect(try dr.outcome(x, moves: [[0], [0], [1]]) == 0.9)
        #expect(try dr.outcome(x, moves: [[1], [1], [0]]) == 0.5)
    }

    @Test("T-1: Nisan-Ronen, bits b0=(1,0), b1=(1,1) -> favoured (0,1), payments (16/9,16/9); E[makespan] = 7/4")
    func t1() throws {
        let t: [[Rational]] = [[Rational(1), Rational(4, 3)], [Rational(4, 3), Rational(1)]]
        let dr = Derandomizer(RandomizedNisanRonen(), method: .gameInterleaved)
        let play = try dr.play(t, moves: [[1, 0], [1, 1]])
        #expect(play.stepChoices == [0, 1])
        #expect(play.outcome.allocation == [0, 1])
        #expect(play.outcome.payments == [Rational(16, 9), Rational(16, 9)])
        #expect(try dr.outcome(t, moves: [[0, 1], [1, 0]]).allocation == [1, 1])
        #expect(try dr.outcome(t, moves: [[0, 0], [0, 0]]).payments == [Rational(28, 9), .zero])
        let lottery = try dr.uniformPlayLottery(for: t)
        #expect(try lottery.expectation { o throws(RationalError) in try o.makespan(t) } == Rational(7, 4))
        #expect(try RandomizedNisanRonen.optimalMakespan(t) == .one)
    }

    @Test("S-1: DA with lottery tie-breaking, (5,7,11,3) -> s=2 -> s0→B, s1→C, s2→C, s3→A; probabilities")
    func s1() throws {
        let prefs = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [0, 1, 2]]
        let m = DeferredAcceptanceLottery(instance: .exampleS1)
        let dr = Derandomizer(m, method: .gameFirst)
        let play = try dr.play(prefs, moves: [[5], [7], [11], [3]])
        #expect(play.seed == 2 && play.outcome == [1, 2, 2, 0])
        #expect(try dr.outcome(prefs, moves: [[0], [0], [0], [0]]) == [1, 2, 2, 0])
        #expect(try dr.outcome(prefs, moves: [[23], [1], [0], [0]]) == [1, 2, 2, 0])
        #expect(try dr.outcome(prefs, moves: [[10], [10], [10], [10]]) == [2, 2, 1, 0])
        let lottery = try m.lottery(for: prefs)
        #expect(lottery.probabilities == [[1, 2, 2, 0]: Rational(1, 2), [2, 2, 1, 0]: Rational(1, 2)])
        for s in 0..<24 {
            #expect(DeferredAcceptanceLottery.isStable(try m.component(s, for: prefs), reports: prefs, schools: .exampleS1))
        }
    }

    @Test("P-1: Partition, (1,2,0,0) -> {0,2}; (0,1,0,0) -> {1,2}; (2,2,1,0) -> {0,1}; probabilities (2/3,2/3,2/3,0)")
    func p1() throws {
        let scores: [[Double]] = [[0, 8, 3, 5], [6, 0, 9, 2], [7, 4, 0, 1], [9, 5, 7, 0]]
        let m = try PartitionMechanism(k: 2, clusters: 2)
        let dr = Derandomizer(m, method: .gameFirst)
        #expect(try dr.outcome(scores, moves: [[1], [2], [0], [0]]) == [0, 2])
        #expect(try dr.outcome(scores, moves: [[0], [1], [0], [0]]) == [1, 2])
        #expect(try dr.outcome(scores, moves: [[2], [2], [1], [0]]) == [0, 1])
        let lottery = try m.lottery(for: scores)
        let selected = (0..<4).map { a in lottery.entries.filter { $0.outcome.contains(a) }.reduce(0) { $0 + $1.count } }
        #expect(selected == [2, 2, 2, 0] && lottery.total == 3)
    }

    @Test("R-1: random priority, (4,3,2) -> s=3 -> [1,2,0]; interleaved (1,0,0),(0,1,1) -> [1,0,2]; matrix")
    func r1() throws {
        let prefs = [[0, 1, 2], [0, 2, 1], [1, 0, 2]]
        let first = Derandomizer(RandomPriority(), method: .gameFirst)
        #expect(try first.play(prefs, moves: [[4], [3], [2]]).seed == 3)
        #expect(try first.outcome(prefs, moves: [[4], [3], [2]]) == [2, 0, 1])
        #expect(try first.outcome(prefs, moves: [[0], [0], [0]]) == [0, 2, 1])
        #expect(try first.outcome(prefs, moves: [[5], [5], [5]]) == [2, 0, 1])
        let inter = Derandomizer(RandomPriority(), method: .gameInterleaved)
        #expect(try inter.moveModuli(for: prefs) == [3, 2])
        #expect(try inter.outcome(prefs, moves: [[1, 0], [0, 1], [0, 1]]) == [1, 0, 2])
        let matrix = HouseAllocation.assignmentMatrix(try RandomPriority().lottery(for: prefs), agents: 3)
        #expect(matrix == [[Rational(1, 2), Rational(1, 6), Rational(1, 3)],
                           [Rational(1, 2), .zero, Rational(1, 2)],
                           [.zero, Rational(5, 6), Rational(1, 6)]])
        for s in 0..<6 { #expect(HouseAllocation.isParetoEfficient(try RandomPriority().component(s, for: prefs), reports: prefs)) }
    }

    @Test("R-3: probabilistic serial by game last, D = 4, slots in lexicographic BvN order; (1,2,3) -> 0→h1, 1→h0, 2→h2")
    func r3() throws {
        let prefs = [[0, 1, 2], [0, 2, 1], [1, 0, 2]]
        let ps = ProbabilisticSerial()
        #expect(try ps.matrix(for: prefs) == [[Rational(1, 2), Rational(1, 4), Rational(1, 4)],
                                              [Rational(1, 2), .zero, Rational(1, 2)],
                                              [.zero, Rational(3, 4), Rational(1, 4)]])
        let dr = Derandomizer(ps, method: .gameLast)
        #expect(try dr.slotLayout(for: prefs) == [[0, 2, 1], [0, 2, 1], [1, 0, 2], [2, 0, 1]])
        #expect(try dr.outcome(prefs, moves: [[1], [2], [3]]) == [1, 0, 2])
        #expect(try dr.outcome(prefs, moves: [[0], [0], [0]]) == [0, 2, 1])
        #expect(try dr.outcome(prefs, moves: [[3], [3], [1]]) == [2, 0, 1])
        #expect(HouseAllocation.assignmentMatrix(try dr.uniformPlayLottery(for: prefs), agents: 3) == (try ps.matrix(for: prefs)))
        #expect(throws: DerandomizationError.self) { try Derandomizer(ps, method: .gameFirst).play(prefs, moves: [[0], [0], [0]]) }
    }

    @Test("R-4: probabilistic serial shares of the misreport (h1 first) are (1/4,1/2,1/4), (3/4,0,1/4), (0,1/2,1/2)")
    func r4() throws {
        let misreport = [[1, 0, 2], [0, 1, 2], [1, 2, 0]]
        #expect(try ProbabilisticSerial().matrix(for: misreport) == [[Rational(1, 4), Rational(1, 2), Rational(1, 4)],
                                                                     [Rational(3, 4), .zero, Rational(1, 4)],
                                                                     [.zero, Rational(1, 2), Rational(1, 2)]])
        #expect(try ProbabilisticSerial().matrix(for: [[0, 1, 2], [0, 1, 2], [1, 2, 0]])[0] == [Rational(1, 2), Rational(1, 6), Rational(1, 3)])
    }

    @Test("malformed moves name the key path and the expectation")
    func malformedMoves() {
        let dr = Derandomizer(RandomDictator(), method: .gameFirst)
        #expect(throws: DerandomizationError.invalidInput(path: "moves[1][0]", expected: "an integer in 0...2, got 3")) {
            try dr.play(Self.cycle, moves: [[0], [3], [1]])
        }
        #expect(throws: DerandomizationError.invalidInput(path: "moves", expected: "one list of moves per agent (3 lists), got 2")) {
            try dr.play(Self.cycle, moves: [[0], [1]])
        }
        #expect(throws: DerandomizationError.self) { try dr.play([[0, 1], [1, 1]], moves: [[0], [1]]) }
    }
}
