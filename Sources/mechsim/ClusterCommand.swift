import ArgumentParser
import Foundation
import Sim

struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Run scenario files as a batch job array on Slurm or Kubernetes: one shard per task, then a merge job.",
        subcommands: [SlurmCommand.self, KubernetesCommand.self])
}

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) a Slurm job array of N shards and a merge job that depends on it.",
        discussion: """
        The scripts are written to RESULTS.shards/ (array.sbatch, merge.sbatch) and printed; the shard files and \
        logs go to the same directory. Task i runs 'mechsim run FILE... --shard auto' and writes \
        shard-<i>-of-<N>.json; the merge job (afterok on the array) writes the results file atomically, \
        byte-identical to a single-machine 'mechsim run --out'. With --submit, sbatch is run and the job ids \
        are printed as 'array job ID' and 'merge job ID'.
        """)

    @Argument(help: "Scenario files (YAML).")
    var scenarios: [String]

    @Option(help: "Number of shards (array tasks).")
    var shards: Int

    @Option(help: "The merged results file, .json or .csv.")
    var out: String

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Wall-clock limit per task, HH:MM:SS.")
    var time: String?

    @Option(help: "CPUs per task (the shard's --threads).")
    var cpusPerTask: Int = 1

    @Option(help: "The mechsim executable the jobs run, as the compute nodes see it (default: this one).")
    var executable: String?

    @Flag(help: "Submit the two jobs with sbatch and print their ids.")
    var submit = false

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("Give at least one scenario file.") }
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1, got \(shards).") }
        guard cpusPerTask >= 1 else { throw ValidationError("--cpus-per-task must be at least 1, got \(cpusPerTask).") }
        guard out.hasSuffix(".json") || out.hasSuffix(".csv") else { throw ValidationError("--out must end in .json or .csv, got '\(out)'.") }
        if let time {
            let parts = time.split(separator: ":", omittingEmptySubsequences: false)
            guard (1...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
                throw ValidationError("--time must be HH:MM:SS (or MM:SS, or minutes), got '\(time)'.")
            }
        }
    }

    func run() throws {
        let files = try scenarios.map(absoluteScenario)
        let results = absolutePath(out)
        let jobs = SlurmJobs(executable: executable.map(absolutePath) ?? currentExecutable(), files: files, shards: shards,
                             results: results, directory: SlurmJobs.directory(for: results),
                             partition: partition, time: time, cpusPerTask: cpusPerTask)
        do { try FileManager.default.createDirectory(atPath: jobs.directory, withIntermediateDirectories: true) } catch {
            throw CLIError("cannot create \(jobs.directory) (\(error.localizedDescription)).")
        }
        let arrayPath = jobs.directory + "/array.sbatch", mergePath = jobs.directory + "/merge.sbatch"
        try write(jobs.arrayScript, to: arrayPath)
        try write(jobs.mergeScript, to: mergePath)
        print("# \(arrayPath)\n" + jobs.arrayScript + "\n# \(mergePath)\n" + jobs.mergeScript, terminator: "")
        guard submit else {
            Terminal.note("submit with: id=$(sbatch --parsable \(arrayPath)) && sbatch --dependency=afterok:$id \(mergePath)")
            return
        }
        let arrayID = try sbatch([arrayPath])
        let mergeID = try sbatch(["--dependency=afterok:\(arrayID)", mergePath])
        print("array job \(arrayID)")
        print("merge job \(mergeID)")
    }

    /// Runs `sbatch --parsable ARGS` and returns the job id.
    func sbatch(_ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sbatch", "--parsable"] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { throw CLIError("cannot run sbatch (\(error.localizedDescription)).") }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: o, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard p.terminationStatus == 0, let id = text.split(separator: ";").first, !id.isEmpty else {
            let why = String(decoding: e, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CLIError("sbatch \(arguments.joined(separator: " ")) failed (exit \(p.terminationStatus)): \(why.isEmpty ? "is Slurm installed and on PATH?" : why)")
        }
        return String(id)
    }
}

struct KubernetesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubernetes",
        abstract: "Print a Kubernetes Indexed Job of N shards and the merge Job for the same layout.",
        discussion: """
        The pods share a PersistentVolumeClaim mounted at --mount (their working directory): scenario files are \
        read relative to it, shard files go to RESULTS.shards/ and the merge Job writes RESULTS. Apply the \
        merge Job once the Indexed Job is complete (kubectl wait --for=condition=complete job/NAME-shards).
        """)

    @Argument(help: "Scenario files, relative to the shared volume.")
    var scenarios: [String]

    @Option(help: "Number of shards (the Job's completions).")
    var shards: Int

    @Option(help: "Container image with mechsim on PATH.")
    var image: String

    @Option(help: "The merged results file, relative to the shared volume.")
    var out: String = "results.json"

    @Option(help: "CPUs per pod (the shard's --threads).")
    var cpus: Int = 1

    @Option(help: "Pods running at once (default: all shards).")
    var parallelism: Int?

    @Option(help: "PersistentVolumeClaim shared by the pods.")
    var claim: String = "mechsim-data"

    @Option(help: "Where the claim is mounted (the pods' working directory).")
    var mount: String = "/data"

    @Option(help: "Job name prefix.")
    var name: String = "mechsim"

    func validate() throws {
        guard !scenarios.isEmpty else { throw ValidationError("Give at least one scenario file.") }
        guard shards >= 1 else { throw ValidationError("--shards must be at least 1, got \(shards).") }
        guard cpus >= 1 else { throw ValidationError("--cpus must be at least 1, got \(cpus).") }
        if let parallelism, parallelism < 1 { throw ValidationError("--parallelism must be at least 1, got \(parallelism).") }
        guard out.hasSuffix(".json") || out.hasSuffix(".csv") else { throw ValidationError("--out must end in .json or .csv, got '\(out)'.") }
        guard !name.isEmpty, name.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
            throw ValidationError("--name must be lowercase letters, digits and '-' (a Kubernetes name), got '\(name)'.")
        }
    }

    func run() throws {
        print(KubernetesJobs(image: image, files: scenarios, shards: shards, results: out, cpus: cpus, parallelism: parallelism,
                             claim: claim, mountPath: mount, name: name).manifests, terminator: "")
    }
}

/// `path` made absolute against the working directory.
func absolutePath(_ path: String) -> String {
    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(path)
    return url.standardizedFileURL.path
}

/// A scenario file's absolute path, after checking that it reads as a scenario (exit 2 if not).
func absoluteScenario(_ path: String) throws -> String {
    do { _ = try ScenarioFile.load(file: path) } catch { throw CLIError(error.description) }
    return absolutePath(path)
}

/// The absolute path of the running mechsim executable.
func currentExecutable() -> String {
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
    return absolutePath(Bundle.main.executablePath ?? CommandLine.arguments[0])
}
