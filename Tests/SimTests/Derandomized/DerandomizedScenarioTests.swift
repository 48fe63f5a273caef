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

    @Test("biased-to-zero moves (V-1): exact 5/12, 7/24, 7/24 beside the lottery; voter 0 gains 1/4 against uniform play and 1/8 against biased play")
    func biasedReference() throws {
        let text = Self.base + "simulation: {runs: 4000, seed: 15, behaviour: biased-to-zero, deviator: {agent: 0, moves: [0]}}\n"
        let r = try DerandomizedScenarioRunner.run(try DerandomizedScenario.parse(text, file: "s.yaml"))
        // Outcome s (voter s dictates its top, which is s): one move is 0 w.p. 1/2 + 1/6 = 2/3 and
        // 1, 2 w.p. 1/6 each, so its DFT coefficient is 1/2 and the sum of three has
        // P(0) = 1/3 + (2/3)(1/8) = 5/12, P(1) = P(2) = 1/3 - (1/3)(1/8) = 7/24.
        #expect(r.model.probabilities == [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
        #expect(r.behaviourDistribution == [Rational(5, 12), Rational(7, 24), Rational(7, 24)])
        // Voter 0's Borda utilities 2, 1, 0: lottery 1; all biased 2·5/12 + 7/24 = 9/8; playing 0
        // against two biased others (their total is 0 w.p. 1/2) 2·1/2 + 1/4 = 5/4.
        #expect(r.exactGain == Rational(1, 4))
        #expect(r.exactGainVersusBehaviour == Rational(1, 8))
        let metric = Dictionary(uniqueKeysWithValues: r.metrics)
        #expect(metric["deviator_exact_gain_vs_behaviour"] == 0.125)
        // Two independent simulations of 4,000 plays: the empirical gain is within 4 standard
        // errors (sd of utility <= 1, so se <= sqrt(2/4000) = 0.022) of 1/8.
        #expect(abs(metric["deviator_empirical_gain_vs_behaviour"]! - 0.125) < 0.09)
        #expect(metric["behaviour_total_variation"]! < 0.04)
        let report = DerandomizedReport.text(r)
        #expect(report.contains("  outcome  lottery (uniform moves)  exact (biased-to-zero moves)  empirical\n  0        1/3                      5/12"), "\(report)")
        #expect(report.contains("  deviator_exact_gain_vs_behaviour     0.125\n"), "\(report)")
        #expect(report.contains("deviator exact gain against uniform play (the lottery), fraction: 1/4\n"))
        #expect(report.contains("deviator exact gain against biased-to-zero play like the others, fraction: 1/8\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(DerandomizedReport.json([r]).utf8)) as? [[String: Any]])
        let outcomes = try #require(json[0]["outcomes"] as? [[String: Any]])
        #expect(outcomes.map { $0["exact"] as? String } == ["1/3", "1/3", "1/3"])
        #expect(outcomes.map { $0["lottery"] as? String } == ["1/3", "1/3", "1/3"])
        #expect(outcomes.map { $0["exact_behaviour"] as? String } == ["5/12", "7/24", "7/24"])
        #expect(json[0]["deviator_exact_gain_fraction"] as? String == "1/4")
        #expect(json[0]["deviator_exact_gain_vs_behaviour_fraction"] as? String == "1/8")
        // Under uniform moves the two references coincide and the table keeps one exact column.
        let plain = try DerandomizedScenarioRunner.run(try DerandomizedScenario.parse(
            Self.base + "simulation: {runs: 1000, seed: 15, deviator: {agent: 0, moves: [0]}}\n", file: "s.yaml"))
        #expect(plain.behaviourDistribution == plain.model.probabilities)
        #expect(plain.exactGain == .zero && plain.exactGainVersusBehaviour == .zero)
        #expect(DerandomizedReport.text(plain).contains("  outcome  exact  empirical\n"))
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
