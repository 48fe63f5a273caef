import Mechanisms

/// Continuity, probed: moving one report by a tiny step must not move the outcome by much.
///
/// ```
/// W1(P(x), P(x_i ± δ, x_-i)) <= jump      δ = 1e-7, jump = 1e-4
/// ```
/// W1 is the earth mover's distance between lotteries (for deterministic mechanisms, the
/// distance between locations). A probe can refute continuity, never prove it: on a grid the
/// verdict is `noViolationFound`, not `holds`.
/// Source: Aziz et al. (2021), abstract; tested by Lipschitz probes (docs/reconstructions.md#fairness-axiom-forms).
public struct Continuity: FacilityAxiom {
    public static let step = 1e-7
    public static let jump = 1e-4

    public init() {}
    public var id: String { "continuity" }
    public var name: String { "Continuity (probed)" }
    public var definition: String { "A report moved by 1e-7 moves the outcome lottery by at most 1e-4 (earth mover's distance)." }
    public var source: String { "Aziz et al. (2021), arXiv 2111.01566, abstract; form: docs/reconstructions.md#fairness-axiom-forms" }
    public var usesMisreports: Bool { false }
    public var provableOnGrid: Bool { false }

    public func violation(
        of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext
    ) -> FacilityWitness? {
        let base = mechanism.lottery(for: profile)
        for agent in 0..<profile.count {
            let x = profile.locations[agent]
            for r in [x - Self.step, x + Self.step] where r >= 0 && r <= 1 {
                let moved = context.withDeviation(of: profile, agent: agent, report: r) { mechanism.lottery(for: $0) }
                let d = earthMoversDistance(base, moved)
                if d > Self.jump {
                    return FacilityWitness(
                        axiom: id, mechanism: mechanism.label, profile: profile.locations, agent: agent, misreport: r,
                        truthfulOutcome: base, manipulatedOutcome: moved,
                        explanation: "Moving agent \(agent)'s report from \(fmt(x)) to \(r) moves \(mechanism.label)'s outcome by \(fmt(d)).")
                }
            }
        }
        return nil
    }
}

/// ∫ |F(t) - G(t)| dt for two lotteries on the line.
func earthMoversDistance(_ a: Lottery<Double>, _ b: Lottery<Double>) -> Double {
    let points = (a.entries.map(\.outcome) + b.entries.map(\.outcome)).sorted()
    var total = 0.0, fa = 0.0, fb = 0.0
    var i = 0, j = 0
    for (k, t) in points.enumerated() {
        while i < a.entries.count, a.entries[i].outcome <= t { fa += a.entries[i].probability; i += 1 }
        while j < b.entries.count, b.entries[j].outcome <= t { fb += b.entries[j].probability; j += 1 }
        if k + 1 < points.count { total += abs(fa - fb) * (points[k + 1] - t) }
    }
    return total
}
