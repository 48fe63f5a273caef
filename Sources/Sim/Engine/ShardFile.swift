import Foundation

/// The file a sharded run writes (`mechsim run --shard i/N --out FILE`) and `mechsim merge`
/// reads: per scenario, the scenario's text and the statistics of the blocks this shard owns.
///
/// Accumulator fields are stored as the hexadecimal bit patterns of the doubles, so a merge
/// reproduces the single-machine result bit for bit.
public struct ShardFile: Sendable {
    public struct Part: Sendable {
        public var file: String
        public var source: String
        /// Which scenario of the file's agents sweep (0 without one).
        public var variant: Int
        public var blockCount: Int
        public var blocks: [BlockResult]

        public init(file: String, source: String, variant: Int = 0, blockCount: Int, blocks: [BlockResult]) {
            self.file = file
            self.source = source
            self.variant = variant
            self.blockCount = blockCount
            self.blocks = blocks
        }
    }

    public static let format = "mechsim-shard"
    public static let version = 1

    public var shard: Shard
    public var parts: [Part]

    public init(shard: Shard, parts: [Part]) {
        self.shard = shard
        self.parts = parts
    }

    public func rendered() -> String {
        JSONValue.object([
            ("format", .string(Self.format)),
            ("version", .integer(Self.version)),
            ("mechsim_version", .string(MechSimVersion.current)),
            ("shard", .string(shard.description)),
            ("scenarios", .array(parts.map { p in
                .object([
                    ("file", .string(p.file)),
                    ("source", .string(p.source)),
                    ("variant", .integer(p.variant)),
                    ("block_count", .integer(p.blockCount)),
                    ("blocks", .array(p.blocks.map { b in
                        .object([
                            ("index", .integer(b.index)),
                            ("accumulators", .array(b.accumulators.map { a in
                                .array([
                                    .integer(a.count), .string(Self.hex(a.mean)), .string(Self.hex(a.m2)),
                                    .string(Self.hex(a.minimum)), .string(Self.hex(a.maximum)), .integer(a.infiniteCount),
                                ])
                            })),
                        ])
                    })),
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
        guard (root["version"] as? Int) == version else { throw bad("unsupported shard file version") }
        guard let shardText = root["shard"] as? String, let shard = Shard(parsing: shardText) else { throw bad("missing or invalid \"shard\"") }
        guard let scenarios = root["scenarios"] as? [[String: Any]] else { throw bad("missing \"scenarios\"") }
        var parts: [Part] = []
        for s in scenarios {
            guard let file = s["file"] as? String, let source = s["source"] as? String,
                  let blockCount = s["block_count"] as? Int, let blocks = s["blocks"] as? [[String: Any]] else {
                throw bad("a scenario entry lacks file, source, block_count or blocks")
            }
            var out: [BlockResult] = []
            for b in blocks {
                guard let index = b["index"] as? Int, let accs = b["accumulators"] as? [[Any]] else { throw bad("a block lacks index or accumulators") }
                var list: [Accumulator] = []
                for a in accs {
                    guard a.count == 6, let count = a[0] as? Int, let mean = unhex(a[1]), let m2 = unhex(a[2]),
                          let lo = unhex(a[3]), let hi = unhex(a[4]), let inf = a[5] as? Int else {
                        throw bad("block \(index) has a malformed accumulator")
                    }
                    list.append(Accumulator(count: count, mean: mean, m2: m2, minimum: lo, maximum: hi, infiniteCount: inf))
                }
                out.append(BlockResult(index: index, accumulators: list))
            }
            parts.append(Part(file: file, source: source, variant: s["variant"] as? Int ?? 0, blockCount: blockCount, blocks: out))
        }
        return ShardFile(shard: shard, parts: parts)
    }

    static func hex(_ x: Double) -> String { String(x.bitPattern, radix: 16) }
    static func unhex(_ v: Any) -> Double? {
        guard let s = v as? String, let bits = UInt64(s, radix: 16) else { return nil }
        return Double(bitPattern: bits)
    }

    /// Combines shard files: the same scenarios in the same order, every block exactly once.
    public static func merge(_ files: [(path: String, file: ShardFile)]) throws(ShardFileError) -> [Part] {
        guard let first = files.first else { throw .nothingToMerge }
        var merged = first.file.parts.map { Part(file: $0.file, source: $0.source, variant: $0.variant, blockCount: $0.blockCount, blocks: []) }
        for (path, f) in files {
            guard f.parts.count == merged.count else { throw .mismatch(path, "it holds \(f.parts.count) scenarios, \(first.path) holds \(merged.count)") }
            for (i, p) in f.parts.enumerated() {
                guard p.file == merged[i].file, p.source == merged[i].source, p.variant == merged[i].variant, p.blockCount == merged[i].blockCount else {
                    throw .mismatch(path, "scenario \(i) (\(p.file)) differs from the one in \(first.path)")
                }
                merged[i].blocks += p.blocks
            }
        }
        for part in merged {
            let indices = part.blocks.map(\.index).sorted()
            if indices != Array(0..<part.blockCount) {
                let present = Set(indices)
                if let missing = (0..<part.blockCount).first(where: { !present.contains($0) }) {
                    throw .incomplete(part.file, "block \(missing) of \(part.blockCount) is missing: is a shard file left out?")
                }
                throw .incomplete(part.file, "some blocks appear in more than one shard file")
            }
        }
        return merged
    }
}

public enum ShardFileError: Error, Sendable, CustomStringConvertible {
    case malformed(String, String)
    case mismatch(String, String)
    case incomplete(String, String)
    case nothingToMerge

    public var description: String {
        switch self {
        case .malformed(let p, let w): "\(p): \(w)."
        case .mismatch(let p, let w): "\(p) does not belong with the other shard files: \(w)."
        case .incomplete(let f, let w): "Cannot merge \(f): \(w)"
        case .nothingToMerge: "Give at least one shard file to merge."
        }
    }
}
