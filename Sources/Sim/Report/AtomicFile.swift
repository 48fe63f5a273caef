import Foundation

/// Writes files atomically: the bytes go to a temporary file in the same folder, which is then
/// renamed over the destination, so an interrupted run never leaves a half-written result.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(AtomicFileError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw .missingFolder(folder.path)
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
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
