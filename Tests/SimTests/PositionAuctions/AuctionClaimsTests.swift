import Mechanisms
import Sim
import Testing

/// Every claim of every registered position-auction mechanism, checked on the spec's worked
/// instances and 25 seeded random instances per user model: "satisfies" must find no
/// violation at any misreport of the grid (with every payment threshold ± 1e-6), "violates" must
/// return a witness.
@Suite("Position auctions: the claims of every mechanism")
struct AuctionClaimsTests {
    static let mechanisms = MechanismRegistry.all.filter { $0.descriptor.domain == .positionAuctions }.map(\.descriptor.id)

    @Test("each claim holds on the battery", arguments: mechanisms)
    func claims(id: String) throws {
        let m = try MechanismRegistry.makePositionAuction(id)
        let battery = AuctionBattery.standard(for: m)
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
        let battery = AuctionBattery.workedInstances()
        #expect(AuctionAxioms.check(HalfVCG(), axiom: "payment-identity", battery: battery).witness != nil)
        #expect(AuctionAxioms.check(HalfVCG(), axiom: "dsic", battery: battery).witness != nil)
        #expect(AuctionAxioms.check(HalfVCG(), axiom: "individual-rationality", battery: battery).witness == nil)
    }
}
