import Foundation
import Testing

/// The machine interface of issue 5: `mechsim outcome MECHANISM --instance FILE.json [--exact]
/// --format json` on the shipped reference instances, and bad input exiting 2.
@Suite("mechsim outcome: information acquisition", .serialized)
struct InformationAcquisitionCLITests {
    static let folder = "scenarios/papers/cacciamani2023-information-acquisition"

    @Test("A3: the correlated optimum is 102/185, the best uncorrelated mechanism 8/15")
    func a3() throws {
        let r = try mechsim("outcome", "optimal-correlated-mechanism", "--instance", "\(Self.folder)/A3.json", "--exact", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1, "one object on one line")
        let o = try #require(jsonObject(r.stdout))
        #expect(abs((o["value"] as? Double ?? 0) - 102.0 / 185) < 1e-9)
        #expect(o["exact_value"] as? String == "102/185")
        #expect(o["status"] as? String == "optimal")
        let u = try #require(jsonObject(try mechsim("outcome", "optimal-uncorrelated-mechanism", "--instance", "\(Self.folder)/A3.json", "--exact", "--format", "json").stdout))
        #expect(u["exact_value"] as? String == "8/15")
        let plain = try #require(jsonObject(try mechsim("outcome", "best-effort-profile", "--instance", "\(Self.folder)/A3.json", "--format", "json").stdout))
        #expect(abs((plain["value"] as? Double ?? 0) - 8.0 / 15) < 1e-9)
        #expect(plain["exact_value"] == nil)
    }

    @Test("B6: 1/2 with report-only payments, 14/25 with state-dependent ones")
    func b6() throws {
        for (variant, expected) in [("report-only", "1/2"), ("state-dependent", "14/25")] {
            let r = try mechsim("outcome", "optimal-ic-mechanism", "--instance", "\(Self.folder)/B6-\(variant).json", "--exact", "--format", "json")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try #require(jsonObject(r.stdout))["exact_value"] as? String == expected)
        }
    }

    @Test("bad input exits 2 naming the file, key path and what was expected")
    func badInput() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.json")
        try Data("""
        {"prior": [0.5, 0.5], "agents": [{"efforts": 2, "costs": [0, -1], "signals": 1}],
         "signal_law": [], "utility": [[1, 0]], "payment_cap": 1}
        """.utf8).write(to: file)
        let r = try mechsim("outcome", "optimal-correlated-mechanism", "--instance", file.path, "--format", "json")
        #expect(r.status == 2)
        #expect(r.stderr == "error: \(file.path): agents[0].costs[1]: expected a finite non-negative cost, found -1.0.\n")
        let missing = try mechsim("outcome", "optimal-correlated-mechanism", "--format", "json")
        #expect(missing.status == 2 && missing.stderr.contains("needs --instance"))
        let wrongModel = try mechsim("outcome", "optimal-ic-mechanism", "--instance", "\(Self.folder)/A1.json", "--format", "json")
        #expect(wrongModel.status == 2 && wrongModel.stderr.contains("expected a model B instance"))
    }
}

@Suite("mechsim online: information acquisition", .serialized)
struct InformationAcquisitionOnlineCLITests {
    @Test("online bandit on B1 writes CSV and SVG and prints the paper's rates")
    func online() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // --alpha 0.75 and --seeds 2, not the defaults (0.5, 10): the rates T^0.75 and T^(1 - 0.75/2)
        // and the seed count fail if either option is ignored.
        let r = try mechsim("online", "bandit", "--alpha", "0.75", "--instance", "\(InformationAcquisitionCLITests.folder)/B1-report-only.json",
                            "--horizons", "100,1000", "--seeds", "2", "--out", dir.path, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(jsonObject(r.stdout))
        #expect(o["paper_regret_exponent"] as? Double == 0.75 && o["paper_violation_exponent"] as? Double == 0.625)
        #expect(o["seeds"] as? Int == 2)
        #expect((o["points"] as? [[String: Any]])?.count == 2)
        // The violation exponent comes with its bootstrap interval and reading.
        #expect(o["bootstrap_resamples"] as? Int == 2000)
        if let fitted = o["violation_exponent"] as? Double {
            let low = try #require(o["violation_exponent_low"] as? Double), high = try #require(o["violation_exponent_high"] as? Double)
            #expect(low <= fitted && fitted <= high, "\(low) \(fitted) \(high)")
            #expect(["consistent", "below-paper", "pre-asymptotic", "above-paper"].contains(o["violation_exponent_status"] as? String ?? ""))
        } else {
            #expect(o["violation_exponent_low"] is NSNull && o["violation_exponent_status"] as? String == "undefined")
        }
        let csv = try String(contentsOf: dir.appendingPathComponent("bandit.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 3)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("bandit.svg").path))
        let wrong = try mechsim("online", "explore-then-commit", "--instance", "\(InformationAcquisitionCLITests.folder)/B1-report-only.json", "--horizons", "100")
        #expect(wrong.status == 2 && wrong.stderr.contains("expected a model A instance"))
    }
}
