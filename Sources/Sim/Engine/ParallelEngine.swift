import Dispatch
import Foundation
import Synchronization

/// The one parallel primitive of MechSim: independent work items computed on a pool of worker
/// threads, results returned in item order.
///
/// Every parallel workload of every family runs through `map`: the Monte Carlo blocks of
/// facility-location and auction simulations, bandit seeds and rollouts, derandomized plays,
/// online information-acquisition runs, grid checks and worst-case ratio searches. Its
/// guarantees are what make results independent of the thread count and of sharding:
///
/// - each item is computed by one worker, from its index alone (plus the worker's scratch
///   workspace, which must not carry information from one item to the next);
/// - results come back in index order, so whatever folds them afterwards folds them in the same
///   order whatever the thread count;
/// - with `threads == 1` the items run on the calling thread, one after the other: no other
///   core is used.
///
/// Workers take the next item when they finish one (dynamic scheduling), so a core that the
/// machine slows down does less of the work instead of holding up the run; which worker
/// computes an item never changes its result.
///
/// Errors: when items throw, the error of the lowest failing index is rethrown (items above it
/// are skipped once a failure is known), so the error, too, does not depend on the thread count.
public struct ParallelEngine: Sendable {
    /// The number of worker threads (at least 1).
    public var threads: Int

    /// An engine with `threads` workers (values below 1 count as 1).
    public init(threads: Int = ParallelEngine.availableCores) {
        self.threads = max(1, threads)
    }

    /// The number of cores this process may use.
    public static var availableCores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `body(i, &workspace)` for every `i` in `indices`, on up to `threads` workers; each worker
    /// builds its workspace once with `makeWorkspace`. Results in index order.
    ///
    /// - Parameters:
    ///   - indices: the items.
    ///   - makeWorkspace: builds one worker's scratch state.
    ///   - progress: called after each item with (items done, items in total), from the
    ///     worker that finished it.
    ///   - body: computes item `i` from its index alone (the workspace is scratch space only).
    public func map<Workspace, Result: Sendable, Failure: Error>(
        _ indices: Range<Int>,
        makeWorkspace: @Sendable () -> Workspace,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
        _ body: @Sendable (Int, inout Workspace) throws(Failure) -> Result
    ) throws(Failure) -> [Result] {
        let total = indices.count
        guard total > 0 else { return [] }
        let state = RunState<Result, Failure>(count: total)
        let first = indices.lowerBound
        @Sendable func work(_: Int) {
            var workspace = makeWorkspace()
            while true {
                // A cancelled run starts no further item (see `Cancellation`).
                Cancellation.process.checkpoint()
                let position = state.next.add(1, ordering: .relaxed).oldValue
                if position >= total || position > state.lowestFailure.load(ordering: .relaxed) { break }
                do throws(Failure) {
                    state.set(position, try body(first + position, &workspace))
                } catch {
                    state.fail(position, error)
                }
                let done = state.done.add(1, ordering: .relaxed).newValue
                progress?(done, total)
            }
        }
        let workers = min(threads, total)
        if workers == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers, execute: work)
        }
        if let failure = state.firstFailure { throw failure }
        return state.values
    }

    /// `body(i)` for every `i` in `indices`; results in index order.
    public func map<Result: Sendable, Failure: Error>(
        _ indices: Range<Int>,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
        _ body: @Sendable (Int) throws(Failure) -> Result
    ) throws(Failure) -> [Result] {
        try map(indices, makeWorkspace: { () }, progress: progress) { (i, _: inout Void) throws(Failure) in try body(i) }
    }
}

/// The lowest index at which a parallel scan has found what it looks for, shared by the scan's
/// items so that an item above it can stop early: its own finding could not come first.
///
/// A scan that returns "the first violation in enumeration order" splits the enumeration into
/// items in that order, lowers the cutoff when an item finds one, and lets items above the
/// cutoff stop; the result is then the sequential scan's whatever the thread count.
public final class ParallelCutoff: Sendable {
    private let value = Atomic<Int>(Int.max)

    public init() {}

    /// Records a finding at `index` (the cutoff only moves down).
    public func lower(to index: Int) { value.min(index, ordering: .relaxed) }

    /// True when something was found at an index below `index`.
    public func isBelow(_ index: Int) -> Bool { value.load(ordering: .relaxed) < index }

    /// The lowest index with a finding, or nil.
    public var index: Int? {
        let v = value.load(ordering: .relaxed)
        return v == Int.max ? nil : v
    }
}

/// The shared state of one `map`: result slots, the next item, the count done, failures.
private final class RunState<Result, Failure: Error>: @unchecked Sendable {
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let lowestFailure = Atomic<Int>(Int.max)
    private var results: [Result?]
    private var failures: [Int: Failure] = [:]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ position: Int, _ value: Result) {
        lock.lock(); results[position] = value; lock.unlock()
    }

    func fail(_ position: Int, _ error: Failure) {
        lock.lock(); failures[position] = error; lock.unlock()
        lowestFailure.min(position, ordering: .relaxed)
    }

    var firstFailure: Failure? {
        lock.lock(); defer { lock.unlock() }
        return failures.keys.min().flatMap { failures[$0] }
    }

    /// Every result, in index order (called once every item is done and none failed).
    var values: [Result] {
        lock.lock(); defer { lock.unlock() }
        return results.map { $0! }
    }
}
