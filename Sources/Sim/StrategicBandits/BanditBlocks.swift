import Foundation
import Mechanisms
import Synchronization

/// One block of a strategic-bandit study, as shard files carry it.
public enum BanditBlock: Codable, Sendable, Hashable {
    /// Consecutive independent runs of one configuration and horizon, in run order: each run's
    /// values (a regret, or the utilities an equilibrium check keeps of a run).
    case runs([[Double]])
    /// One trajectory of arm dynamics, epoch by epoch, with the uniform policy's regret of its
    /// execution when the experiment reports it (B-1).
    case trajectory([ArmDynamics.Epoch], uniform: Double?)
    /// A profile computed once for the other blocks (B-3's gamed reports).
    case profile([[Double]])

    func runs(_ file: String) throws(ScenarioError) -> [[Double]] {
        guard case .runs(let v) = self else { throw Self.wrongKind(file, "runs") }
        return v
    }

    func trajectory(_ file: String) throws(ScenarioError) -> (epochs: [ArmDynamics.Epoch], uniform: Double?) {
        guard case .trajectory(let e, let u) = self else { throw Self.wrongKind(file, "a trajectory") }
        return (e, u)
    }

    func profile(_ file: String) throws(ScenarioError) -> [[Double]] {
        guard case .profile(let p) = self else { throw Self.wrongKind(file, "a profile") }
        return p
    }

    static func wrongKind(_ file: String, _ what: String) -> ScenarioError {
        ScenarioError(file: file, keyPath: "", message: "a block of this experiment should hold \(what); the blocks do not belong to this scenario.")
    }
}

/// A strategic-bandit experiment split into blocks: `runBlocks` does the random work, each
/// block from its index alone; `finish` assembles the report, criteria, CSV and SVG from the
/// blocks in index order.
public protocol BanditExperiment: Sendable {
    /// The title of a run without one.
    static var defaultTitle: String { get }
    /// The number of blocks (fixed by the experiment's settings alone).
    var blockCount: Int { get }
    /// The blocks in `range`, in block order; `progress` reports (blocks done, blocks in `range`).
    func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [BanditBlock]
    /// The result from every block, in block order.
    func finish(_ blocks: [BanditBlock], file: String, title: String, expected: [String]) throws -> BanditExperimentResult
}

extension BanditExperiment {
    /// Runs every block and finishes.
    public func run(file: String = "", title: String? = nil, expected: [String] = [], threads: Int) throws -> BanditExperimentResult {
        try finish(runBlocks(0..<blockCount, threads: threads, progress: nil), file: file, title: title ?? Self.defaultTitle, expected: expected)
    }

    /// Checks that a finish got every block.
    func checkCount(_ blocks: [BanditBlock], file: String) throws(ScenarioError) {
        guard blocks.count == blockCount else {
            throw ScenarioError(file: file, keyPath: "", message: "expected \(blockCount) blocks of this experiment, got \(blocks.count).")
        }
    }
}

/// Independent runs of an experiment cut into blocks. The runs come in groups (one group per
/// configuration and horizon: a cell's seeds, or an equilibrium check's deviation-seed pairs);
/// a block holds consecutive runs of one group, about `rounds` bandit rounds in all (at least
/// one run), so that a block takes about as long at every horizon and long studies split into
/// many shards.
///
/// The blocks of the groups are interleaved evenly: block j of a group of n blocks comes at
/// position (j + 1/2)/n of the list (ties in group order). A shard, a contiguous range of
/// blocks, then holds its share of every group, so shards take about as long even when one
/// mechanism's rounds cost more than another's (ucb-utility's about 4 times ucb-s's).
struct BanditRunPlan: Sendable {
    struct Chunk: Sendable {
        var group: Int
        var runs: Range<Int>
    }

    /// The blocks, group by group.
    let chunks: [Chunk]
    /// The runs of each group.
    let groupRuns: [Int]

    init(groups: [(runs: Int, horizon: Int)], rounds: Int) {
        var chunks: [(chunk: Chunk, rank: Int, of: Int)] = []
        for (g, x) in groups.enumerated() {
            let size = max(1, rounds / max(1, x.horizon))
            let n = (x.runs + size - 1) / size
            for (j, lo) in stride(from: 0, to: x.runs, by: size).enumerated() {
                chunks.append((Chunk(group: g, runs: lo..<min(x.runs, lo + size)), j, n))
            }
        }
        // (2j + 1)/(2n) compared exactly: (2j + 1)·n' against (2j' + 1)·n.
        chunks.sort { a, b in
            let l = (2 * a.rank + 1) * b.of, r = (2 * b.rank + 1) * a.of
            return l != r ? l < r : a.chunk.group < b.chunk.group
        }
        self.chunks = chunks.map(\.chunk)
        groupRuns = groups.map(\.runs)
    }

    /// `run(group, run)` for every run of the blocks `range` (offset by `first`: the plan's
    /// block 0 is the study's block `first`), every run of every block on one parallel map;
    /// each block's values in run order. `progress` counts whole blocks.
    func run(_ range: Range<Int>, first: Int = 0, threads: Int, progress: (@Sendable (Int, Int) -> Void)?,
             _ body: @Sendable @escaping (_ group: Int, _ run: Int) throws -> [Double]) throws -> [BanditBlock] {
        let mine = max(0, range.lowerBound - first)..<max(0, min(chunks.count, range.upperBound - first))
        var items: [(block: Int, group: Int, run: Int)] = []
        for b in mine { for k in chunks[b].runs { items.append((b - mine.lowerBound, chunks[b].group, k)) } }
        let counter = BlockCounter(sizes: mine.map { chunks[$0].runs.count }, progress: progress)
        let all = items
        let values = try ParallelEngine(threads: threads).map(0..<all.count) { n -> [Double] in
            let v = try body(all[n].group, all[n].run)
            counter.finished(all[n].block)
            return v
        }
        var out = [[[Double]]](repeating: [], count: mine.count)
        for (n, item) in all.enumerated() { out[item.block].append(values[n]) }
        return out.map { .runs($0) }
    }

    /// The blocks of equilibrium checks: one group per check, its runs (`ApproximateNECheck.value`).
    init(checks: [(deviations: [Int], seeds: Int, horizon: Int)], rounds: Int) {
        self.init(groups: checks.map { (ApproximateNECheck.runCount(deviations: $0.deviations, seeds: $0.seeds), $0.horizon) }, rounds: rounds)
    }

    /// The blocks `range` of the plan of `checks` (`init(checks:rounds:)`).
    func run(_ range: Range<Int>, checks: [ApproximateNECheck], threads: Int,
             progress: (@Sendable (Int, Int) -> Void)?) throws -> [BanditBlock] {
        try run(range, threads: threads, progress: progress) { g, k in checks[g].value(run: k) }
    }

    /// The result of each check from every block.
    func results(_ blocks: [BanditBlock], checks: [ApproximateNECheck], file: String) throws(ScenarioError) -> [ApproximateNEResult] {
        zip(checks, try groups(blocks[...], file: file)).map { $0.result($1) }
    }

    /// Each group's runs in order, from every block's values.
    func groups(_ blocks: ArraySlice<BanditBlock>, file: String) throws(ScenarioError) -> [[[Double]]] {
        var out = [[[Double]]](repeating: [], count: groupRuns.count)
        for (chunk, block) in zip(chunks, blocks) {
            let v = try block.runs(file)
            guard v.count == chunk.runs.count else { throw BanditBlock.wrongKind(file, "\(chunk.runs.count) runs") }
            out[chunk.group] += v
        }
        return out
    }
}

/// Counts the finished runs of each block and reports whole blocks.
///
/// The counts are guarded by an `NSLock` (a pthread mutex), which ThreadSanitizer understands;
/// `Synchronization.Mutex` on Linux synchronizes inside the uninstrumented standard library, so
/// `make test-sanitize` would report its protected accesses as races.
final class BlockCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var left: [Int]
    private var done = 0
    private let progress: (@Sendable (Int, Int) -> Void)?
    private let total: Int

    init(sizes: [Int], progress: (@Sendable (Int, Int) -> Void)?) {
        left = sizes
        self.progress = progress
        total = sizes.count
    }

    func finished(_ block: Int) {
        guard let progress else { return }
        lock.lock()
        left[block] -= 1
        var finishedCount: Int? = nil
        if left[block] == 0 {
            done += 1
            finishedCount = done
        }
        lock.unlock()
        if let finishedCount { progress(finishedCount, total) }
    }
}
