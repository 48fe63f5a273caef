/// Creative `advertiser` inserted at position `position` (both 0-based).
public struct Placement: Sendable, Hashable {
    public var advertiser: Int
    public var position: Int

    public init(advertiser: Int, position: Int) {
        self.advertiser = advertiser
        self.position = position
    }
}

/// An allocation: placements in rendering (reading) order, each advertiser's click probability,
/// and the objective `Σ r_i π_i` it was chosen for.
public struct AuctionAllocation: Sendable, Hashable {
    /// Placements in the order the user reads them.
    public var placements: [Placement]
    /// `π_i` for every advertiser (0 when not shown).
    public var clickProbabilities: [Double]
    /// `Σ_i r_i π_i` for the weights the allocation was computed for.
    public var value: Double
    /// LP solves spent on it.
    public var lpSolves: Int

    public init(placements: [Placement], clickProbabilities: [Double], value: Double, lpSolves: Int = 0) {
        self.placements = placements
        self.clickProbabilities = clickProbabilities
        self.value = value
        self.lpSolves = lpSolves
    }

    /// The position of advertiser i, if shown.
    public func position(of i: Int) -> Int? { placements.first { $0.advertiser == i }?.position }
}

/// What a position-auction mechanism returns on one bid profile: the allocation in rendering
/// order, expected click probabilities and expected payments.
public struct AuctionOutcome: Sendable, Hashable {
    public var allocation: AuctionAllocation
    /// Expected payment of every advertiser.
    public var payments: [Double]
    /// The bids the outcome was computed for.
    public var bids: [Double]
    /// LP solves spent on the whole outcome (allocation and payments).
    public var lpSolves: Int
    /// Winner-determination solves spent on the whole outcome.
    public var solves: Int

    public init(allocation: AuctionAllocation, payments: [Double], bids: [Double], lpSolves: Int, solves: Int) {
        self.allocation = allocation
        self.payments = payments
        self.bids = bids
        self.lpSolves = lpSolves
        self.solves = solves
    }

    public var clickProbabilities: [Double] { allocation.clickProbabilities }
    /// `Σ_i b_i π_i`: welfare at the reported values.
    public var welfare: Double { zip(bids, clickProbabilities).reduce(0) { $0 + $1.0 * $1.1 } }
    /// `Σ_i t_i`.
    public var revenue: Double { payments.reduce(0, +) }
    /// `t_i / π_i`, or 0 for advertisers not shown.
    public var perClickPrices: [Double] {
        zip(payments, clickProbabilities).map { $1 > 0 ? $0 / $1 : 0 }
    }
}

extension AuctionInstance {
    /// Click probabilities of every advertiser when `placements` are rendered in this order.
    public func clickProbabilities(_ placements: [Placement]) -> [Double] {
        var pi = [Double](repeating: 0, count: advertiserCount)
        switch userModel {
        case .separable, .independent:
            for e in placements { pi[e.advertiser] = ctr[e.advertiser][e.position] }
        case .mnl:
            var denominator = 1.0
            for e in placements { denominator += weight(e.advertiser, e.position) }
            for e in placements { pi[e.advertiser] = weight(e.advertiser, e.position) / denominator }
        case .cascade:
            var reach = 1.0
            for e in placements {
                pi[e.advertiser] = reach * ctr[e.advertiser][e.position]
                reach *= continuation(e.advertiser, e.position)
            }
        }
        return pi
    }

    /// `Σ_i r_i π_i` for placements in this order.
    public func objective(_ placements: [Placement], weights r: [Double]) -> Double {
        allocation(placements, weights: r).value
    }

    /// The allocation for these placements under weights r.
    func allocation(_ placements: [Placement], weights r: [Double], lpSolves: Int = 0) -> AuctionAllocation {
        let pi = clickProbabilities(placements)
        var total = 0.0
        for e in placements { total += r[e.advertiser] * pi[e.advertiser] }
        return AuctionAllocation(placements: placements, clickProbabilities: pi, value: total, lpSolves: lpSolves)
    }

    /// Whether placements form a feasible allocation: distinct advertisers and positions, at most
    /// `cap` of them, indices in range.
    public func isFeasible(_ placements: [Placement]) -> Bool {
        guard placements.count <= cap else { return false }
        var ads = Set<Int>(), positions = Set<Int>()
        for e in placements {
            guard (0..<advertiserCount).contains(e.advertiser), (0..<positionCount).contains(e.position),
                  ads.insert(e.advertiser).inserted, positions.insert(e.position).inserted else { return false }
        }
        return true
    }
}
