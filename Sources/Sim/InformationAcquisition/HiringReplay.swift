import Mechanisms

/// Monte Carlo replay of a correlated mechanism under obedience and truthful reports: each round draws b ~ x, θ ~ μ, s ~ P(· | b, θ),
/// a ~ π(· | b, s) and records u(a, θ) − Σᵢ γᵢ(b, s, θ).
///
/// Properties: the sample mean estimates `CorrelatedMechanism.principalValue(on:)`; the
/// standard error is reported so a test can use a documented band. Deterministic for a given
/// generator state.
public enum HiringReplay {
    /// Sample mean and standard error of the principal's utility over `rounds` rounds.
    public static func principalUtility(_ m: CorrelatedMechanism, on I: HiringInstance, rounds: Int,
                                        using rng: inout some RandomNumberGenerator) -> (mean: Double, standardError: Double) {
        precondition(rounds >= 2, "HiringReplay needs at least two rounds")
        let nS = I.signals.count, nT = I.stateCount, nA = I.actionCount
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<rounds {
            let b = OnlineHiring.draw(m.recommendation[...], using: &rng)
            let θ = OnlineHiring.draw(I.prior[...], using: &rng)
            let base = (b * nT + θ) * nS
            let s = OnlineHiring.draw(I.law[base..<(base + nS)], using: &rng)
            let ruleBase = (b * nS + s) * nA
            let a = OnlineHiring.draw(m.actionRule[ruleBase..<(ruleBase + nA)], using: &rng)
            var u = I.utility[a][θ]
            for i in 0..<I.agentCount { u -= m.payment(I, agent: i, efforts: b, signals: s, state: θ) }
            sum += u
            sumSquares += u * u
        }
        let n = Double(rounds)
        let mean = sum / n
        let variance = max(0, (sumSquares - n * mean * mean) / (n - 1))
        return (mean, (variance / n).squareRoot())
    }
}
