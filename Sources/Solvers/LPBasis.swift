/// A simplex basis: the status of every row's auxiliary variable and of every column, as GLPK
/// reports it at the end of a simplex run (`glp_get_row_stat`, `glp_get_col_stat`).
///
/// ```
/// rᵢ = Σⱼ aᵢⱼ xⱼ          (row i's auxiliary variable, bounded by the row's bound)
/// basic:     determined by the nonbasic ones through A
/// nonbasic:  at its lower or upper bound, fixed, or free (value 0)
/// ```
///
/// Properties: a basis of a program with m constraints has exactly m basic variables among the
/// m + n auxiliary and structural ones. `ExactCertificate.verify(_:basis:)` recomputes the basic
/// solution of a basis in rational arithmetic and proves it optimal, or says why not.
///
/// What does not hold: a basis carries no values; it may be singular or infeasible for the
/// program it is paired with, which only the recomputation finds out.
///
/// References: GLPK Reference Manual (version 5.0), §1.1 and `glp_get_row_stat`; V. Chvátal,
/// *Linear Programming* (1983), ch. 8 (the bounded-variable simplex method).
public struct LPBasis: Sendable, Hashable {
    /// Status of one variable in a basis (GLPK's `GLP_BS`, `GLP_NL`, `GLP_NU`, `GLP_NF`, `GLP_NS`).
    public enum Status: Sendable, Hashable {
        case basic, atLower, atUpper, free, fixed, unknown
    }

    /// One status per constraint (its auxiliary variable), in constraint order.
    public var rows: [Status]
    /// One status per variable, in variable order.
    public var columns: [Status]

    public init(rows: [Status], columns: [Status]) {
        self.rows = rows
        self.columns = columns
    }
}
