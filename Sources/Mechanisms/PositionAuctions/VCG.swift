/// VCG for position auctions: the exact winner-determination problem on bids under the
/// instance's user model, with Clarke pivot payments `t_i = W*_{−i} − Σ_{k≠i} b_k π_k(x*, σ*)`
/// (Balseiro et al. 2025, arXiv 2506.03309, the efficient mechanism of the separable, MNL and
/// cascade models; docs/reconstructions.md#exact-winner-determination).
///
/// Properties: DSIC, ex-post IR, no positive transfers and efficient whenever the maximizer is
/// exact (Clarke 1971); the payment equals the threshold payment of the payment identity (tested
/// against `thresholdPayment` with the identity score). Under MNL a shown creative pays for the
/// clicks it takes from the others even without competition for positions (worked instance EX3); under the
/// cascade, adding a bidder can lower revenue (EX9).
/// - Complexity: n + 1 winner-determination solves (one per shown advertiser plus one).
public struct VCG: PositionAuctionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "vcg", name: "VCG (exact welfare maximization)", domain: .positionAuctions,
        summary: "Welfare-maximizing placement under the user model, Clarke pivot payments.",
        isRandomized: false,
        references: [PositionAuctionPapers.aiContent, PositionAuctionPapers.clarke],
        claims: AuctionAxiomID.truthfulCore(source: "Clarke (1971)")
            + [Claim(AuctionAxiomID.welfareOptimality, .satisfies, source: "exact winner determination (docs/reconstructions.md#exact-winner-determination)")])

    /// The winner-determination method (`exact`: the model's own exact method).
    public var method: WinnerDeterminationMethod

    public init(method: WinnerDeterminationMethod = .exact) { self.method = method }
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        try instance.validate(bids: bids)
        if method.isApproximate {
            throw .unsupported(mechanism: Self.descriptor.id, reason: "VCG needs an exact maximizer; '\(method.rawValue)' is an approximation")
        }
        let a = try instance.winnerDetermination(weights: bids, method: method)
        var payments = [Double](repeating: 0, count: instance.advertiserCount)
        var solves = 1, lpSolves = a.lpSolves
        for e in a.placements {
            let i = e.advertiser
            let without = try instance.winnerDetermination(weights: bids, method: method, excluding: i)
            solves += 1
            lpSolves += without.lpSolves
            let others = a.value - bids[i] * a.clickProbabilities[i]
            // Exact arithmetic gives a value in [0, b_i π_i]; clamp rounding noise of the solvers.
            payments[i] = Swift.min(Swift.max(without.value - others, 0), bids[i] * a.clickProbabilities[i])
        }
        return AuctionOutcome(allocation: a, payments: payments, bids: bids, lpSolves: lpSolves, solves: solves)
    }
}
