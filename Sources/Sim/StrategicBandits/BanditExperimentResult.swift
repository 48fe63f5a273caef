/// One "reproduced" criterion of a paper experiment: what was measured against the threshold
/// (docs/reconstructions.md#thresholds-and-gates-we-chose), and whether it passed. Ungated criteria are reported but never fail a run; a criterion
/// that does not apply to the set-up (`notApplicable`, the reason) is printed "n/a" beside its
/// measured value, never as a pass.
public struct BanditCriterion: Sendable, Hashable {
    /// Stable id used by scenario files' `expect:` lists (`a1-ucbs-exponent`).
    public var id: String
    public var statement: String
    public var measured: String
    public var passed: Bool
    public var gated: Bool
    /// Why the criterion does not apply to this set-up; nil when it does.
    public var notApplicable: String?

    public init(id: String, statement: String, measured: String, passed: Bool, gated: Bool = true) {
        self.id = id
        self.statement = statement
        self.measured = measured
        self.passed = passed
        self.gated = gated
    }

    /// The criterion, marked as not applicable for `reason`: ungated and not passed.
    public func notApplicable(_ reason: String) -> BanditCriterion {
        var c = self
        c.notApplicable = reason
        c.passed = false
        c.gated = false
        return c
    }
}

/// The outcome of a strategic-bandit experiment: a table, the criteria, CSV rows and figures.
public struct BanditExperimentResult: Sendable {
    public var file: String
    public var title: String
    /// Text lines before the criteria (set-up, tables).
    public var report: String
    public var criteria: [BanditCriterion]
    /// Criterion ids the scenario expects to pass.
    public var expected: [String]
    public var csv: String
    public var svg: String
    /// The scenario's seed and reference (provenance of the HTML page).
    public var seed: UInt64?
    public var reference: String?

    public init(file: String, title: String, report: String, criteria: [BanditCriterion], expected: [String] = [],
                csv: String, svg: String) {
        self.file = file
        self.title = title
        self.report = report
        self.criteria = criteria
        self.expected = expected
        self.csv = csv
        self.svg = svg
    }

    /// An expected criterion failed (or is missing).
    public var failed: Bool {
        expected.contains { id in !(criteria.first { $0.id == id }?.passed ?? false) }
    }

    public var text: String {
        var out = "\(title)  [\(file)]\n" + report
        out += "criteria (thresholds: docs/reconstructions.md#thresholds-and-gates-we-chose):\n"
        var rows = [["", "id", "criterion", "measured"]]
        for c in criteria {
            let mark = c.notApplicable != nil ? "n/a" : c.passed ? "pass" : (c.gated ? "FAIL" : "fail (not gated)")
            rows.append([mark, c.id, c.statement, c.measured + (c.notApplicable.map { " (not applicable: \($0))" } ?? "")])
        }
        out += ScenarioReport.table(rows)
        if !expected.isEmpty { out += failed ? "expectations: FAILED\n" : "expectations: all \(expected.count) met\n" }
        return out
    }

    public var json: JSONValue {
        .object([
            ("file", .string(file)), ("title", .string(title)),
            ("criteria", .array(criteria.map { c in
                .object([("id", .string(c.id)), ("statement", .string(c.statement)), ("measured", .string(c.measured)),
                         ("passed", .bool(c.passed)), ("gated", .bool(c.gated)),
                         ("applicable", .bool(c.notApplicable == nil))])
            })),
            ("expected", .array(expected.map(JSONValue.string))), ("failed", .bool(failed)),
        ])
    }
}

/// CSV text from a header and rows of fields.
func csvText(_ header: [String], _ rows: [[String]]) -> String {
    ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
}

