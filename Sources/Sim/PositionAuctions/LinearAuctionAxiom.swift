import Mechanisms
import Solvers

/// A discrete type space of a position auction: each advertiser's finite support of values per
/// click (exact fractions), the click-through rates of the placements (no externalities), and
/// the value profiles, each a list of support indices (advertisers in order).
public struct AuctionTypeSpace: Sendable {
    /// The support of each advertiser, as exact fractions (ascending as given).
    public let values: [[Rational]]
    /// The same supports as doubles (the bids of a tabulated mechanism).
    public let bids: [[Double]]
    /// ctr[i][j]: the click probability of advertiser i at position j, exactly.
    public let ctr: [[Rational]]
    /// Every value profile, as support indices, in lexicographic order.
    public let profiles: [[Int]]

    public var advertisers: Int { values.count }
    public var positions: Int { ctr.first?.count ?? 0 }

    /// The type space of `instance`'s discrete values (zero-probability values dropped).
    public init(_ instance: AuctionInstance, supports: [[Double]]) throws(FacilityDesign.DesignError) {
        func exact(_ x: Double, _ what: String) throws(FacilityDesign.DesignError) -> Rational {
            do { return try Rational(roundTripping: x) } catch { throw .invalid("\(what) \(x) is not a fraction within the exact range.") }
        }
        var values: [[Rational]] = []
        for (i, s) in supports.enumerated() {
            var row: [Rational] = []
            for v in s { row.append(try exact(v, "values[\(i)]: the value")) }
            values.append(row)
        }
        var ctr: [[Rational]] = []
        for (i, r) in instance.ctr.enumerated() {
            var row: [Rational] = []
            for p in r { row.append(try exact(p, "the click-through rate of advertiser \(i)")) }
            ctr.append(row)
        }
        var profiles: [[Int]] = [[]]
        for s in supports { profiles = profiles.flatMap { p in s.indices.map { p + [$0] } } }
        self.values = values
        self.bids = supports
        self.ctr = ctr
        self.profiles = profiles
    }

    /// v_i · ctr_ij, exactly: the coefficient of x_ij(profile) in advertiser i's utility when
    /// its value is support value `value`.
    public func clickValue(_ i: Int, value: Int, position j: Int) -> Rational {
        (try? values[i][value].multiplied(by: ctr[i][j])) ?? Rational.zero
    }
}

/// One linear condition on an auction over a discrete type space:
///
/// ```
/// Σ coefficient · variable   (≤ | = | ≥)   bound
/// ```
/// where a variable is x_ij(v) (the probability that advertiser i is at position j on the value
/// profile v) or t_i(v) (advertiser i's expected payment on v); profiles are support indices.
public struct AuctionRow: Sendable, Hashable {
    public enum Variable: Sendable, Hashable {
        case allocation(profile: [Int], advertiser: Int, position: Int)
        case payment(profile: [Int], advertiser: Int)
    }

    public struct Term: Sendable, Hashable {
        public var variable: Variable
        public var coefficient: Rational
        public init(_ variable: Variable, _ coefficient: Rational) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    public var terms: [Term]
    public var relation: LotteryRow.Relation
    public var bound: Rational

    public init(_ terms: [Term], _ relation: LotteryRow.Relation, _ bound: Rational) {
        self.terms = terms
        self.relation = relation
        self.bound = bound
    }

    /// Advertiser i's utility v π_i(profile) − t_i(profile) when its true value is support value
    /// `value`, times `sign`.
    public static func utility(_ i: Int, value: Int, at profile: [Int], in space: AuctionTypeSpace, sign: Rational = .one) -> [Term] {
        (0..<space.positions).map { j in
            Term(.allocation(profile: profile, advertiser: i, position: j), (try? space.clickValue(i, value: value, position: j).multiplied(by: sign)) ?? .zero)
        } + [Term(.payment(profile: profile, advertiser: i), sign.negated)]
    }
}

/// A position-auction axiom that is a set of linear conditions on the allocation lotteries and
/// payments over a discrete type space: the rows beside the checker of the same id
/// (`AuctionAxioms.check`). `AuctionDesign` collects them over every profile and advertiser;
/// axioms without a conformance (welfare optimality, the payment identity, ...) are refused by
/// name.
public protocol LinearAuctionAxiom: Sendable {
    /// The id of the axiom, as `AuctionAxioms.check` knows it.
    var id: String { get }
    /// The rows for advertiser `i` at the value profile `profile` (support indices). Rows that
    /// refer to other profiles (misreports) name them by their support indices.
    func rows(at profile: [Int], advertiser i: Int, in space: AuctionTypeSpace) -> [AuctionRow]
}

/// Dominant-strategy incentive compatibility on the type space: for every misreport w in the
/// support of advertiser i, v_i π_i(v) − t_i(v) ≥ v_i π_i(w, v_−i) − t_i(w, v_−i).
public struct AuctionDSIC: LinearAuctionAxiom {
    public var id: String { AuctionAxiomID.dsic }
    public init() {}
    public func rows(at profile: [Int], advertiser i: Int, in space: AuctionTypeSpace) -> [AuctionRow] {
        space.values[i].indices.compactMap { w in
            guard w != profile[i] else { return nil }
            var q = profile
            q[i] = w
            return AuctionRow(AuctionRow.utility(i, value: profile[i], at: profile, in: space)
                                + AuctionRow.utility(i, value: profile[i], at: q, in: space, sign: Rational(-1)),
                              .greaterOrEqual, .zero)
        }
    }
}

/// Ex-post individual rationality at truthful bids: v_i π_i(v) − t_i(v) ≥ 0.
public struct AuctionIndividualRationality: LinearAuctionAxiom {
    public var id: String { AuctionAxiomID.individualRationality }
    public init() {}
    public func rows(at profile: [Int], advertiser i: Int, in space: AuctionTypeSpace) -> [AuctionRow] {
        [AuctionRow(AuctionRow.utility(i, value: profile[i], at: profile, in: space), .greaterOrEqual, .zero)]
    }
}

extension AuctionAxioms {
    /// The axioms that are linear conditions over a discrete type space, in the order their
    /// rows are laid out on each (profile, advertiser).
    public static let linear: [any LinearAuctionAxiom] = [AuctionIndividualRationality(), AuctionDSIC()]
}

/// A position-auction mechanism defined only on finite bid supports (a tabulated mechanism):
/// the checkers then take its deviations over the supports, the whole discrete type space,
/// rather than over a continuum grid.
public protocol FiniteBidAuction: PositionAuctionMechanism {
    /// Advertiser i's possible bids.
    var bidSupports: [[Double]] { get }
}
