import Mechanisms
import Sim
import Testing

/// Every claim of every registered position-auction mechanism, checked on the worked
/// instances EX1-EX9 and 25 seeded random instances per user model: "satisfies" must find no
/// violation at any misreport of the grid (with every payment threshold ± 1e-6), "violates" must
/// return a witness.
@Suite("Position auctions: the claims of every mechanism")
struct AuctionClaimsTests {
    static let mechanisms = MechanismRegistry.all.filter { $0.descriptor.domain == .positionAuctions }.map(\.descriptor.id)

    @Test("each claim holds on the battery", arguments: mechanisms)
    func claims(id: String) throws {
        let m = try MechanismRegistry.makePositionAuction(id)
        let battery = try AuctionBattery.standard(for: m)
        #expect(!m.descriptor.claims.isEmpty)
        for claim in m.descriptor.claims {
            let verdict = AuctionAxioms.check(m, axiom: claim.axiom, battery: battery)
            switch claim.verdict {
            case .satisfies:
                #expect(verdict.id == "no-violation-found", "\(id) \(claim.axiom): \(String(describing: verdict))")
            case .violates:
                #expect(verdict.witness != nil, "\(id) \(claim.axiom): \(verdict)")
            }
        }
    }

    @Test("GSP's manipulation is found on EX1 with v1 = 0.75 and its gain is exact")
    func gspWitness() throws {
        let x = try AuctionInstance.separable(alpha: [1, 1, 1], beta: [0.5, 0.2], cap: 2)
        var deviations = 0
        let w = try #require(try AuctionAxioms.check(GSP(), axiom: "dsic", instance: x, values: [0.75, 0.7, 0.4], deviations: &deviations))
        #expect(w.advertiser == 0)
        #expect(abs(w.required - 0.025) < 1e-12)
        // The best deviation drops to position B: utility 0.2 (0.75 - 0.4) = 0.07.
        #expect(w.found > 0.025)
        #expect(w.misreport! < 0.7 && w.misreport! >= 0.4 - 1e-6)
    }

    @Test("a broken payment rule is caught: VCG payments halved violate DSIC and the payment identity")
    func brokenPayments() throws {
        struct HalfVCG: PositionAuctionMechanism {
            var descriptor: MechanismDescriptor { VCG.descriptor }
            func outcome(_ x: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
                var o = try VCG().outcome(x, bids: bids)
                o.payments = o.payments.map { $0 / 2 }
                return o
            }
        }
        let battery = try AuctionBattery.workedInstances()
        #expect(AuctionAxioms.check(HalfVCG(), axiom: "payment-identity", battery: battery).witness != nil)
        #expect(AuctionAxioms.check(HalfVCG(), axiom: "dsic", battery: battery).witness != nil)
        #expect(AuctionAxioms.check(HalfVCG(), axiom: "individual-rationality", battery: battery).witness == nil)
    }
}

@Suite("Position auctions: approximate cascade rules and monotonicity")
struct ApproximateRuleTests {
    @Test("greedy is not monotone: the witness is exact and threshold payments are refused")
    func greedyRefused() throws {
        let (x, v) = try AuctionBattery.greedyNonMonotone()
        var deviations = 0
        let w = try #require(try AuctionAxioms.check(CascadeGreedy(), axiom: "monotone-click-probabilities", instance: x, values: v, deviations: &deviations))
        #expect(w.advertiser == 0)
        #expect(abs(w.required - 0.7) < 1e-12 && abs(w.found - 0.7 * 0.35) < 1e-12)
        // The jump sits where 0.7 z = 0.45 · 0.95, i.e. z = 0.6107...
        #expect(abs(w.misreport! - 0.4275 / 0.7) < 1e-9)
        var bids = v
        bids[0] = 0.63
        #expect(throws: AuctionError.self) { try CascadeGreedy().outcome(x, bids: bids) }
        // Below the jump the payments exist.
        bids[0] = 0.6
        #expect(try CascadeGreedy().outcome(x, bids: bids).payments[0] >= 0)
    }

    @Test("the additive surrogate is not monotone either: the witness is exact (bid 0.2445, 0.1702 to 0.094)")
    func surrogateWitness() throws {
        let (x, v) = try AuctionBattery.surrogateNonMonotone()
        var deviations = 0
        let w = try #require(try AuctionAxioms.check(CascadeSurrogate(), axiom: "monotone-click-probabilities", instance: x, values: v, deviations: &deviations))
        #expect(w.advertiser == 2)
        #expect(abs(w.required - 0.74 * 0.23) < 1e-12 && abs(w.found - 0.94 * 0.1) < 1e-12)
        // The additive values 0.4294 + 0.74 z and 0.3805 + 0.94 z meet at z = 0.0489 / 0.2.
        #expect(abs(w.misreport! - 0.0489 / 0.2) < 1e-9)
    }

    @Test("ties between optimal matchings are broken canonically, not by the Hungarian method's path")
    func canonicalTies() throws {
        // The Hungarian method's own tie-breaking moved with advertiser 2's bid here and made its
        // click probability fall from 0.9 to 0.63 between two bids with the same tie.
        let x = try AuctionInstance(ctr: [[0.15, 0.2, 0.3], [0.8, 0.95, 0.95], [0.9, 0, 0.75], [0.55, 0.75, 0.7]],
                                    userModel: .cascade(continuation: nil), cap: 2)
        let low = try CascadeSurrogate().allocation(x, bids: [0.95, 0.3, 0.371875, 0.3]).clickProbabilities[2]
        let high = try CascadeSurrogate().allocation(x, bids: [0.95, 0.3, 0.38515625, 0.3]).clickProbabilities[2]
        #expect(high >= low)
    }
}
