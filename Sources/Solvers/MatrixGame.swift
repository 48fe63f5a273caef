/// Two-player zero-sum matrix games solved by linear programming: the value and an optimal
/// mixed strategy for each player.
///
/// For a payoff matrix A (r × c, payoffs to the row player, who maximizes), von Neumann's
/// minimax theorem gives one value v* for both programs below; each player's optimal
/// strategies are the optimal solutions of their program:
///
/// ```
/// row player:     maximize v  s.t.  Σᵢ A[i][j] xᵢ ≥ v  for every column j,  Σᵢ xᵢ = 1,  x ≥ 0
/// column player:  minimize w  s.t.  Σⱼ A[i][j] yⱼ ≤ w  for every row i,     Σⱼ yⱼ = 1,  y ≥ 0
/// ```
///
/// Both programs are solved (rather than reading the column strategy off the row program's
/// duals) so that each strategy is a primal solution, with an exact certificate under
/// `LPMethod.exact`.
///
/// Ties: when a player has several optimal strategies, the one the simplex method ends on (a
/// vertex of the optimal face; the interior-point method may return a point inside it).
/// Properties: both programs are always feasible and bounded, so a non-optimal status or
/// values that disagree beyond `Tolerance.comparison` are reported as errors, never returned.
/// With `.exact`, the two exact values must be equal.
/// - Complexity: two LPs with (r + 1) and (c + 1) variables.
///
/// References: J. von Neumann, "Zur Theorie der Gesellschaftsspiele", *Mathematische Annalen*
/// 100 (1928); G. B. Dantzig, "A proof of the equivalence of the programming problem and the
/// game problem" (1951), in Koopmans (ed.), *Activity Analysis of Production and Allocation*;
/// OpenSpiel `python/algorithms/lp_solver.py` (`solve_zero_sum_matrix_game`).
public enum MatrixGame {
    /// The value and optimal mixed strategies of the zero-sum game with `payoff` (to the row
    /// player).
    ///
    /// - Parameters:
    ///   - payoff: r × c matrix of finite payoffs to the row player, r, c ≥ 1.
    ///   - method: the LP method (`.exact` adds rational value and strategies).
    /// - Throws: `LPError.emptyMatrix`, `.raggedMatrix`, `.nonFiniteMatrixEntry`; solver
    ///   failures; `.unexpectedStatus` or `.inconsistentResult` if the LPs misbehave.
    public static func solveZeroSum(payoff: [[Double]],
                                    method: LPMethod = .dualSimplex) throws(LPError) -> ZeroSumSolution {
        let rowProgram = try rowPlayerProgram(payoff: payoff)
        let columnProgram = try columnPlayerProgram(payoff: payoff)
        let solver = GLPKSolver(method: method)
        let rowSolution = try solver.solve(rowProgram)
        guard rowSolution.status == .optimal else {
            throw .unexpectedStatus(rowSolution.status, context: "row player's program of a matrix game")
        }
        let columnSolution = try solver.solve(columnProgram)
        guard columnSolution.status == .optimal else {
            throw .unexpectedStatus(columnSolution.status, context: "column player's program of a matrix game")
        }
        let r = payoff.count
        let c = payoff[0].count
        guard Tolerance.agree(rowSolution.objective, columnSolution.objective) else {
            throw .inconsistentResult("the row player's value \(rowSolution.objective) differs from the column player's value \(columnSolution.objective)")
        }
        var solution = ZeroSumSolution(
            value: rowSolution.objective,
            rowStrategy: Array(rowSolution.primal[0..<r]),
            columnStrategy: Array(columnSolution.primal[0..<c]),
            method: method)
        guard method == .exact else { return solution }
        guard let rowCertificate = rowSolution.exact, let columnCertificate = columnSolution.exact else {
            solution.exactFailure = rowSolution.exactFailure ?? columnSolution.exactFailure
            return solution
        }
        guard rowCertificate.objective == columnCertificate.objective else {
            solution.exactFailure = "The exact values of the two players' programs differ (\(rowCertificate.objective) and \(columnCertificate.objective))."
            return solution
        }
        solution.exact = ZeroSumSolution.Exact(
            value: rowCertificate.objective,
            rowStrategy: Array(rowCertificate.primal[0..<r]),
            columnStrategy: Array(columnCertificate.primal[0..<c]))
        return solution
    }

    /// The row player's program: variables x₀…x_{r−1} ≥ 0 and the free value v (index r);
    /// maximize v; one row `Σᵢ A[i][j] xᵢ − v ≥ 0` per column j, then `Σᵢ xᵢ = 1`.
    /// - Throws: `LPError.emptyMatrix`, `.raggedMatrix`, `.nonFiniteMatrixEntry`.
    public static func rowPlayerProgram(payoff: [[Double]]) throws(LPError) -> LinearProgram {
        let (r, c) = try shape(of: payoff)
        return playerProgram(strategies: r, opponentActions: c, sense: .maximize,
                             payoff: { i, j in payoff[i][j] }, player: "row", opponent: "column")
    }

    /// The column player's program: variables y₀…y_{c−1} ≥ 0 and the free value w (index c);
    /// minimize w; one row `Σⱼ A[i][j] yⱼ − w ≤ 0` per row i, then `Σⱼ yⱼ = 1`.
    /// - Throws: `LPError.emptyMatrix`, `.raggedMatrix`, `.nonFiniteMatrixEntry`.
    public static func columnPlayerProgram(payoff: [[Double]]) throws(LPError) -> LinearProgram {
        let (r, c) = try shape(of: payoff)
        return playerProgram(strategies: c, opponentActions: r, sense: .minimize,
                             payoff: { j, i in payoff[i][j] }, player: "column", opponent: "row")
    }

    /// One player's program: mixed strategy p over `strategies` and a free value t (last
    /// variable); optimize t subject to `Σₛ payoff(s, k) pₛ − t ≥ 0` (maximizing) or `≤ 0`
    /// (minimizing) for every opponent action k, and `Σₛ pₛ = 1`.
    private static func playerProgram(strategies: Int, opponentActions: Int,
                                      sense: LinearProgram.Sense, payoff: (Int, Int) -> Double,
                                      player: String, opponent: String) -> LinearProgram {
        var program = LinearProgram(sense: sense)
        for s in 0..<strategies { program.addVariable(lower: 0, name: "\(player) strategy \(s)") }
        let value = program.addVariable(lower: -.infinity, name: "value", objective: 1)
        for k in 0..<opponentActions {
            var terms = (0..<strategies).compactMap { s in payoff(s, k) == 0 ? nil : (s, payoff(s, k)) }
            terms.append((value, -1))
            program.addConstraint(terms, sense == .maximize ? .greaterOrEqual(0) : .lessOrEqual(0),
                                  name: "\(opponent) \(k)")
        }
        program.addConstraint((0..<strategies).map { ($0, 1.0) }, .equal(1), name: "probabilities")
        return program
    }

    private static func shape(of payoff: [[Double]]) throws(LPError) -> (Int, Int) {
        let (r, c) = try DenseMatrix.shape(of: payoff)
        guard r > 0, c > 0 else { throw .emptyMatrix }
        return (r, c)
    }
}
