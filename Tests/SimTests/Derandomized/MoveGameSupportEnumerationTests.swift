import Testing
import Mechanisms
import Solvers
@testable import Sim

@Suite("Derandomized move games: support enumeration of the two-machine per-task games")
struct MoveGameSupportEnumerationTests {
    typealias I = DerandomizedInstances

    @Test("T-2 task 1 (matching pennies): support enumeration finds exactly the uniform equilibrium (nondegenerate), payoffs 1/3 each, as the maximin LP")
    func penniesTask() throws {
        let t2: [[Rational]] = [[Rational(1), Rational(2), Rational(3)], [Rational(2), Rational(2), Rational(1)]]
        let game = try DerandomizedEquilibriumTests.taskGame(t2, task: 1)
        let e = try #require(try game.twoAgentEquilibria())
        #expect(!e.degeneracyDetected && e.singularSystems == 0 && e.equilibria.count == 1)
        let q = e.equilibria[0]
        #expect(q.rowStrategy == MoveGame.uniform(2) && q.columnStrategy == MoveGame.uniform(2))
        #expect(q.rowPayoff == Rational(1, 3) && q.columnPayoff == Rational(1, 3))
        #expect(try game.isEquilibrium([q.rowStrategy, q.columnStrategy]))
        // The maximin LP of the existing solver gives the same value and strategy.
        let maximin = try game.maximin(agent: 0)
        #expect(maximin.value == q.rowPayoff && maximin.strategy == q.rowStrategy)
    }

    @Test("T-1 task 0 (machine 1 indifferent): degenerate; the pure equilibria (0,0) and (1,1) are found, each an exact equilibrium of the move game; the continuum (machine 1 uniform) is not listed")
    func degenerateTask() throws {
        let game = try DerandomizedEquilibriumTests.taskGame(I.t1, task: 0)
        let e = try #require(try game.twoAgentEquilibria())
        #expect(e.degeneracyDetected && e.equilibria.count == 2)
        let profiles = e.equilibria.map { [$0.rowStrategy, $0.columnStrategy] }
        #expect(profiles.contains([MoveGame.pure(0, 2), MoveGame.pure(0, 2)]))
        #expect(profiles.contains([MoveGame.pure(1, 2), MoveGame.pure(1, 2)]))
        for p in profiles { #expect(try game.isEquilibrium(p), "\(p)") }
        // Pure supports always give a unique solution, so the pure equilibria match the move game's own enumeration.
        let pure = try game.otherEquilibria().filter { $0.uniformAgent == nil }.map { $0.pureMoves.map { MoveGame.pure($0, 2) } }
        #expect(Set(pure) == Set(profiles.filter { $0.allSatisfy { $0.contains(.one) } }))
    }

    @Test("mod-3 seed games (constant-sum (2, 1, 0) against (0, 1, 2), and a coordination-free (2, 0, 0) against (0, 2, 0)): all-uniform play is found by the full-support system, and every equilibrium found has exact regret 0")
    func modThreeGames() throws {
        let games = [MoveGame(payoffs: [[Rational(2), Rational(1), .zero], [.zero, Rational(1), Rational(2)]]),
                     MoveGame(payoffs: [[Rational(2), .zero, .zero], [.zero, Rational(2), .zero]])]
        for game in games {
            let e = try #require(try game.twoAgentEquilibria())
            for q in e.equilibria { #expect(try game.isEquilibrium([q.rowStrategy, q.columnStrategy])) }
            #expect(e.equilibria.contains { $0.rowStrategy == MoveGame.uniform(3) && $0.columnStrategy == MoveGame.uniform(3) })
        }
        #expect(try MoveGame(payoffs: [[.one], [.one], [.one]]).twoAgentEquilibria() == nil)
    }
}
