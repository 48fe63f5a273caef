import Foundation
import Mechanisms
import Solvers

/// Automated mechanism design for one facility on [0, 1]: the best mechanism on a finite grid
/// under axioms that are linear constraints, by linear programming (Conitzer and Sandholm 2002).
///
/// ```
/// variables   p(x, h) >= 0   for every profile x in G^n and outcome h in H   (Σ_h p(x, h) = 1)
///             G = {0, 1/g, ..., 1} (reports),  H = {0, 1/(2g), ..., 1} (outcomes)
/// axioms      the rows each axiom declares (`LinearFacilityAxiom.lotteryRows`)
/// objective   worst-case ratio  min t  s.t.  E[cost(x)] <= t · OPT(x)  (max-cost, total-cost),
///             E[cost(x)] = 0 where OPT(x) = 0;
///             welfare ratio     max u  s.t.  E[SW(x)] >= u · OPT_SW(x), ratio = 1/u;
///             expected cost     min Σ_x E[cost(x)] / |G|^n  (reports i.i.d. uniform on G)
/// ```
/// Optimal costs are over the continuum: OPT_MC = (x_(n) - x_(1))/2, OPT_TC = the median's
/// total cost, OPT_SW = n - OPT_TC. With anonymity among the axioms the program runs over
/// multisets of reports (C(g + n, n) profiles instead of (g + 1)^n). Every row is scaled to
/// integer coefficients, so the optimum has an exact rational certificate.
///
/// Exactness: the simplex optimum is confirmed in rational arithmetic (`DesignCertificate`: the
/// primal point and the duals, read as fractions, are checked feasible with equal objectives),
/// then by the exact recheck of the simplex's final basis (`ExactCertificate.verify(_:basis:)`,
/// sparse elimination over ℚ), then, for small programs, by GLPK's rational simplex
/// (`DesignCertificate.confirm`); `method: .exact` solves with the rational simplex. `--deterministic` makes
/// every p a 0/1 variable (a MIP); its optimality rests on GLPK's branch and cut.
///
/// What does not hold: the optimum is over the grid. Mechanisms that place the facility off H
/// are outside the program; on the grid's profiles they can only be compared (`compared`).
///
/// References: V. Conitzer and T. Sandholm, "Complexity of Mechanism Design", UAI 2002;
/// A. D. Procaccia and M. Tennenholtz, "Approximate Mechanism Design without Money", EC 2009.
public enum FacilityDesign {
    /// The objectives of a facility-location design.
    public enum Objective: String, Sendable, Hashable, CaseIterable {
        case maxCost = "max-cost"
        case totalCost = "total-cost"
        case socialWelfare = "social-welfare"
        case expectedTotalCost = "expected-total-cost"
        case expectedMaxCost = "expected-max-cost"
        /// No objective: any mechanism that satisfies the axioms (value 0); with `uniqueness`,
        /// whether exactly one does.
        case feasibility

        /// Whether the objective is a worst-case ratio.
        public var isRatio: Bool { self == .maxCost || self == .totalCost || self == .socialWelfare }
    }

    /// How the LP is solved and confirmed.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Dual simplex in floating point, then an exact rational check of the point and its duals.
        case simplex
        /// GLPK's rational simplex (`LPMethod.exact`); for small programs.
        case exact
    }

    /// What to design.
    public struct Request: Sendable, Hashable {
        public var agents: Int
        public var grid: Int
        public var axioms: [String]
        public var objective: Objective
        public var deterministic: Bool
        public var method: Method
        /// Evaluate every registered mechanism that satisfies the axioms on the same grid.
        public var compare: Bool
        /// Check the designed mechanism with the ordinary checkers of its axioms.
        public var verify: Bool
        public var threads: Int
        /// A wall-clock limit for the solver, in seconds.
        public var timeLimitSeconds: Double?
        /// Decide whether the optimal mechanism is unique (`DesignUniqueness`).
        public var uniqueness: Bool

        public init(agents: Int, grid: Int, axioms: [String], objective: Objective, deterministic: Bool = false,
                    method: Method = .simplex, compare: Bool = true, verify: Bool = true,
                    threads: Int = ParallelEngine.availableCores, timeLimitSeconds: Double? = nil, uniqueness: Bool = false) {
            self.uniqueness = uniqueness
            self.agents = agents
            self.grid = grid
            self.axioms = axioms
            self.objective = objective
            self.deterministic = deterministic
            self.method = method
            self.compare = compare
            self.verify = verify
            self.threads = threads
            self.timeLimitSeconds = timeLimitSeconds
        }
    }

    /// A registered mechanism evaluated on the design grid.
    public struct Comparison: Sendable, Hashable {
        public var mechanism: String
        /// The objective's value on the grid (a ratio, or an expected cost).
        public var value: Double
        /// The value as a fraction when it has a short one.
        public var fraction: String?
        /// Whether the value equals the optimum (within `FacilityTolerance.cost`).
        public var optimal: Bool
    }

    /// The result of a design.
    public struct Result: Sendable {
        public var request: Request
        /// `optimal` or `infeasible` (an answer, not an error).
        public var status: String
        /// The optimal value, exactly, when certified.
        public var optimum: Rational?
        public var optimumDecimal: Double?
        /// Whether `optimum` is certified in exact arithmetic.
        public var exact: Bool
        /// How the optimum was confirmed, or why it was not.
        public var exactNote: String
        /// Profiles where the worst case is attained (ratio objectives), as grid indices.
        public var worstProfiles: [[Int]]
        public var worstProfileCount: Int
        /// The designed mechanism, one lottery per profile (nil when infeasible).
        public var mechanism: TabulatedMechanism?
        /// Exact lotteries: for each profile (grid indices), (outcome index, probability).
        public var lotteries: [(profile: [Int], lottery: [(outcome: Int, probability: Rational)])]
        public var compared: [Comparison]
        /// The designed mechanism checked by the ordinary checkers, one per axiom.
        public var checks: [AxiomCheckResult]
        public var variables: Int
        public var constraints: Int
        public var seconds: Double
        public var solveSeconds: Double
        /// Whether the program ran over multisets (anonymity).
        public var anonymous: Bool
        /// With `uniqueness`: whether the optimal mechanism is the only one (nil: not asked, or
        /// not decided), and how that was decided.
        public var unique: Bool?
        public var uniquenessNote: String = ""
        /// When not unique: a profile where a second optimal mechanism's lottery differs, with
        /// both lotteries (outcome index, probability).
        public var difference: (profile: [Int], designed: [(outcome: Int, probability: Rational)], other: [(outcome: Int, probability: Rational)])?
        /// With universal truthfulness and anonymity: the designed mixture, the phantoms of each
        /// rule (outcome indices, n + 1 of them) with its weight.
        public var mixture: [(phantoms: [Int], weight: Rational)] = []
    }

    /// Why a design cannot run.
    public enum DesignError: Error, Sendable, CustomStringConvertible {
        case invalid(String)
        case notAConstraint(axiom: String, reason: String)
        case tooLarge(String)
        case solver(String)

        public var description: String {
            switch self {
            case .invalid(let s): s
            case .notAConstraint(let axiom, let reason): "The axiom '\(axiom)' cannot be a constraint: \(reason)"
            case .tooLarge(let s): s
            case .solver(let s): "The solver failed: \(s)"
            }
        }
    }

    /// The largest program `design` builds (variables); GLPK indexes with C ints and the rows
    /// grow with the variables times n g.
    public static let maximumVariables = 5_000_000

    // MARK: - Axioms

    /// The axioms of `request` as constraints, or the error naming the first that is not one.
    public static func constraints(_ ids: [String], deterministic: Bool) throws(DesignError) -> [any LinearFacilityAxiom] {
        var out: [any LinearFacilityAxiom] = []
        for id in ids {
            let axiom: any FacilityAxiom
            do { axiom = try AxiomRegistry.axiom(id) } catch { throw .invalid(error.description) }
            guard let linear = axiom as? any LinearFacilityAxiom else {
                throw .notAConstraint(axiom: id, reason: "it is not linear in the outcome lotteries, even when every lottery is a 0/1 choice; check it with 'mechsim check' instead.")
            }
            if linear.linearScope == .deterministicOnly && !deterministic && !(linear is UniversalTruthfulness || linear is UniversalAnonymity) {
                throw .notAConstraint(axiom: id, reason: "it is a property of deterministic outcomes (ex post or universal), not linear in the lotteries; add --deterministic to solve over 0/1 lotteries, where it is one.")
            }
            if !out.contains(where: { $0.id == id }) { out.append(linear) }
        }
        if !deterministic {
            let universal = ids.filter { $0 == "universal-truthfulness" || $0 == "universal-anonymity" }
            if !universal.isEmpty && !universalMixture(ids, deterministic: deterministic) {
                let missing = universal.contains("universal-truthfulness") ? (universal.contains("universal-anonymity") ? "unanimity" : "universal-anonymity and unanimity") : "universal-truthfulness and unanimity"
                throw .notAConstraint(axiom: universal[0], reason: "a randomized design encodes universal truthfulness and universal anonymity together, with unanimity, as a mixture of unanimous phantom rules; add \(missing) to the axioms, or --deterministic. Without unanimity the strategyproof rules for distance costs are not all phantom rules, and the program cannot list them.")
            }
        }
        return out
    }

    /// Whether a randomized design builds the phantom-rule mixture: universal truthfulness,
    /// universal anonymity and unanimity all asked for.
    static func universalMixture(_ ids: [String], deterministic: Bool) -> Bool {
        !deterministic && ids.contains("universal-truthfulness") && ids.contains("universal-anonymity") && ids.contains("unanimity")
    }

    // MARK: - Size

    /// The number of profiles: C(g + n, n) multisets, or (g + 1)^n ordered profiles; nil past Int.
    public static func profileCount(agents n: Int, grid g: Int, anonymous: Bool) -> Double {
        if anonymous {
            var c = 1.0
            for k in 1...max(1, n) { c = c * Double(g + k) / Double(k) }
            return c.rounded()
        }
        return Foundation.pow(Double(g + 1), Double(n))
    }

    /// (variables, rows, coefficients) of the program, estimated before it is built.
    public static func estimate(agents n: Int, grid g: Int, anonymous: Bool, strategyproof: Bool) -> (variables: Double, rows: Double, terms: Double) {
        let profiles = profileCount(agents: n, grid: g, anonymous: anonymous)
        let outcomes = Double(2 * g + 1)
        let spRows = strategyproof ? profiles * Double(n) * Double(g) : 0
        let rows = profiles * 3 + spRows
        let terms = profiles * outcomes * 4 + spRows * outcomes * 2
        return (profiles * outcomes + 1, rows, terms)
    }

    // MARK: - Design

    /// The design program of `request` (what `design` solves), for other solvers to solve too.
    /// - Throws: `DesignError` as `design` does before it solves.
    public static func program(for request: Request) throws(DesignError) -> LinearProgram {
        try prepare(request).builder.program
    }

    /// Checks the request, refuses what is too large and builds the program.
    static func prepare(_ request: Request) throws(DesignError) -> (builder: DesignProgram, axioms: [any LinearFacilityAxiom], anonymous: Bool, mixture: (first: Int, rules: [[Int]])?) {
        let n = request.agents, g = request.grid
        guard n >= 1 else { throw .invalid("the number of agents must be at least 1, got \(n).") }
        guard g >= 1 else { throw .invalid("the grid resolution must be at least 1 (the grid {0, 1}), got \(g).") }
        guard request.threads >= 1 else { throw .invalid("the number of threads must be at least 1, got \(request.threads).") }
        let axioms = try constraints(request.axioms, deterministic: request.deterministic)
        let anonymous = axioms.contains { $0.id == "anonymity" || $0.id == "universal-anonymity" }
        let sp = axioms.contains { $0 is StrategyProofness || $0 is UniversalTruthfulness }
        let size = estimate(agents: n, grid: g, anonymous: anonymous, strategyproof: sp)
        let profilesText = anonymous ? "C(\(g) + \(n), \(n))" : "\(g + 1)^\(n)"
        let mixed = universalMixture(request.axioms, deterministic: request.deterministic)
        if mixed && PhantomMixture.ruleCount(agents: n, grid: g) > Double(maximumVariables) {
            throw .tooLarge("The mixture of phantom rules for \(n) agents on the grid 1/\(g) has C(2·\(g) + \(n) - 1, \(n) - 1) = \(SizeLimits.countText(PhantomMixture.ruleCount(agents: n, grid: g))) rules, more than the limit of \(maximumVariables.formatted()) variables; use fewer agents or a coarser grid.")
        }
        if size.variables > Double(maximumVariables) {
            throw .tooLarge("The design program for \(n) agents on the grid 1/\(g) has \(profilesText) = \(SizeLimits.countText(profileCount(agents: n, grid: g, anonymous: anonymous))) profiles and about \(SizeLimits.countText(size.variables)) variables and \(SizeLimits.countText(size.rows)) constraints, more than the limit of \(maximumVariables.formatted()) variables; use fewer agents, a coarser grid\(anonymous ? "" : ", or add anonymity (solves over multisets)").")
        }
        // About 48 bytes per coefficient while building and in GLPK.
        if let refusal = SizeLimits.memoryRefusal("The design program for \(n) agents on the grid 1/\(g) (about \(SizeLimits.countText(size.terms)) coefficients)", bytes: size.terms * 48) {
            throw .tooLarge("\(refusal); use fewer agents or a coarser grid.")
        }
        var builder = DesignProgram(grid: DesignGrid(agents: n, resolution: g), anonymous: anonymous,
                                    deterministic: request.deterministic, objective: request.objective)
        // The mixture of phantom rules stands for universal truthfulness and anonymity.
        for axiom in axioms where !(mixed && (axiom is UniversalTruthfulness || axiom is UniversalAnonymity)) { builder.add(axiom) }
        let mixture = mixed ? builder.addPhantomMixture() : nil
        builder.addObjective()
        return (builder, axioms, anonymous, mixture)
    }

    /// Designs the optimal mechanism of `request`.
    /// - Throws: `DesignError` for bad input (an unknown axiom, an axiom that is not a
    ///   constraint, a grid too large) or a solver failure; an infeasible axiom set is a result.
    public static func design(_ request: Request) throws(DesignError) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let n = request.agents, g = request.grid
        let (builder, axioms, anonymous, mixture) = try prepare(request)
        let program = builder.program

        let solveStart = clock.now
        let lpMethod: LPMethod = request.deterministic ? .mip : (request.method == .exact ? .exact : .dualSimplex)
        let solution: LPSolution
        do {
            solution = try GLPKSolver(method: lpMethod, timeLimitSeconds: request.timeLimitSeconds).solve(program)
        } catch {
            throw .solver(error.description)
        }
        let solveSeconds = (clock.now - solveStart).seconds

        var result = Result(
            request: request, status: solution.status.rawValue, optimum: nil, optimumDecimal: nil, exact: false, exactNote: "",
            worstProfiles: [], worstProfileCount: 0, mechanism: nil, lotteries: [], compared: [], checks: [],
            variables: program.variables.count, constraints: program.constraints.count, seconds: 0, solveSeconds: solveSeconds,
            anonymous: anonymous)
        guard solution.status == .optimal else {
            if solution.status == .infeasible {
                result.exactNote = request.deterministic ? "GLPK's branch and cut proved that no 0/1 mechanism satisfies the axioms on this grid."
                    : "GLPK proved that no mechanism satisfies the axioms on this grid."
            } else {
                throw .solver("GLPK ended with status '\(solution.status.rawValue)' on the design program.")
            }
            result.seconds = (clock.now - start).seconds
            return result
        }

        // The exact point: GLPK's rational certificate, the rational check of the float point and
        // its duals, or (MIP) the 0/1 point read exactly.
        var point: [Rational]?
        if request.deterministic {
            point = DesignCertificate.roundedPoint(solution.primal)
            result.exact = false
            result.exactNote = "The 0/1 mechanism's value is exact; its optimality rests on GLPK's branch and cut in floating point."
        } else {
            let confirmation = DesignCertificate.confirm(program, solution)
            point = confirmation.point
            result.exact = point != nil
            result.exactNote = confirmation.note
        }

        let exactPoint = point ?? solution.primal.map { (try? Rational($0, maxDenominator: 1_000_000)) ?? .zero }
        let evaluation = builder.evaluate(exactPoint)
        // The exact value of the designed mechanism: certified optimal when `exact`; for a 0/1
        // mechanism exact but optimal only by branch and cut; otherwise (a rounded float point)
        // not reported as a fraction.
        result.optimum = result.exact || request.deterministic ? evaluation.value : nil
        result.optimumDecimal = result.optimum?.doubleValue ?? builder.decimalValue(solution.objective)
        if evaluation.value == nil { result.exact = false }
        result.worstProfiles = Array(evaluation.worst.prefix(20))
        result.worstProfileCount = evaluation.worst.count
        result.lotteries = builder.lotteries(exactPoint)
        var table: [[Int]: Lottery<Double>] = [:]
        for (profile, lottery) in result.lotteries {
            let pairs = lottery.map { (Double($0.outcome) / Double(2 * g), $0.probability.doubleValue) }
            table[profile] = (try? Lottery(locations: pairs)) ?? Lottery(certain: Double(profile[(n - 1) / 2]) / Double(g))
        }
        var mechanism = try? TabulatedMechanism(agents: n, resolution: g, anonymous: anonymous, table: table)
        if let mixture, let point {
            let designGrid = DesignGrid(agents: n, resolution: g)
            for (k, inner) in mixture.rules.enumerated() where point[mixture.first + k].signum > 0 {
                result.mixture.append((phantoms: [0] + inner + [2 * g], weight: point[mixture.first + k]))
                if let rule = PhantomMixture.mechanism(inner: inner, on: designGrid) {
                    mechanism?.decomposition.append(FacilityComponent(weight: point[mixture.first + k].doubleValue, mechanism: rule))
                }
            }
        }
        result.mechanism = mechanism
        if request.uniqueness { decideUniqueness(&result, builder: builder, point: result.exact ? point : nil) }
        let space = SearchSpace.grid(agents: n, resolution: g)
        if request.verify, let mechanism {
            for axiom in axioms {
                do {
                    result.checks.append(try AxiomChecker.check(mechanism, against: axiom, over: space, shrink: false, threads: request.threads))
                } catch {
                    throw .solver("checking the designed mechanism: \(error.description)")
                }
            }
        }
        if request.compare, let optimum = result.optimumDecimal {
            result.compared = compare(axioms: axioms, objective: request.objective, agents: n, grid: g, optimum: optimum, threads: request.threads)
        }
        result.seconds = (clock.now - start).seconds
        return result
    }

    // MARK: - Uniqueness

    /// Whether the optimal face is one point in the lotteries (`DesignUniqueness`), from the
    /// exact optimal point; a second optimal mechanism's lottery where they differ when not.
    static func decideUniqueness(_ result: inout Result, builder: DesignProgram, point: [Rational]?) {
        guard let point else {
            result.uniquenessNote = "Not decided: the optimum is not exact."
            return
        }
        let o = builder.grid.outcomeCount
        let blocks = builder.profiles.indices.map { b in (0..<o).map { b * o + $0 } }
        let what = result.request.objective == .feasibility ? "mechanism satisfies the axioms" : "mechanism is optimal"
        switch DesignUniqueness.decide(builder.program, at: point, variables: blocks.flatMap { $0 }, groups: blocks) {
        case .unique(let programs):
            result.unique = true
            result.uniquenessNote = "Exactly one \(what) on this grid: no feasible direction at the optimum changes a lottery (\(programs) direction LPs, each maximum 0 in rational arithmetic)."
        case .notUnique(_, let second, let programs):
            result.unique = false
            let other = builder.lotteries(second)
            if let i = result.lotteries.indices.first(where: { i in
                let a = result.lotteries[i].lottery, b = other[i].lottery
                return a.count != b.count || zip(a, b).contains { $0.outcome != $1.outcome || $0.probability != $1.probability }
            }) {
                result.difference = (result.lotteries[i].profile, result.lotteries[i].lottery, other[i].lottery)
            }
            result.uniquenessNote = "More than one \(what): a second one, exact, differs from the designed lotteries (found by \(programs) direction LP\(programs == 1 ? "" : "s"))."
        case .undecided(let reason):
            result.uniquenessNote = "Not decided: \(reason)"
        }
    }

    // MARK: - Comparison

    /// The objective's value of `mechanism` on the grid's profiles: the worst ratio, or the
    /// expected cost under uniform reports. Profiles with OPT = 0 count only when the mechanism
    /// has a positive cost there (ratio +∞).
    public static func value(of mechanism: any FacilityLocationMechanism, objective: Objective, agents n: Int, grid g: Int) -> Double {
        var worst = objective == .socialWelfare ? 1.0 : 0.0
        var total = 0.0, count = 0.0
        AxiomChecker.forEachGridProfile(agents: n, resolution: g) { profile, _ in
            let costs = mechanism.expectedCosts(for: profile)
            switch objective {
            case .maxCost, .totalCost:
                let cost = objective == .maxCost ? costs.maximum : costs.total
                let opt = objective == .maxCost ? profile.optimalMaxCost : profile.optimalTotalCost
                if opt <= FacilityTolerance.cost {
                    if cost > FacilityTolerance.cost { worst = .infinity }
                } else {
                    worst = max(worst, cost / opt)
                }
            case .socialWelfare:
                let sw = Double(n) - costs.total
                let opt = Double(n) - profile.optimalTotalCost
                worst = sw <= 0 ? .infinity : max(worst, opt / sw)
            case .expectedTotalCost:
                total += costs.total; count += 1
            case .expectedMaxCost:
                total += costs.maximum; count += 1
            case .feasibility:
                count += 1
            }
            return worst.isFinite
        }
        return objective.isRatio ? worst : total / count
    }

    /// Every registered facility-location mechanism (default parameters) that the ordinary
    /// checkers find satisfying every axiom on the grid, with its objective value.
    static func compare(axioms: [any LinearFacilityAxiom], objective: Objective, agents n: Int, grid g: Int,
                        optimum: Double, threads: Int) -> [Comparison] {
        var out: [Comparison] = []
        let space = SearchSpace.grid(agents: n, resolution: g)
        for entry in MechanismRegistry.standard.all where entry.descriptor.domain == .facilityLocation {
            guard let mechanism = (try? entry.make()) as? any FacilityLocationMechanism,
                  (try? mechanism.validate(agentCount: n)) != nil else { continue }
            let satisfies = axioms.allSatisfy { axiom in
                guard let r = try? AxiomChecker.check(mechanism, against: axiom, over: space, shrink: false, threads: threads) else { return false }
                return r.verdict == .holds
            }
            guard satisfies else { continue }
            let v = value(of: mechanism, objective: objective, agents: n, grid: g)
            let fraction = v.isFinite ? (try? Rational(v, maxDenominator: 10_000)).flatMap { abs($0.doubleValue - v) <= 1e-9 ? $0.description : nil } : nil
            out.append(Comparison(mechanism: mechanism.label, value: v, fraction: fraction,
                                  optimal: abs(v - optimum) <= FacilityTolerance.cost))
        }
        return out
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
