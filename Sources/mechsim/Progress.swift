import Foundation

/// A progress bar on stderr: shown only when stderr is a terminal, not under --quiet, and only
/// once a run has taken more than a second, with the time left. When stderr is not a terminal
/// (a log file, a cluster job), a run that will take more than ten seconds writes one line with
/// its estimate after two seconds instead.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let terminal: Bool
    private var estimated = false
    private let start = Date()
    private let lock = NSLock()
    private var shown = false
    private var lastDrawn = -1

    init(label: String, quiet: Bool) {
        self.label = label
        self.enabled = !quiet
        self.terminal = Terminal.stderrIsTerminal
    }

    /// The callback to hand to the runner.
    var callback: (@Sendable (Int, Int) -> Void)? {
        guard enabled else { return nil }
        return { [self] done, total in update(done, total) }
    }

    private func update(_ done: Int, _ total: Int) {
        lock.lock(); defer { lock.unlock() }
        let elapsed = Date().timeIntervalSince(start)
        if !terminal {
            guard !estimated, elapsed > 2, done > 0, done < total else { return }
            let left = elapsed * Double(total - done) / Double(done)
            guard elapsed + left > 10 else { return }
            estimated = true
            FileHandle.standardError.write(Data("\(label): \(done * 100 / total)% done after \(Self.duration(elapsed)); about \(Self.duration(left)) left (estimate)\n".utf8))
            return
        }
        guard elapsed > 1 || shown else { return }
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        shown = true
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let left = done > 0 ? " ~\(Self.duration(elapsed * Double(total - done) / Double(done))) left" : ""
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(label) [\(bar)] \(percent)%\(left)".utf8))
    }

    /// "42 s", "3 min", "5.2 h", "12 days".
    static func duration(_ seconds: Double) -> String {
        if !seconds.isFinite || seconds > 1e9 { return "forever" }
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        if seconds < 7200 { return "\(Int((seconds / 60).rounded())) min" }
        if seconds < 172_800 { return String(format: "%.1f h", seconds / 3600) }
        return "\(Int((seconds / 86400).rounded())) days"
    }

    /// Clears the bar's line if it was drawn.
    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
