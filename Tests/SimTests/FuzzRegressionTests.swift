import Foundation
import Testing
@testable import Sim

/// Replays the fuzzers' regression corpus (`Fuzz/regressions/<reader>/`: every input that once
/// crashed a reader) and their hand-written seeds (`Fuzz/seeds/<reader>/`) through
/// `InputReaders`, the same entry points the fuzz targets call. Each input must come back as a
/// value or as an error with a message; a crash ends the test process and fails the run.
@Suite("Fuzz regression corpus")
struct FuzzRegressionTests {
    static let fuzzRoot = repositoryRoot.appendingPathComponent("Fuzz")

    /// The files of `Fuzz/<folder>/<reader>/`, sorted (README files excluded).
    static func inputs(_ folder: String, _ reader: InputReaders.Reader) -> [URL] {
        let dir = fuzzRoot.appendingPathComponent(folder).appendingPathComponent(reader.rawValue)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// Nil when the reader returned, else the error's message.
    static func outcome(_ reader: InputReaders.Reader, _ url: URL) throws -> String? {
        let data = try Data(contentsOf: url)
        do {
            try InputReaders.read(reader, data, file: url.lastPathComponent)
            return nil
        } catch let error as CustomStringConvertible {
            return error.description
        }
    }

    @Test("every regression input returns or throws an error with a message", arguments: InputReaders.Reader.allCases)
    func regressions(_ reader: InputReaders.Reader) throws {
        for url in Self.inputs("regressions", reader) {
            if let message = try Self.outcome(reader, url) {
                #expect(!message.isEmpty, "\(reader.rawValue)/\(url.lastPathComponent): an error without a message")
            }
        }
    }

    @Test("every hand-written seed is read without an error", arguments: InputReaders.Reader.allCases)
    func seeds(_ reader: InputReaders.Reader) throws {
        let seeds = Self.inputs("seeds", reader)
        for url in seeds {
            let message = try Self.outcome(reader, url)
            #expect(message == nil, "\(reader.rawValue)/\(url.lastPathComponent): \(message ?? "")")
        }
    }
}
