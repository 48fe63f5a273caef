/// A position-auction mechanism: from an instance and one bid per advertiser (a value per
/// click) to an allocation in rendering order, click probabilities and expected payments.
public protocol PositionAuctionMechanism: Mechanism {
    /// The outcome on `bids`.
    /// - Throws: `AuctionError` for invalid bids, an instance the mechanism does not support
    ///   (GSP needs the separable model, Myerson needs value distributions), a solver failure, or
    ///   (approximate rules) a monotonicity violation that rules out truthful payments.
    func outcome(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome

    /// The allocation rule alone, without payments (what the monotonicity check examines).
    func allocation(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionAllocation
}

extension PositionAuctionMechanism {
    public func allocation(_ instance: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionAllocation {
        try outcome(instance, bids: bids).allocation
    }
}

/// The papers this family follows.
public enum PositionAuctionPapers {
    public static let aiContent = PaperReference(
        authors: ["Santiago R. Balseiro", "Kshipra Bhawalkar", "Yuan Deng", "Zhe Feng", "Jieming Mao",
                  "Aranyak Mehta", "Vahab Mirrokni", "Renato Paes Leme", "Di Wang", "Song Zuo"],
        title: "Position Auctions in AI-Generated Content", year: 2025, arXiv: "2506.03309")
    public static let myerson = PaperReference(
        authors: ["Roger B. Myerson"], title: "Optimal auction design", year: 1981,
        venue: "Mathematics of Operations Research 6(1)")
    public static let eos = PaperReference(
        authors: ["Benjamin Edelman", "Michael Ostrovsky", "Michael Schwarz"],
        title: "Internet advertising and the generalized second-price auction", year: 2007,
        venue: "American Economic Review 97(1)")
    public static let varian = PaperReference(
        authors: ["Hal R. Varian"], title: "Position auctions", year: 2007,
        venue: "International Journal of Industrial Organization 25(6)")
    public static let clarke = PaperReference(
        authors: ["Edward H. Clarke"], title: "Multipart pricing of public goods", year: 1971, venue: "Public Choice 11")
}

/// The outcome properties the axiom checkers of `Sim` know, by id.
public enum AuctionAxiomID {
    public static let dsic = "dsic"
    public static let individualRationality = "individual-rationality"
    public static let noPositiveTransfers = "no-positive-transfers"
    public static let monotoneClicks = "monotone-click-probabilities"
    public static let welfareOptimality = "welfare-optimality"
    public static let paymentIdentity = "payment-identity"

    /// The claims of an exact maximizer with threshold payments: truthful, IR, no positive
    /// transfers, monotone, payments equal to the payment identity.
    static func truthfulCore(source: String) -> [Claim] {
        [dsic, individualRationality, noPositiveTransfers, monotoneClicks, paymentIdentity].map {
            Claim($0, .satisfies, source: source)
        }
    }
}

extension AuctionInstance {
    /// Payments for every shown advertiser from threshold payments under the given scores.
    func thresholdPayments(allocation: AuctionAllocation, weights r: [Double], bids: [Double],
                           scores: (Int) -> any BidScore,
                           method: WinnerDeterminationMethod) throws(AuctionError) -> (payments: [Double], solves: Int, lpSolves: Int) {
        var payments = [Double](repeating: 0, count: advertiserCount)
        var solves = 0, lpSolves = 0
        for e in allocation.placements {
            let i = e.advertiser
            let t = try thresholdPayment(advertiser: i, weights: r, bid: bids[i], score: scores(i), method: method)
            payments[i] = t.payment
            solves += t.solves
            lpSolves += t.lpSolves
        }
        return (payments, solves, lpSolves)
    }
}
