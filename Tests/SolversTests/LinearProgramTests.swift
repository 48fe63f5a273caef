import Testing
@testable import Solvers

@Suite("LinearProgram: building and validation before C is reached")
struct LinearProgramTests {
    /// x, y ≥ 0 with one constraint x + y ≤ 1: valid.
    private func smallProgram() -> LinearProgram {
        var program = LinearProgram(sense: .maximize)
        let x = program.addVariable(name: "x", objective: 1)
        let y = program.addVariable(name: "y", objective: 2)
        program.addConstraint([(x, 1), (y, 1)], .lessOrEqual(1), name: "budget")
        return program
    }

    @Test("addVariable returns 0-based indices and fills the dense objective")
    func builder() throws {
        var program = LinearProgram(sense: .minimize)
        #expect(program.addVariable(objective: 3) == 0)
        #expect(program.addVariable(lower: -.infinity, upper: 4, name: "z", isInteger: true) == 1)
        #expect(isClose(program.objective, [3, 0], 0))
        #expect(program.variables[1].name == "z")
        #expect(program.variables[1].isInteger)
        #expect(program.integerVariableCount == 1)
        #expect(program.linearRelaxation.integerVariableCount == 0)
        #expect(program.addConstraint([(0, 1), (1, -1)], .ranged(-1, 1)) == 0)
        #expect(program.constraints[0].indices == [0, 1])
        #expect(isClose(program.constraints[0].coefficients, [1, -1], 0))
        #expect(program.termCount == 2)
        try program.validate()
    }

    @Test("a valid program passes validation")
    func validProgram() throws {
        try smallProgram().validate()
    }

    @Test("empty model (no variables) throws .emptyModel")
    func emptyModel() {
        let program = LinearProgram(sense: .minimize)
        let error = #expect(throws: LPError.self) { try program.validate() }
        #expect(error == .emptyModel)
        #expect(error?.description.contains("no variables") == true)
    }

    @Test("NaN constraint coefficient throws .nonFiniteCoefficient naming the row")
    func nanCoefficient() {
        var program = smallProgram()
        program.constraints[0].coefficients[1] = .nan
        let error = #expect(throws: LPError.self) { try program.validate() }
        guard case .nonFiniteCoefficient(let row, let name, let variable, let value)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(row == 0 && name == "budget" && variable == 1 && value.isNaN)
        #expect(error?.description.contains("\"budget\"") == true)
        #expect(error?.description.contains("NaN") == true)
    }

    @Test("infinite constraint coefficient throws .nonFiniteCoefficient")
    func infiniteCoefficient() {
        var program = smallProgram()
        program.constraints[0].coefficients[0] = -.infinity
        let error = #expect(throws: LPError.self) { try program.validate() }
        guard case .nonFiniteCoefficient(0, _, 0, let value)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(value.isInfinite && value < 0)
        #expect(error?.description.contains("-infinity") == true)
    }

    @Test("lower bound above upper bound throws .lowerAboveUpper naming the variable")
    func lowerAboveUpper() {
        var program = smallProgram()
        program.variables[1].lower = 3
        program.variables[1].upper = 2
        let error = #expect(throws: LPError.self) { try program.validate() }
        #expect(error == .lowerAboveUpper(variable: 1, name: "y", lower: 3, upper: 2))
        #expect(error?.description.contains("variable 1 (\"y\")") == true)
    }

    @Test("NaN variable bound throws .nanVariableBound")
    func nanBound() {
        var program = smallProgram()
        program.variables[0].upper = .nan
        let error = #expect(throws: LPError.self) { try program.validate() }
        #expect(error == .nanVariableBound(variable: 0, name: "x"))
    }

    @Test("a lower bound of +infinity throws .unattainableBound")
    func unattainableBound() {
        var program = smallProgram()
        program.variables[0].lower = .infinity
        program.variables[0].upper = .infinity
        let error = #expect(throws: LPError.self) { try program.validate() }
        #expect(error == .unattainableBound(variable: 0, name: "x", lower: .infinity, upper: .infinity))
    }

    @Test("out-of-range variable index throws .variableIndexOutOfRange")
    func outOfRangeIndex() {
        var program = smallProgram()
        program.addConstraint([(0, 1), (2, 1)], .greaterOrEqual(0))
        let error = #expect(throws: LPError.self) { try program.validate() }
        #expect(error == .variableIndexOutOfRange(constraint: 1, name: nil, index: 2, variableCount: 2))
        #expect(error?.description.lowercased().contains("constraint 1") == true)
        var negative = smallProgram()
        negative.addConstraint([(-1, 1)], .equal(0))
        #expect(throws: LPError.variableIndexOutOfRange(constraint: 1, name: nil, index: -1,
                                                        variableCount: 2)) {
            try negative.validate()
        }
    }

    @Test("NaN objective coefficient throws .nonFiniteObjective")
    func nanObjective() {
        var program = smallProgram()
        program.objective[1] = .nan
        let error = #expect(throws: LPError.self) { try program.validate() }
        guard case .nonFiniteObjective(1, "y", let value)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(value.isNaN)
    }

    @Test("infinite objective constant throws .nonFiniteObjectiveConstant")
    func infiniteConstant() {
        var program = smallProgram()
        program.objectiveConstant = .infinity
        #expect(throws: LPError.nonFiniteObjectiveConstant(.infinity)) { try program.validate() }
    }

    @Test("objective of the wrong length throws .objectiveLengthMismatch")
    func objectiveLength() {
        var program = smallProgram()
        program.objective.append(1)
        #expect(throws: LPError.objectiveLengthMismatch(objectiveCount: 3, variableCount: 2)) {
            try program.validate()
        }
    }

    @Test("infinite or NaN right-hand side throws .nonFiniteRightHandSide")
    func infiniteRightHandSide() {
        var program = smallProgram()
        program.constraints[0].bound = .lessOrEqual(.infinity)
        #expect(throws: LPError.nonFiniteRightHandSide(constraint: 0, name: "budget", value: .infinity)) {
            try program.validate()
        }
        program.constraints[0].bound = .ranged(0, .nan)
        let error = #expect(throws: LPError.self) { try program.validate() }
        guard case .nonFiniteRightHandSide(0, "budget", let value)? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(value.isNaN)
    }

    @Test("ranged constraint with low > high throws .emptyRange")
    func emptyRange() {
        var program = smallProgram()
        program.constraints[0].bound = .ranged(2, 1)
        #expect(throws: LPError.emptyRange(constraint: 0, name: "budget", low: 2, high: 1)) {
            try program.validate()
        }
    }

    @Test("the same variable twice in one row throws .duplicateVariable")
    func duplicateIndex() {
        var program = smallProgram()
        program.addConstraint([(1, 1), (0, 2), (1, 3)], .equal(1), name: "twice")
        #expect(throws: LPError.duplicateVariable(constraint: 1, name: "twice", variable: 1)) {
            try program.validate()
        }
        // The same variable in different rows is fine.
        var fine = smallProgram()
        fine.addConstraint([(1, 1)], .equal(1))
        #expect(throws: Never.self) { try fine.validate() }
    }

    @Test("indices and coefficients of different lengths throw .mismatchedTerms")
    func mismatchedTerms() {
        var program = smallProgram()
        program.constraints[0].indices.append(1)
        #expect(throws: LPError.mismatchedTerms(constraint: 0, name: "budget", indexCount: 3,
                                                coefficientCount: 2)) {
            try program.validate()
        }
    }

    @Test("invalid models throw from GLPKSolver.solve before any C call, for every method",
          arguments: LPMethod.allCases)
    func solverValidatesFirst(method: LPMethod) {
        var program = smallProgram()
        program.constraints[0].coefficients[0] = .nan
        let error = #expect(throws: LPError.self) { try GLPKSolver(method: method).solve(program) }
        guard case .nonFiniteCoefficient? = error else {
            Issue.record("wrong error \(String(describing: error))")
            return
        }
        #expect(throws: LPError.emptyModel) {
            try GLPKSolver(method: method).solve(LinearProgram(sense: .maximize))
        }
    }

    @Test("every error description is one sentence ending with a period")
    func descriptions() {
        let errors: [LPError] = [
            .emptyModel, .nanVariableBound(variable: 0, name: nil),
            .lowerAboveUpper(variable: 2, name: "a", lower: 1, upper: 0),
            .invalidTimeLimit(-1), .integerVariablesRequireMIP(method: .dualSimplex, integerVariables: 2),
            .singularBasis(routine: .simplex), .timeLimit(routine: .intopt), .noConvergence,
            .unknownReturnCode(routine: .exact, code: 99), .raggedMatrix(row: 1, count: 2, expected: 3),
        ]
        for error in errors {
            #expect(error.description.hasSuffix("."), "\(error)")
            #expect(!error.description.isEmpty)
        }
    }
}
