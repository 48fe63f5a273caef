import Dispatch
import Foundation
import Sim
import Synchronization

/// Ctrl-C and SIGTERM: a long run stops cleanly.
///
/// A dispatch signal source cancels `Cancellation.process`; the engine stops between items and
/// calls `stop`, which discards the temporary file of any write in progress (results are
/// written to a temporary file and renamed, so a destination is either untouched or complete),
/// prints one line on stderr and exits 130 (128 + SIGINT; 143 for SIGTERM). Work that reaches
/// no checkpoint within `grace` (one long LP solve) is stopped the same way by a timer.
enum Interrupt {
    /// How long the engine gets to reach a checkpoint after the signal.
    static let grace: DispatchTimeInterval = .seconds(2)

    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
    private static let received = Atomic<Int32>(0)
    private static let stopping = Atomic<Bool>(false)

    /// Installs the handlers; call once, before any work.
    static func install() {
        Cancellation.process.onStop { stop() }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                received.store(signalNumber, ordering: .sequentiallyConsistent)
                Cancellation.process.cancel()
                DispatchQueue.global().asyncAfter(deadline: .now() + grace) { stop() }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Discards pending output, prints one line and exits; the first caller wins, any other
    /// thread waits here until the process is gone.
    static func stop() -> Never {
        if stopping.exchange(true, ordering: .sequentiallyConsistent) {
            while true { sleep(60) }
        }
        AtomicFile.discardPending()
        let signalNumber = received.load(ordering: .sequentiallyConsistent)
        let name = signalNumber == SIGTERM ? "SIGTERM" : "SIGINT"
        let clear = Terminal.stderrIsTerminal ? "\r\u{1B}[2K" : ""
        FileHandle.standardError.write(Data("\(clear)mechsim: interrupted by \(name); stopped, no result written\n".utf8))
        exit(128 + (signalNumber == 0 ? SIGINT : signalNumber))
    }
}
