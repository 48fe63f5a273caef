import Foundation
import Testing

@Suite("mechsim end to end", .serialized)
struct CLITests {
    @Test("outcome --format json prints exactly the contract's object (Random Rank on 0.1, 0.4, 0.9)")
    func outcomeJSON() throws {
        let r = try mechsim("outcome", "random-rank", "--profile", "0.1,0.4,0.9", "--format", "json")
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").count == 1, "one object on one line")
        let o = try #require(jsonObject(r.stdout))
        #expect(o["mechanism"] as? String == "random-rank")
        #expect(o["profile"] as? [Double] == [0.1, 0.4, 0.9])
        let lottery = try #require(o["lottery"] as? [[String: Double]])
        #expect(lottery.map { $0["location"]! } == [0.1, 0.4, 0.9])
        #expect(lottery.allSatisfy { abs($0["probability"]! - 1.0 / 3) < 1e-12 })
        // E[TC] = (1/3)(TC(0.1) + TC(0.4) + TC(0.9)) = (1.1 + 0.8 + 1.3) / 3 = 16/15.
        #expect(abs((o["expected_total_cost"] as! Double) - 16.0 / 15) < 1e-12)
        #expect(abs((o["expected_max_cost"] as! Double) - 0.7) < 1e-12)
        #expect(abs((o["expected_social_welfare"] as! Double) - (3 - 16.0 / 15)) < 1e-12)
        let costs = try #require(o["agent_expected_costs"] as? [Double])
        #expect(zip(costs, [1.1 / 3, 0.8 / 3, 1.3 / 3]).allSatisfy { abs($0 - $1) < 1e-12 })
        let keys = ["mechanism", "profile", "lottery", "expected_total_cost", "expected_max_cost", "expected_social_welfare", "agent_expected_costs"]
        var last = r.stdout.startIndex
        for k in keys {
            let range = try #require(r.stdout.range(of: "\"\(k)\":"), "key \(k)")
            #expect(range.lowerBound >= last, "\(k) in contract order")
            last = range.lowerBound
        }
    }

    @Test("outcome merges equal locations and takes parameters: order-statistic k=2 on (0.3, 0.3, 0.9)")
    func outcomeParams() throws {
        let rr = try #require(jsonObject(try mechsim("outcome", "random-rank", "--profile", "0.3,0.3,0.9", "--format", "json").stdout))
        let lottery = try #require(rr["lottery"] as? [[String: Double]])
        #expect(lottery.count == 2 && abs(lottery[0]["probability"]! - 2.0 / 3) < 1e-12)
        // k = 2 is the second highest location, 0.3; the default k = 1 would give 0.9, so this
        // fails if --param were ignored.
        let os = try #require(jsonObject(try mechsim("outcome", "order-statistic", "--profile", "0.3,0.3,0.9", "--param", "k=2", "--format", "json").stdout))
        #expect((os["lottery"] as? [[String: Double]])?.first?["location"] == 0.3)
        #expect((os["parameters"] as? [String: Double])?["k"] == 2)
    }

    @Test("check --format json: a violation carries the witness fields (Average, n = 2, x = (1/5, 3/5))")
    func checkViolated() throws {
        // 4 agents on the grid 1/4, not the defaults (3, 8): the space fails if either option is ignored.
        let r = try mechsim("check", "average", "--axiom", "strategyproofness", "--agents", "4", "--grid", "4", "--format", "json")
        #expect(r.status == 0)
        let o = try #require(jsonObject(r.stdout))
        #expect(o["mechanism"] as? String == "average")
        #expect(o["axiom"] as? String == "strategyproofness")
        #expect(o["verdict"] as? String == "violated")
        let w = try #require(o["witness"] as? [String: Any])
        #expect(w["profile"] as? [Double] == [0, 0.5])
        #expect(w["agent"] as? Int == 1)
        #expect(w["misreport"] as? Double == 1)
        #expect((w["truthful_outcome"] as? [[String: Double]])?.first?["location"] == 0.25)
        #expect((w["manipulated_outcome"] as? [[String: Double]])?.first?["location"] == 0.5)
        #expect(w["gain"] as? Double == 0.25)
        let space = try #require(o["space"] as? [String: Any])
        #expect(space["agents"] as? Int == 4 && space["grid"] as? Int == 4 && space["profiles"] as? Int == 625 && space["exhaustive"] as? Bool == true)
    }

    @Test("check --format json: holds with a null witness; sampled spaces say no-violation-found")
    func checkHolds() throws {
        let o = try #require(jsonObject(try mechsim("check", "uniform-phantom", "--axiom", "strategyproofness", "--agents", "3", "--grid", "6", "--format", "json").stdout))
        #expect(o["verdict"] as? String == "holds")
        #expect(o["witness"] is NSNull)
        // --grid 6 (default 8): 7^3 = 343 profiles.
        #expect(o["profiles_checked"] as? Int == 343 && (o["space"] as? [String: Any])?["grid"] as? Int == 6)
        let s = try #require(jsonObject(try mechsim("check", "random-rank", "--axiom", "universal-truthfulness", "--agents", "6", "--samples", "200", "--seed", "3", "--format", "json").stdout))
        #expect(s["verdict"] as? String == "no-violation-found")
        // --agents 6, --samples 200 and --seed 3 (defaults 3, none, 1) reach the sampled space.
        let sampled = try #require(s["space"] as? [String: Any])
        #expect(sampled["kind"] as? String == "sampled" && sampled["agents"] as? Int == 6 && sampled["samples"] as? Int == 200 && sampled["seed"] as? String == "3")
        #expect(s["profiles_checked"] as? Int == 200)
    }

    struct BadInput: Sendable, CustomStringConvertible {
        var arguments: [String]
        var message: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        BadInput(arguments: ["outcome", "medain", "--profile", "0.1"], message: "error: Unknown mechanism 'medain'. Did you mean 'median'? (see 'mechsim list mechanisms')\n"),
        BadInput(arguments: ["check", "median", "--axiom", "strategy-proofness"], message: "error: Unknown axiom 'strategy-proofness'. Did you mean 'strategyproofness'? (see 'mechsim list axioms')\n"),
        BadInput(arguments: ["outcome", "median", "--profile", "0.1,1.2"], message: "error: Invalid profile: location 2 is 1.2, outside [0, 1]\n"),
        BadInput(arguments: ["outcome", "median", "--profile", "0.1,nan"], message: "error: Invalid profile: location 2 is nan; locations must be finite numbers in [0, 1]\n"),
        BadInput(arguments: ["outcome", "median", "--profile", ""], message: "error: --profile is empty; give comma-separated numbers such as 0.1,0.4,0.9.\n"),
        BadInput(arguments: ["outcome", "median", "--profile", "0.1,abc"], message: "error: --profile: item 2 ('abc') is not a number; give comma-separated numbers such as 0.1,0.4,0.9.\n"),
        BadInput(arguments: ["outcome", "order-statistic", "--profile", "0.1,0.2", "--param", "k=3"], message: "error: Mechanism 'order-statistic' cannot run on this profile: k = 3 but the profile has only 2 agent(s); k must be at most n\n"),
        BadInput(arguments: ["outcome", "median", "--profile", "0.5", "--param", "k=3"], message: "error: Mechanism 'median' has no parameter 'k'. (it takes no parameters)\n"),
        BadInput(arguments: ["run", "scenarios/nosuch.yaml"], message: "error: scenarios/nosuch.yaml: no such file. Check the path; scenario files live under scenarios/.\n"),
        BadInput(arguments: ["check", "median", "--axiom", "anonymity", "--agents", "12", "--grid", "10"], message: "error: Invalid search space: the grid has 11^12 = 3,138,428,376,721 profiles, more than the limit of 50,000,000; use fewer agents, a coarser grid, or --samples.\n"),
        BadInput(arguments: ["list", "mechanism"], message: "error: The value 'mechanism' is invalid for '<what>'. Please provide one of 'mechanisms', 'axioms', 'claims', 'distributions' or 'metrics'."),
        BadInput(arguments: ["run", "x.yaml", "--shard", "3/2", "--out", "s.json"], message: "error: --shard must be i/N with 0 <= i < N, got '3/2'."),
    ]

    @Test("bad input exits 2 with one clear message", arguments: badInputs)
    func badInput(_ c: BadInput) throws {
        let r = try mechsim(c.arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix(c.message) || r.stderr.lowercased().hasPrefix(c.message.lowercased()), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))
    }

    @Test("bad scenario files exit 2 naming the file and key path: unknown key, wrong type, missing field")
    func badScenarios() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [(String, String)] = [
            ("domain: facility-location\ntitle: t\nagents: 3\nprofiles: {distribution: uniform, count: 10, seed: 1}\nmechanisms: [median]\nmetrcs: [expected-total-cost]\n",
             "metrcs (line 6): unknown key 'metrcs'; expected one of: title, reference, description, domain, agents, profiles, mechanisms, metrics, axioms, worst_case, characterizations, design, expect. Did you mean 'metrics'?"),
            ("domain: facility-location\ntitle: t\nagents: three\nprofiles: {distribution: uniform, count: 10, seed: 1}\nmechanisms: [median]\n",
             "agents (line 3): expected a whole number, got the value 'three'."),
            ("domain: facility-location\ntitle: t\nagents: 3\nprofiles: {distribution: uniform, seed: 1}\nmechanisms: [median]\n",
             "profiles (line 4): missing 'count' (how many profiles to draw)."),
            ("title: t\nagents: 3\nprofiles: {distribution: uniform, count: 10, seed: 1}\nmechanisms: [median]\n",
             "(line 1): missing required key 'domain'; expected one of: facility-location, position-auctions, information-acquisition, strategic-bandits, derandomized, voting. Add 'domain: facility-location' (or the family of the file) at the top."),
            ("domain: facility-locaton\ntitle: t\n",
             "domain (line 1): unknown domain 'facility-locaton'; expected one of: facility-location, position-auctions, information-acquisition, strategic-bandits, derandomized, voting. Did you mean 'facility-location'?"),
            ("domain: school-choice\ntitle: t\nagents: 3\nprofiles: {distribution: uniform, count: 10, seed: 1}\nmechanisms: [median]\n",
             "domain (line 1): the domain 'school-choice' has mechanisms but no scenario files; expected one of: facility-location, position-auctions, information-acquisition, strategic-bandits, derandomized, voting. Its derandomized mechanisms run in 'domain: derandomized' scenarios."),
        ]
        for (i, (text, message)) in cases.enumerated() {
            let file = dir.appendingPathComponent("bad\(i).yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let r = try mechsim(["run", file.path])
            #expect(r.status == 2)
            let separator = message.hasPrefix("(") ? " " : ": "
            #expect(r.stderr == "error: \(file.path)\(separator)\(message)\n", "\(r.stderr)")
        }
    }

    @Test("run exits 1 when an expectation fails and names it")
    func failedExpectation() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("fail.yaml")
        try "domain: facility-location\ntitle: t\nprofiles: {explicit: [[0, 1]]}\nmechanisms: [median]\nexpect: [{mechanism: median, metric: expected-total-cost, value: 0.5}]\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try mechsim(["run", file.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAILED expect[0]: median expected-total-cost: expected 0.5"))
    }

    @Test("determinism: --out bytes are identical for 1 and 2 threads and after merging 1, 2 or 3 shards")
    func determinism() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = dir.appendingPathComponent("study.yaml")
        try """
        domain: facility-location
        title: determinism study
        agents: 15
        profiles: {distribution: beta, a: 2, b: 5, count: 9000, seed: 77}
        mechanisms: [median, random-rank, uniform-phantom]
        metrics: [expected-total-cost, social-welfare-ratio, agent-expected-costs]
        axioms:
          - {id: anonymity, agents: 2, grid: 4}

        """.write(to: scenario, atomically: true, encoding: .utf8)
        func bytes(_ name: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(name)) }
        #expect(try mechsim(["run", scenario.path, "--threads", "1", "--out", dir.appendingPathComponent("t1.json").path, "--quiet"]).status == 0)
        #expect(try mechsim(["run", scenario.path, "--threads", "2", "--out", dir.appendingPathComponent("t2.json").path, "--quiet"]).status == 0)
        #expect(try mechsim(["run", scenario.path, "--threads", "2", "--out", dir.appendingPathComponent("t2.csv").path, "--quiet"]).status == 0)
        #expect(try bytes("t1.json") == bytes("t2.json"))
        for shards in [1, 2, 3] {
            var files: [String] = []
            for i in 0..<shards {
                let f = dir.appendingPathComponent("s\(shards)-\(i).json").path
                #expect(try mechsim(["run", scenario.path, "--shard", "\(i)/\(shards)", "--out", f, "--threads", "\(1 + i % 2)", "--quiet"]).status == 0)
                files.append(f)
            }
            let merged = dir.appendingPathComponent("m\(shards).json").path
            let r = try mechsim(["merge"] + files.reversed() + ["--out", merged])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try bytes("m\(shards).json") == bytes("t1.json"), "\(shards) shards")
            let csv = dir.appendingPathComponent("m\(shards).csv").path
            #expect(try mechsim(["merge"] + files + ["--out", csv]).status == 0)
            #expect(try bytes("m\(shards).csv") == bytes("t2.csv"))
        }
        // A missing shard is refused.
        let partial = try mechsim(["merge", dir.appendingPathComponent("s3-0.json").path, "--out", dir.appendingPathComponent("x.json").path])
        #expect(partial.status == 2 && partial.stderr.contains("Cannot merge: shards 1/3, 2/3 are missing"), "\(partial.stderr)")
    }

    @Test("--version prints MechSim's version and the GLPK version it links")
    func version() throws {
        let r = try mechsim("--version")
        #expect(r.status == 0)
        #expect(r.stdout.wholeMatch(of: /0\.1\.0 \(GLPK [0-9]+\.[0-9]+\)\n/) != nil, "\(r.stdout)")
    }

    @Test("list prints every registered mechanism with its paper")
    func list() throws {
        let r = try mechsim("list", "mechanisms")
        #expect(r.status == 0)
        for id in ["average", "median", "midpoint", "order-statistic", "random-rank", "uniform-phantom"] {
            #expect(r.stdout.contains(id))
        }
        #expect(r.stdout.contains("Aziz et al. (2022)"))
        #expect(try mechsim("list", "axioms").stdout.contains("universal-truthfulness"))
        #expect(try mechsim("list", "distributions").stdout.contains("two-cluster"))
    }

    @Test("bench --format json prints one object per workload with name and per_second")
    func bench() throws {
        let r = try mechsim("bench", "W1", "--profiles", "2000", "--agents", "11", "--repeat", "1", "--format", "json")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let o = try #require(jsonObject(String(lines[0])))
        #expect(o["name"] as? String == "W1")
        #expect((o["per_second"] as? Double ?? 0) > 0)
        // --profiles 2000 and --agents 11 reach the workload (not its defaults).
        #expect(o["profiles"] as? Int == 2000 && o["agents"] as? Int == 11)
        let w2 = try mechsim("bench", "W2", "--solves", "50", "--repeat", "1", "--format", "json")
        #expect(w2.status == 0, "\(w2.stderr)")
        let o2 = try #require(jsonObject(String(w2.stdout.split(separator: "\n")[0])))
        #expect(o2["name"] as? String == "W2")
        #expect((o2["max_objective_difference"] as? Double ?? 1) < 1e-9)
    }
}
