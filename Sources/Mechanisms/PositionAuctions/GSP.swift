/// The generalized second-price auction for the separable model: rank by score `α_i b_i`, fill
/// the positions by decreasing β, and charge the advertiser in slot s the next score divided by
/// its own quality per click, `s_(s+1) / α_(s)` (Edelman, Ostrovsky and Schwarz 2007; Varian
/// 2007; the classic baseline of Balseiro et al. 2025, arXiv 2506.03309).
///
/// Properties: not DSIC (worked instance EX1: with v1 = 0.75 bidding 0.5 raises utility from 0.025 to
/// 0.07); IR per click (the next score is at most one's own); with truthful bids it allocates
/// efficiently. `lowestEnvyFreeBids` gives the lowest locally envy-free equilibrium, whose
/// allocation and payments are VCG's.
public struct GSP: PositionAuctionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "gsp", name: "Generalized second price", domain: .positionAuctions,
        summary: "Rank by quality times bid; each slot pays the next score over its own quality per click.",
        isRandomized: false,
        references: [PositionAuctionPapers.eos, PositionAuctionPapers.varian, PositionAuctionPapers.aiContent],
        claims: [
            Claim(AuctionAxiomID.dsic, .violates, source: "derived: worked instance EX1 (v1 = 0.75 gains by bidding 0.5)"),
            Claim(AuctionAxiomID.individualRationality, .satisfies, source: "per-click price = next score / own quality <= own bid"),
            Claim(AuctionAxiomID.noPositiveTransfers, .satisfies, source: "prices are non-negative"),
            Claim(AuctionAxiomID.monotoneClicks, .satisfies, source: "a higher bid never lowers the rank"),
            Claim(AuctionAxiomID.welfareOptimality, .satisfies, source: "ranking by score is efficient at truthful bids (Varian 2007)"),
            Claim(AuctionAxiomID.paymentIdentity, .violates, source: "GSP prices exceed VCG's (worked instance EX1: 0.43 against 0.37)"),
        ])

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        try instance.validate(bids: bids)
        guard case .separable(let alpha, _) = instance.userModel else {
            throw .unsupported(mechanism: Self.descriptor.id, reason: "GSP is defined for the separable user model only (got \(instance.userModel.id))")
        }
        let a = try instance.winnerDetermination(weights: bids, method: .sort)
        let shown = Set(a.placements.map(\.advertiser))
        // The ranking of all advertisers with positive score; the first one not shown sets the
        // last slot's price.
        let ranked = separableRanking(alpha: alpha, bids: bids)
        var payments = [Double](repeating: 0, count: instance.advertiserCount)
        for (rank, i) in ranked.enumerated() where shown.contains(i) {
            let next = rank + 1 < ranked.count ? alpha[ranked[rank + 1]] * bids[ranked[rank + 1]] : 0
            payments[i] = a.clickProbabilities[i] * next / alpha[i]
        }
        return AuctionOutcome(allocation: a, payments: payments, bids: bids, lpSolves: 0, solves: 1)
    }

    /// The lowest locally envy-free equilibrium bids (Edelman, Ostrovsky and Schwarz 2007,
    /// Theorem 2; Varian 2007) for true values `values`: the advertiser ranked s + 1 bids so that
    /// the one ranked s pays its VCG price per click, `b_(s+1) = α_(s) p_s^VCG / α_(s+1)`; the top
    /// advertiser and those ranked below the first loser bid their values. At these bids GSP
    /// reproduces VCG's allocation and payments.
    public static func lowestEnvyFreeBids(_ instance: AuctionInstance, values: [Double]) throws(AuctionError) -> [Double] {
        guard case .separable(let alpha, _) = instance.userModel else {
            throw .unsupported(mechanism: descriptor.id, reason: "the envy-free equilibrium is defined for the separable model")
        }
        let vcg = try VCG().outcome(instance, bids: values)
        let ranked = separableRanking(alpha: alpha, bids: values)
        var bids = values
        for (rank, i) in ranked.enumerated() where rank + 1 < ranked.count && vcg.clickProbabilities[i] > 0 {
            let next = ranked[rank + 1]
            bids[next] = alpha[i] * vcg.perClickPrices[i] / alpha[next]
        }
        return bids
    }
}

/// Advertisers with a positive score `α_i b_i`, by decreasing score, ties to the lower index.
func separableRanking(alpha: [Double], bids: [Double]) -> [Int] {
    let scores: [Double] = zip(alpha, bids).map { $0 * $1 }
    let positive: [Int] = scores.indices.filter { scores[$0] > 0 }
    return positive.sorted { (a: Int, b: Int) -> Bool in scores[a] != scores[b] ? scores[a] > scores[b] : a < b }
}
