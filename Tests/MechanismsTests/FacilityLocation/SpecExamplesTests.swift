import Testing
@testable import Mechanisms

/// The worked examples E1-E12 (docs/reconstructions.md#worked-instances; values checked by exact rational
/// arithmetic): lottery, E[TC], E[MC] and per-agent expected costs.
@Suite("Facility worked examples E1-E12")
struct SpecExamplesTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var profile: [String]
        var mechanism: String
        var lottery: [(String, String)]
        var totalCost: String
        var maxCost: String
        var agentCosts: [String]?
        var description: String { "\(name) \(mechanism)" }
    }

    static let cases: [Case] = [
        Case(name: "E1", profile: ["0", "1"], mechanism: "median", lottery: [("0", "1")], totalCost: "1", maxCost: "1", agentCosts: ["0", "1"]),
        Case(name: "E1", profile: ["0", "1"], mechanism: "uniform-phantom", lottery: [("1/2", "1")], totalCost: "1", maxCost: "1/2", agentCosts: ["1/2", "1/2"]),
        Case(name: "E1", profile: ["0", "1"], mechanism: "random-rank", lottery: [("0", "1/2"), ("1", "1/2")], totalCost: "1", maxCost: "1", agentCosts: ["1/2", "1/2"]),
        Case(name: "E2", profile: ["1/5", "3/5"], mechanism: "uniform-phantom", lottery: [("1/2", "1")], totalCost: "2/5", maxCost: "3/10", agentCosts: ["3/10", "1/10"]),
        Case(name: "E2", profile: ["1/5", "3/5"], mechanism: "average", lottery: [("2/5", "1")], totalCost: "2/5", maxCost: "1/5", agentCosts: ["1/5", "1/5"]),
        Case(name: "E3", profile: ["0", "0", "1"], mechanism: "uniform-phantom", lottery: [("1/3", "1")], totalCost: "4/3", maxCost: "2/3", agentCosts: ["1/3", "1/3", "2/3"]),
        Case(name: "E3", profile: ["0", "0", "1"], mechanism: "midpoint", lottery: [("1/2", "1")], totalCost: "3/2", maxCost: "1/2", agentCosts: ["1/2", "1/2", "1/2"]),
        Case(name: "E3", profile: ["0", "0", "1"], mechanism: "random-rank", lottery: [("0", "2/3"), ("1", "1/3")], totalCost: "4/3", maxCost: "1", agentCosts: ["1/3", "1/3", "2/3"]),
        Case(name: "E4", profile: ["1/10", "1/2", "9/10"], mechanism: "random-rank", lottery: [("1/10", "1/3"), ("1/2", "1/3"), ("9/10", "1/3")], totalCost: "16/15", maxCost: "2/3", agentCosts: ["2/5", "4/15", "2/5"]),
        Case(name: "E5", profile: ["1/10", "1/5", "9/10"], mechanism: "median", lottery: [("1/5", "1")], totalCost: "4/5", maxCost: "7/10", agentCosts: ["1/10", "0", "7/10"]),
        Case(name: "E5", profile: ["1/10", "1/5", "9/10"], mechanism: "uniform-phantom", lottery: [("1/3", "1")], totalCost: "14/15", maxCost: "17/30", agentCosts: ["7/30", "2/15", "17/30"]),
        Case(name: "E5", profile: ["1/10", "1/5", "9/10"], mechanism: "average", lottery: [("2/5", "1")], totalCost: "1", maxCost: "1/2", agentCosts: ["3/10", "1/5", "1/2"]),
        Case(name: "E5", profile: ["1/10", "1/5", "9/10"], mechanism: "random-rank", lottery: [("1/10", "1/3"), ("1/5", "1/3"), ("9/10", "1/3")], totalCost: "16/15", maxCost: "23/30", agentCosts: ["3/10", "4/15", "1/2"]),
        Case(name: "E6", profile: ["0", "0", "0", "1/10"], mechanism: "uniform-phantom", lottery: [("1/10", "1")], totalCost: "3/10", maxCost: "1/10", agentCosts: ["1/10", "1/10", "1/10", "0"]),
        Case(name: "E6", profile: ["0", "0", "0", "1/10"], mechanism: "random-rank", lottery: [("0", "3/4"), ("1/10", "1/4")], totalCost: "3/20", maxCost: "1/10", agentCosts: ["1/40", "1/40", "1/40", "3/40"]),
        Case(name: "E7", profile: ["1/5", "1/5", "7/10", "1"], mechanism: "median", lottery: [("1/5", "1")], totalCost: "13/10", maxCost: "4/5", agentCosts: ["0", "0", "1/2", "4/5"]),
        Case(name: "E7", profile: ["1/5", "1/5", "7/10", "1"], mechanism: "uniform-phantom", lottery: [("1/2", "1")], totalCost: "13/10", maxCost: "1/2", agentCosts: ["3/10", "3/10", "1/5", "1/2"]),
        Case(name: "E7", profile: ["1/5", "1/5", "7/10", "1"], mechanism: "random-rank", lottery: [("1/5", "1/2"), ("7/10", "1/4"), ("1", "1/4")], totalCost: "29/20", maxCost: "29/40", agentCosts: ["13/40", "13/40", "13/40", "19/40"]),
        Case(name: "E8", profile: ["0", "1/10", "3/10", "3/5", "1"], mechanism: "uniform-phantom", lottery: [("2/5", "1")], totalCost: "8/5", maxCost: "3/5", agentCosts: ["2/5", "3/10", "1/10", "1/5", "3/5"]),
        Case(name: "E8", profile: ["0", "1/10", "3/10", "3/5", "1"], mechanism: "random-rank", lottery: [("0", "1/5"), ("1/10", "1/5"), ("3/10", "1/5"), ("3/5", "1/5"), ("1", "1/5")], totalCost: "2", maxCost: "21/25", agentCosts: ["2/5", "17/50", "3/10", "9/25", "3/5"]),
        Case(name: "E9", profile: ["0", "0", "0", "1", "1"], mechanism: "uniform-phantom", lottery: [("2/5", "1")], totalCost: "12/5", maxCost: "3/5", agentCosts: nil),
        Case(name: "E9", profile: ["0", "0", "0", "1", "1"], mechanism: "random-rank", lottery: [("0", "3/5"), ("1", "2/5")], totalCost: "12/5", maxCost: "1", agentCosts: nil),
        Case(name: "E10", profile: ["3/10", "3/10", "3/10", "3/10", "3/10"], mechanism: "random-rank", lottery: [("3/10", "1")], totalCost: "0", maxCost: "0", agentCosts: ["0", "0", "0", "0", "0"]),
        Case(name: "E11", profile: ["1/5", "1/5", "4/5"], mechanism: "uniform-phantom", lottery: [("1/3", "1")], totalCost: "11/15", maxCost: "7/15", agentCosts: nil),
        Case(name: "E11", profile: ["1/5", "1/5", "4/5"], mechanism: "average", lottery: [("2/5", "1")], totalCost: "4/5", maxCost: "2/5", agentCosts: nil),
    ]

    @Test("lottery, expected costs and per-agent costs", arguments: cases)
    func example(_ c: Case) throws {
        let m = try MechanismRegistry.standard.makeFacilityLocation(c.mechanism)
        let p = FacilityProfile(trusted: c.profile.map(q))
        let lottery = m.lottery(for: p)
        #expect(sameLottery(lottery, c.lottery), "\(lottery.entries)")
        let costs = m.expectedCosts(for: p)
        #expect(near(costs.total, q(c.totalCost)), "E[TC] \(costs.total)")
        #expect(near(costs.maximum, q(c.maxCost)), "E[MC] \(costs.maximum)")
        if let expected = c.agentCosts {
            let got = m.agentExpectedCosts(for: p)
            #expect(zip(got, expected.map(q)).allSatisfy { near($0, $1) }, "\(got)")
        }
    }
}
