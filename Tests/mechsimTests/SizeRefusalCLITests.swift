import Foundation
import Testing

/// Requests too large for this machine are refused before any work, with the size and what to
/// change; large but feasible ones start with an estimate of the work.
@Suite("mechsim refuses work that cannot fit, before starting it", .serialized)
struct SizeRefusalCLITests {
    func run(_ name: String, _ text: String, _ arguments: [String]) throws -> Execution {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(name).path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return try mechsim(arguments.map { $0 == "FILE" ? file : $0 })
    }

    @Test("an MNL auction of 2,000 x 2,000 is refused before its LP is built (it held 4.6 GB after two minutes)")
    func mnl2000() throws {
        let n = 2_000
        let row = "[" + Array(repeating: "0.1", count: n).joined(separator: ",") + "]"
        let text = "{\"user_model\": \"mnl\", \"ctr\": [" + Array(repeating: row, count: n).joined(separator: ",") + "], \"bids\": ["
            + (0..<n).map { String(1 + $0 % 7) }.joined(separator: ",") + "], \"cap\": 3}"
        let start = Date()
        let r = try run("mnl.json", text, ["outcome", "vcg", "--instance", "FILE"])
        #expect(r.status == 2, "\(r.stderr)")
        // 2,000 · 2,000 + 1 variables, 2,000 + 2,000 + 2 rows, 4 · 2,000² + 4,001 coefficients.
        #expect(r.stderr.contains("the MNL winner-determination LP of 2000 advertisers x 2000 positions has 4000001 variables, 4002 constraints and 16004001 coefficients, more than the solver takes (1000000 variables and constraints together, 10000000 coefficients)"), "\(r.stderr)")
        #expect(Date().timeIntervalSince(start) < 60)
    }

    /// A model A instance of `agents` agents with 2 efforts and 2 signals: each agent's signal
    /// is its effort (2 states, a fair prior), 2^agents x 2 law entries.
    static func hiring(agents n: Int) -> String {
        var law: [String] = []
        for b in 0..<(1 << n) {
            let efforts = (0..<n).map { String((b >> $0) & 1) }.joined(separator: ", ")
            for state in 0..<2 {
                law.append("{\"efforts\": [\(efforts)], \"state\": \(state), \"signals\": [\(efforts)], \"probability\": 1}")
            }
        }
        let agents = Array(repeating: "{\"efforts\": 2, \"costs\": [0, 0.1], \"signals\": 2}", count: n).joined(separator: ", ")
        return "{\"prior\": [0.5, 0.5], \"agents\": [\(agents)], \"signal_law\": [\(law.joined(separator: ", "))], \"utility\": [[1, 0], [0, 1]], \"payment_cap\": 1}"
    }

    @Test("optimal-correlated-mechanism on 8 agents x 2 efforts x 2 signals is refused before its LP is built (2.9 GB after two minutes)")
    func acquisition8() throws {
        let r = try run("a8.json", Self.hiring(agents: 8), ["check", "optimal-correlated-mechanism", "--axiom", "incentive-compatibility", "--instance", "FILE"])
        #expect(r.status == 2, "\(r.stderr)")
        // |B| = |S| = 2^8 = 256, 2 actions, 2 states: 256 + 256·256·2 + 8·256·256·2 + 8·(2·2·2)
        // = 1,179,968 variables; 1 + 256·256 + 8·256·256·2 + 8·(16 + 4 + 2) = 1,114,289 constraints.
        #expect(r.stderr.contains("The program has 1179968 variables and 1114289 constraints, more than the solver takes"), "\(r.stderr)")
    }

    @Test("online --seeds 2^31 is refused by its memory estimate; --horizon and --horizons past their limits are refused")
    func onlineAndHorizons() throws {
        let online = try mechsim("online", "explore-then-commit", "--instance", "scenarios/papers/cacciamani2023-information-acquisition/A3.json",
                                 "--horizons", "1000", "--seeds", "2147483648")
        #expect(online.status == 2)
        // 2^31 seeds x 1 horizon x 64 bytes = 128 GiB.
        #expect(online.stderr.contains("--seeds 2147483648 over 1 horizon(s) needs about 128 GiB; this machine has "), "\(online.stderr)")
        let horizons = try mechsim("online", "bandit", "--instance", "scenarios/papers/cacciamani2023-information-acquisition/B1-report-only.json",
                                   "--horizons", "9223372036854775807")
        #expect(horizons.status == 2 && horizons.stderr.contains("--horizons: expected whole numbers between 1 and 10^9"))
        let check = try mechsim("check", "ucb-s", "--axiom", "desired-profile-approximate-ne", "--horizon", "9223372036854775807", "--samples", "2")
        #expect(check.status == 2, "\(check.stderr)")
        #expect(check.stderr.contains("--horizon 9223372036854775807 and 2 paired seeds mean 1.84e+19 rounds per deviation, more than 10^15"), "\(check.stderr)")
    }

    @Test("bench W1 with Int.max agents is refused by its memory estimate (it crashed)")
    func benchAgents() throws {
        let r = try mechsim("bench", "W1", "--profiles", "2000", "--agents", "9223372036854775807", "--repeat", "1", "--threads", "1")
        #expect(r.status == 2, "\(r.stderr)")
        // 2^63 - 1 agents x 64 bytes = 2^69 bytes = 5.5e11 GiB.
        #expect(r.stderr.contains("--agents 9223372036854775807 needs about 5.5e+11 GiB; this machine has "), "\(r.stderr)")
    }

    @Test("a bandit scenario with a horizon of Int.max is refused before any round (it ran without end)")
    func banditRounds() throws {
        let a1 = try String(contentsOf: repositoryRoot.appendingPathComponent("scenarios/papers/buening2024-clickbait/a1-short.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "horizons: [3000, 10000, 30000, 100000]", with: "horizons: [3000, 10000, 9223372036854775807, 100000]")
        let r = try run("a1.yaml", a1, ["run", "FILE"])
        #expect(r.status == 2, "\(r.stderr)")
        // (3000 + 10000 + 2^63 - 1 + 100000) x 8 seeds = 7.38e19 rounds.
        #expect(r.stderr.contains("seeds (line 8): the horizons and seeds mean at least 7.38e+19 rounds, more than 10^15 (years of work); use fewer seeds or shorter horizons."), "\(r.stderr)")
    }

    @Test("a facility scenario of 10^9 profiles starts with a one-line estimate of the work")
    func billionProfiles() throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("scenarios/quickstart.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "count: 100000", with: "count: 1000000000")
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("big.yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = mechsimBinary()
        p.arguments = ["run", file, "--threads", "1"]
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        Thread.sleep(forTimeInterval: 1.5)
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "estimate: \(file): 1,000,000,000 profiles of 25 agents, 3 mechanisms", "\(stderr)")
        #expect(p.terminationStatus == 130)
    }
}
