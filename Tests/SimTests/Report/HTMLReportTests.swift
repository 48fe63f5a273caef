import Foundation
import Mechanisms
import Testing
@testable import Sim

/// The HTML page (`--html`): escaping, verdict rows with their witness, interval cells,
/// expectations as pass/fail, provenance, and the same bytes for the same results.
@Suite("Report layer: the HTML page")
struct HTMLReportTests {
    static let provenance = HTMLReport.Provenance(commandLine: ["mechsim", "run", "a.yaml", "--html", "a.html"], version: "9.9.9")

    static func page(_ blocks: [HTMLReport.Block], title: String = "T", failed: Bool = false) -> String {
        HTMLReport(provenance: provenance, sections: [HTMLReport.Section(title: title, domain: "facility-location", file: "a.yaml",
                                                                         seed: "7", blocks: blocks, failed: failed)]).render()
    }

    @Test("Markup characters are written as entities: & < > \" ' and control characters dropped")
    func escaping() {
        #expect(HTMLReport.escape("<b>\"A&B\"</b> 'x'") == "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt; &#39;x&#39;")
        #expect(HTMLReport.escape("a\u{07}b\tc\nd") == "ab\tc\nd")
        #expect(HTMLReport.escape("1/3 ≤ ½") == "1/3 ≤ ½")
        let html = Self.page([.table(HTMLReport.Table(header: ["<th>"], rows: [["<script>alert(1)</script>"]]))], title: "x < y & \"z\"")
        #expect(html.contains("<title>x &lt; y &amp; &quot;z&quot;</title>"))
        #expect(html.contains("<h2>x &lt; y &amp; &quot;z&quot;</h2>"))
        #expect(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"))
        #expect(html.contains("<th>&lt;th&gt;</th>"))
        #expect(!html.contains("<script"))
    }

    @Test("Provenance: version, the command line quoted for a shell, the file, the seed; no external resource")
    func provenance() {
        let p = HTMLReport.Provenance(commandLine: ["mechsim", "run", "my file.yaml", "--html", "it's.html"], version: "9.9.9")
        let html = HTMLReport(provenance: p, sections: [HTMLReport.Section(title: "T", domain: "derandomized", file: "my file.yaml", seed: "6")]).render()
        #expect(html.contains("<tr><th>mechsim version</th><td>9.9.9</td></tr>"))
        #expect(html.contains("<code class=\"command-line\">mechsim run &#39;my file.yaml&#39; --html &#39;it&#39;\\&#39;&#39;s.html&#39;</code>"))
        #expect(HTMLReport.shellQuoted("it's.html") == "'it'\\''s.html'")
        #expect(html.contains("<tr><th>file</th><td>my file.yaml</td></tr>"))
        #expect(html.contains("<tr><th>seed</th><td>6</td></tr>"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.contains("://"))
    }

    @Test("A violated verdict shows its witness, the space with its count and the arithmetic")
    func verdictWithWitness() {
        let space = CheckedSpace("every profile of 2 agents on the grid {0, 1/2, 1}", count: 9, exhaustive: true)
        let witness = Witness.counterexample(.facilityLocation, "agent 0 at 0 reports 1 and its cost falls from 1/2 to 1/4")
        let row = HTMLReport.VerdictRow(subject: "average · strategyproofness", .violated(witness, space: space, arithmetic: .exact))
        #expect(row.verdict == "violated")
        #expect(row.space == "every profile of 2 agents on the grid {0, 1/2, 1} (9 cases); exhaustive")
        #expect(row.arithmetic == "exact (rational)")
        #expect(row.evidence == "witness: agent 0 at 0 reports 1 and its cost falls from 1/2 to 1/4")
        let html = Self.page([.verdicts([row])])
        #expect(html.contains("<tr><td>average · strategyproofness</td><td class=\"verdict-violated\">violated</td><td>every profile of 2 agents on the grid {0, 1/2, 1} (9 cases); exhaustive</td><td>exact (rational)</td><td>witness: agent 0 at 0 reports 1 and its cost falls from 1/2 to 1/4</td></tr>"))

        let sampled = HTMLReport.VerdictRow(subject: "m · a", .noViolationFound(space: CheckedSpace("500 profiles", count: 500, exhaustive: false), samples: 500, seed: 3))
        #expect(sampled.verdict == "no-violation-found")
        #expect(sampled.evidence == "no violation found in 500 sample(s), seed 3; this is not a proof")
        #expect(sampled.arithmetic == "—")
        let floating = HTMLReport.VerdictRow(subject: "m · a", .holds(space: space, arithmetic: .floatingPoint(tolerance: 1e-9)), note: "9 profiles checked")
        #expect(floating.arithmetic == "floating point, tolerance 1e-09")
        #expect(floating.evidence == "no violation anywhere in the space; 9 profiles checked")
    }

    @Test("An interval cell: values 1, 2, 3 give mean 2 and the 95% CI 2 ± 1.96/√3 = [0.868414, 3.13159]; one value is exact")
    func intervalRow() {
        var a = Accumulator()
        for x in [1.0, 2, 3] { a.add(x) }
        let cell = HTMLReport.interval(a.estimate)
        #expect(cell.mean == "2")
        #expect(cell.interval == "[0.868414, 3.13159]")
        var one = Accumulator()
        one.add(0.25)
        #expect(HTMLReport.interval(one.estimate).mean == "0.25")
        #expect(HTMLReport.interval(one.estimate).interval == "exact (one value)")
        let html = Self.page([.table(HTMLReport.Table(header: ["mechanism", "mean", "95% CI"], rows: [["median", cell.mean, cell.interval]], numeric: [1, 2]))])
        #expect(html.contains("<tr><td>median</td><td class=\"num\">2</td><td class=\"num\">[0.868414, 3.13159]</td></tr>"))
    }

    @Test("Expectations are rows marked pass or FAIL in words and in color; the page's status says FAIL")
    func expectations() {
        let rows = [
            HTMLReport.ExpectationRow(ExpectationResult(keyPath: "expect[0]", subject: "median expected-total-cost", expected: "1/10", actual: "0.1", passed: true)),
            HTMLReport.ExpectationRow(ExpectationResult(keyPath: "expect[1]", subject: "median expected-max-cost", expected: "1/5", actual: "0.1", passed: false)),
            HTMLReport.ExpectationRow(subject: "c", keyPath: "a1-x", expected: "reported only", actual: "0.4", status: .notApplicable("one arm")),
        ]
        let html = Self.page([.expectations(rows)], failed: true)
        #expect(html.contains("<p class=\"note\">1 passed, 1 failed, 1 reported only</p>"))
        #expect(html.contains("<tr class=\"pass\"><td class=\"status\">pass</td><td>median expected-total-cost</td><td><code>expect[0]</code></td><td>1/10</td><td>0.1</td></tr>"))
        #expect(html.contains("<tr class=\"fail\"><td class=\"status\">FAIL</td><td>median expected-max-cost</td><td><code>expect[1]</code></td><td>1/5</td><td>0.1</td></tr>"))
        #expect(html.contains("<td class=\"status\">n/a</td><td>c</td><td><code>a1-x</code></td><td>reported only</td><td>0.4 (not applicable: one arm)</td>"))
        #expect(html.contains("<td class=\"status-line fail\">FAIL: 1 of 1 scenario(s) have a failed expectation</td>"))
        #expect(Self.page([]).contains("<td class=\"status-line pass\">pass: every expectation met</td>"))
    }

    @Test("An SVG plot is inlined from its <svg> element on")
    func inlineSVG() {
        let html = Self.page([.svg("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n")])
        #expect(html.contains("<div class=\"plot\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n</div>\n"))
        #expect(!html.contains("<?xml"))
    }

    static let facility = """
    domain: facility-location
    title: "Median and Random Rank on <uniform> profiles"
    agents: 3
    profiles: {distribution: uniform, count: 3000, seed: 5}
    mechanisms: [median, random-rank]
    metrics: [expected-total-cost]
    axioms:
      - {id: strategyproofness, agents: 2, grid: 4, expect: {median: holds}}
    expect:
      - {mechanism: random-rank, metric: expected-total-cost, value: 0.6667, tolerance: 0.05}

    """

    @Test("A facility scenario's page: the title escaped, seed, the metrics with 95% CI, the verdict, the expectation, the plot; the same bytes for 1 and 3 threads")
    func facilityPage() throws {
        let study = try ScenarioFile.parse(Self.facility, file: "f.yaml")
        let one = try StudyPipeline.run(study, threads: 1)
        let three = try StudyPipeline.run(study, threads: 3)
        let html = StudyReport([one]).html(commandLine: ["mechsim", "run", "f.yaml"])
        #expect(html == StudyReport([three]).html(commandLine: ["mechsim", "run", "f.yaml"]))
        #expect(html.contains("<h2>Median and Random Rank on &lt;uniform&gt; profiles</h2>"))
        #expect(html.contains("<tr><th>seed</th><td>5</td></tr>"))
        let r = try #require(one as? FacilityStudyResult).variants[0]
        let e = r.estimates[1]
        #expect(html.contains("<td>random-rank</td><td>expected-total-cost</td><td class=\"num\">\(NumberFormatting.short(e.mean))</td><td class=\"num\">[\(NumberFormatting.short(e.lower95)), \(NumberFormatting.short(e.upper95))]</td>"))
        #expect(html.contains("<td>median · strategyproofness</td><td class=\"verdict-holds\">holds</td>"))
        #expect(html.contains("<tr class=\"pass\"><td class=\"status\">pass</td><td>random-rank expected-total-cost</td>"))
        #expect(html.contains("<div class=\"plot\">\n<svg"))
    }

    @Test("A derandomized scenario's page: exact probabilities as fractions beside the empirical frequencies, the exact gain as a fraction")
    func derandomizedPage() throws {
        let text = """
        domain: derandomized
        title: random dictator
        mechanism: random-dictator
        method: game-first
        reports: [[0, 1, 2], [1, 2, 0], [2, 0, 1]]
        simulation: {runs: 3000, seed: 6, deviator: {agent: 0, moves: [0]}}
        expect:
          - {metric: deviator_exact_gain, value: 0}

        """
        let result = try StudyPipeline.run(try ScenarioFile.parse(text, file: "d.yaml"), threads: 2)
        let html = StudyReport([result]).html(commandLine: ["mechsim"])
        let r = try #require(result as? DerandomizedScenarioResult)
        #expect(r.model.probabilities.map(\.description) == ["1/3", "1/3", "1/3"])
        #expect(html.contains("<td class=\"num\">1/3</td><td class=\"num\">0.333333</td><td class=\"num\">\(NumberFormatting.short(r.frequencies[0]))</td>"))
        #expect(html.contains("<tr><td>deviator exact gain (fraction)</td><td class=\"num\">0</td></tr>"))
        #expect(html.contains("<tr><th>deviator</th><td>agent 0 plays moves 0</td></tr>"))
        #expect(html.contains("<td class=\"status\">pass</td>"))
    }

    @Test("Several families give one page with a section per scenario file, in the order of the files")
    func mixedFamilies() throws {
        let derandomized = """
        domain: derandomized
        title: second
        mechanism: random-dictator
        method: game-first
        reports: [[0, 1], [1, 0]]
        simulation: {runs: 100, seed: 1}

        """
        let a = try StudyPipeline.run(try ScenarioFile.parse(derandomized, file: "d.yaml"), threads: 1)
        let b = try StudyPipeline.run(try ScenarioFile.parse(Self.facility, file: "f.yaml"), threads: 1)
        let html = StudyReport([a, b]).html(commandLine: ["mechsim"])
        #expect(html.contains("<title>MechSim report: 2 scenarios</title>"))
        let first = try #require(html.range(of: "<section id=\"scenario-1\" data-domain=\"derandomized\">"))
        let second = try #require(html.range(of: "<section id=\"scenario-2\" data-domain=\"facility-location\">"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(html.contains("<li><a href=\"#scenario-2\">Median and Random Rank on &lt;uniform&gt; profiles</a> (facility-location)</li>"))
    }
}
