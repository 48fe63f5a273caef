/// Greedy winner determination for the cascade model: repeatedly add the (advertiser, position)
/// pair with the largest marginal gain in expected welfare, rendering the chosen pairs in the
/// optimal order, while the gain is positive and fewer than K ads are shown; threshold payments
/// located by bisection (our substitute for the paper's cascade approximation, which could not be
/// read, see Balseiro et al. 2025, arXiv 2506.03309; docs/reconstructions.md#cascade-approximations).
///
/// Properties: `S ↦ E[max_{e∈S} b_e X_e]` is monotone submodular and the constraints are two
/// matroids, so greedy is a 1/3-approximation (Fisher, Nemhauser and Wolsey 1978). Not an exact
/// maximizer, so truthfulness needs a monotone allocation: payments are computed only after the
/// monotonicity probe passes for each shown advertiser, and refused (`AuctionError.nonMonotone`,
/// with the witness) otherwise. The rule is **not** monotone (see the claim; our finding, not
/// the paper's), so on some profiles no truthful payment exists and `outcome` throws.
public struct CascadeGreedy: PositionAuctionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "cascade-greedy", name: "Cascade greedy", domain: .positionAuctions,
        summary: "Greedy on marginal welfare under the cascade model; threshold payments when monotone.",
        isRandomized: false,
        references: [PositionAuctionPapers.aiContent],
        claims: [Claim(AuctionAxiomID.welfareOptimality, .violates, source: "derived: an approximation with ratio >= 1/3 (greedy on a submodular function over two matroids)"),
                 Claim(AuctionAxiomID.monotoneClicks, .violates,
                       source: "found by this project's checker: ctr [[0.7, 0.05], [0.5, 0.95], [0.3, 0.35], [0.35, 0.65]], K = 2, bids (z, 0.45, 0.45, 0.65): 0.7 at z = 0.61, 0.245 at z = 0.63")],
        reconstruction: "The paper's cascade approximation was not retrievable; this greedy rule is our substitute (docs/reconstructions.md#cascade-approximations).")

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        try approximateOutcome(instance, bids: bids, method: .cascadeGreedy, mechanism: Self.descriptor.id)
    }

    public func allocation(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionAllocation {
        try instance.validate(bids: bids)
        return try instance.winnerDetermination(weights: bids, method: .cascadeGreedy)
    }
}

/// Allocation by an approximate cascade method on bids, with scanned threshold payments.
func approximateOutcome(_ instance: AuctionInstance, bids: [Double], method: WinnerDeterminationMethod,
                        mechanism: String) throws(AuctionError) -> AuctionOutcome {
    try instance.validate(bids: bids)
    guard case .cascade = instance.userModel else {
        throw .unsupported(mechanism: mechanism, reason: "defined for the cascade user model only (got \(instance.userModel.id))")
    }
    let a = try instance.winnerDetermination(weights: bids, method: method)
    var payments = [Double](repeating: 0, count: instance.advertiserCount)
    var solves = 1
    for e in a.placements {
        let t = try instance.scannedThresholdPayment(advertiser: e.advertiser, bids: bids) { (b: [Double]) throws(AuctionError) in
            try instance.winnerDetermination(weights: b, method: method)
        }
        payments[e.advertiser] = t.payment
        solves += t.solves
    }
    return AuctionOutcome(allocation: a, payments: payments, bids: bids, lpSolves: 0, solves: solves)
}
