import Testing
@testable import Solvers

@Suite("MatrixGame: zero-sum games by LP")
struct MatrixGameTests {
    static let rockPaperScissors: [[Double]] = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]

    /// Biased rock–paper–scissors, Bosanský, Lisý, Lanctot, Čermák & Winands (2016),
    /// "Algorithms for computing strategies in two-player simultaneous move games",
    /// *Artificial Intelligence* 237, §6.2; OpenSpiel `lp_solver_test.py`
    /// (`test_biased_rock_paper_scissors`). Equilibrium (1/16, 10/16, 5/16) for both players,
    /// value 0. Check: column 1 gets (10·0.25 − 5·0.5)/16 = 0, column 2 gets
    /// (−0.25 + 5·0.05)/16 = 0, column 3 gets (0.5 − 10·0.05)/16 = 0.
    static let biasedRockPaperScissors: [[Double]] = [[0, -0.25, 0.5], [0.25, 0, -0.05], [-0.5, 0.05, 0]]

    static let methods: [LPMethod] = [.primalSimplex, .dualSimplex, .interiorPoint, .exact]

    private func tolerance(_ method: LPMethod) -> Double {
        method == .interiorPoint ? TestTolerance.interiorPoint : TestTolerance.simplex
    }

    @Test("rock-paper-scissors: value 0, uniform strategies (OpenSpiel lp_solver_test)",
          arguments: methods)
    func rockPaperScissors(method: LPMethod) throws {
        let solution = try MatrixGame.solveZeroSum(payoff: Self.rockPaperScissors, method: method)
        let third = 1.0 / 3.0
        #expect(isClose(solution.value, 0, tolerance(method)))
        #expect(isClose(solution.rowStrategy, [third, third, third], tolerance(method)))
        #expect(isClose(solution.columnStrategy, [third, third, third], tolerance(method)))
        #expect(solution.method == method)
        if method == .exact {
            let exact = try #require(solution.exact, "\(solution.exactFailure ?? "")")
            #expect(exact.value == .zero)
            #expect(exact.rowStrategy == [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
            #expect(exact.columnStrategy == [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
        } else {
            #expect(solution.exact == nil)
        }
    }

    @Test("biased RPS, Bosanský et al. (2016) §6.2: value 0, strategies (1/16, 10/16, 5/16)",
          arguments: methods)
    func biasedRockPaperScissors(method: LPMethod) throws {
        let solution = try MatrixGame.solveZeroSum(payoff: Self.biasedRockPaperScissors, method: method)
        let expected = [1.0 / 16, 10.0 / 16, 5.0 / 16]
        #expect(isClose(solution.value, 0, tolerance(method)))
        #expect(isClose(solution.rowStrategy, expected, tolerance(method)))
        #expect(isClose(solution.columnStrategy, expected, tolerance(method)))
        if method == .exact {
            let exact = try #require(solution.exact, "\(solution.exactFailure ?? "")")
            let rational = [Rational(1, 16), Rational(5, 8), Rational(5, 16)]
            #expect(exact.value == .zero)
            #expect(exact.rowStrategy == rational)
            #expect(exact.columnStrategy == rational)
        }
    }

    @Test("asymmetric game with a pure equilibrium, value 1 (OpenSpiel test_asymmetric_pure_nonzero_val)")
    func asymmetricPure() throws {
        // Row 1 is dominated; then the column player picks column 1: value 1.
        let payoff: [[Double]] = [[2, 1, 5], [-3, -4, -2]]
        let solution = try MatrixGame.solveZeroSum(payoff: payoff, method: .exact)
        #expect(isClose(solution.value, 1, TestTolerance.simplex))
        #expect(isClose(solution.rowStrategy, [1, 0], TestTolerance.simplex))
        #expect(isClose(solution.columnStrategy, [0, 1, 0], TestTolerance.simplex))
        #expect(solution.exact?.value == Rational(1))
    }

    @Test("matching pennies with unequal stakes: value and strategies by the 2 x 2 formula")
    func twoByTwo() throws {
        // [[a, b], [c, d]] = [[3, -1], [-2, 1]] has no saddle point; the row player mixes
        // p = (d − c)/(a − b − c + d) = 3/7 on row 0, the column player q = (d − b)/(…) = 2/7,
        // value (ad − bc)/(a − b − c + d) = (3 − 2)/7 = 1/7 (von Neumann & Morgenstern 1944, §17).
        let solution = try MatrixGame.solveZeroSum(payoff: [[3, -1], [-2, 1]], method: .exact)
        let exact = try #require(solution.exact)
        #expect(exact.value == Rational(1, 7))
        #expect(exact.rowStrategy == [Rational(3, 7), Rational(4, 7)])
        #expect(exact.columnStrategy == [Rational(2, 7), Rational(5, 7)])
        #expect(isClose(solution.value, 1.0 / 7.0, TestTolerance.simplex))
    }

    @Test("validation: empty, ragged and non-finite payoff matrices throw")
    func validation() {
        #expect(throws: LPError.emptyMatrix) { try MatrixGame.solveZeroSum(payoff: []) }
        #expect(throws: LPError.emptyMatrix) { try MatrixGame.solveZeroSum(payoff: [[]]) }
        #expect(throws: LPError.raggedMatrix(row: 1, count: 1, expected: 2)) {
            try MatrixGame.solveZeroSum(payoff: [[1, 2], [3]])
        }
        #expect(throws: LPError.nonFiniteMatrixEntry(row: 0, column: 0, value: .infinity)) {
            try MatrixGame.solveZeroSum(payoff: [[.infinity]])
        }
    }
}
