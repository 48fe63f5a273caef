/// The additive surrogate for the cascade model: solve the assignment problem on the additive
/// weights `b_i p_ij` (at most K edges, Hungarian method), then render the matched pairs in the
/// optimal order (decreasing bid for click-once); threshold payments located by bisection
/// (our substitute for the paper's approximation, Balseiro et al. 2025, arXiv 2506.03309;
/// docs/reconstructions.md#cascade-approximations).
///
/// Properties: welfare at least `(1 − p_max)^{K−1}` times the optimum (the optimum's cascade
/// value is at most its additive value, and rendering loses at most a factor `1 − p_max` per
/// earlier ad). Not an exact maximizer: payments only after the monotonicity probe passes,
/// `AuctionError.nonMonotone` with the witness otherwise. **Not monotone**, against our earlier
/// observation (no violation in 600 random probes): raising a bid can win a better position
/// whose assignment moves an earlier-rendered ad to a position where it is clicked more, which
/// lowers the continuation probability (see the claim; ties between optimal matchings are broken
/// canonically so that this is not a tie-breaking artifact).
public struct CascadeSurrogate: PositionAuctionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "cascade-surrogate", name: "Cascade additive surrogate", domain: .positionAuctions,
        summary: "Assignment on additive weights, rendered in the optimal cascade order; threshold payments when monotone.",
        isRandomized: false,
        references: [PositionAuctionPapers.aiContent],
        claims: [Claim(AuctionAxiomID.welfareOptimality, .violates, source: "derived: an approximation with ratio >= (1 - p_max)^(K-1)"),
                 Claim(AuctionAxiomID.monotoneClicks, .violates,
                       source: "found by this project's checker, against our earlier observation (no violation in 600 random probes): advertiser 2's click probability falls from 0.1702 to 0.094 as its bid crosses 0.2445 (AuctionBattery.surrogateNonMonotone)")],
        reconstruction: "The paper's cascade approximation was not retrievable; this surrogate is our substitute (docs/reconstructions.md#cascade-approximations).")

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        try approximateOutcome(instance, bids: bids, method: .cascadeSurrogate, mechanism: Self.descriptor.id)
    }

    public func allocation(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionAllocation {
        try instance.validate(bids: bids)
        return try instance.winnerDetermination(weights: bids, method: .cascadeSurrogate)
    }
}
