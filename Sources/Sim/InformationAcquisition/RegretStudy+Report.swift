import Foundation

extension RegretStudy {
    /// The JSON object `mechsim online --format json` prints: the points with their 95% bands,
    /// the fitted exponents and the papers' (`algorithmID` is the command-line name, such as
    /// `explore-then-commit`; `instance` the instance file's path).
    public static func json(_ r: Result, algorithmID: String, instance: String) -> JSONValue {
        let rates = r.algorithm.paperRates
        return .object([
            ("algorithm", .string(algorithmID)), ("instance", .string(instance)), ("seeds", .integer(r.seeds)),
            ("optimum", .number(r.optimum)),
            ("points", .array(r.points.map { p in
                var f: [(String, JSONValue)] = [("horizon", .integer(p.horizon)), ("regret", .number(p.regretMean)),
                                                ("regret_half_width", .number(p.regretHalfWidth))]
                if let v = p.violationMean { f += [("violation", .number(v)), ("violation_half_width", .number(p.violationHalfWidth ?? 0))] }
                return .object(f)
            })),
            ("regret_exponent", r.regretExponent.map { .number($0) } ?? .null), ("paper_regret_exponent", .number(rates.regret)),
            ("violation_exponent", r.violationExponent.map { .number($0) } ?? .null),
            ("paper_violation_exponent", rates.violation.map { .number($0) } ?? .null),
        ])
    }

    /// The table `mechsim online` prints: T, regret and violation with their 95% half-widths,
    /// then the fitted exponents beside the papers'. Ends with a newline.
    public static func text(_ r: Result, instance: String, radiusScale: Double) -> String {
        let rates = r.algorithm.paperRates
        var out = "\(r.algorithm.label) on \(instance): OPT = \(NumberFormatting.short(r.optimum)), \(r.seeds) seeds, 95% bands, radius scale \(NumberFormatting.short(radiusScale))\n"
        var rows = [["T", "regret", "+/-"] + (r.points.first?.violationMean != nil ? ["violation", "+/-"] : [])]
        for p in r.points {
            var row = [String(p.horizon), NumberFormatting.short(p.regretMean), NumberFormatting.short(p.regretHalfWidth)]
            if let v = p.violationMean { row += [NumberFormatting.short(v), NumberFormatting.short(p.violationHalfWidth ?? 0)] }
            rows.append(row)
        }
        out += ScenarioReport.table(rows)
        out += "fitted regret exponent \(r.regretExponent.map { String(format: "%.3f", $0) } ?? "- (regret ≤ 0 somewhere: the optimistic LP beats OPT by violating IC)")  (paper: \(String(format: "%.3f", rates.regret)))\n"
        if let v = rates.violation {
            out += "fitted violation exponent \(r.violationExponent.map { String(format: "%.3f", $0) } ?? "- (no violation)")  (paper: \(String(format: "%.3f", v)))\n"
        }
        return out
    }
}
