import Solvers

/// The optimal correlated incentive-compatible mechanism of model A: LP-A (`HiringProgram`)
/// solved through `GLPKSolver`, with the mechanism (x, γ, π) read back from the solution.
///
/// ```
/// OPT = max over IC, limited-liability, capped (x, γ, π) of
///       Σ_b x(b) Σ_θ μ(θ) Σ_s P(s | b, θ) [ Σ_a π(a | b, s) u(a, θ) − Σᵢ γᵢ(b, s, θ) ]
/// ```
///
/// Properties: without IR, LP-A is always feasible (recommend the cheapest efforts and pay
/// nothing); with IR (the default) it is infeasible exactly when some agent's cheapest effort
/// costs more than payments capped at M can cover, which is reported as `.infeasible` with a
/// reason, not thrown. OPT ≥ the best uncorrelated mechanism and
/// ≥ the best fixed effort profile; on the reference instances A3 and A4 strictly (102/185 and 38/65
/// against 8/15).
///
/// What does not hold: the optimum is highly degenerate; individual payments are not unique.
/// Obedience is *an* equilibrium of the mechanism, not necessarily the only one.
///
/// References: Cacciamani, Castiglioni and Gatti, "Online Information Acquisition: Hiring
/// Multiple Agents" (arXiv 2307.06210, ICLR 2024): an optimal IC mechanism is computed in
/// polynomial time and must correlate efforts. The LP is our reconstruction
/// (docs/reconstructions.md#hiring-lp) from the abstract and public reviews; the paper's full
/// text was not read.
public struct OptimalCorrelatedMechanism: InformationAcquisitionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "optimal-correlated-mechanism", name: "Optimal correlated mechanism (LP-A)",
        domain: .informationAcquisition,
        summary: "Recommends correlated effort profiles and pays scoring rules on all reports: LP-A (our reconstruction).",
        isRandomized: true,
        references: [InformationAcquisitionPapers.hiring],
        claims: [Claim("incentive-compatibility", .satisfies, source: "Cacciamani et al. (2023a), abstract: optimal IC mechanism in polynomial time")],
        reconstruction: InformationAcquisitionPapers.reconstruction)

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    /// The solved LP-A: the result, the program with its variable indices, the primal values
    /// and the recovered mechanism (nil unless optimal).
    public struct Solution: Sendable {
        public var result: AcquisitionResult
        public var program: HiringProgram
        public var primal: [Double]
        public var mechanism: CorrelatedMechanism?
        /// x(b) in exact arithmetic when the exact method certified the optimum.
        public var exactRecommendation: [Rational]?
    }

    /// Solves LP-A on `instance` with `method`.
    /// - Throws: `LPError` when the solver cannot run.
    public func solve(_ instance: HiringInstance, method: LPMethod = .dualSimplex,
                      individualRationality: Bool = true) throws(LPError) -> Solution {
        try HiringProgram.checkSize(of: instance)
        let program = HiringProgram(instance, individualRationality: individualRationality)
        let lp = try GLPKSolver(method: method).solve(program.program.prepared(for: method))
        var result = AcquisitionResult(
            status: lp.status, value: lp.objective, exactValue: lp.exact?.objective,
            exactFailure: lp.exactFailure, method: method,
            reason: Self.reason(lp.status, instance, individualRationality),
            size: (program.program.variables.count, program.equalityCount, program.inequalityCount))
        var mechanism: CorrelatedMechanism?
        if lp.status == .optimal {
            mechanism = program.mechanism(from: lp.primal)
            let support = (0..<instance.efforts.count).filter { (mechanism?.recommendation[$0] ?? 0) > 1e-9 }
            result.details.append(("recommendation_support", support.map { "\(instance.efforts.label($0)): \(mechanism!.recommendation[$0])" }.joined(separator: ", ")))
        }
        let exactX = lp.exact.map { cert in program.x.map { cert.primal[$0] } }
        return Solution(result: result, program: program, primal: lp.primal, mechanism: mechanism,
                        exactRecommendation: exactX)
    }

    public func optimum(_ instance: AcquisitionInstance, method: LPMethod) throws -> AcquisitionResult {
        try solve(try hiringInstance(instance), method: method).result
    }

    /// Why LP-A has no optimum. Without IR it is always feasible (cheapest efforts, no
    /// payments), so infeasibility means IR cannot be met within the cap.
    static func reason(_ status: LPStatus, _ instance: HiringInstance, _ individualRationality: Bool) -> String? {
        switch status {
        case .optimal: return nil
        case .infeasible where individualRationality:
            return "LP-A is infeasible: with payments capped at M = \(instance.paymentCap), no recommendation is individually rational (some agent's cheapest effort costs more than the capped payments can cover)."
        default: return "LP-A ended with status '\(status.rawValue)'."
        }
    }
}
