import Foundation
import Mechanisms
import Solvers

/// The online algorithms of model B (reconstruction: docs/reconstructions.md#sender-online-algorithms), simulated
/// against an unknown law P(θ, s) and unknown sender utilities; the receiver's utility is
/// known. Senders' utilities are observed with additive noise, uniform on [−`noise`, `noise`].
///
/// ```
/// full feedback:  each epoch [2^k, 2^(k+1)) re-solves LP-B on the estimates with every IC row
///                 relaxed by ε_t = (1 + M) sqrt(2(|Θ||S| ln 2 + ln(nT/δ)) / t) and the cap M;
///                 all actions' sender utilities are observed each round
/// bandit (α):     ⌈T^α⌉ rounds of a uniformly random action ignoring the reports (IC, no
///                 payments), observing uᵢ(a_t, θ_t) only; then LP-B on the estimates relaxed by
///                 ε = (1 + M) sqrt(2(|Θ||S| ln 2 + ln(n|A||Θ|T/δ)) |A||Θ| / T^α), played to T
/// regret     R_T = Σ_t (OPT − receiver value of (φ_t, p_t) under truthful reports)
/// violation  V_T = Σ_t max_{i, sᵢ, rᵢ} [gain of sender i from lying]^+
/// ```
///
/// Values and gains per round are exact on the true instance (`ReceiverMechanism.receiverValue`,
/// `SendersIncentiveChecker`); only the observations are random. Re-solving once per doubling
/// epoch (rather than every round) keeps 10^6-round runs cheap and changes the rate only by a
/// constant. This is our reconstruction (docs/reconstructions.md#sender-online-algorithms); the paper's exact ε and constants were not read.
public enum OnlineSenders {
    /// The feedback regime.
    public enum Feedback: Sendable, Hashable {
        case full
        case bandit(alpha: Double)
    }

    public struct Run: Sendable {
        public var horizon: Int
        public var regret: Double
        public var violation: Double
    }

    /// Simulates one run of horizon `T`. `optimum` is the LP-B value of `instance` with its
    /// payment variant and cap `cap`; `radiusScale` multiplies ε (1 = the formulas above).
    public static func run(_ I: SendersInstance, feedback: Feedback, horizon T: Int, optimum: Double,
                           cap: Double = 1, noise: Double = 0.1, confidence: Double = 0.05, radiusScale: Double = 1,
                           using rng: inout some RandomNumberGenerator) throws -> Run {
        let nS = I.signals.count, nT = I.stateCount, nA = I.actionCount, n = I.senderCount
        var jointCounts = [Double](repeating: 0, count: nT * nS)
        var utilitySums = [Double](repeating: 0, count: n * nA * nT)
        var utilityCounts = [Double](repeating: 0, count: n * nA * nT)
        let joint = (0..<(nT * nS)).map { k in I.joint(state: k / nS, signals: k % nS) }

        func observe(actions: [Int], using rng: inout some RandomNumberGenerator) {
            let k = OnlineHiring.draw(joint[...], using: &rng)
            jointCounts[k] += 1
            let θ = k / nS
            for i in 0..<n { for a in actions {
                let u = I.senderUtility[i][a][θ] + noise * (2 * Double(rng.next() >> 11) * 0x1.0p-53 - 1)
                utilitySums[(i * nA + a) * nT + θ] += u
                utilityCounts[(i * nA + a) * nT + θ] += 1
            } }
        }

        /// LP-B on the current estimates, relaxed by ε; nil if nothing has been observed.
        func estimatedMechanism(_ epsilon: Double) throws -> ReceiverMechanism? {
            let total = jointCounts.reduce(0, +)
            guard total > 0 else { return nil }
            var prior = [Double](repeating: 0, count: nT)
            for θ in 0..<nT { for s in 0..<nS { prior[θ] += jointCounts[θ * nS + s] / total } }
            var law: [SendersInstance.LawEntry] = []
            for θ in 0..<nT { for s in 0..<nS {
                let p = prior[θ] > 0 ? jointCounts[θ * nS + s] / (prior[θ] * total) : (s == 0 ? 1 : 0)
                if p > 0 { law.append(.init(state: θ, signals: I.signals.digits(s), probability: p)) }
            } }
            let utilities = (0..<n).map { i in (0..<nA).map { a in (0..<nT).map { θ in
                let c = utilityCounts[(i * nA + a) * nT + θ]
                return c > 0 ? utilitySums[(i * nA + a) * nT + θ] / c : 0
            } } }
            // Renormalise against rounding so the instance validates.
            let sum = prior.reduce(0, +)
            let estimated = try SendersInstance(prior: prior.map { $0 / sum }, signalCounts: I.signalCounts, law: law,
                                                utility: I.utility, senderUtility: utilities, payments: I.payments, paymentCap: cap)
            return try OptimalICMechanism().solve(estimated, relaxation: epsilon).mechanism
        }

        /// Constant best action under the prior, no payments: IC, uses no information.
        func fallback() -> ReceiverMechanism {
            let best = (0..<nA).max { a, c in
                (0..<nT).reduce(0.0) { $0 + I.prior[$1] * I.utility[a][$1] } < (0..<nT).reduce(0.0) { $0 + I.prior[$1] * I.utility[c][$1] }
            }!
            var rule = [Double](repeating: 0, count: nS * nA)
            for s in 0..<nS { rule[s * nA + best] = 1 }
            return ReceiverMechanism(actionRule: rule, payments: [[Double]](repeating: [Double](repeating: 0, count: nS * nT), count: n))
        }

        func cost(_ m: ReceiverMechanism) -> (regret: Double, violation: Double) {
            let gain = SendersIncentiveChecker.check(m, on: I, tolerance: 0).worst?.gain ?? 0
            return (optimum - m.receiverValue(on: I), max(0, gain))
        }

        var regret = 0.0, violation = 0.0
        let logTerm = Double(nT * nS) * log(2.0)
        switch feedback {
        case .full:
            var t = 1
            while t <= T {
                let end = min(T, 2 * t - 1)  // epoch [t, 2t)
                let epsilon = radiusScale * (1 + cap) * (2 * (logTerm + log(Double(n * T) / confidence)) / Double(t)).squareRoot()
                let m = try estimatedMechanism(epsilon) ?? fallback()
                let c = cost(m)
                let rounds = Double(end - t + 1)
                regret += rounds * c.regret
                violation += rounds * c.violation
                for _ in t...end { observe(actions: Array(0..<nA), using: &rng) }
                t = end + 1
            }
        case .bandit(let alpha):
            let explore = min(T, Int(pow(Double(T), alpha).rounded(.up)))
            let uniformValue = (0..<nT).reduce(0.0) { acc, θ in acc + I.prior[θ] * (0..<nA).reduce(0.0) { $0 + I.utility[$1][θ] } / Double(nA) }
            regret += Double(explore) * (optimum - uniformValue)
            for _ in 0..<explore { observe(actions: [Int(rng.next() % UInt64(nA))], using: &rng) }
            if explore < T {
                let epsilon = radiusScale * (1 + cap) * (2 * (logTerm + log(Double(n * nA * nT * T) / confidence)) * Double(nA * nT) / Double(explore)).squareRoot()
                let m = try estimatedMechanism(epsilon) ?? fallback()
                let c = cost(m)
                regret += Double(T - explore) * c.regret
                violation += Double(T - explore) * c.violation
            }
        }
        return Run(horizon: T, regret: regret, violation: violation)
    }
}
