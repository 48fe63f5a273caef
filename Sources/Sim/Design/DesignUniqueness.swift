import Solvers

/// Whether the optimal face of a linear program is a single point in chosen variables (the
/// mechanism's), decided exactly from an exact optimal point p*.
///
/// ```
/// K = { d :  A_eq d = 0,
///            a_i d <= 0 (>= 0) for the <= (>=) rows active at p*,
///            d_j >= 0 (<= 0) where p*_j is at its lower (upper) bound,
///            c d <= 0 (>= 0 when maximizing) }                 (feasible directions at p*)
/// unique  <=>  d_M = 0 for every d in K                         (M = the mechanism's variables)
/// ```
/// The optimal face F = {x feasible, c x <= c p*} is a polytope; K is its cone of feasible
/// directions at p*. If q in F differs from p* on M, then q - p* is in K with d_M != 0; if d in
/// K has d_M != 0, then p* + εd is in F for a small ε > 0. So F projected on M is {p*_M} iff
/// K projected on M is {0}.
///
/// Deciding it by linear programs, each certified in rational arithmetic (`DesignCertificate`,
/// or GLPK's rational simplex):
/// 1. max Σ s_j d_j over K with Σ s_j d_j <= 1, where s_j = +1 (-1) for the mechanism's
///    variables at their lower (upper) bound: every term is >= 0 on K, so a positive maximum
///    is a direction that moves p*, and 0 fixes all of them (d_j = 0 on K).
/// 2. For the others, max d_j (and max -d_j) over K with that bound at 1. A `group` (variables
///    whose sum an equality row fixes, as a lottery's probabilities) needs max d_j only: a
///    non-zero direction with zero sum has a positive entry; a group with one free member is
///    fixed.
/// Unique iff every maximum is 0. Otherwise the direction d found gives a second point
/// p* + εd, ε the largest step in (0, 1] that keeps every row and bound, checked exactly.
///
/// What does not hold: maximizing Σ (d⁺_j + d⁻_j) with d = d⁺ - d⁻ in one program does not
/// decide it: d⁺_j = d⁻_j = 1/2 gives the maximum with d = 0. Programs with integer variables
/// are not polytopes and are not decided here.
public enum DesignUniqueness {
    /// The answer.
    public enum Verdict: Sendable {
        /// Every direction LP has the certified maximum 0 (`programs` of them were solved).
        case unique(programs: Int)
        /// A second optimal point, exact: `second` = p* + ε·`direction`, differing from p* in
        /// the mechanism's variables.
        case notUnique(direction: [Rational], second: [Rational], programs: Int)
        /// The programs could not be certified exactly (the reason).
        case undecided(String)

        public var isUnique: Bool? {
            switch self {
            case .unique: true
            case .notUnique: false
            case .undecided: nil
            }
        }
    }

    /// Decides whether the optimal face of `program` at the exact optimal `point` is a single
    /// point in `variables`. `groups` name sets of those variables whose sum an equality row of
    /// `program` fixes (checked; a group without such a row is treated as ungrouped).
    public static func decide(_ program: LinearProgram, at point: [Rational], variables: [Int], groups: [[Int]] = []) -> Verdict {
        do {
            var decider = try Decider(program: program, point: point)
            return try decider.decide(variables: variables, groups: groups)
        } catch let failure as DesignCertificate.Failure {
            return .undecided(failure.reason)
        } catch {
            return .undecided("rational arithmetic overflowed (\(error)).")
        }
    }
}

private struct Decider {
    let program: LinearProgram
    let x: [Rational]
    /// +1 where d_j >= 0 (at the lower bound), -1 where d_j <= 0 (at the upper bound), 0 free,
    /// 2 when both (a fixed variable).
    var side: [Int]
    /// The rows of K: (terms, relation code: 0 means <= 0, 1 means = 0, 2 means >= 0).
    var rows: [([(Int, Rational)], Int)] = []
    var solved = 0

    init(program: LinearProgram, point: [Rational]) throws {
        self.program = program
        x = point
        guard point.count == program.variables.count else {
            throw DesignCertificate.Failure(reason: "the point has \(point.count) values for \(program.variables.count) variables.")
        }
        guard program.integerVariableCount == 0 else {
            throw DesignCertificate.Failure(reason: "the program has integer variables (a 0/1 design); its solutions are not a polytope.")
        }
        side = []
        for (j, v) in program.variables.enumerated() {
            let lower: Rational? = try v.lower.isFinite ? Rational(roundTripping: v.lower) : nil
            let upper: Rational? = try v.upper.isFinite ? Rational(roundTripping: v.upper) : nil
            let atLower = lower == point[j], atUpper = upper == point[j]
            side.append(atLower && atUpper ? 2 : (atLower ? 1 : (atUpper ? -1 : 0)))
        }
        for row in program.constraints {
            var terms: [(Int, Rational)] = []
            var activity = Rational.zero
            for (j, a) in zip(row.indices, row.coefficients) where a != 0 {
                let ra = try Rational(roundTripping: a)
                terms.append((j, ra))
                activity = try activity.adding(try ra.multiplied(by: point[j]))
            }
            switch row.bound {
            case .equal:
                rows.append((terms, 1))
            case .lessOrEqual(let b):
                if activity == (try Rational(roundTripping: b)) { rows.append((terms, 0)) }
            case .greaterOrEqual(let b):
                if activity == (try Rational(roundTripping: b)) { rows.append((terms, 2)) }
            case .ranged(let lo, let hi):
                if activity == (try Rational(roundTripping: lo)) { rows.append((terms, 2)) }
                if activity == (try Rational(roundTripping: hi)) { rows.append((terms, 0)) }
            }
        }
        var objective: [(Int, Rational)] = []
        for (j, c) in program.objective.enumerated() where c != 0 { objective.append((j, try Rational(roundTripping: c))) }
        if !objective.isEmpty { rows.append((objective, program.sense == .minimize ? 0 : 2)) }
    }

    /// Variables fixed to 0 in the direction programs.
    var fixed: Set<Int> = []

    /// The direction LP: maximize `objective` over K (fixed variables left out) with
    /// `objective` <= 1. Returns the certified maximum and its direction (full length).
    mutating func maximize(_ objective: [(Int, Rational)]) throws -> (value: Rational, direction: [Rational]) {
        var lp = LinearProgram(sense: .maximize)
        var column: [Int: Int] = [:]
        for j in program.variables.indices where !fixed.contains(j) && side[j] != 2 {
            column[j] = lp.addVariable(lower: side[j] == 1 ? 0 : -.infinity, upper: .infinity, name: "d\(j)")
            if side[j] == -1 { lp.addConstraint([(column[j]!, 1)], .lessOrEqual(0), name: "at the upper bound") }
        }
        func mapped(_ terms: [(Int, Rational)]) -> [(Int, Double)] {
            terms.compactMap { j, a in column[j].map { ($0, a.doubleValue) } }
        }
        for (terms, relation) in rows {
            let t = mapped(terms)
            if t.isEmpty { continue }
            lp.addConstraint(t, relation == 0 ? .lessOrEqual(0) : (relation == 1 ? .equal(0) : .greaterOrEqual(0)))
        }
        let goal = mapped(objective)
        for (c, a) in goal { lp.objective[c] = a }
        lp.addConstraint(goal, .lessOrEqual(1), name: "normalization")
        solved += 1

        let solution: LPSolution
        do { solution = try GLPKSolver(method: .dualSimplex).solve(lp) } catch {
            throw DesignCertificate.Failure(reason: "GLPK failed on a direction program: \(error.description)")
        }
        guard solution.status == .optimal else {
            throw DesignCertificate.Failure(reason: "a direction program ended '\(solution.status.rawValue)', not optimal.")
        }
        let confirmation = DesignCertificate.confirm(lp, solution)
        guard let point = confirmation.point else {
            throw DesignCertificate.Failure(reason: "a direction program's optimum was not confirmed exactly: \(confirmation.note)")
        }
        var direction = [Rational](repeating: .zero, count: program.variables.count)
        for (j, c) in column { direction[j] = point[c] }
        var value = Rational.zero
        for (j, a) in objective { value = try value.adding(try a.multiplied(by: direction[j])) }
        return (value, direction)
    }

    mutating func decide(variables: [Int], groups: [[Int]]) throws -> DesignUniqueness.Verdict {
        let mechanism = Set(variables)
        for j in mechanism where side[j] == 2 { fixed.insert(j) }
        // 1. Every one-sided variable of the mechanism at once.
        let oneSided = variables.filter { side[$0] == 1 || side[$0] == -1 }
        if !oneSided.isEmpty {
            let r = try maximize(oneSided.map { ($0, Rational(side[$0])) })
            if r.value.signum > 0 { return try witness(r.direction) }
            fixed.formUnion(oneSided)
        }
        // 2. The two-sided ones: groups with a zero-sum row need max d_j only.
        let equalityRows = Set(program.constraints.compactMap { row -> [Int]? in
            guard case .equal = row.bound, let c = row.coefficients.first, row.coefficients.allSatisfy({ $0 == c }) else { return nil }
            return row.indices.sorted()
        })
        var covered: Set<Int> = []
        var objectives: [[(Int, Rational)]] = []
        for group in groups where equalityRows.contains(group.sorted()) {
            covered.formUnion(group)
            let free = group.filter { !fixed.contains($0) && mechanism.contains($0) }
            if free.count <= 1 { continue }
            objectives += free.map { [($0, Rational.one)] }
        }
        for j in variables where !covered.contains(j) && !fixed.contains(j) {
            objectives += [[(j, .one)], [(j, Rational(-1))]]
        }
        for objective in objectives {
            let r = try maximize(objective)
            if r.value.signum > 0 { return try witness(r.direction) }
        }
        return .unique(programs: solved)
    }

    /// p* + εd with the largest ε in (0, 1] that keeps every row and bound, checked exactly.
    func witness(_ d: [Rational]) throws -> DesignUniqueness.Verdict {
        var epsilon = Rational.one
        func limit(_ slack: Rational, _ rate: Rational) throws {
            // slack >= 0 must stay >= 0 while it changes by ε·rate.
            guard rate.signum < 0 else { return }
            let e = try slack.divided(by: rate.negated)
            if e < epsilon { epsilon = e }
        }
        for (j, v) in program.variables.enumerated() where d[j].signum != 0 {
            if v.lower.isFinite { try limit(try x[j].subtracting(try Rational(roundTripping: v.lower)), d[j]) }
            if v.upper.isFinite { try limit(try Rational(roundTripping: v.upper).subtracting(x[j]), d[j].negated) }
        }
        for row in program.constraints {
            var activity = Rational.zero, rate = Rational.zero
            for (j, a) in zip(row.indices, row.coefficients) where a != 0 {
                let ra = try Rational(roundTripping: a)
                activity = try activity.adding(try ra.multiplied(by: x[j]))
                if d[j].signum != 0 { rate = try rate.adding(try ra.multiplied(by: d[j])) }
            }
            switch row.bound {
            case .equal:
                if rate.signum != 0 { throw DesignCertificate.Failure(reason: "the direction found breaks an equality row.") }
            case .lessOrEqual(let b):
                try limit(try Rational(roundTripping: b).subtracting(activity), rate.negated)
            case .greaterOrEqual(let b):
                try limit(try activity.subtracting(try Rational(roundTripping: b)), rate)
            case .ranged(let lo, let hi):
                try limit(try activity.subtracting(try Rational(roundTripping: lo)), rate)
                try limit(try Rational(roundTripping: hi).subtracting(activity), rate.negated)
            }
        }
        guard epsilon.signum > 0 else { throw DesignCertificate.Failure(reason: "the direction found leaves the feasible set at once.") }
        let second = try zip(x, d).map { try $0.adding(try epsilon.multiplied(by: $1)) }
        // The objective must not change (p* is optimal and c d <= 0 on K).
        var change = Rational.zero
        for (j, c) in program.objective.enumerated() where c != 0 && d[j].signum != 0 {
            change = try change.adding(try Rational(roundTripping: c).multiplied(by: d[j]))
        }
        guard change.signum == 0 else { throw DesignCertificate.Failure(reason: "the direction found changes the objective by \(change); the point is not optimal.") }
        return .notUnique(direction: d, second: second, programs: solved)
    }
}
