/// One position-auction instance: n advertisers (one creative each), m insertion positions in an
/// AI-generated answer, a cap K on how many creatives are inserted, the click-through estimate
/// of every (creative, position) pair and the user model that turns a placement into click
/// probabilities (Balseiro et al., *Position Auctions in AI-Generated Content*, arXiv:2506.03309,
/// section 2 of the paper; reconstruction: docs/reconstructions.md#mnl-calibration and
/// #cascade-click-model).
///
/// Properties checked on construction: `ctr` is an n × m matrix of probabilities in [0, 1]
/// (below 1 under MNL, whose attraction weights are `p / (1 − p)`), `cap` is in 0…m, separable
/// qualities and position factors are non-negative and give CTRs in [0, 1], continuation
/// probabilities are in [0, 1], and there is one value distribution per advertiser when any is
/// given.
public struct AuctionInstance: Sendable, Hashable {
    /// How a user reacts to the inserted creatives.
    public enum UserModel: Sendable, Hashable {
        /// Classic ranked slots: `π_i = α_i β_j` (no externalities). Positions are read in the
        /// order of decreasing β.
        case separable(alpha: [Double], beta: [Double])
        /// A general CTR matrix, no externalities: `π_i = p_ij`.
        case independent
        /// Multinomial logit with an outside option of weight 1: `π_i = w_ij / (1 + Σ w)` over the
        /// shown pairs, with `w = p / (1 − p)` so that a lone creative is clicked with probability
        /// `p_ij` (the calibration is our reading of the paper: docs/reconstructions.md#mnl-calibration).
        case mnl
        /// The user reads the filled positions in rendering order, clicks creative i at position
        /// j with probability `p_ij`, and after a creative without a click continues with
        /// probability `c_ij` (`nil`: click-once, `c = 1 − p`; docs/reconstructions.md#cascade-click-model).
        case cascade(continuation: [[Double]]?)

        /// `separable`, `independent`, `mnl` or `cascade`: the id used in files.
        public var id: String {
            switch self {
            case .separable: "separable"
            case .independent: "independent"
            case .mnl: "mnl"
            case .cascade: "cascade"
            }
        }
    }

    /// Click-through estimates, `ctr[i][j]` for creative i standing alone at position j.
    public let ctr: [[Double]]
    public let userModel: UserModel
    /// At most this many creatives are inserted.
    public let cap: Int
    /// Each advertiser's value-per-click distribution (needed by revenue-optimal mechanisms).
    public let values: [ValueDistribution]?

    public var advertiserCount: Int { ctr.count }
    public let positionCount: Int

    /// Validates and builds an instance; errors name the offending key (`ctr[1][2]`).
    public init(ctr: [[Double]], userModel: UserModel, cap: Int,
                values: [ValueDistribution]? = nil) throws(AuctionError) {
        let m = ctr.first?.count ?? 0
        try Self.checkMatrix(ctr, key: "ctr", columns: m)
        for (i, row) in ctr.enumerated() {
            for (j, p) in row.enumerated() where !(p >= 0 && p <= 1) {
                throw .invalidInstance(keyPath: "ctr[\(i)][\(j)]", expected: "a probability in [0, 1]", got: "\(p)")
            }
        }
        switch userModel {
        case .mnl:
            for (i, row) in ctr.enumerated() {
                for (j, p) in row.enumerated() where p >= 1 {
                    throw .invalidInstance(keyPath: "ctr[\(i)][\(j)]",
                                           expected: "a probability below 1 under the MNL model (its weight p/(1-p) must be finite)",
                                           got: "\(p)")
                }
            }
        case .cascade(let continuation?):
            try Self.checkMatrix(continuation, key: "continuation", rows: ctr.count, columns: m)
            for (i, row) in continuation.enumerated() {
                for (j, c) in row.enumerated() where !(c >= 0 && c <= 1) {
                    throw .invalidInstance(keyPath: "continuation[\(i)][\(j)]", expected: "a probability in [0, 1]", got: "\(c)")
                }
            }
        case .separable(let alpha, let beta):
            guard alpha.count == ctr.count else {
                throw .invalidInstance(keyPath: "alpha", expected: "\(ctr.count) qualities, one per advertiser", got: "\(alpha.count)")
            }
            guard beta.count == m else {
                throw .invalidInstance(keyPath: "beta", expected: "\(m) position factors, one per position", got: "\(beta.count)")
            }
        case .independent, .cascade(nil):
            break
        }
        guard cap >= 0 && cap <= m else {
            throw .invalidInstance(keyPath: "cap", expected: "an integer from 0 to the number of positions (\(m))", got: "\(cap)")
        }
        if let values {
            guard values.count == ctr.count else {
                throw .invalidInstance(keyPath: "values", expected: "\(ctr.count) distributions, one per advertiser", got: "\(values.count)")
            }
            for (i, d) in values.enumerated() {
                do { try d.validate() } catch {
                    throw .invalidInstance(keyPath: "values[\(i)].\(error.parameter)", expected: error.expected, got: nil)
                }
            }
        }
        self.ctr = ctr
        self.userModel = userModel
        self.cap = cap
        self.values = values
        self.positionCount = m
    }

    /// The separable instance `p_ij = α_i β_j`.
    public static func separable(alpha: [Double], beta: [Double], cap: Int,
                                 values: [ValueDistribution]? = nil) throws(AuctionError) -> AuctionInstance {
        for (i, a) in alpha.enumerated() where !(a >= 0 && a.isFinite) {
            throw .invalidInstance(keyPath: "alpha[\(i)]", expected: "a non-negative number", got: "\(a)")
        }
        for (j, b) in beta.enumerated() where !(b >= 0 && b.isFinite) {
            throw .invalidInstance(keyPath: "beta[\(j)]", expected: "a non-negative number", got: "\(b)")
        }
        guard !beta.isEmpty else {
            throw .invalidInstance(keyPath: "beta", expected: "at least one position factor", got: "[]")
        }
        let ctr = alpha.map { a in beta.map { a * $0 } }
        for (i, row) in ctr.enumerated() {
            for (j, p) in row.enumerated() where p > 1 {
                throw .invalidInstance(keyPath: "alpha[\(i)]",
                                       expected: "alpha[\(i)] * beta[\(j)] to be a probability in [0, 1]", got: "\(p)")
            }
        }
        return try AuctionInstance(ctr: ctr, userModel: .separable(alpha: alpha, beta: beta), cap: cap, values: values)
    }

    /// The continuation probability after creative i at position j was shown and not clicked.
    @inline(__always)
    public func continuation(_ i: Int, _ j: Int) -> Double {
        if case .cascade(let c?) = userModel { return c[i][j] }
        return 1 - ctr[i][j]
    }

    /// True under the cascade model with the default click-once continuation `1 − p`.
    public var isClickOnceCascade: Bool {
        if case .cascade(nil) = userModel { return true }
        return false
    }

    /// The MNL attraction weight `p / (1 − p)`.
    @inline(__always)
    public func weight(_ i: Int, _ j: Int) -> Double { ctr[i][j] / (1 - ctr[i][j]) }

    /// The instance with advertiser `order[k]` renamed k (rows of every per-advertiser input
    /// permuted).
    public func relabeled(_ order: [Int]) throws(AuctionError) -> AuctionInstance {
        let model: UserModel
        switch userModel {
        case .separable(let alpha, let beta): model = .separable(alpha: order.map { alpha[$0] }, beta: beta)
        case .cascade(let c?): model = .cascade(continuation: order.map { c[$0] })
        default: model = userModel
        }
        return try AuctionInstance(ctr: order.map { ctr[$0] }, userModel: model, cap: cap, values: values.map { v in order.map { v[$0] } })
    }

    /// The same instance with other value distributions.
    public func with(values: [ValueDistribution]?) throws(AuctionError) -> AuctionInstance {
        try AuctionInstance(ctr: ctr, userModel: userModel, cap: cap, values: values)
    }

    private static func checkMatrix(_ a: [[Double]], key: String, rows: Int? = nil, columns: Int) throws(AuctionError) {
        if let rows, a.count != rows {
            throw .invalidInstance(keyPath: key, expected: "\(rows) rows, one per advertiser", got: "\(a.count) rows")
        }
        guard !a.isEmpty else { throw .invalidInstance(keyPath: key, expected: "at least one advertiser row", got: "[]") }
        guard columns > 0 else { throw .invalidInstance(keyPath: "\(key)[0]", expected: "at least one position", got: "[]") }
        for (i, row) in a.enumerated() where row.count != columns {
            throw .invalidInstance(keyPath: "\(key)[\(i)]", expected: "\(columns) entries, like row 0 (the matrix is ragged)",
                                   got: "\(row.count) entries")
        }
    }
}

/// Why a position auction could not be run.
public enum AuctionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A value of the instance is out of range; `keyPath` names it as in the JSON file.
    case invalidInstance(keyPath: String, expected: String, got: String?)
    /// The mechanism does not apply to this instance (e.g. GSP on a non-separable model).
    case unsupported(mechanism: String, reason: String)
    /// The LP layer failed (not "infeasible": that cannot happen here, the empty allocation is
    /// always feasible).
    case solver(String)
    /// An approximate allocation rule is not monotone in a bid, so no payment makes it truthful.
    case nonMonotone(AuctionMonotonicityWitness)

    public var description: String {
        switch self {
        case .invalidInstance(let key, let expected, let got):
            let g = got.map { ", got \($0)" } ?? ""
            return "'\(key)': expected \(expected)\(g)."
        case .unsupported(let m, let reason):
            return "Mechanism '\(m)' cannot run on this instance: \(reason)"
        case .solver(let message):
            return "The LP solver failed: \(message)"
        case .nonMonotone(let w):
            return "Threshold payments refused: \(w)"
        }
    }
}

/// A bid increase that lowers an advertiser's click probability under an allocation rule.
public struct AuctionMonotonicityWitness: Sendable, Hashable, CustomStringConvertible {
    public var advertiser: Int
    public var bids: [Double]
    public var lowerBid: Double
    public var higherBid: Double
    public var clickProbabilityAtLower: Double
    public var clickProbabilityAtHigher: Double

    public init(advertiser: Int, bids: [Double], lowerBid: Double, higherBid: Double,
                clickProbabilityAtLower: Double, clickProbabilityAtHigher: Double) {
        self.advertiser = advertiser
        self.bids = bids
        self.lowerBid = lowerBid
        self.higherBid = higherBid
        self.clickProbabilityAtLower = clickProbabilityAtLower
        self.clickProbabilityAtHigher = clickProbabilityAtHigher
    }

    public var description: String {
        "advertiser \(advertiser)'s click probability falls from \(clickProbabilityAtLower) at bid \(lowerBid) to "
            + "\(clickProbabilityAtHigher) at bid \(higherBid) (other bids \(bids))"
    }
}
