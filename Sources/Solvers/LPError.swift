/// Why a solve did not produce an `LPSolution`: the model or options were invalid, or the solver
/// did not finish. One sentence each, naming the variable or constraint (by name if it has one,
/// always by 0-based index).
///
/// "Did the solver run?" lives here; "what is the answer?" (optimal, infeasible, unbounded…)
/// lives in `LPStatus`. An infeasible or unbounded program is therefore never an error. The
/// solver-failure cases map GLPK's return codes one to one.
///
/// Groups:
/// - Model errors, thrown by `LinearProgram.validate()` before any C call: `emptyModel` …
///   `modelTooLarge`.
/// - Option errors: `invalidTimeLimit`, `integerVariablesRequireMIP`.
/// - Matrix errors of the combinatorial solvers (`Assignment`, `MatrixGame`): `emptyMatrix` …
///   `moreRowsThanColumns`.
/// - Solver failures (GLPK return codes): `invalidBasis` … `unknownReturnCode`.
/// - Broken expectations of a solver built on LPs: `unexpectedStatus`, `inconsistentResult`.
///
/// References: GLPK Reference Manual (version 5.0), ch. 2: the "Returns" paragraphs of
/// `glp_simplex`, `glp_exact`, `glp_interior` and `glp_intopt`.
public enum LPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The GLPK routine whose return code is reported.
    public enum Routine: String, Sendable, Hashable {
        case createProblem = "glp_create_prob"
        case simplex = "glp_simplex"
        case exact = "glp_exact"
        case interior = "glp_interior"
        case intopt = "glp_intopt"
        case writeLP = "glp_write_lp"
    }

    // MARK: Model errors

    /// The program has no variables.
    case emptyModel
    /// `objective` does not have one coefficient per variable.
    case objectiveLengthMismatch(objectiveCount: Int, variableCount: Int)
    /// More rows, columns or coefficients than GLPK's C `int` indices can address.
    case modelTooLarge(variables: Int, constraints: Int, coefficients: Int)
    /// A variable bound is NaN.
    case nanVariableBound(variable: Int, name: String?)
    /// A variable's lower bound exceeds its upper bound.
    case lowerAboveUpper(variable: Int, name: String?, lower: Double, upper: Double)
    /// A lower bound of `+∞` or an upper bound of `−∞`: no value satisfies it.
    case unattainableBound(variable: Int, name: String?, lower: Double, upper: Double)
    /// An objective coefficient is NaN or infinite.
    case nonFiniteObjective(variable: Int, name: String?, value: Double)
    /// The objective constant is NaN or infinite.
    case nonFiniteObjectiveConstant(Double)
    /// A constraint's `indices` and `coefficients` have different lengths.
    case mismatchedTerms(constraint: Int, name: String?, indexCount: Int, coefficientCount: Int)
    /// A constraint's right-hand side is NaN or infinite.
    case nonFiniteRightHandSide(constraint: Int, name: String?, value: Double)
    /// A `.ranged(low, high)` constraint with `low > high`.
    case emptyRange(constraint: Int, name: String?, low: Double, high: Double)
    /// A constraint refers to a variable index outside `0..<variableCount`.
    case variableIndexOutOfRange(constraint: Int, name: String?, index: Int, variableCount: Int)
    /// A constraint coefficient is NaN or infinite.
    case nonFiniteCoefficient(constraint: Int, name: String?, variable: Int, value: Double)
    /// A constraint lists the same variable twice.
    case duplicateVariable(constraint: Int, name: String?, variable: Int)

    // MARK: Option errors

    /// The time limit is not a positive finite number of seconds.
    case invalidTimeLimit(Double)
    /// The program has integer variables but the method solves only continuous programs.
    case integerVariablesRequireMIP(method: LPMethod, integerVariables: Int)

    // MARK: Matrix errors (Assignment, MatrixGame)

    /// A cost or payoff matrix without rows or columns where the solver needs some.
    case emptyMatrix
    /// Row `row` of a matrix has `count` entries instead of `expected`.
    case raggedMatrix(row: Int, count: Int, expected: Int)
    /// A matrix entry is NaN or infinite.
    case nonFiniteMatrixEntry(row: Int, column: Int, value: Double)
    /// An assignment problem with more rows than columns (not every row can be assigned).
    case moreRowsThanColumns(rows: Int, columns: Int)
    /// A program larger than `GLPKSolver` takes (`GLPKSolver.maximumRowsAndColumns`,
    /// `GLPKSolver.maximumCoefficients`): refused before GLPK allocates anything.
    case programTooLarge(variables: Int, constraints: Int, coefficients: Int)
    /// A matrix whose rows × columns entries cannot be counted in an `Int`.
    case matrixTooLarge(rows: Int, columns: Int)

    // MARK: Solver failures (GLPK return codes)

    /// `GLP_EBADB`: the starting basis is invalid.
    case invalidBasis(routine: Routine)
    /// `GLP_ESING`: the basis matrix is singular.
    case singularBasis(routine: Routine)
    /// `GLP_ECOND`: the basis matrix is ill-conditioned.
    case illConditionedBasis(routine: Routine)
    /// `GLP_EBOUND`: a double-bounded variable has incorrect bounds, or an integer variable
    /// has non-integer bounds (`glp_intopt`).
    case incorrectBounds(routine: Routine)
    /// `GLP_EFAIL` (or a failed `glp_create_prob`): the solver failed.
    case solverFailure(routine: Routine)
    /// `GLP_EOBJLL` / `GLP_EOBJUL`: an objective limit was reached.
    case objectiveLimitReached(routine: Routine)
    /// `GLP_EITLIM`: the iteration limit was exceeded.
    case iterationLimit(routine: Routine)
    /// `GLP_ETMLIM`: the time limit was exceeded.
    case timeLimit(routine: Routine)
    /// `GLP_EROOT`: `glp_intopt` was not given an optimal basis of the LP relaxation.
    case rootRelaxationNotOptimal
    /// `GLP_ENOCVG`: the interior-point method converges too slowly or diverges.
    case noConvergence
    /// `GLP_EINSTAB`: numerical instability in the interior-point Newton system.
    case numericalInstability
    /// `GLP_EMIPGAP`: branch and cut stopped at the relative MIP gap tolerance.
    case mipGapReached
    /// `GLP_ESTOP`: the search was stopped by a callback.
    case searchStopped
    /// A return code this wrapper does not know.
    case unknownReturnCode(routine: Routine, code: Int)

    // MARK: Broken expectations

    /// A program that must have an optimum (a matrix game, an assignment LP) did not get one.
    case unexpectedStatus(LPStatus, context: String)
    /// Two computations that must agree (row and column value of a game) did not.
    case inconsistentResult(String)

    public var description: String {
        switch self {
        case .emptyModel:
            return "The linear program has no variables; add at least one variable before solving."
        case .objectiveLengthMismatch(let objectiveCount, let variableCount):
            return "The objective has \(objectiveCount) coefficients but the program has \(variableCount) variables; there must be one coefficient per variable."
        case .modelTooLarge(let variables, let constraints, let coefficients):
            return "The program has \(variables) variables, \(constraints) constraints and \(coefficients) coefficients; GLPK accepts at most \(LinearProgram.maximumSize) of each."
        case .nanVariableBound(let variable, let name):
            return "A bound of \(Self.label("variable", variable, name)) is NaN; bounds must be numbers (use ±infinity for no bound)."
        case .lowerAboveUpper(let variable, let name, let lower, let upper):
            return "The lower bound \(lower) of \(Self.label("variable", variable, name)) is above its upper bound \(upper)."
        case .unattainableBound(let variable, let name, let lower, let upper):
            return "\(Self.label("Variable", variable, name)) has bounds [\(lower), \(upper)], which no number satisfies; a lower bound cannot be +infinity nor an upper bound -infinity."
        case .nonFiniteObjective(let variable, let name, let value):
            return "The objective coefficient of \(Self.label("variable", variable, name)) is \(Self.kind(value)); objective coefficients must be finite."
        case .nonFiniteObjectiveConstant(let value):
            return "The objective constant is \(Self.kind(value)); it must be finite."
        case .mismatchedTerms(let constraint, let name, let indexCount, let coefficientCount):
            return "\(Self.label("Constraint", constraint, name)) has \(indexCount) variable indices but \(coefficientCount) coefficients; they must pair up."
        case .nonFiniteRightHandSide(let constraint, let name, let value):
            return "The right-hand side of \(Self.label("constraint", constraint, name)) is \(Self.kind(value)); right-hand sides must be finite (drop a constraint that has no bound)."
        case .emptyRange(let constraint, let name, let low, let high):
            return "\(Self.label("Constraint", constraint, name)) has the empty range [\(low), \(high)]: its lower end is above its upper end."
        case .variableIndexOutOfRange(let constraint, let name, let index, let variableCount):
            return "\(Self.label("Constraint", constraint, name)) refers to variable \(index), but the program has variables 0..<\(variableCount)."
        case .nonFiniteCoefficient(let constraint, let name, let variable, let value):
            return "The coefficient of variable \(variable) in \(Self.label("constraint", constraint, name)) is \(Self.kind(value)); coefficients must be finite."
        case .duplicateVariable(let constraint, let name, let variable):
            return "\(Self.label("Constraint", constraint, name)) lists variable \(variable) more than once; merge the terms into one coefficient."
        case .invalidTimeLimit(let seconds):
            return "The time limit \(seconds) s is not a positive finite number of seconds."
        case .integerVariablesRequireMIP(let method, let count):
            return "The program has \(count) integer variable(s), but the method '\(method.rawValue)' solves continuous programs only; use method 'mip', or solve `linearRelaxation` explicitly."
        case .emptyMatrix:
            return "The matrix has no rows or no columns."
        case .raggedMatrix(let row, let count, let expected):
            return "Row \(row) of the matrix has \(count) entries but row 0 has \(expected); every row must have the same length."
        case .nonFiniteMatrixEntry(let row, let column, let value):
            return "The matrix entry at row \(row), column \(column) is \(Self.kind(value)); entries must be finite."
        case .moreRowsThanColumns(let rows, let columns):
            return "The assignment problem has \(rows) rows but only \(columns) columns; every row must get its own column, so transpose the matrix."
        case .programTooLarge(let variables, let constraints, let coefficients):
            let size = variables == Int.max ? "more than 2^63 variables" : coefficients > 0
                ? "\(variables) variables, \(constraints) constraints and \(coefficients) coefficients" : "\(variables) variables and \(constraints) constraints"
            return "The program has \(size), more than the solver takes (\(GLPKSolver.maximumRowsAndColumns) variables and constraints together, \(GLPKSolver.maximumCoefficients) coefficients): GLPK would need gigabytes and hours for it; solve a smaller instance."
        case .matrixTooLarge(let rows, let columns):
            return "The matrix has \(rows) rows and \(columns) columns; \(rows) × \(columns) entries overflow a 64-bit count."
        case .invalidBasis(let routine):
            return "\(routine.rawValue) could not start: the initial basis is invalid (the number of basic variables differs from the number of rows) (GLP_EBADB)."
        case .singularBasis(let routine):
            return "\(routine.rawValue) could not start: the basis matrix is singular within the working precision (GLP_ESING)."
        case .illConditionedBasis(let routine):
            return "\(routine.rawValue) could not start: the basis matrix is ill-conditioned (GLP_ECOND)."
        case .incorrectBounds(let routine):
            return "\(routine.rawValue) could not start: some double-bounded variable has incorrect bounds, or an integer variable has non-integer bounds (GLP_EBOUND)."
        case .solverFailure(.writeLP):
            return "glp_write_lp could not write the CPLEX LP file (an empty path, a NUL character in it, or an I/O error)."
        case .solverFailure(let routine):
            return "\(routine.rawValue) failed (GLP_EFAIL): the search stopped on a solver failure, or the problem has no rows or columns for this routine."
        case .objectiveLimitReached(let routine):
            return "\(routine.rawValue) stopped at an objective limit before proving optimality (GLP_EOBJLL/GLP_EOBJUL)."
        case .iterationLimit(let routine):
            return "\(routine.rawValue) stopped at its iteration limit before finishing (GLP_EITLIM)."
        case .timeLimit(let routine):
            return "\(routine.rawValue) stopped at the time limit before finishing (GLP_ETMLIM)."
        case .rootRelaxationNotOptimal:
            return "glp_intopt could not start: no optimal basis of the LP relaxation was provided (GLP_EROOT)."
        case .noConvergence:
            return "glp_interior stopped: the interior-point method converges too slowly or diverges (GLP_ENOCVG)."
        case .numericalInstability:
            return "glp_interior stopped: numerical instability while solving the Newtonian system (GLP_EINSTAB)."
        case .mipGapReached:
            return "glp_intopt stopped at the relative MIP gap tolerance before proving optimality (GLP_EMIPGAP)."
        case .searchStopped:
            return "glp_intopt was stopped by a callback before finishing (GLP_ESTOP)."
        case .unknownReturnCode(let routine, let code):
            return "\(routine.rawValue) returned the unknown code \(code)."
        case .unexpectedStatus(let status, let context):
            return "The \(context) must have an optimal solution, but the solver reported '\(status.rawValue)'."
        case .inconsistentResult(let detail):
            return "Two computations that must agree did not: \(detail)."
        }
    }

    /// `variable 3 ("x")` or `variable 3`.
    static func label(_ kind: String, _ index: Int, _ name: String?) -> String {
        if let name { return "\(kind) \(index) (\"\(name)\")" }
        return "\(kind) \(index)"
    }

    /// "NaN", "+infinity", "-infinity" or the number.
    static func kind(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+infinity" : "-infinity" }
        return "\(value)"
    }
}
