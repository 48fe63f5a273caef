/// An optimal basic solution recomputed and verified in arbitrary-precision rational arithmetic:
/// what `ExactCertificate.verifyInArbitraryPrecision(_:basis:)` returns when the exact values of
/// a basis may not fit 128-bit fractions.
///
/// ```
/// objective = c₀ + Σ cⱼ primal[j]     (= the dual objective)
/// ```
///
/// Properties: the same conditions as `ExactCertificate` were checked (primal feasibility of
/// every basic variable and row activity, the sign of every nonbasic reduced cost), so the
/// vertex is proven optimal. `narrowed` is the 128-bit certificate whenever every value fits;
/// `narrowedPrimal` only needs the point to fit (the duals may be longer).
///
/// What does not hold: a value that does not fit 128 bits has no `Rational`; callers that need
/// one (to evaluate a mechanism, say) get nil and keep the `BigRational`s or their decimals.
public struct ArbitraryPrecisionCertificate: Sendable, Hashable {
    /// The exact optimal value, constant included.
    public var objective: BigRational
    /// Exact variable values, one per variable.
    public var primal: [BigRational]
    /// Exact dual values λ, one per constraint.
    public var rowDuals: [BigRational]
    /// Exact reduced costs d, one per variable.
    public var reducedCosts: [BigRational]
    /// Whether 128-bit fractions overflowed, so the recomputation ran in arbitrary precision.
    public var usedArbitraryPrecision: Bool

    public init(objective: BigRational, primal: [BigRational], rowDuals: [BigRational],
                reducedCosts: [BigRational], usedArbitraryPrecision: Bool) {
        self.objective = objective
        self.primal = primal
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.usedArbitraryPrecision = usedArbitraryPrecision
    }

    /// The 128-bit form of a certificate, exactly.
    public init(_ certificate: ExactCertificate) {
        func wide(_ values: [Rational]) -> [BigRational] { values.map { BigRational($0) } }
        self.init(objective: BigRational(certificate.objective), primal: wide(certificate.primal),
                  rowDuals: wide(certificate.rowDuals), reducedCosts: wide(certificate.reducedCosts),
                  usedArbitraryPrecision: false)
    }

    /// The certificate in 128-bit fractions, or nil when a value does not fit.
    public var narrowed: ExactCertificate? {
        guard let objective = objective.rational, let primal = narrowedPrimal,
              let rowDuals = Self.narrow(rowDuals), let reducedCosts = Self.narrow(reducedCosts) else { return nil }
        return ExactCertificate(objective: objective, primal: primal, rowDuals: rowDuals, reducedCosts: reducedCosts)
    }

    /// The optimal point in 128-bit fractions, or nil when a variable's value does not fit.
    public var narrowedPrimal: [Rational]? { Self.narrow(primal) }

    /// The first value that does not fit 128-bit fractions, named for a sentence
    /// ("variable 12", "the dual of constraint 3"); nil when all fit.
    public var firstValueBeyond128Bits: String? {
        if objective.rational == nil { return "the objective" }
        if let j = primal.firstIndex(where: { $0.rational == nil }) { return "variable \(j)" }
        if let i = rowDuals.firstIndex(where: { $0.rational == nil }) { return "the dual of constraint \(i)" }
        if let j = reducedCosts.firstIndex(where: { $0.rational == nil }) { return "the reduced cost of variable \(j)" }
        return nil
    }

    private static func narrow(_ values: [BigRational]) -> [Rational]? {
        var result: [Rational] = []
        result.reserveCapacity(values.count)
        for value in values {
            guard let narrow = value.rational else { return nil }
            result.append(narrow)
        }
        return result
    }
}
