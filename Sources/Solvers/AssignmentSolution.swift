/// An optimal assignment: which column each row gets, and the total cost (or weight).
public struct AssignmentSolution: Sendable, Hashable {
    /// `rowToColumn[i]` is the 0-based column assigned to row i; all distinct.
    public var rowToColumn: [Int]
    /// `Σᵢ cost[i][rowToColumn[i]]`, summed in row order from the input matrix.
    public var total: Double

    public init(rowToColumn: [Int], total: Double) {
        self.rowToColumn = rowToColumn
        self.total = total
    }
}
