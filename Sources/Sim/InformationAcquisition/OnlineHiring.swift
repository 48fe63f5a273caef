import Foundation
import Mechanisms
import Solvers

/// The explore-then-commit algorithm of model A (Cacciamani et al. 2023a, Thm 5.1; reconstruction: docs/reconstructions.md#explore-then-commit) against
/// an unknown signal law, simulated: one run for a horizon T returns the regret against the
/// LP-A optimum.
///
/// ```
/// explore: for every effort profile b, N = ⌈T^(2/3)⌉ rounds of the Assumption-1 scoring rules
///          that make b dominant; truthful reports give samples of (s, θ); P̂ = frequencies
/// commit:  ε = sqrt(ln(2K/δ) / (2N)), K = |B||S||Θ|; solve LP-A on P̂ with every effort IC row
///          tightened by ε·(M|S| + 1); mix the payments with weight λ = min(1, ε/ℓ) into the
///          Assumption-1 rule of the recommended effort (margin ℓ); play it for the other rounds
/// regret:  R_T = Σ_t (OPT − E[principal utility at round t])
/// ```
///
/// Exploration rounds take the best action under the prior (the reports are not used), so
/// their utility is max_a E_μ[u(a, ·)] − the expected payments of the rules. Commit rounds
/// are charged OPT − (true value of the committed mechanism) when the committed mechanism is
/// IC on the true instance (`HiringIncentiveChecker`), and the worst-case loss
/// (max u − min u) + n·M otherwise. Per-round expected utilities are computed exactly; only
/// the samples are random.
///
/// A textbook scheme would tighten every IC row by the constant ε·(M|S| + 1); we use the per-entry robust
/// rows instead, which tighten in proportion to the payments at stake: a constant margin above
/// an effort's cost forces payments to agents told to shirk, so the committed mechanism could
/// never beat the no-information one on A1–A4 before T ≈ 10^8.
/// Cost differences (step 2) are learned by binary search (`learnCostDifferences`, on by default; its
/// rounds count as exploration), and the commit margin grows by the search's precision.
/// Simplifications (our reconstruction of a scheme the reviews only sketch,
/// docs/reconstructions.md#explore-then-commit): the
/// Assumption-1 rules are the cheapest uncorrelated rules with half the widest possible margin,
/// computed from the true instance ("known in advance"), and ℓ is their smallest margin.
public enum OnlineHiring {
    /// One simulated run.
    public struct Run: Sendable {
        public var horizon: Int
        public var explorationRounds: Int
        public var regret: Double
        /// Whether the committed mechanism was IC on the true instance.
        public var committedIC: Bool
        public var committedValue: Double
        public var optimum: Double
    }

    /// The Assumption-1 rules: for agent i and effort bᵢ, an uncorrelated scoring rule
    /// γ(sᵢ, θ) ∈ [0, M] (at `sᵢ · |Θ| + θ`) that makes bᵢ the agent's best response by the
    /// margin ℓᵢ(bᵢ) = half the widest possible margin at the least expected payment (two LPs
    /// on `OptimalUncorrelatedMechanism.program(_:agent:effort:margin:)`), and ℓᵢ(bᵢ).
    /// - Throws: `InformationAcquisitionError` when some effort cannot be made a strict best
    ///   response (Assumption 1 fails); `LPError` when the solver fails.
    public static func incentiveRules(_ I: HiringInstance) throws -> [[(rule: [Double], margin: Double)]] {
        var out: [[(rule: [Double], margin: Double)]] = []
        for i in 0..<I.agentCount {
            let Si = I.agents[i].signals, nT = I.stateCount
            var row: [(rule: [Double], margin: Double)] = []
            for bi in 0..<I.agents[i].efforts {
                var lp = OptimalUncorrelatedMechanism.program(I, agent: i, effort: bi, margin: true)
                let widest = try GLPKSolver().solve(lp)
                let margin = Si * nT
                guard widest.status == .optimal, widest.primal[margin] > 0 else {
                    throw InformationAcquisitionError(keyPath: "agents[\(i)]", expected: "every effort inducible with a positive margin (Assumption 1)",
                                                      found: "no such scoring rule for effort \(bi)")
                }
                // Second stage: the cheapest rule that keeps half the widest margin.
                let target = widest.primal[margin] / 2
                lp.addConstraint([(margin, 1)], .greaterOrEqual(target))
                lp.objective = OptimalUncorrelatedMechanism.program(I, agent: i, effort: bi).objective
                lp.objective.insert(0, at: margin)
                let cheapest = try GLPKSolver().solve(lp)
                guard cheapest.status == .optimal else {
                    throw InformationAcquisitionError(keyPath: "agents[\(i)]", expected: "a cheapest scoring rule for effort \(bi)",
                                                      found: "status \(cheapest.status.rawValue)")
                }
                row.append((Array(cheapest.primal[0..<margin]), target))
            }
            out.append(row)
        }
        return out
    }

    /// Draws an index from the probability vector `p` (sums to one).
    static func draw(_ p: ArraySlice<Double>, using rng: inout some RandomNumberGenerator) -> Int {
        var u = Double(rng.next() >> 11) * 0x1.0p-53
        for k in p.indices {
            u -= p[k]
            if u < 0 { return k - p.startIndex }
        }
        return p.count - 1
    }

    /// Simulates one run of horizon `horizon` on `instance`.
    /// - Parameters:
    ///   - I: the model A instance.
    ///   - T: the horizon.
    ///   - optimum: the LP-A value of `instance` (computed once by the caller).
    ///   - rules: `incentiveRules(instance)` (computed once by the caller).
    ///   - confidence: δ of the confidence radius.
    ///   - radiusScale: multiplies ε (1 = the Hoeffding radius of docs/reconstructions.md#explore-then-commit; smaller values trade the
    ///     high-probability guarantee for a shorter pre-asymptotic phase).
    ///   - learnCosts: run step 2 (`learnCostDifferences`, binary search with ⌈log₂(1/ε)⌉ halvings of
    ///     ⌈N / steps⌉ rounds each) and commit with the estimated costs; false takes the costs as
    ///     known.
    ///   - rng: the run's random number generator.
    public static func run(_ I: HiringInstance, horizon T: Int, optimum: Double,
                           rules: [[(rule: [Double], margin: Double)]], confidence: Double = 0.05, radiusScale: Double = 1,
                           learnCosts: Bool = true, using rng: inout some RandomNumberGenerator) throws -> Run {
        let nB = I.efforts.count, nS = I.signals.count, nT = I.stateCount
        let N = max(1, Int(pow(Double(T), 2.0 / 3.0).rounded(.up)))
        let priorBest = (0..<I.actionCount).map { a in (0..<nT).reduce(0.0) { $0 + I.prior[$1] * I.utility[a][$1] } }.max()!
        let ell = rules.joined().map(\.margin).min() ?? 1
        var regret = 0.0
        var counts = [Double](repeating: 0, count: nB * nT * nS)
        var stateCounts = [Double](repeating: 0, count: nB * nT)
        var played = 0
        for b in 0..<nB where played < T {
            // Expected payments of the exploration rules at b (truthful, dominant efforts).
            var payments = 0.0
            for i in 0..<I.agentCount {
                let bi = I.efforts.digit(b, i)
                for s in 0..<I.agents[i].signals { for θ in 0..<nT {
                    payments += I.prior[θ] * I.marginal(agent: i, effort: bi, state: θ, signal: s) * rules[i][bi].rule[s * nT + θ]
                } }
            }
            let rounds = min(N, T - played)
            regret += Double(rounds) * (optimum - (priorBest - payments))
            played += rounds
            for _ in 0..<rounds {
                let θ = draw(I.prior[...], using: &rng)
                let base = (b * nT + θ) * nS
                let s = draw(I.law[base..<(base + nS)], using: &rng)
                counts[base + s] += 1
                stateCounts[b * nT + θ] += 1
            }
        }
        guard played < T else {
            return Run(horizon: T, explorationRounds: played, regret: regret, committedIC: true, committedValue: priorBest, optimum: optimum)
        }
        var estimate = [Double](repeating: 1.0 / Double(nS), count: nB * nT * nS)
        for b in 0..<nB { for θ in 0..<nT where stateCounts[b * nT + θ] > 0 {
            for s in 0..<nS { estimate[(b * nT + θ) * nS + s] = counts[(b * nT + θ) * nS + s] / stateCounts[b * nT + θ] }
        } }
        var estimated = try HiringInstance(prior: I.prior, agents: I.agents, denseLaw: estimate, utility: I.utility,
                                           paymentCap: I.paymentCap, checkingMarginalCondition: false)
        let K = Double(nB * nS * nT)
        let epsilon = radiusScale * (log(2 * K / confidence) / (2 * Double(N))).squareRoot()
        var margin = 0.0
        if learnCosts {
            // ε is positive; a huge radius scale makes it infinite (or ≥ 1): one halving then.
            let steps = epsilon.isFinite && epsilon < 1 ? max(1, Int(log2(1 / max(epsilon, 1e-12)).rounded(.up))) : 1
            let learned = learnCostDifferences(I, estimated: estimated, rules: rules, steps: steps,
                                     roundsPerQuery: max(1, N / steps), budget: T - played, optimum: optimum,
                                     priorBest: priorBest, using: &rng)
            played += learned.rounds
            regret += learned.regret
            guard played < T else {
                return Run(horizon: T, explorationRounds: played, regret: regret, committedIC: true, committedValue: priorBest, optimum: optimum)
            }
            estimated = try HiringInstance(prior: I.prior, agents: zip(I.agents, learned.costs).map { .init(costs: $1, signals: $0.signals) },
                                           denseLaw: estimate, utility: I.utility, paymentCap: I.paymentCap,
                                           checkingMarginalCondition: false)
            // A cost estimate is hi · (V̂_b − V̂_e): off by the bracket of κ times the gap (≤ M)
            // plus the law's error in V̂ (≤ ε |Sᵢ| M per value, two values).
            let signals = I.agents.map(\.signals).max() ?? 1
            margin += (learned.bracket + 2 * epsilon * Double(signals)) * I.paymentCap
        }
        let program = HiringProgram(estimated, obedienceMargin: margin, lawUncertainty: epsilon)
        let solution = try GLPKSolver().solve(program.program)
        var committed: CorrelatedMechanism
        if solution.status == .optimal {
            committed = program.mechanism(from: solution.primal)
            let lambda = min(1, epsilon / max(ell, 1e-9))
            for b in 0..<nB where committed.recommendation[b] > 0 {
                for i in 0..<I.agentCount {
                    let rule = rules[i][I.efforts.digit(b, i)].rule
                    for s in 0..<nS { for θ in 0..<nT {
                        let k = CorrelatedMechanism.paymentIndex(I, efforts: b, signals: s, state: θ)
                        committed.payments[i][k] = (1 - lambda) * committed.payments[i][k] + lambda * rule[I.signals.digit(s, i) * nT + θ]
                    } }
                }
            }
        } else {
            // Nothing implementable with the margin: keep the cheapest efforts, pay nothing.
            committed = CorrelatedMechanism(zeroFor: I)
            let cheapest = I.efforts.index(I.agents.map { a in a.costs.indices.min { a.costs[$0] < a.costs[$1] }! })
            committed.recommendation[cheapest] = 1
            let best = (0..<I.actionCount).max { a, c in
                (0..<nT).reduce(0.0) { $0 + I.prior[$1] * I.utility[a][$1] } < (0..<nT).reduce(0.0) { $0 + I.prior[$1] * I.utility[c][$1] }
            }!
            for s in 0..<nS { committed.actionRule[CorrelatedMechanism.actionIndex(I, efforts: cheapest, signals: s, action: best)] = 1 }
        }
        let ic = HiringIncentiveChecker.check(committed, on: I).isIncentiveCompatible
        let value = committed.principalValue(on: I)
        let uMax = I.utility.joined().max()!, uMin = I.utility.joined().min()!
        let loss = ic ? optimum - value : (uMax - uMin) + Double(I.agentCount) * I.paymentCap
        regret += Double(T - played) * loss
        return Run(horizon: T, explorationRounds: played, regret: regret, committedIC: ic, committedValue: value, optimum: optimum)
    }
}
