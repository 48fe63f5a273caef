/// The scripts and manifests `mechsim cluster` writes: one shard per task of a job array (or
/// per index of a Kubernetes Indexed Job), then one merge job that combines the shard files
/// into the report a single machine would write, byte for byte.
///
/// Layout: every shard writes `<shards>/shard-<i>-of-<N>.json`; the merge job reads
/// `<shards>/shard-*-of-<N>.json` and writes the results file (atomically; it refuses a missing,
/// duplicated or foreign shard and then writes nothing).
public struct SlurmJobs: Sendable, Equatable {
    /// Absolute path of the mechsim executable the jobs run.
    public var executable: String
    /// Absolute paths of the scenario files.
    public var files: [String]
    public var shards: Int
    /// Absolute path of the merged results file (`.json` or `.csv`).
    public var results: String
    /// Absolute path of the directory that holds the shard files, the scripts and the logs.
    public var directory: String
    public var partition: String?
    /// Wall-clock limit of each task, `HH:MM:SS` (or any form `sbatch --time` takes).
    public var time: String?
    public var cpusPerTask: Int

    public init(executable: String, files: [String], shards: Int, results: String, directory: String,
                partition: String? = nil, time: String? = nil, cpusPerTask: Int = 1) {
        self.executable = executable
        self.files = files
        self.shards = shards
        self.results = results
        self.directory = directory
        self.partition = partition
        self.time = time
        self.cpusPerTask = cpusPerTask
    }

    /// The shard directory of a results file: `results.json` -> `results.shards`.
    public static func directory(for results: String) -> String {
        let name = results.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? results
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return results + ".shards" }
        return String(results.dropLast(name.distance(from: dot, to: name.endIndex))) + ".shards"
    }

    var jobName: String {
        let name = results.split(separator: "/").last.map(String.init) ?? "results"
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        return "mechsim-" + stem
    }

    private func header(_ name: String, output: String) -> [String] {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(name)", "#SBATCH --cpus-per-task=\(cpusPerTask)", "#SBATCH --output=\(output)"]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        return lines
    }

    /// The job-array script: task i runs shard i of N.
    public var arrayScript: String {
        var lines = header(jobName, output: "\(directory)/shard-%a.log")
        lines.insert("#SBATCH --array=0-\(shards - 1)", at: 2)
        lines += [
            "# Task i computes shard i of \(shards) ('--shard auto' reads SLURM_ARRAY_TASK_ID) and writes",
            "# \(directory)/shard-<i>-of-\(shards).json. Rerun a failed shard with: sbatch --array=<i> \(directory)/array.sbatch",
            "set -euo pipefail",
            "exec \(Self.quote(executable)) run \(files.map(Self.quote).joined(separator: " ")) --shard auto --shards \(shards) --threads \"${SLURM_CPUS_PER_TASK:-1}\" --quiet --out \(Self.quote(directory + "/"))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The merge job's script; submit it with `--dependency=afterok:<array job id>`.
    public var mergeScript: String {
        var lines = header(jobName + "-merge", output: "\(directory)/merge.log")
        lines += [
            "# Runs once every task of the array has succeeded (sbatch --dependency=afterok:<array job id>).",
            "# merge refuses a missing, duplicated or foreign shard and then writes nothing.",
            "set -euo pipefail",
            "exec \(Self.quote(executable)) merge \(Self.quote(directory))/shard-*-of-\(shards).json --threads \"${SLURM_CPUS_PER_TASK:-1}\" --out \(Self.quote(results))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Single-quotes `text` for bash.
    static func quote(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:=@%,".contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A Kubernetes Indexed Job (one pod per shard) and a merge Job for the same layout.
///
/// The pods share a volume (a PersistentVolumeClaim, mounted at `mountPath` and used as the
/// working directory): the scenario files are read from it, relative to it, and the shard
/// files and results are written to it. Kubernetes has no dependency between Jobs: apply the
/// merge Job once the Indexed Job is complete (`kubectl wait --for=condition=complete`).
public struct KubernetesJobs: Sendable, Equatable {
    public var image: String
    /// Scenario files, relative to the volume (or absolute paths inside the image).
    public var files: [String]
    public var shards: Int
    /// The results file, relative to the volume.
    public var results: String
    public var cpus: Int
    /// Pods running at once (at most `shards`).
    public var parallelism: Int
    public var claim: String
    public var mountPath: String
    public var name: String

    public init(image: String, files: [String], shards: Int, results: String = "results.json", cpus: Int = 1,
                parallelism: Int? = nil, claim: String = "mechsim-data", mountPath: String = "/data", name: String = "mechsim") {
        self.image = image
        self.files = files
        self.shards = shards
        self.results = results
        self.cpus = cpus
        self.parallelism = min(parallelism ?? shards, shards)
        self.claim = claim
        self.mountPath = mountPath
        self.name = name
    }

    var directory: String { SlurmJobs.directory(for: results) }

    private func job(_ jobName: String, spec: [String], container: String, command: [String]) -> [String] {
        ["apiVersion: batch/v1", "kind: Job", "metadata:", "  name: \(jobName)", "spec:"] + spec + [
            "  template:",
            "    spec:",
            "      restartPolicy: Never",
            "      containers:",
            "        - name: \(container)",
            "          image: \(Self.yaml(image))",
            "          workingDir: \(Self.yaml(mountPath))",
            "          command: [\(command.map(Self.quoted).joined(separator: ", "))]",
            "          resources:",
            "            requests: {cpu: \"\(cpus)\"}",
            "            limits: {cpu: \"\(cpus)\"}",
            "          volumeMounts:",
            "            - {name: data, mountPath: \(Self.yaml(mountPath))}",
            "      volumes:",
            "        - name: data",
            "          persistentVolumeClaim: {claimName: \(Self.yaml(claim))}",
        ]
    }

    /// The Indexed Job: pod i computes shard i of N (`--shard auto` reads JOB_COMPLETION_INDEX).
    public var shardJob: String {
        let command = ["mechsim", "run"] + files + ["--shard", "auto", "--shards", "\(shards)", "--threads", "\(cpus)", "--quiet", "--out", directory + "/"]
        return job("\(name)-shards", spec: [
            "  completionMode: Indexed",
            "  completions: \(shards)",
            "  parallelism: \(parallelism)",
            "  backoffLimit: \(max(6, shards))",
        ], container: "shard", command: command).joined(separator: "\n") + "\n"
    }

    /// The merge Job: combines the shard files into the results file.
    public var mergeJob: String {
        let command = ["sh", "-c", "exec mechsim merge \(SlurmJobs.quote(directory))/shard-*-of-\(shards).json --threads \(cpus) --out \(SlurmJobs.quote(results))"]
        return job("\(name)-merge", spec: ["  backoffLimit: 0"], container: "merge", command: command).joined(separator: "\n") + "\n"
    }

    /// Both manifests, as one YAML stream with instructions in comments.
    public var manifests: String {
        """
        # Indexed Job: pod i computes shard i of \(shards) into \(mountPath)/\(directory)/shard-<i>-of-\(shards).json.
        # kubectl apply -f this file's first document, then
        # kubectl wait --for=condition=complete --timeout=24h job/\(name)-shards
        # and apply the merge Job (the second document).
        \(shardJob)---
        # Merge Job: writes \(mountPath)/\(results); it refuses a missing, duplicated or foreign shard.
        \(mergeJob)
        """
    }

    /// `text` as a double-quoted YAML string (a command's arguments must be strings, never numbers).
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Double-quotes `text` for YAML when it is not a plain scalar.
    static func yaml(_ text: String) -> String {
        let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+@".contains($0) } && !text.hasPrefix("-")
        return plain ? text : quoted(text)
    }
}
