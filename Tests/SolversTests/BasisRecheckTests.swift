import Testing
@testable import Solvers

/// The exact recheck of a floating-point simplex basis (`ExactCertificate.verify(_:basis:)`)
/// and the sparse rational LU factorization behind it.
@Suite("Exact recheck of a simplex basis by sparse elimination")
struct BasisRecheckTests {
    /// The dual simplex's basis of `program`, rechecked exactly.
    func recheck(_ program: LinearProgram) throws -> ExactCertificate {
        let solution = try GLPKSolver(method: .dualSimplex).solve(program)
        #expect(solution.status == .optimal)
        let basis = try #require(solution.basis)
        return try ExactCertificate.verify(program, basis: basis)
    }

    @Test("Chvátal (1983) ch. 2 example from the dual simplex basis: 13, x = (2, 0, 1), y = (1, 0, 1), d₂ = −3")
    func chvatal() throws {
        let certificate = try recheck(GLPKSolverTests.chvatalExample())
        #expect(certificate.objective == Rational(13))
        #expect(certificate.primal == [Rational(2), .zero, Rational(1)])
        #expect(certificate.rowDuals == [Rational(1), .zero, Rational(1)])
        #expect(certificate.reducedCosts == [.zero, Rational(-3), .zero])
    }

    @Test("Wyndor Glass (Hillier and Lieberman §3.1): 36 at (2, 6), shadow prices (0, 3/2, 1)")
    func wyndor() throws {
        let certificate = try recheck(GLPKSolverTests.wyndorGlass())
        #expect(certificate.objective == Rational(36))
        #expect(certificate.primal == [Rational(2), Rational(6)])
        #expect(certificate.rowDuals == [.zero, Rational(3, 2), Rational(1)])
    }

    @Test("degenerate: Chvátal's cycling example (ch. 3) from the dual simplex basis is certified 1 at (1, 0, 1, 0)")
    func degenerateCycling() throws {
        let certificate = try recheck(GLPKSolverTests.chvatalCycling())
        #expect(certificate.objective == Rational(1))
        #expect(certificate.primal == [Rational(1), .zero, Rational(1), .zero])
    }

    @Test("degenerate: three rows through the optimal vertex (1, 1) of max x + y; the value 2 is certified whatever the basis")
    func degenerateVertex() throws {
        // x ≤ 1, y ≤ 1, x + y ≤ 2 all bind at (1, 1): one of them is basic at value 0 slack.
        var program = LinearProgram(sense: .maximize)
        program.addVariable(objective: 1)
        program.addVariable(objective: 1)
        program.addConstraint([(0, 1)], .lessOrEqual(1))
        program.addConstraint([(1, 1)], .lessOrEqual(1))
        program.addConstraint([(0, 1), (1, 1)], .lessOrEqual(2))
        let certificate = try recheck(program)
        #expect(certificate.objective == Rational(2))
        #expect(certificate.primal == [Rational(1), Rational(1)])
        // Weak duality: λ ≥ 0 on these rows of a maximization, λ·b = 2.
        let dualObjective = try certificate.rowDuals[0].adding(certificate.rowDuals[1])
            .adding(try certificate.rowDuals[2].multiplied(by: Rational(2)))
        #expect(dualObjective == Rational(2))
        #expect(certificate.rowDuals.allSatisfy { $0.signum >= 0 })
    }

    /// maximize x + y s.t. 50000x + 3y ≤ 1, 7x + 50001y ≤ 1, x, y ≥ 0: both rows bind, and the
    /// basis determinant 50000·50001 − 21 = 2,500,049,979 exceeds 10^9. By Cramer's rule
    /// x = 49998/2500049979 = 16666/833349993, y = 49993/2500049979, duals
    /// (49994, 49997)/2500049979, optimum 99991/2500049979.
    static func longFractions() -> LinearProgram {
        var program = LinearProgram(sense: .maximize)
        program.addVariable(objective: 1)
        program.addVariable(objective: 1)
        program.addConstraint([(0, 50000), (1, 3)], .lessOrEqual(1))
        program.addConstraint([(0, 7), (1, 50001)], .lessOrEqual(1))
        return program
    }

    @Test("an optimum with denominator 2,500,049,979 > 10^9 is recomputed exactly from the float basis: 99991/2500049979")
    func largeDenominator() throws {
        let certificate = try recheck(Self.longFractions())
        let det: Int128 = 2_500_049_979
        #expect(certificate.objective == (try Rational(numerator: 99991, denominator: det)))
        #expect(certificate.primal == [try Rational(numerator: 16666, denominator: 833_349_993),
                                       try Rational(numerator: 49993, denominator: det)])
        #expect(certificate.rowDuals == [try Rational(numerator: 49994, denominator: det),
                                         try Rational(numerator: 49997, denominator: det)])
    }

    @Test("sparse and dense elimination give the same certificate on random sparse programs (the dense one is the oracle)")
    func sparseMatchesDense() throws {
        var rng = SplitMix64(seed: 2026)
        var compared = 0
        for _ in 0..<30 {
            let n = 6 + rng.integer(below: 10)
            let m = 4 + rng.integer(below: 10)
            var program = LinearProgram(sense: .maximize)
            for _ in 0..<n { program.addVariable(upper: Double(1 + rng.integer(below: 5)), objective: Double(rng.integer(below: 9) - 2)) }
            for _ in 0..<m {
                var terms: [(Int, Double)] = []
                for j in 0..<n where rng.integer(below: 3) == 0 { terms.append((j, Double(1 + rng.integer(below: 7)))) }
                if terms.isEmpty { terms.append((rng.integer(below: n), 1)) }
                program.addConstraint(terms, .lessOrEqual(Double(1 + rng.integer(below: 20))))
            }
            let solution = try GLPKSolver(method: .dualSimplex).solve(program)
            guard solution.status == .optimal, let basis = solution.basis else { continue }
            let dense = try ExactCertificate.recompute(program, rows: basis.rows, columns: basis.columns, elimination: .dense)
            let sparse = try ExactCertificate.recompute(program, rows: basis.rows, columns: basis.columns, elimination: .sparse)
            #expect(sparse == dense)
            #expect(isClose(sparse.objective.doubleValue, solution.objective, TestTolerance.simplex))
            compared += 1
        }
        #expect(compared == 30)
    }

    @Test("SparseRationalLU solves M x = b and Mᵀ y = c exactly on a 4×4 matrix with det 72")
    func factorization() throws {
        // M = [[2, 1, 0, 1], [1, 3, 1, 0], [0, 1, 4, 1], [1, 0, 1, 5]]
        let m: [[Int]] = [[2, 1, 0, 1], [1, 3, 1, 0], [0, 1, 4, 1], [1, 0, 1, 5]]
        let rows = m.map { row in row.enumerated().filter { $0.element != 0 }.map { (column: $0.offset, value: Rational($0.element)) } }
        let lu = try #require(try SparseRationalLU(rows: rows))
        let b = [Rational(1), Rational(2), Rational(3), Rational(4)]
        let x = try lu.solve(b)
        for i in 0..<4 {
            var sum = Rational.zero
            for j in 0..<4 { sum = try sum.adding(try Rational(m[i][j]).multiplied(by: x[j])) }
            #expect(sum == b[i], "row \(i)")
        }
        let c = [Rational(-1), Rational(1), Rational(0), Rational(7)]
        let y = try lu.solveTransposed(c)
        for j in 0..<4 {
            var sum = Rational.zero
            for i in 0..<4 { sum = try sum.adding(try Rational(m[i][j]).multiplied(by: y[i])) }
            #expect(sum == c[j], "column \(j)")
        }
        // det M = 72 (cofactor expansion), so by Cramer's rule the denominators divide 72.
        #expect((x + y).allSatisfy { 72 % $0.denominator == 0 })
    }

    @Test("a singular basis matrix is refused with a sentence")
    func singular() throws {
        // Rows x + y ≤ 1 and 2x + 2y ≤ 2 are parallel: x, y basic with both rows pinned is
        // singular.
        var program = LinearProgram(sense: .maximize)
        program.addVariable(objective: 1)
        program.addVariable(objective: 1)
        program.addConstraint([(0, 1), (1, 1)], .lessOrEqual(1))
        program.addConstraint([(0, 2), (1, 2)], .lessOrEqual(2))
        let basis = LPBasis(rows: [.atUpper, .atUpper], columns: [.basic, .basic])
        #expect(throws: ExactCertificate.Failure.self) { try ExactCertificate.verify(program, basis: basis) }
        do {
            _ = try ExactCertificate.verify(program, basis: basis)
        } catch {
            #expect(error.reason == "The final basis matrix is singular in exact arithmetic.")
        }
        #expect(try SparseRationalLU(rows: [[(0, Rational(1)), (1, Rational(2))], [(0, Rational(2)), (1, Rational(4))]]) == nil)
    }

    @Test("an inconsistent basis (wrong size, wrong count of basic variables, a bound it does not have, not optimal) is refused with a sentence")
    func inconsistent() throws {
        let program = GLPKSolverTests.wyndorGlass()
        func reason(_ basis: LPBasis) -> String? {
            do {
                _ = try ExactCertificate.verify(program, basis: basis)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason(LPBasis(rows: [.basic], columns: [.basic, .basic]))
                == "The basis has 1 row and 2 column statuses for a program of 3 constraints and 2 variables.")
        #expect(reason(LPBasis(rows: [.basic, .basic, .atUpper], columns: [.basic, .basic]))
                == "The final basis has 4 basic variables for 3 constraints, so it is not a basis.")
        #expect(reason(LPBasis(rows: [.basic, .basic, .atUpper], columns: [.basic, .atUpper]))?
                    .contains("at a bound it does not have") == true)
        // The slack basis x = 0 is feasible but not optimal.
        #expect(reason(LPBasis(rows: [.basic, .basic, .basic], columns: [.atLower, .atLower]))?
                    .hasPrefix("The final basis is not optimal in exact arithmetic") == true)
        // The optimal basis passes.
        #expect(reason(LPBasis(rows: [.basic, .atUpper, .atUpper], columns: [.basic, .basic])) == nil)
    }

    @Test("the simplex methods report their final basis, the interior-point method none")
    func basisReported() throws {
        let program = GLPKSolverTests.wyndorGlass()
        for method in GLPKSolverTests.simplexMethods {
            let solution = try GLPKSolver(method: method).solve(program)
            #expect(solution.basis == LPBasis(rows: [.basic, .atUpper, .atUpper], columns: [.basic, .basic]))
        }
        #expect(try GLPKSolver(method: .interiorPoint).solve(program).basis == nil)
    }
}
