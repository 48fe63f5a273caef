/// Myerson's revenue-optimal mechanism for position auctions: maximize virtual welfare
/// `Σ_i φ̄_i(b_i) π_i` exactly under the user model (ironed virtual values, so ads with
/// `φ̄ ≤ 0` are never shown), and charge threshold payments found by the Eisner–Severance search
/// in virtual-value space (Myerson 1981; Balseiro et al. 2025, arXiv 2506.03309, the
/// revenue-optimal mechanisms; spec position-auctions.md §3).
///
/// Properties: DSIC and IR for any independent values (monotone because it maximizes; payments
/// by the payment identity); optimal expected revenue when bids are truthful and values follow
/// the instance's distributions. Not efficient (spec EX2, EX3). Under MNL the optimal virtual
/// welfare acts as an endogenous reserve: shown ads have `φ̄_i ≥ R*` (EX3).
/// - Complexity: one solve for the allocation and about 2·(kinks) + 2 per shown advertiser.
public struct Myerson: PositionAuctionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "myerson", name: "Myerson (optimal revenue)", domain: .positionAuctions,
        summary: "Virtual-welfare-maximizing placement with threshold payments; needs value distributions.",
        isRandomized: false,
        references: [PositionAuctionPapers.aiContent, PositionAuctionPapers.myerson],
        claims: AuctionAxiomID.truthfulCore(source: "Myerson (1981); spec position-auctions.md §3.2")
            + [Claim(AuctionAxiomID.welfareOptimality, .violates, source: "spec position-auctions.md EX2 (a reserve excludes a bidder)")])

    public var method: WinnerDeterminationMethod

    public init(method: WinnerDeterminationMethod = .exact) { self.method = method }
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        try instance.validate(bids: bids)
        guard let values = instance.values else {
            throw .invalidInstance(keyPath: "values", expected: "one value distribution per advertiser (Myerson needs them)", got: nil)
        }
        if method.isApproximate {
            throw .unsupported(mechanism: Self.descriptor.id, reason: "the threshold search needs an exact maximizer; '\(method.rawValue)' is an approximation")
        }
        let valuations = values.map { $0.virtualValuation() }
        let r = zip(valuations, bids).map { $0.score($1) }
        let a = try instance.winnerDetermination(weights: r, method: method)
        let p = try instance.thresholdPayments(allocation: a, weights: r, bids: bids, scores: { valuations[$0] }, method: method)
        return AuctionOutcome(allocation: a, payments: p.payments, bids: bids,
                              lpSolves: a.lpSolves + p.lpSolves, solves: 1 + p.solves)
    }
}
