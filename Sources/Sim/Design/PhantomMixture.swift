import Mechanisms
import Solvers

/// Universal truthfulness and universal anonymity as constraints of a randomized design: the
/// mechanism is a mixture of unanimous phantom rules (the column formulation).
///
/// ```
/// p(x, h) = Σ_k w_k [M_k(x) = h],   w_k >= 0,   Σ_k w_k = 1
/// M_k(x)  = med(x_1, ..., x_n, φ_0, ..., φ_n)   with φ_0 = 0, φ_n = 1, φ_1 <= ... <= φ_{n-1} in H
/// ```
/// one weight per multiset of the n - 1 inner phantoms on the outcome grid H = {0, 1/(2g), ..., 1}:
/// C(2g + n - 1, n - 1) rules.
///
/// Why these rules (docs/reconstructions.md#universal-axioms-as-a-mixture-of-phantom-rules):
/// a universally truthful, universally anonymous mechanism is a mixture of deterministic
/// strategyproof anonymous rules. With unanimity among the axioms, every rule with positive
/// weight is unanimous (unanimity in expectation puts probability 1 on a at (a, ..., a), so
/// every component gives a there). Anonymous, strategyproof, unanimous rules on the line are
/// the generalized medians (Moulin 1980; Border and Jordan 1983 for symmetric single-peaked
/// costs such as |y - x|); their phantoms are outcomes at the grid profiles with k reports at 0
/// and n - k at 1, so on the design grid they lie in H.
///
/// What does not hold: on the grid itself there are more strategyproof rules than phantom
/// rules (n = 2, grid 1/2: 11 unanimous anonymous ones, 5 of them phantom rules; e.g.
/// f(0, 1) = 0 with f(1/2, 1) = 3/4), which are not restrictions of any strategyproof rule on
/// [0, 1]; the program leaves them out. Without unanimity the deterministic strategyproof rules
/// for symmetric costs are not all generalized medians (one agent, range {1/4, 3/4}), so the
/// program refuses that case.
///
/// Uniqueness is judged on p, not on w: different mixtures can give the same lotteries.
public enum PhantomMixture {
    /// The inner phantoms (outcome indices 0...2g, nondecreasing) of every unanimous phantom
    /// rule for `n` agents on `grid`, in lexicographic order.
    public static func rules(on grid: DesignGrid) -> [[Int]] {
        let n = grid.agents, top = 2 * grid.resolution
        guard n >= 2 else { return [[]] }
        var out: [[Int]] = []
        var current = [Int](repeating: 0, count: n - 1)
        while true {
            out.append(current)
            var i = n - 2
            while i >= 0 && current[i] == top { i -= 1 }
            if i < 0 { break }
            current[i] += 1
            for j in (i + 1)..<(n - 1) { current[j] = current[i] }
        }
        return out
    }

    /// The number of rules, C(2g + n - 1, n - 1).
    public static func ruleCount(agents n: Int, grid g: Int) -> Double {
        var c = 1.0
        if n >= 2 { for k in 1...(n - 1) { c = c * Double(2 * g + k) / Double(k) } }
        return c.rounded()
    }

    /// The outcome index of the rule with inner phantoms `inner` at the profile `x` (report
    /// indices): the (n+1)-th smallest of 2x_1, ..., 2x_n, 0, inner..., 2g.
    public static func outcome(inner: [Int], at x: [Int], on grid: DesignGrid) -> Int {
        let points = (x.map { 2 * $0 } + inner + [0, 2 * grid.resolution]).sorted()
        return points[x.count]
    }

    /// The rule as a registered mechanism (`phantom` with its n + 1 phantoms).
    public static func mechanism(inner: [Int], on grid: DesignGrid) -> Phantom? {
        let h = Double(2 * grid.resolution)
        return try? Phantom(phantoms: [0] + inner.map { Double($0) / h } + [1])
    }
}

extension DesignProgram {
    /// Adds one weight per unanimous phantom rule and the rows p(x, h) = Σ_k w_k [M_k(x) = h],
    /// Σ_k w_k = 1. Returns the index of the first weight.
    mutating func addPhantomMixture() -> (first: Int, rules: [[Int]]) {
        let rules = PhantomMixture.rules(on: grid)
        let first = program.variables.count
        for (k, _) in rules.enumerated() { program.addVariable(lower: 0, upper: .infinity, name: "w\(k)") }
        let o = grid.outcomeCount
        for (b, x) in profiles.enumerated() {
            var terms: [[(Int, Double)]] = (0..<o).map { [(b * o + $0, 1.0)] }
            for (k, inner) in rules.enumerated() {
                terms[PhantomMixture.outcome(inner: inner, at: x, on: grid)].append((first + k, -1))
            }
            for h in 0..<o { program.addConstraint(terms[h], .equal(0), name: "phantom mixture") }
        }
        program.addConstraint(rules.indices.map { (first + $0, 1.0) }, .equal(1), name: "weights sum to one")
        return (first, rules)
    }
}
