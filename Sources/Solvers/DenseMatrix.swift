/// Shared validation of the dense `[[Double]]` matrices taken by `Assignment` and `MatrixGame`.
enum DenseMatrix {
    /// (rows, columns) of a rectangular matrix with finite entries; (0, 0) when it has no rows.
    /// - Throws: `LPError.raggedMatrix` or `LPError.nonFiniteMatrixEntry` for the first bad row
    ///   or entry, in row-major order.
    static func shape(of matrix: [[Double]]) throws(LPError) -> (rows: Int, columns: Int) {
        guard let first = matrix.first else { return (0, 0) }
        let columns = first.count
        for (i, row) in matrix.enumerated() {
            guard row.count == columns else {
                throw .raggedMatrix(row: i, count: row.count, expected: columns)
            }
            for (j, value) in row.enumerated() where !value.isFinite {
                throw .nonFiniteMatrixEntry(row: i, column: j, value: value)
            }
        }
        return (matrix.count, columns)
    }
}
