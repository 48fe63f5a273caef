import Foundation

/// A progress bar on stderr: shown only when stderr is a terminal, not under --quiet, and only
/// once a run has taken more than a second.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var shown = false
    private var lastDrawn = -1

    init(label: String, quiet: Bool) {
        self.label = label
        self.enabled = !quiet && Terminal.stderrIsTerminal
    }

    /// The callback to hand to the runner.
    var callback: (@Sendable (Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { [self] done, total in update(done, total) }
    }

    private func update(_ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        guard Date().timeIntervalSince(start) > 1 || shown else { return }
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        shown = true
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)%".utf8))
    }

    /// Clears the bar's line if it was drawn.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
