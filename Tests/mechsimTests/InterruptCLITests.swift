import Foundation
import Testing

/// Ctrl-C and SIGTERM stop a long run cleanly: exit 128 + signal, one line on stderr, and no
/// result file or temporary file left behind.
@Suite("mechsim stops cleanly on SIGINT and SIGTERM", .serialized)
struct InterruptCLITests {
    /// Starts `mechsim` with `arguments` in `dir`, sends `signal` after `delay` seconds and
    /// returns (exit status, stderr, whether it was still running when signalled).
    func interrupt(_ arguments: [String], in dir: URL, signal: Int32, after delay: Double) throws -> (status: Int32, stderr: String, wasRunning: Bool) {
        let p = Process()
        p.executableURL = mechsimBinary()
        p.arguments = arguments
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        Thread.sleep(forTimeInterval: delay)
        let wasRunning = p.isRunning
        kill(p.processIdentifier, signal)
        let e = err.fileHandleForReading.readDataToEndOfFile()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationReason == .exit, "mechsim died of a signal instead of exiting")
        return (p.terminationStatus, String(decoding: e, as: UTF8.self), wasRunning)
    }

    /// The quickstart with 2·10^9 profiles: minutes of work, no memory to speak of.
    func longScenario(in dir: URL) throws -> String {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("scenarios/quickstart.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "count: 100000", with: "count: 2000000000")
        let path = dir.appendingPathComponent("long.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("SIGINT during run --out: exit 130, one line on stderr, no result and no temporary file")
    func runOut() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try longScenario(in: dir)
        let r = try interrupt(["run", scenario, "--out", dir.appendingPathComponent("result.json").path, "--threads", "2", "--quiet"],
                              in: dir, signal: SIGINT, after: 2)
        #expect(r.wasRunning)
        #expect(r.status == 130)
        #expect(r.stderr == "mechsim: interrupted by SIGINT; stopped, no result written\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["long.yaml"])
    }

    @Test("SIGTERM during run --shard: exit 143, one line on stderr, no shard file and no temporary file")
    func runShard() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let scenario = try longScenario(in: dir)
        let r = try interrupt(["run", scenario, "--shard", "0/2", "--out", dir.appendingPathComponent("shard-0-of-2.json").path, "--threads", "1", "--quiet"],
                              in: dir, signal: SIGTERM, after: 2)
        #expect(r.wasRunning)
        #expect(r.status == 143)
        #expect(r.stderr == "mechsim: interrupted by SIGTERM; stopped, no result written\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["long.yaml"])
    }

    @Test("SIGINT during simulate and check: exit 130 with the one line last on stderr")
    func simulateAndCheck() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs: [[String]] = [
            ["simulate", "click-bandit", "--mechanism", "ucb-s", "--means", "0.8,0.5", "--click-rates", "0.8,0.5",
             "--horizon", "100000000", "--seeds", "64", "--threads", "2"],
            ["check", "median", "--axiom", "anonymity", "--agents", "8", "--grid", "8", "--threads", "2"],
        ]
        for args in runs {
            let r = try interrupt(args, in: dir, signal: SIGINT, after: 2)
            #expect(r.wasRunning, "\(args[0]) finished before the signal")
            #expect(r.status == 130, "\(args[0]): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").last == "mechsim: interrupted by SIGINT; stopped, no result written", "\(args[0])")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
