import Foundation
import Testing

@Suite("mechsim end to end: strategic bandits", .serialized)
struct BanditCLITests {
    static let base = ["simulate", "click-bandit", "--means", "0.8,0.7,0.6,0.5,0.4", "--horizon", "5000", "--seeds", "6"]

    @Test("simulate click-bandit --format json prints one object with the contract's keys")
    func clickJSON() throws {
        let r = try mechsim(Self.base + ["--mechanism", "oracle", "--click-rates", "1,0.77,0.66,0.55,0.44", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1)
        let o = try #require(jsonObject(r.stdout))
        #expect(abs((o["strong_regret_mean"] as! Double) - 360) < 1e-6)
        #expect(abs(o["strong_regret_sd"] as! Double) < 1e-6)
        #expect(abs(o["weak_regret_mean"] as! Double) < 1e-6)
        #expect(o["clicks_mean"] as? [Double] == [5000, 0, 0, 0, 0])
    }

    @Test("simulate click-bandit is byte-identical across --threads")
    func threads() throws {
        let args = Self.base + ["--mechanism", "ucb-s", "--click-rates", "0.88,0.77,0.66,0.55,0.44", "--format", "json"]
        let one = try mechsim(args + ["--threads", "1"])
        let two = try mechsim(args + ["--threads", "2"])
        #expect(one.status == 0)
        #expect(one.stdout == two.stdout)
        let o = try #require(jsonObject(one.stdout))
        let clicks = try #require(o["clicks_mean"] as? [Double])
        #expect(clicks.count == 5 && clicks[0] > clicks[1])
        #expect((o["strong_regret_mean"] as! Double) > 0)
    }

    static let bad: [([String], String)] = [
        (["--means", "0.8,1.5", "--click-rates", "0.5,0.5"], "--means: item 2 is 1.5; expected a number in [0, 1]."),
        (["--means", "0.8,0.5", "--click-rates", "0.5,-0.5"], "--click-rates: item 2 is -0.5; expected a number in [0, 1]."),
        (["--means", "0.8,0.5", "--click-rates", "0.5"], "--click-rates: expected 2 values (one per mean in --means), got 1."),
        (["--means", "0.8,0.5", "--click-rates", "0.5,0.5", "--horizon", "0"], "--horizon: expected a whole number of rounds >= 1, got 0."),
        (["--means", "0.8,0.5", "--click-rates", "0.5,0.5", "--lambda", "0"], "--lambda: expected a number > 0, got 0.0."),
        (["--means", "0.8,0.5", "--click-rates", "0.5,0.5", "--lambda=-1"], "--lambda: expected a number > 0, got -1.0."),
        (["--means", "0.8,0.5", "--click-rates", "0.5,0.5", "--mechanism", "ucb-z"], "Did you mean 'ucb-s'?"),
    ]

    @Test("bad input exits 2 naming the option and what was expected", arguments: 0..<bad.count)
    func badInput(_ k: Int) throws {
        var args = ["simulate", "click-bandit", "--seeds", "2"]
        let (extra, message) = Self.bad[k]
        args += extra
        if !extra.contains("--horizon") { args += ["--horizon", "10"] }
        if !extra.contains("--mechanism") { args += ["--mechanism", "ucb-s"] }
        let r = try mechsim(args)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    static let linearScenario = """
        domain: strategic-bandits
        title: tiny B-1
        experiment: b1
        linear:
          theta: [1, 1, 0.8, 1, 1]
          features: [[0.1, -0.1, -0.1, -0.1, -0.1], [-0.1, 0.1, -0.1, -0.1, -0.1], [-0.1, -0.1, 0.1, -0.1, -0.1], [-0.1, -0.1, -0.1, 0.1, -0.1]]
          noise_sd: 0.5
        seed: 1
        horizon: 400
        epochs: 2
        executions: 1

        """

    @Test("simulate linear-bandit --format json prints per-epoch regret and context_manipulation lists; identical across --threads")
    func linearJSON() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("b1.yaml")
        try Self.linearScenario.write(to: file, atomically: true, encoding: .utf8)
        let r = try mechsim(["simulate", "linear-bandit", "--mechanism", "linucb", "--scenario", file.path, "--format", "json", "--threads", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(jsonObject(r.stdout))
        let regret = try #require(o["regret"] as? [Double])
        let manipulation = try #require(o["context_manipulation"] as? [Double])
        #expect(regret.count == 3 && manipulation.count == 3)
        #expect(manipulation[0] == 0 && regret.allSatisfy { $0 > 0 })
        let two = try mechsim(["simulate", "linear-bandit", "--mechanism", "linucb", "--scenario", file.path, "--format", "json", "--threads", "2"])
        #expect(two.stdout == r.stdout)
        // beta=auto is the default: the label says so with the width used at T = 400,
        // 5 + sqrt(2 ln 400 + 5 ln 2001) = 12.07, and the JSON keeps beta = 0 beside beta_used.
        #expect(o["label"] as? String == "linucb(beta=auto (=12.07), lambda=1, warmup=10)")
        #expect(o["beta"] as? Double == 0 && o["beta_auto"] as? Bool == true)
        #expect(abs((o["beta_used"] as? Double ?? 0) - 12.070356480909194) < 1e-9)
        for given in ["auto", "0"] {
            let same = try mechsim(["simulate", "linear-bandit", "--mechanism", "linucb", "--param", "beta=\(given)", "--scenario", file.path,
                                    "--format", "json", "--threads", "1"])
            #expect(same.stdout == r.stdout, "beta=\(given): \(same.stderr)")
        }
        let fixed = try mechsim(["simulate", "linear-bandit", "--mechanism", "linucb", "--param", "beta=2", "--scenario", file.path, "--format", "json"])
        let f = try #require(jsonObject(fixed.stdout))
        #expect(f["label"] as? String == "linucb(beta=2, lambda=1, warmup=10)" && f["beta_used"] as? Double == 2 && f["beta_auto"] as? Bool == false)
        let typo = try mechsim(["simulate", "linear-bandit", "--mechanism", "linucb", "--param", "beta=atuo", "--scenario", file.path])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("Parameter 'beta' of mechanism 'linucb' must be a number or 'auto', got 'atuo'."), "\(typo.stderr)")
        // A scenario with an unknown key: exit 2 naming the key.
        try (Self.linearScenario + "epohcs: 3\n").write(to: file, atomically: true, encoding: .utf8)
        let bad = try mechsim(["simulate", "linear-bandit", "--mechanism", "optgtm", "--scenario", file.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("epohcs") && bad.stderr.contains("Did you mean 'epochs'?"), "\(bad.stderr)")
    }

    @Test("run dispatches strategic-bandit scenarios, prints criteria and writes CSV and SVG")
    func runScenario() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("b2.csv"), svg = dir.appendingPathComponent("b2.svg")
        let r = try mechsim(["run", "scenarios/papers/buening2024-strategic-linear/b2-short.yaml", "--out", csv.path, "--plot", svg.path, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("pass  b2-optgtm-small-gain"))
        #expect(try String(contentsOf: csv, encoding: .utf8).hasPrefix("mechanism,horizon,scale,pulls_truthful,gain,lower,upper,beta_used\n"))
        // beta=auto with the width used at each T: 13.23 at T = 5000, 13.52 at T = 10^4.
        #expect(r.stdout.contains("  linucb(beta=auto (=13.23), lambda=1, warmup=10)  ") && r.stdout.contains("  optgtm(beta=auto (=13.52), lambda=1, lcb_after_update=0)  "),
                "\(r.stdout)")
        #expect(try String(contentsOf: svg, encoding: .utf8).hasPrefix("<svg"))
    }

    @Test("check --axiom desired-profile-approximate-ne reports the witness: ucb-utility's best arm clickbaits to s' = 1")
    func checkWitness() throws {
        // At T = 3000 the default epsilon (476 clicks) is above the gain (0.12 T at most): a given
        // epsilon of 0.02 T shows the witness at a size the debug build runs in a second.
        let r = try mechsim(["check", "ucb-utility", "--axiom", "desired-profile-approximate-ne", "--horizon", "3000", "--samples", "6",
                             "--epsilon", "60", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(jsonObject(r.stdout))
        #expect(o["epsilon_rule"] as? String == "given")
        #expect(o["epsilon_provenance"] as? String == "chosen")
        #expect(o["correction"] as? String == "family-wise")
        #expect(o["verdict"] as? String == "violated")
        let w = try #require(o["witness"] as? [String: Any])
        #expect(w["arm"] as? Int == 1)
        #expect(w["deviation"] as? [Double] == [1])
        #expect((w["lower"] as! Double) > 60)
    }

    @Test("check at the default epsilon prints its rule: 2.1726 sqrt(2 T ln T) = 476.18 clicks at T = 3000")
    func checkDefaultEpsilon() throws {
        let r = try mechsim(["check", "ucb-s", "--axiom", "desired-profile-approximate-ne", "--horizon", "3000", "--samples", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // Two seeds cannot bound every deviation's gain below epsilon: some upper bound exceeds
        // it and no lower bound does, so the check says inconclusive (not no-violation-found).
        #expect(lines.first?.hasPrefix("ucb-s(alpha=2, anytime_log=0) · desired-profile-approximate-ne: inconclusive (epsilon 476.183 [derived], T = 3000, 2 paired seeds)") == true, "\(r.stdout)")
        #expect(lines.count > 1 && lines[1] == "  epsilon (derived): (1 + L/sqrt(s*)) sqrt(alpha T ln T) = 2.1726 sqrt(2 T ln T); violated when a gain's lower bound exceeds it, no violation found when every upper bound is at most it, inconclusive otherwise")
        #expect(lines.contains { $0.hasPrefix("  inconclusive: arm ") && $0.contains("the upper bound exceeds epsilon 476.183") })
    }
}
