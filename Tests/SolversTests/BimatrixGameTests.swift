import Solvers
import Testing

@Suite("Bimatrix games: support enumeration")
struct BimatrixGameTests {
    static func q(_ m: [[Int]]) -> [[Rational]] { m.map { $0.map { Rational($0) } } }

    @Test("Battle of the Sexes has exactly 3 equilibria: two pure and ((2/3, 1/3), (1/3, 2/3)) with payoffs 2/3 each")
    func battleOfTheSexes() throws {
        let e = try BimatrixGame.supportEnumeration(rowPayoffs: Self.q([[2, 0], [0, 1]]), columnPayoffs: Self.q([[1, 0], [0, 2]]))
        #expect(!e.degeneracyDetected && e.supportPairs == 5 && e.singularSystems == 0)
        #expect(e.equilibria.count == 3)
        #expect(e.equilibria[0] == .init(rowStrategy: [.one, .zero], columnStrategy: [.one, .zero], rowPayoff: Rational(2), columnPayoff: .one))
        #expect(e.equilibria[1] == .init(rowStrategy: [.zero, .one], columnStrategy: [.zero, .one], rowPayoff: .one, columnPayoff: Rational(2)))
        #expect(e.equilibria[2] == .init(rowStrategy: [Rational(2, 3), Rational(1, 3)], columnStrategy: [Rational(1, 3), Rational(2, 3)],
                                         rowPayoff: Rational(2, 3), columnPayoff: Rational(2, 3)))
    }

    @Test("matching pennies: the unique equilibrium is uniform play; the prisoner's dilemma: only (defect, defect)")
    func penniesAndDilemma() throws {
        let p = try BimatrixGame.supportEnumeration(rowPayoffs: Self.q([[1, -1], [-1, 1]]), columnPayoffs: Self.q([[-1, 1], [1, -1]]))
        #expect(!p.degeneracyDetected && p.equilibria.map(\.rowStrategy) == [[Rational(1, 2), Rational(1, 2)]])
        #expect(p.equilibria[0].columnStrategy == [Rational(1, 2), Rational(1, 2)] && p.equilibria[0].rowPayoff == .zero)
        let d = try BimatrixGame.supportEnumeration(rowPayoffs: Self.q([[3, 0], [5, 1]]), columnPayoffs: Self.q([[3, 5], [0, 1]]))
        #expect(!d.degeneracyDetected && d.equilibria.count == 1)
        #expect(d.equilibria[0].rowStrategy == [.zero, .one] && d.equilibria[0].columnStrategy == [.zero, .one] && d.equilibria[0].rowPayoff == .one)
    }

    @Test("3x3 rock-paper-scissors: uniform is the only equilibrium; a 3x2 game mixes over supports of size 2 (von Stengel 2002, Figure 3.3 style)")
    func larger() throws {
        let rps = Self.q([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
        let e = try BimatrixGame.supportEnumeration(rowPayoffs: rps, columnPayoffs: rps.map { $0.map { -$0 } })
        // Three 2 x 2 systems are singular (e.g. rows {R, S}); a nondegenerate game has no equilibrium there.
        #expect(!e.degeneracyDetected && e.supportPairs == 19 && e.singularSystems == 3 && e.equilibria.count == 1)
        #expect(e.equilibria[0].rowStrategy == Array(repeating: Rational(1, 3), count: 3))
        // von Stengel's 3x2 example: A = [[3,3],[2,5],[0,6]], B = [[3,2],[2,6],[3,1]]; three equilibria:
        // ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3)), ((0,1/3,2/3),(1/3,2/3)).
        let v = try BimatrixGame.supportEnumeration(rowPayoffs: Self.q([[3, 3], [2, 5], [0, 6]]), columnPayoffs: Self.q([[3, 2], [2, 6], [3, 1]]))
        #expect(!v.degeneracyDetected && v.singularSystems == 0 && v.equilibria.count == 3)
        #expect(v.equilibria.map(\.rowStrategy) == [[.one, .zero, .zero], [Rational(4, 5), Rational(1, 5), .zero], [.zero, Rational(1, 3), Rational(2, 3)]])
        #expect(v.equilibria.map(\.columnStrategy) == [[.one, .zero], [Rational(2, 3), Rational(1, 3)], [Rational(1, 3), Rational(2, 3)]])
        #expect(v.equilibria.map(\.rowPayoff) == [Rational(3), Rational(3), Rational(4)])
    }

    @Test("a degenerate game is flagged: a column player indifferent everywhere (2 pure equilibria found, each with a tied reply; the continuum is not listed)")
    func degenerate() throws {
        let e = try BimatrixGame.supportEnumeration(rowPayoffs: Self.q([[1, 0], [0, 1]]), columnPayoffs: Self.q([[0, 0], [0, 0]]))
        #expect(e.degeneracyDetected && e.tiedReplies == 2 && e.singularSystems == 1 && e.equilibria.count == 2)
        #expect(e.equilibria.contains { $0.rowStrategy == [.one, .zero] && $0.columnStrategy == [.one, .zero] })
    }

    @Test("bad shapes are errors, not crashes")
    func shapes() {
        #expect(throws: BimatrixGame.GameError.self) { try BimatrixGame.supportEnumeration(rowPayoffs: [], columnPayoffs: []) }
        #expect(throws: BimatrixGame.GameError.self) {
            try BimatrixGame.supportEnumeration(rowPayoffs: Self.q([[1, 2]]), columnPayoffs: Self.q([[1], [2]]))
        }
    }
}
