import Mechanisms

/// A profitable lie of a sender in a model B mechanism: after observing `signal` it reports
/// `report` and gains `gain` in expected utility conditional on its signal.
public struct SenderDeviation: Sendable, Hashable {
    public var sender: Int
    public var signal: Int
    public var report: Int
    public var gain: Double

    public var explanation: String {
        "sender \(sender), observing signal \(signal), reports \(report): gain \(gain)"
    }
}

/// The verdict of `SendersIncentiveChecker`.
public struct SendersIncentiveReport: Sendable {
    /// Every (sender, signal) whose best lie gains more than the tolerance.
    public var violations: [SenderDeviation]
    /// The largest gain over all (sender, signal, report ≠ signal).
    public var worst: SenderDeviation?
    /// Payments below 0: (sender, signal profile, state, payment).
    public var limitedLiability: [(sender: Int, signals: Int, state: Int, payment: Double)]
    /// Payments above the instance's cap, if it has one.
    public var cap: [(sender: Int, signals: Int, state: Int, payment: Double)]
    public var tolerance: Double

    public var isIncentiveCompatible: Bool { violations.isEmpty }
    public var holds: Bool { violations.isEmpty && limitedLiability.isEmpty && cap.isEmpty }
}

/// The incentive checker of model B (Cacciamani et al. 2023b; docs/reconstructions.md#sender-preferences): interim
/// truthful-reporting IC, limited liability and the optional cap, for any mechanism (φ, p).
///
/// ```
/// Uᵢ(sᵢ → rᵢ) = (1 / P(sᵢ)) Σ_θ Σ_{s₋ᵢ} P(θ, (sᵢ, s₋ᵢ)) [ Σ_a φ(a | rᵢ, s₋ᵢ) uᵢ(a, θ) + pᵢ((rᵢ, s₋ᵢ)[, θ]) ]
/// violation ⇔ max_{rᵢ} Uᵢ(sᵢ → rᵢ) − Uᵢ(sᵢ → sᵢ) > tolerance
/// ```
///
/// Properties: exhaustive over senders, signals with P(sᵢ) > 0 and reports.
/// Complexity: O(Σᵢ |Sᵢ|² |S₋ᵢ| |Θ| |A|).
public enum SendersIncentiveChecker {
    public static func check(_ m: ReceiverMechanism, on I: SendersInstance,
                             tolerance: Double = AcquisitionTolerance.incentive) -> SendersIncentiveReport {
        var report = SendersIncentiveReport(violations: [], worst: nil, limitedLiability: [], cap: [], tolerance: tolerance)
        for i in 0..<I.senderCount {
            for s in 0..<I.signals.count {
                for θ in 0..<I.stateCount {
                    let p = m.payment(I, sender: i, signals: s, state: θ)
                    if p < -tolerance { report.limitedLiability.append((i, s, θ, p)) }
                    if let M = I.paymentCap, p > M + tolerance { report.cap.append((i, s, θ, p)) }
                }
            }
            for si in 0..<I.signalCounts[i] {
                var mass = 0.0
                var utility = [Double](repeating: 0, count: I.signalCounts[i])
                for s in 0..<I.signals.count where I.signals.digit(s, i) == si {
                    for θ in 0..<I.stateCount {
                        let w = I.joint(state: θ, signals: s)
                        if w == 0 { continue }
                        mass += w
                        for ri in 0..<I.signalCounts[i] {
                            let reported = I.signals.replacing(s, i, with: ri)
                            var u = m.payment(I, sender: i, signals: reported, state: θ)
                            for a in 0..<I.actionCount { u += m.action(I, a, given: reported) * I.senderUtility[i][a][θ] }
                            utility[ri] += w * u
                        }
                    }
                }
                guard mass > 0 else { continue }
                for ri in 0..<I.signalCounts[i] where ri != si {
                    let d = SenderDeviation(sender: i, signal: si, report: ri, gain: (utility[ri] - utility[si]) / mass)
                    if report.worst == nil || d.gain > report.worst!.gain { report.worst = d }
                }
                if let best = (0..<I.signalCounts[i]).filter({ $0 != si }).max(by: { utility[$0] < utility[$1] }),
                   (utility[best] - utility[si]) / mass > tolerance {
                    report.violations.append(SenderDeviation(sender: i, signal: si, report: best, gain: (utility[best] - utility[si]) / mass))
                }
            }
        }
        return report
    }
}
