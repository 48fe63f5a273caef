/// Two-player general-sum (bimatrix) games: every Nash equilibrium by support enumeration, in
/// exact rational arithmetic.
///
/// For row payoffs A and column payoffs B (both r × c), and every pair of supports I (rows) and
/// J (columns) of equal size k = 1 ... min(r, c), the equilibria with exactly these supports
/// solve the indifference systems
///
/// ```
/// Σ_{j∈J} A[i][j] y_j = u  for i ∈ I,   Σ_{j∈J} y_j = 1     (the column strategy makes I indifferent)
/// Σ_{i∈I} B[i][j] x_i = w  for j ∈ J,   Σ_{i∈I} x_i = 1     (the row strategy makes J indifferent)
/// ```
///
/// with x, y > 0 on the supports and no better reply outside them: (A y)_i ≤ u for i ∉ I and
/// (xᵀ B)_j ≤ w for j ∉ J. Each system is square (k + 1 unknowns) and solved by Gaussian
/// elimination over `Rational`.
///
/// Properties: in a **nondegenerate** game (no mixed strategy with support size k has more than
/// k pure best replies) every equilibrium has supports of equal size and is the unique solution
/// of its systems (von Stengel 2002, section 3), so
/// a singular system holds no equilibrium and the list is every equilibrium; their number is then
/// odd (Lemke and Howson 1964). The enumeration cannot certify nondegeneracy: it reports the
/// singular systems it skipped and, as a sure sign of degeneracy, equilibria with a pure reply
/// outside the support that ties with the equilibrium payoff (`degeneracyDetected`). In a
/// degenerate game the list holds the equilibria with equal-size supports and unique solutions
/// (e.g. the pure ones), not the continua.
/// - Complexity: Σ_k C(r, k) C(c, k) pairs of supports, each O(k³) rational operations.
///
/// References: B. von Stengel, "Computing equilibria for two-person games", *Handbook of Game
/// Theory* 3 (2002), section 3 (support enumeration); N. Nisan, T. Roughgarden, É. Tardos,
/// V. Vazirani (eds.), *Algorithmic Game Theory* (2007), section 3.2; Gambit's `enumpure` and
/// `enummixed` as the reference implementations.
public enum BimatrixGame {
    /// One equilibrium: both mixed strategies, exact, and each player's payoff.
    public struct Equilibrium: Sendable, Hashable, CustomStringConvertible {
        public var rowStrategy: [Rational]
        public var columnStrategy: [Rational]
        public var rowPayoff: Rational
        public var columnPayoff: Rational

        public init(rowStrategy: [Rational], columnStrategy: [Rational], rowPayoff: Rational, columnPayoff: Rational) {
            self.rowStrategy = rowStrategy
            self.columnStrategy = columnStrategy
            self.rowPayoff = rowPayoff
            self.columnPayoff = columnPayoff
        }

        public var description: String {
            "row (\(rowStrategy.map(\.description).joined(separator: ", "))), column (\(columnStrategy.map(\.description).joined(separator: ", "))), payoffs \(rowPayoff), \(columnPayoff)"
        }
    }

    /// The equilibria found, and the signs of degeneracy seen on the way.
    public struct Enumeration: Sendable, Hashable {
        /// Ordered by support size, then by the supports in lexicographic order.
        public var equilibria: [Equilibrium]
        /// Pairs of supports examined.
        public var supportPairs: Int
        /// Pairs whose indifference system had no unique solution (skipped: in a nondegenerate
        /// game they hold no equilibrium).
        public var singularSystems: Int
        /// Equilibria with a pure reply outside a support that ties with the equilibrium payoff.
        public var tiedReplies: Int
        /// The game is degenerate (a tied reply was found), so the list may miss equilibria.
        /// False does not prove nondegeneracy; for a nondegenerate game the list is complete.
        public var degeneracyDetected: Bool { tiedReplies > 0 }
    }

    public enum GameError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The payoff matrices are empty, ragged or of different shapes.
        case shape(String)
        /// The support count exceeds `maximumSupportPairs`.
        case tooLarge(pairs: Int, limit: Int)
        /// Exact arithmetic overflowed.
        case arithmetic(RationalError)

        public var description: String {
            switch self {
            case .shape(let s): "bimatrix game: \(s)"
            case .tooLarge(let p, let l): "bimatrix game: \(p) pairs of supports exceed the limit \(l); use a smaller game"
            case .arithmetic(let e): "bimatrix game: \(e)"
            }
        }
    }

    /// Support enumeration refuses games with more pairs of supports than this.
    public static let maximumSupportPairs = 1_000_000

    /// Every equilibrium of the game with row payoffs `a` and column payoffs `b` that has supports
    /// of equal size and unique indifference solutions (all of them when the game is
    /// nondegenerate).
    public static func supportEnumeration(rowPayoffs a: [[Rational]], columnPayoffs b: [[Rational]]) throws(GameError) -> Enumeration {
        let r = a.count, c = a.first?.count ?? 0
        guard r > 0, c > 0 else { throw .shape("the payoff matrices are empty") }
        guard a.allSatisfy({ $0.count == c }), b.count == r, b.allSatisfy({ $0.count == c }) else {
            throw .shape("both payoff matrices must be \(r) × \(c)")
        }
        var pairs = 0
        for k in 1...min(r, c) {
            pairs += binomial(r, k) * binomial(c, k)
            guard pairs <= maximumSupportPairs else { throw .tooLarge(pairs: pairs, limit: maximumSupportPairs) }
        }
        // B transposed: the row strategy's system has the same shape as the column strategy's.
        let bt = (0..<c).map { j in (0..<r).map { i in b[i][j] } }
        var out = Enumeration(equilibria: [], supportPairs: 0, singularSystems: 0, tiedReplies: 0)
        do {
            for k in 1...min(r, c) {
                for rows in subsets(r, k) {
                    for columns in subsets(c, k) {
                        out.supportPairs += 1
                        // y over `columns` making `rows` indifferent under A; x over `rows` making `columns` indifferent under B.
                        guard let (y, u) = try indifference(a, players: rows, mixers: columns),
                              let (x, w) = try indifference(bt, players: columns, mixers: rows) else {
                            out.singularSystems += 1
                            continue
                        }
                        guard x.allSatisfy({ $0 > .zero }), y.allSatisfy({ $0 > .zero }) else { continue }
                        let column = spread(y, columns, c), row = spread(x, rows, r)
                        var tied = false, better = false
                        for i in 0..<r where !rows.contains(i) {
                            let v = try dot(a[i], column)
                            if v > u { better = true } else if v == u { tied = true }
                        }
                        for j in 0..<c where !columns.contains(j) {
                            let v = try dot(bt[j], row)
                            if v > w { better = true } else if v == w { tied = true }
                        }
                        guard !better else { continue }
                        if tied { out.tiedReplies += 1 }
                        out.equilibria.append(Equilibrium(rowStrategy: row, columnStrategy: column, rowPayoff: u, columnPayoff: w))
                    }
                }
            }
        } catch {
            throw .arithmetic(error)
        }
        return out
    }

    /// Solves `Σ_{j∈mixers} m[i][j] z_j = v` for i ∈ players and `Σ z = 1`; nil when the system
    /// has no unique solution.
    static func indifference(_ m: [[Rational]], players: [Int], mixers: [Int]) throws(RationalError) -> ([Rational], Rational)? {
        let k = mixers.count
        // Unknowns z_0..z_{k-1}, v. Rows: k indifference equations (payoff - v = 0), then Σ z = 1.
        var rows: [[Rational]] = players.map { (i: Int) -> [Rational] in mixers.map { m[i][$0] } + [-Rational.one, Rational.zero] }
        rows.append(Array(repeating: Rational.one, count: k) + [Rational.zero, Rational.one])
        guard let s = try solve(&rows, unknowns: k + 1) else { return nil }
        return (Array(s[0..<k]), s[k])
    }

    /// Gauss-Jordan elimination of the augmented square system; nil when it is singular.
    static func solve(_ m: inout [[Rational]], unknowns n: Int) throws(RationalError) -> [Rational]? {
        for col in 0..<n {
            guard let pivot = (col..<n).first(where: { m[$0][col] != .zero }) else { return nil }
            m.swapAt(col, pivot)
            let p = m[col][col]
            for j in col...n { m[col][j] = try m[col][j].divided(by: p) }
            for i in 0..<n where i != col && m[i][col] != .zero {
                let f = m[i][col]
                for j in col...n { m[i][j] = try m[i][j].subtracting(try f.multiplied(by: m[col][j])) }
            }
        }
        return (0..<n).map { m[$0][n] }
    }

    static func dot(_ u: [Rational], _ v: [Rational]) throws(RationalError) -> Rational {
        var s = Rational.zero
        for (x, y) in zip(u, v) where x != .zero && y != .zero { s = try s.adding(try x.multiplied(by: y)) }
        return s
    }

    static func spread(_ values: [Rational], _ support: [Int], _ size: Int) -> [Rational] {
        var out = Array(repeating: Rational.zero, count: size)
        for (v, i) in zip(values, support) { out[i] = v }
        return out
    }

    /// The k-subsets of 0..<n in lexicographic order.
    static func subsets(_ n: Int, _ k: Int) -> [[Int]] {
        var out: [[Int]] = []
        var current: [Int] = []
        func extend(_ start: Int) {
            if current.count == k { out.append(current); return }
            guard start < n, n - start >= k - current.count else { return }
            for i in start..<n {
                current.append(i)
                extend(i + 1)
                current.removeLast()
            }
        }
        extend(0)
        return out
    }

    static func binomial(_ n: Int, _ k: Int) -> Int {
        var out = 1
        for i in 0..<k { out = out * (n - i) / (i + 1) }
        return out
    }
}
