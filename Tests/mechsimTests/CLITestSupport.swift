import Foundation

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The result of running the built `mechsim` executable.
struct Execution {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `mechsim` executable built next to the test bundle (debug or release).
func mechsimBinary() -> URL {
    let bundleDir = Bundle.main.bundleURL
    let candidates = [
        bundleDir.appendingPathComponent("mechsim"),
        repositoryRoot.appendingPathComponent(".build/debug/mechsim"),
        repositoryRoot.appendingPathComponent(".build/release/mechsim"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
}

/// Runs `mechsim` with `arguments` in the repository root; with `environment`, the process sees
/// exactly those variables (and no others of the test's own).
func mechsim(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String]? = nil) throws -> Execution {
    let p = Process()
    p.executableURL = mechsimBinary()
    p.arguments = arguments
    p.currentDirectoryURL = directory
    if let environment { p.environment = environment }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Execution(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}

func mechsim(_ arguments: String...) throws -> Execution { try mechsim(arguments) }

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

func jsonObject(_ text: String) -> [String: Any]? {
    try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
}
