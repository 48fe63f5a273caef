/// Which shard this process is, read from a batch scheduler's environment (`mechsim run
/// --shard auto`).
///
/// - Slurm job array: `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT` and
///   `SLURM_ARRAY_TASK_MIN` (arrays may start at any id, e.g. `--array=1-4`; the shard index is
///   the task's position in the array, `id - min`, divided by `SLURM_ARRAY_TASK_STEP` when the
///   array has a step). With `--shards N` (or `MECHSIM_SHARDS`) the count is N: a whole array
///   must have N tasks, and a resubmitted part of an array (fewer tasks, e.g. `sbatch
///   --array=2 …` to rerun one failed shard) is read with task id = shard index, as in the
///   0-based arrays `mechsim cluster slurm` writes.
/// - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` is the index; the count comes from
///   `--shards N` or, failing that, `MECHSIM_SHARDS` (Kubernetes does not expose the number of
///   completions to the pod).
///
/// Outside a scheduler the resolution fails with a message naming every variable looked for.
public enum SchedulerShard {
    /// The environment variable that gives the shard count when `--shards` is not given.
    public static let countVariable = "MECHSIM_SHARDS"

    /// The scheduler a shard was read from.
    public enum Scheduler: String, Sendable { case slurm, kubernetes }

    /// The shard this process computes, from `environment` (the process environment) and
    /// `shards` (`--shards N`, if given).
    public static func resolve(environment: [String: String], shards: Int? = nil) throws(SchedulerShardError) -> (shard: Shard, scheduler: Scheduler) {
        let count: Int?
        if let shards {
            guard shards >= 1 else { throw .invalid("--shards must be at least 1, got \(shards)") }
            count = shards
        } else if let text = environment[countVariable] {
            guard let n = Int(text), n >= 1 else { throw .invalid("\(countVariable)='\(text)' is not a positive whole number") }
            count = n
        } else {
            count = nil
        }
        if let idText = environment["SLURM_ARRAY_TASK_ID"] {
            return (try slurm(environment, id: idText, count: count), .slurm)
        }
        if let indexText = environment["JOB_COMPLETION_INDEX"] {
            guard let index = Int(indexText), index >= 0 else { throw .invalid("JOB_COMPLETION_INDEX='\(indexText)' is not a shard index") }
            guard let count else {
                throw .invalid("a Kubernetes Indexed Job gives JOB_COMPLETION_INDEX but not the number of shards: pass --shards N (the Job's completions) or set \(countVariable)")
            }
            guard index < count else { throw .invalid("JOB_COMPLETION_INDEX=\(index) is not below the \(count) shards: completions and --shards must agree") }
            return (Shard(index: index, count: count), .kubernetes)
        }
        throw .noScheduler
    }

    private static func slurm(_ env: [String: String], id idText: String, count given: Int?) throws(SchedulerShardError) -> Shard {
        func number(_ name: String) throws(SchedulerShardError) -> Int? {
            guard let text = env[name] else { return nil }
            guard let v = Int(text), v >= 0 else { throw .invalid("\(name)='\(text)' is not a whole number") }
            return v
        }
        guard let id = try number("SLURM_ARRAY_TASK_ID") else { throw .invalid("SLURM_ARRAY_TASK_ID='\(idText)' is not a whole number") }
        guard let taskCount = try number("SLURM_ARRAY_TASK_COUNT"), taskCount >= 1 else {
            throw .invalid("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: run under a Slurm job array (sbatch --array)")
        }
        let min = try number("SLURM_ARRAY_TASK_MIN") ?? 0
        let step = try number("SLURM_ARRAY_TASK_STEP") ?? 1
        guard step >= 1, id >= min, (id - min) % step == 0 else {
            throw .invalid("SLURM_ARRAY_TASK_ID=\(id) is not a task of an array from \(min) with step \(step)")
        }
        let position = (id - min) / step
        if let max = try number("SLURM_ARRAY_TASK_MAX"), (max - min) / step + 1 != taskCount {
            throw .invalid("the Slurm array \(min)-\(max) has \(taskCount) tasks, not one per id: give it as a range such as --array=0-\(taskCount - 1)")
        }
        guard let count = given, count != taskCount else {
            guard position < taskCount else { throw .invalid("SLURM_ARRAY_TASK_ID=\(id) is outside the array of \(taskCount) tasks") }
            return Shard(index: position, count: taskCount)
        }
        guard taskCount < count else {
            throw .invalid("the Slurm array has \(taskCount) tasks but the run has \(count) shards: make them agree (--array=0-\(count - 1))")
        }
        // A resubmitted part of the array: task ids are shard indices.
        guard id < count else { throw .invalid("SLURM_ARRAY_TASK_ID=\(id) is not a shard index below \(count): resubmit failed shards by their index, e.g. sbatch --array=\(count - 1)") }
        return Shard(index: id, count: count)
    }

    /// The shard file's name in the `--out` directory: `shard-<i>-of-<N>.json`.
    public static func fileName(_ shard: Shard) -> String { "shard-\(shard.index)-of-\(shard.count).json" }
}

public enum SchedulerShardError: Error, Sendable, CustomStringConvertible, Equatable {
    case noScheduler
    case invalid(String)

    public var description: String {
        switch self {
        case .noScheduler:
            "--shard auto found no scheduler: it looks for SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT and SLURM_ARRAY_TASK_MIN (a Slurm job array) and JOB_COMPLETION_INDEX with --shards N or \(SchedulerShard.countVariable) (a Kubernetes Indexed Job), and none is set; outside a scheduler give --shard i/N."
        case .invalid(let what):
            "--shard auto: \(what)."
        }
    }
}
