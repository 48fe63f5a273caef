/// Myerson's revenue-optimal mechanism for position auctions: maximize virtual welfare
/// `Σ_i φ̄_i(b_i) π_i` exactly under the user model (ironed virtual values, so ads with
/// `φ̄ ≤ 0` are never shown), and charge threshold payments found by the Eisner–Severance search
/// in virtual-value space (Myerson 1981; Balseiro et al. 2025, arXiv 2506.03309, the
/// revenue-optimal mechanisms; docs/reconstructions.md#myerson-payments).
///
/// Properties: DSIC and IR for any independent values (monotone because it maximizes; payments
/// by the payment identity); optimal expected revenue when bids are truthful and values follow
/// the instance's distributions. Not efficient (worked instances EX2, EX3). Under MNL the optimal virtual
/// welfare acts as an endogenous reserve: shown ads have `φ̄_i ≥ R*` (EX3).
/// - Complexity: one solve for the allocation and about 2·(kinks) + 2 per shown advertiser.
public struct Myerson: PositionAuctionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "myerson", name: "Myerson (optimal revenue)", domain: .positionAuctions,
        summary: "Virtual-welfare-maximizing placement with threshold payments; needs value distributions.",
        isRandomized: false,
        parameters: [ParameterSpec(name: "random_tie_break", kind: .integer,
                                   summary: "1: break ties by a uniformly random priority order (exact average over all orders, n <= 8); 0: by advertiser index.",
                                   defaultValue: 0, minimum: 0, maximum: 1)],
        references: [PositionAuctionPapers.aiContent, PositionAuctionPapers.myerson],
        claims: AuctionAxiomID.truthfulCore(source: "Myerson (1981)")
            + [Claim(AuctionAxiomID.welfareOptimality, .violates, source: "derived: worked instance EX2 (a reserve excludes a bidder)")])

    public var method: WinnerDeterminationMethod
    /// Break ties between equal ironed virtual values by a uniformly random priority order
    /// (the outcome is then the exact average over all n! orders: expected click probabilities
    /// and payments, with the allocation of the identity order). Ties have probability zero
    /// for continuous regular values but not after ironing or with discrete values (worked instance EX8).
    public var randomTieBreak: Bool

    public init(method: WinnerDeterminationMethod = .exact, randomTieBreak: Bool = Myerson.descriptor.defaultFlag("random_tie_break")) {
        self.method = method
        self.randomTieBreak = randomTieBreak
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { randomTieBreak ? ParameterValues(["random_tie_break": 1]) : ParameterValues() }

    public func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        try instance.validate(bids: bids)
        guard randomTieBreak else { return try priorityOutcome(instance, bids: bids) }
        let n = instance.advertiserCount
        guard n <= 8 else {
            throw .unsupported(mechanism: Self.descriptor.id, reason: "random tie-breaking averages over all n! priority orders; n <= 8 (got \(n))")
        }
        let identity = try priorityOutcome(instance, bids: bids)
        var clicks = [Double](repeating: 0, count: n)
        var payments = [Double](repeating: 0, count: n)
        var solves = 0, lpSolves = 0, orders = 0
        var failure: AuctionError?
        let labels: [Int] = (0..<n).map { $0 }
        permutations(labels) { (order: [Int]) in
            // Advertiser order[k] takes label k: lower labels win ties.
            guard failure == nil else { return }
            do {
                let x = try instance.relabeled(order)
                let o = try priorityOutcome(x, bids: order.map { bids[$0] })
                for k in 0..<n { clicks[order[k]] += o.clickProbabilities[k]; payments[order[k]] += o.payments[k] }
                solves += o.solves
                lpSolves += o.lpSolves
                orders += 1
            } catch let e as AuctionError { failure = e } catch { failure = .solver("\(error)") }
        }
        if let failure { throw failure }
        var allocation = identity.allocation
        allocation.clickProbabilities = clicks.map { $0 / Double(orders) }
        return AuctionOutcome(allocation: allocation, payments: payments.map { $0 / Double(orders) }, bids: bids,
                              lpSolves: lpSolves, solves: solves)
    }

    /// The outcome with ties broken by the solver (for sorting: the lower index).
    func priorityOutcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
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
