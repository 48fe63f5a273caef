/// The value and optimal mixed strategies of a two-player zero-sum matrix game.
public struct ZeroSumSolution: Sendable {
    /// Exact rational value and strategies (`LPMethod.exact`).
    public struct Exact: Sendable, Hashable {
        /// The exact value of the game for the row player.
        public var value: Rational
        /// An exact optimal mixed strategy of the row player (sums to 1).
        public var rowStrategy: [Rational]
        /// An exact optimal mixed strategy of the column player (sums to 1).
        public var columnStrategy: [Rational]

        public init(value: Rational, rowStrategy: [Rational], columnStrategy: [Rational]) {
            self.value = value
            self.rowStrategy = rowStrategy
            self.columnStrategy = columnStrategy
        }
    }

    /// The value of the game for the row player: max over x of min over columns of xᵀA.
    public var value: Double
    /// An optimal mixed strategy of the row player, one probability per row.
    public var rowStrategy: [Double]
    /// An optimal mixed strategy of the column player, one probability per column.
    public var columnStrategy: [Double]
    /// The LP method used for both players' programs.
    public var method: LPMethod
    /// Exact value and strategies when `method == .exact` and both certificates were built.
    public var exact: Exact?
    /// Why `exact` is nil although `method == .exact`; nil otherwise.
    public var exactFailure: String?

    public init(value: Double, rowStrategy: [Double], columnStrategy: [Double], method: LPMethod,
                exact: Exact? = nil, exactFailure: String? = nil) {
        self.value = value
        self.rowStrategy = rowStrategy
        self.columnStrategy = columnStrategy
        self.method = method
        self.exact = exact
        self.exactFailure = exactFailure
    }
}
