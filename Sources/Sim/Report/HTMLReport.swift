/// A self-contained HTML page of a run's results: the provenance (MechSim version, command line,
/// and per scenario its file, seed and reference), every table (with its intervals where the
/// results carry them), every verdict with its space, arithmetic and witness, the expectations
/// as pass/fail rows, and the SVG plots inline.
///
/// Properties:
/// - self-contained: inline CSS, inline SVG, no script, no external resource (a
///   Content-Security-Policy forbids any), so the page opens offline from a file;
/// - every piece of text is escaped (`escape`): a title or an id holding `<`, `&` or quotes is
///   shown as written, never interpreted;
/// - deterministic: the bytes depend only on the sections and the provenance (no clock, no
///   thread count), so the same results always give the same page;
/// - pass and fail are told by text ("pass", "FAIL") as well as by color.
///
/// Families describe their results as `Section`s (`StudyResult.html`); `render` lays them out.
public struct HTMLReport: Sendable {
    /// What produced the page.
    public struct Provenance: Sendable, Hashable {
        /// The command line, as the user typed it (program name first).
        public var commandLine: [String]
        /// The MechSim version.
        public var version: String

        public init(commandLine: [String], version: String = MechSimVersion.current) {
            self.commandLine = commandLine
            self.version = version
        }
    }

    /// One scenario file's results.
    public struct Section: Sendable {
        public var title: String
        /// The family (`Domain.rawValue`).
        public var domain: String
        /// The scenario file, as named on the command line.
        public var file: String
        /// The random seed(s), as a sentence ("7", "online etc: 5"); nil when nothing is random.
        public var seed: String?
        public var reference: String?
        /// Further provenance rows (label, value): agents, samples, runs.
        public var facts: [(String, String)]
        public var blocks: [Block]
        /// True when an expectation of the scenario failed.
        public var failed: Bool

        public init(title: String, domain: String, file: String, seed: String?, reference: String? = nil,
                    facts: [(String, String)] = [], blocks: [Block] = [], failed: Bool = false) {
            self.title = title
            self.domain = domain
            self.file = file
            self.seed = seed
            self.reference = reference
            self.facts = facts
            self.blocks = blocks
            self.failed = failed
        }
    }

    /// A piece of a section, in reading order.
    public enum Block: Sendable {
        case heading(String)
        case paragraph(String)
        case table(Table)
        case verdicts([VerdictRow])
        case expectations([ExpectationRow])
        /// An SVG document, drawn inline.
        case svg(String)
        /// Text whose layout matters (a family's own aligned table).
        case preformatted(String)
    }

    /// A table: a header and rows of cells; `numeric` columns are right-aligned.
    public struct Table: Sendable {
        public var caption: String?
        public var header: [String]
        public var rows: [[String]]
        public var numeric: Set<Int>
        /// A sentence under the table (what the intervals are, why there is none).
        public var note: String?

        public init(caption: String? = nil, header: [String], rows: [[String]], numeric: Set<Int> = [], note: String? = nil) {
            self.caption = caption
            self.header = header
            self.rows = rows
            self.numeric = numeric
            self.note = note
        }
    }

    /// One verdict: what was checked, the verdict id, the space searched, the arithmetic and the
    /// evidence (the witness of a violation, the samples of a search that found nothing, the
    /// reason a check was inconclusive).
    public struct VerdictRow: Sendable, Hashable {
        public var subject: String
        /// `holds`, `violated`, `no-violation-found` or `inconclusive`.
        public var verdict: String
        public var space: String
        public var arithmetic: String
        public var evidence: String

        public init(subject: String, verdict: String, space: String = "", arithmetic: String = "", evidence: String = "") {
            self.subject = subject
            self.verdict = verdict
            self.space = space
            self.arithmetic = arithmetic
            self.evidence = evidence
        }

        /// The row of a common `Verdict`; `note` is added to the evidence.
        public init(subject: String, _ v: Verdict, note: String? = nil) {
            let space = v.space.description + (v.space.count.map { " (\($0) case\($0 == 1 ? "" : "s"))" } ?? "")
                + (v.space.exhaustive ? "; exhaustive" : "; not exhaustive")
            var evidence: String
            switch v {
            case .holds: evidence = "no violation anywhere in the space"
            case .violated(let w, _, _): evidence = "witness: " + w.explanation
            case .noViolationFound(_, let n, let seed):
                evidence = "no violation found in \(n) sample(s)\(seed.map { ", seed \($0)" } ?? ""); this is not a proof"
            case .inconclusive(let reason, _): evidence = reason
            }
            if let note { evidence += "; " + note }
            self.init(subject: subject, verdict: v.id, space: space, arithmetic: Self.arithmeticText(v.arithmetic), evidence: evidence)
        }

        static func arithmeticText(_ a: Arithmetic?) -> String {
            switch a {
            case .exact?: "exact (rational)"
            case .floatingPoint(let t)?: "floating point, tolerance \(NumberFormatting.short(t))"
            case nil: "—"
            }
        }
    }

    /// One expectation or criterion: what was compared, expected and actual values, the status.
    public struct ExpectationRow: Sendable, Hashable {
        public enum Status: Sendable, Hashable {
            case passed
            case failed
            /// Measured and reported, but the scenario does not require it.
            case failedNotGated
            /// Does not apply to the set-up, with the reason.
            case notApplicable(String)

            /// The words shown in the status cell (never color alone).
            public var label: String {
                switch self {
                case .passed: "pass"
                case .failed: "FAIL"
                case .failedNotGated: "fail (not required)"
                case .notApplicable: "n/a"
                }
            }

            var cssClass: String {
                switch self {
                case .passed: "pass"
                case .failed: "fail"
                case .failedNotGated, .notApplicable: "info"
                }
            }
        }

        public var subject: String
        /// Where the expectation is in the scenario file (`expect[2]`), or the criterion id.
        public var keyPath: String
        public var expected: String
        public var actual: String
        public var status: Status

        public init(subject: String, keyPath: String, expected: String, actual: String, status: Status) {
            self.subject = subject
            self.keyPath = keyPath
            self.expected = expected
            self.actual = actual
            self.status = status
        }

        /// The row of a checked expectation of a scenario file.
        public init(_ e: ExpectationResult) {
            self.init(subject: e.subject, keyPath: e.keyPath, expected: e.expected, actual: e.actual, status: e.passed ? .passed : .failed)
        }
    }

    public var provenance: Provenance
    public var sections: [Section]

    public init(provenance: Provenance, sections: [Section]) {
        self.provenance = provenance
        self.sections = sections
    }

    /// True when some section failed.
    public var failed: Bool { sections.contains(where: \.failed) }
}

// MARK: Rendering

extension HTMLReport {
    /// `&`, `<`, `>`, `"` and `'` as entities; other control characters than tab and newline are
    /// dropped (HTML has no way to show them).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(c)
            default:
                if c.value < 0x20 || c.value == 0x7F { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// An argument as a POSIX shell reads it back: bare when it holds only safe characters,
    /// otherwise in single quotes.
    public static func shellQuoted(_ argument: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !argument.isEmpty, argument.allSatisfy({ safe.contains($0) }) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The page's title: the scenario's title, or the count of scenarios.
    var pageTitle: String {
        sections.count == 1 ? sections[0].title : "MechSim report: \(sections.count) scenarios"
    }

    static let css = """
    body{font-family:Helvetica,Arial,sans-serif;margin:24px auto;max-width:1500px;padding:0 16px;color:#1a1a1a;background:#fff;line-height:1.4}
    h1{font-size:1.6em;margin:0 0 12px}h2{font-size:1.35em;margin:0 0 8px;border-bottom:2px solid #ccc;padding-bottom:4px}
    h3{font-size:1.1em;margin:20px 0 6px}section{margin:28px 0;padding:16px;border:1px solid #ddd;border-radius:6px}
    table{border-collapse:collapse;margin:6px 0 12px;font-size:0.92em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
    th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    caption{text-align:left;font-weight:bold;padding:4px 0}table.provenance th{width:11em}
    code,pre{font-family:Menlo,Consolas,monospace;font-size:0.9em}pre{background:#f7f7f7;border:1px solid #ddd;padding:8px;overflow-x:auto}
    p.note{color:#555;font-size:0.9em;margin:0 0 12px}
    tr.pass td.status{background:#d9f2d9;color:#145214;font-weight:bold}tr.fail td.status{background:#f9d6d6;color:#8b0000;font-weight:bold}
    tr.info td.status{background:#eee;color:#444}
    td.verdict-holds{background:#d9f2d9;color:#145214;font-weight:bold}td.verdict-violated{background:#f9d6d6;color:#8b0000;font-weight:bold}
    td.verdict-no-violation-found{background:#fff3cd;color:#6b5200;font-weight:bold}td.verdict-inconclusive{background:#eee;color:#444;font-weight:bold}
    .status-line.pass{color:#145214;font-weight:bold}.status-line.fail{color:#8b0000;font-weight:bold}
    div.plot{margin:8px 0;overflow-x:auto}div.plot svg{max-width:100%;height:auto}
    """

    /// The page, as UTF-8 text ending in a newline.
    public func render() -> String {
        let e = Self.escape
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="mechsim \(e(provenance.version))">
        <title>\(e(pageTitle))</title>
        <style>
        \(Self.css)
        </style>
        </head>
        <body>
        <header>
        <h1>\(e(pageTitle))</h1>
        <table class="provenance">
        <tr><th>mechsim version</th><td>\(e(provenance.version))</td></tr>
        <tr><th>command line</th><td><code class="command-line">\(e(provenance.commandLine.map(Self.shellQuoted).joined(separator: " ")))</code></td></tr>
        <tr><th>scenario files</th><td>\(e(sections.map(\.file).joined(separator: ", ")))</td></tr>

        """
        let failures = sections.filter(\.failed).count
        let status = failures == 0 ? "pass: every expectation met" : "FAIL: \(failures) of \(sections.count) scenario(s) have a failed expectation"
        out += "<tr><th>status</th><td class=\"status-line \(failures == 0 ? "pass" : "fail")\">\(e(status))</td></tr>\n</table>\n"
        if sections.count > 1 {
            out += "<nav><ol>\n"
            for (i, s) in sections.enumerated() {
                out += "<li><a href=\"#scenario-\(i + 1)\">\(e(s.title))</a> (\(e(s.domain)))\(s.failed ? " — FAIL" : "")</li>\n"
            }
            out += "</ol></nav>\n"
        }
        out += "</header>\n"
        for (i, s) in sections.enumerated() { out += Self.render(s, id: "scenario-\(i + 1)") }
        out += "</body>\n</html>\n"
        return out
    }

    static func render(_ s: Section, id: String) -> String {
        let e = escape
        var out = "<section id=\"\(id)\" data-domain=\"\(e(s.domain))\">\n<h2>\(e(s.title))</h2>\n<table class=\"provenance\">\n"
        var rows: [(String, String)] = [("file", s.file), ("domain", s.domain), ("seed", s.seed ?? "none: nothing in this scenario is random")]
        if let r = s.reference { rows.append(("reference", r)) }
        rows += s.facts
        for (k, v) in rows { out += "<tr><th>\(e(k))</th><td>\(e(v))</td></tr>\n" }
        out += "</table>\n"
        for b in s.blocks { out += render(b) }
        out += "</section>\n"
        return out
    }

    static func render(_ b: Block) -> String {
        let e = escape
        switch b {
        case .heading(let t): return "<h3>\(e(t))</h3>\n"
        case .paragraph(let t): return "<p>\(e(t))</p>\n"
        case .preformatted(let t): return "<pre>\(e(t))</pre>\n"
        case .svg(let svg):
            // Inline: from the <svg> element on (an XML prolog has no place inside HTML).
            guard let start = svg.range(of: "<svg") else { return "" }
            var body = String(svg[start.lowerBound...])
            while body.hasSuffix("\n") { body.removeLast() }
            return "<div class=\"plot\">\n\(body)\n</div>\n"
        case .table(let t):
            var out = "<table>\n"
            if let c = t.caption { out += "<caption>\(e(c))</caption>\n" }
            out += "<tr>" + t.header.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
            for row in t.rows {
                out += "<tr>" + row.enumerated().map { i, c in t.numeric.contains(i) ? "<td class=\"num\">\(e(c))</td>" : "<td>\(e(c))</td>" }.joined() + "</tr>\n"
            }
            out += "</table>\n"
            if let n = t.note { out += "<p class=\"note\">\(e(n))</p>\n" }
            return out
        case .verdicts(let rows):
            var out = "<table class=\"verdicts\">\n<tr><th>checked</th><th>verdict</th><th>space searched</th><th>arithmetic</th><th>witness or evidence</th></tr>\n"
            for r in rows {
                let cls = ["holds", "violated", "no-violation-found", "inconclusive"].contains(r.verdict) ? r.verdict : "inconclusive"
                out += "<tr><td>\(e(r.subject))</td><td class=\"verdict-\(cls)\">\(e(r.verdict))</td><td>\(e(r.space))</td><td>\(e(r.arithmetic))</td><td>\(e(r.evidence))</td></tr>\n"
            }
            return out + "</table>\n"
        case .expectations(let rows):
            let passed = rows.filter { $0.status == .passed }.count, failed = rows.filter { $0.status == .failed }.count
            var out = "<p class=\"note\">\(passed) passed, \(failed) failed\(rows.count > passed + failed ? ", \(rows.count - passed - failed) reported only" : "")</p>\n"
            out += "<table class=\"expectations\">\n<tr><th>status</th><th>checked</th><th>where</th><th>expected</th><th>actual</th></tr>\n"
            for r in rows {
                var actual = r.actual
                if case .notApplicable(let reason) = r.status { actual += " (not applicable: \(reason))" }
                out += "<tr class=\"\(r.status.cssClass)\"><td class=\"status\">\(e(r.status.label))</td><td>\(e(r.subject))</td><td><code>\(e(r.keyPath))</code></td><td>\(e(r.expected))</td><td>\(e(actual))</td></tr>\n"
            }
            return out + "</table>\n"
        }
    }
}
