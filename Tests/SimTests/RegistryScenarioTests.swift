import Testing
@testable import Mechanisms
@testable import Sim

/// Scenario files resolve mechanism ids in the registry they are given, so a mechanism a
/// library user registers runs in a scenario like a built-in one.
@Suite("Scenarios with a user registry")
struct RegistryScenarioTests {
    /// The reports' median clamped to [1/4, 3/4] (for odd n): strategyproof, a median with phantoms.
    struct ClampedMedian: DeterministicFacilityMechanism {
        static let descriptor = MechanismDescriptor(
            id: "clamped-median", name: "Clamped median", domain: .facilityLocation,
            summary: "The median clamped to [1/4, 3/4].", isRandomized: false,
            references: [PaperReference(authors: ["A. User"], title: "Notes", year: 2026)],
            claims: [Claim("strategyproofness", .satisfies, source: "a median with phantoms")])
        var descriptor: MechanismDescriptor { Self.descriptor }
        func location(for profile: FacilityProfile) -> Double {
            min(max(Median().location(for: profile), 0.25), 0.75)
        }
    }

    static var registry: MechanismRegistry {
        var r = MechanismRegistry.standard
        // The ids are the registry's; the second entry shows a user id over a built-in mechanism.
        try? r.register(MechanismEntry(ClampedMedian.descriptor) { _ in ClampedMedian() })
        var vcg = VCG.descriptor
        vcg.id = "my-vcg"
        try? r.register(MechanismEntry(vcg) { _ in VCG() })
        return r
    }

    @Test("a facility scenario runs a registered mechanism: (0, 0.1, 0.2) -> 1/4, strategyproof on the grid")
    func facility() throws {
        let text = """
            title: clamped
            domain: facility-location
            agents: 3
            profiles: {explicit: [[0, 0.1, 0.2], [0.5, 0.9, 1]]}
            mechanisms: [clamped-median, median]
            axioms:
              - {id: strategyproofness, agents: 3, grid: 4, expect: {clamped-median: holds}}
            expect:
              - {mechanism: clamped-median, profile: 0, lottery: [[0.25, 1]]}
              - {mechanism: clamped-median, profile: 1, lottery: [[0.75, 1]]}
              - {mechanism: median, profile: 1, lottery: [[0.9, 1]]}
            """
        #expect(Self.registry.ids.contains("clamped-median"))
        let scenario = try Scenario.parse(text, file: "s.yaml", registry: Self.registry)
        #expect(scenario.mechanisms.map(\.id) == ["clamped-median", "median"])
        let result = try ScenarioRunner.run(scenario, threads: 1)
        #expect(result.expectations.count == 4)
        #expect(!result.failed)
        // The standard registry does not know it.
        do {
            _ = try Scenario.parse(text, file: "s.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("Unknown mechanism 'clamped-median'"))
        }
    }

    @Test("a position-auction scenario resolves its ids in the given registry")
    func auction() throws {
        let text = """
            title: mine
            domain: position-auctions
            instances:
              - {name: EX7, user_model: independent, ctr: [[1/2, 1/5], [3/10, 1/4], [1/5, 1/5]], bids: [1, 0.8, 0.7], cap: 2}
            mechanisms: [my-vcg]
            expect:
              - {instance: EX7, mechanism: vcg, payments: [0.18, 0.14, 0], revenue: 0.32}
            """
        let s = try AuctionScenario.parse(text, file: "a.yaml", registry: Self.registry)
        #expect(s.mechanisms.count == 1)
        #expect(throws: ScenarioError.self) { try AuctionScenario.parse(text, file: "a.yaml") }
    }
}
