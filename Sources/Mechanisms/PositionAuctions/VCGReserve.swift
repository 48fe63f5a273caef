/// Efficient placement among the bids that meet a per-click reserve price, with threshold
/// payments (so a shown advertiser pays at least the reserve per click). For i.i.d. regular values
/// under the separable model, the reserve `φ^{-1}(0)` gives Myerson's optimal auction (Myerson
/// 1981; Edelman and Schwarz 2010); it runs under every user
/// model.
///
/// Properties: DSIC, IR, no positive transfers (threshold payments of an exact maximizer of
/// `Σ r_i π_i` with `r_i = b_i` above the reserve and excluded below). Not efficient when a
/// value below the reserve is excluded.
public struct VCGReserve: PositionAuctionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "vcg-reserve", name: "VCG with a reserve price", domain: .positionAuctions,
        summary: "Welfare-maximizing placement among bids at or above a per-click reserve, threshold payments.",
        isRandomized: false,
        parameters: [ParameterSpec(name: "reserve", kind: .real, summary: "Per-click reserve price.",
                                   defaultValue: 0.5, minimum: 0)],
        references: [PositionAuctionPapers.aiContent, PositionAuctionPapers.myerson],
        claims: AuctionAxiomID.truthfulCore(source: "threshold payments of an exact maximizer (the payment identity)")
            + [Claim(AuctionAxiomID.welfareOptimality, .violates, source: "a bid below the reserve is excluded")])

    public let reserve: Double
    public var method: WinnerDeterminationMethod

    public init(reserve: Double, method: WinnerDeterminationMethod = .exact) throws(MechanismError) {
        guard reserve >= 0, reserve.isFinite else {
            throw .invalidParameter(mechanism: Self.descriptor.id, name: "reserve", value: reserve, expected: "a non-negative number")
        }
        self.reserve = reserve
        self.method = method
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { ParameterValues(["reserve": reserve]) }

    public func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        try instance.validate(bids: bids)
        let score = ReserveScore(reserve: reserve)
        let r = bids.map(score.score)
        let a = try instance.winnerDetermination(weights: r, method: method)
        let p = try instance.thresholdPayments(allocation: a, weights: r, bids: bids, scores: { _ in score }, method: method)
        return AuctionOutcome(allocation: a, payments: p.payments, bids: bids,
                              lpSolves: a.lpSolves + p.lpSolves, solves: 1 + p.solves)
    }
}
