import Foundation
import Sim

/// Benchmark workload W9: what sharding buys and costs. One facility-location study and the
/// A-3 equilibrium search of strategic click-bandits (reduced sizes), each run whole and as
/// shards, all on this machine:
///
/// - whole, 1 thread, and whole, `threads` threads;
/// - `shards` shards at once, each on 1 thread (as `shards` one-core cluster tasks would run),
///   each shard file rendered as `mechsim run --shard` writes it;
/// - the merge: parse the shard files, check and combine them, finish the study and render the
///   results file, as `mechsim merge` does.
///
/// The speed-up is the whole 1-thread time over the slowest shard plus the merge; the merged
/// results must be byte-identical to the whole run's (checked, and reported).
public enum ScalingBenchmark {
    /// The studies W9 runs: (name, scenario text).
    public static let studies: [(name: String, text: String)] = [
        ("facility", """
        domain: facility-location
        title: W9 facility study (uniform, 101 agents)
        agents: 101
        profiles: {distribution: uniform, count: 2000000, seed: 1}
        mechanisms: [random-rank, uniform-phantom, median]
        metrics: [expected-total-cost, expected-max-cost, social-welfare-ratio]

        """),
        ("a3-equilibrium", """
        domain: strategic-bandits
        title: W9 A-3 equilibrium search (reduced)
        experiment: a3
        instance: {means: [0.8, 0.7, 0.6, 0.5, 0.4], lambda: 5}
        seed: 1
        seeds: 10
        horizons: [3000, 10000, 30000, 100000]
        grid_step: 0.1
        offsets: [-0.03, -0.01, 0.01, 0.02, 0.04]
        aware: [ucb-s]
        unaware: [ucb-utility]

        """),
    ]

    public struct Measurement: Sendable {
        public var study: String
        public var blocks: Int
        public var shards: Int
        public var threads: Int
        public var wholeOneThread: Double
        public var wholeThreads: Double
        /// Wall time of the shards run at once, and each shard's own time.
        public var shardsWall: Double
        public var shardSeconds: [Double]
        public var shardBytes: [Int]
        public var mergeSeconds: Double
        public var resultBytes: Int
        public var identical: Bool

        /// Whole 1-thread time over the slowest shard plus the merge: what `shards` one-core
        /// nodes would give.
        public var speedUp: Double { wholeOneThread / ((shardSeconds.max() ?? 0) + mergeSeconds) }
    }

    public static func measure(_ settings: BenchmarkSettings) throws(BenchmarkError) -> Report {
        var rows: [Measurement] = []
        for s in studies {
            do { rows.append(try run(s.name, s.text, shards: settings.scalingShards, threads: settings.threads)) } catch {
                throw BenchmarkError("W9 \(s.name): \(error)", isRunFailure: true)
            }
        }
        return Report(rows: rows)
    }

    static func run(_ name: String, _ text: String, shards: Int, threads: Int) throws -> Measurement {
        let study = try ScenarioFile.parse(text, file: "\(name).yaml")
        let clock = ContinuousClock()
        var whole = ""
        let t1 = clock.measure { whole = (try? StudyReport([StudyPipeline.run(study, threads: 1)]).json) ?? "" }
        let tn = clock.measure { _ = try? StudyPipeline.run(study, threads: threads) }
        // The shards at once, one thread each; each renders its shard file.
        let start = clock.now
        let files = try ParallelEngine(threads: shards).map(0..<shards) { i throws -> (text: String, seconds: Double) in
            let begin = ContinuousClock.now
            let part = try StudyPipeline.shardPart(study, shard: Shard(index: i, count: shards), threads: 1)
            let text = ShardFile(shard: Shard(index: i, count: shards), parts: [part]).rendered()
            return (text, seconds(ContinuousClock.now - begin))
        }
        let wall = seconds(clock.now - start)
        // The merge, from the files' bytes to the results file's text.
        var merged = ""
        let tm = try clock.measure {
            var parsed: [(path: String, file: ShardFile)] = []
            for (i, f) in files.enumerated() { parsed.append(("shard-\(i)", try ShardFile.parse(Data(f.text.utf8), path: "shard-\(i)"))) }
            let parts = try ShardFile.merge(parsed)
            merged = StudyReport(try parts.map { try StudyPipeline.finish($0, threads: 1) }).json
        }
        return Measurement(study: name, blocks: study.blockCount, shards: shards, threads: threads, wholeOneThread: seconds(t1),
                           wholeThreads: seconds(tn), shardsWall: wall, shardSeconds: files.map(\.seconds),
                           shardBytes: files.map { $0.text.utf8.count }, mergeSeconds: seconds(tm),
                           resultBytes: whole.utf8.count, identical: !whole.isEmpty && merged == whole)
    }

    /// What `mechsim bench W9` prints.
    public struct Report: BenchmarkReport {
        public var rows: [Measurement]

        public var json: JSONValue {
            .object([("name", .string("W9")), ("studies", .array(rows.map { r in
                .object([
                    ("study", .string(r.study)), ("blocks", .integer(r.blocks)), ("shards", .integer(r.shards)), ("threads", .integer(r.threads)),
                    ("whole_1_thread_seconds", .number(r.wholeOneThread)), ("whole_seconds", .number(r.wholeThreads)),
                    ("shards_wall_seconds", .number(r.shardsWall)), ("shard_seconds", .array(r.shardSeconds.map { .number($0) })),
                    ("shard_bytes", .array(r.shardBytes.map { .integer($0) })), ("merge_seconds", .number(r.mergeSeconds)),
                    ("result_bytes", .integer(r.resultBytes)), ("speed_up", .number((r.speedUp * 100).rounded() / 100)),
                    ("identical", .bool(r.identical)),
                ])
            }))])
        }

        public var text: String {
            var lines: [String] = []
            for r in rows {
                func s(_ x: Double) -> String { String(format: "%.3f", x) }
                lines.append("W9 \(r.study): \(r.blocks) blocks, \(r.shards) shards of 1 thread each vs whole on 1 and \(r.threads) thread(s)")
                lines.append("  whole: \(s(r.wholeOneThread)) s (1 thread), \(s(r.wholeThreads)) s (\(r.threads) threads); results \(r.resultBytes) bytes")
                lines.append("  shards at once: \(s(r.shardsWall)) s wall; each \(r.shardSeconds.map(s).joined(separator: ", ")) s; files \(r.shardBytes.map(String.init).joined(separator: ", ")) bytes")
                lines.append("  merge: \(s(r.mergeSeconds)) s; speed-up (whole 1 thread / (slowest shard + merge)): \(String(format: "%.2f", r.speedUp))x; merged bytes \(r.identical ? "identical to" : "DIFFER from") the whole run's")
            }
            return lines.joined(separator: "\n")
        }
    }
}
