// Implementation notes
//
// Goals, in priority order:
// 1. Never crash: validate the program and the options in Swift, then call GLPK only with
//    arguments it accepts (see GLPKProblem). Map every return code (GLPKReturnCode).
// 2. Honest answers: "infeasible" and "unbounded" are reported only when proven. GLPK's
//    "no dual feasible solution" signals (dual simplex phase 1, GLP_ENODFS from the presolver,
//    GLP_NOFEAS / GLP_ENOFEAS from the interior-point method) mean "unbounded or infeasible";
//    a primal simplex run without presolve then proves which (`classify`).
// 3. One thread: create, load, solve, read back and delete inside this synchronous call
//    (GLPK's environment is thread-local), silence GLPK's terminal output on this thread for
//    the duration of the call and restore it afterwards.
// 4. Low overhead: validation and loading are O(size) with no per-element allocation, so a
//    10×10 assignment LP costs little more than raw GLPK calls (workload W2; RawGLPKBaseline).

internal import CGLPK

/// Solves `LinearProgram`s with GLPK: primal or dual simplex, interior point, exact rational
/// simplex, or branch and cut for MIPs.
///
/// ```
/// let solution = try GLPKSolver(method: .dualSimplex).solve(program)
/// if solution.status == .optimal { use(solution.primal) }
/// ```
///
/// Methods:
/// - `.primalSimplex`, `.dualSimplex`: `glp_simplex` (`GLP_PRIMAL`, `GLP_DUALP`), presolver
///   per `presolve`.
/// - `.interiorPoint`: `glp_interior`; values from `glp_ipt_*`. GLPK's interior-point method
///   has no time limit, so `timeLimitSeconds` does not apply to it. It does not detect
///   infeasibility reliably: when it reports no feasible solution (`GLP_NOFEAS`,
///   `GLP_ENOFEAS`) or breaks down (`GLP_ENOCVG`, `GLP_EINSTAB`), a primal simplex run decides;
///   a proven `.infeasible` or `.unbounded` is returned (values from that run), otherwise the
///   interior-point failure is thrown.
/// - `.exact`: `glp_simplex` (dual, no presolve) for a warm basis, then `glp_exact`, then an
///   `ExactCertificate` recomputed in Swift from the final basis. GLPK's `glp_exact` rejects
///   programs without constraints; for those the warm-start basis is certified directly.
///   Meant for small instances: the certificate uses 128-bit fractions and may report
///   overflow in `exactFailure`. `glp_exact` pivots by textbook rules and can cycle on a
///   degenerate program when it starts from the slack basis (it does on Chvátal's cycling
///   example, ch. 3), so it runs after the warm start and with an iteration limit of
///   `exactIterationLimit(for:)`; reaching it throws `LPError.iterationLimit(routine: .exact)`.
/// - `.mip`: the LP relaxation by dual simplex (presolver per `presolve`), then `glp_intopt`
///   with its own presolver off, which GLPK requires to be given the optimal relaxation basis.
///   `rowDuals` and `reducedCosts` are empty.
///
/// Integer variables: only `.mip` honours `isInteger`. Any other method throws
/// `LPError.integerVariablesRequireMIP` rather than silently solving the relaxation; solve
/// `program.linearRelaxation` to ask for the relaxation explicitly.
///
/// Presolve: `.automatic` turns GLPK's LP presolver on when rows × columns ≥ 100 × 100
/// (`presolveThreshold`); it pays off only on larger programs. The exact method never uses it.
///
/// Properties:
/// - Thread-safe and deterministic: a `Sendable` value; each call builds its own GLPK problem
///   on the calling thread, so concurrent solves give bit-identical results to serial ones.
/// - Silent unless `verbose` (GLPK `msg_lev = GLP_MSG_OFF` and `glp_term_out(GLP_OFF)`).
/// - No scaling (`glp_scale_prob` is not called): results match raw GLPK with default options.
///
/// References: GLPK Reference Manual (version 5.0), ch. 2 (simplex, interior-point and MIP
/// routines); GLPK.jl's MOI wrapper for the
/// split between return codes and statuses.
public struct GLPKSolver: LPSolver, Sendable {
    /// Whether GLPK's LP presolver runs before the simplex method.
    public enum Presolve: String, Sendable, Hashable, CaseIterable {
        /// On when rows × columns ≥ `GLPKSolver.presolveThreshold`, off otherwise.
        case automatic
        case on
        case off
    }

    /// rows × columns from which `.automatic` turns the presolver on.
    public static let presolveThreshold = 100 * 100

    /// The longest time limit GLPK can take (`tm_lim` is a C `int` of milliseconds).
    public static let maximumTimeLimitSeconds = Double(Int32.max) / 1000

    /// The algorithm to run.
    public var method: LPMethod
    /// Presolver policy for the simplex runs.
    public var presolve: Presolve
    /// Whether GLPK prints its progress to standard output.
    public var verbose: Bool
    /// Wall-clock limit for the whole solve, in seconds (positive, finite); nil for none.
    /// Longer limits are capped at `maximumTimeLimitSeconds`.
    public var timeLimitSeconds: Double?

    public init(method: LPMethod = .dualSimplex, presolve: Presolve = .automatic,
                verbose: Bool = false, timeLimitSeconds: Double? = nil) {
        self.method = method
        self.presolve = presolve
        self.verbose = verbose
        self.timeLimitSeconds = timeLimitSeconds
    }

    /// The iteration limit of `glp_exact`: 50 pivots per row and column, at least 10,000.
    /// From the warm-start basis it usually needs none.
    public static func exactIterationLimit(for program: LinearProgram) -> Int {
        min(Int(Int32.max), max(10_000, 50 * (program.constraints.count + program.variables.count)))
    }

    /// The most variables and constraints together that `solve` takes. An MNL auction of 2,000
    /// advertisers and 2,000 positions (4,000,001 variables) held 4.6 GB after two minutes of
    /// GLPK's simplex, and a payment rule solves such a program once per shown advertiser; past
    /// this size a solve is refused (`LPError.programTooLarge`) before GLPK allocates anything.
    public static let maximumRowsAndColumns = 1_000_000
    /// The most constraint coefficients that `solve` takes (see `maximumRowsAndColumns`).
    public static let maximumCoefficients = 10_000_000

    /// Whether the simplex runs for `program` use the presolver.
    public func usesPresolve(for program: LinearProgram) -> Bool {
        switch presolve {
        case .on: return true
        case .off: return false
        case .automatic:
            let (size, overflow) = program.constraints.count.multipliedReportingOverflow(
                by: program.variables.count)
            return overflow || size >= Self.presolveThreshold
        }
    }

    /// Solves `program` with `method`.
    ///
    /// - Complexity: validation and loading O(variables + constraints + coefficients); the
    ///   solve itself is GLPK's.
    /// - Throws: `LPError` for an invalid program or options (before any C call) and for every
    ///   GLPK failure (`GLP_EFAIL`, `GLP_EITLIM`, `GLP_ETMLIM`, …). Infeasible and unbounded
    ///   programs are answers in `LPSolution.status`, not errors.
    public func solve(_ program: LinearProgram) throws(LPError) -> LPSolution {
        let integerVariables = try program.validatedIntegerVariableCount()
        let coefficients = program.termCount
        guard program.variables.count + program.constraints.count <= Self.maximumRowsAndColumns,
              coefficients <= Self.maximumCoefficients else {
            throw .programTooLarge(variables: program.variables.count, constraints: program.constraints.count, coefficients: coefficients)
        }
        let deadline = try Deadline(seconds: timeLimitSeconds)
        if integerVariables > 0 && method != .mip {
            throw .integerVariablesRequireMIP(method: method, integerVariables: integerVariables)
        }
        guard let problem = GLPKProblem() else { throw .solverFailure(routine: .createProblem) }
        let previousTerminalOutput = glp_term_out(verbose ? GLP_ON : GLP_OFF)
        defer { glp_term_out(previousTerminalOutput) }
        problem.load(program, integerColumns: method == .mip)
        let run = Run(problem: problem, verbose: verbose, deadline: deadline)
        switch method {
        case .primalSimplex, .dualSimplex:
            let status = try run.simplex(primal: method == .primalSimplex,
                                         presolve: usesPresolve(for: program))
            return run.basicSolution(status: status, sense: program.sense, method: method)
        case .interiorPoint:
            return try run.interiorPoint(sense: program.sense)
        case .exact:
            return try run.exact(program)
        case .mip:
            return try run.mip(sense: program.sense, presolve: usesPresolve(for: program))
        }
    }
}

/// The steps of one solve, sharing the problem, verbosity and deadline.
private struct Run {
    let problem: GLPKProblem
    let verbose: Bool
    let deadline: Deadline

    /// `glp_simplex` and the status it proves.
    func simplex(primal: Bool, presolve: Bool) throws(LPError) -> LPStatus {
        let code = problem.simplex(primal: primal, presolve: presolve, verbose: verbose,
                                   timeLimit: try deadline.remainingMilliseconds(.simplex))
        return try interpret(code, routine: .simplex, presolveUsed: presolve)
    }

    /// The status after a simplex-type run (`glp_simplex` or `glp_exact`) returned `code`.
    func interpret(_ code: Int32, routine: LPError.Routine,
                   presolveUsed: Bool) throws(LPError) -> LPStatus {
        switch code {
        case 0:
            let status = problem.basicStatus
            if (status == GLP_INFEAS || status == GLP_UNDEF) && problem.basicDualStatus == GLP_NOFEAS {
                return try classify(resetBasis: false)
            }
            return GLPKReturnCode.status(status)
        case GLP_ENOPFS:
            return .infeasible
        case GLP_ENODFS:
            return try classify(resetBasis: presolveUsed)
        default:
            throw GLPKReturnCode.error(code, routine: routine)
        }
    }

    /// After "no dual feasible solution" (unbounded or infeasible): the primal simplex without
    /// presolve either finds no primal feasible point (infeasible) or an unbounded ray.
    func classify(resetBasis: Bool) throws(LPError) -> LPStatus {
        if resetBasis { problem.resetBasis() }
        let code = problem.simplex(primal: true, presolve: false, verbose: verbose,
                                   timeLimit: try deadline.remainingMilliseconds(.simplex))
        guard code == 0 else { throw GLPKReturnCode.error(code, routine: .simplex) }
        return GLPKReturnCode.status(problem.basicStatus)
    }

    func basicSolution(status: LPStatus, sense: LinearProgram.Sense,
                       method: LPMethod) -> LPSolution {
        let values = problem.basicSolution()
        let basis = method == .interiorPoint ? nil : problem.basis()
        return LPSolution(status: status,
                          objective: Self.objective(status, sense, reported: values.objective),
                          primal: values.primal, rowDuals: values.rowDuals,
                          reducedCosts: values.reducedCosts, method: method,
                          basis: basis.map { LPBasis(rows: $0.rows, columns: $0.columns) })
    }

    func interiorPoint(sense: LinearProgram.Sense) throws(LPError) -> LPSolution {
        let code = problem.interior(verbose: verbose)
        switch code {
        case 0 where problem.interiorStatus == GLP_NOFEAS, GLP_ENOFEAS:
            // glp_interior's "no feasible solution" covers primal and dual infeasibility.
            let status = try classify(resetBasis: false)
            return basicSolution(status: status, sense: sense, method: .interiorPoint)
        case 0:
            break
        case GLP_ENOCVG, GLP_EINSTAB:
            // GLPK's interior-point method often breaks down on infeasible or unbounded programs
            // (singular Newton systems) instead of detecting them. Such a program still has an
            // answer: report it if the primal simplex proves one, else the interior failure.
            let status = try classify(resetBasis: false)
            guard status == .infeasible || status == .unbounded else {
                throw GLPKReturnCode.error(code, routine: .interior)
            }
            return basicSolution(status: status, sense: sense, method: .interiorPoint)
        default:
            throw GLPKReturnCode.error(code, routine: .interior)
        }
        let status = GLPKReturnCode.status(problem.interiorStatus)
        let values = problem.interiorSolution()
        return LPSolution(status: status,
                          objective: Self.objective(status, sense, reported: values.objective),
                          primal: values.primal, rowDuals: values.rowDuals,
                          reducedCosts: values.reducedCosts, method: .interiorPoint)
    }

    func exact(_ program: LinearProgram) throws(LPError) -> LPSolution {
        // Warm start in floating point; its failures are not fatal because glp_exact can start
        // from the standard basis, except running out of time.
        let warm = problem.simplex(primal: false, presolve: false, verbose: verbose,
                                   timeLimit: try deadline.remainingMilliseconds(.simplex))
        if warm == GLP_ETMLIM { throw .timeLimit(routine: .simplex) }
        let status: LPStatus
        if problem.rowCount == 0 {
            // glp_exact returns GLP_EFAIL without rows; the recomputation certifies the basis.
            status = try interpret(warm, routine: .simplex, presolveUsed: false)
        } else {
            if warm != 0 { problem.resetBasis() }
            let code = problem.exact(
                verbose: verbose,
                iterationLimit: Int32(GLPKSolver.exactIterationLimit(for: program)),
                timeLimit: try deadline.remainingMilliseconds(.exact))
            status = try interpret(code, routine: .exact, presolveUsed: false)
        }
        var solution = basicSolution(status: status, sense: program.sense, method: .exact)
        guard status == .optimal else {
            solution.exactFailure = "There is no optimality certificate because the status is '\(status.rawValue)'."
            return solution
        }
        let basis = solution.basis ?? LPBasis(rows: [], columns: [])
        do {
            solution.exact = try ExactCertificate.recompute(program, rows: basis.rows,
                                                            columns: basis.columns)
        } catch {
            solution.exactFailure = error.reason
        }
        return solution
    }

    func mip(sense: LinearProgram.Sense, presolve: Bool) throws(LPError) -> LPSolution {
        let relaxation = try simplex(primal: false, presolve: presolve)
        var status = relaxation
        if relaxation == .optimal {
            let code = problem.intopt(verbose: verbose,
                                      timeLimit: try deadline.remainingMilliseconds(.intopt))
            switch code {
            case 0: status = GLPKReturnCode.status(problem.mipStatus)
            case GLP_ENOPFS: status = .infeasible
            case GLP_ENODFS: status = .unbounded  // only with glp_intopt's presolver, kept off
            default: throw GLPKReturnCode.error(code, routine: .intopt)
            }
        }
        let values = problem.mipSolution()
        return LPSolution(status: status,
                          objective: Self.objective(status, sense, reported: values.objective),
                          primal: values.primal, rowDuals: [], reducedCosts: [], method: .mip)
    }

    /// The optimal value in the extended reals: ±∞ for infeasible and unbounded programs.
    static func objective(_ status: LPStatus, _ sense: LinearProgram.Sense,
                          reported: Double) -> Double {
        switch (status, sense) {
        case (.infeasible, .minimize), (.unbounded, .maximize): return .infinity
        case (.infeasible, .maximize), (.unbounded, .minimize): return -.infinity
        default: return reported
        }
    }
}

/// A wall-clock deadline shared by the GLPK calls of one solve.
private struct Deadline {
    let end: ContinuousClock.Instant?

    /// - Throws: `LPError.invalidTimeLimit` unless `seconds` is nil or positive and finite.
    init(seconds: Double?) throws(LPError) {
        guard let seconds else { end = nil; return }
        guard seconds.isFinite, seconds > 0 else { throw .invalidTimeLimit(seconds) }
        let capped = min(seconds, GLPKSolver.maximumTimeLimitSeconds)
        end = ContinuousClock.now.advanced(by: .milliseconds(Int64((capped * 1000).rounded(.up))))
    }

    /// Milliseconds left, in `1...Int32.max`, for GLPK's `tm_lim`; nil without a limit.
    /// - Throws: `LPError.timeLimit(routine:)` when no time is left for `routine`.
    func remainingMilliseconds(_ routine: LPError.Routine) throws(LPError) -> Int32? {
        guard let end else { return nil }
        let left = end - ContinuousClock.now
        guard left > .zero else { throw .timeLimit(routine: routine) }
        let (seconds, attoseconds) = left.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(1, milliseconds))
    }
}
