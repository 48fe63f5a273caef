import Foundation
import Mechanisms

extension OnlineHiring {
    /// What step 2 of explore-then-commit learned: ĉᵢ(bᵢ) with ĉᵢ(0) = 0, and what it cost.
    public struct CostEstimate: Sendable {
        /// ĉᵢ(bᵢ), anchored at ĉᵢ(0) = 0 and clamped at 0.
        public var costs: [[Double]]
        /// Rounds spent on the search.
        public var rounds: Int
        /// Regret of those rounds.
        public var regret: Double
        /// 2^(−steps): the bracket width of κ at the end of each search.
        public var bracket: Double
    }

    /// Step 2 of explore-then-commit (docs/reconstructions.md#explore-then-commit): learns each agent's cost differences by binary search on the scale κ
    /// ∈ [0, 1] of the Assumption-1 rule of effort bᵢ, for bᵢ = 1, 2, …
    ///
    /// ```
    /// query(κ): R rounds of the rule κ·γ^(i, bᵢ); agent i best-responds with the true law and
    ///           costs (dominant strategies) and reports by its best map; the principal sees the
    ///           reports and θ, and detects the effort whose predicted (report, θ) distribution
    ///           under P̂ is closest in L1
    /// search:   bᵢ taken at κ = 1 (Assumption 1), not at κ = 0 (effort 0 is the cheapest);
    ///           halve [lo, hi] `steps` times; then ĉ(bᵢ) − ĉ(e) = hi · (V̂_bᵢ − V̂_e), with e the
    ///           effort detected at lo and V̂ the optimal-reporting values of γ^(i, bᵢ) under P̂
    /// ```
    ///
    /// Assumptions (ours): effort 0 is each agent's cheapest effort (true of every shipped
    /// instance); efforts are told apart by their report distributions (the reviews' ι > 0).
    /// Rounds of the search earn the prior's best action minus the expected payment.
    static func learnCostDifferences(_ I: HiringInstance, estimated P: HiringInstance, rules: [[(rule: [Double], margin: Double)]],
                           steps: Int, roundsPerQuery R: Int, budget: Int, optimum: Double, priorBest: Double,
                           using rng: inout some RandomNumberGenerator) -> CostEstimate {
        let nT = I.stateCount
        var costs = I.agents.map { [Double](repeating: 0, count: $0.efforts) }
        var rounds = 0
        var regret = 0.0
        for i in 0..<I.agentCount {
            let Si = I.agents[i].signals, Bi = I.agents[i].efforts
            var known = [Bool](repeating: false, count: Bi)
            known[0] = true
            for b in 1..<max(Bi, 1) {
                let rule = rules[i][b].rule
                var lo = 0.0, hi = 1.0, below = 0
                for _ in 0..<steps {
                    let kappa = (lo + hi) / 2
                    let scaled = rule.map { $0 * kappa }
                    // The agent's true best response and reporting map.
                    let (effort, map) = bestResponse(I, agent: i, rule: scaled)
                    let r = min(R, budget - rounds)
                    if r <= 0 { break }
                    var empirical = [Double](repeating: 0, count: Si * nT)
                    var payment = 0.0
                    for _ in 0..<r {
                        let θ = draw(I.prior[...], using: &rng)
                        let s = drawSignal(I, agent: i, effort: effort, state: θ, using: &rng)
                        empirical[map[s] * nT + θ] += 1
                        payment += scaled[map[s] * nT + θ]
                    }
                    rounds += r
                    regret += Double(r) * (optimum - priorBest) + payment
                    // Detect the effort from (report, θ) frequencies against P̂'s predictions.
                    var detected = 0, distance = Double.infinity
                    for e in 0..<Bi {
                        let (_, predictedMap) = reportingValue(P, agent: i, effort: e, rule: scaled)
                        var predicted = [Double](repeating: 0, count: Si * nT)
                        for θ in 0..<nT { for s in 0..<Si {
                            predicted[predictedMap[s] * nT + θ] += I.prior[θ] * P.marginal(agent: i, effort: e, state: θ, signal: s)
                        } }
                        var d = 0.0
                        for k in predicted.indices { d += abs(empirical[k] / Double(r) - predicted[k]) }
                        if d < distance { distance = d; detected = e }
                    }
                    if detected == b { hi = kappa } else { lo = kappa; below = detected }
                }
                let gain = reportingValue(P, agent: i, effort: b, rule: rule).value
                    - reportingValue(P, agent: i, effort: below, rule: rule).value
                let anchor = known[below] ? costs[i][below] : 0
                costs[i][b] = max(0, anchor + hi * gain)
                known[b] = true
            }
        }
        return CostEstimate(costs: costs, rounds: rounds, regret: regret, bracket: pow(0.5, Double(steps)))
    }

    /// Σ_{sᵢ} max_{rᵢ} Σ_θ μ(θ) Pᵢ(sᵢ | e, θ) γ(rᵢ, θ) under `law`, and the maximising map.
    static func reportingValue(_ law: HiringInstance, agent i: Int, effort e: Int, rule: [Double]) -> (value: Double, map: [Int]) {
        let Si = law.agents[i].signals, nT = law.stateCount
        var total = 0.0
        var map = [Int](repeating: 0, count: Si)
        for s in 0..<Si {
            var best = -Double.infinity
            for r in 0..<Si {
                var v = 0.0
                for θ in 0..<nT { v += law.prior[θ] * law.marginal(agent: i, effort: e, state: θ, signal: s) * rule[r * nT + θ] }
                if v > best + 1e-15 || (abs(v - best) <= 1e-15 && r == s) { best = v; map[s] = r }
            }
            total += best
        }
        return (total, map)
    }

    /// Agent i's best effort (the cheaper one on ties) and reporting map against `rule`.
    static func bestResponse(_ I: HiringInstance, agent i: Int, rule: [Double]) -> (effort: Int, map: [Int]) {
        var best = (effort: 0, map: [Int](), utility: -Double.infinity)
        for e in 0..<I.agents[i].efforts {
            let (v, map) = reportingValue(I, agent: i, effort: e, rule: rule)
            let u = v - I.agents[i].costs[e]
            if u > best.utility + 1e-12 { best = (e, map, u) }
        }
        return (best.effort, best.map)
    }

    /// Draws agent i's signal at effort e in state θ from the true marginal.
    static func drawSignal(_ I: HiringInstance, agent i: Int, effort e: Int, state θ: Int,
                           using rng: inout some RandomNumberGenerator) -> Int {
        let p = (0..<I.agents[i].signals).map { I.marginal(agent: i, effort: e, state: θ, signal: $0) }
        return draw(p[...], using: &rng)
    }
}
