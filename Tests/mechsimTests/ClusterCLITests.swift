import Foundation
import Testing

/// `--shard auto` under simulated schedulers, `mechsim cluster`, and a merge that refuses wrong
/// shards and then writes nothing.
@Suite("mechsim end to end: shards from a scheduler, cluster scripts, merge refusals", .serialized)
struct ClusterCLITests {
    static let scenario = """
    domain: facility-location
    title: cluster shards
    agents: 5
    profiles: {distribution: beta, a: 2, b: 5, count: 9000, seed: 3}
    mechanisms: [random-rank, median]

    """

    /// Runs mechsim with exactly `environment` (no scheduler variables of the test's own).
    func mechsim(_ arguments: [String], environment: [String: String]) throws -> Execution {
        try mechsimTests.mechsim(arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()].merging(environment) { $1 })
    }

    func setUp() throws -> (dir: URL, file: String, whole: Data) {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("study.yaml").path
        try Self.scenario.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try mechsim(["run", file, "--out", dir.appendingPathComponent("whole.json").path, "--quiet"], environment: [:])
        #expect(r.status == 0, "\(r.stderr)")
        return (dir, file, try Data(contentsOf: dir.appendingPathComponent("whole.json")))
    }

    @Test("--shard auto under a Slurm array from 1 (--array=1-3) writes DIR/shard-<i>-of-3.json; their merge is the whole run, byte for byte")
    func slurmArrayFromOne() throws {
        let (dir, file, whole) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let parts = dir.appendingPathComponent("parts").path
        for task in 1...3 {
            let env = ["SLURM_ARRAY_TASK_ID": "\(task)", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "3"]
            let r = try mechsim(["run", file, "--shard", "auto", "--out", parts, "--threads", "1"], environment: env)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains("wrote shard \(task - 1)/3 to \(parts)/shard-\(task - 1)-of-3.json"), "\(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parts).sorted() == ["shard-0-of-3.json", "shard-1-of-3.json", "shard-2-of-3.json"])
        let merged = dir.appendingPathComponent("merged.json").path
        let m = try mechsim(["merge", "\(parts)/shard-2-of-3.json", "\(parts)/shard-0-of-3.json", "\(parts)/shard-1-of-3.json", "--out", merged], environment: [:])
        #expect(m.status == 0, "\(m.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == whole)
    }

    @Test("--shard auto under a Slurm array from 0 and a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, --shards 2)")
    func slurmFromZeroAndKubernetes() throws {
        let (dir, file, whole) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let slurm = dir.appendingPathComponent("slurm").path, k8s = dir.appendingPathComponent("k8s").path
        for i in 0..<2 {
            let s = try mechsim(["run", file, "--shard", "auto", "--out", slurm + "/", "--quiet"],
                                environment: ["SLURM_ARRAY_TASK_ID": "\(i)", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "0"])
            #expect(s.status == 0, "\(s.stderr)")
            let k = try mechsim(["run", file, "--shard", "auto", "--shards", "2", "--out", k8s, "--quiet"], environment: ["JOB_COMPLETION_INDEX": "\(i)"])
            #expect(k.status == 0, "\(k.stderr)")
        }
        for d in [slurm, k8s] {
            let out = d + "/merged.json"
            #expect(try mechsim(["merge", d + "/shard-0-of-2.json", d + "/shard-1-of-2.json", "--out", out], environment: [:]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == whole, "\(d)")
        }
        // Kubernetes without the count, and no scheduler at all: exit 2 naming what was looked for.
        let noCount = try mechsim(["run", file, "--shard", "auto", "--out", k8s], environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(noCount.status == 2 && noCount.stderr.contains("pass --shards N (the Job's completions) or set MECHSIM_SHARDS"), "\(noCount.stderr)")
        let none = try mechsim(["run", file, "--shard", "auto", "--out", dir.appendingPathComponent("none").path], environment: [:])
        #expect(none.status == 2)
        #expect(none.stderr.contains("error: --shard auto found no scheduler: it looks for SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN (a Slurm job array) and JOB_COMPLETION_INDEX"), "\(none.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none").path))
        let file2 = try mechsim(["run", file, "--shard", "auto", "--out", "x.json"], environment: ["JOB_COMPLETION_INDEX": "0"])
        #expect(file2.status == 2 && file2.stderr.contains("--shard auto needs --out DIR/"), "\(file2.stderr)")
    }

    @Test("merge refuses a missing, duplicated, other-file or other-N shard with exit 2 and the reason, and writes nothing")
    func mergeRefusals() throws {
        let (dir, file, _) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        func path(_ n: String) -> String { dir.appendingPathComponent(n).path }
        for i in 0..<3 { #expect(try mechsim(["run", file, "--shard", "\(i)/3", "--out", path("s\(i).json"), "--quiet"], environment: [:]).status == 0) }
        #expect(try mechsim(["run", file, "--shard", "1/2", "--out", path("n2.json"), "--quiet"], environment: [:]).status == 0)
        let other = path("other.yaml")
        try Self.scenario.replacingOccurrences(of: "seed: 3", with: "seed: 4").write(toFile: other, atomically: true, encoding: .utf8)
        #expect(try mechsim(["run", other, "--shard", "2/3", "--out", path("o2.json"), "--quiet"], environment: [:]).status == 0)
        let cases: [(shards: [String], reason: String)] = [
            (["s0.json", "s2.json"], "Cannot merge: shard 1/3 is missing; rerun it with"),
            (["s0.json", "s1.json", "s2.json", "s1.json"], "s1.json are both shard 1/3: give each shard once."),
            (["s0.json", "s1.json", "o2.json"], "o2.json does not belong with the other shard files: scenario 0 (\(other)) has content SHA-256 "),
            (["s0.json", "s1.json", "s2.json", "n2.json"], "n2.json does not belong with the other shard files: it is shard 1/2 but \(path("s0.json")) is shard 0/3"),
        ]
        for (k, c) in cases.enumerated() {
            for out in ["m\(k).json", "m\(k).csv"] {
                let r = try mechsim(["merge"] + c.shards.map(path) + ["--out", path(out), "--plot", path("m\(k).svg")], environment: [:])
                #expect(r.status == 2, "\(c.shards)")
                #expect(r.stderr.contains(c.reason), "\(r.stderr)")
                #expect(r.stdout.isEmpty)
                let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("m\(k)") }
                #expect(left.isEmpty, "merge wrote \(left) on refusal")
            }
        }
    }

    @Test("cluster slurm writes and prints the array and merge scripts; cluster kubernetes prints the manifests")
    func clusterCommands() throws {
        let (dir, file, _) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let results = dir.appendingPathComponent("results.json").path
        let r = try mechsim(["cluster", "slurm", file, "--shards", "8", "--out", results, "--partition", "short", "--time", "01:30:00",
                             "--cpus-per-task", "2", "--executable", "/opt/bin/mechsim"], environment: [:])
        #expect(r.status == 0, "\(r.stderr)")
        let shardDir = dir.appendingPathComponent("results.shards").path
        let array = try String(contentsOfFile: shardDir + "/array.sbatch", encoding: .utf8)
        let merge = try String(contentsOfFile: shardDir + "/merge.sbatch", encoding: .utf8)
        #expect(r.stdout == "# \(shardDir)/array.sbatch\n\(array)\n# \(shardDir)/merge.sbatch\n\(merge)")
        #expect(array.contains("#SBATCH --array=0-7\n#SBATCH --cpus-per-task=2\n"))
        #expect(array.contains("#SBATCH --partition=short\n#SBATCH --time=01:30:00\n"))
        #expect(array.contains("exec /opt/bin/mechsim run \(file) --shard auto --shards 8 --threads"))
        #expect(merge.contains("exec /opt/bin/mechsim merge \(shardDir)/shard-*-of-8.json --threads \"${SLURM_CPUS_PER_TASK:-1}\" --out \(results)\n"))
        #expect(r.stderr.contains("sbatch --dependency=afterok:$id \(shardDir)/merge.sbatch"))
        let bad = try mechsim(["cluster", "slurm", file, "--shards", "0", "--out", results], environment: [:])
        #expect(bad.status == 2 && bad.stderr.contains("--shards must be at least 1, got 0."))
        let missing = try mechsim(["cluster", "slurm", path(dir, "nope.yaml"), "--shards", "2", "--out", results], environment: [:])
        #expect(missing.status == 2)
        let k = try mechsim(["cluster", "kubernetes", "studies/a.yaml", "--shards", "6", "--image", "reg/mechsim:2"], environment: [:])
        #expect(k.status == 0, "\(k.stderr)")
        #expect(k.stdout.contains("  completionMode: Indexed\n  completions: 6\n  parallelism: 6\n"))
        #expect(k.stdout.contains("\"--shard\", \"auto\", \"--shards\", \"6\""))
        #expect(k.stdout.contains("exec mechsim merge results.shards/shard-*-of-6.json --threads 1 --out results.json"))
    }

    func path(_ dir: URL, _ name: String) -> String { dir.appendingPathComponent(name).path }
}
