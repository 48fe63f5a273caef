/// A correlated mechanism (x, γ, π) of model A (docs/reconstructions.md#hiring-lp): a distribution x over recommended
/// effort profiles, payments γᵢ(b, s, θ) and an action rule π(a | b, s).
///
/// ```
/// principal value = Σ_b x(b) Σ_θ μ(θ) Σ_s P(s | b, θ) [ Σ_a π(a | b, s) u(a, θ) − Σᵢ γᵢ(b, s, θ) ]
/// ```
///
/// Layout: `payments[i][(b · |S| + s) · |Θ| + θ]`, `actionRule[(b · |S| + s) · |A| + a]`, with
/// b and s numbered by the instance's `ProfileIndexer`s.
///
/// What does not hold: nothing here says the mechanism is incentive compatible; the checkers in
/// `Sim` (`HiringIncentiveChecker`) decide that.
public struct CorrelatedMechanism: Sendable, Hashable {
    /// x(b), one per effort profile.
    public var recommendation: [Double]
    /// γᵢ(b, s, θ), one array per agent.
    public var payments: [[Double]]
    /// π(a | b, s).
    public var actionRule: [Double]

    public init(recommendation: [Double], payments: [[Double]], actionRule: [Double]) {
        self.recommendation = recommendation
        self.payments = payments
        self.actionRule = actionRule
    }

    /// The all-zero mechanism of the right shape for `instance`: x, γ and π all 0 (fill it in).
    public init(zeroFor instance: HiringInstance) {
        let cells = instance.efforts.count * instance.signals.count
        recommendation = [Double](repeating: 0, count: instance.efforts.count)
        payments = [[Double]](repeating: [Double](repeating: 0, count: cells * instance.stateCount),
                              count: instance.agentCount)
        actionRule = [Double](repeating: 0, count: cells * instance.actionCount)
    }

    /// Where γᵢ(b, s, θ) is stored in `payments[i]`.
    @inline(__always)
    public static func paymentIndex(_ instance: HiringInstance, efforts b: Int, signals s: Int, state θ: Int) -> Int {
        (b * instance.signals.count + s) * instance.stateCount + θ
    }

    /// Where π(a | b, s) is stored in `actionRule`.
    @inline(__always)
    public static func actionIndex(_ instance: HiringInstance, efforts b: Int, signals s: Int, action a: Int) -> Int {
        (b * instance.signals.count + s) * instance.actionCount + a
    }

    /// γᵢ(b, s, θ).
    @inline(__always)
    public func payment(_ instance: HiringInstance, agent i: Int, efforts b: Int, signals s: Int, state θ: Int) -> Double {
        payments[i][Self.paymentIndex(instance, efforts: b, signals: s, state: θ)]
    }

    /// The principal's expected utility when every agent obeys and reports truthfully.
    public func principalValue(on instance: HiringInstance) -> Double {
        var total = 0.0
        for b in 0..<instance.efforts.count where recommendation[b] > 0 {
            var inner = 0.0
            for θ in 0..<instance.stateCount {
                for s in 0..<instance.signals.count {
                    let w = instance.prior[θ] * instance.probability(s, efforts: b, state: θ)
                    if w == 0 { continue }
                    var u = 0.0
                    for a in 0..<instance.actionCount {
                        u += actionRule[Self.actionIndex(instance, efforts: b, signals: s, action: a)] * instance.utility[a][θ]
                    }
                    for i in 0..<instance.agentCount { u -= payment(instance, agent: i, efforts: b, signals: s, state: θ) }
                    inner += w * u
                }
            }
            total += recommendation[b] * inner
        }
        return total
    }
}
