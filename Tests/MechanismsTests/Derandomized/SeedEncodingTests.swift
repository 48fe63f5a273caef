import Testing
@testable import Mechanisms

@Suite("Derandomized: canonical seed encodings (docs/reconstructions.md#seed-encodings)")
struct SeedEncodingTests {
    @Test("lexicographic unranking: n = 3 lists the six orders, n = 4 rank 2 is [0,2,1,3]")
    func unranking() {
        #expect((0..<6).map { SeedEncoding.permutation(rank: $0, count: 3) } ==
                [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]])
        #expect(SeedEncoding.permutation(rank: 2, count: 4) == [0, 2, 1, 3])
        #expect(SeedEncoding.permutation(rank: 16, count: 4) == [2, 3, 0, 1])
        for s in 0..<120 { #expect(SeedEncoding.rank(ofPermutation: SeedEncoding.permutation(rank: s, count: 5)) == s) }
    }

    @Test("interleaved step choices compose to the lexicographic rank (mixed radix)")
    func mixedRadix() {
        // Worked instance R-1: steps (1,0,0) mod 3 -> 1, (0,1,1) mod 2 -> 0, then the last agent: order [1,0,2] = rank 2.
        #expect(SeedEncoding.slot(choices: [1, 0, 0], moduli: [3, 2, 1]) == 2)
        #expect(SeedEncoding.permutation(rank: 2, count: 3) == [1, 0, 2])
        for s in 0..<24 { #expect(SeedEncoding.slot(choices: SeedEncoding.choices(slot: s, moduli: [4, 3, 2, 1]), moduli: [4, 3, 2, 1]) == s) }
        #expect(SeedEncoding.choices(slot: 1, moduli: [2, 2]) == [0, 1])
    }

    @Test("balanced partitions: the canonical list of worked instance P-1 and the counts n!/((n/l)!^l l!)")
    func partitions() {
        #expect(SeedEncoding.balancedPartitions(agents: 4, clusters: 2) == [[[0, 1], [2, 3]], [[0, 2], [1, 3]], [[0, 3], [1, 2]]])
        #expect(SeedEncoding.balancedPartitions(agents: 6, clusters: 2).count == 10)
        #expect(SeedEncoding.balancedPartitions(agents: 6, clusters: 3).count == 15)
        #expect(SeedEncoding.balancedPartitions(agents: 5, clusters: 2).isEmpty)
    }

    @Test("factorials past 20! are refused, not overflowed")
    func factorials() throws {
        #expect(try SeedEncoding.factorial(20) == 2_432_902_008_176_640_000)
        #expect(throws: DerandomizationError.self) { try SeedEncoding.factorial(21) }
        #expect(throws: DerandomizationError.self) { try SeedEncoding.product([Int.max, 2]) }
    }
}

@Suite("Derandomized: large seed spaces")
struct LargeSeedSpaceTests {
    @Test("game first decodes one component of 12! without listing them; game last refuses to list 12! slots")
    func large() throws {
        let n = 12
        let prefs = (0..<n).map { i in (0..<n).map { ($0 + i) % n } }
        let first = Derandomizer(RandomPriority(), method: .gameFirst)
        let moves = (0..<n).map { [$0 * 1_000_003 % 479_001_600] }
        let play = try first.play(prefs, moves: moves)
        #expect(play.seedCount == 479_001_600)
        #expect(play.outcome == HouseAllocation.serialDictatorship(prefs, order: SeedEncoding.permutation(rank: play.seed, count: n)))
        #expect(throws: DerandomizationError.self) { try Derandomizer(RandomPriority(), method: .gameLast).play(prefs, moves: moves) }
    }
}
