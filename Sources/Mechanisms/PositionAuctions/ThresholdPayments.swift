/// A nondecreasing map from an advertiser's bid to the score its allocation rule maximizes
/// (the bid itself for VCG, the ironed virtual value for Myerson), with the generalized inverses
/// that turn a kink in score space into a threshold bid.
public protocol BidScore: Sendable {
    /// The score of bid z ≥ 0.
    func score(_ z: Double) -> Double
    /// `inf{z ≥ 0 : score(z) > ψ}` (`.infinity` if none).
    func thresholdAbove(_ psi: Double) -> Double
    /// `inf{z ≥ 0 : score(z) ≥ ψ}` (`.infinity` if none).
    func thresholdAtLeast(_ psi: Double) -> Double
}

/// The bid itself: VCG's score.
public struct IdentityScore: BidScore {
    public init() {}
    public func score(_ z: Double) -> Double { z }
    public func thresholdAbove(_ psi: Double) -> Double { Swift.max(psi, 0) }
    public func thresholdAtLeast(_ psi: Double) -> Double { Swift.max(psi, 0) }
}

/// The bid when it meets a per-click reserve, and an excluded score (−1) below it.
public struct ReserveScore: BidScore {
    public var reserve: Double
    public init(reserve: Double) { self.reserve = reserve }
    public func score(_ z: Double) -> Double { z >= reserve ? z : -1 }
    public func thresholdAbove(_ psi: Double) -> Double { psi < -1 ? 0 : Swift.max(psi, reserve) }
    public func thresholdAtLeast(_ psi: Double) -> Double { psi <= -1 ? 0 : Swift.max(psi, reserve) }
}

extension VirtualValuation: BidScore {}

/// Advertiser i's click probability as a step function of its own bid, the others fixed:
/// `level` from `bid` on.
public struct ClickStep: Sendable, Hashable {
    public var bid: Double
    public var level: Double
}

/// An advertiser's threshold payment with the step function it comes from.
public struct ThresholdPayment: Sendable, Hashable {
    /// `t_i = Σ_l (a_l − a_{l−1}) θ_l = b π(b) − ∫_0^b π(z) dz` (the payment identity).
    public var payment: Double
    /// The steps of π_i(z) on [0, b], the first at bid 0.
    public var steps: [ClickStep]
    /// Winner-determination solves spent.
    public var solves: Int
    /// LP solves among them.
    public var lpSolves: Int
}

extension AuctionInstance {
    /// The payment that makes an exact maximizer of `Σ r_k π_k` truthful for advertiser i, where
    /// `r_i = score(z)` for i's bid z and the other weights are fixed (docs/reconstructions.md#myerson-payments).
    ///
    /// `Φ(φ) = max_o [φ π_i(o) + Σ_{k≠i} r_k π_k(o)]` is convex and piecewise linear; its slopes
    /// are i's click probabilities and its kinks the thresholds in score space. The kinks are
    /// found by the Eisner–Severance search: solve at both ends, intersect the two lines, solve at
    /// the intersection, and recurse until every intersection is confirmed as a kink (about two
    /// solves per kink). At a kink ψ the solver's own tie-break decides the level at exactly ψ;
    /// the part of the jump up to that level starts at `thresholdAtLeast(ψ)`, the rest at
    /// `thresholdAbove(ψ)`, so the charge matches the allocation returned at the bid.
    ///
    /// Requires an exact maximizer (`method` not approximate): the search relies on Φ's convexity.
    public func thresholdPayment(advertiser i: Int, weights r: [Double], bid: Double, score: some BidScore,
                                 method: WinnerDeterminationMethod = .exact) throws(AuctionError) -> ThresholdPayment {
        var solves = 0, lpSolves = 0
        var weights = r
        func line(_ phi: Double) throws(AuctionError) -> (slope: Double, intercept: Double) {
            weights[i] = phi
            let a = try winnerDetermination(weights: weights, method: method)
            solves += 1
            lpSolves += a.lpSolves
            let slope = a.clickProbabilities[i]
            return (slope, a.value - phi * slope)
        }
        let lo = score.score(0), hi = score.score(bid)
        let low = try line(lo)
        guard hi > lo else {
            return ThresholdPayment(payment: 0, steps: [ClickStep(bid: 0, level: low.slope)], solves: solves, lpSolves: lpSolves)
        }
        let high = try line(hi)
        let scale = Swift.max(1, r.map(abs).max() ?? 0, abs(hi), abs(lo))
        let tolerance = 1e-11 * scale
        // Kinks: (ψ, level just below, level at ψ, level just above).
        var kinks = [(psi: Double, below: Double, at: Double, above: Double)]()
        var pending = [(low, high)]
        var guardCount = 0
        while let (left, right) = pending.popLast() {
            guardCount += 1
            guard guardCount < 10_000 else { throw .solver("the threshold search did not converge for advertiser \(i)") }
            guard right.slope > left.slope + 1e-12 else { continue }
            var psi = (left.intercept - right.intercept) / (right.slope - left.slope)
            psi = Swift.min(Swift.max(psi, lo), hi)
            let middle = try line(psi)
            let leftValue = left.slope * psi + left.intercept
            if middle.slope * psi + middle.intercept <= leftValue + tolerance
                || middle.slope <= left.slope + 1e-12 || middle.slope >= right.slope - 1e-12 {
                let at = Swift.min(Swift.max(middle.slope, left.slope), right.slope)
                kinks.append((psi, left.slope, at, right.slope))
            } else {
                pending.append((middle, right))
                pending.append((left, middle))
            }
        }
        kinks.sort { $0.psi < $1.psi }
        var payment = 0.0
        var steps = [ClickStep(bid: 0, level: low.slope)]
        for k in kinks {
            let first = Swift.min(score.thresholdAtLeast(k.psi), bid)
            let second = Swift.min(score.thresholdAbove(k.psi), bid)
            if k.at > k.below { payment += (k.at - k.below) * first; steps.append(ClickStep(bid: first, level: k.at)) }
            if k.above > k.at { payment += (k.above - k.at) * second; steps.append(ClickStep(bid: second, level: k.above)) }
        }
        return ThresholdPayment(payment: payment, steps: steps, solves: solves, lpSolves: lpSolves)
    }

    /// Threshold payments for an allocation rule that may not maximize anything (an
    /// approximation): π_i(z) is read on a grid of 64 bids in [0, b] and every jump is located by
    /// bisection to 1e-12 · b. A decrease anywhere is a monotonicity violation: no payment makes
    /// such a rule truthful, and the witness is thrown. Jumps narrower than a grid cell that go up
    /// and back down are not seen (the grid is a probe, not a proof). A decrease right after a
    /// level that held for no more than `glitchWidth` is accepted as a blip (solvers with
    /// tolerances, such as the simplex method, may return a near-optimal vertex right at a tie);
    /// its effect on the payment is at most the jump times that width. Any other decrease is a
    /// violation, located to the bisection width.
    public func scannedThresholdPayment(advertiser i: Int, bids: [Double], glitchWidth: Double = 0,
                                        allocate: ([Double]) throws(AuctionError) -> AuctionAllocation)
        throws(AuctionError) -> ThresholdPayment {
        let bid = bids[i]
        var solves = 0
        var profile = bids
        func level(_ z: Double) throws(AuctionError) -> Double {
            profile[i] = z
            solves += 1
            return try allocate(profile).clickProbabilities[i]
        }
        func violation(_ z1: Double, _ a1: Double, _ z2: Double, _ a2: Double) -> AuctionError {
            .nonMonotone(AuctionMonotonicityWitness(advertiser: i, bids: bids, lowerBid: z1, higherBid: z2,
                                                     clickProbabilityAtLower: a1, clickProbabilityAtHigher: a2))
        }
        let tolerance = 1e-12
        let width = 1e-12 * Swift.max(bid, 1e-300)
        var jumps = [ClickStep]()
        func refine(_ zl: Double, _ al: Double, _ zh: Double, _ ah: Double) throws(AuctionError) {
            if ah < al - tolerance {
                if zh - zl <= glitchWidth { jumps.append(ClickStep(bid: zh, level: ah)); return }
                // Narrow the drop down to the bisection width before reporting it.
                var (l, la, h, ha) = (zl, al, zh, ah)
                while h - l > width {
                    let zm = (l + h) / 2
                    let am = try level(zm)
                    if am < la - tolerance { (h, ha) = (zm, am) } else { (l, la) = (zm, am) }
                }
                // A blip: the higher level held only within `glitchWidth` before the drop.
                let before = Swift.max(zl, l - glitchWidth)
                if glitchWidth > 0, try level(before) <= ha + tolerance {
                    try refine(zl, al, l, la)
                    jumps.append(ClickStep(bid: h, level: ha))
                    try refine(h, ha, zh, ah)
                    return
                }
                throw violation(l, la, h, ha)
            }
            guard ah > al + tolerance else { return }
            if zh - zl <= width { jumps.append(ClickStep(bid: zh, level: ah)); return }
            let zm = (zl + zh) / 2
            let am = try level(zm)
            try refine(zl, al, zm, am)
            try refine(zm, am, zh, ah)
        }
        let grid = 64
        var previous = (z: 0.0, a: try level(0))
        let start = previous.a
        if bid > 0 {
            for k in 1...grid {
                let z = k == grid ? bid : bid * Double(k) / Double(grid)
                let a = try level(z)
                try refine(previous.z, previous.a, z, a)
                previous = (z, a)
            }
        }
        var payment = 0.0
        var last = start
        var steps = [ClickStep(bid: 0, level: start)]
        for j in jumps.sorted(by: { $0.bid < $1.bid }) {
            payment += (j.level - last) * j.bid
            last = j.level
            steps.append(j)
        }
        return ThresholdPayment(payment: payment, steps: steps, solves: solves, lpSolves: 0)
    }

    /// Checks bids: one per advertiser, finite and non-negative.
    public func validate(bids: [Double]) throws(AuctionError) {
        guard bids.count == advertiserCount else {
            throw .invalidInstance(keyPath: "bids", expected: "\(advertiserCount) bids, one per advertiser", got: "\(bids.count)")
        }
        for (i, b) in bids.enumerated() where !(b >= 0 && b.isFinite) {
            throw .invalidInstance(keyPath: "bids[\(i)]", expected: "a finite non-negative bid per click", got: "\(b)")
        }
    }
}
