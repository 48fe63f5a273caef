import Mechanisms

/// A per-profile quantity of a facility-location mechanism, averaged by the simulator.
///
/// Ratios follow docs/reconstructions.md#facility-model-and-ratios: TC and MC ratios are E[cost] / OPT; the social-welfare ratio is
/// OPT_SW / E[SW] (>= 1). A profile where both the optimum and the mechanism's cost are zero
/// gives no observation for a ratio; a positive cost against a zero optimum gives +infinity.
public enum FacilityMetric: String, Sendable, Hashable, CaseIterable {
    case expectedLocation = "expected-location"
    case expectedTotalCost = "expected-total-cost"
    case expectedMaxCost = "expected-max-cost"
    case expectedSocialWelfare = "expected-social-welfare"
    case totalCostRatio = "total-cost-ratio"
    case maxCostRatio = "max-cost-ratio"
    case socialWelfareRatio = "social-welfare-ratio"
    /// One value per agent: E|Y - x_i|.
    case agentExpectedCosts = "agent-expected-costs"

    public var summary: String {
        switch self {
        case .expectedLocation: "E[Y], the expected facility location"
        case .expectedTotalCost: "E[sum_i |Y - x_i|]"
        case .expectedMaxCost: "E[max_i |Y - x_i|]"
        case .expectedSocialWelfare: "E[sum_i (1 - |Y - x_i|)] = n - E[TC]"
        case .totalCostRatio: "E[TC] / OPT_TC (OPT at the median)"
        case .maxCostRatio: "E[MC] / OPT_MC (OPT at the midpoint)"
        case .socialWelfareRatio: "OPT_SW / E[SW]"
        case .agentExpectedCosts: "E|Y - x_i| for each agent i"
        }
    }

    /// The metrics a scenario reports when it names none (all but the per-agent costs).
    public static let standard: [FacilityMetric] = [
        .expectedTotalCost, .expectedMaxCost, .expectedSocialWelfare,
        .totalCostRatio, .maxCostRatio, .socialWelfareRatio,
    ]
}

@inline(__always)
func ratio(_ value: Double, _ optimum: Double) -> Double {
    if optimum > 0 { return value / optimum }
    return value > 1e-12 ? .infinity : .nan
}
