import Mechanisms

/// One profitable (or the most profitable) deviation of an agent in a correlated mechanism:
/// told to take `recommended`, the agent takes `effort` and reports `reportingMap[sᵢ]` after
/// observing sᵢ, and gains `gain` over obeying and reporting truthfully, in expected utility
/// conditional on its recommendation.
public struct HiringDeviation: Sendable, Hashable {
    public var agent: Int
    public var recommended: Int
    public var effort: Int
    /// rᵢ(sᵢ) for every signal sᵢ.
    public var reportingMap: [Int]
    /// D − U: the deviation's expected utility minus the obedient one.
    public var gain: Double

    public init(agent: Int, recommended: Int, effort: Int, reportingMap: [Int], gain: Double) {
        self.agent = agent
        self.recommended = recommended
        self.effort = effort
        self.reportingMap = reportingMap
        self.gain = gain
    }

    /// Whether the deviation keeps the recommended effort and only misreports.
    public var isReportingOnly: Bool { effort == recommended }

    /// One sentence, for reports.
    public var explanation: String {
        let map = reportingMap.enumerated().map { "\($0.offset)→\($0.element)" }.joined(separator: ", ")
        return "agent \(agent), recommended effort \(recommended), takes effort \(effort) and reports [\(map)]: gain \(gain)"
    }
}

/// A payment outside [0, M] on a recommended profile.
public struct PaymentViolation: Sendable, Hashable {
    public var agent: Int
    public var efforts: Int
    public var signals: Int
    public var state: Int
    public var payment: Double
}

/// An agent whose obedient expected utility, given its recommendation, is negative.
public struct ParticipationViolation: Sendable, Hashable {
    public var agent: Int
    public var recommended: Int
    public var utility: Double
}

/// The verdict of `HiringIncentiveChecker` on one mechanism.
public struct HiringIncentiveReport: Sendable {
    /// Every (agent, recommendation, effort) whose best deviation gains more than the tolerance,
    /// with the best reporting map for that effort.
    public var violations: [HiringDeviation]
    /// The largest gain over all (agent, recommendation, effort), profitable or not.
    public var worst: HiringDeviation?
    /// IR: negative obedient utilities (beyond the tolerance).
    public var participation: [ParticipationViolation]
    /// Limited liability: payments below 0.
    public var limitedLiability: [PaymentViolation]
    /// Payments above the cap M.
    public var cap: [PaymentViolation]
    /// The tolerance used.
    public var tolerance: Double

    /// Truthful reporting and obedience hold.
    public var isIncentiveCompatible: Bool { violations.isEmpty }
    /// Every property holds.
    public var holds: Bool { violations.isEmpty && participation.isEmpty && limitedLiability.isEmpty && cap.isEmpty }
}

/// The incentive checkers of model A (Cacciamani et al. 2023a; docs/reconstructions.md#hiring-lp), for any
/// correlated mechanism (x, γ, π): truthful reporting, obedience against every effort
/// deviation combined with every reporting map, individual rationality, limited liability and
/// the payment cap, each violation returned as data.
///
/// ```
/// w(b₋ᵢ)      = x(bᵢ, b₋ᵢ) / Xᵢ(bᵢ)
/// Uᵢ(bᵢ)      = Σ_{b₋ᵢ} w Σ_θ μ(θ) Σ_s P(s | b, θ) γᵢ(b, s, θ) − cᵢ(bᵢ)
/// Dᵢ(bᵢ, bᵢ') = Σ_{sᵢ} max_{rᵢ} Σ_{b₋ᵢ} w Σ_θ μ(θ) Σ_{s₋ᵢ} P((sᵢ, s₋ᵢ) | (bᵢ', b₋ᵢ), θ) γᵢ(b, (rᵢ, s₋ᵢ), θ) − cᵢ(bᵢ')
/// violation   ⇔ Dᵢ(bᵢ, bᵢ') − Uᵢ(bᵢ) > tolerance
/// ```
///
/// Properties: exhaustive, not sampled: every agent, recommendation with Xᵢ(bᵢ) > 0 and effort
/// is checked, and the per-signal maximum is exact over all reporting strategies (randomised
/// ones included, the objective being linear in them). `deterministicDeviations` enumerates all
/// |Sᵢ|^|Sᵢ| maps explicitly, as an independent cross-check.
///
/// What does not hold: obedience is certified as *an* equilibrium, not the only one (the equilibrium-selection caveat of Cacciamani et al. 2023a, abstract).
/// Floating point: gains up to `tolerance` are ignored.
///
/// Complexity: O(Σᵢ |Bᵢ|² |Sᵢ|² |B₋ᵢ| |S₋ᵢ| |Θ|).
public enum HiringIncentiveChecker {
    /// Checks `mechanism` on `instance`.
    public static func check(_ mechanism: CorrelatedMechanism, on instance: HiringInstance,
                             tolerance: Double = AcquisitionTolerance.incentive) -> HiringIncentiveReport {
        let I = instance
        var report = HiringIncentiveReport(violations: [], worst: nil, participation: [], limitedLiability: [], cap: [],
                                           tolerance: tolerance)
        for b in 0..<I.efforts.count where mechanism.recommendation[b] > 0 {
            for i in 0..<I.agentCount {
                for s in 0..<I.signals.count {
                    for θ in 0..<I.stateCount {
                        let g = mechanism.payment(I, agent: i, efforts: b, signals: s, state: θ)
                        if g < -tolerance { report.limitedLiability.append(.init(agent: i, efforts: b, signals: s, state: θ, payment: g)) }
                        if g > I.paymentCap + tolerance { report.cap.append(.init(agent: i, efforts: b, signals: s, state: θ, payment: g)) }
                    }
                }
            }
        }
        for i in 0..<I.agentCount {
            for bi in 0..<I.agents[i].efforts {
                guard let U = obedientUtility(mechanism, I, agent: i, recommended: bi) else { continue }
                if U < -tolerance { report.participation.append(.init(agent: i, recommended: bi, utility: U)) }
                for dev in 0..<I.agents[i].efforts {
                    let (D, map) = bestDeviation(mechanism, I, agent: i, recommended: bi, effort: dev)
                    let d = HiringDeviation(agent: i, recommended: bi, effort: dev, reportingMap: map, gain: D - U)
                    if report.worst == nil || d.gain > report.worst!.gain { report.worst = d }
                    if d.gain > tolerance { report.violations.append(d) }
                }
            }
        }
        return report
    }

    /// Xᵢ(bᵢ) and the belief w over the profiles b with bᵢ given, or nil when Xᵢ(bᵢ) = 0.
    static func belief(_ m: CorrelatedMechanism, _ I: HiringInstance, agent i: Int,
                       recommended bi: Int) -> [(b: Int, w: Double)]? {
        var mass = 0.0
        var out: [(b: Int, w: Double)] = []
        for b in 0..<I.efforts.count where I.efforts.digit(b, i) == bi && m.recommendation[b] > 0 {
            mass += m.recommendation[b]
            out.append((b, m.recommendation[b]))
        }
        guard mass > 0 else { return nil }
        return out.map { ($0.b, $0.w / mass) }
    }

    /// Uᵢ(bᵢ), or nil when bᵢ is never recommended.
    public static func obedientUtility(_ m: CorrelatedMechanism, _ I: HiringInstance, agent i: Int,
                                       recommended bi: Int) -> Double? {
        guard let belief = belief(m, I, agent: i, recommended: bi) else { return nil }
        var total = 0.0
        for (b, w) in belief {
            for θ in 0..<I.stateCount {
                for s in 0..<I.signals.count {
                    let p = I.probability(s, efforts: b, state: θ)
                    if p != 0 { total += w * I.prior[θ] * p * m.payment(I, agent: i, efforts: b, signals: s, state: θ) }
                }
            }
        }
        return total - I.agents[i].costs[bi]
    }

    /// Dᵢ(bᵢ, bᵢ') and the best reporting map (truthful on ties), for a recommended bᵢ.
    public static func bestDeviation(_ m: CorrelatedMechanism, _ I: HiringInstance, agent i: Int,
                                     recommended bi: Int, effort dev: Int) -> (value: Double, map: [Int]) {
        let Si = I.agents[i].signals
        guard let belief = belief(m, I, agent: i, recommended: bi) else { return (-.infinity, Array(0..<Si)) }
        // value[sᵢ][rᵢ]
        var value = [[Double]](repeating: [Double](repeating: 0, count: Si), count: Si)
        for (b, w) in belief {
            let bDev = I.efforts.replacing(b, i, with: dev)
            for θ in 0..<I.stateCount {
                for s in 0..<I.signals.count {
                    let p = I.probability(s, efforts: bDev, state: θ)
                    if p == 0 { continue }
                    let si = I.signals.digit(s, i)
                    for ri in 0..<Si {
                        let reported = I.signals.replacing(s, i, with: ri)
                        value[si][ri] += w * I.prior[θ] * p * m.payment(I, agent: i, efforts: b, signals: reported, state: θ)
                    }
                }
            }
        }
        var total = 0.0
        var map = [Int](repeating: 0, count: Si)
        for si in 0..<Si {
            var best = si
            for ri in 0..<Si where value[si][ri] > value[si][best] { best = ri }
            map[si] = best
            total += value[si][best]
        }
        return (total - I.agents[i].costs[dev], map)
    }

    /// Every deterministic deviation (bᵢ', map) of agent i told bᵢ, with its expected utility,
    /// computed directly over all (b, θ, s): a brute-force cross-check.
    public static func deterministicDeviations(_ m: CorrelatedMechanism, _ I: HiringInstance, agent i: Int,
                                               recommended bi: Int) -> [(effort: Int, map: [Int], value: Double)] {
        guard let belief = belief(m, I, agent: i, recommended: bi) else { return [] }
        let Si = I.agents[i].signals
        let maps = ProfileIndexer(radices: [Int](repeating: Si, count: Si))
        var out: [(effort: Int, map: [Int], value: Double)] = []
        for dev in 0..<I.agents[i].efforts {
            for k in 0..<maps.count {
                let map = maps.digits(k)
                var v = 0.0
                for (b, w) in belief {
                    let bDev = I.efforts.replacing(b, i, with: dev)
                    for θ in 0..<I.stateCount {
                        for s in 0..<I.signals.count {
                            let p = I.probability(s, efforts: bDev, state: θ)
                            if p == 0 { continue }
                            let reported = I.signals.replacing(s, i, with: map[I.signals.digit(s, i)])
                            v += w * I.prior[θ] * p * m.payment(I, agent: i, efforts: b, signals: reported, state: θ)
                        }
                    }
                }
                out.append((dev, map, v - I.agents[i].costs[dev]))
            }
        }
        return out
    }
}
