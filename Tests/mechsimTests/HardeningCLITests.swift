import Foundation
import Testing

/// Inputs that once crashed MechSim, ran without end or were silently accepted: each now runs,
/// or exits 2 with the file, key or option, what was expected and a suggestion.
@Suite("mechsim hardening: bad and huge inputs", .serialized)
struct HardeningCLITests {
    /// Writes `text` to a file named `name` in a fresh folder and runs `mechsim` with the
    /// arguments, `FILE` replaced by the file's path.
    func run(_ name: String, _ text: String, _ arguments: [String]) throws -> (Execution, String) {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return (try mechsim(arguments.map { $0 == "FILE" ? file : $0 }), file)
    }

    func scenario(_ path: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    }

    @Test("a linear-bandit horizon below the 50 curve points is refused with the minimum (it crashed)")
    func shortLinearHorizon() throws {
        let text = try scenario("scenarios/papers/buening2024-strategic-linear/b1-short.yaml")
            .replacingOccurrences(of: "horizon: 3000", with: "horizon: 20")
        let (r, file) = try run("b1.yaml", text, ["run", "FILE"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(file): horizon (line 16): expected a whole number >= 50, got 20."))
    }

    @Test("grid sizes past Int are refused with the count in scientific notation (the refusal crashed)")
    func hugeGridCounts() throws {
        let check = try mechsim("check", "median", "--axiom", "strategyproofness", "--agents", "20")
        #expect(check.status == 2)
        #expect(check.stderr.contains("the grid has 9^20 = 1.22e+19 profiles, more than the limit of 50,000,000"))
        let ratio = try mechsim("ratio", "median", "--agents", "1000000")
        #expect(ratio.status == 2)
        #expect(ratio.stderr.contains("--agents 1000000 --grid 12 means 2.09e+63 profiles, more than 50,000,000"))
        // C(n + 12, 12) for n = Int.max: answered at once (it spun).
        let start = Date()
        let huge = try mechsim("ratio", "median", "--agents", "9223372036854775807")
        #expect(huge.status == 2 && huge.stderr.contains("7.91e+218 profiles"))
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("a sampled check of Int.max agents is refused by its memory estimate (it wrote past a buffer)")
    func memoryRefusal() throws {
        let r = try mechsim("check", "random-rank", "--axiom", "universal-truthfulness", "--agents", "9223372036854775807", "--samples", "10")
        #expect(r.status == 2)
        #expect(r.stderr.contains("a check of 9223372036854775807 agents on the grid 1/8 needs about 1.4e+12 GiB; this machine has "))
        let scenario = try scenario("scenarios/quickstart.yaml").replacingOccurrences(of: "agents: 25", with: "agents: 1e9")
        let (s, file) = try run("big.yaml", scenario, ["run", "FILE"])
        #expect(s.status == 2)
        #expect(s.stderr.contains("\(file): agents (line 8): a profile of 1000000000 agents on "))
        #expect(s.stderr.contains("GiB; this machine has "))
    }

    @Test("a 433-byte alias bomb used as a mapping key is refused at once, with its line")
    func aliasBomb() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
        for k in 1...7 { lines.append("a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 9).joined(separator: ", ") + "]") }
        lines.append("? *a7\n: 1")
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count > 400 && text.utf8.count < 450)
        let start = Date()
        let (r, file) = try run("bomb.yaml", text, ["run", "FILE"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(file) (line 1): uses a YAML anchor or alias ('&name' or '*name'); scenario and instance files do not support them."))
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("a truncated normal with sd 1e19 is drawn at once (it never finished)")
    func hugeStandardDeviation() throws {
        let text = try scenario("scenarios/quickstart.yaml")
            .replacingOccurrences(of: "profiles: {distribution: uniform, count: 100000, seed: 1}",
                                  with: "profiles: {distribution: truncated-normal, mean: 0.5, sd: 1e19, count: 100, seed: 1}")
            .components(separatedBy: "axioms:")[0]
        let (r, _) = try run("sd.yaml", text, ["run", "FILE", "--format", "json"])
        #expect(r.status == 0)
    }

    @Test("information-acquisition files refuse a repeated key and give syntax errors a line")
    func acquisitionDocument() throws {
        let a3 = try scenario("scenarios/papers/cacciamani2023-information-acquisition/A3.json")
        let trimmed = a3.trimmingCharacters(in: .whitespacesAndNewlines)
        let repeated = String(trimmed.dropLast()) + ",\n  \"payment_cap\": 0.01\n}\n"
        let (dup, _) = try run("A3.json", repeated, ["outcome", "optimal-correlated-mechanism", "--instance", "FILE"])
        #expect(dup.status == 2)
        #expect(dup.stderr.contains("the key 'payment_cap' appears twice in the same mapping. Keep one of them."))
        let broken = a3.replacingOccurrences(of: "\"prior\":", with: "\"prior\"")
        let (syntax, _) = try run("A3.json", broken, ["outcome", "optimal-correlated-mechanism", "--instance", "FILE"])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("is not valid JSON: ") && syntax.stderr.contains("line"))
    }

    @Test("wrong input that ran with exit 0 is refused: another domain's name, no learners, epsilon nan, 1/inf")
    func wrongInputRefused() throws {
        let voting = try scenario("scenarios/quickstart.yaml").replacingOccurrences(of: "domain: facility-location", with: "domain: school-choice")
        let (v, file) = try run("v.yaml", voting, ["run", "FILE"])
        #expect(v.status == 2)
        #expect(v.stderr.contains("\(file): domain (line 7): the domain 'school-choice' has mechanisms but no scenario files"))

        let a2 = try scenario("scenarios/papers/buening2024-clickbait/a2-dynamics-half.yaml")
        let noLearners = String(a2[..<a2.range(of: "learners:")!.lowerBound]) + "learners: []\n"
        let (l, _) = try run("a2.yaml", noLearners, ["run", "FILE"])
        #expect(l.status == 2)
        #expect(l.stderr.contains("learners (line 12): expected at least one learner."))

        let nan = try mechsim("check", "ucb-s", "--axiom", "desired-profile-approximate-ne", "--epsilon", "nan", "--horizon", "100")
        #expect(nan.status == 2)
        #expect(nan.stderr.contains("--epsilon must be a finite number > 0, got nan."))

        let inf = try scenario("scenarios/quickstart.yaml")
            .replacingOccurrences(of: "profiles: {distribution: uniform, count: 100000, seed: 1}",
                                  with: "profiles: {distribution: truncated-normal, mean: 0.5, sd: \"1/inf\", count: 10, seed: 1}")
        let (i, _) = try run("inf.yaml", inf, ["run", "FILE"])
        #expect(i.status == 2)
        #expect(i.stderr.contains("profiles.sd (line 9): expected a number (such as 0.25 or \"1/4\"), got the value '1/inf'."))
    }

    @Test("a negative number after an option is read and refused with the range, not 'Missing value'")
    func negativeOptionValues() throws {
        let r = try mechsim("check", "median", "--axiom", "strategyproofness", "--agents", "-1")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--agents must be at least 1, got -1."))
        let g = try mechsim("ratio", "median", "--grid", "-3")
        #expect(g.status == 2)
        #expect(g.stderr.contains("--grid must be at least 1, got -3."))
    }

    @Test("horizons times seeds past memory or 10^15 rounds are refused before any work")
    func roundsRefused() throws {
        let sim = try mechsim("simulate", "click-bandit", "--mechanism", "ucb-s", "--means", "0.8,0.5", "--click-rates", "0.8,0.5",
                              "--horizon", "9223372036854775807", "--seeds", "2")
        #expect(sim.status == 2)
        #expect(sim.stderr.contains("mean 1.84e+19 rounds, more than 10^15"))
        let online = try mechsim("online", "explore-then-commit", "--instance", "scenarios/papers/cacciamani2023-information-acquisition/A3.json",
                                 "--horizons", "1000", "--seeds", "9223372036854775807")
        #expect(online.status == 2)
        #expect(online.stderr.contains("rounds in total, more than 10^15"))
    }

    @Test("an exact cascade DP that cannot fit is refused and names the methods that can run (it failed to allocate)")
    func cascadeTooLarge() throws {
        let n = 50
        let ctr: [String] = (0..<n).map { (i: Int) -> String in
            let row: [String] = (0..<n).map { (j: Int) -> String in String(0.5 / Double(1 + i + j)) }
            return "[" + row.joined(separator: ", ") + "]"
        }
        let bids: [String] = (0..<n).map { (i: Int) -> String in String(1 - 0.01 * Double(i)) }
        let values = Array(repeating: "{\"distribution\": \"uniform\", \"low\": 0, \"high\": 1}", count: n)
        var text = "{\"user_model\": \"cascade\", \"ctr\": ["
        text += ctr.joined(separator: ", ")
        text += "], \"bids\": [" + bids.joined(separator: ", ")
        text += "], \"cap\": \(n), \"values\": [" + values.joined(separator: ", ") + "]}"
        let (r, _) = try run("c50.json", text, ["outcome", "myerson", "--instance", "FILE"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("51 x 2^50 states, more than 2^27 (1 GiB); use cascade-greedy or cascade-surrogate"))
    }
}
