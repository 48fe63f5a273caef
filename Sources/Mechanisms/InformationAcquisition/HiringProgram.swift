import Solvers

/// LP-A (reconstruction: docs/reconstructions.md#hiring-lp): the optimal correlated incentive-compatible mechanism of model A as a
/// `LinearProgram`, with the index of every variable so the mechanism can be read back.
///
/// ```
/// maximize   Σ_b Σ_θ Σ_s μ(θ) P(s | b, θ) [ Σ_a u(a, θ) y(b, s, a) − Σᵢ tᵢ(b, s, θ) ]
/// subject to Σ_b x(b) = 1
///            Σ_a y(b, s, a) = x(b)                                         for all b, s
///            tᵢ(b, s, θ) − M x(b) ≤ 0                                      (cap; t ≥ 0 is LL)
///            zᵢ(bᵢ, bᵢ', sᵢ) ≥ Σ_{b₋ᵢ} Σ_θ μ(θ) Σ_{s₋ᵢ} P((sᵢ, s₋ᵢ) | (bᵢ', b₋ᵢ), θ) tᵢ(b, (rᵢ, s₋ᵢ), θ)
///                                                                          for all i, bᵢ, bᵢ', sᵢ, rᵢ
///            Σ_{b₋ᵢ} [ Σ_θ μ Σ_s P tᵢ − (cᵢ(bᵢ) − cᵢ(bᵢ')) x(b) ] ≥ Σ_{sᵢ} zᵢ(bᵢ, bᵢ', sᵢ)
///                                                                          for all i, bᵢ, bᵢ'
///            Σ_{b₋ᵢ} [ Σ_θ μ Σ_s P tᵢ − cᵢ(bᵢ) x(b) ] ≥ 0                   (IR, optional)
/// x, y, t ≥ 0;  z ≥ 0 (z may be free; z ≥ 0 is implied because t ≥ 0 and P ≥ 0, and
/// it keeps GLPK's interior-point method stable)
/// ```
/// with t = x·γ and y = x·π (the change of variables that linearises the product program).
///
/// Our reconstruction: the variables and constraints are reconstructed from the
/// abstract and the public ICLR 2024 reviews of Cacciamani, Castiglioni and Gatti, "Online
/// Information Acquisition: Hiring Multiple Agents" (arXiv 2307.06210); the paper's own text
/// was not read.
///
/// Size: |B| + |B||S||A| + n|B||S||Θ| + Σᵢ|Bᵢ|²|Sᵢ| variables; 1 + |B||S| equalities;
/// n|B||S||Θ| + Σᵢ|Bᵢ|²|Sᵢ|² + Σᵢ|Bᵢ|² inequalities, plus Σᵢ|Bᵢ| with IR. Every t and y exists
/// (also where P = 0) so the counts match the formula above; zero-probability terms are left out of rows.
///
/// Fixing a profile (`fixedProfile`) pins x to that profile: the best mechanism that always
/// recommends it, used by `BestEffortProfile`. Such a program can be infeasible when M is
/// too small.
public struct HiringProgram: Sendable {
    /// The size of LP-A for `instance` from the formula above (IR rows included), computed
    /// with overflow checks before anything is built; nil when a count overflows `Int`.
    public static func size(of instance: HiringInstance) -> (variables: Int, constraints: Int)? {
        func product(_ factors: Int...) -> Int? {
            var p = 1
            for f in factors {
                let (r, overflow) = p.multipliedReportingOverflow(by: f)
                if overflow { return nil }
                p = r
            }
            return p
        }
        let n = instance.agentCount, B = instance.efforts.count, S = instance.signals.count
        guard let bs = product(B, S), let y = product(bs, instance.actionCount), let t = product(n, bs, instance.stateCount) else { return nil }
        var z = 0, zRows = 0, effortRows = 0, irRows = 0
        for agent in instance.agents {
            guard let zi = product(agent.efforts, agent.efforts, agent.signals), let ri = product(zi, agent.signals) else { return nil }
            z += zi; zRows += ri; effortRows += agent.efforts * agent.efforts; irRows += agent.efforts
        }
        let (variables, o1) = (B + y).addingReportingOverflow(t + z)
        let (constraints, o2) = (1 + bs + t).addingReportingOverflow(zRows + effortRows + irRows)
        return o1 || o2 ? nil : (variables, constraints)
    }

    /// `LPError.programTooLarge` when LP-A for `instance` is larger than `GLPKSolver` takes:
    /// checked before the program is built (8 agents with 2 efforts and 2 signals each have
    /// over a million variables; building and solving them held 2.9 GB after two minutes).
    public static func checkSize(of instance: HiringInstance) throws(LPError) {
        guard let s = size(of: instance) else {
            throw .programTooLarge(variables: Int.max, constraints: Int.max, coefficients: Int.max)
        }
        guard s.variables + s.constraints <= GLPKSolver.maximumRowsAndColumns else {
            throw .programTooLarge(variables: s.variables, constraints: s.constraints, coefficients: 0)
        }
    }

    /// The program.
    public private(set) var program = LinearProgram(sense: .maximize)
    /// The variable of x(b).
    public private(set) var x: [Int] = []
    /// The variable of y(b, s, a) at `(b · |S| + s) · |A| + a`.
    public private(set) var y: [Int] = []
    /// The variable of tᵢ(b, s, θ) at `t[i][(b · |S| + s) · |Θ| + θ]`.
    public private(set) var t: [[Int]] = []
    /// The variable of zᵢ(bᵢ, bᵢ', sᵢ) at `z[i][(bᵢ · |Bᵢ| + bᵢ') · |Sᵢ| + sᵢ]`.
    public private(set) var z: [[Int]] = []
    /// The row of the best-report bound (i, bᵢ, bᵢ', sᵢ, rᵢ) at
    /// `zRows[i][((bᵢ · |Bᵢ| + bᵢ') · |Sᵢ| + sᵢ) · |Sᵢ| + rᵢ]`.
    public private(set) var zRows: [[Int]] = []
    /// The number of equality rows.
    public private(set) var equalityCount = 0
    /// The instance the program was built for.
    public let instance: HiringInstance

    /// Builds LP-A for `instance`.
    /// - Parameters:
    ///   - instance: the model A instance.
    ///   - fixedProfile: when set, x is pinned to this effort profile (index).
    ///   - individualRationality: whether to add the IR rows (implied when some effort costs 0).
    ///   - obedienceMargin: δ ≥ 0; every effort IC row (bᵢ' ≠ bᵢ) asks for δ·Xᵢ(bᵢ) more, so the
    ///     mechanism stays obedient under errors in the costs (the online algorithm).
    ///   - lawUncertainty: u ≥ 0; in every effort IC row (bᵢ' ≠ bᵢ) the obedient side uses
    ///     max(0, P − u) and the best-report bounds use min(1, P + u), so obedience survives any
    ///     true law within u of `instance.law` entry by entry (the online algorithm's estimated
    ///     law). Reporting rows (bᵢ' = bᵢ) keep P: truthfulness cannot be made robust this way.
    public init(_ instance: HiringInstance, fixedProfile: Int? = nil, individualRationality: Bool = true,
                obedienceMargin: Double = 0, lawUncertainty: Double = 0) {
        self.instance = instance
        let I = instance
        let nB = I.efforts.count, nS = I.signals.count, nA = I.actionCount, nT = I.stateCount
        let M = I.paymentCap

        x.reserveCapacity(nB)
        for b in 0..<nB {
            let pinned: Double? = fixedProfile.map { $0 == b ? 1 : 0 }
            x.append(program.addVariable(lower: pinned ?? 0, upper: pinned ?? 1, name: "x\(I.efforts.label(b))"))
        }
        y = [Int](repeating: -1, count: nB * nS * nA)
        for b in 0..<nB {
            for s in 0..<nS {
                for a in 0..<nA {
                    var c = 0.0
                    for θ in 0..<nT { c += I.prior[θ] * I.probability(s, efforts: b, state: θ) * I.utility[a][θ] }
                    y[(b * nS + s) * nA + a] = program.addVariable(objective: c)
                }
            }
        }
        t = []
        for _ in 0..<I.agentCount {
            var ti = [Int](repeating: -1, count: nB * nS * nT)
            for b in 0..<nB {
                for s in 0..<nS {
                    for θ in 0..<nT {
                        let w = I.prior[θ] * I.probability(s, efforts: b, state: θ)
                        ti[(b * nS + s) * nT + θ] = program.addVariable(upper: M, objective: w == 0 ? 0 : -w)
                    }
                }
            }
            t.append(ti)
        }
        z = []
        for agent in I.agents {
            let count = agent.efforts * agent.efforts * agent.signals
            var zi = [Int]()
            zi.reserveCapacity(count)
            for _ in 0..<count { zi.append(program.addVariable(lower: 0, upper: .infinity)) }
            z.append(zi)
        }

        // Equalities.
        program.addConstraint(x.map { ($0, 1.0) }, .equal(1), name: "sum x")
        for b in 0..<nB {
            for s in 0..<nS {
                var terms: [(Int, Double)] = (0..<nA).map { (y[(b * nS + s) * nA + $0], 1.0) }
                terms.append((x[b], -1))
                program.addConstraint(terms, .equal(0))
            }
        }
        equalityCount = 1 + nB * nS

        // Payment cap rows.
        for i in 0..<I.agentCount {
            for b in 0..<nB {
                for s in 0..<nS {
                    for θ in 0..<nT {
                        program.addConstraint([(t[i][(b * nS + s) * nT + θ], 1), (x[b], -M)], .lessOrEqual(0))
                    }
                }
            }
        }

        // Best-report bounds, obedience/truthfulness and IR, agent by agent.
        zRows = I.agents.map { [Int](repeating: -1, count: $0.efforts * $0.efforts * $0.signals * $0.signals) }
        for i in 0..<I.agentCount {
            let Bi = I.agents[i].efforts, Si = I.agents[i].signals
            for bi in 0..<Bi {
                let own = (0..<nB).filter { I.efforts.digit($0, i) == bi }
                for dev in 0..<Bi {
                    for si in 0..<Si {
                        for ri in 0..<Si {
                            var terms: [(Int, Double)] = [(z[i][(bi * Bi + dev) * Si + si], 1)]
                            let u = dev == bi ? 0 : lawUncertainty
                            for b in own {
                                let bDev = I.efforts.replacing(b, i, with: dev)
                                for θ in 0..<nT where I.prior[θ] > 0 {
                                    for s in 0..<nS where I.signals.digit(s, i) == si {
                                        let p = min(1, I.probability(s, efforts: bDev, state: θ) + u)
                                        if p == 0 { continue }
                                        let reported = I.signals.replacing(s, i, with: ri)
                                        terms.append((t[i][(b * nS + reported) * nT + θ], -I.prior[θ] * p))
                                    }
                                }
                            }
                            zRows[i][((bi * Bi + dev) * Si + si) * Si + ri] = program.addConstraint(terms, .greaterOrEqual(0))
                        }
                    }
                    var terms = obedientPaymentTerms(agent: i, profiles: own, uncertainty: dev == bi ? 0 : lawUncertainty)
                    let costGap = I.agents[i].costs[bi] - I.agents[i].costs[dev] + (dev == bi ? 0 : obedienceMargin)
                    if costGap != 0 { for b in own { terms.append((x[b], -costGap)) } }
                    for si in 0..<Si { terms.append((z[i][(bi * Bi + dev) * Si + si], -1)) }
                    program.addConstraint(terms, .greaterOrEqual(0))
                }
                if individualRationality {
                    var terms = obedientPaymentTerms(agent: i, profiles: own)
                    let cost = I.agents[i].costs[bi]
                    if cost != 0 { for b in own { terms.append((x[b], -cost)) } }
                    program.addConstraint(terms, .greaterOrEqual(0))
                }
            }
        }
    }

    /// Σ_{b ∈ profiles} Σ_θ μ(θ) Σ_s max(0, P(s | b, θ) − uncertainty) tᵢ(b, s, θ) as row terms.
    private func obedientPaymentTerms(agent i: Int, profiles: [Int], uncertainty: Double = 0) -> [(Int, Double)] {
        let I = instance
        let nS = I.signals.count, nT = I.stateCount
        var terms: [(Int, Double)] = []
        for b in profiles {
            for s in 0..<nS {
                for θ in 0..<nT {
                    let w = I.prior[θ] * max(0, I.probability(s, efforts: b, state: θ) - uncertainty)
                    if w != 0 { terms.append((t[i][(b * nS + s) * nT + θ], w)) }
                }
            }
        }
        return terms
    }

    /// The number of inequality rows.
    public var inequalityCount: Int { program.constraints.count - equalityCount }

    /// The mechanism in a primal solution: γ = t / x and π = y / x where x(b) exceeds
    /// `negligible`; elsewhere x = 0 (the rest renormalised), no payments and action 0. Payments are clamped to [0, M] and
    /// action probabilities renormalised, which only removes floating-point noise.
    public func mechanism(from primal: [Double], negligible: Double = 1e-9) -> CorrelatedMechanism {
        let I = instance
        let nS = I.signals.count, nA = I.actionCount, nT = I.stateCount
        var m = CorrelatedMechanism(zeroFor: I)
        var total = 0.0
        for b in 0..<I.efforts.count where primal[x[b]] > negligible { total += primal[x[b]] }
        for b in 0..<I.efforts.count {
            let xb = primal[x[b]]
            m.recommendation[b] = xb > negligible && total > 0 ? xb / total : 0
            for s in 0..<nS {
                if xb <= negligible {
                    m.actionRule[(b * nS + s) * nA] = 1
                    continue
                }
                var total = 0.0
                for a in 0..<nA { total += max(0, primal[y[(b * nS + s) * nA + a]]) }
                for a in 0..<nA {
                    m.actionRule[(b * nS + s) * nA + a] = total > 0 ? max(0, primal[y[(b * nS + s) * nA + a]]) / total : (a == 0 ? 1 : 0)
                }
                for i in 0..<I.agentCount {
                    for θ in 0..<nT {
                        let k = (b * nS + s) * nT + θ
                        m.payments[i][k] = min(I.paymentCap, max(0, primal[t[i][k]] / xb))
                    }
                }
            }
        }
        return m
    }

    /// The LP's own bound on agent i's best deviation payment mass, read from its rows:
    /// Σ_{sᵢ} max_{rᵢ} (the t-part of row (i, bᵢ, bᵢ', sᵢ, rᵢ) at `primal`), i.e. the smallest
    /// Σ_{sᵢ} zᵢ(bᵢ, bᵢ', sᵢ) the rows allow.
    public func rowBound(_ primal: [Double], agent i: Int, recommended bi: Int, effort dev: Int) -> Double {
        let Bi = instance.agents[i].efforts, Si = instance.agents[i].signals
        var total = 0.0
        for si in 0..<Si {
            var best = -Double.infinity
            for ri in 0..<Si {
                let row = program.constraints[zRows[i][((bi * Bi + dev) * Si + si) * Si + ri]]
                var v = 0.0
                for (j, c) in zip(row.indices.dropFirst(), row.coefficients.dropFirst()) { v -= c * primal[j] }
                best = max(best, v)
            }
            total += best
        }
        return total
    }

    /// Σ_{sᵢ} zᵢ(bᵢ, bᵢ', sᵢ) in a primal solution: the LP's bound on agent i's payment mass
    /// after recommendation bᵢ, effort bᵢ' and the best reporting map.
    public func deviationBound(_ primal: [Double], agent i: Int, recommended bi: Int, effort dev: Int) -> Double {
        let Bi = instance.agents[i].efforts, Si = instance.agents[i].signals
        var total = 0.0
        for si in 0..<Si { total += primal[z[i][(bi * Bi + dev) * Si + si]] }
        return total
    }
}
