import Mechanisms

/// The JSON and text forms of a click-bandit study (`mechsim simulate click-bandit`).
public enum ClickBanditReport {
    /// One object: the set-up, then `strong_regret_mean`, `strong_regret_sd`, `weak_regret_mean`,
    /// `weak_regret_sd`, `clicks_mean` and `pulls_mean` (per arm), the screening log.
    public static func json(_ sim: ClickBanditSimulation, _ s: ClickBanditSummary) -> JSONValue {
        let strong = s.strong, weak = s.weak
        return .object([
            ("mechanism", .string(sim.mechanism.descriptor.id)),
            ("label", .string(sim.mechanism.label)),
            ("utility", .string(sim.instance.utility.label)),
            ("means", .array(sim.instance.means.map(JSONValue.number))),
            ("click_rates", .array(sim.instance.clickRates.map(JSONValue.number))),
            ("desired_click_rates", .array(sim.instance.desiredClickRates.map(JSONValue.number))),
            ("horizon", .integer(sim.horizon)),
            ("seeds", .integer(sim.seeds)),
            ("seed", .integer(Int(truncatingIfNeeded: sim.seed))),
            ("strong_regret_mean", .number(strong.mean)),
            ("strong_regret_sd", .number(strong.sd)),
            ("weak_regret_mean", .number(weak.mean)),
            ("weak_regret_sd", .number(weak.sd)),
            ("clicks_mean", .array(s.clicksMean.map(JSONValue.number))),
            ("pulls_mean", .array(s.pullsMean.map(JSONValue.number))),
            ("screened_out_fraction", .array(s.screenedFraction.map(JSONValue.number))),
            ("all_screened_out_fraction", .number(s.allScreenedFraction)),
            ("all_screened_out_round", .array(s.allScreenedOutAt.map { $0.map(JSONValue.integer) ?? .null })),
        ])
    }

    public static func text(_ sim: ClickBanditSimulation, _ s: ClickBanditSummary) -> String {
        let strong = s.strong, weak = s.weak
        var out = "\(sim.mechanism.label) on \(sim.instance.armCount) arms, \(sim.instance.utility.label), T = \(sim.horizon), \(sim.seeds) seed(s)\n"
        out += "strong strategic regret  \(NumberFormatting.short(strong.mean)) ± \(NumberFormatting.short(strong.sd)) (sd)\n"
        out += "weak strategic regret    \(NumberFormatting.short(weak.mean)) ± \(NumberFormatting.short(weak.sd)) (sd)\n"
        var rows = [["arm", "mu", "s", "s*", "clicks", "pulls", "screened"]]
        let sStar = sim.instance.desiredClickRates
        for i in 0..<sim.instance.armCount {
            rows.append([String(i + 1), NumberFormatting.short(sim.instance.means[i]), NumberFormatting.short(sim.instance.clickRates[i]),
                         NumberFormatting.short(sStar[i]), NumberFormatting.short(s.clicksMean[i]), NumberFormatting.short(s.pullsMean[i]),
                         NumberFormatting.short(s.screenedFraction[i])])
        }
        out += ScenarioReport.table(rows)
        out += "all arms screened out in \(NumberFormatting.short(s.allScreenedFraction * 100))% of seeds\n"
        return out
    }
}
