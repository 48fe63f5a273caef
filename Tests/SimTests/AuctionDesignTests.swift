import Mechanisms
import Solvers
import Testing
@testable import Sim

@Suite("Automated design of position auctions")
struct AuctionDesignTests {
    func instance(values: [Double], probabilities: [Double], advertisers: Int, positions: [Double]) throws -> AuctionInstance {
        try AuctionInstance(ctr: [[Double]](repeating: positions, count: advertisers), userModel: .independent, cap: positions.count,
                            values: [ValueDistribution](repeating: .discrete(values: values, probabilities: probabilities), count: advertisers))
    }

    @Test("Myerson (1981): the optimal DSIC, ex-post IR revenue with two bidders valued 1 or 2 (1/2 each) is 3/2 = 2 · P(some value 2)")
    func twoValues() throws {
        let x = try instance(values: [1, 2], probabilities: [0.5, 0.5], advertisers: 2, positions: [1])
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue))
        #expect(r.status == "optimal")
        #expect(r.exact)
        #expect(r.optimum == Rational(3, 2))
        let myerson = try #require(r.myersonRevenue)
        #expect(abs(myerson - 1.5) < 1e-12)
        // Welfare: the higher value always wins, E[max] = 1/4 · 1 + 3/4 · 2 = 7/4.
        let w = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .welfare))
        #expect(w.optimum == Rational(7, 4))
        #expect(w.myersonRevenue == nil)
    }

    @Test("the LP's optimal revenue equals Myerson's on irregular discrete values (ironing), two positions")
    func ironing() throws {
        let x = try instance(values: [1, 2, 3], probabilities: [0.5, 0.1, 0.4], advertisers: 2, positions: [1, 0.5])
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue))
        #expect(r.status == "optimal")
        #expect(r.exact)
        let myerson = try #require(r.myersonRevenue)
        let optimum = try #require(r.optimum)
        #expect(abs(myerson - optimum.doubleValue) < 1e-9, "LP \(optimum) vs Myerson \(myerson)")
    }

    @Test("without individual rationality the revenue is unbounded: an answer, not an error; other axioms are refused by name")
    func unboundedAndRefused() throws {
        let x = try instance(values: [1, 2], probabilities: [0.5, 0.5], advertisers: 2, positions: [1])
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic"], objective: .revenue))
        #expect(r.status == "unbounded")
        do {
            _ = try AuctionDesign.design(.init(instance: x, axioms: ["welfare-optimality"], objective: .revenue))
            Issue.record("welfare-optimality accepted")
        } catch {
            #expect("\(error)".hasPrefix("The axiom 'welfare-optimality' cannot be a constraint"))
        }
    }
}
