import Dispatch
import Foundation

/// Runs independent work items (seeds, epochs, finite-difference rollouts) on a pool of
/// threads and returns their results in item order, so that whatever folds them afterwards
/// gives the same bits for any thread count.
public enum ParallelWork {
    /// `body(i)` for i in 0..<count on `threads` workers; results in index order.
    public static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let slots = Slots<T>(count: count)
        let workers = max(1, min(threads, count))
        if workers == 1 {
            return (0..<count).map(body)
        }
        let next = NextIndex()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.take()
                if i >= count { break }
                slots.set(i, body(i))
            }
        }
        return slots.values
    }
}

private final class Slots<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); storage[i] = value; lock.unlock() }
    var values: [T] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
}

private final class NextIndex: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take() -> Int { lock.lock(); defer { lock.unlock() }; let v = value; value += 1; return v }
}
