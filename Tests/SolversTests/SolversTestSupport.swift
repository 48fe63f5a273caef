import Solvers

/// Tolerances of the solver tests, each with its reason.
enum TestTolerance {
    /// Simplex results on small, well-scaled textbook data: GLPK's feasibility tolerance
    /// `tol_bnd = 1e-7` bounds the error of every basic value.
    static let simplex = 1e-7
    /// Interior-point results: GLPK stops at a relative duality gap around 1e-8, so values
    /// can be off by ~1e-6 on data of size ~1-100.
    static let interiorPoint = 1e-5
    /// Sums of at most a few dozen values with two decimals (assignment totals) computed in
    /// different orders.
    static let summation = 1e-9
}

/// Whether `a` and `b` agree within `tolerance`, relative to max(1, |a|, |b|).
func isClose(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

/// Whether two vectors have the same length and agree elementwise within `tolerance`.
func isClose(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { isClose($0, $1, tolerance) }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator, so the random tests repeat
/// exactly on every machine. The same constants are used by `bench/baselines/assignment_glpk.c`.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) from the top 53 bits (as the C baseline computes it).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound by the modulo of the top bits (tiny bias is irrelevant
    /// for test data and keeps the C baseline identical).
    mutating func integer(below bound: Int) -> Int {
        Int((next() >> 11) % UInt64(bound))
    }
}

/// A random small LP, seeded: 2–5 variables with mixed bounds and 1–5 rows of every bound
/// type, built around a random point so most instances are feasible; some are infeasible or
/// unbounded, which the determinism test wants too. Coefficients have two decimals.
func randomSmallProgram(using rng: inout SplitMix64) -> LinearProgram {
    let n = 2 + rng.integer(below: 4)
    let m = 1 + rng.integer(below: 5)
    var program = LinearProgram(sense: rng.integer(below: 2) == 0 ? .minimize : .maximize)
    var point = [Double]()
    for _ in 0..<n {
        let x = Double(rng.integer(below: 500)) / 100
        point.append(x)
        let lower: Double = rng.integer(below: 4) == 0 ? -.infinity : 0
        let upper: Double = rng.integer(below: 3) == 0 ? .infinity : 5
        program.addVariable(lower: lower, upper: upper,
                            objective: Double(rng.integer(below: 2001) - 1000) / 100)
    }
    for _ in 0..<m {
        var terms: [(Int, Double)] = []
        for j in 0..<n where rng.integer(below: 4) != 0 {
            terms.append((j, Double(rng.integer(below: 2001) - 1000) / 100))
        }
        if terms.isEmpty { terms.append((rng.integer(below: n), 1)) }
        let activity = terms.reduce(0) { $0 + $1.1 * point[$1.0] }
        let slack = Double(rng.integer(below: 300)) / 100
        let bound: LinearProgram.Constraint.Bound
        switch rng.integer(below: 4) {
        case 0: bound = .lessOrEqual((activity + slack).rounded(.up))
        case 1: bound = .greaterOrEqual((activity - slack).rounded(.down))
        case 2: bound = .ranged((activity - slack).rounded(.down), (activity + slack).rounded(.up))
        default: bound = .equal((activity * 100).rounded() / 100)
        }
        program.addConstraint(terms, bound)
    }
    return program
}

/// A random bounded, feasible LP (x = 0 feasible, all variables in [0, 10]) for comparing
/// methods: maximize c·x subject to A x ≤ b with b ≥ 0.
func randomBoundedProgram(using rng: inout SplitMix64) -> LinearProgram {
    let n = 2 + rng.integer(below: 5)
    let m = 1 + rng.integer(below: 5)
    var program = LinearProgram(sense: .maximize)
    for _ in 0..<n {
        program.addVariable(lower: 0, upper: 10, objective: Double(rng.integer(below: 21) - 5))
    }
    for _ in 0..<m {
        let terms = (0..<n).map { ($0, Double(rng.integer(below: 11) - 2)) }.filter { $0.1 != 0 }
        program.addConstraint(terms.isEmpty ? [(0, 1)] : terms,
                              .lessOrEqual(Double(rng.integer(below: 40))))
    }
    return program
}
