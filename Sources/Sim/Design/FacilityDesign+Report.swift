import Foundation
import Mechanisms
import Solvers

extension FacilityDesign.Result {
    /// Grid indices as exact locations ("1/4").
    func locations(_ profile: [Int]) -> [String] {
        profile.map { Rational($0, request.grid).description }
    }

    /// The optimum as a fraction when exact, else as a decimal.
    public var optimumText: String {
        if let optimum { return optimum.description }
        return optimumDecimal.map { NumberFormatting.short($0) } ?? "-"
    }

    /// `{"domain", "agents", "grid", "axioms", "objective", "deterministic", "method", "status",
    /// "optimum", "optimum_decimal", "exact", "exact_note", "worst_profiles",
    /// "worst_profile_count", "mechanism", "compared", "checks", "variables", "constraints",
    /// "anonymous", "seconds", "solve_seconds"}`; locations and probabilities as fractions.
    public func json(includeMechanism: Bool = true, includeTimes: Bool = true) -> JSONValue {
        let g = request.grid
        var pairs: [(String, JSONValue)] = [
            ("domain", .string("facility-location")),
            ("agents", .integer(request.agents)),
            ("grid", .integer(g)),
            ("axioms", .array(request.axioms.map { .string($0) })),
            ("objective", .string(request.objective.rawValue)),
            ("deterministic", .bool(request.deterministic)),
            ("method", .string(request.deterministic ? "mip" : request.method.rawValue)),
            ("status", .string(status)),
            ("optimum", optimum.map { .string($0.description) } ?? optimumDecimal.map { .string(NumberFormatting.short($0)) } ?? .null),
            ("optimum_decimal", optimumDecimal.map { .number($0) } ?? .null),
            ("exact", .bool(exact)),
            ("exact_note", .string(exactNote)),
            ("worst_profiles", .array(worstProfiles.map { .array(locations($0).map { .string($0) }) })),
            ("worst_profile_count", .integer(worstProfileCount)),
        ]
        if includeMechanism {
            pairs.append(("mechanism", .array(lotteries.map { profile, lottery in
                .object([("profile", .array(locations(profile).map { .string($0) })),
                         ("lottery", .array(lottery.map { .array([.string(Rational($0.outcome, 2 * g).description), .string($0.probability.description)]) }))])
            })))
        }
        pairs += [
            ("compared", .array(compared.map {
                .object([("mechanism", .string($0.mechanism)), ("value", .number($0.value)),
                         ("fraction", $0.fraction.map { .string($0) } ?? .null), ("optimal", .bool($0.optimal))])
            })),
            ("checks", .array(checks.map { .object([("axiom", .string($0.axiom)), ("verdict", .string($0.verdict.id))]) })),
            ("variables", .integer(variables)),
            ("constraints", .integer(constraints)),
            ("anonymous", .bool(anonymous)),
        ]
        if request.uniqueness {
            pairs += [("unique", unique.map { .bool($0) } ?? .null), ("uniqueness_note", .string(uniquenessNote))]
            if let difference {
                pairs.append(("difference", .object([
                    ("profile", .array(locations(difference.profile).map { .string($0) })),
                    ("lottery", lotteryJSON(difference.designed)), ("other_lottery", lotteryJSON(difference.other)),
                ])))
            }
        }
        if !mixture.isEmpty {
            pairs.append(("mixture", .array(mixture.map { m in
                .object([("phantoms", .array(m.phantoms.map { .string(Rational($0, 2 * g).description) })), ("weight", .string(m.weight.description))])
            })))
        }
        if includeTimes { pairs += [("seconds", .number(seconds)), ("solve_seconds", .number(solveSeconds))] }
        return .object(pairs)
    }

    /// [[location, probability], ...] as fractions.
    func lotteryJSON(_ lottery: [(outcome: Int, probability: Rational)]) -> JSONValue {
        .array(lottery.map { .array([.string(Rational($0.outcome, 2 * request.grid).description), .string($0.probability.description)]) })
    }

    /// "1/2: 1/3, 1: 2/3".
    func lotteryText(_ lottery: [(outcome: Int, probability: Rational)]) -> String {
        lottery.map { "\(Rational($0.outcome, 2 * request.grid)): \($0.probability)" }.joined(separator: ", ")
    }

    /// A few lines for people: the optimum, where it is attained, the program's size, the
    /// designed mechanism's checks and the registered mechanisms beside it.
    /// `includeTimes: false` leaves the wall-clock times out (scenario reports, which must not
    /// depend on the machine).
    public func text(includeTimes: Bool = true) -> String {
        let r = request
        var out = "Design: facility location, \(r.agents) agents, reports on {0, 1/\(r.grid), ..., 1}, outcomes on {0, 1/\(2 * r.grid), ..., 1}\n"
        out += "Axioms: \(r.axioms.isEmpty ? "none" : r.axioms.joined(separator: ", "))\(r.deterministic ? " (deterministic: every lottery a 0/1 choice)" : "")\n"
        let what = switch r.objective {
        case .maxCost: "worst-case ratio E[max cost] / OPT"
        case .totalCost: "worst-case ratio E[total cost] / OPT"
        case .socialWelfare: "worst-case ratio OPT_SW / E[SW]"
        case .expectedTotalCost: "expected total cost, reports uniform on the grid"
        case .expectedMaxCost: "expected max cost, reports uniform on the grid"
        case .feasibility: "none: any mechanism satisfying the axioms"
        }
        out += "Objective: \(r.objective.rawValue) (\(what))\n"
        out += "Status: \(status)\n"
        if status == "optimal" {
            out += "Optimum: \(optimumText)\(optimumDecimal.map { " (\(NumberFormatting.short($0)))" } ?? "")\(exact ? ", exact" : (r.deterministic && optimum != nil ? ", the 0/1 mechanism's exact value" : ", not confirmed exactly"))\n"
            out += "  \(exactNote)\n"
            if !worstProfiles.isEmpty {
                out += "Worst profiles (\(worstProfileCount)): " + worstProfiles.prefix(6).map { "(" + locations($0).joined(separator: ", ") + ")" }.joined(separator: ", ")
                out += worstProfileCount > 6 ? ", ...\n" : "\n"
            }
        } else {
            out += "  \(exactNote)\n"
        }
        out += "Program: \(variables.formatted()) variables, \(constraints.formatted()) constraints\(anonymous ? " (profiles as multisets, by anonymity)" : "")\(includeTimes ? "; solved in \(String(format: "%.3f", solveSeconds)) s, \(String(format: "%.3f", seconds)) s in all" : "")\n"
        if r.uniqueness && status == "optimal" {
            out += "Unique: \(unique.map { $0 ? "yes" : "no" } ?? "not decided")\n  \(uniquenessNote)\n"
            if let difference {
                out += "  At (\(locations(difference.profile).joined(separator: ", "))): designed {\(lotteryText(difference.designed))}, other {\(lotteryText(difference.other))}\n"
            }
        }
        if !mixture.isEmpty {
            out += "Mixture of phantom rules: " + mixture.prefix(6).map { m in
                "\(m.weight) × med(x, " + m.phantoms.map { Rational($0, 2 * r.grid).description }.joined(separator: ", ") + ")"
            }.joined(separator: " + ") + (mixture.count > 6 ? " + ... (\(mixture.count) rules)" : "") + "\n"
        }
        if !checks.isEmpty {
            out += "Designed mechanism, ordinary checkers on the grid: " + checks.map { "\($0.axiom) \($0.verdict.id)" }.joined(separator: ", ") + "\n"
        }
        if !compared.isEmpty {
            out += "Registered mechanisms with the same axioms on this grid:\n"
            for c in compared {
                let value = c.fraction ?? NumberFormatting.short(c.value)
                out += "  \(c.mechanism) \(value): \(c.optimal ? "optimal" : (c.value < (optimumDecimal ?? 0) ? "below the grid optimum (outcomes off the half-step grid)" : "not optimal"))\n"
            }
        } else if r.compare && status == "optimal" {
            out += "Registered mechanisms with the same axioms on this grid: none\n"
        }
        return out
    }
}
