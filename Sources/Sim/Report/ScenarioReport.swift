import Mechanisms
import Solvers

/// The version written into every report's provenance.
public enum MechSimVersion {
    public static let current = "0.1.0"

    /// What `mechsim --version` prints: MechSim's version and the GLPK version it links.
    public static var withLibraries: String { "\(current) (GLPK \(GLPKSolver.libraryVersion))" }
}

/// Renders scenario results as text, JSON or CSV. The output depends only on the results (no
/// clock, no thread count), so the same run always gives the same bytes.
public enum ScenarioReport {
    // MARK: JSON

    public static func json(_ results: [ScenarioResult]) -> String {
        JSONValue.object([
            ("mechsim_version", .string(MechSimVersion.current)),
            ("reports", .array(results.map(json))),
        ]).pretty() + "\n"
    }

    static func provenance(_ s: Scenario) -> JSONValue {
        var dist: [(String, JSONValue)] = [("kind", .string(s.distribution.id))]
        for (k, v) in s.distribution.parameterList { dist.append((k, .number(v))) }
        return .object([
            ("mechsim_version", .string(MechSimVersion.current)),
            ("domain", .string(s.domain.rawValue)),
            ("agents", .integer(s.agents)),
            ("profiles", .integer(s.count)),
            ("distribution", .object(dist)),
            ("seed", .string(String(s.seed))),
            ("block_size", .integer(MonteCarloRunner.defaultBlockSize)),
            ("generator", .string("xoshiro256** per trial, seeded from (seed, trial index) by SplitMix64")),
            ("mechanisms", .array(s.mechanisms.map { m in
                .object([
                    ("id", .string(m.id)),
                    ("parameters", FacilityJSON.parameters(m.mechanism.parameters)),
                    ("paper", .string(m.mechanism.descriptor.paperCitation)),
                ])
            })),
        ])
    }

    static func json(_ r: ScenarioResult) -> JSONValue {
        let s = r.scenario
        // With explicit profiles `exact` is true and `values` holds each profile's value; the
        // `ci95` and `standard_error` fields stay for the contract but describe the spread over
        // the listed profiles, not an estimate (nothing is random).
        let estimates: [JSONValue] = zip(r.slots, r.estimates).enumerated().map { i, pair in
            let (slot, e) = pair
            var f: [(String, JSONValue)] = [("mechanism", .string(slot.mechanism)), ("metric", .string(slot.metric.rawValue))]
            if let a = slot.agent { f.append(("agent", .integer(a))) }
            f += [
                ("count", .integer(e.count)), ("mean", .number(e.mean)), ("standard_error", .number(e.standardError)),
                ("ci95", .numbers([e.lower95, e.upper95])), ("min", .number(e.minimum)), ("max", .number(e.maximum)),
                ("infinite_count", .integer(e.infiniteCount)), ("exact", .bool(r.profileValues != nil)),
            ]
            if let values = r.profileValues { f.append(("values", .numbers(values.map { $0[i] }))) }
            return .object(f)
        }
        let checks: [JSONValue] = r.checks.map { c in
            .object([
                ("mechanism", .string(c.mechanism)), ("axiom", .string(c.axiom)), ("verdict", .string(c.verdict.id)),
                ("witness", c.verdict.witness.map(FacilityJSON.witness) ?? .null), ("space", FacilityJSON.space(c.space)),
                ("profiles_checked", .integer(c.profilesChecked)),
            ])
        }
        let expectations: [JSONValue] = r.expectations.map { e in
            .object([
                ("key_path", .string(e.keyPath)), ("subject", .string(e.subject)), ("expected", .string(e.expected)),
                ("actual", .string(e.actual)), ("passed", .bool(e.passed)),
            ])
        }
        var f: [(String, JSONValue)] = [
            ("scenario", .string(s.file)), ("title", .string(s.title)),
        ]
        if let ref = s.reference { f.append(("reference", .string(ref))) }
        f += [
            ("provenance", provenance(s)),
            ("estimates", .array(estimates)),
            ("checks", .array(checks)),
            ("worst_cases", .array(r.worstCases.map { w in
                .object([
                    ("subject", .string(w.subject)), ("objective", .string(w.objective.rawValue)), ("agents", .integer(w.agents)),
                    ("grid", .integer(w.grid)), ("ratio", .number(w.ratio)), ("profile", w.profile.map { .numbers($0) } ?? .null),
                    ("ratio_exact", w.exact.map { .string($0) } ?? .null),
                ])
            })),
            ("characterizations", .array(r.characterizations.map { c in
                // `holds` is true only for the verdict `holds` (a space covered completely).
                .object([("id", .string(c.id)), ("holds", .bool(c.verdict.id == "holds")), ("detail", .string(c.detail)),
                         ("verdict", c.verdict.jsonID), ("space", c.verdict.space.json), ("arithmetic", c.verdict.arithmeticJSON)])
            })),
            ("expectations", .array(expectations)),
            ("passed", .bool(!r.failed)),
        ]
        if !r.designs.isEmpty {
            f.insert(("designs", .array(r.designs.map { $0.json(includeMechanism: false, includeTimes: false) })), at: f.count - 2)
        }
        return .object(f)
    }

    // MARK: CSV

    public static let csvHeader = "scenario,mechanism,metric,agent,count,mean,standard_error,ci95_low,ci95_high,min,max,infinite_count,agents,profiles,distribution,seed"

    public static func csv(_ results: [ScenarioResult]) -> String {
        var out = csvHeader + "\n"
        for r in results {
            let s = r.scenario
            for (slot, e) in zip(r.slots, r.estimates) {
                let fields = [
                    csvField(s.file), csvField(slot.mechanism), slot.metric.rawValue, slot.agent.map(String.init) ?? "",
                    String(e.count), NumberFormatting.csv(e.mean), NumberFormatting.csv(e.standardError),
                    NumberFormatting.csv(e.lower95), NumberFormatting.csv(e.upper95), NumberFormatting.csv(e.minimum),
                    NumberFormatting.csv(e.maximum), String(e.infiniteCount), String(s.agents), String(s.count),
                    s.distribution.id, String(s.seed),
                ]
                out += fields.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func csvField(_ s: String) -> String {
        s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    // MARK: Text

    public static func text(_ r: ScenarioResult) -> String {
        let s = r.scenario
        var out = "\(s.title)\n"
        if let ref = s.reference { out += "  reference: \(ref)\n" }
        let params = s.distribution.parameterList.map { "\($0.0)=\(NumberFormatting.short($0.1))" }.joined(separator: ", ")
        let source = s.distribution.id == "explicit" ? "explicit profiles" : "profiles from \(s.distribution.id)\(params.isEmpty ? "" : "(\(params))"), seed \(s.seed)"
        out += "  \(s.domain.rawValue) · \(s.agents) agents · \(s.count) \(source) · mechsim \(MechSimVersion.current)\n\n"
        if !r.slots.isEmpty, let values = r.profileValues {
            // Explicit profiles: each profile's exact value, never an interval.
            let shown = min(values.count, 8)
            var rows: [[String]] = [["mechanism", "metric"] + (0..<shown).map { "profile \($0)" } + (values.count > shown ? ["..."] : [])
                                    + (values.count > 1 ? ["mean"] : [])]
            for (i, (slot, e)) in zip(r.slots, r.estimates).enumerated() {
                let mean = e.infiniteCount > 0 ? "inf (\(e.infiniteCount) infinite)" : NumberFormatting.short(e.mean)
                rows.append([slot.mechanism, slot.name] + values.prefix(shown).map { NumberFormatting.short($0[i]) }
                            + (values.count > shown ? ["..."] : []) + (values.count > 1 ? [mean] : []))
            }
            out += table(rows)
            out += "  exact value on each listed profile (nothing is sampled, so no interval)\n"
        } else if !r.slots.isEmpty {
            var rows: [[String]] = [["mechanism", "metric", "mean", "95% CI", "min", "max"]]
            for (slot, e) in zip(r.slots, r.estimates) {
                let ci = e.count > 1 ? "[\(NumberFormatting.short(e.lower95)), \(NumberFormatting.short(e.upper95))]" : "exact"
                let mean = e.infiniteCount > 0 ? "inf (\(e.infiniteCount) infinite)" : NumberFormatting.short(e.mean)
                rows.append([slot.mechanism, slot.name, mean, ci, NumberFormatting.short(e.minimum), NumberFormatting.short(e.maximum)])
            }
            out += table(rows)
        }
        if !r.checks.isEmpty {
            out += "\nAxioms\n"
            var rows: [[String]] = [["mechanism", "axiom", "verdict", "space"]]
            for c in r.checks {
                rows.append([c.mechanism, c.axiom, c.verdict.id, spaceText(c.space)])
            }
            out += table(rows)
            for c in r.checks {
                if let w = c.verdict.witness { out += "  witness (\(c.mechanism), \(c.axiom)): \(w.explanation)\n" }
            }
        }
        if !r.worstCases.isEmpty {
            out += "\nWorst cases over grids\n"
            var rows: [[String]] = [["subject", "ratio", "value", "agents", "grid", "attained at"]]
            for w in r.worstCases {
                rows.append([w.subject, w.objective.rawValue, w.exact.map { $0.contains("/") ? "\($0) = \(NumberFormatting.short(w.ratio))" : "\($0) (exact)" } ?? NumberFormatting.short(w.ratio), String(w.agents), "1/\(w.grid)",
                             w.profile.map { $0.map(NumberFormatting.short).joined(separator: ", ") } ?? "-"])
            }
            out += table(rows)
        }
        if !r.characterizations.isEmpty {
            out += "\nCharacterizations\n"
            for c in r.characterizations {
                out += "  \(c.id): \(c.verdict.id): \(c.detail)\n"
                out += "    space: \(c.verdict.space.description)\n"
                switch c.verdict.arithmetic {
                case .exact?: out += "    arithmetic: exact (rational)\n"
                case .floatingPoint(let t)?: out += "    arithmetic: floating point, tolerance \(NumberFormatting.short(t))\n"
                case nil: out += "    arithmetic: floating point; sampled, not a proof\n"
                }
            }
        }
        for d in r.designs {
            out += "\n" + d.text(includeTimes: false)
        }
        if !r.expectations.isEmpty {
            let failed = r.expectations.filter { !$0.passed }
            out += "\nExpectations: \(r.expectations.count - failed.count) passed, \(failed.count) failed\n"
            for e in failed {
                out += "  FAILED \(e.keyPath): \(e.subject): expected \(e.expected), got \(e.actual)\n"
            }
        }
        return out
    }

    public static func spaceText(_ s: SearchSpace) -> String {
        switch s {
        case .grid(let n, let g): "all \(n)-agent profiles on the grid 1/\(g) (exhaustive)"
        case .sampled(let n, let c, let seed, _, let d): "\(c) sampled \(n)-agent profiles (\(d.id), seed \(seed))"
        }
    }

    /// Left-aligned columns separated by two spaces.
    public static func table(_ rows: [[String]]) -> String {
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in rows {
            var line = "  "
            for (i, c) in r.enumerated() {
                line += c
                if i < r.count - 1 { line += String(repeating: " ", count: widths[i] - c.count + 2) }
            }
            out += line + "\n"
        }
        return out
    }
}
