import Foundation
import Testing
import Mechanisms
import Solvers
@testable import Sim

@Suite("Derandomized scenarios: statistics and strict parsing")
struct DerandomizedScenarioTests {
    @Test("chi-square upper tail: golden values (5% critical points, and e^-1 for df 2)")
    func chiSquare() {
        #expect(abs(ChiSquare.upperTail(3.841458820694124, degreesOfFreedom: 1) - 0.05) < 1e-9)
        #expect(abs(ChiSquare.upperTail(9.487729036781154, degreesOfFreedom: 4) - 0.05) < 1e-9)
        #expect(abs(ChiSquare.upperTail(2, degreesOfFreedom: 2) - exp(-1)) < 1e-12)
        // df 3 closed form: erfc(√(x/2)) + √(2x/π)·e^(−x/2).
        #expect(abs(ChiSquare.upperTail(40, degreesOfFreedom: 3) - 1.0655090334255861e-8) < 1e-15)
        #expect(ChiSquare.upperTail(0, degreesOfFreedom: 5) == 1)
    }

    static let base = """
    domain: derandomized
    title: t
    mechanism: random-dictator
    method: game-first
    reports: [[0, 1, 2], [1, 2, 0], [2, 0, 1]]

    """

    func parseError(_ text: String) -> String {
        do { _ = try DerandomizedScenario.parse(text, file: "s.yaml"); return "no error" } catch { return error.description }
    }

    @Test("unknown keys and metrics name the key path; a deviator needs moves below the moduli")
    func errors() throws {
        #expect(parseError(Self.base + "simulation: {runs: 10, seed: 1, deviatr: 1}\n")
                == "s.yaml: simulation.deviatr (line 6): unknown key 'deviatr'; expected one of: runs, seed, deviator, behaviour. Did you mean 'deviator'?")
        #expect(parseError(Self.base + "simulation: {runs: 10, seed: 1}\nexpect:\n  - {metric: total_variaton, max: 1}\n")
                .contains("unknown metric 'total_variaton'"))
        #expect(parseError(Self.base + "simulation: {runs: 10, seed: 1}\nexpect:\n  - {metric: deviator_exact_gain, value: 0}\n")
                .contains("needs simulation.deviator"))
        let s = try DerandomizedScenario.parse(Self.base + "simulation: {runs: 10, seed: 1, deviator: {agent: 0, moves: [3]}}\n", file: "s.yaml")
        #expect(throws: ScenarioError.self) { try DerandomizedScenarioRunner.run(s) }
    }

    @Test("the same seed gives the same frequencies and the exact gain of a fixed-move deviator is 0")
    func determinismAndBias() throws {
        let text = Self.base + "simulation: {runs: 3000, seed: 5, deviator: {agent: 1, moves: [1]}}\n"
        let a = try DerandomizedScenarioRunner.run(try DerandomizedScenario.parse(text, file: "s.yaml"))
        let b = try DerandomizedScenarioRunner.run(try DerandomizedScenario.parse(text, file: "s.yaml"))
        #expect(a.frequencies == b.frequencies)
        #expect(a.exactGain == .zero)
        // A lone agent of random serial dictatorship has a one-slot seed space: nothing to steer.
        let solo = """
        domain: derandomized
        title: solo
        mechanism: random-serial-dictator
        method: game-first
        reports: [[0, 1, 2]]
        simulation: {runs: 100, seed: 1, deviator: {agent: 0, moves: [0]}}

        """
        let r = try DerandomizedScenarioRunner.run(try DerandomizedScenario.parse(solo, file: "s.yaml"))
        #expect(r.exactGain == .zero && r.model.moveModuli == [1])
    }
}
