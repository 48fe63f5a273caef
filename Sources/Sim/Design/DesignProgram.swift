import Mechanisms
import Solvers

/// The linear program of a facility-location design: one block of 2g + 1 probability variables
/// per profile (sorted profiles when anonymous), the axioms' rows mapped onto the blocks and
/// scaled to integer coefficients, and the objective's rows.
struct DesignProgram {
    let grid: DesignGrid
    let anonymous: Bool
    let deterministic: Bool
    let objective: FacilityDesign.Objective
    /// The profiles of the program (grid indices; sorted when anonymous), in lexicographic order.
    private(set) var profiles: [[Int]] = []
    private var index: [[Int]: Int] = [:]
    var program: LinearProgram
    /// The ratio variable t (or u for welfare).
    private(set) var ratioVariable: Int?
    private var seen: Set<[Int]> = []

    init(grid: DesignGrid, anonymous: Bool, deterministic: Bool, objective: FacilityDesign.Objective) {
        self.grid = grid
        self.anonymous = anonymous
        self.deterministic = deterministic
        self.objective = objective
        program = LinearProgram(sense: objective == .socialWelfare ? .maximize : .minimize)
        var current = [Int](repeating: 0, count: grid.agents)
        let g = grid.resolution
        while true {
            index[current] = profiles.count
            profiles.append(current)
            // Next profile in lexicographic order (nondecreasing when anonymous).
            var i = grid.agents - 1
            while i >= 0 && current[i] == g { i -= 1 }
            if i < 0 { break }
            current[i] += 1
            for j in (i + 1)..<grid.agents { current[j] = anonymous ? current[i] : 0 }
        }
        let outcomes = grid.outcomeCount
        program.variables.reserveCapacity(profiles.count * outcomes + 1)
        program.objective.reserveCapacity(profiles.count * outcomes + 1)
        for b in profiles.indices {
            for h in grid.outcomes {
                program.addVariable(lower: 0, upper: deterministic ? 1 : .infinity, name: "p\(b)_\(h)", isInteger: deterministic)
            }
            program.addConstraint((0..<outcomes).map { (b * outcomes + $0, 1.0) }, .equal(1), name: "lottery \(b) sums to one")
        }
    }

    /// The variable of p(profile, h).
    func variable(_ profile: [Int], _ h: Int) -> Int {
        let key = anonymous ? profile.sorted() : profile
        return index[key]! * grid.outcomeCount + h
    }

    /// Adds every row `axiom` declares at every profile of the program.
    mutating func add(_ axiom: any LinearFacilityAxiom) {
        for x in profiles {
            for row in axiom.lotteryRows(at: x, on: grid) { add(row, name: axiom.id) }
        }
    }

    /// Adds one row, merged, scaled to integers and deduplicated.
    mutating func add(_ row: LotteryRow, name: String) {
        var merged: [Int: Rational] = [:]
        for t in row.terms {
            let v = variable(t.profile, t.outcome)
            merged[v] = (try? (merged[v] ?? .zero).adding(t.coefficient)) ?? t.coefficient
        }
        let vars = merged.keys.sorted().filter { merged[$0]!.signum != 0 }
        var scale: Int128 = row.bound.denominator
        for v in vars { scale = lcm(scale, merged[v]!.denominator) }
        var common: Int128 = row.bound.numerator * (scale / row.bound.denominator)
        let coefficients = vars.map { merged[$0]!.numerator * (scale / merged[$0]!.denominator) }
        for c in coefficients { common = gcd(common, c) }
        if common == 0 { common = 1 }
        let ints = coefficients.map { Int($0 / abs(common)) }
        let bound = Int(row.bound.numerator * (scale / row.bound.denominator) / abs(common))
        let relationCode = row.relation == .lessOrEqual ? 0 : (row.relation == .equal ? 1 : 2)
        var key = [relationCode, bound]
        for (v, c) in zip(vars, ints) { key.append(v); key.append(c) }
        guard seen.insert(key).inserted else { return }
        let b = Double(bound)
        let bound2: LinearProgram.Constraint.Bound = switch row.relation {
        case .lessOrEqual: .lessOrEqual(b)
        case .equal: .equal(b)
        case .greaterOrEqual: .greaterOrEqual(b)
        }
        program.addConstraint(zip(vars, ints.map(Double.init)).map { ($0, $1) }, bound2, name: name)
    }

    // MARK: Objective

    /// The cost of outcome h at profile x in units of 1/(2g): max or sum of |h - 2a_i|.
    func cost(_ x: [Int], _ h: Int, maximum: Bool) -> Int {
        maximum ? x.map { abs(h - 2 * $0) }.max()! : x.reduce(0) { $0 + abs(h - 2 * $1) }
    }

    /// The optimal cost over the continuum in units of 1/(2g): max cost (x_(n) - x_(1))/2,
    /// total cost at the (left) median.
    func optimalCost(_ x: [Int], maximum: Bool) -> Int {
        let s = x.sorted()
        if maximum { return s.last! - s.first! }
        let median = s[(s.count + 1) / 2 - 1]
        return s.reduce(0) { $0 + abs(2 * median - 2 * $1) }
    }

    var usesMaxCost: Bool { objective == .maxCost || objective == .expectedMaxCost }

    /// The number of ordered profiles a profile of the program stands for.
    func multiplicity(_ x: [Int]) -> Double {
        guard anonymous else { return 1 }
        var result = 1.0, run = 0, k = 0
        for (i, a) in x.enumerated() {
            k += 1
            run = i > 0 && x[i - 1] == a ? run + 1 : 1
            result = result * Double(k) / Double(run)
        }
        return result.rounded()
    }

    /// Adds the objective: the ratio variable and its rows, or the expected cost.
    mutating func addObjective() {
        let o = grid.outcomeCount
        let twoGN = 2 * grid.resolution * grid.agents
        switch objective {
        case .maxCost, .totalCost, .socialWelfare:
            let t = program.addVariable(lower: 0, upper: .infinity, name: objective == .socialWelfare ? "u" : "t", objective: 1)
            ratioVariable = t
            for (b, x) in profiles.enumerated() {
                let opt = optimalCost(x, maximum: usesMaxCost)
                if opt == 0 {
                    // Everyone at a: cost 0, i.e. p(x, a) = 1.
                    add(LotteryRow([.init(profile: x, outcome: 2 * x[0], coefficient: .one)], .equal, .one), name: "zero cost where the optimum is zero")
                    continue
                }
                var terms: [(Int, Double)] = []
                if objective == .socialWelfare {
                    for h in grid.outcomes { terms.append((b * o + h, Double(twoGN - cost(x, h, maximum: false)))) }
                    terms.append((t, -Double(twoGN - opt)))
                    program.addConstraint(terms, .greaterOrEqual(0), name: "welfare ratio")
                } else {
                    for h in grid.outcomes { terms.append((b * o + h, Double(cost(x, h, maximum: usesMaxCost)))) }
                    terms.append((t, -Double(opt)))
                    program.addConstraint(terms, .lessOrEqual(0), name: "cost ratio")
                }
            }
        case .feasibility:
            break
        case .expectedTotalCost, .expectedMaxCost:
            for (b, x) in profiles.enumerated() {
                let m = multiplicity(x)
                for h in grid.outcomes { program.objective[b * o + h] = m * Double(cost(x, h, maximum: usesMaxCost)) }
            }
        }
    }

    /// (ordered profiles) · 2g: the expected objective's denominator.
    var expectedScale: Double {
        var p = 1.0
        for _ in 0..<grid.agents { p *= Double(grid.resolution + 1) }
        return p * Double(2 * grid.resolution)
    }

    /// The objective value from GLPK's (floating-point) objective.
    func decimalValue(_ objectiveValue: Double) -> Double {
        switch objective {
        case .maxCost, .totalCost: objectiveValue
        case .socialWelfare: 1 / objectiveValue
        case .expectedTotalCost, .expectedMaxCost: objectiveValue / expectedScale
        case .feasibility: 0
        }
    }

    // MARK: Reading a point

    /// The exact objective value of the mechanism `point` (its worst ratio over the grid, or its
    /// expected cost) and the profiles attaining a worst ratio; nil value on overflow or when
    /// the point puts cost where the optimum is zero.
    func evaluate(_ point: [Rational]) -> (value: Rational?, worst: [[Int]]) {
        let o = grid.outcomeCount
        let twoGN = 2 * grid.resolution * grid.agents
        do {
            switch objective {
            case .maxCost, .totalCost, .socialWelfare:
                var best: Rational?
                var worst: [[Int]] = []
                for (b, x) in profiles.enumerated() {
                    let opt = optimalCost(x, maximum: usesMaxCost)
                    var expected = Rational.zero
                    for h in grid.outcomes where point[b * o + h].signum != 0 {
                        let c = objective == .socialWelfare ? cost(x, h, maximum: false) : cost(x, h, maximum: usesMaxCost)
                        expected = try expected.adding(try point[b * o + h].multiplied(by: Rational(c)))
                    }
                    let ratio: Rational
                    if opt == 0 {
                        if expected.signum != 0 { return (nil, []) }
                        continue
                    }
                    if objective == .socialWelfare {
                        let sw = try Rational(twoGN).subtracting(expected)
                        guard sw.signum > 0 else { return (nil, []) }
                        ratio = try Rational(twoGN - opt).divided(by: sw)
                    } else {
                        ratio = try expected.divided(by: Rational(opt))
                    }
                    if best == nil || ratio > best! {
                        best = ratio
                        worst = [x]
                    } else if ratio == best! {
                        worst.append(x)
                    }
                }
                return (best ?? .one, worst)
            case .feasibility:
                return (.zero, [])
            case .expectedTotalCost, .expectedMaxCost:
                var total = Rational.zero
                for (b, x) in profiles.enumerated() {
                    let m = Rational(Int(multiplicity(x)))
                    for h in grid.outcomes where point[b * o + h].signum != 0 {
                        total = try total.adding(try point[b * o + h].multiplied(by: try m.multiplied(by: Rational(cost(x, h, maximum: usesMaxCost)))))
                    }
                }
                var scale = Rational(2 * grid.resolution)
                for _ in 0..<grid.agents { scale = try scale.multiplied(by: Rational(grid.resolution + 1)) }
                return (try total.divided(by: scale), [])
            }
        } catch {
            return (nil, [])
        }
    }

    /// Each profile's lottery: (outcome index, probability) with positive probability.
    func lotteries(_ point: [Rational]) -> [(profile: [Int], lottery: [(outcome: Int, probability: Rational)])] {
        let o = grid.outcomeCount
        return profiles.enumerated().map { b, x in
            (x, grid.outcomes.compactMap { h in point[b * o + h].signum > 0 ? (h, point[b * o + h]) : nil })
        }
    }
}

private func gcd(_ a: Int128, _ b: Int128) -> Int128 {
    var x = a.magnitude, y = b.magnitude
    while y != 0 { (x, y) = (y, x % y) }
    return Int128(x)
}

private func lcm(_ a: Int128, _ b: Int128) -> Int128 {
    a / gcd(a, b) * b
}

/// An exact confirmation of a floating-point LP optimum without a basis: the primal point and
/// the duals are read as fractions (closest with denominator at most 10^6, then 10^9), then checked in
/// rational arithmetic.
///
/// ```
/// primal:  A x (≤ = ≥) b,  x ≥ l               (exactly)
/// dual:    λ_i ≤ 0 on ≤ rows, ≥ 0 on ≥ rows (minimizing; signs flip when maximizing),
///          d = c − Aᵀλ ≥ 0 on variables at a lower bound 0 with no upper bound
/// optimal: c·x = Σ λ_i b_i                     (weak duality then proves both optimal)
/// ```
/// Properties: a success proves the point optimal for the program's (integer) data. What does
/// not hold: a failure proves nothing; the fractions may need larger denominators.
enum DesignCertificate {
    struct Failure: Error {
        var reason: String
    }

    static let maximumDenominator: Int128 = 1_000_000

    /// Every value rounded to the nearest integer (a MIP's 0/1 point).
    static func roundedPoint(_ values: [Double]) -> [Rational] {
        values.map { Rational(Int($0.rounded())) }
    }

    /// Tries the denominators 10^6, then 10^9; the first reason is kept when both fail.
    static func verify(_ program: LinearProgram, _ solution: LPSolution) -> Result<[Rational], Failure> {
        var first: Failure?
        for bound in [maximumDenominator, 1_000_000_000] as [Int128] {
            do {
                return .success(try certify(program, solution, maxDenominator: bound))
            } catch let f as Failure {
                first = first ?? f
            } catch {
                first = first ?? Failure(reason: "rational arithmetic overflowed (\(error)).")
            }
        }
        return .failure(first!)
    }

    private static func certify(_ program: LinearProgram, _ solution: LPSolution, maxDenominator: Int128) throws -> [Rational] {
        func fraction(_ x: Double) throws -> Rational { try Rational(x, maxDenominator: maxDenominator) }
        let n = program.variables.count
        guard solution.primal.count == n, solution.rowDuals.count == program.constraints.count else {
            throw Failure(reason: "the solver returned no duals.")
        }
        let x = try solution.primal.map(fraction)
        for (j, v) in program.variables.enumerated() {
            if v.lower.isFinite, x[j] < (try Rational(roundTripping: v.lower)) { throw Failure(reason: "variable \(j) is below its lower bound.") }
            if v.upper.isFinite, x[j] > (try Rational(roundTripping: v.upper)) { throw Failure(reason: "variable \(j) is above its upper bound.") }
            guard v.lower == 0 || !v.lower.isFinite, !v.upper.isFinite else { throw Failure(reason: "variable \(j) has bounds the check does not handle.") }
        }
        let minimizing = program.sense == .minimize
        let lambda = try solution.rowDuals.map(fraction)
        var reduced = try program.objective.map { try Rational(roundTripping: $0) }
        var dualObjective = try Rational(roundTripping: program.objectiveConstant)
        for (i, row) in program.constraints.enumerated() {
            var activity = Rational.zero
            for (j, a) in zip(row.indices, row.coefficients) {
                let ra = try Rational(roundTripping: a)
                if x[j].signum != 0 { activity = try activity.adding(try ra.multiplied(by: x[j])) }
                if lambda[i].signum != 0 { reduced[j] = try reduced[j].subtracting(try ra.multiplied(by: lambda[i])) }
            }
            let sign = minimizing ? lambda[i].signum : -lambda[i].signum
            let b: Rational
            switch row.bound {
            case .lessOrEqual(let v):
                b = try Rational(roundTripping: v)
                if activity > b { throw Failure(reason: "constraint \(i) (\(row.name ?? "")) is violated by the rounded point.") }
                if sign > 0 { throw Failure(reason: "the dual of constraint \(i) has the wrong sign.") }
            case .greaterOrEqual(let v):
                b = try Rational(roundTripping: v)
                if activity < b { throw Failure(reason: "constraint \(i) (\(row.name ?? "")) is violated by the rounded point.") }
                if sign < 0 { throw Failure(reason: "the dual of constraint \(i) has the wrong sign.") }
            case .equal(let v):
                b = try Rational(roundTripping: v)
                if activity != b { throw Failure(reason: "equality \(i) (\(row.name ?? "")) does not hold at the rounded point.") }
            case .ranged:
                throw Failure(reason: "ranged constraints are not handled.")
            }
            if lambda[i].signum != 0 { dualObjective = try dualObjective.adding(try lambda[i].multiplied(by: b)) }
        }
        for j in 0..<n {
            let s = minimizing ? reduced[j].signum : -reduced[j].signum
            if program.variables[j].lower.isFinite ? s < 0 : s != 0 {
                throw Failure(reason: "the reduced cost of variable \(j) has the wrong sign.")
            }
        }
        var primalObjective = try Rational(roundTripping: program.objectiveConstant)
        for j in 0..<n where x[j].signum != 0 && program.objective[j] != 0 {
            primalObjective = try primalObjective.adding(try x[j].multiplied(by: try Rational(roundTripping: program.objective[j])))
        }
        guard primalObjective == dualObjective else {
            throw Failure(reason: "the primal objective \(primalObjective) and the dual objective \(dualObjective) differ.")
        }
        return x
    }
}
