import Mechanisms
import Solvers

// Each family's results as sections of the HTML page, from the same structured results its
// text, JSON, CSV and SVG reports are rendered from.

extension StudyResult {
    /// Families without a page of their own: their text report and plot.
    public static func html(_ results: [Self]) -> [HTMLReport.Section] {
        var blocks: [HTMLReport.Block] = [.preformatted(text(results))]
        if let s = svg(results) { blocks.append(.svg(s)) }
        return [HTMLReport.Section(title: domain.rawValue, domain: domain.rawValue, file: "", seed: nil, blocks: blocks,
                                   failed: results.contains(where: \.failed))]
    }

    /// This result's sections of the page.
    var htmlSections: [HTMLReport.Section] { Self.html([self]) }
}

extension HTMLReport {
    /// A mean with its 95% interval, or the exact value when there is no interval.
    static func interval(_ e: Estimate) -> (mean: String, interval: String) {
        let f = NumberFormatting.short
        if e.infiniteCount > 0 { return ("inf (\(e.infiniteCount) infinite)", "—") }
        if e.count == 0 { return ("—", "—") }
        return (f(e.mean), e.count > 1 ? "[\(f(e.lower95)), \(f(e.upper95))]" : "exact (one value)")
    }
}

// MARK: Facility location

extension FacilityStudyResult {
    public static func html(_ results: [Self]) -> [HTMLReport.Section] { results.map(\.htmlSection) }

    var htmlSection: HTMLReport.Section {
        let f = NumberFormatting.short
        let first = variants[0].scenario
        let explicit = first.distribution.id == "explicit"
        var blocks: [HTMLReport.Block] = []
        for r in variants {
            let s = r.scenario
            if variants.count > 1 { blocks.append(.heading("\(s.agents) agents")) }
            let params = s.distribution.parameterList.map { "\($0.0) = \(f($0.1))" }.joined(separator: ", ")
            blocks.append(.paragraph(explicit ? "\(s.count) explicit profile(s) of \(s.agents) agents: every value is exact, nothing is sampled."
                                     : "\(s.count) profiles of \(s.agents) agents drawn from \(s.distribution.id)\(params.isEmpty ? "" : " (\(params))"), seed \(s.seed); means with 95% confidence intervals."))
            if !r.slots.isEmpty, let values = r.profileValues {
                let shown = min(values.count, 12)
                var header = ["mechanism", "metric"] + (0..<shown).map { "profile \($0)" }
                if values.count > shown { header.append("…") }
                if values.count > 1 { header.append("mean") }
                var rows: [[String]] = []
                for (i, (slot, e)) in zip(r.slots, r.estimates).enumerated() {
                    var row = [slot.mechanism, slot.name] + values.prefix(shown).map { f($0[i]) }
                    if values.count > shown { row.append("…") }
                    if values.count > 1 { row.append(HTMLReport.interval(e).mean) }
                    rows.append(row)
                }
                blocks.append(.table(HTMLReport.Table(caption: "Metrics", header: header, rows: rows, numeric: Set(2..<header.count),
                                                      note: "Exact value on each listed profile (nothing is sampled, so no interval).")))
            } else if !r.slots.isEmpty {
                let rows = zip(r.slots, r.estimates).map { slot, e in
                    let m = HTMLReport.interval(e)
                    return [slot.mechanism, slot.name, m.mean, m.interval, f(e.standardError), f(e.minimum), f(e.maximum), String(e.count)]
                }
                blocks.append(.table(HTMLReport.Table(caption: "Metrics", header: ["mechanism", "metric", "mean", "95% CI", "standard error", "min", "max", "profiles"],
                                                      rows: rows, numeric: [2, 3, 4, 5, 6, 7])))
            }
            if !r.checks.isEmpty {
                blocks.append(.heading("Axioms"))
                blocks.append(.verdicts(r.checks.map { c in
                    HTMLReport.VerdictRow(subject: "\(c.mechanism) · \(c.axiom)", c.verdict.verdict(in: c.space),
                                          note: "\(c.profilesChecked) profiles checked\(c.shrunk ? ", witness shrunk" : "")")
                }))
            }
            if !r.worstCases.isEmpty {
                let rows = r.worstCases.map { w in
                    [w.subject, w.objective.rawValue, w.exact.map { $0.contains("/") ? "\($0) = \(f(w.ratio))" : "\($0) (exact)" } ?? f(w.ratio),
                     w.exact == nil ? "floating point" : "exact fraction", String(w.agents), "1/\(w.grid)",
                     w.profile.map { $0.map(f).joined(separator: ", ") } ?? "—"]
                }
                blocks.append(.table(HTMLReport.Table(caption: "Worst cases over grids", header: ["subject", "ratio", "value", "arithmetic", "agents", "grid", "attained at"],
                                                      rows: rows, numeric: [2, 4])))
            }
            if !r.characterizations.isEmpty {
                blocks.append(.heading("Characterizations"))
                blocks.append(.verdicts(r.characterizations.map { HTMLReport.VerdictRow(subject: $0.id, $0.verdict, note: $0.detail) }))
            }
            if !r.expectations.isEmpty {
                blocks.append(.heading("Expectations"))
                blocks.append(.expectations(r.expectations.map(HTMLReport.ExpectationRow.init)))
            }
        }
        if variants.contains(where: { $0.slots.contains { $0.agent == nil } }) {
            blocks.append(.heading("Plot"))
            blocks.append(.svg(ScenarioReport.svg(variants)))
        }
        var facts: [(String, String)] = [("agents", variants.map { String($0.scenario.agents) }.joined(separator: ", "))]
        facts.append(("profiles", explicit ? "\(first.count) explicit" : "\(first.count) from \(first.distribution.id)\(variants.count > 1 ? " per agent count" : "")"))
        facts.append(("mechanisms", first.mechanisms.map { "\($0.id) (\($0.mechanism.descriptor.paperCitation))" }.joined(separator: "; ")))
        let title = variants.count > 1 ? (first.title.components(separatedBy: " (n = ").first ?? first.title) : first.title
        return HTMLReport.Section(title: title, domain: Self.domain.rawValue, file: first.file,
                                  seed: explicit ? nil : String(first.seed), reference: first.reference,
                                  facts: facts, blocks: blocks, failed: failed)
    }
}

// MARK: Position auctions

extension AuctionScenarioResult {
    public static func html(_ results: [Self]) -> [HTMLReport.Section] { results.map(\.htmlSection) }

    var htmlSection: HTMLReport.Section {
        let f = NumberFormatting.short
        var blocks: [HTMLReport.Block] = []
        for (name, file) in scenario.instances {
            var lines: [[String]] = []
            for o in outcomes where o.instance == name {
                switch o.outcome {
                case .success(let x):
                    lines.append([o.mechanism, x.allocation.placements.map { "\($0.advertiser)@\($0.position)" }.joined(separator: " "),
                                 x.clickProbabilities.map(f).joined(separator: ", "), x.payments.map(f).joined(separator: ", "),
                                 f(x.welfare), f(x.revenue)])
                case .failure(let e): lines.append([o.mechanism, "refused: \(e)", "", "", "", ""])
                }
            }
            let i = file.instance
            blocks.append(.table(HTMLReport.Table(
                caption: "Instance \(name): \(i.userModel.id), \(i.advertiserCount) advertisers, \(i.positionCount) positions, cap \(i.cap), bids \(file.bids.map(f).joined(separator: ", "))",
                header: ["mechanism", "allocation (advertiser@position)", "click probabilities", "payments", "welfare", "revenue"],
                rows: lines, numeric: [4, 5], note: "Exact outcomes on the given bids (no sampling).")))
        }
        if !rows.isEmpty, let sim = scenario.simulation {
            func cell(_ e: Estimate) -> String {
                let m = HTMLReport.interval(e)
                return e.count > 1 ? "\(m.mean) \(m.interval)" : m.mean
            }
            let table = rows.map { x in
                [x.setting.label, x.mechanism, cell(x.welfare), cell(x.revenue), cell(x.clicks), cell(x.ratio), String(x.refused)]
            }
            blocks.append(.table(HTMLReport.Table(
                caption: "Simulation: \(sim.auctions) auctions per setting, seed \(sim.seed)",
                header: ["setting", "mechanism", "welfare", "revenue", "clicks", "ratio to optimum", "refused"],
                rows: table, numeric: [2, 3, 4, 5, 6], note: "Each cell: the mean over the auctions and its 95% confidence interval [low, high].")))
            blocks.append(.svg(AuctionReport.svg([self])))
        }
        for (spec, d) in designs {
            let r = spec.request
            let caption = "Design \(spec.name): expected \(r.objective.rawValue) under \(r.axioms.joined(separator: ", ")), \(r.instance.advertiserCount) advertisers, \(r.instance.positionCount) positions"
            switch d {
            case .success(let x):
                blocks.append(.table(HTMLReport.Table(
                    caption: caption, header: ["status", "optimum", "exact", "myerson", "designed auction, ordinary checkers", "variables", "constraints"],
                    rows: [[x.status, x.optimumText, x.exact ? "yes" : "no", x.myersonRevenue.map(f) ?? "—", x.checksText.isEmpty ? "—" : x.checksText,
                            String(x.variables), String(x.constraints)]],
                    numeric: [1, 3, 5, 6], note: x.exactNote)))
                if let t = x.mechanism {
                    let rows = t.entries.map { e in
                        [e.profile.enumerated().map { t.space.values[$0.offset][$0.element].description }.joined(separator: ", "),
                         e.allocation.map { "[" + $0.map(\.description).joined(separator: ", ") + "]" }.joined(separator: " "),
                         e.payments.map(\.description).joined(separator: ", ")]
                    }
                    blocks.append(.table(HTMLReport.Table(
                        caption: "Designed auction \(spec.name): one row per value profile", header: ["values", "allocation x_ij (advertiser rows, position columns)", "payments"],
                        rows: rows, numeric: [], note: "Exact fractions; every misreport within the supports was checked.")))
                }
            case .failure(let e):
                blocks.append(.paragraph("\(caption): could not run: \(e)"))
            }
        }
        if !expectations.isEmpty {
            blocks.append(.heading("Expectations"))
            blocks.append(.expectations(expectations.map(HTMLReport.ExpectationRow.init)))
        }
        var facts: [(String, String)] = [("mechanisms", scenario.mechanisms.map(\.label).joined(separator: "; "))]
        if !scenario.instances.isEmpty { facts.append(("instances", scenario.instances.map(\.name).joined(separator: ", "))) }
        return HTMLReport.Section(title: scenario.title, domain: Self.domain.rawValue, file: scenario.file,
                                  seed: scenario.simulation.map { String($0.seed) }, reference: scenario.reference,
                                  facts: facts, blocks: blocks, failed: failed)
    }
}

// MARK: Information acquisition

extension AcquisitionStudyResult {
    public static func html(_ results: [Self]) -> [HTMLReport.Section] { results.map(\.htmlSection) }

    var htmlSection: HTMLReport.Section {
        let f = NumberFormatting.short
        var blocks: [HTMLReport.Block] = []
        if !offline.isEmpty {
            let rows = offline.map { v in
                [v.instance, v.model, v.mechanism, v.result.status.rawValue, v.result.value.isFinite ? f(v.result.value) : "—",
                 v.exact.map { $0.exactValue?.description ?? "none (\($0.exactFailure ?? $0.reason ?? "no certificate"))" } ?? "not asked"]
            }
            blocks.append(.table(HTMLReport.Table(
                caption: "Offline mechanisms: the principal's optimal utility",
                header: ["instance", "model", "mechanism", "status", "value (floating point)", "exact value (fraction)"],
                rows: rows, numeric: [4, 5], note: "Linear programs solved by the dual simplex; the exact value is GLPK's rational certificate when the scenario asks for it.")))
            blocks.append(.heading("Incentive checks"))
            blocks.append(.verdicts(offline.map { v in
                HTMLReport.VerdictRow(subject: "\(v.mechanism) on \(v.instance)", verdict: v.incentive.verdict,
                                      space: "every agent, recommendation, effort and reporting strategy (exhaustive)",
                                      arithmetic: "floating point", evidence: v.incentive.detail)
            }))
        }
        for (c, result) in zip(scenario.online, online) {
            let hasViolation = result.points.first?.violationMean != nil
            let rows = result.points.map { p in
                var row = [String(p.horizon), f(p.regretMean), "[\(f(p.regretMean - p.regretHalfWidth)), \(f(p.regretMean + p.regretHalfWidth))]"]
                if let v = p.violationMean, let h = p.violationHalfWidth { row += [f(v), "[\(f(v - h)), \(f(v + h))]"] }
                return row
            }
            let rates = result.algorithm.paperRates
            var note = "Means over \(result.seeds) seeds with 95% bands; OPT = \(f(result.optimum)), radius scale \(f(result.radiusScale)). "
            note += "Fitted regret exponent \(result.regretExponent.map(f) ?? "— (regret ≤ 0 somewhere)") (paper: \(f(rates.regret)))"
            if let v = rates.violation { note += "; fitted violation exponent \(result.violationExponent.map(f) ?? "— (no violation)") (paper: \(f(v)))" }
            blocks.append(.table(HTMLReport.Table(
                caption: "Online \(c.name): \(result.algorithm.label) on \(scenario.instances[c.instance].name), seed \(c.seed)",
                header: ["T", "regret", "regret 95% band"] + (hasViolation ? ["IC violation", "violation 95% band"] : []),
                rows: rows, numeric: Set(0..<(hasViolation ? 5 : 3)), note: note + ".")))
        }
        if let svg = AcquisitionReport.svg([self]) { blocks.append(.svg(svg)) }
        if !expectations.isEmpty {
            blocks.append(.heading("Expectations"))
            blocks.append(.expectations(expectations.map(HTMLReport.ExpectationRow.init)))
        }
        let seeds = zip(scenario.online, online).map { c, _ in "online \(c.name): \(c.seed)" }
        return HTMLReport.Section(title: scenario.title, domain: Self.domain.rawValue, file: scenario.file,
                                  seed: seeds.isEmpty ? nil : seeds.joined(separator: "; "), reference: scenario.reference,
                                  facts: [("instances", scenario.instances.map(\.name).joined(separator: ", "))], blocks: blocks, failed: failed)
    }
}

// MARK: Strategic bandits

extension BanditExperimentResult {
    public static func html(_ results: [Self]) -> [HTMLReport.Section] { results.map(\.htmlSection) }

    var htmlSection: HTMLReport.Section {
        var blocks: [HTMLReport.Block] = [.heading("Set-up and measurements"), .preformatted(report), .heading("Criteria")]
        blocks.append(.expectations(criteria.map { c in
            let status: HTMLReport.ExpectationRow.Status
            if let reason = c.notApplicable { status = .notApplicable(reason) }
            else if c.passed { status = .passed }
            else { status = expected.contains(c.id) || c.gated ? .failed : .failedNotGated }
            return HTMLReport.ExpectationRow(subject: c.statement, keyPath: c.id, expected: expected.contains(c.id) ? "required by expect:" : (c.gated ? "gated" : "reported only"),
                                             actual: c.measured, status: status)
        }))
        let missing = expected.filter { id in !criteria.contains { $0.id == id } }
        if !missing.isEmpty { blocks.append(.paragraph("FAIL: expected criteria that the experiment does not report: \(missing.joined(separator: ", ")).")) }
        blocks.append(.svg(svg))
        return HTMLReport.Section(title: title, domain: Self.domain.rawValue, file: file, seed: seed.map { String($0) },
                                  reference: reference, facts: [("expected criteria", expected.isEmpty ? "none" : expected.joined(separator: ", "))],
                                  blocks: blocks, failed: failed)
    }
}

// MARK: Derandomized

extension DerandomizedScenarioResult {
    public static func html(_ results: [Self]) -> [HTMLReport.Section] { results.map(\.htmlSection) }

    var htmlSection: HTMLReport.Section {
        let f = NumberFormatting.short
        let s = scenario
        var blocks: [HTMLReport.Block] = []
        let rows = model.support.enumerated().map { k, o in
            [o.rendered(), model.probabilities[k].description, f(model.probabilities[k].doubleValue), f(frequencies[k])]
        }
        blocks.append(.table(HTMLReport.Table(
            caption: "Outcome distribution under \(s.behaviour.rawValue) play",
            header: ["outcome", "exact probability (fraction)", "exact (decimal)", "empirical frequency"],
            rows: rows, numeric: [1, 2, 3], note: "Exact: the lottery of uniform play, in rational arithmetic. Empirical: the frequency over \(s.runs) plays, seed \(s.seed).")))
        var metricRows = metrics.map { [$0.0, f($0.1)] }
        if let g = exactGain { metricRows.append(["deviator exact gain (fraction)", g.description]) }
        blocks.append(.table(HTMLReport.Table(caption: "Metrics", header: ["metric", "value"], rows: metricRows, numeric: [1])))
        if !expectations.isEmpty {
            blocks.append(.heading("Expectations"))
            blocks.append(.expectations(expectations.map(HTMLReport.ExpectationRow.init)))
        }
        var facts: [(String, String)] = [("mechanism", "\(s.input.id), \(s.input.method.rawValue)"), ("agents", String(s.input.agents)),
                                         ("moves modulo", model.moveModuli.map(String.init).joined(separator: ", ")), ("runs", String(s.runs))]
        if let d = s.deviator { facts.append(("deviator", "agent \(d.agent) plays moves \(d.moves.map(String.init).joined(separator: ", "))")) }
        return HTMLReport.Section(title: s.title, domain: Self.domain.rawValue, file: s.file, seed: String(s.seed), reference: s.reference,
                                  facts: facts, blocks: blocks, failed: failed)
    }
}
