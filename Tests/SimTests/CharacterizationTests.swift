import Mechanisms
import Solvers
import Testing
@testable import Sim

@Suite("Characterizations by LP")
struct CharacterizationTests {
    @Test("Random Rank is the only Strong-Proportional-in-expectation mixture of order statistics, n = 2..60 (Aziz et al. 2022)")
    func randomRankUniquenessFloating() throws {
        for n in 2...60 {
            for r in try RandomRankUniqueness.ranges(agents: n) {
                #expect(abs(r.minimum - 1 / Double(n)) < 1e-9 && abs(r.maximum - 1 / Double(n)) < 1e-9, "n = \(n), w_\(r.k) in [\(r.minimum), \(r.maximum)]")
            }
        }
    }

    @Test("the same with exact rational arithmetic: min and max of every w_k are exactly 1/n, n = 2..12")
    func randomRankUniquenessExact() throws {
        for n in 2...12 {
            for r in try RandomRankUniqueness.ranges(agents: n, method: .exact) {
                #expect(r.exactMinimum == Rational(1, n) && r.exactMaximum == Rational(1, n),
                        "n = \(n), w_\(r.k): [\(r.exactMinimum?.description ?? "none"), \(r.exactMaximum?.description ?? "none")]")
            }
        }
    }

    @Test("Random Rank uniqueness LP, n = 3: the equations w1 + w2 = 2 w3 and 2 w1 = w2 + w3 are the LP's rows")
    func smallCase() {
        let lp = RandomRankUniqueness.program(agents: 3, k: 1, sense: .minimize)
        // j = 1: OS_1, OS_2 at 1 (coefficient 1), OS_3 at 0 (coefficient -2): w1 + w2 - 2 w3 = 0.
        #expect(lp.constraints[1].coefficients == [1, 1, -2])
        // j = 2: OS_1 at 1 (coefficient 2), OS_2, OS_3 at 0 (coefficient -1): 2 w1 - w2 - w3 = 0.
        #expect(lp.constraints[2].coefficients == [2, -1, -1])
    }
}
