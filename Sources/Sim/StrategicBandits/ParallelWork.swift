/// Independent work items on the parallel engine, results in item order.
public enum ParallelWork {
    /// `body(i)` for i in 0..<count on `threads` workers (`ParallelEngine.map`); results in index order.
    public static func map<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Int) -> T) -> [T] {
        ParallelEngine(threads: threads).map(0..<max(0, count), body)
    }
}
