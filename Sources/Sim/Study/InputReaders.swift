import Foundation

/// Every reader of a file a user hands to `mechsim`, as one function from the file's bytes to
/// its parsed value or a clear error.
///
/// These are the entry points that the fuzz targets in `Fuzz/` run on generated inputs and that
/// the regression test replays the fuzzers' past crashers through, so what is fuzzed is exactly
/// what the command line reads:
///
/// | reader | file | command |
/// | --- | --- | --- |
/// | `scenario` | a scenario file (YAML or JSON), parsed to its study; nothing is run | `mechsim run` |
/// | `auctionInstance` | a position-auction instance with its bids (JSON) | `mechsim outcome --instance` |
/// | `acquisitionInstance` | a model A or model B information-acquisition instance (JSON) | `mechsim outcome --instance`, `mechsim online` |
/// | `audit` | reports and moves of a derandomized mechanism; the outcome is recomputed | `mechsim audit` |
/// | `shard` | a shard file: decoded, its hashes checked, its scenario rebuilt and every block decoded | `mechsim merge` |
///
/// Properties: each reader returns or throws an error that says what is wrong (a
/// `CustomStringConvertible` error with its file and key path); none traps, aborts or runs a
/// study, on any input. Text readers refuse bytes that are not UTF-8,
/// as the command line does when it reads the file.
public enum InputReaders {
    /// The readers, by the name of their fuzz target and regression folder.
    public enum Reader: String, CaseIterable, Sendable {
        case scenario
        case auctionInstance = "auction-instance"
        case acquisitionInstance = "acquisition-instance"
        case audit
        case shard
    }

    /// Runs `reader` on `data`; `file` names the input in errors.
    public static func read(_ reader: Reader, _ data: Data, file: String) throws {
        switch reader {
        case .scenario: _ = try scenario(data, file: file)
        case .auctionInstance: _ = try auctionInstance(data, file: file)
        case .acquisitionInstance: _ = try acquisitionInstance(data, file: file)
        case .audit: _ = try audit(data, file: file)
        case .shard: _ = try shard(data, file: file)
        }
    }

    /// A scenario file of any family, parsed to its study (its block count is computed; no
    /// block is run).
    public static func scenario(_ data: Data, file: String) throws(ScenarioError) -> any Study {
        let study = try ScenarioFile.parse(text(data, file: file), file: file)
        _ = study.blockCount
        return study
    }

    /// A position-auction instance file with its bids.
    public static func auctionInstance(_ data: Data, file: String) throws(ScenarioError) -> AuctionInstanceFile {
        try AuctionInstanceFile.parse(text(data, file: file), file: file)
    }

    /// A model A or model B information-acquisition instance file.
    public static func acquisitionInstance(_ data: Data, file: String) throws(AcquisitionInstanceFileError) -> AcquisitionInstanceFile.Contents {
        try AcquisitionInstanceFile.parse(data, file: file)
    }

    /// An audit file: the outcome recomputed from its reports and moves.
    public static func audit(_ data: Data, file: String) throws(ScenarioError) -> JSONValue {
        try DerandomizedAudit.run(text: text(data, file: file), file: file)
    }

    /// A shard file, with every part checked the way `merge` checks it before finishing.
    public static func shard(_ data: Data, file: String) throws -> ShardFile {
        let shard = try ShardFile.parse(data, path: file)
        for part in shard.parts { try StudyPipeline.validate(part) }
        return shard
    }

    static func text(_ data: Data, file: String) throws(ScenarioError) -> String {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: file, keyPath: "", message: "cannot be read as UTF-8 text.")
        }
        return text
    }
}
