import Solvers

/// The best uncorrelated mechanism of model A (LP-U, reconstruction: docs/reconstructions.md#uncorrelated-benchmark): scoring rules γᵢ(ŝᵢ, θ) ∈
/// [0, M] on the agent's own report and the state, no recommendations.
///
/// ```
/// Kᵢ(bᵢ) = min Σ_θ μ(θ) Σ_{sᵢ} Pᵢ(sᵢ | bᵢ, θ) γ(sᵢ, θ)   over γ ∈ [0, M]^{Sᵢ×Θ}, z free, s.t.
///          Σ_θ μ Σ_{sᵢ} Pᵢ(sᵢ | bᵢ, θ) γ(sᵢ, θ) − cᵢ(bᵢ) ≥ Σ_{sᵢ} z(bᵢ', sᵢ) − cᵢ(bᵢ')   for all bᵢ'
///          z(bᵢ', sᵢ) ≥ Σ_θ μ(θ) Pᵢ(sᵢ | bᵢ', θ) γ(rᵢ, θ)                           for all bᵢ', sᵢ, rᵢ
///          Σ_θ μ Σ_{sᵢ} Pᵢ(sᵢ | bᵢ, θ) γ(sᵢ, θ) ≥ cᵢ(bᵢ)                              (IR)
/// value  = max_b [ V(b) − Σᵢ Kᵢ(bᵢ) ],   V(b) = Σ_s max_a Σ_θ μ(θ) P(s | b, θ) u(a, θ)
/// ```
///
/// Properties: by the marginal condition an agent's expected payment depends only on its own
/// effort and report, so efforts are dominant strategies and the program separates by agent.
/// Kᵢ(bᵢ) = +∞ (the target is skipped) when its LP is infeasible, i.e. M is too small.
///
/// What does not hold: it can be strictly worse than `OptimalCorrelatedMechanism` (reference instance A3).
///
/// References: Cacciamani, Castiglioni and Gatti, "Online Information Acquisition: Hiring
/// Multiple Agents" (arXiv 2307.06210): uncorrelated scoring rules γᵢ : Sᵢ × Θ → [0, M] are
/// used for exploration. The LP is our reconstruction (docs/reconstructions.md#uncorrelated-benchmark); the paper's full text was
/// not read.
public struct OptimalUncorrelatedMechanism: InformationAcquisitionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "optimal-uncorrelated-mechanism", name: "Optimal uncorrelated mechanism (LP-U)",
        domain: .informationAcquisition,
        summary: "Per-agent scoring rules on own report and state; the best effort profile they implement: LP-U (our reconstruction).",
        isRandomized: false,
        references: [InformationAcquisitionPapers.hiring],
        claims: [Claim("incentive-compatibility", .satisfies, source: "derived: scoring rules on the own report make efforts dominant strategies (UncorrelatedIncentiveChecker)")],
        reconstruction: InformationAcquisitionPapers.reconstruction)

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    /// The cheapest uncorrelated scoring rule that makes one effort level a best response.
    public struct Cost: Sendable {
        public var agent: Int
        public var effort: Int
        public var status: LPStatus
        /// Kᵢ(bᵢ); +∞ when infeasible.
        public var value: Double
        public var exactValue: Rational?
        public var exactFailure: String?
        /// γ(sᵢ, θ) at `sᵢ · |Θ| + θ`, when optimal.
        public var scoringRule: [Double]?
    }

    /// The program of Kᵢ(bᵢ); variables γ(sᵢ, θ) at `sᵢ · |Θ| + θ`, then the z.
    ///
    /// With `margin`, variable `|Sᵢ||Θ|` (right after the γ) is a margin ℓ ≤ 1 + M that every
    /// effort IC row (bᵢ' ≠ bᵢ) must beat, and the objective maximises ℓ instead of minimising
    /// the payment (written as minimising −ℓ): the widest-margin rule of Assumption 1 (docs/reconstructions.md#explore-then-commit).
    public static func program(_ instance: HiringInstance, agent i: Int, effort bi: Int, margin: Bool = false) -> LinearProgram {
        let I = instance
        let Si = I.agents[i].signals, Bi = I.agents[i].efforts, nT = I.stateCount
        var marginal = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: nT), count: Si), count: Bi)
        for b in 0..<Bi { for s in 0..<Si { for θ in 0..<nT { marginal[b][s][θ] = I.marginal(agent: i, effort: b, state: θ, signal: s) } } }
        var lp = LinearProgram(sense: .minimize)
        var gamma = [Int]()
        for s in 0..<Si {
            for θ in 0..<nT {
                gamma.append(lp.addVariable(upper: I.paymentCap, objective: margin ? 0 : I.prior[θ] * marginal[bi][s][θ]))
            }
        }
        let ell = margin ? lp.addVariable(lower: -.infinity, upper: 1 + I.paymentCap, objective: -1) : nil
        var obedient: [(Int, Double)] = []
        for s in 0..<Si { for θ in 0..<nT where I.prior[θ] * marginal[bi][s][θ] != 0 {
            obedient.append((gamma[s * nT + θ], I.prior[θ] * marginal[bi][s][θ]))
        } }
        for dev in 0..<Bi {
            var zs: [Int] = []
            for s in 0..<Si {
                let z = lp.addVariable()  // z ≥ 0 is implied (γ ≥ 0)
                zs.append(z)
                for r in 0..<Si {
                    var terms: [(Int, Double)] = [(z, 1)]
                    for θ in 0..<nT where I.prior[θ] * marginal[dev][s][θ] != 0 {
                        terms.append((gamma[r * nT + θ], -I.prior[θ] * marginal[dev][s][θ]))
                    }
                    lp.addConstraint(terms, .greaterOrEqual(0))
                }
            }
            var terms = obedient + zs.map { ($0, -1.0) }
            if let ell, dev != bi { terms.append((ell, -1)) }
            lp.addConstraint(terms, .greaterOrEqual(I.agents[i].costs[bi] - I.agents[i].costs[dev]))
        }
        lp.addConstraint(obedient, .greaterOrEqual(I.agents[i].costs[bi]))
        return lp
    }

    /// Kᵢ(bᵢ) for every agent and effort.
    /// - Throws: `LPError` when the solver cannot run.
    public func costs(_ instance: HiringInstance, method: LPMethod = .dualSimplex) throws(LPError) -> [[Cost]] {
        var out: [[Cost]] = []
        for i in 0..<instance.agentCount {
            var row: [Cost] = []
            for bi in 0..<instance.agents[i].efforts {
                let lp = Self.program(instance, agent: i, effort: bi)
                let solution = try GLPKSolver(method: method).solve(lp.prepared(for: method))
                let Si = instance.agents[i].signals, nT = instance.stateCount
                row.append(Cost(agent: i, effort: bi, status: solution.status, value: solution.objective,
                                exactValue: solution.exact?.objective, exactFailure: solution.exactFailure,
                                scoringRule: solution.status == .optimal ? Array(solution.primal[0..<(Si * nT)]) : nil))
            }
            out.append(row)
        }
        return out
    }

    /// The target profile b of largest V(b) − Σᵢ Kᵢ(bᵢ) over the profiles whose every target
    /// effort is implementable (`K` from `costs`), with that value; nil when none is.
    public static func bestTarget(_ h: HiringInstance, costs K: [[Cost]]) -> (b: Int, value: Double)? {
        var best: (b: Int, value: Double)?
        for b in 0..<h.efforts.count {
            var cost = 0.0
            var feasible = true
            for i in 0..<h.agentCount {
                let k = K[i][h.efforts.digit(b, i)]
                if k.status != .optimal { feasible = false; break }
                cost += k.value
            }
            guard feasible else { continue }
            let v = h.valueOfInformation(b) - cost
            if best == nil || v > best!.value { best = (b, v) }
        }
        return best
    }

    public func optimum(_ instance: AcquisitionInstance, method: LPMethod) throws -> AcquisitionResult {
        let h = try hiringInstance(instance)
        let K = try costs(h, method: method)
        guard let best = Self.bestTarget(h, costs: K) else {
            return AcquisitionResult(status: .infeasible, value: -.infinity, method: method,
                                     reason: "No effort profile can be implemented by uncorrelated scoring rules with cap M = \(h.paymentCap).")
        }
        var result = AcquisitionResult(status: .optimal, value: best.value, method: method)
        result.details.append(("best_profile", h.efforts.label(best.b)))
        let infeasible = K.joined().filter { $0.status != .optimal }
        if !infeasible.isEmpty {
            result.details.append(("infeasible_targets", infeasible.map { "agent \($0.agent) effort \($0.effort) (\($0.status.rawValue): the cap M = \(h.paymentCap) is too small)" }.joined(separator: ", ")))
        }
        if method == .exact {
            result.exactValue = exactValue(h, K)
            if result.exactValue == nil {
                result.exactFailure = K.joined().first(where: { $0.status == .optimal && $0.exactValue == nil })?.exactFailure
                    ?? "the exact value overflowed 128-bit fractions"
            }
        }
        return result
    }

    /// max_b [V(b) − Σ Kᵢ(bᵢ)] in exact arithmetic, or nil when a piece is missing or overflows.
    private func exactValue(_ h: HiringInstance, _ K: [[Cost]]) -> Rational? {
        var best: Rational?
        for b in 0..<h.efforts.count {
            guard var v = try? h.exactValueOfInformation(b) else { return nil }
            var feasible = true
            for i in 0..<h.agentCount {
                let k = K[i][h.efforts.digit(b, i)]
                if k.status != .optimal { feasible = false; break }
                guard let e = k.exactValue, let next = try? v.subtracting(e) else { return nil }
                v = next
            }
            if feasible && (best == nil || v > best!) { best = v }
        }
        return best
    }
}
