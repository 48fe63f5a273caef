import Foundation
import Mechanisms

/// What running an auction scenario produced.
public struct AuctionScenarioResult: StudyResult {
    public static let domain = Domain.positionAuctions
    public var scenario: AuctionScenario
    /// Every mechanism on every instance: the outcome, or why it could not run.
    public var outcomes: [(instance: String, mechanism: String, outcome: Result<AuctionOutcome, AuctionError>)]
    public var rows: [AuctionStudyRow]
    public var expectations: [ExpectationResult]
    /// The automated designs (`design:`): each spec with its result, or why it could not run.
    public var designs: [(spec: AuctionScenario.DesignSpec, result: Result<AuctionDesign.Result, FacilityDesign.DesignError>)] = []
    public var failed: Bool { expectations.contains { !$0.passed } }
}

public enum AuctionScenarioRunner {
    public static func run(_ s: AuctionScenario, threads: Int = ParallelEngine.availableCores,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(AuctionError) -> AuctionScenarioResult {
        let study = AuctionStudy(s)
        return try study.finish(study.simulate(0..<study.blockCount, threads: threads, progress: progress))
    }

    /// The expectations of one design: its status, its exact optimum, Myerson beside it and the
    /// ordinary checks of the designed auction.
    static func designExpectations(_ spec: AuctionScenario.DesignSpec,
                                   _ result: Result<AuctionDesign.Result, FacilityDesign.DesignError>) -> [ExpectationResult] {
        let r = spec.request
        let subject = "design \(spec.name): \(r.objective.rawValue) under \(r.axioms.joined(separator: ", "))"
        let d: AuctionDesign.Result
        switch result {
        case .success(let x): d = x
        case .failure(let error):
            return [ExpectationResult(keyPath: spec.keyPath, subject: subject, expected: "a design", actual: "\(error)", passed: false)]
        }
        var out: [ExpectationResult] = []
        if let status = spec.expectedStatus {
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.status", subject: subject, expected: status, actual: d.status, passed: status == d.status))
        }
        if let optimum = spec.expectedOptimum {
            let actual = d.exact ? (d.optimum?.description ?? "-") : "\(d.optimumText) (not exact)"
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.optimum", subject: subject, expected: optimum, actual: actual,
                                         passed: d.exact && d.optimum?.description == optimum))
        }
        for name in spec.expectedOptimal {
            let reached = d.myersonRevenue.map { abs($0 - (d.optimumDecimal ?? .nan)) <= 1e-9 } ?? false
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.optimal", subject: "\(name) reaches the optimum of the \(subject)",
                                         expected: "optimal", actual: d.myersonRevenue.map { reached ? "optimal" : NumberFormatting.short($0) } ?? "not compared (revenue only)",
                                         passed: reached))
        }
        if spec.expectedChecks != nil {
            let bad = d.checks.filter { AuctionDesign.Result.verdictID($0.verdict) != "holds" }
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.checks", subject: "the designed auction of the \(subject), ordinary checkers",
                                         expected: "holds", actual: bad.isEmpty ? "holds" : bad.map { "\($0.axiom) \($0.verdict.id)" }.joined(separator: ", "),
                                         passed: bad.isEmpty && !d.checks.isEmpty))
        }
        return out
    }

    static func evaluate(_ e: AuctionScenario.Expectation, _ s: AuctionScenario,
                         _ outcomes: [(instance: String, mechanism: String, outcome: Result<AuctionOutcome, AuctionError>)],
                         _ rows: [AuctionStudyRow]) -> ExpectationResult {
        let f = NumberFormatting.short
        func list(_ xs: [Double]) -> String { "[" + xs.map(f).joined(separator: ", ") + "]" }
        switch e.check {
        case .metric(let name, let value):
            guard let row = rows.first(where: { r in
                r.mechanism == e.mechanism && (e.userModel == nil || r.setting.userModel == e.userModel)
                    && e.setting["advertisers"].map { $0 == r.setting.advertisers } ?? true
                    && e.setting["positions"].map { $0 == r.setting.positions } ?? true
                    && e.setting["cap"].map { $0 == r.setting.cap } ?? true
            }), let est = row.metric(name) else {
                return ExpectationResult(keyPath: e.keyPath, subject: "\(e.mechanism) \(name)", expected: f(value), actual: "no such result", passed: false)
            }
            // Within the 99% confidence interval of the Monte Carlo mean (and the stated tolerance).
            let halfWidth = 2.5758293035489 * est.standardError
            let passed = abs(est.mean - value) <= halfWidth + e.tolerance
            return ExpectationResult(keyPath: e.keyPath, subject: "\(e.mechanism) \(row.setting.label) \(name)",
                                     expected: "\(f(value)) within the 99% CI",
                                     actual: "\(f(est.mean)) ± \(f(halfWidth))", passed: passed)
        case .axiom(let axiom, let verdict):
            let instance = s.instances.first { $0.name == e.instance }!.file
            let mechanism = s.mechanisms.first { $0.label == e.mechanism }!.mechanism
            let v = AuctionAxioms.check(mechanism, axiom: axiom, battery: [(instance.instance, instance.bids)])
            var actual = v.id
            if let w = v.witness { actual += ": \(w.detail)" }
            return ExpectationResult(keyPath: e.keyPath, subject: "\(e.mechanism) \(axiom) on \(e.instance!)", expected: verdict,
                                     actual: actual, passed: v.id == verdict)
        case .outcome(let allocation, let payments, let clicks, let welfare, let revenue):
            let subject = "\(e.mechanism) on \(e.instance!)"
            guard let found = outcomes.first(where: { $0.instance == e.instance && $0.mechanism == e.mechanism }) else {
                return ExpectationResult(keyPath: e.keyPath, subject: subject, expected: "an outcome", actual: "none", passed: false)
            }
            let o: AuctionOutcome
            switch found.outcome {
            case .success(let x): o = x
            case .failure(let error):
                return ExpectationResult(keyPath: e.keyPath, subject: subject, expected: "an outcome", actual: "\(error)", passed: false)
            }
            var expected: [String] = [], actual: [String] = []
            var passed = true
            func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= e.tolerance } }
            if let allocation {
                let got = o.allocation.placements.map { [$0.advertiser, $0.position] }
                expected.append("allocation \(allocation)"); actual.append("allocation \(got)")
                passed = passed && got == allocation
            }
            if let payments {
                expected.append("payments \(list(payments))"); actual.append("payments \(list(o.payments))")
                passed = passed && close(o.payments, payments)
            }
            if let clicks {
                expected.append("clicks \(list(clicks))"); actual.append("clicks \(list(o.clickProbabilities))")
                passed = passed && close(o.clickProbabilities, clicks)
            }
            if let welfare {
                expected.append("welfare \(f(welfare))"); actual.append("welfare \(f(o.welfare))")
                passed = passed && abs(o.welfare - welfare) <= e.tolerance
            }
            if let revenue {
                expected.append("revenue \(f(revenue))"); actual.append("revenue \(f(o.revenue))")
                passed = passed && abs(o.revenue - revenue) <= e.tolerance
            }
            return ExpectationResult(keyPath: e.keyPath, subject: subject, expected: expected.joined(separator: "; "),
                                     actual: actual.joined(separator: "; "), passed: passed)
        }
    }
}

/// Text, JSON, CSV and SVG reports of auction scenarios.
public enum AuctionReport {
    public static func text(_ r: AuctionScenarioResult) -> String {
        let f = NumberFormatting.short
        var out = "\(r.scenario.title)  [\(r.scenario.file)]\n"
        if let ref = r.scenario.reference { out += "reference: \(ref)\n" }
        for (name, file) in r.scenario.instances {
            out += "\ninstance \(name): \(file.instance.userModel.id), \(file.instance.advertiserCount) advertisers, \(file.instance.positionCount) positions, cap \(file.instance.cap), bids \(file.bids.map(f).joined(separator: ", "))\n"
            var rows = [["mechanism", "allocation (rendering order)", "clicks", "payments", "welfare", "revenue"]]
            for o in r.outcomes where o.instance == name {
                switch o.outcome {
                case .success(let x):
                    rows.append([o.mechanism, x.allocation.placements.map { "\($0.advertiser)@\($0.position)" }.joined(separator: " "),
                                 x.clickProbabilities.map(f).joined(separator: ", "), x.payments.map(f).joined(separator: ", "),
                                 f(x.welfare), f(x.revenue)])
                case .failure(let e): rows.append([o.mechanism, "refused: \(e)", "", "", "", ""])
                }
            }
            out += ScenarioReport.table(rows)
        }
        if !r.rows.isEmpty {
            out += "\nsimulation: \(r.scenario.simulation!.auctions) auctions per setting, seed \(r.scenario.simulation!.seed); mean ± 95% CI half-width\n"
            var rows = [["setting", "mechanism", "welfare", "revenue", "clicks", "ratio to optimum", "virtual welfare", "refused"]]
            for x in r.rows {
                func e(_ v: Estimate) -> String { v.count == 0 ? "-" : "\(f(v.mean)) ± \(f(v.upper95 - v.mean))" }
                rows.append([x.setting.label, x.mechanism, e(x.welfare), e(x.revenue), e(x.clicks), e(x.ratio), e(x.virtualWelfare),
                             String(x.refused)])
            }
            out += ScenarioReport.table(rows)
        }
        for (spec, d) in r.designs {
            out += "\ndesign \(spec.name)\n"
            switch d {
            case .success(let x): out += x.text(request: spec.request, includeTimes: false)
            case .failure(let e): out += "  could not run: \(e)\n"
            }
        }
        if !r.expectations.isEmpty {
            out += "\nexpectations\n"
            for e in r.expectations {
                out += "  \(e.passed ? "ok  " : "FAIL") \(e.subject): expected \(e.expected), got \(e.actual)\n"
            }
        }
        return out
    }

    public static func json(_ results: [AuctionScenarioResult]) -> String {
        JSONValue.array(results.map { r -> JSONValue in
            var fields: [(String, JSONValue)] = [
                ("file", .string(r.scenario.file)),
                ("title", .string(r.scenario.title)),
                ("domain", .string(Domain.positionAuctions.rawValue)),
                ("outcomes", .array(r.outcomes.map { o in
                    var fields: [(String, JSONValue)] = [("instance", .string(o.instance)), ("mechanism", .string(o.mechanism))]
                    switch o.outcome {
                    case .success(let x):
                        fields += [("allocation", .array(x.allocation.placements.map { .object([("advertiser", .integer($0.advertiser)), ("position", .integer($0.position))]) })),
                                   ("click_probabilities", .numbers(x.clickProbabilities)), ("payments", .numbers(x.payments)),
                                   ("welfare", .number(x.welfare)), ("revenue", .number(x.revenue))]
                    case .failure(let e): fields.append(("error", .string("\(e)")))
                    }
                    return .object(fields)
                })),
                ("simulation", .array(r.rows.map { x in
                    .object([("user_model", .string(x.setting.userModel)), ("advertisers", .integer(x.setting.advertisers)),
                             ("positions", .integer(x.setting.positions)), ("cap", .integer(x.setting.cap)),
                             ("mechanism", .string(x.mechanism))]
                            + AuctionStudyRow.metrics.map { ($0, estimate(x.metric($0)!)) } + [("refused", .integer(x.refused))]
                            + [("virtual_welfare", estimate(x.virtualWelfare))])
                })),
            ]
            fields += designsJSON(r)
            fields.append(("expectations", .array(r.expectations.map { e in
                .object([("key_path", .string(e.keyPath)), ("subject", .string(e.subject)), ("expected", .string(e.expected)),
                         ("actual", .string(e.actual)), ("passed", .bool(e.passed))])
            })))
            return .object(fields)
        }).pretty() + "\n"
    }

    /// `("designs", [...])` when the scenario has designs: each with its name and the fields of
    /// `mechsim design --format json` without `seconds` (deterministic bytes), or its error.
    static func designsJSON(_ r: AuctionScenarioResult) -> [(String, JSONValue)] {
        guard !r.designs.isEmpty else { return [] }
        let items: [JSONValue] = r.designs.map { spec, d in
            switch d {
            case .success(let x):
                guard case .object(let fields) = x.json(request: spec.request, includeTimes: false) else { return .null }
                return .object([("name", .string(spec.name))] + fields)
            case .failure(let e):
                return .object([("name", .string(spec.name)), ("error", .string("\(e)"))])
            }
        }
        return [("designs", .array(items))]
    }

    static func estimate(_ e: Estimate) -> JSONValue {
        .object([("mean", .number(e.mean)), ("standard_error", .number(e.standardError)), ("lower95", .number(e.lower95)),
                 ("upper95", .number(e.upper95)), ("count", .integer(e.count))])
    }

    /// One line per (setting, mechanism, metric).
    public static func csv(_ results: [AuctionScenarioResult]) -> String {
        var out = "file,user_model,advertisers,positions,cap,mechanism,metric,mean,standard_error,lower95,upper95,count\n"
        for r in results {
            for x in r.rows {
                for metric in AuctionStudyRow.metrics {
                    let e = x.metric(metric)!
                    out += [r.scenario.file, x.setting.userModel, String(x.setting.advertisers), String(x.setting.positions),
                            String(x.setting.cap), "\"\(x.mechanism)\"", metric, NumberFormatting.json(e.mean),
                            NumberFormatting.json(e.standardError), NumberFormatting.json(e.lower95), NumberFormatting.json(e.upper95),
                            String(e.count)].joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    /// One panel per metric and (user model, positions, cap), the number of advertisers on the
    /// x-axis, one series per mechanism, with 95% intervals.
    public static func svg(_ results: [AuctionScenarioResult]) -> String {
        var panels: [SVGChart.Panel] = []
        let rows = results.flatMap(\.rows)
        var groups: [String] = []
        for x in rows {
            let g = "\(x.setting.userModel), m = \(x.setting.positions), K = \(x.setting.cap)"
            if !groups.contains(g) { groups.append(g) }
        }
        for metric in AuctionStudyRow.metrics {
            for group in groups {
                var series: [String: [SVGChart.Point]] = [:]
                var order: [String] = []
                for x in rows where "\(x.setting.userModel), m = \(x.setting.positions), K = \(x.setting.cap)" == group {
                    let e = x.metric(metric)!
                    guard e.count > 0 else { continue }
                    if series[x.mechanism] == nil { order.append(x.mechanism) }
                    series[x.mechanism, default: []].append(SVGChart.Point(x: Double(x.setting.advertisers), y: e.mean, low: e.lower95, high: e.upper95))
                }
                guard !order.isEmpty else { continue }
                let title = (metric == "ratio" ? "welfare / optimal welfare" : "expected \(metric)") + " (\(group))"
                panels.append(SVGChart.Panel(title: title, xLabel: "advertisers", yLabel: metric,
                                             series: order.map { SVGChart.Series(name: $0, points: series[$0]!) }))
            }
        }
        return SVGChart.render(title: results.map(\.scenario.title).joined(separator: "; "), panels: panels,
                               columns: Swift.min(3, Swift.max(groups.count, 1)))
    }
}
