extension LinearProgram {
    /// The largest row, column or coefficient count a solver accepts: GLPK indexes with C `int`
    /// and reserves element 0 of its 1-based arrays.
    public static let maximumSize = Int(Int32.max) - 1

    /// Checks that a solver can take this program, before any C code sees it.
    ///
    /// Checks, in this order (the first failure is thrown):
    /// 1. at least one variable; `objective.count == variables.count`; sizes within
    ///    `maximumSize`;
    /// 2. each variable: no NaN bound, `lower ≤ upper`, `lower ≠ +∞`, `upper ≠ −∞`;
    /// 3. each objective coefficient and the constant: finite;
    /// 4. each constraint: `indices.count == coefficients.count`, finite right-hand side(s),
    ///    `low ≤ high` for `.ranged`, every index in `0..<variables.count`, finite coefficients,
    ///    no index twice in the same row.
    ///
    /// - Complexity: O(variables + stored coefficients).
    /// - Throws: the `LPError` case naming the first problem found.
    public func validate() throws(LPError) {
        let n = variables.count
        guard n > 0 else { throw .emptyModel }
        guard objective.count == n else {
            throw .objectiveLengthMismatch(objectiveCount: objective.count, variableCount: n)
        }
        let nonzeros = termCount
        guard n <= Self.maximumSize, constraints.count <= Self.maximumSize,
              nonzeros <= Self.maximumSize else {
            throw .modelTooLarge(variables: n, constraints: constraints.count, coefficients: nonzeros)
        }
        for (j, variable) in variables.enumerated() {
            if variable.lower.isNaN || variable.upper.isNaN {
                throw .nanVariableBound(variable: j, name: variable.name)
            }
            if variable.lower > variable.upper {
                throw .lowerAboveUpper(variable: j, name: variable.name,
                                       lower: variable.lower, upper: variable.upper)
            }
            if variable.lower == .infinity || variable.upper == -.infinity {
                throw .unattainableBound(variable: j, name: variable.name,
                                         lower: variable.lower, upper: variable.upper)
            }
        }
        for (j, coefficient) in objective.enumerated() where !coefficient.isFinite {
            throw .nonFiniteObjective(variable: j, name: variables[j].name, value: coefficient)
        }
        guard objectiveConstant.isFinite else {
            throw .nonFiniteObjectiveConstant(objectiveConstant)
        }
        // lastRowSeen[j] == i marks variable j as already used in row i (duplicate check in
        // one pass, no per-row allocation).
        var lastRowSeen = [Int](repeating: -1, count: n)
        for (i, row) in constraints.enumerated() {
            guard row.indices.count == row.coefficients.count else {
                throw .mismatchedTerms(constraint: i, name: row.name,
                                       indexCount: row.indices.count,
                                       coefficientCount: row.coefficients.count)
            }
            switch row.bound {
            case .lessOrEqual(let value), .greaterOrEqual(let value), .equal(let value):
                guard value.isFinite else {
                    throw .nonFiniteRightHandSide(constraint: i, name: row.name, value: value)
                }
            case .ranged(let low, let high):
                guard low.isFinite else {
                    throw .nonFiniteRightHandSide(constraint: i, name: row.name, value: low)
                }
                guard high.isFinite else {
                    throw .nonFiniteRightHandSide(constraint: i, name: row.name, value: high)
                }
                guard low <= high else {
                    throw .emptyRange(constraint: i, name: row.name, low: low, high: high)
                }
            }
            for k in row.indices.indices {
                let j = row.indices[k]
                guard j >= 0, j < n else {
                    throw .variableIndexOutOfRange(constraint: i, name: row.name, index: j,
                                                   variableCount: n)
                }
                let coefficient = row.coefficients[k]
                guard coefficient.isFinite else {
                    throw .nonFiniteCoefficient(constraint: i, name: row.name, variable: j,
                                                value: coefficient)
                }
                guard lastRowSeen[j] != i else {
                    throw .duplicateVariable(constraint: i, name: row.name, variable: j)
                }
                lastRowSeen[j] = i
            }
        }
    }
}
