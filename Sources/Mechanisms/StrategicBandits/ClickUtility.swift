/// The learner's utility in the strategic click-bandit: a known function u(s, μ) of the played
/// arm's click-rate s and post-click mean μ (Kleine Buening, Saha, Dimitrakakis and Xu 2024,
/// "Bandits Meet Mechanism Design to Combat Clickbait", arXiv 2311.15647, §2).
///
/// Any u with a unique maximizer s*(μ) = argmax over s in [0, 1] of u(s, μ) plugs in. The
/// defaults compute the image of a μ-interval under s* and the optimistic value over a
/// confidence box on a grid; conforming types override them with closed forms.
///
/// Assumptions the mechanisms rely on (A1–A3 of the paper, wording reconstructed): u is
/// Lipschitz, s*(μ) is unique and continuous, and u*(μ) = u(s*(μ), μ) is increasing in μ.
public protocol ClickUtility: Sendable {
    /// u(s, μ).
    func value(clickRate s: Double, mean mu: Double) -> Double
    /// The desired click-rate s*(μ), the unique maximizer of u(·, μ) on [0, 1].
    func desiredClickRate(mean mu: Double) -> Double
    /// The smallest and largest s*(μ) for μ in [low, high].
    func desiredClickRateRange(meanLow low: Double, meanHigh high: Double) -> (lower: Double, upper: Double)
    /// max of u(s, μ) over s in [sLow, sHigh] and μ in [muLow, muHigh].
    func optimisticValue(sLow: Double, sHigh: Double, muLow: Double, muHigh: Double) -> Double
    /// A short label (`quadratic(lambda=5)`).
    var label: String { get }
}

extension ClickUtility {
    /// u*(μ) = u(s*(μ), μ).
    public func bestValue(mean mu: Double) -> Double { value(clickRate: desiredClickRate(mean: mu), mean: mu) }

    /// Grid of 41 points plus the endpoints.
    public func desiredClickRateRange(meanLow low: Double, meanHigh high: Double) -> (lower: Double, upper: Double) {
        var lo = Double.infinity, hi = -Double.infinity
        for k in 0...40 {
            let s = desiredClickRate(mean: low + (high - low) * Double(k) / 40)
            lo = min(lo, s); hi = max(hi, s)
        }
        return (lo, hi)
    }

    /// For each μ on a 41-point grid of [muLow, muHigh] (endpoints included), the best s in the
    /// box is s*(μ) clipped to [sLow, sHigh] because u is concave in s.
    public func optimisticValue(sLow: Double, sHigh: Double, muLow: Double, muHigh: Double) -> Double {
        var best = -Double.infinity
        for k in 0...40 {
            let mu = muLow + (muHigh - muLow) * Double(k) / 40
            let s = min(max(desiredClickRate(mean: mu), sLow), sHigh)
            best = max(best, value(clickRate: s, mean: mu))
        }
        return best
    }
}

/// The canonical utility of the paper's simulations, u(s, μ) = s·μ − λ·(s − μ)², λ = 5 by
/// default (λ = 5 is the paper's; the form is reconstructed: docs/reconstructions.md#click-utility).
///
/// Closed forms: s*(μ) = min{1, μ(2λ + 1)/(2λ)} (for λ = 5, min{1, 1.1 μ}); interior
/// u*(μ) = μ²(4λ + 1)/(4λ) (1.05 μ² for λ = 5), boundary u*(μ) = μ − λ(1 − μ)².
///
/// Properties: concave in s, increasing u*; s* is monotone, so the image of [μ̲, μ̄] is
/// [s*(μ̲), s*(μ̄)]. Not jointly concave (∂²u/∂s∂μ = 1 + 2λ), so the optimistic value over a box
/// is found on a grid in μ with s clipped, not at a corner.
public struct QuadraticClickUtility: ClickUtility, Hashable {
    public let lambda: Double

    /// - Throws: `MechanismError.invalidParameter` unless λ > 0 is finite.
    public init(lambda: Double = 5) throws(MechanismError) {
        guard lambda.isFinite, lambda > 0 else {
            throw .invalidParameter(mechanism: "click-bandit", name: "lambda", value: lambda, expected: "a number > 0")
        }
        self.lambda = lambda
    }

    @inline(__always)
    public func value(clickRate s: Double, mean mu: Double) -> Double {
        let d = s - mu
        return s * mu - lambda * d * d
    }

    @inline(__always)
    public func desiredClickRate(mean mu: Double) -> Double {
        min(1, max(0, mu * (2 * lambda + 1) / (2 * lambda)))
    }

    public func desiredClickRateRange(meanLow low: Double, meanHigh high: Double) -> (lower: Double, upper: Double) {
        (desiredClickRate(mean: low), desiredClickRate(mean: high))
    }

    /// The clickbait level of the Oracle equilibrium (Prop. 4.1; the formula derived): the largest s <= 1 with
    /// u(s, μ₁) >= `floor`, s′ = [(2λ+1)μ₁ + sqrt((2λ+1)²μ₁² − 4λ(λμ₁² + floor))]/(2λ), capped at 1.
    public func clickbaitLevel(mean mu: Double, floor: Double) -> Double {
        // λs² − (2λ+1)μ s + λμ² + floor <= 0.
        let b = (2 * lambda + 1) * mu
        let disc = b * b - 4 * lambda * (lambda * mu * mu + floor)
        guard disc >= 0 else { return desiredClickRate(mean: mu) }
        return min(1, (b + disc.squareRoot()) / (2 * lambda))
    }

    public var label: String { "quadratic(lambda=\(formatParameter(lambda)))" }
}
