import Foundation
import Mechanisms
import Sim
import Solvers

/// Benchmark workload W10: the automated-design LP of `mechsim design` (facility location,
/// strategyproof in expectation, anonymous, UFS in expectation, worst-case welfare ratio) at
/// growing numbers of agents N and grids G, solved by GLPK's dual simplex through
/// `GLPKSolver` and, with `--compare`, by scipy's HiGHS (`bench/baselines/design_highs.py`) on
/// the very same program written to a file. Only the solves are timed (not building the
/// program, writing or reading the file). Each solver gets `designTimeLimit` seconds per LP; a
/// series over G stops after the first LP neither solves in time. The report names the largest
/// instance each solver solved within the limit.
public enum DesignBenchmark {
    /// One LP of the series.
    public struct Row: Sendable {
        public var agents: Int
        public var grid: Int
        public var variables: Int
        public var constraints: Int
        public var glpkSeconds: Double?
        public var glpkStatus: String
        public var glpkRatio: Double?
        public var highsSeconds: Double?
        public var highsStatus: String?
        public var highsRatio: Double?
    }

    public struct Report: BenchmarkReport {
        public var rows: [Row]
        public var timeLimit: Double

        func largest(_ solved: (Row) -> Bool) -> String {
            guard let r = rows.filter(solved).max(by: { $0.variables < $1.variables }) else { return "none" }
            return "N = \(r.agents), G = \(r.grid) (\(r.variables.formatted()) variables)"
        }

        public var text: String {
            var lines = ["W10 automated design LP (SP in expectation + anonymity + UFS in expectation, social-welfare ratio); time limit \(NumberFormatting.short(timeLimit)) s per solve"]
            lines.append("N  G   variables  constraints  GLPK s     HiGHS s    ratio")
            for r in rows {
                let glpk = r.glpkSeconds.map { String(format: "%.3f", $0) } ?? r.glpkStatus
                let highs = r.highsSeconds.map { String(format: "%.3f", $0) } ?? (r.highsStatus ?? "-")
                let ratio = r.glpkRatio ?? r.highsRatio
                func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count) }
                lines.append(pad(String(r.agents), 3) + pad(String(r.grid), 4) + pad(String(r.variables), 11) + pad(String(r.constraints), 13)
                             + pad(glpk, 11) + pad(highs, 11) + (ratio.map { String(format: "%.6f", $0) } ?? "-"))
            }
            lines.append("largest solved within the limit: GLPK \(largest { $0.glpkSeconds != nil }); HiGHS \(rows.contains { $0.highsStatus != nil } ? largest { $0.highsSeconds != nil } : "not run (add --compare)")")
            return lines.joined(separator: "\n")
        }

        public var json: JSONValue {
            .object([
                ("workload", .string("W10")),
                ("time_limit_seconds", .number(timeLimit)),
                ("rows", .array(rows.map { r in
                    .object([("agents", .integer(r.agents)), ("grid", .integer(r.grid)), ("variables", .integer(r.variables)),
                             ("constraints", .integer(r.constraints)), ("glpk_seconds", r.glpkSeconds.map { .number($0) } ?? .null),
                             ("glpk_status", .string(r.glpkStatus)), ("glpk_ratio", r.glpkRatio.map { .number($0) } ?? .null),
                             ("highs_seconds", r.highsSeconds.map { .number($0) } ?? .null),
                             ("highs_status", r.highsStatus.map { .string($0) } ?? .null), ("highs_ratio", r.highsRatio.map { .number($0) } ?? .null)])
                })),
            ])
        }
    }

    /// The axioms of the benchmarked design.
    static let axioms = ["strategyproofness-in-expectation", "anonymity", "unanimous-fair-share-in-expectation"]

    public static func measure(_ settings: BenchmarkSettings) throws(BenchmarkError) -> Report {
        var rows: [Row] = []
        let script = settings.compare ? try BaselineScript.locate(BaselineScript.designHighs) : nil
        let limit = settings.designTimeLimit
        for (n, grids) in settings.designSeries {
            for g in grids {
                let request = FacilityDesign.Request(agents: n, grid: g, axioms: axioms, objective: .socialWelfare, compare: false, verify: false, threads: 1)
                let program: LinearProgram
                do { program = try FacilityDesign.program(for: request) } catch { throw BenchmarkError(error.description) }
                var row = Row(agents: n, grid: g, variables: program.variables.count, constraints: program.constraints.count,
                              glpkSeconds: nil, glpkStatus: "time-limit")
                let clock = ContinuousClock()
                let start = clock.now
                do {
                    let s = try GLPKSolver(method: .dualSimplex, timeLimitSeconds: limit).solve(program)
                    row.glpkStatus = s.status.rawValue
                    if s.status == .optimal {
                        row.glpkSeconds = seconds(clock.now - start)
                        row.glpkRatio = 1 / s.objective
                    }
                } catch {
                    row.glpkStatus = "time-limit"
                }
                if let script {
                    let file = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-w10-\(n)-\(g)-\(ProcessInfo.processInfo.processIdentifier).lp").path
                    do { try baselineText(program).write(toFile: file, atomically: true, encoding: .utf8) } catch {
                        throw BenchmarkError("cannot write \(file): \(error.localizedDescription)")
                    }
                    defer { try? FileManager.default.removeItem(atPath: file) }
                    let out = try BaselineScript.runPython(script, [file, "--time-limit", String(limit)])
                    let fields = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
                    func value(_ key: String) -> String? { fields.firstIndex(of: key + ":").flatMap { $0 + 1 < fields.count ? fields[$0 + 1] : nil } }
                    row.highsStatus = value("status") ?? "no answer"
                    if row.highsStatus == "optimal" {
                        row.highsSeconds = value("seconds").flatMap(Double.init)
                        row.highsRatio = value("objective").flatMap(Double.init).map { 1 / $0 }
                    }
                }
                rows.append(row)
                if row.glpkSeconds == nil && row.highsSeconds == nil { break }
            }
        }
        return Report(rows: rows, timeLimit: limit)
    }

    /// The program as the text `design_highs.py` reads (every variable in [0, ∞)).
    public static func baselineText(_ p: LinearProgram) -> String {
        var out = "sense \(p.sense == .minimize ? "min" : "max")\nvariables \(p.variables.count)\n"
        let objective = p.objective.enumerated().filter { $0.element != 0 }
        out += "objective \(objective.count)" + objective.map { " \($0.offset) \(NumberFormatting.json($0.element))" }.joined() + "\n"
        out += "rows \(p.constraints.count)\n"
        for row in p.constraints {
            let (relation, bound): (String, Double) = switch row.bound {
            case .lessOrEqual(let b): ("<=", b)
            case .greaterOrEqual(let b): (">=", b)
            case .equal(let b): ("=", b)
            case .ranged(let lo, _): (">=", lo)
            }
            out += "\(relation) \(NumberFormatting.json(bound)) \(row.indices.count)"
            for (j, a) in zip(row.indices, row.coefficients) { out += " \(j) \(NumberFormatting.json(a))" }
            out += "\n"
        }
        return out
    }
}
