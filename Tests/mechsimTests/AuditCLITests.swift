import Foundation
import Testing

/// End-to-end tests of `mechsim audit` (issue 6): recompute outcomes from reports and moves,
/// reject malformed files with exit 2.
@Suite("mechsim audit")
struct AuditCLITests {
    func audit(_ json: String, format: String = "json") throws -> Execution {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("audit.json")
        try json.write(to: file, atomically: true, encoding: .utf8)
        return try mechsim(["audit", file.path, "--format", format])
    }

    @Test("random dictator, game first (worked instance V-1): moves (2,1,1) -> seed 1, dictator 1, outcome its top candidate 1")
    func randomDictator() throws {
        let r = try audit(#"{"mechanism": "random-dictator", "method": "game-first", "reports": [[0,1,2],[1,2,0],[2,0,1]], "moves": [[2],[1],[1]]}"#)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == #"{"mechanism": "random-dictator", "method": "game-first", "agents": 3, "move_moduli": [3], "step_choices": [1], "seed": 1, "seed_count": 3, "dictator": 1, "outcome": 1}"# + "\n")
        let other = try audit(#"{"mechanism": "derandomized-random-dictator", "method": "game-first", "reports": [[2,0,1],[1,2,0],[0,2,1],[1,0,2]], "moves": [[3],[3],[1],[0]]}"#)
        let o = jsonObject(other.stdout)
        #expect(o?["seed"] as? Int == 3 && o?["dictator"] as? Int == 3 && o?["outcome"] as? Int == 1)
    }

    @Test("random priority interleaved (R-1) and probabilistic serial game last (R-3)")
    func allocation() throws {
        let rp = jsonObject(try audit(#"{"mechanism": "random-priority", "method": "game-interleaved", "reports": [[0,1,2],[0,2,1],[1,0,2]], "moves": [[1,0],[0,1],[0,1]]}"#).stdout)
        #expect(rp?["order"] as? [Int] == [1, 0, 2] && rp?["outcome"] as? [Int] == [1, 0, 2] && rp?["step_choices"] as? [Int] == [1, 0])
        let ps = jsonObject(try audit(#"{"mechanism": "probabilistic-serial", "method": "game-last", "reports": [[0,1,2],[0,2,1],[1,0,2]], "moves": [[1],[2],[3]]}"#).stdout)
        #expect(ps?["seed"] as? Int == 2 && ps?["seed_count"] as? Int == 4 && ps?["outcome"] as? [Int] == [1, 0, 2])
    }

    @Test("facility, task allocation, school choice and peer selection (worked instances F-2, T-1, S-1, P-1)")
    func otherDomains() throws {
        let lrm = jsonObject(try audit(#"{"mechanism": "lrm", "method": "game-last", "reports": [0.1, 0.4, 0.9], "moves": [[3],[2],[1]]}"#).stdout)
        #expect(lrm?["outcome"] as? Double == 0.5)
        let nr = jsonObject(try audit(#"{"mechanism": "randomized-nisan-ronen", "method": "game-interleaved", "reports": [[1, "4/3"], ["4/3", 1]], "moves": [[1,0],[1,1]]}"#).stdout)
        let o = nr?["outcome"] as? [String: Any]
        #expect(o?["allocation"] as? [Int] == [0, 1] && o?["payments"] as? [String] == ["16/9", "16/9"])
        let da = jsonObject(try audit(#"{"mechanism": "deferred-acceptance-lottery", "method": "game-first", "reports": [[0,1,2],[0,2,1],[1,0,2],[0,1,2]], "moves": [[5],[7],[11],[3]], "instance": {"capacities": [1,1,2], "priorities": [[[3],[0,1,2]], [], []]}}"#).stdout)
        #expect(da?["seed"] as? Int == 2 && da?["outcome"] as? [Int] == [1, 2, 2, 0])
        let p = jsonObject(try audit(#"{"mechanism": "partition", "method": "game-first", "reports": [[0,8,3,5],[6,0,9,2],[7,4,0,1],[9,5,7,0]], "moves": [[2],[2],[1],[0]]}"#).stdout)
        #expect(p?["seed"] as? Int == 2 && p?["outcome"] as? [Int] == [0, 1])
        // Exact Dollar Partition, interleaved: one partition (moves mod 1 are skipped), rounding slot mod 6.
        let edp = jsonObject(try audit(#"{"mechanism": "exact-dollar-partition", "method": "game-interleaved", "reports": [[0,1,1],[0,0,1],[1,1,0]], "moves": [[1],[0],[0]], "instance": {"k": 1, "l": 3}}"#).stdout)
        #expect(edp?["move_moduli"] as? [Int] == [6] && edp?["seed"] as? Int == 1 && edp?["outcome"] as? [Int] == [1])
    }

    @Test("malformed files exit 2 with the key path and what was expected")
    func malformed() throws {
        let cases: [(String, String)] = [
            (#"{"mechanism": "random-dictator", "method": "game-first", "reports": [[0,1,2],[1,2,0],[2,0,1]], "moves": [[2],[5],[1]]}"#,
             "moves[1][0]: expected an integer in 0...2, got 5."),
            (#"{"mechanism": "random-dictator", "method": "game-first", "reports": [[0,1,2],[1,2,0],[2,0,1]], "moves": [[2],[1]]}"#,
             "moves: expected one list of moves per agent (3 lists), got 2."),
            (#"{"mechanism": "random-dictator", "method": "game-first", "reports": [[0,1,2],[1,1,0]], "moves": [[0],[1]]}"#,
             "reports[1]: expected a ranking of the candidates 0...2, each once, best first, got [1, 1, 0]."),
            (#"{"mechanism": "random-dictator", "method": "game-frist", "reports": [[0]], "moves": [[0]]}"#,
             "method (line 1): expected one of game-first, game-last, game-interleaved, got 'game-frist'. Did you mean 'game-first'?"),
            (#"{"mechanism": "random-dictator", "method": "game-first", "reports": [[0]], "moves": [0]}"#,
             "moves[0] (line 1): expected a list, got the value '0'."),
            (#"{"mechanism": "random-dictatr", "method": "game-first", "reports": [[0]], "moves": [[0]]}"#,
             "Did you mean 'random-dictator'?"),
            (#"{"mechanism": "random-dictator", "method": "game-first", "reports": [[0]], "moves": [[0]], "mves": 1}"#,
             "mves (line 1): unknown key 'mves'"),
            (#"{"mechanism": "probabilistic-serial", "method": "game-first", "reports": [[0,1],[1,0]], "moves": [[0],[0]]}"#,
             "Method 'game-first' is not available for 'probabilistic-serial'"),
        ]
        for (json, message) in cases {
            let r = try audit(json)
            #expect(r.status == 2, "\(json)")
            #expect(r.stderr.contains(message), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test("mechsim run dispatches domain: derandomized and reports the exact lottery next to the frequencies")
    func runScenario() throws {
        let r = try mechsim("run", "scenarios/papers/walsh2024-derandomized/voting-random-dictator.yaml", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#""exact": "1/3""#) && r.stdout.contains(#""deviator_exact_gain": 0"#))
    }
}
