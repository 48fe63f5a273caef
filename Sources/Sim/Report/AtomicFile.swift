import Foundation

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is then
/// renamed over the destination, so an interrupted run never leaves a half-written result.
public enum AtomicFile {
    /// Temporary files being written and whether the run was interrupted, guarded by `lock`,
    /// which also orders writes against `discardPending`.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var temporaries: Set<String> = []
    nonisolated(unsafe) private static var discarded = false

    /// Removes the temporary file of a write in progress, waiting for it to finish first (so a
    /// destination is either untouched or complete), and refuses later writes: the command line
    /// calls it when interrupted, just before exiting.
    public static func discardPending() {
        lock.lock(); defer { lock.unlock() }
        for path in temporaries { unlink(path) }
        temporaries.removeAll()
        discarded = true
    }

    public static func write(_ text: String, to path: String) throws(AtomicFileError) {
        lock.lock(); defer { lock.unlock() }
        guard !discarded else { throw .cannotWrite(path, "the run was interrupted") }
        try writeLocked(text, to: path)
    }

    private static func writeLocked(_ text: String, to path: String) throws(AtomicFileError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw .missingFolder(folder.path)
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        temporaries.insert(temp.path)
        defer { temporaries.remove(temp.path) }
        do {
            try Data(text.utf8).write(to: temp)
        } catch {
            throw .cannotWrite(temp.path, error.localizedDescription)
        }
        if rename(temp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw .cannotWrite(path, reason)
        }
    }
}

public enum AtomicFileError: Error, Sendable, CustomStringConvertible {
    case missingFolder(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .missingFolder(let f): "Cannot write there: the folder \(f) does not exist."
        case .cannotWrite(let p, let r): "Cannot write \(p): \(r)."
        }
    }
}
