import Foundation
import Mechanisms
import Testing
@testable import Sim

@Suite("Scenario files")
struct ScenarioTests {
    static var allScenarioFiles: [String] {
        let root = repositoryRoot.appendingPathComponent("scenarios")
        let e = FileManager.default.enumerator(atPath: root.path)
        var out: [String] = []
        while let f = e?.nextObject() as? String {
            if f.hasSuffix(".yaml") || f.hasSuffix(".yml") { out.append("scenarios/" + f) }
        }
        return out.sorted()
    }

    @Test("there are scenario files, at least one per paper folder")
    func present() {
        let files = Self.allScenarioFiles
        #expect(files.contains("scenarios/quickstart.yaml"))
        #expect(files.contains { $0.hasPrefix("scenarios/papers/aziz2022-random-rank/") })
        #expect(files.contains { $0.hasPrefix("scenarios/papers/aziz2021-proportional-facility/") })
        #expect(files.filter { $0.hasPrefix("scenarios/papers/balseiro2025-position-auctions/ex") }.count == 9)
        #expect(files.filter { $0.hasPrefix("scenarios/papers/cacciamani2023-information-acquisition/") }.count == 3)
        #expect(files.filter { $0.hasPrefix("scenarios/papers/buening2024-clickbait/") }.count == 7)
        #expect(files.filter { $0.hasPrefix("scenarios/papers/buening2024-strategic-linear/") }.count == 7)
        let derandomized = files.filter { $0.hasPrefix("scenarios/papers/walsh2024-derandomized/") }
        for domain in ["voting", "facility", "task", "school", "peer", "resource"] {
            #expect(derandomized.contains { $0.contains(domain) }, "no derandomized scenario for \(domain)")
        }
    }

    @Test("every scenario loads, runs and meets its expectations", arguments: allScenarioFiles)
    func runs(_ file: String) throws {
        let path = repositoryRoot.appendingPathComponent(file).path
        let study = try ScenarioFile.load(file: path)
        if var bandit = study as? BanditStudy {
            bandit.scenario.file = file
            // Full-size experiments (no expect:) are for the CLI: the test loads them only.
            if bandit.scenario.expected.isEmpty { return }
            let result = try bandit.run(threads: 2)
            for id in bandit.scenario.expected {
                let c = result.criteria.first { $0.id == id }
                #expect(c?.passed == true, "\(file) \(id): \(c.map { "\($0.statement): measured \($0.measured)" } ?? "no such criterion")")
            }
            return
        }
        if var derandomized = study as? DerandomizedStudy {
            derandomized.scenario.file = file
            let result = try derandomized.run(threads: 2)
            for e in result.expectations where !e.passed {
                Issue.record("\(file) \(e.keyPath): \(e.subject): expected \(e.expected), got \(e.actual)")
            }
            #expect(!result.expectations.isEmpty, "a paper scenario must carry expect:")
            return
        }
        if var acquisition = study as? AcquisitionStudy {
            acquisition.scenario.file = file
            let result = try acquisition.run(threads: 2)
            for e in result.expectations where !e.passed {
                Issue.record("\(file) \(e.keyPath): \(e.subject): expected \(e.expected), got \(e.actual)")
            }
            #expect(!result.expectations.isEmpty, "a paper scenario must carry expect:")
            return
        }
        if var auction = study as? AuctionStudy {
            auction.scenario.file = file
            // Long studies without expectations are for the CLI: the test loads them only.
            if auction.scenario.expectations.isEmpty { return }
            let result = try auction.run(threads: 2)
            for e in result.expectations where !e.passed {
                Issue.record("\(file) \(e.keyPath): \(e.subject): expected \(e.expected), got \(e.actual)")
            }
            #expect(!result.expectations.isEmpty)
            return
        }
        if var voting = study as? VotingStudy {
            voting.scenario.file = file
            let result = try voting.run(threads: 2)
            for e in result.expectations where !e.passed {
                Issue.record("\(file) \(e.keyPath): \(e.subject): expected \(e.expected), got \(e.actual)")
            }
            #expect(!result.expectations.isEmpty, "a paper scenario must carry expect:")
            return
        }
        let facility = try #require(study as? FacilityStudy, "\(file): an unexpected family")
        var expectations = 0
        for var scenario in facility.variants {
            scenario.file = file
            // Long studies without expectations are for the CLI: the test loads them only.
            if scenario.expectations.isEmpty && scenario.axioms.isEmpty && scenario.worstCases.isEmpty && scenario.characterizations.isEmpty && scenario.designs.isEmpty { continue }
            let result = try ScenarioRunner.run(scenario, threads: 2)
            for e in result.expectations where !e.passed {
                Issue.record("\(file) (n = \(scenario.agents)) \(e.keyPath): \(e.subject): expected \(e.expected), got \(e.actual)")
            }
            expectations += result.expectations.count
        }
        if file.hasPrefix("scenarios/papers/") && !file.contains("/studies/") {
            #expect(expectations > 0, "a paper scenario must carry expect:")
        }
    }

    func parseError(_ text: String) -> String {
        do {
            _ = try Scenario.parse(text, file: "s.yaml")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test("strict keys: an unknown key is named with its path, line and a suggestion")
    func unknownKey() {
        let text = "title: t\nagents: 3\nprofiles: {distribution: uniform, count: 10, seed: 1}\nmechanisms: [median]\nmetrcs: [expected-total-cost]\n"
        #expect(parseError(text) == "s.yaml: metrcs (line 5): unknown key 'metrcs'; expected one of: title, reference, description, domain, agents, profiles, mechanisms, metrics, axioms, worst_case, characterizations, design, expect. Did you mean 'metrics'?")
        let nested = "title: t\nagents: 3\nprofiles: {distribution: uniform, cuont: 10, seed: 1}\nmechanisms: [median]\n"
        #expect(parseError(nested).hasPrefix("s.yaml: profiles.cuont (line 3): unknown key 'cuont'"))
        #expect(parseError(nested).hasSuffix("Did you mean 'count'?"))
    }

    @Test("wrong types, missing fields and bad values are named with their key path")
    func badValues() {
        let base = "title: t\nagents: 3\nmechanisms: [median]\n"
        #expect(parseError(base + "profiles: {distribution: uniform, count: many, seed: 1}\n")
                == "s.yaml: profiles.count (line 4): expected a whole number, got the value 'many'.")
        #expect(parseError(base + "profiles: {distribution: uniform, seed: 1}\n")
                == "s.yaml: profiles (line 4): missing 'count' (how many profiles to draw).")
        #expect(parseError("title: t\nagents: 3\nprofiles: {distribution: uniform, count: 1, seed: 1}\n")
                == "s.yaml (line 1): missing required key 'mechanisms'.")
        #expect(parseError(base + "profiles: {distribution: beta, a: 0, b: 1, count: 5, seed: 1}\n").contains("beta needs a > 0"))
        #expect(parseError(base + "profiles: {distribution: gaussian, count: 5, seed: 1}\n").contains("unknown distribution 'gaussian'"))
        #expect(parseError("title: t\nmechanisms: [median]\nprofiles: {explicit: [[0.5, 1.5]]}\n").contains("outside [0, 1]"))
        #expect(parseError("title: t\nagents: 3\nprofiles: {distribution: uniform, count: 1, seed: 1}\nmechanisms: [medain]\n")
                .contains("Unknown mechanism 'medain'. Did you mean 'median'?"))
        #expect(parseError("title: t\nagents: 3\nprofiles: {distribution: uniform, count: 1, seed: 1}\nmechanisms: [median]\nexpect: [{mechanism: median, metric: expected-total-cost, value: 1}]\n")
                .contains("needs 'tolerance'"))
        #expect(parseError("title: [\n").contains("is not valid YAML"))
    }

    @Test("a missing file is a clear error")
    func missingFile() {
        #expect(throws: ScenarioError.self) { try Scenario.load(file: "/no/such/scenario.yaml") }
    }

    @Test("a failed expectation is reported with its key path")
    func failedExpectation() throws {
        let text = "title: t\nprofiles: {explicit: [[0, 1]]}\nmechanisms: [median]\nexpect: [{mechanism: median, metric: expected-total-cost, value: 0.5}]\n"
        let result = try ScenarioRunner.run(try Scenario.parse(text, file: "s.yaml"), threads: 1)
        #expect(result.failed)
        #expect(result.expectations.first?.keyPath == "expect[0]")
        #expect(result.expectations.first?.actual == "1")
    }

    @Test("an agents sweep expands into one scenario per count, with expectations picked by 'agents'")
    func sweep() throws {
        let text = """
        title: sweep
        agents: [3, 11]
        profiles: {distribution: uniform, count: 4000, seed: 3}
        mechanisms: [random-rank]
        metrics: [expected-total-cost]
        axioms: [{id: anonymity, agents: 2, grid: 2}]
        expect:
          - {mechanism: random-rank, metric: expected-total-cost, value: "2/3", tolerance: 0.02, agents: 3}
          - {mechanism: random-rank, metric: expected-total-cost, value: "10/3", tolerance: 0.05, agents: 11}
        """
        let variants = try Scenario.parseAll(text, file: "s.yaml")
        #expect(variants.map(\.agents) == [3, 11])
        #expect(variants.map(\.title) == ["sweep (n = 3)", "sweep (n = 11)"])
        #expect(variants.map(\.axioms.count) == [1, 0])
        for v in variants {
            let r = try ScenarioRunner.run(v, threads: 2)
            #expect(r.expectations.count == 1 && !r.failed, "\(r.expectations)")
        }
        let svg = ScenarioReport.svg(try variants.map { try ScenarioRunner.run($0, threads: 1) })
        #expect(svg.hasPrefix("<svg") && svg.contains("random-rank") && svg.contains("agents n"))
        #expect(parseError("title: t\nagents: [2, 3]\nprofiles: {explicit: [[0, 1]]}\nmechanisms: [median]\n").contains("needs sampled profiles"))
    }

    @Test("reports are byte-identical for 1 and 2 threads")
    func reportBytes() throws {
        let text = "title: t\nagents: 9\nprofiles: {distribution: two-cluster, left: 0.2, right: 0.7, sd: 0.1, weight: 0.4, count: 7000, seed: 5}\nmechanisms: [median, random-rank, uniform-phantom]\n"
        let s = try Scenario.parse(text, file: "s.yaml")
        let one = ScenarioReport.json([try ScenarioRunner.run(s, threads: 1)])
        let two = ScenarioReport.json([try ScenarioRunner.run(s, threads: 2)])
        #expect(one == two)
        #expect(ScenarioReport.csv([try ScenarioRunner.run(s, threads: 1)]) == ScenarioReport.csv([try ScenarioRunner.run(s, threads: 2)]))
    }
}

@Suite("Explicit profiles print exact values, never an interval")
struct ExplicitProfileReportTests {
    static let text = """
        title: "t"
        domain: facility-location
        profiles:
          explicit:
            - ["0", "1", "1", "1", "1"]
            - ["0", "0", "0", "0", "1"]
        mechanisms: [uniform-phantom]
        metrics: [expected-location, social-welfare-ratio]
        """

    @Test("text: one column per profile with its value (4/5 and 1/5; ratio 20/17 on both), no 95% CI")
    func text() throws {
        let result = try ScenarioRunner.run(try Scenario.parse(Self.text, file: "s.yaml"), threads: 1)
        let out = ScenarioReport.text(result)
        #expect(!out.contains("95% CI"))
        #expect(out.contains("profile 0") && out.contains("profile 1"))
        #expect(out.contains("no interval"))
        let values = try #require(result.profileValues)
        #expect(values.count == 2)
        #expect(abs(values[0][0] - 0.8) < 1e-12 && abs(values[1][0] - 0.2) < 1e-12)
        #expect(abs(values[0][1] - 20.0 / 17) < 1e-12 && abs(values[1][1] - 20.0 / 17) < 1e-12)
    }

    @Test("JSON keeps the estimate fields and adds exact: true and the per-profile values")
    func json() throws {
        let result = try ScenarioRunner.run(try Scenario.parse(Self.text, file: "s.yaml"), threads: 1)
        let out = ScenarioReport.json([result])
        #expect(out.contains("\"ci95\""))
        #expect(out.contains("\"exact\" : true") || out.contains("\"exact\": true"))
        #expect(out.contains("\"values\""))
    }

    @Test("sampled profiles keep their interval and say exact: false")
    func sampled() throws {
        let text = """
            title: "t"
            domain: facility-location
            agents: 3
            profiles: {distribution: uniform, count: 200, seed: 1}
            mechanisms: [median]
            metrics: [expected-total-cost]
            """
        let result = try ScenarioRunner.run(try Scenario.parse(text, file: "s.yaml"), threads: 1)
        #expect(result.profileValues == nil)
        #expect(ScenarioReport.text(result).contains("95% CI"))
        #expect(ScenarioReport.json([result]).contains("\"exact\""))
    }
}
