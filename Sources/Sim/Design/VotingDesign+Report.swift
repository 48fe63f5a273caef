import Foundation
import Mechanisms
import Solvers

extension VotingDesign.Result {
    /// The optimum as a fraction when exact, else as a decimal.
    public var optimumText: String {
        if let optimum { return optimum.description }
        return optimumDecimal.map { NumberFormatting.short($0) } ?? "-"
    }

    /// A profile (ranking indices) as rankings, best first.
    func rankings(_ profile: [Int]) -> [[Int]] { space.rankings(of: profile) }

    /// `{"domain", "agents", "candidates", "axioms", "objective", "utility", "scores", "method",
    /// "status", "optimum", "optimum_decimal", "exact", "exact_note", "mechanism", "compared",
    /// "checks", "variables", "constraints", "anonymous", "seconds"}`; probabilities as
    /// fractions, each profile as its voters' rankings (best first; one per multiset when
    /// anonymous).
    public func json(includeMechanism: Bool = true, includeTimes: Bool = true) -> JSONValue {
        let r = request
        var pairs: [(String, JSONValue)] = [
            ("domain", .string("voting")),
            ("agents", .integer(r.agents)),
            ("candidates", .integer(r.candidates)),
            ("axioms", .array(r.axioms.map { .string($0) })),
            ("objective", .string(r.objective.rawValue)),
            ("utility", .string(r.utility.id)),
            ("scores", .array(r.utility.scores(candidates: r.candidates).map { .integer($0) })),
            ("method", .string(r.method.rawValue)),
            ("status", .string(status)),
            ("optimum", optimum.map { .string($0.description) } ?? optimumDecimal.map { .string(NumberFormatting.short($0)) } ?? .null),
            ("optimum_decimal", optimumDecimal.map { .number($0) } ?? .null),
            ("exact", .bool(exact)),
            ("exact_note", .string(exactNote)),
        ]
        if request.uniqueness {
            pairs += [("unique", unique.map { .bool($0) } ?? .null), ("uniqueness_note", .string(uniquenessNote))]
        }
        if includeMechanism {
            pairs.append(("mechanism", .array(lotteries.map { profile, lottery in
                .object([("profile", VotingWitness.rankings(rankings(profile))),
                         ("lottery", .array(lottery.map { .array([.integer($0.candidate), .string($0.probability.description)]) }))])
            })))
        }
        pairs += [
            ("compared", .array(compared.map {
                .object([("mechanism", .string($0.mechanism)), ("value", .number($0.value.doubleValue)),
                         ("fraction", .string($0.value.description)), ("optimal", .bool($0.optimal))])
            })),
            ("checks", .array(checks.map { c in
                var fields: [(String, JSONValue)] = [("axiom", .string(c.axiom.id)), ("verdict", .string(c.verdict.id))]
                if let w = c.verdict.witness { fields.append(("witness", w.json)) }
                return .object(fields)
            })),
            ("variables", .integer(variables)),
            ("constraints", .integer(constraints)),
            ("anonymous", .bool(anonymous)),
        ]
        if includeTimes { pairs.append(("seconds", .number(seconds))) }
        return .object(pairs)
    }

    /// A few lines for people: the optimum, the program's size, the designed rule's checks and
    /// the registered voting mechanisms beside it. `includeTimes: false` leaves the wall-clock
    /// time out (scenario reports).
    public func text(includeTimes: Bool = true) -> String {
        let r = request
        let scores = r.utility.scores(candidates: r.candidates)
        var out = "Design: voting, \(r.agents) voter\(r.agents == 1 ? "" : "s"), \(r.candidates) candidates, strict rankings, probabilistic rules\n"
        out += "Axioms: \(r.axioms.isEmpty ? "none" : r.axioms.joined(separator: ", "))\n"
        out += "Objective: \(r.objective.rawValue) (the average voter's expected utility, every ordered profile equally likely; \(r.utility.id) scores \(scores.map(String.init).joined(separator: ", ")))\n"
        out += "Status: \(status)\n"
        if status == "optimal" {
            out += "Optimum: \(optimumText)\(optimumDecimal.map { " (\(NumberFormatting.short($0)))" } ?? "")\(exact ? ", exact" : ", not confirmed exactly")\n"
        }
        out += "  \(exactNote)\n"
        if r.uniqueness && status == "optimal" {
            out += "Unique: \(unique.map { $0 ? "yes" : "no" } ?? "not decided")\n  \(uniquenessNote)\n"
        }
        out += "Program: \(variables.formatted()) variables, \(constraints.formatted()) constraints\(anonymous ? " (profiles as multisets of rankings, by anonymity)" : "")\(includeTimes ? "; \(String(format: "%.3f", seconds)) s in all" : "")\n"
        if !checks.isEmpty {
            out += "Designed rule, ordinary checkers on every ordered profile: " + checks.map { "\($0.axiom.id) \($0.verdict.id)" }.joined(separator: ", ") + "\n"
            for c in checks { if let w = c.verdict.witness { out += "  \(c.axiom.id): \(w.explanation)\n" } }
        }
        if !compared.isEmpty {
            out += "Registered voting mechanisms with the same axioms:\n"
            for c in compared {
                out += "  \(c.mechanism) \(c.value): \(c.optimal ? "optimal" : "not optimal")\n"
            }
        } else if r.compare && status == "optimal" {
            out += "Registered voting mechanisms with the same axioms: none\n"
        }
        return out
    }
}
