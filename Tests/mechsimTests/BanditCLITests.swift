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
}
