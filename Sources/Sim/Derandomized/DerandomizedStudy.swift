import Foundation
import Mechanisms

/// A derandomized-mechanism scenario file as a study.
public struct DerandomizedStudy: Study {
    public struct Block: Codable, Sendable, Hashable {}

    public var scenario: DerandomizedScenario
    public var file: String { scenario.file }
    public var source: String { scenario.source }

    public init(_ scenario: DerandomizedScenario) { self.scenario = scenario }

    public var blockCount: Int { 0 }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [Block] { [] }

    public func finish(_ blocks: [Block], threads: Int) throws -> DerandomizedScenarioResult {
        try DerandomizedScenarioRunner.run(scenario)
    }
}

extension DerandomizedScenarioResult: StudyResult {
    public static let domain = Domain.derandomized

    public static func text(_ results: [Self]) -> String { results.map(DerandomizedReport.text).joined(separator: "\n") }
    public static func json(_ results: [Self]) -> String { DerandomizedReport.json(results) }
    /// Derandomized scenarios have no table: CSV output is the JSON document.
    public static func csv(_ results: [Self]) -> String { DerandomizedReport.json(results) }
    public static func svg(_ results: [Self]) -> String? { nil }
    public static func outputs(_ results: [Self], path: String) -> [(path: String, text: String)] { [(path, DerandomizedReport.json(results))] }
}
