import Synchronization

/// Cooperative cancellation of long runs.
///
/// A front end (the command line, on SIGINT or SIGTERM) calls `cancel()`; `ParallelEngine`
/// calls `checkpoint()` between work items, so a cancelled run starts no further item and,
/// once a stop handler is installed (`onStop`), hands control to it instead of returning a
/// partial result. The handler decides what "stop" means (the command line removes pending
/// temporary files, prints one line and exits 130); the library itself never prints.
///
/// Properties: with no handler installed, `checkpoint()` does nothing, so a library user who
/// never installs one sees no change. What does **not** hold: work that never reaches a
/// checkpoint (one long LP solve) is not interrupted; the front end needs its own deadline.
public final class Cancellation: Sendable {
    /// The process-wide token every `ParallelEngine` checks.
    public static let process = Cancellation()

    private let cancelled = Atomic<Bool>(false)
    private let handler = Mutex<(@Sendable () -> Never)?>(nil)

    public init() {}

    /// Requests a stop; safe from any thread.
    public func cancel() { cancelled.store(true, ordering: .sequentiallyConsistent) }

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Installs what a cancelled run does at its next checkpoint (it must not return).
    public func onStop(_ stop: @escaping @Sendable () -> Never) { handler.withLock { $0 = stop } }

    /// Between work items: when cancelled and a stop handler is installed, runs the handler
    /// (which does not return); otherwise returns at once.
    public func checkpoint() {
        guard isCancelled, let stop = handler.withLock({ $0 }) else { return }
        stop()
    }
}
