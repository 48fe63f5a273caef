import Solvers

/// The best deterministic effort profile of model A: for every effort profile b, LP-A with x
/// pinned to b (the cheapest IC payments that implement b, with payments on all reports), and
/// the profile with the highest principal value.
///
/// ```
/// value = max over b with a feasible LP of  LP-A(x = 1_b)
/// ```
///
/// Properties: a profile whose LP is infeasible (the cap M is too small to make its efforts
/// worth taking) is skipped and listed in the details; when every profile is infeasible (IR
/// cannot be met within M) the answer is `.infeasible` with a reason. Equal to LP-A with one agent (reference instances A1, A1b).
///
/// What does not hold: correlation across profiles is not allowed, so the value can be
/// strictly below `OptimalCorrelatedMechanism` (reference instance A3: 8/15 against 102/185).
///
/// References: Cacciamani, Castiglioni and Gatti, "Online Information Acquisition: Hiring
/// Multiple Agents" (arXiv 2307.06210): optimal mechanisms need to correlate efforts; this is
/// the benchmark without correlation. The LP is our reconstruction (docs/reconstructions.md#uncorrelated-benchmark); the
/// paper's full text was not read.
public struct BestEffortProfile: InformationAcquisitionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "best-effort-profile", name: "Best deterministic effort profile",
        domain: .informationAcquisition,
        summary: "Implements the single best effort profile at least cost: LP-A with x pinned, over all profiles.",
        isRandomized: false,
        references: [InformationAcquisitionPapers.hiring],
        claims: [Claim("incentive-compatibility", .satisfies, source: "derived: LP-A with x fixed keeps its IC rows")],
        reconstruction: InformationAcquisitionPapers.reconstruction)

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    /// The answer for one pinned profile.
    public struct ProfileValue: Sendable {
        public var profile: Int
        public var status: LPStatus
        public var value: Double
        public var exactValue: Rational?
        public var exactFailure: String?
        public var mechanism: CorrelatedMechanism?
    }

    /// Solves LP-A pinned at every profile.
    /// - Throws: `LPError` when the solver cannot run.
    public func profiles(_ instance: HiringInstance, method: LPMethod = .dualSimplex) throws(LPError) -> [ProfileValue] {
        try HiringProgram.checkSize(of: instance)
        var out: [ProfileValue] = []
        for b in 0..<instance.efforts.count {
            let program = HiringProgram(instance, fixedProfile: b)
            let lp = try GLPKSolver(method: method).solve(program.program.prepared(for: method))
            out.append(ProfileValue(profile: b, status: lp.status, value: lp.objective,
                                    exactValue: lp.exact?.objective, exactFailure: lp.exactFailure,
                                    mechanism: lp.status == .optimal ? program.mechanism(from: lp.primal) : nil))
        }
        return out
    }

    public func optimum(_ instance: AcquisitionInstance, method: LPMethod) throws -> AcquisitionResult {
        let h = try hiringInstance(instance)
        let all = try profiles(h, method: method)
        let sizing = HiringProgram(h, fixedProfile: 0)
        let optimal = all.filter { $0.status == .optimal }
        let skipped = all.filter { $0.status != .optimal }
        guard let best = optimal.max(by: { $0.value < $1.value }) else {
            return AcquisitionResult(status: .infeasible, value: -.infinity, method: method,
                                     reason: "No effort profile can be implemented individually rationally with payments capped at M = \(h.paymentCap).",
                                     size: (sizing.program.variables.count, sizing.equalityCount, sizing.inequalityCount))
        }
        var result = AcquisitionResult(status: .optimal, value: best.value, method: method,
                                       size: (sizing.program.variables.count, sizing.equalityCount, sizing.inequalityCount))
        result.details.append(("best_profile", h.efforts.label(best.profile)))
        result.details.append(("profile_values", optimal.map { "\(h.efforts.label($0.profile)): \($0.value)" }.joined(separator: ", ")))
        if !skipped.isEmpty {
            result.details.append(("infeasible_profiles", skipped.map { "\(h.efforts.label($0.profile)) (\($0.status.rawValue): the cap M = \(h.paymentCap) cannot pay for these efforts)" }.joined(separator: ", ")))
        }
        if method == .exact {
            if let failed = optimal.first(where: { $0.exactValue == nil }) {
                result.exactFailure = "profile \(h.efforts.label(failed.profile)): \(failed.exactFailure ?? "no certificate")"
            } else {
                result.exactValue = optimal.compactMap(\.exactValue).max()
            }
        }
        return result
    }
}
