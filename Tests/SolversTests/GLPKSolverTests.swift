import Testing
@testable import Solvers

/// Golden LPs from textbooks, status answers (infeasible, unbounded), MIPs and options.
@Suite("GLPKSolver")
struct GLPKSolverTests {
    /// Chvátal (1983), *Linear Programming*, ch. 2, the first worked example:
    /// maximize 5x₁ + 4x₂ + 3x₃ s.t. 2x₁ + 3x₂ + x₃ ≤ 5, 4x₁ + x₂ + 2x₃ ≤ 11,
    /// 3x₁ + 4x₂ + 2x₃ ≤ 8, x ≥ 0. Final dictionary z = 13 − 3x₂ − x₄ − x₆ with x = (2, 0, 1):
    /// optimum 13, duals y = (1, 0, 1), reduced cost of x₂ = −3.
    static func chvatalExample() -> LinearProgram {
        var program = LinearProgram(sense: .maximize)
        let x1 = program.addVariable(name: "x1", objective: 5)
        let x2 = program.addVariable(name: "x2", objective: 4)
        let x3 = program.addVariable(name: "x3", objective: 3)
        program.addConstraint([(x1, 2), (x2, 3), (x3, 1)], .lessOrEqual(5))
        program.addConstraint([(x1, 4), (x2, 1), (x3, 2)], .lessOrEqual(11))
        program.addConstraint([(x1, 3), (x2, 4), (x3, 2)], .lessOrEqual(8))
        return program
    }

    /// Hillier & Lieberman, *Introduction to Operations Research*, §3.1, the Wyndor Glass Co.
    /// problem: maximize 3x₁ + 5x₂ s.t. x₁ ≤ 4, 2x₂ ≤ 12, 3x₁ + 2x₂ ≤ 18, x ≥ 0.
    /// Optimum 36 at (2, 6); shadow prices (0, 3/2, 1) (the book's sensitivity analysis of this
    /// example; check: 3/2·12 + 1·18 = 36).
    static func wyndorGlass() -> LinearProgram {
        var program = LinearProgram(sense: .maximize)
        let x1 = program.addVariable(objective: 3)
        let x2 = program.addVariable(objective: 5)
        program.addConstraint([(x1, 1)], .lessOrEqual(4), name: "plant 1")
        program.addConstraint([(x2, 2)], .lessOrEqual(12), name: "plant 2")
        program.addConstraint([(x1, 3), (x2, 2)], .lessOrEqual(18), name: "plant 3")
        return program
    }

    /// Chvátal (1983), ch. 3, the example on which the largest-coefficient rule cycles:
    /// maximize 10x₁ − 57x₂ − 9x₃ − 24x₄ s.t. 0.5x₁ − 5.5x₂ − 2.5x₃ + 9x₄ ≤ 0,
    /// 0.5x₁ − 1.5x₂ − 0.5x₃ + x₄ ≤ 0, x₁ ≤ 1, x ≥ 0. Degenerate at the origin; optimum 1 at
    /// x = (1, 0, 1, 0) (then row 2 gives 0.5 − 0.5 = 0 and row 1 gives −2 ≤ 0). Duals
    /// (0, 18, 1): 0.5·18 + 1 = 10, −0.5·18 = −9, as the dual constraints require.
    static func chvatalCycling() -> LinearProgram {
        var program = LinearProgram(sense: .maximize)
        for c in [10.0, -57, -9, -24] { program.addVariable(objective: c) }
        program.addConstraint([(0, 0.5), (1, -5.5), (2, -2.5), (3, 9)], .lessOrEqual(0))
        program.addConstraint([(0, 0.5), (1, -1.5), (2, -0.5), (3, 1)], .lessOrEqual(0))
        program.addConstraint([(0, 1)], .lessOrEqual(1))
        return program
    }

    /// x₁ + x₂ ≥ 2 and x₁ + x₂ ≤ 1: no feasible point.
    static func infeasible() -> LinearProgram {
        var program = LinearProgram(sense: .maximize)
        program.addVariable(objective: 1)
        program.addVariable()
        program.addConstraint([(0, 1), (1, 1)], .greaterOrEqual(2))
        program.addConstraint([(0, 1), (1, 1)], .lessOrEqual(1))
        return program
    }

    /// maximize x₁ s.t. x₁ − x₂ ≤ 1, x ≥ 0: the ray (t, t) is feasible and unbounded.
    static func unbounded() -> LinearProgram {
        var program = LinearProgram(sense: .maximize)
        program.addVariable(objective: 1)
        program.addVariable()
        program.addConstraint([(0, 1), (1, -1)], .lessOrEqual(1))
        return program
    }

    /// Primal *and* dual infeasible: `infeasible()` plus a free-to-grow variable with positive
    /// objective. The answer must be "infeasible", which needs the primal simplex to prove
    /// (dual simplex and presolve only see dual infeasibility).
    static func primalAndDualInfeasible() -> LinearProgram {
        var program = infeasible()
        program.objective[0] = 0
        program.addVariable(objective: 1)
        return program
    }

    static let simplexMethods: [LPMethod] = [.primalSimplex, .dualSimplex]

    @Test("the linked GLPK reports its version as major.minor, 4.x or later")
    func libraryVersion() throws {
        let parts = GLPKSolver.libraryVersion.split(separator: ".").map { Int($0) }
        #expect(parts.count == 2 && parts.allSatisfy { $0 != nil }, "\(GLPKSolver.libraryVersion)")
        #expect((parts.first ?? nil) ?? 0 >= 4)
    }

    @Test("Chvátal (1983) ch. 2 example: optimum 13 at (2, 0, 1), duals (1, 0, 1)",
          arguments: simplexMethods)
    func chvatal(method: LPMethod) throws {
        let solution = try GLPKSolver(method: method).solve(Self.chvatalExample())
        #expect(solution.status == .optimal)
        #expect(solution.method == method)
        #expect(isClose(solution.objective, 13, TestTolerance.simplex))
        #expect(isClose(solution.primal, [2, 0, 1], TestTolerance.simplex))
        #expect(isClose(solution.rowDuals, [1, 0, 1], TestTolerance.simplex))
        #expect(isClose(solution.reducedCosts, [0, -3, 0], TestTolerance.simplex))
    }

    @Test("Wyndor Glass (Hillier & Lieberman §3.1): optimum 36 at (2, 6), shadow prices (0, 1.5, 1)",
          arguments: LPMethod.allCases)
    func wyndor(method: LPMethod) throws {
        let solution = try GLPKSolver(method: method).solve(Self.wyndorGlass())
        let tolerance = method == .interiorPoint ? TestTolerance.interiorPoint : TestTolerance.simplex
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 36, tolerance))
        #expect(isClose(solution.primal, [2, 6], tolerance))
        if method == .mip {
            #expect(solution.rowDuals.isEmpty && solution.reducedCosts.isEmpty)
        } else {
            #expect(isClose(solution.rowDuals, [0, 1.5, 1], tolerance))
        }
    }

    @Test("degenerate LP: Chvátal (1983) ch. 3 cycling example, optimum 1 at (1, 0, 1, 0)",
          arguments: LPMethod.allCases)
    func degenerate(method: LPMethod) throws {
        let solution = try GLPKSolver(method: method).solve(Self.chvatalCycling())
        let tolerance = method == .interiorPoint ? TestTolerance.interiorPoint : TestTolerance.simplex
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, 1, tolerance))
        #expect(isClose(solution.primal, [1, 0, 1, 0], tolerance))
        if method != .mip {
            #expect(isClose(solution.rowDuals, [0, 18, 1], tolerance))
        }
    }

    @Test("infeasible LP gives status .infeasible (an answer, not a crash), every method and presolve",
          arguments: LPMethod.allCases, [GLPKSolver.Presolve.off, .on])
    func infeasible(method: LPMethod, presolve: GLPKSolver.Presolve) throws {
        let solution = try GLPKSolver(method: method, presolve: presolve).solve(Self.infeasible())
        #expect(solution.status == .infeasible)
        #expect(solution.objective.isInfinite && solution.objective < 0)  // sup over the empty set
        #expect(!solution.status.hasSolution)
    }

    @Test("unbounded LP gives status .unbounded, every method and presolve",
          arguments: LPMethod.allCases, [GLPKSolver.Presolve.off, .on])
    func unbounded(method: LPMethod, presolve: GLPKSolver.Presolve) throws {
        let solution = try GLPKSolver(method: method, presolve: presolve).solve(Self.unbounded())
        #expect(solution.status == .unbounded)
        #expect(solution.objective.isInfinite && solution.objective > 0)
    }

    @Test("primal and dual infeasible LP is reported .infeasible, not .unbounded",
          arguments: LPMethod.allCases, [GLPKSolver.Presolve.off, .on])
    func bothInfeasible(method: LPMethod, presolve: GLPKSolver.Presolve) throws {
        let solution = try GLPKSolver(method: method, presolve: presolve)
            .solve(Self.primalAndDualInfeasible())
        #expect(solution.status == .infeasible)
    }

    @Test("a minimization with =, ≥, ranged rows, a free variable and an objective constant")
    func mixedBounds() throws {
        // minimize 2 + x + 2y − z  s.t.  x + y = 3,  y − z ≥ 1,  −1 ≤ x − z ≤ 1,  z free, x, y ≥ 0.
        // z ≤ y − 1 and z ≤ x + 1, maximize z: with x = 3 − y, z = min(y − 1, 4 − y); objective
        // 2 + 3 − y + 2y − z = 5 + y − z. For y ≤ 2.5: 5 + y − (y − 1) = 6; so the optimum is 6.
        var program = LinearProgram(sense: .minimize)
        let x = program.addVariable(objective: 1)
        let y = program.addVariable(objective: 2)
        let z = program.addVariable(lower: -.infinity, objective: -1)
        program.objectiveConstant = 2
        program.addConstraint([(x, 1), (y, 1)], .equal(3))
        program.addConstraint([(y, 1), (z, -1)], .greaterOrEqual(1))
        program.addConstraint([(x, 1), (z, -1)], .ranged(-1, 1))
        for method in LPMethod.allCases {
            let solution = try GLPKSolver(method: method).solve(program)
            let tolerance = method == .interiorPoint ? TestTolerance.interiorPoint : TestTolerance.simplex
            #expect(solution.status == .optimal, "\(method)")
            #expect(isClose(solution.objective, 6, tolerance), "\(method): \(solution.objective)")
        }
    }

    @Test("a program without constraints is solved by every method")
    func noConstraints() throws {
        var program = LinearProgram(sense: .minimize)
        program.addVariable(lower: -2, upper: 3, objective: 1)
        program.addVariable(lower: -1, upper: 4, objective: -2)
        for method in LPMethod.allCases {
            let solution = try GLPKSolver(method: method).solve(program)
            let tolerance = method == .interiorPoint ? TestTolerance.interiorPoint : TestTolerance.simplex
            #expect(solution.status == .optimal, "\(method)")
            #expect(isClose(solution.objective, -10, tolerance), "\(method)")
            #expect(solution.rowDuals.isEmpty)
        }
    }

    @Test("0/1 knapsack MIP: CLRS (3rd ed.) Fig. 16.2, weights 10/20/30, values 60/100/120, capacity 50 -> 220")
    func knapsackCLRS() throws {
        var program = LinearProgram(sense: .maximize)
        for value in [60.0, 100, 120] {
            program.addVariable(lower: 0, upper: 1, isInteger: true, objective: value)
        }
        program.addConstraint([(0, 10), (1, 20), (2, 30)], .lessOrEqual(50))
        let solution = try GLPKSolver(method: .mip).solve(program)
        #expect(solution.status == .optimal)
        #expect(solution.method == .mip)
        #expect(isClose(solution.objective, 220, TestTolerance.simplex))
        #expect(isClose(solution.primal, [0, 1, 1], TestTolerance.simplex))
        #expect(solution.rowDuals.isEmpty && solution.reducedCosts.isEmpty)
        // The LP relaxation is fractional and worth 240 (items 1, 2 and 2/3 of item 3).
        let relaxation = try GLPKSolver().solve(program.linearRelaxation)
        #expect(isClose(relaxation.objective, 240, TestTolerance.simplex))
    }

    @Test("0/1 knapsack MIP agrees with brute force on 100 random instances (seed 7)")
    func knapsackRandom() throws {
        var rng = SplitMix64(seed: 7)
        for instance in 0..<100 {
            let count = 1 + rng.integer(below: 10)
            let weights = (0..<count).map { _ in Double(1 + rng.integer(below: 30)) }
            let values = (0..<count).map { _ in Double(1 + rng.integer(below: 50)) }
            let capacity = Double(rng.integer(below: 80))
            var program = LinearProgram(sense: .maximize)
            for value in values { program.addVariable(upper: 1, isInteger: true, objective: value) }
            program.addConstraint(weights.enumerated().map { ($0.offset, $0.element) },
                                  .lessOrEqual(capacity))
            var best = 0.0
            for subset in 0..<(1 << count) {
                var weight = 0.0
                var value = 0.0
                for item in 0..<count where subset & (1 << item) != 0 {
                    weight += weights[item]
                    value += values[item]
                }
                if weight <= capacity { best = max(best, value) }
            }
            let solution = try GLPKSolver(method: .mip).solve(program)
            #expect(solution.status == .optimal, "instance \(instance)")
            #expect(isClose(solution.objective, best, TestTolerance.simplex), "instance \(instance)")
        }
    }

    @Test("MIP with a feasible relaxation but no integer point is .infeasible (2x = 1, x integer)")
    func integerInfeasible() throws {
        var program = LinearProgram(sense: .minimize)
        program.addVariable(lower: 0, upper: 10, isInteger: true, objective: 1)
        program.addConstraint([(0, 2)], .equal(1))
        let solution = try GLPKSolver(method: .mip).solve(program)
        #expect(solution.status == .infeasible)
    }

    @Test("integer variables with a continuous method throw .integerVariablesRequireMIP",
          arguments: [LPMethod.primalSimplex, .dualSimplex, .interiorPoint, .exact])
    func integerNeedsMIP(method: LPMethod) {
        var program = Self.wyndorGlass()
        program.variables[0].isInteger = true
        #expect(throws: LPError.integerVariablesRequireMIP(method: method, integerVariables: 1)) {
            try GLPKSolver(method: method).solve(program)
        }
    }

    @Test("MIP solved with the presolver on (automatic, 60 x 900 > 100 x 100) matches Hungarian")
    func mipWithPresolve() throws {
        var rng = SplitMix64(seed: 11)
        let n = 30
        let cost = (0..<n).map { _ in (0..<n).map { _ in Double(rng.integer(below: 1000)) / 10 } }
        var program = try Assignment.linearProgram(cost: cost)
        for j in program.variables.indices { program.variables[j].isInteger = true }
        let solver = GLPKSolver(method: .mip)
        #expect(solver.usesPresolve(for: program))
        let solution = try solver.solve(program)
        let hungarian = try Assignment.solve(cost: cost)
        #expect(solution.status == .optimal)
        #expect(isClose(solution.objective, hungarian.total, TestTolerance.simplex))
        let lp = try GLPKSolver(presolve: .automatic).solve(program.linearRelaxation)
        #expect(isClose(lp.objective, hungarian.total, TestTolerance.simplex))
    }

    @Test("automatic presolve threshold is rows x columns >= 100 x 100")
    func presolveThreshold() {
        var small = LinearProgram(sense: .minimize)
        for _ in 0..<99 { small.addVariable() }
        for _ in 0..<100 { small.addConstraint([(0, 1)], .lessOrEqual(1)) }
        #expect(!GLPKSolver().usesPresolve(for: small))
        small.addVariable()
        #expect(GLPKSolver().usesPresolve(for: small))
        #expect(!GLPKSolver(presolve: .off).usesPresolve(for: small))
        #expect(GLPKSolver(presolve: .on).usesPresolve(for: Self.wyndorGlass()))
    }

    @Test("invalid time limits throw .invalidTimeLimit; a generous one does not change the answer")
    func timeLimits() throws {
        for bad in [0.0, -1, .nan, .infinity] {
            let error = #expect(throws: LPError.self) {
                try GLPKSolver(timeLimitSeconds: bad).solve(Self.wyndorGlass())
            }
            guard case .invalidTimeLimit? = error else {
                Issue.record("wrong error for \(bad): \(String(describing: error))")
                continue
            }
        }
        for method in LPMethod.allCases {
            let solution = try GLPKSolver(method: method, timeLimitSeconds: 1e12).solve(Self.wyndorGlass())
            #expect(solution.status == .optimal)
        }
    }

    @Test("primal, dual, interior-point and exact agree on 50 random bounded LPs (seed 3)")
    func methodsAgree() throws {
        var rng = SplitMix64(seed: 3)
        for instance in 0..<50 {
            let program = randomBoundedProgram(using: &rng)
            let reference = try GLPKSolver(method: .dualSimplex).solve(program)
            #expect(reference.status == .optimal, "instance \(instance)")
            for method in [LPMethod.primalSimplex, .interiorPoint, .exact] {
                let solution = try GLPKSolver(method: method).solve(program)
                let tolerance = method == .interiorPoint ? TestTolerance.interiorPoint : TestTolerance.simplex
                #expect(solution.status == .optimal, "instance \(instance), \(method)")
                #expect(isClose(solution.objective, reference.objective, tolerance),
                        "instance \(instance), \(method): \(solution.objective) vs \(reference.objective)")
                if method == .exact {
                    let certificate = try #require(solution.exact, "instance \(instance): \(solution.exactFailure ?? "")")
                    #expect(isClose(certificate.objective.doubleValue, reference.objective, TestTolerance.simplex))
                }
            }
        }
    }
}
