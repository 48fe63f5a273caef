import Foundation
import Testing

/// The platform's promise for every family: the same bytes for any thread count and any
/// sharding, and files of several families in one call.
@Suite("mechsim end to end: one platform for every family", .serialized)
struct PlatformCLITests {
    /// One small scenario of each family (small enough for a debug build), each with random
    /// work in several blocks.
    static let scenarios: [(name: String, text: String)] = [
        ("facility-location", """
        domain: facility-location
        title: byte identity, facility location
        agents: [3, 9]
        profiles: {distribution: beta, a: 2, b: 5, count: 6000, seed: 77}
        mechanisms: [median, random-rank, uniform-phantom]
        metrics: [expected-total-cost, social-welfare-ratio]
        axioms:
          - {id: strategyproofness, agents: 3, grid: 6, expect: {median: holds, random-rank: holds}}

        """),
        ("position-auctions", """
        domain: position-auctions
        title: byte identity, position auctions
        mechanisms: [vcg, myerson, gsp]
        simulation:
          user_models: [separable]
          advertisers: [2, 3]
          positions: [1]
          caps: [1]
          ctr: {distribution: separable, alpha: 1, beta: [1]}
          values: {distribution: uniform, low: 0, high: 1}
          auctions: 700
          seed: 11

        """),
        ("derandomized", """
        domain: derandomized
        title: byte identity, derandomized random dictator
        mechanism: random-dictator
        method: game-first
        reports: [[0, 1, 2], [1, 2, 0], [2, 0, 1]]
        simulation: {runs: 20000, seed: 6, deviator: {agent: 0, moves: [0]}}
        expect:
          - {metric: deviator_exact_gain, value: 0}

        """),
        ("information-acquisition", """
        domain: information-acquisition
        title: byte identity, information acquisition
        instances:
          - {name: A3, path: A3.json}
        mechanisms: [optimal-correlated-mechanism]
        online:
          - {name: etc, algorithm: explore-then-commit, instance: A3, horizons: [1000, 4000], seeds: 3, seed: 5, radius_scale: 0.1}
        expect:
          - {instance: A3, mechanism: optimal-correlated-mechanism, value: 102/185}

        """),
        ("strategic-bandits", Self.text(of: "scenarios/papers/buening2024-clickbait/a3-short.yaml")),
        ("strategic-bandits-linear", Self.text(of: "scenarios/papers/buening2024-strategic-linear/b2-short.yaml")),
    ]

    /// The text of a scenario file of the repository ("" when it cannot be read: the run then fails).
    static func text(of path: String) -> String {
        (try? String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// One scenario per family, for the tests that run several families in one call.
    static var onePerFamily: [(name: String, text: String)] { scenarios.filter { $0.name != "strategic-bandits-linear" } }

    /// A fresh folder holding the instance files the scenarios name.
    static func folder() throws -> URL {
        let dir = try temporaryFolder()
        let a3 = repositoryRoot.appendingPathComponent("scenarios/papers/cacciamani2023-information-acquisition/A3.json")
        try FileManager.default.copyItem(at: a3, to: dir.appendingPathComponent("A3.json"))
        return dir
    }

    @Test("--out and --html bytes are the same for 1, 2 and 7 threads and after merging 1, 3 or 4 shards in shuffled order",
          arguments: scenarios.map(\.name))
    func byteIdentity(_ name: String) throws {
        let text = try #require(Self.scenarios.first { $0.name == name }).text
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        func path(_ n: String) -> String { dir.appendingPathComponent(n).path }
        func bytes(_ n: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(n)) }
        // The HTML page but for the line showing the command line (which names --threads or merge).
        func page(_ n: String) throws -> String {
            try String(contentsOf: dir.appendingPathComponent(n), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.contains("class=\"command-line\"") }.joined(separator: "\n")
        }
        for threads in [1, 2, 7] {
            let r = try mechsim(["run", file.path, "--threads", "\(threads)", "--out", path("t\(threads).json"), "--html", path("t\(threads).html"), "--quiet"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try bytes("t1.json") == bytes("t2.json"))
        #expect(try bytes("t1.json") == bytes("t7.json"))
        #expect(try page("t1.html") == page("t2.html"))
        #expect(try page("t1.html") == page("t7.html"))
        #expect(try page("t1.html").contains("<tr><th>file</th><td>\(file.path)</td></tr>"))
        for shards in [1, 3, 4] {
            var parts: [String] = []
            for i in 0..<shards {
                let part = path("s\(shards)-\(i).json")
                let r = try mechsim(["run", file.path, "--shard", "\(i)/\(shards)", "--out", part, "--threads", "\(1 + i % 2)", "--quiet"])
                #expect(r.status == 0, "\(r.stderr)")
                parts.append(part)
            }
            // Shuffled: every other one first, then the rest backwards.
            let shuffled = stride(from: 1, to: parts.count, by: 2).map { parts[$0] } + stride(from: 0, to: parts.count, by: 2).map { parts[$0] }.reversed()
            let r = try mechsim(["merge"] + shuffled + ["--out", path("m\(shards).json"), "--html", path("m\(shards).html")])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try bytes("m\(shards).json") == bytes("t1.json"), "\(name): \(shards) shards")
            #expect(try page("m\(shards).html") == page("t1.html"), "\(name): \(shards) shards, HTML")
        }
        // The work really splits: with 3 shards every shard holds some blocks.
        for i in 0..<3 {
            let shard = try #require(jsonObject(try String(contentsOfFile: path("s3-\(i).json"), encoding: .utf8)))
            let scenarios = try #require(shard["scenarios"] as? [[String: Any]])
            let blocks = try #require(scenarios.first?["blocks"] as? [Any])
            #expect(!blocks.isEmpty, "\(name): shard \(i)/3 computed no block")
        }
    }

    @Test("files of several families run in one call: each family's report, a JSON array of {domain, report}, --out per family, one HTML page")
    func severalFamilies() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for (name, text) in Self.onePerFamily {
            let file = dir.appendingPathComponent("\(name).yaml")
            try text.write(to: file, atomically: true, encoding: .utf8)
            files.append(file.path)
        }
        let text = try mechsim(["run"] + files + ["--quiet"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("byte identity, facility location") && text.stdout.contains("byte identity, position auctions"))
        let out = dir.appendingPathComponent("all.json").path
        let html = dir.appendingPathComponent("all.html").path
        let json = try mechsim(["run"] + files + ["--quiet", "--format", "json", "--out", out, "--html", html])
        #expect(json.status == 0, "\(json.stderr)")
        // One page, a section per file in the order of the files.
        let page = try String(contentsOfFile: html, encoding: .utf8)
        let sections = page.components(separatedBy: "<section id=\"scenario-").dropFirst().map { $0.split(separator: "\"")[2] }
        #expect(sections == Self.onePerFamily.map { Substring($0.name) })
        let documents = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(documents.map { $0["domain"] as? String } == Self.onePerFamily.map(\.name))
        #expect(documents.allSatisfy { $0["report"] != nil })
        for (name, _) in Self.onePerFamily {
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("all-\(name).json").path), "no --out file for \(name)")
        }
        // Shards of several families merge too.
        var parts: [String] = []
        for i in 0..<2 {
            let part = dir.appendingPathComponent("p\(i).json").path
            #expect(try mechsim(["run"] + files + ["--shard", "\(i)/2", "--out", part, "--quiet"]).status == 0)
            parts.append(part)
        }
        let merged = dir.appendingPathComponent("merged.json").path
        let m = try mechsim(["merge"] + parts.reversed() + ["--out", merged])
        #expect(m.status == 0, "\(m.stderr)")
        for (name, _) in Self.onePerFamily {
            let a = try Data(contentsOf: dir.appendingPathComponent("all-\(name).json"))
            let b = try Data(contentsOf: dir.appendingPathComponent("merged-\(name).json"))
            #expect(a == b, "\(name): merged bytes differ from the whole run's")
        }
    }

    @Test("--html must name a .html file and goes with a whole run or a merge, not with --shard (exit 2)")
    func htmlOptionErrors() throws {
        let file = repositoryRoot.appendingPathComponent("scenarios/papers/walsh2024-derandomized/voting-random-dictator.yaml").path
        let badName = try mechsim(["run", file, "--html", "report.txt", "--quiet"])
        #expect(badName.status == 2)
        #expect(badName.stderr.contains("--html must end in .html, got 'report.txt'."))
        let sharded = try mechsim(["run", file, "--shard", "0/2", "--out", "/tmp/never.json", "--html", "r.html", "--quiet"])
        #expect(sharded.status == 2)
        #expect(sharded.stderr.contains("--html goes with a whole run or with 'mechsim merge', not with --shard."))
        let merge = try mechsim(["merge", "a.json", "--out", "m.json", "--html", "m.svg"])
        #expect(merge.status == 2)
        #expect(merge.stderr.contains("--html must end in .html, got 'm.svg'."))
    }
}
