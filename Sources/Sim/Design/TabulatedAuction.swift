import Mechanisms
import Solvers

/// A position auction given as a table over a discrete type space: on each bid profile of the
/// supports, the probability x_ij that advertiser i is at position j and each advertiser's
/// expected payment, exact fractions (e.g. the auction `mechsim design` computes).
///
/// Bids outside the supports are refused (`AuctionError.unsupported`); the checkers take its
/// deviations over the supports (`FiniteBidAuction`). The click probability of advertiser i is
/// Σ_j ctr_ij x_ij; `placements` lists the (advertiser, position) pairs with positive
/// probability, by position (one placement per advertiser when the lottery is a 0/1 choice).
public struct TabulatedAuction: FiniteBidAuction {
    public static let descriptor = MechanismDescriptor(
        id: "designed", name: "Designed position auction (a table of allocation lotteries and payments)", domain: .positionAuctions,
        summary: "One allocation lottery and payment vector per value profile of finite supports, e.g. an auction computed by 'mechsim design'.",
        isRandomized: true, references: [], claims: [])

    public var descriptor: MechanismDescriptor { Self.descriptor }

    /// One row of the table.
    public struct Entry: Sendable, Hashable {
        /// Support indices, advertisers in order.
        public var profile: [Int]
        /// allocation[i][j] = x_ij on this profile.
        public var allocation: [[Rational]]
        /// payments[i] = t_i on this profile.
        public var payments: [Rational]
    }

    public let space: AuctionTypeSpace
    public let entries: [Entry]
    private let index: [[Int]: Int]

    public var bidSupports: [[Double]] { space.bids }

    public init(space: AuctionTypeSpace, entries: [Entry]) {
        self.space = space
        self.entries = entries
        var index: [[Int]: Int] = [:]
        for (k, e) in entries.enumerated() { index[e.profile] = k }
        self.index = index
    }

    /// The table entry of a bid profile, or nil when a bid is outside its advertiser's support.
    public func entry(bids: [Double]) -> Entry? {
        guard bids.count == space.advertisers else { return nil }
        var profile: [Int] = []
        for (i, b) in bids.enumerated() {
            guard let a = space.bids[i].firstIndex(of: b) else { return nil }
            profile.append(a)
        }
        return index[profile].map { entries[$0] }
    }

    public func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        guard instance.advertiserCount == space.advertisers, instance.positionCount == space.positions else {
            throw .unsupported(mechanism: label, reason: "the table is for \(space.advertisers) advertisers and \(space.positions) positions")
        }
        guard let e = entry(bids: bids) else {
            throw .unsupported(mechanism: label, reason: "the bids \(bids.map(NumberFormatting.short)) are not a profile of the table's supports \(space.bids.map { $0.map(NumberFormatting.short) })")
        }
        var clicks = [Double](repeating: 0, count: space.advertisers)
        var placements: [Placement] = []
        for i in 0..<space.advertisers {
            // Σ_j ctr_ij x_ij in rational arithmetic, rounded once.
            var pi = Rational.zero
            for j in 0..<space.positions where e.allocation[i][j].signum > 0 {
                do { pi = try pi.adding(try e.allocation[i][j].multiplied(by: space.ctr[i][j])) } catch {
                    throw .unsupported(mechanism: label, reason: "the click probability of advertiser \(i) overflows exact arithmetic")
                }
                placements.append(Placement(advertiser: i, position: j))
            }
            clicks[i] = pi.doubleValue
        }
        placements.sort { ($0.position, $0.advertiser) < ($1.position, $1.advertiser) }
        let value = zip(bids, clicks).reduce(0) { $0 + $1.0 * $1.1 }
        return AuctionOutcome(allocation: AuctionAllocation(placements: placements, clickProbabilities: clicks, value: value),
                              payments: e.payments.map(\.doubleValue), bids: bids, lpSolves: 0, solves: 0)
    }
}
