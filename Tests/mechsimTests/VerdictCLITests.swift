import Foundation
import Testing

/// `mechsim list axioms` and `mechsim check` for every domain: the fields every check prints
/// (`mechanism`, `axiom`, `domain`, `verdict`, `witness`, `space`, `arithmetic`), the instance
/// files, and bad input exiting 2.
@Suite("mechsim check and list axioms: every domain", .serialized)
struct VerdictCLITests {
    static let acquisitionFolder = "scenarios/papers/cacciamani2023-information-acquisition"

    /// Worked instance EX1 with v1 = 0.75 (GSP's DSIC counterexample) as an instance file.
    static func ex1File(in dir: URL) throws -> String {
        let file = dir.appendingPathComponent("ex1.json")
        try #"{"user_model": "separable", "alpha": [1, 1, 1], "beta": [0.5, 0.2], "bids": [0.75, 0.7, 0.4], "cap": 2}"#
            .write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test("list axioms --format json lists every axiom of every domain once, each with id, name, definition, source and domain")
    func listAxiomsJSON() throws {
        let r = try mechsim("list", "axioms", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let all = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        // 19 facility, 6 auction, 4 information-acquisition, 4 derandomized, 1 bandit, 4 voting axioms.
        #expect(all.count == 38)
        for o in all {
            for key in ["id", "name", "definition", "source", "domain"] {
                #expect(!((o[key] as? String) ?? "").isEmpty, "\(o["id"] ?? "?") lacks \(key)")
            }
        }
        let pairs = all.map { "\($0["domain"] as? String ?? "")/\($0["id"] as? String ?? "")" }
        #expect(Set(pairs).count == pairs.count, "(domain, id) is unique")
        let expected = [
            "facility-location/strategyproofness", "facility-location/universal-truthfulness", "facility-location/proportional-fairness-in-expectation",
            "position-auctions/dsic", "position-auctions/individual-rationality", "position-auctions/no-positive-transfers",
            "position-auctions/monotone-click-probabilities", "position-auctions/welfare-optimality", "position-auctions/payment-identity",
            "information-acquisition/incentive-compatibility", "information-acquisition/individual-rationality",
            "information-acquisition/limited-liability", "information-acquisition/payment-cap",
            "derandomized/lottery-equivalence", "derandomized/uniform-play-equilibrium", "derandomized/quasi-strategyproofness",
            "derandomized/move-responsiveness", "strategic-bandits/desired-profile-approximate-ne",
        ]
        for p in expected { #expect(pairs.contains(p), "\(p)") }
        #expect(pairs.filter { $0.hasPrefix("facility-location/") }.count == 19)
        // The facility fields as before, plus domain and subject.
        let sp = try #require(all.first { $0["id"] as? String == "strategyproofness" })
        #expect(Set(sp.keys) == ["id", "name", "definition", "source", "domain", "subject"])
        let text = try mechsim("list", "axioms").stdout
        for id in ["universal-truthfulness", "payment-identity", "limited-liability", "quasi-strategyproofness", "desired-profile-approximate-ne"] {
            #expect(text.contains(id))
        }
    }

    @Test("facility check --format json keeps its fields and adds domain and arithmetic")
    func facility() throws {
        // 4 agents on the grid 1/4, not the defaults (3, 8), so the space line fails if either option is ignored.
        let o = try #require(jsonObject(try mechsim("check", "average", "--axiom", "strategyproofness", "--agents", "4", "--grid", "4", "--format", "json").stdout))
        #expect(o["domain"] as? String == "facility-location")
        #expect(o["verdict"] as? String == "violated" && o["profiles_checked"] as? Int == 2 && o["shrunk"] as? Bool == true)
        let a = try #require(o["arithmetic"] as? [String: Any])
        #expect(a["kind"] as? String == "floating-point" && a["tolerance"] as? Double == 1e-9)
        let text = try mechsim("check", "average", "--axiom", "strategyproofness", "--agents", "4", "--grid", "4").stdout
        #expect(text == """
            average · strategyproofness: violated
              space: all 4-agent profiles on the grid 1/4 (exhaustive), 2 profiles checked
              witness (shrunk): Under average, agent 1 at 0.5 lowers its expected cost from 0.25 to 0 by reporting 1.
              profile: 0, 0.5

            """)
    }

    @Test("position auctions: GSP on EX1 with v1 = 0.75: advertiser 0 gains 0.07 - 0.025 = 0.045 by bidding 0.4 (slot B at 0.4 per click)")
    func auction() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.ex1File(in: dir)
        let r = try mechsim("check", "gsp", "--axiom", "dsic", "--instance", file, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(jsonObject(r.stdout))
        #expect(o["mechanism"] as? String == "gsp" && o["axiom"] as? String == "dsic" && o["domain"] as? String == "position-auctions")
        #expect(o["verdict"] as? String == "violated" && o["instance"] as? String == file)
        let w = try #require(o["witness"] as? [String: Any])
        #expect(w["kind"] as? String == "auction" && w["advertiser"] as? Int == 0 && w["misreport"] as? Double == 0.4)
        #expect(abs((w["required"] as? Double ?? 0) - 0.025) < 1e-12 && abs((w["found"] as? Double ?? 0) - 0.07) < 1e-12)
        #expect(w["values"] as? [Double] == [0.75, 0.7, 0.4])
        let space = try #require(o["space"] as? [String: Any])
        #expect(space["exhaustive"] as? Bool == false)
        #expect((o["arithmetic"] as? [String: Any])?["kind"] as? String == "floating-point")
        let text = try mechsim("check", "gsp", "--axiom", "dsic", "--instance", file).stdout.split(separator: "\n").map(String.init)
        #expect(text.first == "gsp · dsic (position-auctions): violated")
        #expect(text.last == "  witness: gsp violates dsic: advertiser 0 at values 0.75, 0.7, 0.4, report 0.4: utility 0.025 when truthful, 0.07 when bidding 0.4 (gain 0.045)")
        // IR is a property of the truthful outcome: one instance is the whole space.
        let ir = try #require(jsonObject(try mechsim("check", "vcg", "--axiom", "individual-rationality", "--instance", file, "--format", "json").stdout))
        #expect(ir["verdict"] as? String == "holds" && ir["witness"] is NSNull)
    }

    @Test("information acquisition: the LP-A optimum of A3 is IC over its 2 agents x 2 recommendations x 2 efforts, in floating point with tolerance 1e-6")
    func acquisition() throws {
        let file = "\(Self.acquisitionFolder)/A3.json"
        let r = try mechsim("check", "optimal-correlated-mechanism", "--axiom", "incentive-compatibility", "--instance", file, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(jsonObject(r.stdout))
        #expect(o["domain"] as? String == "information-acquisition" && o["verdict"] as? String == "holds" && o["witness"] is NSNull)
        let space = try #require(o["space"] as? [String: Any])
        #expect(space["count"] as? Int == 8 && space["exhaustive"] as? Bool == true)
        let a = try #require(o["arithmetic"] as? [String: Any])
        #expect(a["kind"] as? String == "floating-point" && a["tolerance"] as? Double == 1e-6)
        let ir = try mechsim("check", "optimal-ic-mechanism", "--axiom", "individual-rationality", "--instance", "\(Self.acquisitionFolder)/B1-report-only.json")
        #expect(ir.status == 0 && ir.stdout.hasPrefix("optimal-ic-mechanism · individual-rationality (information-acquisition): inconclusive\n"))
    }

    @Test("derandomized: random dictator (default instance, the Condorcet cycle) and random priority (an instance file) are quasi-strategyproof, exactly: 45 and 90 deviations")
    func derandomized() throws {
        let o = try #require(jsonObject(try mechsim("check", "derandomized-random-dictator", "--axiom", "quasi-strategyproofness", "--format", "json").stdout))
        #expect(o["domain"] as? String == "derandomized" && o["verdict"] as? String == "holds" && o["witness"] is NSNull)
        #expect((o["space"] as? [String: Any])?["count"] as? Int == 45)
        #expect((o["arithmetic"] as? [String: Any])?["kind"] as? String == "exact")
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("houses.json")
        try #"{"reports": [[0, 1, 2], [0, 2, 1], [1, 0, 2]]}"#.write(to: file, atomically: true, encoding: .utf8)
        // 3 agents x 5 other rankings x 6 moves (mod 3! = 6).
        let rp = try #require(jsonObject(try mechsim("check", "derandomized-random-priority", "--axiom", "quasi-strategyproofness", "--instance", file.path, "--format", "json").stdout))
        #expect(rp["verdict"] as? String == "holds" && (rp["space"] as? [String: Any])?["count"] as? Int == 90)
        let text = try mechsim("check", "derandomized-random-dictator", "--axiom", "uniform-play-equilibrium").stdout
        #expect(text == """
            derandomized-random-dictator(method=0) · uniform-play-equilibrium (derandomized): holds
              space: the reports [[0,1,2],[1,2,0],[2,0,1]], game-first: every move of every agent (mod 3) against uniform play (9 cases)
              arithmetic: exact (rational)

            """)
    }

    @Test("derandomized: probabilistic serial at R-4, agent 0 valuing the items (10, 9, 0): ranking item 1 first raises 13/2 to 7 (the exception to quasi-strategyproofness)")
    func derandomizedViolated() throws {
        let r = try mechsim("check", "derandomized-probabilistic-serial", "--axiom", "quasi-strategyproofness", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(jsonObject(r.stdout))
        #expect(o["verdict"] as? String == "violated" && (o["arithmetic"] as? [String: Any])?["kind"] as? String == "exact")
        let w = try #require(o["witness"] as? [String: Any])
        #expect(w["kind"] as? String == "sincerity-deviation" && w["agent"] as? Int == 0 && w["misreport"] as? [Int] == [1, 0, 2])
        #expect(w["equilibrium_value"] as? String == "13/2" && w["deviation_value"] as? String == "7" && w["gain"] as? Double == 0.5)
        // The same instance with Borda utilities for everybody: no agent gains.
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("r4-borda.json")
        try #"{"reports": [[0, 1, 2], [0, 1, 2], [1, 2, 0]]}"#.write(to: file, atomically: true, encoding: .utf8)
        let borda = try #require(jsonObject(try mechsim("check", "derandomized-probabilistic-serial", "--axiom", "quasi-strategyproofness",
                                                        "--instance", file.path, "--format", "json").stdout))
        #expect(borda["verdict"] as? String == "holds" && borda["witness"] is NSNull)
    }

    @Test("strategic bandits: check keeps its fields and adds domain, space and arithmetic")
    func bandit() throws {
        let r = try mechsim("check", "ucb-s", "--axiom", "desired-profile-approximate-ne", "--horizon", "3000", "--samples", "2", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(jsonObject(r.stdout))
        // Two seeds leave some deviation's upper bound above epsilon: inconclusive, with the reason.
        #expect(o["domain"] as? String == "strategic-bandits" && o["verdict"] as? String == "inconclusive")
        #expect((o["reason"] as? String)?.contains("the upper bound exceeds epsilon") == true)
        #expect(o["epsilon_provenance"] as? String == "derived")
        #expect(((o["largest_upper"] as? [String: Any])?["upper"] as? Double ?? 0) > (o["epsilon"] as? Double ?? .infinity))
        #expect(o["horizon"] as? Int == 3000 && o["seeds"] as? Int == 2 && o["correction"] as? String == "family-wise")
        // 5 arms: the grid {0, 0.05, ..., 1} (21) and 8 offsets around s*_i each, s' for the best arm, minus duplicates.
        let space = try #require(o["space"] as? [String: Any])
        #expect(space["count"] as? Int == 136 && space["exhaustive"] as? Bool == false)
        #expect(o["arithmetic"] is NSNull)
        #expect((o["witness"] as? [String: Any])?["arm"] as? Int == 1)
    }

    struct BadInput: Sendable, CustomStringConvertible {
        var arguments: [String]
        var message: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let badInputs: [BadInput] = [
        BadInput(arguments: ["check", "gsp", "--axiom", "dsic"],
                 message: "error: 'dsic' on position-auctions mechanism 'gsp' needs --instance FILE.json (an auction instance: user_model, ctr (or alpha and beta), bids, cap; the bids are the true values).\n"),
        BadInput(arguments: ["check", "optimal-correlated-mechanism", "--axiom", "payment-cap"],
                 message: "error: 'payment-cap' on information-acquisition mechanism 'optimal-correlated-mechanism' needs --instance FILE.json (an information-acquisition instance: prior, agents, signal_law, utility, payment_cap (model A) or sender_utility (model B)).\n"),
        BadInput(arguments: ["check", "median", "--axiom", "dsic"],
                 message: "error: Axiom 'dsic' is an axiom of position-auctions, but the mechanism is of facility-location; expected one of: anonymity, continuity,"),
        BadInput(arguments: ["check", "vcg", "--axiom", "strategyproofness", "--instance", "x.json"],
                 message: "error: Axiom 'strategyproofness' is an axiom of facility-location, but the mechanism is of position-auctions; expected one of: dsic, individual-rationality, no-positive-transfers, monotone-click-probabilities, welfare-optimality, payment-identity.\n"),
        BadInput(arguments: ["check", "optimal-ic-mechanism", "--axiom", "dsc", "--instance", "x.json"],
                 message: "error: Unknown axiom 'dsc'. Did you mean 'dsic'? (see 'mechsim list axioms')\n"),
        BadInput(arguments: ["check", "random-dictator", "--axiom", "quasi-strategyproofness"],
                 message: "error: Axiom 'quasi-strategyproofness' is an axiom of derandomized, but the mechanism is of voting; expected one of: sd-strategyproofness, anonymity, neutrality, ex-post-pareto-efficiency"),
        BadInput(arguments: ["check", "optimal-ic-mechanism", "--axiom", "incentive-compatibility", "--instance", "scenarios/papers/cacciamani2023-information-acquisition/A3.json"],
                 message: "error: scenarios/papers/cacciamani2023-information-acquisition/A3.json: 'optimal-ic-mechanism' runs on model B instances (with \"sender_utility\"); this is a model A instance. Use 'optimal-correlated-mechanism', 'optimal-uncorrelated-mechanism' or 'best-effort-profile'.\n"),
    ]

    @Test("bad input exits 2 naming what is expected", arguments: badInputs)
    func badInput(_ c: BadInput) throws {
        let r = try mechsim(c.arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix(c.message), "\(r.stderr)")
    }

    @Test("a derandomized instance file with an unknown key exits 2 with the key and the keys it takes")
    func badDerandomizedFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.json")
        try "{\"reports\": [[0, 1, 2], [1, 2, 0], [2, 0, 1]], \"moves\": []}".write(to: file, atomically: true, encoding: .utf8)
        let r = try mechsim(["check", "derandomized-random-dictator", "--axiom", "quasi-strategyproofness", "--instance", file.path])
        #expect(r.status == 2)
        #expect(r.stderr == "error: \(file.path): moves (line 1): unknown key 'moves'; expected one of: reports, instance, utilities, description.\n")
        try "{\"reports\": [0.1, 0.4, 0.9], \"utilities\": [null, null, null]}".write(to: file, atomically: true, encoding: .utf8)
        let u = try mechsim(["check", "derandomized-random-rank", "--axiom", "quasi-strategyproofness", "--instance", file.path])
        #expect(u.status == 2)
        #expect(u.stderr.hasPrefix("error: \(file.path): utilities (line 1): 'utilities' is only read for random-dictator, random-serial-dictator, random-priority, probabilistic-serial, deferred-acceptance-lottery."), "\(u.stderr)")
    }
}
