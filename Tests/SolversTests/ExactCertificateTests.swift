import Testing
@testable import Solvers

@Suite("Exact method: glp_exact and the rational certificate")
struct ExactCertificateTests {
    @Test("maximize x s.t. 3x <= 1: certificate objective is exactly 1/3")
    func oneThird() throws {
        var program = LinearProgram(sense: .maximize)
        let x = program.addVariable(objective: 1)
        program.addConstraint([(x, 3)], .lessOrEqual(1))
        let solution = try GLPKSolver(method: .exact).solve(program)
        #expect(solution.status == .optimal)
        #expect(solution.method == .exact)
        let certificate = try #require(solution.exact, "\(solution.exactFailure ?? "")")
        #expect(certificate.objective == Rational(1, 3))
        #expect(certificate.primal == [Rational(1, 3)])
        #expect(certificate.rowDuals == [Rational(1, 3)])
        #expect(certificate.objective.description == "1/3")
        #expect(solution.exactFailure == nil)
        // The floating-point objective is the double nearest to 1/3.
        #expect(isClose(solution.objective, 1.0 / 3.0, TestTolerance.simplex))
    }

    @Test("Chvátal (1983) ch. 2 example certified exactly: 13, x = (2, 0, 1), y = (1, 0, 1), d₂ = −3")
    func chvatal() throws {
        let solution = try GLPKSolver(method: .exact).solve(GLPKSolverTests.chvatalExample())
        let certificate = try #require(solution.exact)
        #expect(certificate.objective == Rational(13))
        #expect(certificate.primal == [Rational(2), .zero, Rational(1)])
        #expect(certificate.rowDuals == [Rational(1), .zero, Rational(1)])
        #expect(certificate.reducedCosts == [.zero, Rational(-3), .zero])
    }

    @Test("Chvátal (1983) ch. 3 cycling example: glp_exact after the warm start certifies 1")
    func cyclingExample() throws {
        // glp_exact started from the slack basis cycles on this program (glpsol --exact runs for
        // millions of iterations); the warm-start basis avoids that.
        let solution = try GLPKSolver(method: .exact).solve(GLPKSolverTests.chvatalCycling())
        let certificate = try #require(solution.exact)
        #expect(certificate.objective == Rational(1))
        #expect(certificate.primal == [Rational(1), .zero, Rational(1), .zero])
        #expect(certificate.rowDuals == [.zero, Rational(18), Rational(1)])
    }

    @Test("decimal data is read as decimals: maximize x + y s.t. 0.1x + 0.2y <= 0.3, x <= 1 -> 2")
    func decimals() throws {
        // 0.1 + 0.2 != 0.3 in binary, but the certificate reads 1/10, 2/10, 3/10: x = 1,
        // then 0.2y <= 0.2 gives y = 1, objective exactly 2.
        var program = LinearProgram(sense: .maximize)
        program.addVariable(upper: 1, objective: 1)
        program.addVariable(objective: 1)
        program.addConstraint([(0, 0.1), (1, 0.2)], .lessOrEqual(0.3))
        let solution = try GLPKSolver(method: .exact).solve(program)
        let certificate = try #require(solution.exact)
        #expect(certificate.objective == Rational(2))
        #expect(certificate.primal == [Rational(1), Rational(1)])
    }

    @Test("a program without constraints (glp_exact needs rows) is certified from the simplex basis")
    func noRows() throws {
        var program = LinearProgram(sense: .maximize)
        program.addVariable(lower: 0, upper: 0.1, objective: 3)
        program.addVariable(lower: -0.25, upper: 2, objective: -1)
        let solution = try GLPKSolver(method: .exact).solve(program)
        let certificate = try #require(solution.exact, "\(solution.exactFailure ?? "")")
        #expect(certificate.objective == Rational(11, 20))  // 3/10 + 1/4
        #expect(certificate.primal == [Rational(1, 10), Rational(-1, 4)])
    }

    @Test("infeasible and unbounded programs have no certificate and say why")
    func noCertificate() throws {
        for program in [GLPKSolverTests.infeasible(), GLPKSolverTests.unbounded()] {
            let solution = try GLPKSolver(method: .exact).solve(program)
            #expect(solution.exact == nil)
            #expect(solution.exactFailure?.contains("status") == true)
        }
    }

    @Test("a coefficient without a 128-bit fraction gives exact = nil with a reason, not a crash")
    func unrepresentable() throws {
        var program = LinearProgram(sense: .maximize)
        program.addVariable(upper: 5, objective: 1)
        program.addConstraint([(0, 1e-30)], .lessOrEqual(1))
        let solution = try GLPKSolver(method: .exact).solve(program)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 5, TestTolerance.simplex))
        #expect(solution.exact == nil)
        #expect(solution.exactFailure?.contains("128-bit") == true)
    }

    @Test("data that overflows 128-bit elimination gives exact = nil with a reason, not a crash")
    func overflow() throws {
        // A dense 8 x 8 equality system A x = b in free variables, entries with 12 decimals:
        // the unique solution is basic in all 8 columns, and one elimination step already
        // needs denominators near 10^24, two near 10^48 > 2^127.
        var rng = SplitMix64(seed: 99)
        var program = LinearProgram(sense: .maximize)
        let n = 8
        for _ in 0..<n { program.addVariable(lower: -.infinity, objective: 1) }
        for _ in 0..<n {
            let terms = (0..<n).map { ($0, 1 + Double(1 + rng.integer(below: 999_999_999_998)) / 1e12) }
            program.addConstraint(terms, .equal(Double(rng.integer(below: 1_000_000)) / 1e3))
        }
        let solution = try GLPKSolver(method: .exact).solve(program)
        #expect(solution.status == .optimal)
        #expect(solution.exact == nil)
        #expect(solution.exactFailure?.contains("128-bit") == true, "\(solution.exactFailure ?? "nil")")
    }

    @Test("certificate recomputation rejects a non-optimal basis")
    func rejectsWrongBasis() {
        // Wyndor Glass with the slack basis: feasible (x = 0) but not optimal.
        let program = GLPKSolverTests.wyndorGlass()
        #expect(throws: ExactCertificate.Failure.self) {
            try ExactCertificate.recompute(program, rows: [.basic, .basic, .basic],
                                           columns: [.atLower, .atLower])
        }
        // The optimal basis: x1, x2 and the slack of row 0 basic.
        #expect(throws: Never.self) {
            let certificate = try ExactCertificate.recompute(
                program, rows: [.basic, .atUpper, .atUpper], columns: [.basic, .basic])
            #expect(certificate.objective == Rational(36))
            #expect(certificate.rowDuals == [.zero, Rational(3, 2), Rational(1)])
        }
        // Not a basis: too many basic variables.
        #expect(throws: ExactCertificate.Failure.self) {
            try ExactCertificate.recompute(program, rows: [.basic, .basic, .atUpper],
                                           columns: [.basic, .basic])
        }
    }
}
