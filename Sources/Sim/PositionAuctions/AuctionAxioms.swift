import Mechanisms

/// A violation of an auction property, as data: the instance, the true values, the advertiser,
/// the misreport when there is one, and the two sides of the failed inequality.
public struct AuctionWitness: Sendable, Hashable, CustomStringConvertible {
    public var axiom: String
    public var mechanism: String
    public var instance: AuctionInstance
    /// True values (the truthful bids).
    public var values: [Double]
    public var advertiser: Int
    /// The deviating bid, for DSIC and monotonicity.
    public var misreport: Double?
    /// What the property requires (e.g. the truthful utility) and what was found (e.g. the
    /// utility after the misreport).
    public var required: Double
    public var found: Double
    public var detail: String

    public var description: String {
        let dev = misreport.map { ", report \(NumberFormatting.short($0))" } ?? ""
        return "\(mechanism) violates \(axiom): advertiser \(advertiser), values \(values.map(NumberFormatting.short))\(dev): \(detail)"
    }
}

/// What checking an auction property over a battery of instances concluded.
public enum AuctionVerdict: Sendable, Hashable {
    case violated(AuctionWitness)
    /// No violation on any profile of the battery, at any misreport of its grid; not a proof.
    case noViolationFound(profiles: Int, deviations: Int)
    /// The mechanism could not run on the instance (e.g. Myerson without distributions).
    case inconclusive(reason: String)

    public var id: String {
        switch self {
        case .violated: "violated"
        case .noViolationFound: "no-violation-found"
        case .inconclusive: "inconclusive"
        }
    }

    public var witness: AuctionWitness? {
        if case .violated(let w) = self { return w }
        return nil
    }
}

/// The checkers of the auction properties (standard DSIC, IR and payment-identity definitions; Myerson 1981), exact on each
/// profile: DSIC against a grid of misreports plus every payment threshold ± 1e-6, IR, no
/// positive transfers, monotone click probabilities, welfare optimality against brute force,
/// and payments equal to the payment identity recomputed by bisection on the allocation rule.
/// A mechanism defined only on finite bid supports (`FiniteBidAuction`, e.g. a designed table)
/// is checked against every misreport in the supports instead: its whole type space.
public enum AuctionAxioms {
    /// The ids, in the order `mechsim list axioms` shows them.
    public static let ids = [AuctionAxiomID.dsic, AuctionAxiomID.individualRationality, AuctionAxiomID.noPositiveTransfers,
                             AuctionAxiomID.monotoneClicks, AuctionAxiomID.welfareOptimality, AuctionAxiomID.paymentIdentity]

    /// (id, definition) of each, for `mechsim list axioms`.
    public static let catalogue: [(id: String, definition: String)] = [
        (AuctionAxiomID.dsic, "no advertiser gains from any misreport (grid k/20 of [0, 2 max value], other bids, payment thresholds, each +-1e-6)"),
        (AuctionAxiomID.individualRationality, "v_i pi_i - t_i >= 0 at truthful bids"),
        (AuctionAxiomID.noPositiveTransfers, "t_i >= 0, and t_i = 0 when not shown"),
        (AuctionAxiomID.monotoneClicks, "pi_i non-decreasing in i's own bid (grid of 64 bids on [0, 2 max value], jumps located by bisection)"),
        (AuctionAxiomID.welfareOptimality, "welfare equals the brute-force optimum over all matchings and orders"),
        (AuctionAxiomID.paymentIdentity, "t_i = b_i pi_i(b) - integral_0^b_i pi_i(z) dz, recomputed by bisection on the allocation rule"),
    ]

    /// Relative tolerance: LP-based solvers are trusted to 1e-7, the others to 1e-9.
    static func tolerance(_ x: AuctionInstance, _ scale: Double) -> Double {
        let base: Double = if case .mnl = x.userModel { 1e-7 } else { 1e-9 }
        return base * Swift.max(1, scale)
    }

    /// Checks `axiom` on every (instance, values) pair; the first violation is returned.
    public static func check(_ mechanism: any PositionAuctionMechanism, axiom: String,
                             battery: [(AuctionInstance, [Double])]) -> AuctionVerdict {
        var deviations = 0
        for (x, v) in battery {
            do {
                if let w = try check(mechanism, axiom: axiom, instance: x, values: v, deviations: &deviations) {
                    return .violated(w)
                }
            } catch {
                return .inconclusive(reason: "\(error)")
            }
        }
        return .noViolationFound(profiles: battery.count, deviations: deviations)
    }

    /// Checks `axiom` on every value profile of a mechanism defined on finite bid supports (each
    /// profile's truthful bids, every misreport in the supports): the whole discrete type space.
    public static func check(_ mechanism: any FiniteBidAuction, axiom: String, instance: AuctionInstance) -> AuctionVerdict {
        var profiles: [[Double]] = [[]]
        for s in mechanism.bidSupports { profiles = profiles.flatMap { p in s.map { p + [$0] } } }
        return check(mechanism, axiom: axiom, battery: profiles.map { (instance, $0) })
    }

    /// Checks one profile.
    public static func check(_ m: any PositionAuctionMechanism, axiom: String, instance x: AuctionInstance,
                             values v: [Double], deviations: inout Int) throws(AuctionError) -> AuctionWitness? {
        if axiom == AuctionAxiomID.monotoneClicks { return try monotonicityWitness(m, x, v, &deviations) }
        let truth = try m.outcome(x, bids: v)
        let scale = v.max() ?? 1
        let tol = tolerance(x, scale)
        func witness(_ i: Int, _ z: Double?, required: Double, found: Double, _ detail: String) -> AuctionWitness {
            AuctionWitness(axiom: axiom, mechanism: m.label, instance: x, values: v, advertiser: i, misreport: z,
                           required: required, found: found, detail: detail)
        }
        switch axiom {
        case AuctionAxiomID.dsic:
            for i in 0..<x.advertiserCount {
                let u = v[i] * truth.clickProbabilities[i] - truth.payments[i]
                // A mechanism defined on finite supports deviates over its advertiser's whole
                // support (the discrete type space); any other over the grid and thresholds.
                let deviationBids = (m as? any FiniteBidAuction).map { $0.bidSupports[i].filter { $0 != v[i] } }
                    ?? misreports(x, v, i, truth) + jumpPoints(m, x, v, i)
                for z in deviationBids {
                    var b = v
                    b[i] = z
                    let o = try m.outcome(x, bids: b)
                    deviations += 1
                    let ud = v[i] * o.clickProbabilities[i] - o.payments[i]
                    if ud > u + tol {
                        return witness(i, z, required: u, found: ud,
                                       "utility \(NumberFormatting.short(u)) when truthful, \(NumberFormatting.short(ud)) when bidding \(NumberFormatting.short(z)) (gain \(NumberFormatting.short(ud - u)))")
                    }
                }
            }
        case AuctionAxiomID.individualRationality:
            for i in 0..<x.advertiserCount {
                let u = v[i] * truth.clickProbabilities[i] - truth.payments[i]
                if u < -tol { return witness(i, nil, required: 0, found: u, "utility \(NumberFormatting.short(u)) < 0 at truthful bids") }
            }
        case AuctionAxiomID.noPositiveTransfers:
            for i in 0..<x.advertiserCount {
                let t = truth.payments[i]
                if t < -tol { return witness(i, nil, required: 0, found: t, "payment \(NumberFormatting.short(t)) < 0") }
                if truth.clickProbabilities[i] == 0 && abs(t) > tol {
                    return witness(i, nil, required: 0, found: t, "an advertiser not shown pays \(NumberFormatting.short(t))")
                }
            }
        case AuctionAxiomID.welfareOptimality:
            let best = try x.winnerDetermination(weights: v, method: x.advertiserCount <= 6 && x.positionCount <= 6 ? .bruteForce : .exact)
            if truth.welfare < best.value - tol {
                return witness(-1, nil, required: best.value, found: truth.welfare,
                               "welfare \(NumberFormatting.short(truth.welfare)) below the optimum \(NumberFormatting.short(best.value))")
            }
        case AuctionAxiomID.paymentIdentity:
            for e in truth.allocation.placements {
                let i = e.advertiser
                let identity = try x.scannedThresholdPayment(advertiser: i, bids: v, glitchWidth: tol) { (b: [Double]) throws(AuctionError) in
                    try m.outcome(x, bids: b).allocation
                }
                deviations += identity.solves
                if abs(identity.payment - truth.payments[i]) > Swift.max(tol, 1e-9 * scale) {
                    return witness(i, nil, required: identity.payment, found: truth.payments[i],
                                   "payment \(NumberFormatting.short(truth.payments[i])) but the payment identity gives \(NumberFormatting.short(identity.payment))")
                }
            }
        default:
            throw .unsupported(mechanism: m.label, reason: "unknown auction axiom '\(axiom)'")
        }
        return nil
    }

    /// Monotonicity of the allocation rule (no payments needed): for each advertiser, its click
    /// probability on the grid of misreports, and between grid points by bisection.
    static func monotonicityWitness(_ m: any PositionAuctionMechanism, _ x: AuctionInstance, _ v: [Double],
                                    _ deviations: inout Int) throws(AuctionError) -> AuctionWitness? {
        let scale = v.max() ?? 1
        for i in 0..<x.advertiserCount {
            var b = v
            b[i] = 2 * Swift.max(scale, 1e-9)
            do {
                let scan = try x.scannedThresholdPayment(advertiser: i, bids: b, glitchWidth: tolerance(x, scale)) {
                    (bids: [Double]) throws(AuctionError) in try m.allocation(x, bids: bids)
                }
                deviations += scan.solves
            } catch .nonMonotone(let w) {
                return AuctionWitness(axiom: AuctionAxiomID.monotoneClicks, mechanism: m.label, instance: x, values: v,
                                      advertiser: i, misreport: w.higherBid, required: w.clickProbabilityAtLower,
                                      found: w.clickProbabilityAtHigher,
                                      detail: "click probability \(NumberFormatting.short(w.clickProbabilityAtLower)) at bid \(NumberFormatting.short(w.lowerBid)) but \(NumberFormatting.short(w.clickProbabilityAtHigher)) at the higher bid \(NumberFormatting.short(w.higherBid))")
            }
        }
        return nil
    }

    /// The bids in [0, 2 · max value] where advertiser i's click probability jumps under the
    /// mechanism's own allocation rule (located by bisection), each ± 1e-6: the payment
    /// thresholds. Empty when the rule is not monotone (the monotonicity check reports that).
    static func jumpPoints(_ m: any PositionAuctionMechanism, _ x: AuctionInstance, _ v: [Double], _ i: Int) -> [Double] {
        var b = v
        b[i] = 2 * Swift.max(v.max() ?? 1, 1e-9)
        guard let scan = try? x.scannedThresholdPayment(advertiser: i, bids: b, glitchWidth: tolerance(x, b[i]), allocate: { (bids: [Double]) throws(AuctionError) in
            try m.outcome(x, bids: bids).allocation
        }) else { return [] }
        return scan.steps.dropFirst().flatMap { [$0.bid - 1e-6, $0.bid, $0.bid + 1e-6] }.filter { $0 >= 0 }
    }

    /// Misreports for advertiser i: the grid k/20 of [0, 2 · max value], the other advertisers'
    /// bids and separable score ratios, the per-click prices, and each of these ± 1e-6.
    static func misreports(_ x: AuctionInstance, _ v: [Double], _ i: Int, _ truth: AuctionOutcome) -> [Double] {
        let top = 2 * Swift.max(v.max() ?? 1, 1e-9)
        var points = (0...20).map { top * Double($0) / 20 }
        points += v
        points += truth.perClickPrices
        if case .separable(let alpha, _) = x.userModel, alpha[i] > 0 {
            points += v.indices.map { alpha[$0] * v[$0] / alpha[i] }
        }
        if let values = x.values {
            // Myerson's reserve and the points where i's virtual value meets another's.
            let own = values[i].virtualValuation()
            for k in v.indices { points.append(own.thresholdAbove(values[k].virtualValuation().score(v[k]))) }
            points.append(own.thresholdAbove(0))
        }
        var out = Set<Double>()
        for p in points where p.isFinite {
            for d in [-1e-6, 0, 1e-6] where p + d >= 0 { out.insert(p + d) }
        }
        out.remove(v[i])
        return out.sorted()
    }
}
