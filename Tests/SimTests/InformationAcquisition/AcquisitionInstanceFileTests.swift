import Foundation
import Mechanisms
import Solvers
import Testing
@testable import Sim

/// The shipped instances (`scenarios/papers/cacciamani2023-information-acquisition/`) are
/// golden tests through the reference scenarios of that folder, whose `expect:` holds the exact
/// value of every mechanism on every instance (run by `ScenarioTests`). Bad files give errors
/// with the file, key path and what was expected.
@Suite("Information acquisition: instance files")
struct AcquisitionInstanceFileTests {
    static let folder = "scenarios/papers/cacciamani2023-information-acquisition"

    static var files: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test("A1, A1b, A2-A4 and B1-B6 in both payment variants ship as files")
    func present() {
        let expected = ["A1", "A1b", "A2", "A3", "A4"].map { "\($0).json" }
            + (1...6).flatMap { ["B\($0)-report-only.json", "B\($0)-state-dependent.json"] }
        #expect(Self.files == expected.sorted())
    }

    @Test("every instance file is read by a reference scenario that expects the exact value of every mechanism of its model")
    func coveredByScenarios() throws {
        var exact: Set<String> = []
        for name in ["hiring-reference-values.yaml", "senders-reference-values.yaml"] {
            let path = repositoryRoot.appendingPathComponent("\(Self.folder)/\(name)").path
            let study = try #require(try ScenarioFile.load(file: path) as? AcquisitionStudy)
            for e in study.scenario.expectations {
                guard case .value(_, let fraction?) = e.check, let mechanism = e.mechanism,
                      let instance = study.scenario.instances.first(where: { $0.name == e.subject }), let file = instance.path else { continue }
                #expect(fraction.contains("/"))
                exact.insert("\(file) \(mechanism)")
            }
        }
        #expect(exact.count == 5 * 3 + 12)
        for file in Self.files {
            let contents = try AcquisitionInstanceFile.load(repositoryRoot.appendingPathComponent("\(Self.folder)/\(file)").path)
            let mechanisms: [String]
            switch contents.instance {
            case .hiring: mechanisms = ["best-effort-profile", "optimal-correlated-mechanism", "optimal-uncorrelated-mechanism"]
            case .senders: mechanisms = ["optimal-ic-mechanism"]
            }
            for m in mechanisms { #expect(exact.contains("\(file) \(m)"), "no exact expectation of \(m) on \(file)") }
        }
    }

    static func error(_ json: String) -> String {
        do {
            _ = try AcquisitionInstanceFile.parse(Data(json.utf8), file: "bad.json")
            return "no error"
        } catch {
            return error.description
        }
    }

    static let oneAgent = """
    "agents": [{"efforts": 2, "costs": [0, 0.1], "signals": 2}],
    "signal_law": [
      {"efforts": [0], "state": 0, "signals": [0], "probability": 0.5}, {"efforts": [0], "state": 0, "signals": [1], "probability": 0.5},
      {"efforts": [0], "state": 1, "signals": [0], "probability": 0.5}, {"efforts": [0], "state": 1, "signals": [1], "probability": 0.5},
      {"efforts": [1], "state": 0, "signals": [0], "probability": 0.8}, {"efforts": [1], "state": 0, "signals": [1], "probability": 0.2},
      {"efforts": [1], "state": 1, "signals": [0], "probability": 0.2}, {"efforts": [1], "state": 1, "signals": [1], "probability": 0.8}
    ],
    "utility": [[1, 0], [0, 1]]
    """

    @Test("bad input: the error names the file, the key path and what was expected")
    func badInput() {
        #expect(Self.error("{\"prior\": [0.5, 0.4], \(Self.oneAgent), \"payment_cap\": 1}")
                == "bad.json: prior: expected probabilities that sum to 1 (within 1e-09), found sum 0.9.")
        #expect(Self.error("{\"prior\": [0.5, 0.5], \(Self.oneAgent.replacingOccurrences(of: "[0, 0.1]", with: "[0, -0.1]")), \"payment_cap\": 1}")
                == "bad.json: agents[0].costs[1]: expected a finite non-negative cost, found -0.1.")
        #expect(Self.error("{\"prior\": [0.5, 0.5], \(Self.oneAgent), \"payment_cap\": 1, \"paymet_cap\": 2}")
                == "bad.json: paymet_cap: expected one of the keys prior, agents, signal_law, utility, payment_cap, description, expected, found an unknown key \"paymet_cap\". Did you mean \"payment_cap\"?")
        #expect(Self.error("{\"prior\": [0.5, 0.5], \(Self.oneAgent)}") == "bad.json: payment_cap: expected a value, found no key \"payment_cap\".")
        #expect(Self.error("{\"prior\": [0.5, 0.5], \(Self.oneAgent.replacingOccurrences(of: "\"probability\": 0.8}, {\"efforts\": [1], \"state\": 0", with: "\"probability\": 0.7}, {\"efforts\": [1], \"state\": 0")), \"payment_cap\": 1}")
                .hasPrefix("bad.json: signal_law (efforts (1), state 0): expected probabilities over the signal profiles that sum to 1"))
        #expect(Self.error("{\"prior\": [0.5, 0.5], \(Self.oneAgent), \"payment_cap\": \"x\"}")
                == "bad.json: payment_cap: expected a number or a fraction string such as \"1/3\", found the string \"x\".")
        #expect(Self.error("[1]") == "bad.json: the top level: expected an object, found an array.")
    }

    @Test("bad input: a signal law that breaks the marginal condition is rejected")
    func marginalCondition() {
        // Agent 0's signal is accurate only when agent 1 works: its marginal moves with b₁.
        var law: [String] = []
        for b0 in 0..<2 { for b1 in 0..<2 { for θ in 0..<2 {
            let accurate = b1 == 1
            for s0 in 0..<2 {
                let p = accurate ? (s0 == θ ? 0.8 : 0.2) : 0.5
                law.append("{\"efforts\": [\(b0), \(b1)], \"state\": \(θ), \"signals\": [\(s0), 0], \"probability\": \(p)}")
            }
        } } }
        let json = """
        {"prior": [0.5, 0.5], "agents": [{"efforts": 2, "costs": [0, 0.1], "signals": 2}, {"efforts": 2, "costs": [0, 0.1], "signals": 1}],
         "signal_law": [\(law.joined(separator: ","))], "utility": [[1, 0], [0, 1]], "payment_cap": 1}
        """
        #expect(Self.error(json).hasPrefix("bad.json: signal_law (agent 0, signal 0, state 0): expected the marginal condition (Cacciamani et al. 2023a)"))
    }

    @Test("model B: a wrong payments variant gets a suggestion; a model A mechanism refuses a model B instance")
    func modelB() throws {
        let json = """
        {"prior": [0.5, 0.5], "agents": [{"signals": 2}],
         "signal_law": [{"state": 0, "signals": [0], "probability": 0.8}, {"state": 0, "signals": [1], "probability": 0.2},
                        {"state": 1, "signals": [0], "probability": 0.2}, {"state": 1, "signals": [1], "probability": 0.8}],
         "utility": [[1, 0], [0, 1]], "sender_utility": [[[0, 0], [0.2, 0.2]]], "payments": "PAYMENTS"}
        """
        #expect(Self.error(json.replacingOccurrences(of: "PAYMENTS", with: "report_only"))
                == "bad.json: payments: expected one of \"report-only\", \"state-dependent\", found \"report_only\". Did you mean \"report-only\"?")
        let contents = try AcquisitionInstanceFile.parse(Data(json.replacingOccurrences(of: "PAYMENTS", with: "report-only").utf8), file: "b1.json")
        #expect(abs(try OptimalICMechanism().optimum(contents.instance, method: .dualSimplex).value - 0.7) < 1e-6)
        #expect(throws: InformationAcquisitionError.self) { try OptimalCorrelatedMechanism().optimum(contents.instance, method: .dualSimplex) }
    }
}
