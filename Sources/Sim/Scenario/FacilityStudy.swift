import Mechanisms

/// A facility-location scenario file as a study: the Monte Carlo blocks of each agent count of
/// its sweep, one after the other; axiom checks, worst-case searches and characterizations run
/// once, in `finish`.
public struct FacilityStudy: Study {
    /// One Monte Carlo block of one agent count of the sweep.
    public struct Block: Codable, Sendable, Hashable {
        /// The position of the agent count in the file's sweep (0 without a sweep).
        public var variant: Int
        public var result: BlockResult
    }

    /// The scenario of each agent count (one without a sweep).
    public var variants: [Scenario]
    public var file: String { variants[0].file }
    public var source: String { variants[0].source }
    /// Blocks of the variants before each variant, and in total.
    private let offsets: [Int]

    public init(_ scenario: Scenario) {
        variants = scenario.expanded()
        var running = 0
        var offsets: [Int] = []
        for v in variants {
            offsets.append(running)
            running += MonteCarloRunner(count: v.count, seed: v.seed).blockCount
        }
        offsets.append(running)
        self.offsets = offsets
    }

    public var blockCount: Int { offsets.last ?? 0 }

    /// Profiles times agents from which a run is worth an estimate line (about ten seconds of
    /// one core).
    static let estimateThreshold = 1e9

    /// "FILE: 1,000,000,000 profiles of 25 agents, 3 mechanisms" (each count of a sweep) when
    /// the Monte Carlo draws at least `estimateThreshold` locations in all.
    public var workEstimate: String? {
        let locations = variants.reduce(0.0) { $0 + Double($1.count) * Double($1.agents) }
        guard locations >= Self.estimateThreshold else { return nil }
        let parts = variants.map { "\(SizeLimits.countText(Double($0.count))) profiles of \($0.agents) agents" }
        return "\(file): \(parts.joined(separator: ", ")), \(variants[0].mechanisms.count) mechanism\(variants[0].mechanisms.count == 1 ? "" : "s")"
    }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [Block] {
        var out: [Block] = []
        let total = range.count
        for (v, scenario) in variants.enumerated() {
            let mine = range.clamped(to: offsets[v]..<offsets[v + 1])
            guard !mine.isEmpty else { continue }
            let before = out.count
            let local = (mine.lowerBound - offsets[v])..<(mine.upperBound - offsets[v])
            var shifted: (@Sendable (Int, Int) -> Void)?
            if let progress {
                shifted = { done, _ in progress(before + done, total) }
            }
            let blocks = try ScenarioRunner.simulation(scenario).run(threads: threads, blocks: local, progress: shifted)
            out += blocks.map { Block(variant: v, result: $0) }
        }
        return out
    }

    public func finish(_ blocks: [Block], threads: Int) throws -> FacilityStudyResult {
        var results: [ScenarioResult] = []
        for (v, scenario) in variants.enumerated() {
            let mine = blocks.filter { $0.variant == v }.map(\.result)
            do {
                results.append(try ScenarioRunner.finish(scenario, blocks: mine, threads: threads))
            } catch let error as ScenarioError {
                throw error
            } catch {
                throw ScenarioError(file: file, keyPath: "", message: "\(error)")
            }
        }
        return FacilityStudyResult(variants: results)
    }
}

/// The results of a facility-location scenario file: one per agent count of its sweep.
public struct FacilityStudyResult: StudyResult {
    public static let domain = Domain.facilityLocation
    public var variants: [ScenarioResult]
    public var failed: Bool { variants.contains(where: \.failed) }

    static func flat(_ results: [Self]) -> [ScenarioResult] { results.flatMap(\.variants) }
    public static func text(_ results: [Self]) -> String { flat(results).map(ScenarioReport.text).joined(separator: "\n") }
    public static func json(_ results: [Self]) -> String { ScenarioReport.json(flat(results)) }
    public static func csv(_ results: [Self]) -> String { ScenarioReport.csv(flat(results)) }
    public static func svg(_ results: [Self]) -> String? { ScenarioReport.svg(flat(results)) }
}
