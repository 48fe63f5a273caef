import Solvers

/// The optimal incentive-compatible mechanism of model B (LP-B, reconstruction: docs/reconstructions.md#senders-lp): an action rule φ
/// and non-negative payments that make truthful reporting a Bayes–Nash equilibrium and
/// maximise the receiver's expected utility net of payments.
///
/// ```
/// maximize   Σ_θ Σ_s P(θ, s) [ Σ_a φ(s, a) u_R(a, θ) − Σᵢ pᵢ(s[, θ]) ]
/// subject to Σ_a φ(s, a) = 1                                                  for all s
///            Σ_θ Σ_{s₋ᵢ} P(θ, (sᵢ, s₋ᵢ)) [ Σ_a (φ(s, a) − φ(s', a)) uᵢ(a, θ)
///                                          + pᵢ(s[, θ]) − pᵢ(s'[, θ]) ] ≥ 0
///                          for all i, sᵢ, rᵢ ≠ sᵢ, with s = (sᵢ, s₋ᵢ), s' = (rᵢ, s₋ᵢ)
///            φ ≥ 0,  0 ≤ p (≤ M when the instance has a cap)
/// ```
/// Payments pᵢ(s) or pᵢ(s, θ) follow the instance's `payments` variant.
///
/// Properties: always feasible (a constant action without payments is IC), so the status is
/// `.optimal`. State-dependent payments are never worse than report-only ones; the reference
/// instances B2 and B6 separate them (0.5 against 0.56).
///
/// References: Cacciamani, Castiglioni and Gatti, "Online Mechanism Design for Information
/// Acquisition" (ICML 2023, PMLR 202): an optimal IC mechanism can be computed efficiently. The
/// LP is our reconstruction (docs/reconstructions.md#senders-lp) from the abstract; the
/// paper's full text was not read.
public struct OptimalICMechanism: InformationAcquisitionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "optimal-ic-mechanism", name: "Optimal IC mechanism for senders (LP-B)",
        domain: .informationAcquisition,
        summary: "Action rule and payments that make truthful reports a Bayes-Nash equilibrium at best receiver value: LP-B (our reconstruction).",
        isRandomized: true,
        references: [InformationAcquisitionPapers.senders],
        claims: [Claim("incentive-compatibility", .satisfies, source: "Cacciamani et al. (2023b), abstract: optimal IC mechanism computed efficiently")],
        reconstruction: InformationAcquisitionPapers.reconstruction)

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    /// The LP with the variable indices: φ(s, a) at `phi[s · |A| + a]`, pᵢ at
    /// `payment[i][s]` (report-only) or `payment[i][s · |Θ| + θ]` (state-dependent).
    public struct Program: Sendable {
        public var program: LinearProgram
        public var phi: [Int]
        public var payment: [[Int]]
        public var equalityCount: Int
    }

    /// Builds LP-B for `instance`; with `relaxation` ε > 0 every IC row is relaxed to ≥ −ε (the
    /// optimistic LP of the online algorithms, docs/reconstructions.md#sender-online-algorithms).
    public static func program(_ instance: SendersInstance, relaxation: Double = 0) -> Program {
        let I = instance
        let nS = I.signals.count, nA = I.actionCount, nT = I.stateCount
        let stateDependent = I.payments == .stateDependent
        var lp = LinearProgram(sense: .maximize)
        var phi: [Int] = []
        for s in 0..<nS {
            for a in 0..<nA {
                var c = 0.0
                for θ in 0..<nT { c += I.joint(state: θ, signals: s) * I.utility[a][θ] }
                phi.append(lp.addVariable(upper: 1, objective: c))
            }
        }
        var payment: [[Int]] = []
        for _ in 0..<I.senderCount {
            var pi: [Int] = []
            for s in 0..<nS {
                if stateDependent {
                    for θ in 0..<nT { pi.append(lp.addVariable(upper: I.paymentCap ?? .infinity, objective: -I.joint(state: θ, signals: s))) }
                } else {
                    var mass = 0.0
                    for θ in 0..<nT { mass += I.joint(state: θ, signals: s) }
                    pi.append(lp.addVariable(upper: I.paymentCap ?? .infinity, objective: -mass))
                }
            }
            payment.append(pi)
        }
        for s in 0..<nS { lp.addConstraint((0..<nA).map { (phi[s * nA + $0], 1.0) }, .equal(1)) }
        var accumulator = [Double](repeating: 0, count: lp.variables.count)
        var isTouched = [Bool](repeating: false, count: lp.variables.count)
        var touched: [Int] = []
        func add(_ j: Int, _ c: Double) {
            if !isTouched[j] { isTouched[j] = true; touched.append(j) }
            accumulator[j] += c
        }
        for i in 0..<I.senderCount {
            for si in 0..<I.signalCounts[i] {
                for ri in 0..<I.signalCounts[i] where ri != si {
                    for s in 0..<nS where I.signals.digit(s, i) == si {
                        let lie = I.signals.replacing(s, i, with: ri)
                        for θ in 0..<nT {
                            let w = I.joint(state: θ, signals: s)
                            if w == 0 { continue }
                            for a in 0..<nA where I.senderUtility[i][a][θ] != 0 {
                                add(phi[s * nA + a], w * I.senderUtility[i][a][θ])
                                add(phi[lie * nA + a], -w * I.senderUtility[i][a][θ])
                            }
                            let truthful = stateDependent ? payment[i][s * nT + θ] : payment[i][s]
                            let misreported = stateDependent ? payment[i][lie * nT + θ] : payment[i][lie]
                            add(truthful, w)
                            add(misreported, -w)
                        }
                    }
                    var terms: [(Int, Double)] = []
                    for j in touched.sorted() where accumulator[j] != 0 { terms.append((j, accumulator[j])) }
                    for j in touched { accumulator[j] = 0; isTouched[j] = false }
                    touched.removeAll(keepingCapacity: true)
                    lp.addConstraint(terms, .greaterOrEqual(-relaxation))
                }
            }
        }
        return Program(program: lp, phi: phi, payment: payment, equalityCount: nS)
    }

    /// The solved LP-B and the recovered mechanism.
    public struct Solution: Sendable {
        public var result: AcquisitionResult
        public var mechanism: ReceiverMechanism?
    }

    /// Solves LP-B on `instance` with `method`.
    /// - Throws: `LPError` when the solver cannot run.
    public func solve(_ instance: SendersInstance, method: LPMethod = .dualSimplex,
                      relaxation: Double = 0) throws(LPError) -> Solution {
        let p = Self.program(instance, relaxation: relaxation)
        let lp = try GLPKSolver(method: method).solve(p.program.prepared(for: method))
        let result = AcquisitionResult(
            status: lp.status, value: lp.objective, exactValue: lp.exact?.objective, exactFailure: lp.exactFailure,
            method: method, reason: lp.status == .optimal ? nil : "LP-B ended with status '\(lp.status.rawValue)'.",
            details: [("payments", instance.payments.rawValue)],
            size: (p.program.variables.count, p.equalityCount, p.program.constraints.count - p.equalityCount))
        guard lp.status == .optimal else { return Solution(result: result, mechanism: nil) }
        let nS = instance.signals.count, nA = instance.actionCount, nT = instance.stateCount
        var actionRule = [Double](repeating: 0, count: nS * nA)
        for s in 0..<nS {
            var total = 0.0
            for a in 0..<nA { total += max(0, lp.primal[p.phi[s * nA + a]]) }
            for a in 0..<nA { actionRule[s * nA + a] = total > 0 ? max(0, lp.primal[p.phi[s * nA + a]]) / total : (a == 0 ? 1 : 0) }
        }
        var payments: [[Double]] = []
        for i in 0..<instance.senderCount {
            var row = [Double](repeating: 0, count: nS * nT)
            for s in 0..<nS {
                for θ in 0..<nT {
                    let j = instance.payments == .stateDependent ? p.payment[i][s * nT + θ] : p.payment[i][s]
                    row[s * nT + θ] = max(0, lp.primal[j])
                }
            }
            payments.append(row)
        }
        return Solution(result: result, mechanism: ReceiverMechanism(actionRule: actionRule, payments: payments))
    }

    public func optimum(_ instance: AcquisitionInstance, method: LPMethod) throws -> AcquisitionResult {
        try solve(try sendersInstance(instance), method: method).result
    }
}
