import Foundation
import Mechanisms

/// Runs studies whole or by shard, merges shard files, and renders the results of any mix of
/// families: the same pipeline for every family.
public enum StudyPipeline {
    /// Runs the whole study in this process.
    public static func run(_ study: any Study, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> any StudyResult {
        try study.run(threads: threads, progress: progress)
    }

    /// Computes the blocks that `shard` owns and packs them for a shard file.
    public static func shardPart(_ study: any Study, shard: Shard, threads: Int,
                                 progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ShardFile.Part {
        try part(study, shard: shard, threads: threads, progress: progress)
    }

    private static func part<S: Study>(_ study: S, shard: Shard, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> ShardFile.Part {
        let range = shard.blocks(of: study.blockCount)
        let blocks = try study.runBlocks(range, threads: threads, progress: progress)
        let encoder = blockEncoder()
        var packed: [(index: Int, data: String)] = []
        for (index, block) in zip(range, blocks) {
            packed.append((index, String(decoding: try encoder.encode(block), as: UTF8.self)))
        }
        return ShardFile.Part(file: study.file, domain: study.domain.rawValue, source: study.source,
                              blockCount: study.blockCount, blocks: packed)
    }

    /// Rebuilds the study of a merged part from the scenario text it carries (mechanism ids
    /// resolve in `registry`: the one the shards ran with) and finishes it with its blocks.
    public static func finish(_ part: ShardFile.Part, threads: Int, registry: MechanismRegistry = .standard) throws -> any StudyResult {
        try finish(study(of: part, registry: registry), part, threads: threads)
    }

    /// Checks that a part of a shard file can be finished, without finishing it: its scenario
    /// text parses, names the part's domain and makes its block count, and every block decodes.
    public static func validate(_ part: ShardFile.Part, registry: MechanismRegistry = .standard) throws {
        try validate(study(of: part, registry: registry), part)
    }

    /// The study rebuilt from the scenario text a part carries, checked against the part.
    static func study(of part: ShardFile.Part, registry: MechanismRegistry) throws -> any Study {
        let study = try ScenarioFile.parse(part.source, file: part.file, registry: registry)
        guard study.domain.rawValue == part.domain else {
            throw ShardFileError.mismatch(part.file, "its shard says domain \(part.domain), its scenario text says \(study.domain.rawValue)")
        }
        guard study.blockCount == part.blockCount else {
            throw ShardFileError.mismatch(part.file, "the shards hold \(part.blockCount) blocks, this mechsim makes \(study.blockCount) of the scenario")
        }
        return study
    }

    private static func finish<S: Study>(_ study: S, _ part: ShardFile.Part, threads: Int) throws -> any StudyResult {
        try study.finish(blocks(of: study, part), threads: threads)
    }

    private static func validate<S: Study>(_ study: S, _ part: ShardFile.Part) throws {
        _ = try blocks(of: study, part)
    }

    /// The part's blocks decoded as the study's block type.
    private static func blocks<S: Study>(of study: S, _ part: ShardFile.Part) throws(ShardFileError) -> [S.Block] {
        let decoder = blockDecoder()
        var blocks: [S.Block] = []
        blocks.reserveCapacity(part.blocks.count)
        for b in part.blocks {
            do {
                blocks.append(try decoder.decode(S.Block.self, from: Data(b.data.utf8)))
            } catch {
                throw ShardFileError.malformed(part.file, "block \(b.index) cannot be read (\(error))")
            }
        }
        return blocks
    }

    static func blockEncoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    static func blockDecoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}

/// The rendered output of a run of scenario files, whatever their families.
///
/// Results of one family are rendered together by the family (one JSON document, one CSV
/// table), exactly as a run of that family alone prints them. With several families, the text
/// reports follow each other; the JSON output is an array of `{"domain": …, "report": <the
/// family's document>}`, in the order the families first appear; CSV tables are separated by a blank line; `--out` and
/// `--plot` files gain the family's domain before their extension (`results.json` ->
/// `results-position-auctions.json`).
public struct StudyReport {
    struct Group {
        var domain: Domain
        var text: () -> String
        var json: () -> String
        var csv: () -> String
        var outputs: (String) -> [(path: String, text: String)]
        var plots: (String) -> [(path: String, text: String)]
    }

    let groups: [Group]
    /// The results in the order of the scenario files (the HTML page has a section per file).
    let results: [any StudyResult]
    /// True when an expectation or criterion failed in some result.
    public let failed: Bool

    public init(_ results: [any StudyResult]) {
        self.results = results
        var order: [ObjectIdentifier] = []
        var members: [ObjectIdentifier: [any StudyResult]] = [:]
        for r in results {
            let id = ObjectIdentifier(type(of: r))
            if members[id] == nil { order.append(id) }
            members[id, default: []].append(r)
        }
        groups = order.map { Self.group(members[$0]![0], members[$0]!) }
        failed = results.contains { $0.failed }
    }

    private static func group<R: StudyResult>(_ first: R, _ all: [any StudyResult]) -> Group {
        let typed = all.compactMap { $0 as? R }
        return Group(domain: R.domain, text: { R.text(typed) }, json: { R.json(typed) }, csv: { R.csv(typed) },
                     outputs: { R.outputs(typed, path: $0) }, plots: { R.plots(typed, path: $0) })
    }

    public var text: String { groups.map { $0.text() }.joined(separator: "\n") }

    public var json: String {
        guard groups.count > 1 else { return groups.first?.json() ?? "[]\n" }
        let docs = groups.map { g in
            "{\"domain\": \"\(g.domain.rawValue)\", \"report\": " + g.json().trimmingCharacters(in: .whitespacesAndNewlines) + "}"
        }
        return "[\n" + docs.joined(separator: ",\n") + "\n]\n"
    }

    public var csv: String { groups.map { $0.csv() }.joined(separator: "\n") }

    /// The files `--out PATH` writes.
    public func outputs(_ path: String) -> [(path: String, text: String)] {
        groups.flatMap { g in g.outputs(groups.count > 1 ? Self.path(path, domain: g.domain) : path) }
    }

    /// The files `--plot PATH` writes.
    public func plots(_ path: String) -> [(path: String, text: String)] {
        groups.flatMap { g in g.plots(groups.count > 1 ? Self.path(path, domain: g.domain) : path) }
    }

    static func path(_ base: String, domain: Domain) -> String {
        let name = base.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? base
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "\(base)-\(domain.rawValue)" }
        let ext = name[name.index(after: dot)...]
        return String(base.dropLast(ext.count + 1)) + "-\(domain.rawValue).\(ext)"
    }
}
