extension LinearProgram {
    /// The largest row, column or coefficient count a solver accepts: GLPK indexes with C `int`
    /// and reserves element 0 of its 1-based arrays.
    public static let maximumSize = Int(Int32.max) - 1

    /// Checks that a solver can take this program, before any C code sees it.
    ///
    /// Checks, in this order (the first failure is thrown):
    /// 1. at least one variable; `objective.count == variables.count`; sizes within
    ///    `maximumSize`;
    /// 2. each variable in index order: no NaN bound, `lower ≤ upper`, `lower ≠ +∞`,
    ///    `upper ≠ −∞`, finite objective coefficient; then a finite objective constant;
    /// 3. each constraint: `indices.count == coefficients.count`, finite right-hand side(s),
    ///    `low ≤ high` for `.ranged`, every index in `0..<variables.count`, finite coefficients,
    ///    no index twice in the same row.
    ///
    /// - Complexity: O(variables + stored coefficients).
    /// - Throws: the `LPError` case naming the first problem found.
    public func validate() throws(LPError) {
        _ = try validatedIntegerVariableCount()
    }

    /// `validate()`, returning `integerVariableCount` from the same pass over the variables
    /// (solvers need both; one pass keeps small solves cheap).
    func validatedIntegerVariableCount() throws(LPError) -> Int {
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
        // Index loops over the stored arrays (no per-element copies of names), and one stack
        // buffer for the duplicate check: validation is on the hot path of small solves.
        var integerCount = 0
        for j in 0..<n {
            if variables[j].isInteger { integerCount += 1 }
            let lower = variables[j].lower
            let upper = variables[j].upper
            if lower.isNaN || upper.isNaN {
                throw .nanVariableBound(variable: j, name: variables[j].name)
            }
            if lower > upper {
                throw .lowerAboveUpper(variable: j, name: variables[j].name, lower: lower, upper: upper)
            }
            if lower == .infinity || upper == -.infinity {
                throw .unattainableBound(variable: j, name: variables[j].name, lower: lower, upper: upper)
            }
            if !objective[j].isFinite {
                throw .nonFiniteObjective(variable: j, name: variables[j].name, value: objective[j])
            }
        }
        guard objectiveConstant.isFinite else {
            throw .nonFiniteObjectiveConstant(objectiveConstant)
        }
        // lastRowSeen[j] == i marks variable j as already used in row i (duplicate check in
        // one pass, no per-row allocation).
        let failure: LPError? = withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { lastRowSeen in
            assert(lastRowSeen.count == n)
            lastRowSeen.initialize(repeating: -1)
            for i in constraints.indices {
                if let error = Self.check(constraints[i], row: i, variableCount: n, lastRowSeen: lastRowSeen) {
                    return error
                }
            }
            return nil
        }
        if let failure { throw failure }
        return integerCount
    }

    /// The first problem of constraint `i`, or nil.
    private static func check(_ row: Constraint, row i: Int, variableCount n: Int,
                              lastRowSeen: UnsafeMutableBufferPointer<Int>) -> LPError? {
        guard row.indices.count == row.coefficients.count else {
            return .mismatchedTerms(constraint: i, name: row.name, indexCount: row.indices.count,
                                    coefficientCount: row.coefficients.count)
        }
        switch row.bound {
        case .lessOrEqual(let value), .greaterOrEqual(let value), .equal(let value):
            guard value.isFinite else {
                return .nonFiniteRightHandSide(constraint: i, name: row.name, value: value)
            }
        case .ranged(let low, let high):
            guard low.isFinite else {
                return .nonFiniteRightHandSide(constraint: i, name: row.name, value: low)
            }
            guard high.isFinite else {
                return .nonFiniteRightHandSide(constraint: i, name: row.name, value: high)
            }
            guard low <= high else {
                return .emptyRange(constraint: i, name: row.name, low: low, high: high)
            }
        }
        return row.indices.withUnsafeBufferPointer { indices in
            row.coefficients.withUnsafeBufferPointer { coefficients in
                for k in 0..<indices.count {
                    let j = indices[k]
                    guard j >= 0, j < n else {
                        return .variableIndexOutOfRange(constraint: i, name: row.name, index: j,
                                                        variableCount: n)
                    }
                    guard coefficients[k].isFinite else {
                        return .nonFiniteCoefficient(constraint: i, name: row.name, variable: j,
                                                     value: coefficients[k])
                    }
                    guard lastRowSeen[j] != i else {
                        return .duplicateVariable(constraint: i, name: row.name, variable: j)
                    }
                    lastRowSeen[j] = i
                }
                return nil
            }
        }
    }
}
