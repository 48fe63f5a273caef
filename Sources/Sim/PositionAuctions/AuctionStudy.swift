import Mechanisms

/// A position-auction scenario file as a study: the Monte Carlo blocks of its simulation (every
/// setting's auctions in blocks, setting by setting); the instances' outcomes and the
/// expectations are computed once, in `finish`.
public struct AuctionStudy: Study {
    public typealias Block = AuctionSimulation.AuctionBlock

    public var scenario: AuctionScenario
    public var file: String { scenario.file }
    public var source: String { scenario.source }

    public init(_ scenario: AuctionScenario) { self.scenario = scenario }

    public var blockCount: Int { scenario.simulation.map(AuctionSimulation.blockCount) ?? 0 }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [Block] {
        try simulate(range, threads: threads, progress: progress)
    }

    func simulate(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws(AuctionError) -> [Block] {
        guard let spec = scenario.simulation else { return [] }
        return try AuctionSimulation.runBlocks(spec, mechanisms: scenario.mechanisms, range: range, threads: threads, progress: progress)
    }

    public func finish(_ blocks: [Block], threads: Int) throws -> AuctionScenarioResult {
        try finish(blocks)
    }

    func finish(_ blocks: [Block]) throws(AuctionError) -> AuctionScenarioResult {
        let s = scenario
        var outcomes: [(instance: String, mechanism: String, outcome: Swift.Result<AuctionOutcome, AuctionError>)] = []
        for (name, file) in s.instances {
            for m in s.mechanisms {
                let x = m.onSeparableFit ? try AuctionSimulation.separableFit(file.instance) : file.instance
                outcomes.append((name, m.label, Swift.Result { () throws(AuctionError) in try m.mechanism.outcome(x, bids: file.bids) }))
            }
        }
        let rows = s.simulation.map { AuctionSimulation.fold($0, mechanisms: s.mechanisms, blocks: blocks) } ?? []
        var results: [ExpectationResult] = []
        for e in s.expectations { results.append(AuctionScenarioRunner.evaluate(e, s, outcomes, rows)) }
        // The designs: exact programs solved once, whatever the shards.
        var designs: [(spec: AuctionScenario.DesignSpec, result: Swift.Result<AuctionDesign.Result, FacilityDesign.DesignError>)] = []
        for spec in s.designs {
            let d = Swift.Result { () throws(FacilityDesign.DesignError) in try AuctionDesign.design(spec.request) }
            designs.append((spec, d))
            results += AuctionScenarioRunner.designExpectations(spec, d)
        }
        var result = AuctionScenarioResult(scenario: s, outcomes: outcomes, rows: rows, expectations: results)
        result.designs = designs
        return result
    }
}

extension AuctionScenarioResult {
    public static func text(_ results: [Self]) -> String { results.map(AuctionReport.text).joined(separator: "\n") }
    public static func json(_ results: [Self]) -> String { AuctionReport.json(results) }
    public static func csv(_ results: [Self]) -> String { AuctionReport.csv(results) }
    public static func svg(_ results: [Self]) -> String? { AuctionReport.svg(results) }
}
