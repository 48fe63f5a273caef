import Solvers
import Testing
import Mechanisms
@testable import Sim

/// The text the CLI prints comes from Sim's report layer; these pin it on hand-computed cases.
@Suite("Report layer: outcome, ratio and audit text")
struct OutcomeReportTests {
    @Test("Random Rank on (0, 1/2, 1): the uniform lottery over the three reports, E[TC] = 4/3, E[MC] = 5/6")
    func randomRankText() throws {
        let p = try FacilityProfile([0, 0.5, 1])
        let text = OutcomeReport.text(RandomRank(), p)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 10)
        #expect(lines[1] == "  location  probability")
        #expect(lines[2] == "  0         0.333333")
        #expect(lines[5] == "expected total cost      1.33333  (optimum 1)")
        #expect(lines[6] == "expected max cost        0.833333  (optimum 0.5)")
        #expect(lines[8] == "agent expected costs     0.5, 0.333333, 0.5")
        #expect(text.hasSuffix("\n"))
    }

    @Test("The median on (0, 1/2, 1): location 1/2 with probability 1, costs 1 and 1/2")
    func medianText() throws {
        let text = OutcomeReport.text(Median(), try FacilityProfile([0, 0.5, 1]))
        #expect(text == """
            Median (left) [median] on 0, 0.5, 1
              location  probability
              0.5       1
            expected total cost      1  (optimum 1)
            expected max cost        0.5  (optimum 0.5)
            expected social welfare  2
            agent expected costs     0.5, 0, 0.5

            """)
    }

    @Test("Worst-case ratio text and JSON: ratio 3/2 at (0, 0, 1/2), the fraction beside the decimal")
    func ratio() {
        var r = WorstCaseRatio.Result(ratio: 1.5, profile: [0, 0, 0.5], profilesChecked: 10, exact: Rational(3, 2))
        #expect(r.text(label: "median", objective: .maxCost, agents: 3, grid: 2) == """
            median · worst max-cost ratio over 10 non-decreasing 3-agent profiles on the grid 1/2: 3/2 = 1.5
              attained at: 0, 0, 0.5
            """)
        #expect(r.json(mechanismID: "median", objective: .maxCost, agents: 3, grid: 2).rendered()
            == #"{"mechanism": "median", "objective": "max-cost", "agents": 3, "grid": 2, "ratio": 1.5, "profile": [0,0,0.5], "profiles_checked": 10, "ratio_exact": "3/2"}"#)
        r.exact = nil
        #expect(r.text(label: "median", objective: .maxCost, agents: 3, grid: 2).hasSuffix("1/2: 1.5 (floating point)\n  attained at: 0, 0, 0.5"))
        #expect(r.json(mechanismID: "median", objective: .maxCost, agents: 3, grid: 2).rendered().hasSuffix(#""ratio_exact": null}"#))
    }

    @Test("the ratio search confirms the exact fraction: Random Rank's total-cost ratio for n = 8 is 2 - 2/8 = 7/4, printed 1.75 (not 1.7499999999999998)")
    func exactRatio() {
        let r = WorstCaseRatio.search(RandomRank(), objective: .totalCost, agents: 8, resolution: 4, threads: 1)
        #expect(r.exact == Rational(7, 4))
        #expect(r.ratio == 1.75)
        #expect(r.json(mechanismID: "random-rank", objective: .totalCost, agents: 8, grid: 4).rendered().contains(#""ratio": 1.75,"#))
        // Uniform Phantom's social-welfare ratio for n = 5 is rho(5) = 20/17.
        #expect(WorstCaseRatio.search(UniformPhantom(), objective: .socialWelfare, agents: 5, resolution: 4, threads: 1).exact == Rational(20, 17))
    }

    @Test("Audit text: one line per field, keys padded to 14 characters")
    func auditText() {
        let result = JSONValue.object([("seed", .integer(2)), ("outcome", .array([.integer(1), .integer(0)]))])
        #expect(DerandomizedAudit.text(result) == "seed           2\noutcome        [1,0]")
        #expect(DerandomizedAudit.text(.integer(3)) == "")
    }
}
