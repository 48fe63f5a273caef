import Solvers

/// How the winner-determination problem `max Σ_i r_i π_i(x, σ)` over feasible placements is
/// solved (docs/reconstructions.md#exact-winner-determination). `exact` picks the model's exact method; the others are named
/// alternatives used as cross-checks or approximations.
public enum WinnerDeterminationMethod: String, Sendable, Hashable, CaseIterable {
    /// The model's exact method: `sort` (separable), `hungarian` (independent),
    /// `charnes-cooper-lp` (MNL), `cascade-dp` (cascade).
    case exact
    /// Separable: rank by `α_i r_i`, fill positions by decreasing β (rearrangement inequality).
    case sort
    /// Independent: the assignment problem with at most K edges, by the Hungarian method.
    case hungarian
    /// Independent: the assignment LP through GLPK (primal simplex; vertices are integral).
    case assignmentLP = "assignment-lp"
    /// MNL: the Charnes–Cooper transformation of the 0/1 linear-fractional program, an LP through GLPK.
    case charnesCooperLP = "charnes-cooper-lp"
    /// MNL: the Dinkelbach (parametric) iteration over capped assignment problems, no LP.
    case dinkelbach
    /// Cascade: the exact dynamic program (over position subsets for click-once continuation,
    /// over advertiser and position subsets otherwise).
    case cascadeDP = "cascade-dp"
    /// Cascade: greedy on marginal gains under the two matroid constraints (a 1/3-approximation).
    case cascadeGreedy = "cascade-greedy"
    /// Cascade: the assignment on additive weights `r_i p_ij`, rendered in the optimal order.
    case cascadeSurrogate = "cascade-surrogate"
    /// Every feasible matching in every rendering order (small instances only).
    case bruteForce = "brute-force"

    /// True for methods that are not exact maximizers.
    public var isApproximate: Bool { self == .cascadeGreedy || self == .cascadeSurrogate }
}

extension AuctionInstance {
    /// The model's exact method.
    public var exactMethod: WinnerDeterminationMethod {
        switch userModel {
        case .separable: .sort
        case .independent: .hungarian
        case .mnl: .charnesCooperLP
        case .cascade: .cascadeDP
        }
    }

    /// An allocation maximizing `Σ_i r_i π_i` (exactly, or approximately for the approximate
    /// methods). Only advertisers with `r_i > 0` are ever shown (any other adds nothing or
    /// lowers the objective, and ties are broken towards fewer ads); `excluding` removes one
    /// advertiser (for VCG's `W*_{−i}`).
    ///
    /// - Throws: `AuctionError.unsupported` when the method does not fit the user model or the
    ///   instance is too large for it, `.solver` when GLPK fails.
    public func winnerDetermination(weights r: [Double], method: WinnerDeterminationMethod = .exact,
                                    excluding: Int? = nil) throws(AuctionError) -> AuctionAllocation {
        precondition(r.count == advertiserCount, "one weight per advertiser")
        let method = method == .exact ? exactMethod : method
        let active = (0..<advertiserCount).filter { $0 != excluding && r[$0] > 0 }
        guard cap > 0, !active.isEmpty else { return allocation([], weights: r) }
        switch (method, userModel) {
        case (.sort, .separable(let alpha, let beta)):
            return allocation(sortedPlacements(active, r, alpha, beta), weights: r)
        case (.hungarian, .independent), (.hungarian, .separable):
            let w = active.map { i in ctr[i].map { r[i] * $0 } }
            let pairs = try Self.cappedAssignment(w, cap: cap)
            return allocation(pairs.map { Placement(advertiser: active[$0.0], position: $0.1) }, weights: r)
        case (.assignmentLP, .independent), (.assignmentLP, .separable):
            let w = active.map { i in ctr[i].map { r[i] * $0 } }
            let pairs = try Self.assignmentByLP(w, cap: cap)
            return allocation(pairs.map { Placement(advertiser: active[$0.0], position: $0.1) }, weights: r, lpSolves: 1)
        case (.charnesCooperLP, .mnl):
            return try mnlByLP(active, r)
        case (.dinkelbach, .mnl):
            return try mnlByDinkelbach(active, r)
        case (.cascadeDP, .cascade):
            return isClickOnceCascade ? try cascadeDP(active, r) : try cascadePairDP(active, r)
        case (.cascadeGreedy, .cascade):
            return cascadeGreedy(active, r)
        case (.cascadeSurrogate, .cascade):
            return try cascadeSurrogate(active, r)
        case (.bruteForce, _):
            return try bruteForce(active, r)
        default:
            throw .unsupported(mechanism: method.rawValue,
                               reason: "the winner-determination method '\(method.rawValue)' does not apply to the \(userModel.id) user model")
        }
    }

    // MARK: separable

    private func sortedPlacements(_ active: [Int], _ r: [Double], _ alpha: [Double], _ beta: [Double]) -> [Placement] {
        var masked = r
        for i in masked.indices where !active.contains(i) { masked[i] = 0 }
        let ads = separableRanking(alpha: alpha, bids: masked)
        let slots: [Int] = (0..<positionCount).filter { beta[$0] > 0 }
            .sorted { (a: Int, b: Int) -> Bool in beta[a] != beta[b] ? beta[a] > beta[b] : a < b }
        let k = Swift.min(cap, ads.count, slots.count)
        return (0..<k).map { Placement(advertiser: ads[$0], position: slots[$0]) }
    }

    // MARK: assignment with a cap

    /// A maximum-weight matching of rows to columns with at most `cap` edges, keeping only
    /// positive-weight edges, by the Hungarian method on an augmented square-ish matrix: every
    /// row also gets "unassigned" columns of weight 0, and when the cap binds, `rows − cap` of
    /// them carry a bonus B larger than any matching's weight, which forces exactly that many rows
    /// out of the real columns.
    static func cappedAssignment(_ w: [[Double]], cap: Int) throws(AuctionError) -> [(Int, Int)] {
        let n = w.count
        guard n > 0, cap > 0 else { return [] }
        let m = w[0].count
        let binding = cap < Swift.min(n, m)
        var bonus = 1.0
        if binding { for row in w { for x in row where x > 0 { bonus += x } } }
        let forced = binding ? n - cap : 0
        var matrix = [[Double]]()
        matrix.reserveCapacity(n)
        for row in w {
            var line = row.map { Swift.max($0, 0) }
            line.reserveCapacity(m + n)
            for q in 0..<n { line.append(q < forced ? bonus : 0) }
            matrix.append(line)
        }
        let solution: AssignmentSolution
        do { solution = try Assignment.solve(cost: matrix, maximize: true) } catch {
            throw .solver("assignment: \(error)")
        }
        var pairs = [(Int, Int)]()
        for (i, j) in solution.rowToColumn.enumerated() where j < m && w[i][j] > 0 { pairs.append((i, j)) }
        return pairs
    }

    /// An optimal capped matching chosen by a rule that depends only on the set of optimal
    /// matchings (within a relative tolerance of 1e-12), not on which one the solver finds: the
    /// pairs are visited in the order (row, column); a pair is forbidden when some optimal
    /// matching avoids it and the pairs forbidden before it. What remains is the set of pairs
    /// every such matching needs. Costs one solve per visited pair of the current matching.
    static func canonicalAssignment(_ w: [[Double]], cap: Int) throws(AuctionError) -> [(Int, Int)] {
        var weights = w
        var current = try cappedAssignment(weights, cap: cap)
        func total(_ pairs: [(Int, Int)]) -> Double { pairs.reduce(0) { $0 + w[$1.0][$1.1] } }
        let optimum = total(current)
        let tolerance = 1e-12 * Swift.max(abs(optimum), 1e-300)
        for i in weights.indices {
            for j in weights[i].indices where weights[i][j] > 0 {
                guard current.contains(where: { $0 == (i, j) }) else { weights[i][j] = 0; continue }
                var trial = weights
                trial[i][j] = 0
                let alternative = try cappedAssignment(trial, cap: cap)
                if total(alternative) >= optimum - tolerance {
                    weights = trial
                    current = alternative
                }
            }
        }
        return current
    }

    /// The same matching by the assignment LP through GLPK (primal simplex), with every x
    /// checked to be within 1e-7 of 0 or 1.
    static func assignmentByLP(_ w: [[Double]], cap: Int) throws(AuctionError) -> [(Int, Int)] {
        let n = w.count, m = w[0].count
        var lp = LinearProgram(sense: .maximize)
        for i in 0..<n { for j in 0..<m { _ = lp.addVariable(lower: 0, upper: 1); lp.objective[i * m + j] = Swift.max(w[i][j], 0) } }
        for i in 0..<n { lp.addConstraint((0..<m).map { (i * m + $0, 1.0) }, .lessOrEqual(1)) }
        for j in 0..<m { lp.addConstraint((0..<n).map { ($0 * m + j, 1.0) }, .lessOrEqual(1)) }
        lp.addConstraint((0..<(n * m)).map { ($0, 1.0) }, .lessOrEqual(Double(cap)))
        let x = try solveVertex(lp)
        var pairs = [(Int, Int)]()
        for i in 0..<n { for j in 0..<m where x[i * m + j] > 0.5 && w[i][j] > 0 { pairs.append((i, j)) } }
        return pairs
    }

    /// Solves by primal simplex and checks the vertex is 0/1 within 1e-7.
    private static func solveVertex(_ lp: LinearProgram, scale: [Double]? = nil) throws(AuctionError) -> [Double] {
        let solution: LPSolution
        do { solution = try GLPKSolver(method: .primalSimplex).solve(lp) } catch { throw .solver("\(error)") }
        guard solution.status == .optimal else { throw .solver("status \(solution.status) on a bounded feasible LP") }
        var x = solution.primal
        if let scale { for k in x.indices { x[k] = x[k] * scale[k] } }
        for (k, v) in x.enumerated() where Swift.min(abs(v), abs(v - 1)) > 1e-7 {
            throw .solver("the LP returned the fractional value \(v) for column \(k) (not a vertex)")
        }
        return x
    }

    // MARK: MNL

    /// Charnes–Cooper: `y_0 = 1/D(x)`, `y_ij = x_ij y_0` (Charnes and Cooper's substitution; docs/reconstructions.md#exact-winner-determination).
    private func mnlByLP(_ active: [Int], _ r: [Double]) throws(AuctionError) -> AuctionAllocation {
        let n = active.count, m = positionCount
        // n·m + 1 variables, n + m + 2 rows, 4nm + n + m + 1 coefficients: refused before the
        // program is built when GLPKSolver would refuse it (2,000 x 2,000 held 4.6 GB).
        let (cells, overflow) = n.multipliedReportingOverflow(by: m)
        guard !overflow, cells <= GLPKSolver.maximumRowsAndColumns, 4 * cells + n + m + 1 <= GLPKSolver.maximumCoefficients,
              cells + 1 + n + m + 2 <= GLPKSolver.maximumRowsAndColumns else {
            let size = overflow ? "more than 2^63 variables" : "\(cells + 1) variables, \(n + m + 2) constraints and \(4 * cells + n + m + 1) coefficients"
            throw .unsupported(mechanism: "charnes-cooper-lp", reason: "the MNL winner-determination LP of \(n) advertisers x \(m) positions has \(size), more than the solver takes (\(GLPKSolver.maximumRowsAndColumns) variables and constraints together, \(GLPKSolver.maximumCoefficients) coefficients), and a payment rule solves it once more per shown advertiser; use fewer advertisers or positions")
        }
        var lp = LinearProgram(sense: .maximize)
        _ = lp.addVariable(lower: 0)
        for a in 0..<n { for j in 0..<m { _ = lp.addVariable(lower: 0); lp.objective[1 + a * m + j] = r[active[a]] * weight(active[a], j) } }
        var normalization = [(0, 1.0)]
        for a in 0..<n { for j in 0..<m { normalization.append((1 + a * m + j, weight(active[a], j))) } }
        lp.addConstraint(normalization, .equal(1))
        for a in 0..<n { lp.addConstraint([(0, -1.0)] + (0..<m).map { (1 + a * m + $0, 1.0) }, .lessOrEqual(0)) }
        for j in 0..<m { lp.addConstraint([(0, -1.0)] + (0..<n).map { (1 + $0 * m + j, 1.0) }, .lessOrEqual(0)) }
        lp.addConstraint([(0, -Double(cap))] + (0..<(n * m)).map { (1 + $0, 1.0) }, .lessOrEqual(0))
        let solution: LPSolution
        do { solution = try GLPKSolver(method: .primalSimplex).solve(lp) } catch { throw .solver("\(error)") }
        guard solution.status == .optimal else { throw .solver("status \(solution.status) on the Charnes-Cooper LP") }
        let y0 = solution.primal[0]
        guard y0 > 0 else { throw .solver("the Charnes-Cooper LP returned y0 = \(y0)") }
        var placements = [Placement]()
        for a in 0..<n {
            for j in 0..<m {
                let x = solution.primal[1 + a * m + j] / y0
                guard Swift.min(abs(x), abs(x - 1)) <= 1e-7 else {
                    throw .solver("the Charnes-Cooper LP gave x = \(x) for advertiser \(active[a]), position \(j) (not a vertex)")
                }
                if x > 0.5 { placements.append(Placement(advertiser: active[a], position: j)) }
            }
        }
        return dropBreakEvenMNL(placements, r, lpSolves: 1)
    }

    /// Dinkelbach: `λ ← N(x)/D(x)` for `x = argmax Σ (r_i − λ) w_ij x_ij` until λ stops rising
    /// (Dinkelbach's iteration; docs/reconstructions.md#exact-winner-determination).
    private func mnlByDinkelbach(_ active: [Int], _ r: [Double]) throws(AuctionError) -> AuctionAllocation {
        var lambda = 0.0
        var best = [Placement]()
        for _ in 0..<200 {
            let w = active.map { i in (0..<positionCount).map { (r[i] - lambda) * weight(i, $0) } }
            let pairs = try Self.cappedAssignment(w, cap: cap)
            let placements = pairs.map { Placement(advertiser: active[$0.0], position: $0.1) }
            let ratio = objective(placements, weights: r)
            guard !placements.isEmpty, ratio > lambda * (1 + 1e-13) + 1e-300 else { break }
            best = placements
            lambda = ratio
        }
        return dropBreakEvenMNL(best, r, lpSolves: 0)
    }

    /// Removes shown ads whose weight equals the optimum (within rounding): they leave the
    /// objective unchanged, and ties go to fewer ads.
    private func dropBreakEvenMNL(_ placements: [Placement], _ r: [Double], lpSolves: Int) -> AuctionAllocation {
        var kept = placements.sorted { $0.position < $1.position }
        while true {
            let value = objective(kept, weights: r)
            guard let k = kept.indices.first(where: { r[kept[$0].advertiser] <= value * (1 + 1e-12) }) else { break }
            kept.remove(at: k)
        }
        return allocation(kept, weights: r, lpSolves: lpSolves)
    }

    // MARK: cascade

    /// The value of a set of pairs rendered in the optimal order: decreasing `r p / (1 − c)`
    /// (the order lemma; decreasing r for click-once), ties by advertiser index.
    public func cascadeOrder(_ pairs: [Placement], weights r: [Double]) -> [Placement] {
        pairs.sorted { a, b in
            let ka = cascadeKey(a, r), kb = cascadeKey(b, r)
            return ka != kb ? ka > kb : a.advertiser < b.advertiser
        }
    }

    private func cascadeKey(_ e: Placement, _ r: [Double]) -> Double {
        if isClickOnceCascade { return r[e.advertiser] }
        let stop = 1 - continuation(e.advertiser, e.position)
        return stop > 0 ? r[e.advertiser] * ctr[e.advertiser][e.position] / stop : .infinity
    }

    /// Click-once DP: advertisers by decreasing r; `G(k, U, c) = max{G(k+1, U, c),
    /// max_{j∉U} r_k p_kj + (1 − p_kj) G(k+1, U∪{j}, c+1)}`. O(n·m·K·2^m).
    /// Its table has (n + 1) 2^m entries: limited to 2^27 (1 GiB), checked before allocating.
    private func cascadeDP(_ active: [Int], _ r: [Double]) throws(AuctionError) -> AuctionAllocation {
        let ads: [Int] = active.sorted { (a: Int, b: Int) -> Bool in r[a] != r[b] ? r[a] > r[b] : a < b }
        let n = ads.count, m = positionCount, kMax = Swift.min(cap, n)
        guard m <= 27, (n + 1).multipliedReportingOverflow(by: 1 << m).partialValue <= 1 << 27, n < 1 << 27 else {
            throw .unsupported(mechanism: "cascade-dp", reason: "the exact DP over position subsets needs (advertisers + 1) x 2^positions = \(n + 1) x 2^\(m) states, more than 2^27 (1 GiB); use cascade-greedy or cascade-surrogate")
        }
        let masks = 1 << m
        // g[k * masks + U]: the best value from advertiser k on with positions U used; the
        // number of ads shown so far is the size of U.
        var g = [Double](repeating: 0, count: (n + 1) * masks)
        func takeValue(_ k: Int, _ u: Int, _ j: Int) -> Double {
            let p = ctr[ads[k]][j]
            return r[ads[k]] * p + (1 - p) * g[(k + 1) * masks + (u | 1 << j)]
        }
        var k = n - 1
        while k >= 0 {
            for u in 0..<masks where u.nonzeroBitCount <= kMax {
                var best = g[(k + 1) * masks + u]
                if u.nonzeroBitCount < kMax {
                    for j in 0..<m where u & (1 << j) == 0 { best = Swift.max(best, takeValue(k, u, j)) }
                }
                g[k * masks + u] = best
            }
            k -= 1
        }
        var placements = [Placement]()
        var u = 0
        for k in 0..<n where placements.count < kMax {
            var bestValue = g[(k + 1) * masks + u], bestJ = -1
            for j in 0..<m where u & (1 << j) == 0 {
                let v = takeValue(k, u, j)
                if v > bestValue { bestValue = v; bestJ = j }
            }
            if bestJ >= 0 { placements.append(Placement(advertiser: ads[k], position: bestJ)); u |= 1 << bestJ }
        }
        return allocation(placements, weights: r)
    }

    /// General continuation: pairs sorted by the order key, DP over (used advertisers, used
    /// positions). Exponential in n + m; limited to n + m ≤ 22.
    private func cascadePairDP(_ active: [Int], _ r: [Double]) throws(AuctionError) -> AuctionAllocation {
        let n = active.count, m = positionCount
        guard n + m <= 22 else {
            throw .unsupported(mechanism: "cascade-dp", reason: "the exact DP with general continuation probabilities is limited to advertisers + positions <= 22 (got \(n + m))")
        }
        var pairs = [(a: Int, j: Int)]()
        for a in 0..<n { for j in 0..<m where r[active[a]] * ctr[active[a]][j] > 0 { pairs.append((a, j)) } }
        let order = cascadeOrder(pairs.map { Placement(advertiser: active[$0.a], position: $0.j) }, weights: r)
        let local = Dictionary(uniqueKeysWithValues: active.enumerated().map { ($1, $0) })
        let sorted = order.map { (a: local[$0.advertiser]!, j: $0.position) }
        var memo = [Int: Double]()
        func best(_ t: Int, _ state: Int) -> Double {
            if t == sorted.count || state.nonzeroBitCount >= 2 * cap { return 0 }
            let key = t << (n + m) | state
            if let v = memo[key] { return v }
            var v = best(t + 1, state)
            let (a, j) = sorted[t]
            if state & (1 << a) == 0 && state & (1 << (n + j)) == 0 {
                let i = active[a]
                let take = r[i] * ctr[i][j] + continuation(i, j) * best(t + 1, state | 1 << a | 1 << (n + j))
                if take > v { v = take }
            }
            memo[key] = v
            return v
        }
        var placements = [Placement]()
        var state = 0
        for t in 0..<sorted.count where state.nonzeroBitCount < 2 * cap {
            let (a, j) = sorted[t]
            guard state & (1 << a) == 0 && state & (1 << (n + j)) == 0 else { continue }
            let i = active[a]
            let take = r[i] * ctr[i][j] + continuation(i, j) * best(t + 1, state | 1 << a | 1 << (n + j))
            if take > best(t + 1, state) {
                placements.append(Placement(advertiser: i, position: j))
                state |= 1 << a | 1 << (n + j)
            }
        }
        return allocation(placements, weights: r)
    }

    /// Greedy on marginal gains: add the feasible pair that raises the (optimally ordered)
    /// objective most, while the gain is positive and fewer than K are shown.
    private func cascadeGreedy(_ active: [Int], _ r: [Double]) -> AuctionAllocation {
        var chosen = [Placement]()
        var usedAds = Set<Int>(), usedPositions = Set<Int>()
        var current = 0.0
        while chosen.count < cap {
            var bestGain = 0.0
            var bestPair: Placement?
            for i in active where !usedAds.contains(i) {
                for j in 0..<positionCount where !usedPositions.contains(j) {
                    let e = Placement(advertiser: i, position: j)
                    let gain = objective(cascadeOrder(chosen + [e], weights: r), weights: r) - current
                    if gain > bestGain * (1 + 1e-12) + 1e-15 { bestGain = gain; bestPair = e }
                }
            }
            guard let e = bestPair else { break }
            chosen.append(e)
            usedAds.insert(e.advertiser)
            usedPositions.insert(e.position)
            chosen = cascadeOrder(chosen, weights: r)
            current = objective(chosen, weights: r)
        }
        return allocation(chosen, weights: r)
    }

    /// The assignment on additive weights `r_i p_ij`, rendered in the optimal order. Ties
    /// between optimal matchings are broken canonically (`canonicalAssignment`), so that the
    /// choice does not depend on the solver's path, which moves with every bid.
    private func cascadeSurrogate(_ active: [Int], _ r: [Double]) throws(AuctionError) -> AuctionAllocation {
        let w = active.map { i in ctr[i].map { r[i] * $0 } }
        let pairs = try Self.canonicalAssignment(w, cap: cap)
        let placements = pairs.map { Placement(advertiser: active[$0.0], position: $0.1) }
        return allocation(cascadeOrder(placements, weights: r), weights: r)
    }

    // MARK: brute force

    /// Every feasible matching of the active advertisers, in every rendering order for the
    /// cascade; the first best found with the fewest ads wins ties. Limited to n, m ≤ 6.
    private func bruteForce(_ active: [Int], _ r: [Double]) throws(AuctionError) -> AuctionAllocation {
        guard active.count <= 6, positionCount <= 6 else {
            throw .unsupported(mechanism: "brute-force", reason: "brute force is limited to 6 advertisers and 6 positions")
        }
        var bestValue = 0.0
        var best = [Placement]()
        let orderMatters: Bool = if case .cascade = userModel { true } else { false }
        var current = [Placement]()
        var usedPositions = 0
        func consider() {
            if orderMatters {
                permutations(current) { order in
                    let v = objective(order, weights: r)
                    if v > bestValue + 1e-12 * Swift.max(1, abs(bestValue)) { bestValue = v; best = order }
                }
            } else {
                let v = objective(current, weights: r)
                if v > bestValue + 1e-12 * Swift.max(1, abs(bestValue)) { bestValue = v; best = current }
            }
        }
        func extend(_ k: Int) {
            if k == active.count { consider(); return }
            extend(k + 1)
            guard current.count < cap else { return }
            for j in 0..<positionCount where usedPositions & (1 << j) == 0 {
                current.append(Placement(advertiser: active[k], position: j))
                usedPositions |= 1 << j
                extend(k + 1)
                usedPositions &= ~(1 << j)
                current.removeLast()
            }
        }
        extend(0)
        return allocation(best, weights: r)
    }
}

/// Calls `body` with every ordering of `items` (Heap's algorithm).
func permutations<T>(_ items: [T], _ body: ([T]) -> Void) {
    var a = items
    var c = [Int](repeating: 0, count: a.count)
    body(a)
    var i = 0
    while i < a.count {
        if c[i] < i {
            if i % 2 == 0 { a.swapAt(0, i) } else { a.swapAt(c[i], i) }
            body(a)
            c[i] += 1
            i = 0
        } else {
            c[i] = 0
            i += 1
        }
    }
}
