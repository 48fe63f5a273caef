import Foundation
import Mechanisms

extension AcquisitionStudyResult {
    public static func text(_ results: [Self]) -> String { results.map(AcquisitionReport.text).joined(separator: "\n") }
    public static func json(_ results: [Self]) -> String { AcquisitionReport.json(results) }
    public static func csv(_ results: [Self]) -> String { AcquisitionReport.csv(results) }
    public static func svg(_ results: [Self]) -> String? { AcquisitionReport.svg(results) }
}

/// Text, JSON, CSV and SVG reports of information-acquisition scenarios.
public enum AcquisitionReport {
    /// The offline values (one row per instance and mechanism), each online study as `mechsim
    /// online` prints it, and the expectations.
    public static func text(_ r: AcquisitionStudyResult) -> String {
        let f = NumberFormatting.short
        var out = "\(r.scenario.title)  [\(r.scenario.file)]\n"
        if let ref = r.scenario.reference { out += "reference: \(ref)\n" }
        if !r.offline.isEmpty {
            out += "\n"
            var rows = [["instance", "model", "mechanism", "status", "value", "exact", "incentive check"]]
            for v in r.offline {
                rows.append([v.instance, v.model, v.mechanism, v.result.status.rawValue, v.result.value.isFinite ? f(v.result.value) : "-",
                             v.exact.map { $0.exactValue?.description ?? "none" } ?? "", v.incentive.verdict])
            }
            out += ScenarioReport.table(rows)
            for v in r.offline where v.incentive.verdict != "holds" {
                out += "  \(v.mechanism) on \(v.instance): incentive check \(v.incentive.verdict): \(v.incentive.detail)\n"
            }
        }
        for (c, result) in zip(r.scenario.online, r.online) {
            out += "\nonline \(c.name), seed \(c.seed)\n"
            out += RegretStudy.text(result, instance: r.scenario.instances[c.instance].name)
        }
        if !r.expectations.isEmpty {
            out += "\nexpectations\n"
            for e in r.expectations {
                out += "  \(e.passed ? "ok  " : "FAIL") \(e.subject): expected \(e.expected), got \(e.actual)\n"
            }
        }
        return out
    }

    /// An array with one object per scenario: `file`, `title`, `domain`, `reference`,
    /// `offline` (`instance`, `model`, `mechanism`, `status`, `value` (null when infeasible),
    /// `exact_value` and `exact_failure` when solved exactly, `reason`, `details`,
    /// `incentive_check`, `incentive_detail`), `online` (`name`, `algorithm`, `instance`,
    /// `seeds`, `seed`, `radius_scale`, `alpha` for bandit, then the fields of `mechsim online
    /// --format json`), `expectations`.
    public static func json(_ results: [AcquisitionStudyResult]) -> String {
        JSONValue.array(results.map { r in
            .object([
                ("file", .string(r.scenario.file)),
                ("title", .string(r.scenario.title)),
                ("domain", .string(Domain.informationAcquisition.rawValue)),
                ("reference", r.scenario.reference.map { .string($0) } ?? .null),
                ("offline", .array(r.offline.map { v in
                    var fields: [(String, JSONValue)] = [
                        ("instance", .string(v.instance)), ("model", .string(v.model)), ("mechanism", .string(v.mechanism)),
                        ("status", .string(v.result.status.rawValue)),
                        ("value", v.result.value.isFinite ? .number(v.result.value) : .null),
                    ]
                    if let x = v.exact {
                        fields.append(("exact_value", x.exactValue.map { .string($0.description) } ?? .null))
                        if x.exactValue == nil { fields.append(("exact_failure", .string(x.exactFailure ?? x.reason ?? "no certificate"))) }
                    }
                    if let reason = v.result.reason { fields.append(("reason", .string(reason))) }
                    fields.append(("details", .object(v.result.details.map { ($0.0, .string($0.1)) })))
                    fields += [("incentive_check", .string(v.incentive.verdict)), ("incentive_detail", .string(v.incentive.detail))]
                    return .object(fields)
                })),
                ("online", .array(zip(r.scenario.online, r.online).map { c, result in
                    var fields: [(String, JSONValue)] = [
                        ("name", .string(c.name)), ("algorithm", .string(c.algorithm.id)),
                        ("instance", .string(r.scenario.instances[c.instance].name)), ("seeds", .integer(c.seeds)),
                        ("seed", .string(String(c.seed))), ("radius_scale", .number(c.radiusScale)),
                    ]
                    if case .bandit(let alpha) = c.algorithm { fields.append(("alpha", .number(alpha))) }
                    return .object(fields + RegretStudy.jsonFields(result))
                })),
                ("expectations", .array(r.expectations.map { e in
                    .object([("key_path", .string(e.keyPath)), ("subject", .string(e.subject)), ("expected", .string(e.expected)),
                             ("actual", .string(e.actual)), ("passed", .bool(e.passed))])
                })),
            ])
        }).pretty() + "\n"
    }

    /// One long table: a `principal_utility` row per offline value (with the exact fraction
    /// when solved exactly), and per online study and horizon a `regret` row and, in model B, a
    /// `violation` row (mean and 95% band).
    public static func csv(_ results: [AcquisitionStudyResult]) -> String {
        var out = "file,study,instance,mechanism,horizon,quantity,value,low,high,exact\n"
        for r in results {
            let file = r.scenario.file
            for v in r.offline {
                out += [file, "", quoted(v.instance), v.mechanism, "", "principal_utility",
                        v.result.value.isFinite ? NumberFormatting.json(v.result.value) : "", "", "",
                        v.exact?.exactValue?.description ?? ""].joined(separator: ",") + "\n"
            }
            for (c, result) in zip(r.scenario.online, r.online) {
                for p in result.points {
                    var quantities = [("regret", p.regretMean, p.regretHalfWidth)]
                    if let v = p.violationMean { quantities.append(("violation", v, p.violationHalfWidth ?? 0)) }
                    for (q, m, h) in quantities {
                        out += [file, quoted(c.name), quoted(r.scenario.instances[c.instance].name), c.algorithm.id, String(p.horizon), q,
                                NumberFormatting.json(m), NumberFormatting.json(m - h), NumberFormatting.json(m + h), ""].joined(separator: ",") + "\n"
                    }
                }
            }
        }
        return out
    }

    static func quoted(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// One log-log panel per online study (regret and IC violation against T); nil when no
    /// scenario has an online study.
    public static func svg(_ results: [AcquisitionStudyResult]) -> String? {
        var panels: [SVGChart.Panel] = []
        for r in results {
            for (c, result) in zip(r.scenario.online, r.online) {
                panels.append(RegretStudy.panel(result, title: "\(c.name): \(result.algorithm.label)"))
            }
        }
        guard !panels.isEmpty else { return nil }
        return SVGChart.render(title: "Online information acquisition: " + results.map(\.scenario.title).joined(separator: "; "),
                               panels: panels, columns: min(2, panels.count))
    }
}
