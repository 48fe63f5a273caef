import Testing
@testable import Sim

@Suite("Cluster: the shard from a scheduler's environment, Slurm scripts and Kubernetes manifests")
struct ClusterTests {
    func resolve(_ env: [String: String], shards: Int? = nil) -> String {
        do {
            let r = try SchedulerShard.resolve(environment: env, shards: shards)
            return "\(r.scheduler.rawValue) \(r.shard)"
        } catch { return error.description }
    }

    @Test("a Slurm array from 0: task 2 of --array=0-3 is shard 2/4")
    func slurmFromZero() {
        let env = ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3"]
        #expect(resolve(env) == "slurm 2/4")
        #expect(resolve(env, shards: 4) == "slurm 2/4")
        #expect(resolve(env.merging(["SLURM_ARRAY_TASK_ID": "0"]) { $1 }) == "slurm 0/4")
    }

    @Test("a Slurm array from 1: tasks 1 and 4 of --array=1-4 are shards 0/4 and 3/4")
    func slurmFromOne() {
        let env = ["SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "4"]
        #expect(resolve(env.merging(["SLURM_ARRAY_TASK_ID": "1"]) { $1 }) == "slurm 0/4")
        #expect(resolve(env.merging(["SLURM_ARRAY_TASK_ID": "4"]) { $1 }) == "slurm 3/4")
        // A step: --array=1-7:2 has tasks 1, 3, 5, 7; task 5 is the third.
        let stepped = ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_STEP": "2"]
        #expect(resolve(stepped) == "slurm 2/4")
    }

    @Test("a failed shard resubmitted alone (sbatch --array=2) with --shards 4 is shard 2/4")
    func slurmResubmission() {
        let env = ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "1", "SLURM_ARRAY_TASK_MIN": "2", "SLURM_ARRAY_TASK_MAX": "2"]
        #expect(resolve(env, shards: 4) == "slurm 2/4")
        #expect(resolve(env.merging(["MECHSIM_SHARDS": "4"]) { $1 }) == "slurm 2/4")
        // Without the count, a one-task array is one whole shard.
        #expect(resolve(env) == "slurm 0/1")
        #expect(resolve(env.merging(["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "4", "SLURM_ARRAY_TASK_MAX": "4"]) { $1 }, shards: 4)
                .hasPrefix("--shard auto: SLURM_ARRAY_TASK_ID=4 is not a shard index below 4"))
        // A whole array of another size than --shards is refused.
        let eight = ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "8", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "7"]
        #expect(resolve(eight, shards: 4) == "--shard auto: the Slurm array has 8 tasks but the run has 4 shards: make them agree (--array=0-3).")
        #expect(resolve(["SLURM_ARRAY_TASK_ID": "2"]).hasPrefix("--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not"))
    }

    @Test("a Kubernetes Indexed Job: JOB_COMPLETION_INDEX with --shards N or MECHSIM_SHARDS")
    func kubernetes() {
        #expect(resolve(["JOB_COMPLETION_INDEX": "3"], shards: 5) == "kubernetes 3/5")
        #expect(resolve(["JOB_COMPLETION_INDEX": "0", "MECHSIM_SHARDS": "5"]) == "kubernetes 0/5")
        #expect(resolve(["JOB_COMPLETION_INDEX": "1", "MECHSIM_SHARDS": "9"], shards: 2) == "kubernetes 1/2")
        #expect(resolve(["JOB_COMPLETION_INDEX": "3"]).contains("pass --shards N (the Job's completions) or set MECHSIM_SHARDS"))
        #expect(resolve(["JOB_COMPLETION_INDEX": "5"], shards: 5) == "--shard auto: JOB_COMPLETION_INDEX=5 is not below the 5 shards: completions and --shards must agree.")
        #expect(resolve(["JOB_COMPLETION_INDEX": "x"], shards: 5) == "--shard auto: JOB_COMPLETION_INDEX='x' is not a shard index.")
        #expect(resolve(["JOB_COMPLETION_INDEX": "1", "MECHSIM_SHARDS": "0"]) == "--shard auto: MECHSIM_SHARDS='0' is not a positive whole number.")
    }

    @Test("outside a scheduler: an error naming every variable looked for")
    func noScheduler() {
        #expect(throws: SchedulerShardError.noScheduler) { try SchedulerShard.resolve(environment: ["HOME": "/root"], shards: 4) }
        let message = resolve(["PATH": "/bin"])
        for name in ["SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX", "MECHSIM_SHARDS", "--shard i/N"] {
            #expect(message.contains(name), "\(name)")
        }
        #expect(SchedulerShard.fileName(Shard(index: 3, count: 10)) == "shard-3-of-10.json")
    }

    @Test("the Slurm job-array script and merge script: array 0..N-1, --shard auto, afterok merge of shard-*-of-N")
    func slurmScripts() {
        let jobs = SlurmJobs(executable: "/opt/mechsim/bin/mechsim", files: ["/home/r/a study.yaml", "/home/r/b.yaml"], shards: 100,
                             results: "/scratch/r/results.json", directory: SlurmJobs.directory(for: "/scratch/r/results.json"),
                             partition: "short", time: "02:00:00", cpusPerTask: 4)
        #expect(jobs.directory == "/scratch/r/results.shards")
        let array = jobs.arrayScript.split(separator: "\n").map(String.init)
        #expect(array.first == "#!/bin/bash")
        #expect(array.filter { $0.hasPrefix("#SBATCH") } == [
            "#SBATCH --job-name=mechsim-results",
            "#SBATCH --array=0-99",
            "#SBATCH --cpus-per-task=4",
            "#SBATCH --output=/scratch/r/results.shards/shard-%a.log",
            "#SBATCH --partition=short",
            "#SBATCH --time=02:00:00",
        ])
        #expect(array.last == "exec /opt/mechsim/bin/mechsim run '/home/r/a study.yaml' /home/r/b.yaml --shard auto --shards 100 --threads \"${SLURM_CPUS_PER_TASK:-1}\" --quiet --out /scratch/r/results.shards/")
        #expect(array.contains("set -euo pipefail"))
        let merge = jobs.mergeScript.split(separator: "\n").map(String.init)
        #expect(merge.contains("#SBATCH --job-name=mechsim-results-merge") && merge.contains("#SBATCH --output=/scratch/r/results.shards/merge.log"))
        #expect(!merge.contains { $0.hasPrefix("#SBATCH --array") })
        #expect(merge.last == "exec /opt/mechsim/bin/mechsim merge /scratch/r/results.shards/shard-*-of-100.json --threads \"${SLURM_CPUS_PER_TASK:-1}\" --out /scratch/r/results.json")
        // No partition or time: no such lines.
        let plain = SlurmJobs(executable: "/m", files: ["/f.yaml"], shards: 4, results: "/r.csv", directory: SlurmJobs.directory(for: "/r.csv"))
        #expect(plain.directory == "/r.shards")
        #expect(!plain.arrayScript.contains("--partition") && !plain.arrayScript.contains("--time") && plain.arrayScript.contains("#SBATCH --array=0-3\n"))
        #expect(SlurmJobs.quote("it's") == "'it'\\''s'")
    }

    @Test("the Kubernetes manifests: an Indexed Job of N completions and a merge Job on the same volume")
    func kubernetesManifests() {
        let jobs = KubernetesJobs(image: "ghcr.io/lab/mechsim:1.0", files: ["studies/a.yaml"], shards: 50, results: "out/results.json", cpus: 2, parallelism: 10)
        let shard = jobs.shardJob.split(separator: "\n").map(String.init)
        for line in ["kind: Job", "  name: mechsim-shards", "  completionMode: Indexed", "  completions: 50", "  parallelism: 10",
                     "      restartPolicy: Never", "          image: \"ghcr.io/lab/mechsim:1.0\"", "          workingDir: /data",
                     "          command: [\"mechsim\", \"run\", \"studies/a.yaml\", \"--shard\", \"auto\", \"--shards\", \"50\", \"--threads\", \"2\", \"--quiet\", \"--out\", \"out/results.shards/\"]",
                     "            requests: {cpu: \"2\"}", "          persistentVolumeClaim: {claimName: mechsim-data}"] {
            #expect(shard.contains(line), "\(line)")
        }
        let merge = jobs.mergeJob.split(separator: "\n").map(String.init)
        #expect(merge.contains("  name: mechsim-merge") && !merge.contains("  completionMode: Indexed"))
        #expect(merge.contains("          command: [\"sh\", \"-c\", \"exec mechsim merge out/results.shards/shard-*-of-50.json --threads 2 --out out/results.json\"]"))
        #expect(jobs.manifests.contains("\n---\n") && jobs.manifests.contains("kubectl wait --for=condition=complete --timeout=24h job/mechsim-shards"))
        #expect(KubernetesJobs(image: "i", files: ["a.yaml"], shards: 3, parallelism: 8).parallelism == 3)
    }
}
