import Foundation
import Mechanisms

/// The file a sharded run writes (`mechsim run --shard i/N --out FILE`) and `mechsim merge`
/// reads: per scenario file, its domain, its text and the blocks this shard computed.
///
/// ```json
/// {"format": "mechsim-shard", "version": 3, "mechsim_version": "…", "shard": "1/4",
///  "scenarios": [{"file": "…", "domain": "facility-location", "source": "<the file's text>",
///                 "sha256": "<SHA-256 of the text>", "block_count": 49,
///                 "blocks": [{"index": 12, "data": "<the block as JSON>"}, …]}]}
/// ```
/// `sha256` identifies the scenario file's content: `merge` refuses shards whose hashes differ
/// (another file, or the file edited between runs), and `parse` refuses a file whose text does
/// not hash to it.
/// A block's `data` is the study's block value encoded as JSON text; doubles are written in
/// their shortest round-trip form (non-finite ones as "inf", "-inf", "nan"), so a merge reads
/// back every bit and reproduces the single-machine result exactly.
public struct ShardFile: Sendable {
    public struct Part: Sendable {
        public var file: String
        public var domain: String
        public var source: String
        public var blockCount: Int
        /// (block index, the block encoded as JSON text), in block order.
        public var blocks: [(index: Int, data: String)]
        /// SHA-256 of `source` (hex): the identity of the scenario file's content.
        public var sha256: String { SHA256.hex(source) }

        public init(file: String, domain: String, source: String, blockCount: Int, blocks: [(index: Int, data: String)]) {
            self.file = file
            self.domain = domain
            self.source = source
            self.blockCount = blockCount
            self.blocks = blocks
        }
    }

    public static let format = "mechsim-shard"
    public static let version = 3

    public var shard: Shard
    public var mechsimVersion: String
    public var parts: [Part]

    public init(shard: Shard, parts: [Part], mechsimVersion: String = MechSimVersion.current) {
        self.shard = shard
        self.parts = parts
        self.mechsimVersion = mechsimVersion
    }

    public func rendered() -> String {
        JSONValue.object([
            ("format", .string(Self.format)),
            ("version", .integer(Self.version)),
            ("mechsim_version", .string(mechsimVersion)),
            ("shard", .string(shard.description)),
            ("scenarios", .array(parts.map { p in
                .object([
                    ("file", .string(p.file)),
                    ("domain", .string(p.domain)),
                    ("source", .string(p.source)),
                    ("sha256", .string(p.sha256)),
                    ("block_count", .integer(p.blockCount)),
                    ("blocks", .array(p.blocks.map { b in .object([("index", .integer(b.index)), ("data", .string(b.data))]) })),
                ])
            })),
        ]).rendered() + "\n"
    }

    /// Reads a shard file; `path` names it in errors.
    public static func parse(_ data: Data, path: String) throws(ShardFileError) -> ShardFile {
        func bad(_ what: String) -> ShardFileError { .malformed(path, what) }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw bad("not a JSON object")
        }
        guard root["format"] as? String == format else { throw bad("not a mechsim shard file (no \"format\": \"\(format)\")") }
        guard let v = root["version"] as? Int, v == version else {
            throw bad("shard file version \(root["version"].map { "\($0)" } ?? "missing"); this mechsim reads version \(version): rerun the shard with this mechsim")
        }
        guard let shardText = root["shard"] as? String, let shard = Shard(parsing: shardText) else { throw bad("missing or invalid \"shard\" (expected \"i/N\")") }
        guard let mechsimVersion = root["mechsim_version"] as? String else { throw bad("missing \"mechsim_version\"") }
        guard let scenarios = root["scenarios"] as? [[String: Any]] else { throw bad("missing \"scenarios\"") }
        var parts: [Part] = []
        for (k, s) in scenarios.enumerated() {
            guard let file = s["file"] as? String, let domain = s["domain"] as? String, let source = s["source"] as? String,
                  let blockCount = s["block_count"] as? Int, blockCount >= 0, let blocks = s["blocks"] as? [[String: Any]] else {
                throw bad("scenario \(k) lacks file, domain, source, block_count or blocks")
            }
            guard let hash = s["sha256"] as? String else { throw bad("scenario \(k) (\(file)) lacks sha256") }
            guard hash == SHA256.hex(source) else {
                throw bad("the text of \(file) does not hash to its sha256 \(hash): the shard file was altered; rerun the shard")
            }
            var out: [(index: Int, data: String)] = []
            for b in blocks {
                guard let index = b["index"] as? Int, let data = b["data"] as? String else { throw bad("a block of \(file) lacks index or data") }
                guard index >= 0 && index < blockCount else { throw bad("block \(index) of \(file) is outside 0..<\(blockCount)") }
                out.append((index, data))
            }
            parts.append(Part(file: file, domain: domain, source: source, blockCount: blockCount, blocks: out))
        }
        return ShardFile(shard: shard, parts: parts, mechsimVersion: mechsimVersion)
    }

    /// Combines shard files: the same scenarios in the same order, the same shard count and
    /// mechsim version, every shard index once, and every block exactly once.
    public static func merge(_ files: [(path: String, file: ShardFile)]) throws(ShardFileError) -> [Part] {
        guard let first = files.first else { throw .nothingToMerge }
        let count = first.file.shard.count
        var seen: [Int: String] = [:]
        for (path, f) in files {
            guard f.shard.count == count else {
                throw .mismatch(path, "it is shard \(f.shard) but \(first.path) is shard \(first.file.shard): the shards come from runs with different N")
            }
            guard f.mechsimVersion == first.file.mechsimVersion else {
                throw .mismatch(path, "it was written by mechsim \(f.mechsimVersion), \(first.path) by mechsim \(first.file.mechsimVersion)")
            }
            if let other = seen[f.shard.index] { throw .duplicate(path, other, f.shard.description) }
            seen[f.shard.index] = path
        }
        if let missing = (0..<count).first(where: { seen[$0] == nil }) {
            let list = (0..<count).filter { seen[$0] == nil }.map { "\($0)/\(count)" }
            throw .missingShard(list.count == 1 ? "shard \(missing)/\(count) is missing" : "shards \(list.joined(separator: ", ")) are missing")
        }
        var merged = first.file.parts.map { Part(file: $0.file, domain: $0.domain, source: $0.source, blockCount: $0.blockCount, blocks: []) }
        for (path, f) in files {
            guard f.parts.count == merged.count else { throw .mismatch(path, "it holds \(f.parts.count) scenarios, \(first.path) holds \(merged.count)") }
            for (i, p) in f.parts.enumerated() {
                let firstHash = SHA256.hex(merged[i].source)
                guard p.sha256 == firstHash else {
                    throw .mismatch(path, "scenario \(i) (\(p.file)) has content SHA-256 \(p.sha256.prefix(12))…, the one in \(first.path) (\(merged[i].file)) has \(firstHash.prefix(12))…: another file, or the file was edited between runs")
                }
                guard p.file == merged[i].file, p.domain == merged[i].domain, p.source == merged[i].source, p.blockCount == merged[i].blockCount else {
                    throw .mismatch(path, "scenario \(i) (\(p.file)) differs from the one in \(first.path) (another file, or the file was edited between runs)")
                }
                merged[i].blocks += p.blocks
            }
        }
        for i in merged.indices {
            merged[i].blocks.sort { $0.index < $1.index }
            let indices = merged[i].blocks.map(\.index)
            if indices != Array(0..<merged[i].blockCount) {
                let present = Set(indices)
                if let missing = (0..<merged[i].blockCount).first(where: { !present.contains($0) }) {
                    throw .incomplete(merged[i].file, "block \(missing) of \(merged[i].blockCount) is missing")
                }
                throw .incomplete(merged[i].file, "some blocks appear in more than one shard file")
            }
        }
        return merged
    }
}

public enum ShardFileError: Error, Sendable, CustomStringConvertible {
    case malformed(String, String)
    case mismatch(String, String)
    case duplicate(String, String, String)
    case missingShard(String)
    case incomplete(String, String)
    case nothingToMerge

    public var description: String {
        switch self {
        case .malformed(let p, let w): "\(p): \(w)."
        case .mismatch(let p, let w): "\(p) does not belong with the other shard files: \(w)."
        case .duplicate(let p, let other, let shard): "\(p) and \(other) are both shard \(shard): give each shard once."
        case .missingShard(let w): "Cannot merge: \(w); rerun it with 'mechsim run FILE --shard i/N --out PART.json' and merge again."
        case .incomplete(let f, let w): "Cannot merge \(f): \(w)."
        case .nothingToMerge: "Give at least one shard file to merge."
        }
    }
}
