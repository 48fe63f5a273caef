/// A linear (or mixed-integer) program as a plain value: variables with bounds, sparse
/// constraint rows, a dense objective and a sense.
///
/// ```
/// minimize / maximize   c₀ + Σⱼ cⱼ xⱼ
/// subject to            row bound on Σⱼ aᵢⱼ xⱼ        for every constraint i
///                       lⱼ ≤ xⱼ ≤ uⱼ,  xⱼ ∈ ℤ if isInteger   for every variable j
/// ```
///
/// Build it with `addVariable` (which returns the variable's 0-based index) and
/// `addConstraint`, then hand it to a solver (`GLPKSolver`). Names are only used in
/// diagnostics. The model is a `Sendable` value: copy it, store it, solve it on any thread.
///
/// Properties:
/// - Nothing is checked while building; `validate()` checks everything a solver needs
///   (finite numbers, bounds in order, index ranges, no repeated variable in a row), and every
///   solver calls it before touching C, because GLPK aborts the process on bad input.
/// - Infinite variable bounds (`-.infinity`, `.infinity`) mean "no bound". Constraint
///   right-hand sides must be finite: a row without a bound is not a constraint.
///
/// References: V. Chvátal, *Linear Programming* (Freeman, 1983), ch. 1 for the form; the GLPK
/// Reference Manual (version 5.0), §1.1, for the row/column bound types this maps onto.
public struct LinearProgram: Sendable, Hashable {
    /// Minimize or maximize the objective.
    public enum Sense: Sendable, Hashable {
        case minimize, maximize
    }

    /// One decision variable: its bounds, an optional name and whether it must be integral.
    public struct Variable: Sendable, Hashable {
        /// Lower bound; `-Double.infinity` for none.
        public var lower: Double
        /// Upper bound; `Double.infinity` for none.
        public var upper: Double
        /// A name used in error messages only.
        public var name: String?
        /// Whether the variable must take an integer value (solved by `LPMethod.mip`).
        public var isInteger: Bool

        public init(lower: Double = 0, upper: Double = .infinity, name: String? = nil,
                    isInteger: Bool = false) {
            self.lower = lower
            self.upper = upper
            self.name = name
            self.isInteger = isInteger
        }
    }

    /// One constraint row: sparse terms `Σ coefficients[k] · x[indices[k]]` and a bound.
    public struct Constraint: Sendable, Hashable {
        /// The bound on the row activity `r = Σ aⱼ xⱼ`.
        public enum Bound: Sendable, Hashable {
            /// `r ≤ value`
            case lessOrEqual(Double)
            /// `r ≥ value`
            case greaterOrEqual(Double)
            /// `r = value`
            case equal(Double)
            /// `low ≤ r ≤ high`
            case ranged(Double, Double)
        }

        /// Variable indices (0-based), parallel to `coefficients`.
        public var indices: [Int]
        /// Coefficients, parallel to `indices`.
        public var coefficients: [Double]
        /// The bound on the row activity.
        public var bound: Bound
        /// A name used in error messages only.
        public var name: String?

        public init(indices: [Int], coefficients: [Double], bound: Bound, name: String? = nil) {
            self.indices = indices
            self.coefficients = coefficients
            self.bound = bound
            self.name = name
        }

        /// Builds a row from `(variable index, coefficient)` pairs.
        public init(_ terms: [(Int, Double)], _ bound: Bound, name: String? = nil) {
            self.indices = terms.map(\.0)
            self.coefficients = terms.map(\.1)
            self.bound = bound
            self.name = name
        }

        /// The terms as `(variable index, coefficient)` pairs.
        public var terms: [(Int, Double)] { Array(zip(indices, coefficients)) }
    }

    /// Minimize or maximize.
    public var sense: Sense
    /// The variables, in index order.
    public var variables: [Variable] = []
    /// The constraints, in index order.
    public var constraints: [Constraint] = []
    /// The objective coefficients, one per variable (dense).
    public var objective: [Double] = []
    /// The constant term c₀ of the objective.
    public var objectiveConstant: Double = 0

    /// An empty program (no variables, no constraints, zero objective).
    public init(sense: Sense) {
        self.sense = sense
    }

    /// Appends a variable and returns its 0-based index.
    /// - Parameters:
    ///   - lower: lower bound, `-.infinity` for none (default 0).
    ///   - upper: upper bound, `.infinity` for none (default none).
    ///   - name: used in error messages only.
    ///   - isInteger: whether the variable must be integral (needs `LPMethod.mip`).
    ///   - objective: the variable's objective coefficient.
    @discardableResult
    public mutating func addVariable(lower: Double = 0, upper: Double = .infinity,
                                     name: String? = nil, isInteger: Bool = false,
                                     objective: Double = 0) -> Int {
        variables.append(Variable(lower: lower, upper: upper, name: name, isInteger: isInteger))
        self.objective.append(objective)
        return variables.count - 1
    }

    /// Appends a constraint `Σ coefficient · x[index] (bound)` and returns its 0-based index.
    @discardableResult
    public mutating func addConstraint(_ terms: [(Int, Double)], _ bound: Constraint.Bound,
                                       name: String? = nil) -> Int {
        constraints.append(Constraint(terms, bound, name: name))
        return constraints.count - 1
    }

    /// The number of variables marked `isInteger`.
    public var integerVariableCount: Int {
        var count = 0
        for j in variables.indices where variables[j].isInteger { count += 1 }
        return count
    }

    /// The same program with every integrality requirement dropped.
    public var linearRelaxation: LinearProgram {
        var relaxed = self
        for j in relaxed.variables.indices { relaxed.variables[j].isInteger = false }
        return relaxed
    }

    /// The number of stored constraint coefficients (including explicit zeros).
    public var termCount: Int {
        var count = 0
        for i in constraints.indices { count += constraints[i].indices.count }
        return count
    }
}
