/// The properties the information-acquisition incentive checkers judge (`HiringIncentiveChecker`
/// for model A, `SendersIncentiveChecker` for model B), on the mechanism an LP computes for an
/// instance.
public enum InformationAcquisitionAxiom: String, Sendable, Hashable, CaseIterable {
    case incentiveCompatibility = "incentive-compatibility"
    case individualRationality = "individual-rationality"
    case limitedLiability = "limited-liability"
    case paymentCap = "payment-cap"

    public var id: String { rawValue }

    public var name: String {
        switch self {
        case .incentiveCompatibility: "Incentive compatibility (truthful reporting and obedience)"
        case .individualRationality: "Individual rationality"
        case .limitedLiability: "Limited liability"
        case .paymentCap: "Payment cap"
        }
    }

    public var definition: String {
        switch self {
        case .incentiveCompatibility:
            "No agent gains by deviating from its recommended effort and truthful report: D_i(b_i, b_i') - U_i(b_i) <= 0 for every effort b_i' and every reporting map (model A); no sender gains by misreporting its signal, max_r U_i(s_i -> r) - U_i(s_i -> s_i) <= 0 (model B)."
        case .individualRationality:
            "Every agent's obedient expected utility given its recommendation is non-negative: U_i(b_i) >= 0 (model A)."
        case .limitedLiability: "Every payment on a recommended profile is non-negative: gamma_i >= 0."
        case .paymentCap: "Every payment on a recommended profile is at most the instance's cap M: gamma_i <= M."
        }
    }

    public var source: String {
        switch self {
        case .incentiveCompatibility: "Cacciamani, Castiglioni and Gatti (2023a, 2023b), abstracts; checkers: docs/reconstructions.md#hiring-lp, #sender-preferences"
        default: "Cacciamani, Castiglioni and Gatti (2023a), abstract; checker: docs/reconstructions.md#hiring-lp"
        }
    }
}
