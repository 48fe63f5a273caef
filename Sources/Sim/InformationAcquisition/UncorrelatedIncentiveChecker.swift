import Mechanisms

/// The checker of uncorrelated mechanisms in model A
/// (docs/reconstructions.md#uncorrelated-benchmark): per-agent scoring rules γᵢ(ŝᵢ, θ) ∈ [0, M] and a target effort profile.
///
/// ```
/// valueᵢ(bᵢ) = Σ_{sᵢ} max_{rᵢ} Σ_θ μ(θ) Pᵢ(sᵢ | bᵢ, θ) γᵢ(rᵢ, θ) − cᵢ(bᵢ)   (optimal reporting)
/// ```
///
/// Properties: by the marginal condition, agent i's payoff depends only on its own effort and
/// report, so efforts are dominant strategies and no equilibrium selection is needed. The
/// target is implemented iff every target effort is in its agent's best-response set and
/// truthful reporting is optimal at it.
public enum UncorrelatedIncentiveChecker {
    /// One agent's verdict.
    public struct AgentVerdict: Sendable, Hashable {
        public var agent: Int
        /// valueᵢ(bᵢ) for every effort.
        public var values: [Double]
        /// The efforts within `tolerance` of the best value.
        public var bestResponses: [Int]
        /// Whether the target is the only best response.
        public var strict: Bool
        /// How much optimal reporting beats truthful reporting at the target effort.
        public var truthfulnessGap: Double
        /// Whether the target effort is a best response and truth-telling optimal at it.
        public var implementsTarget: Bool
    }

    /// Checks the rules `rules[i]` (γᵢ at `sᵢ · |Θ| + θ`) against the `target` effort profile.
    public static func check(_ rules: [[Double]], target: [Int], on I: HiringInstance,
                             tolerance: Double = AcquisitionTolerance.incentive) -> [AgentVerdict] {
        var out: [AgentVerdict] = []
        for i in 0..<I.agentCount {
            let Si = I.agents[i].signals, nT = I.stateCount
            func value(_ bi: Int, truthful: Bool) -> Double {
                var total = 0.0
                for si in 0..<Si {
                    var best = -Double.infinity
                    for ri in (truthful ? si...si : 0...(Si - 1)) {
                        var v = 0.0
                        for θ in 0..<nT { v += I.prior[θ] * I.marginal(agent: i, effort: bi, state: θ, signal: si) * rules[i][ri * nT + θ] }
                        best = max(best, v)
                    }
                    total += best
                }
                return total - I.agents[i].costs[bi]
            }
            let values = (0..<I.agents[i].efforts).map { value($0, truthful: false) }
            let top = values.max()!
            let best = values.indices.filter { values[$0] >= top - tolerance }
            let gap = values[target[i]] - value(target[i], truthful: true)
            out.append(AgentVerdict(agent: i, values: values, bestResponses: best, strict: best == [target[i]],
                                    truthfulnessGap: gap, implementsTarget: best.contains(target[i]) && gap <= tolerance))
        }
        return out
    }
}
