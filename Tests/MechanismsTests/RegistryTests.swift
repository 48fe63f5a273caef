import Testing
@testable import Mechanisms

@Suite("Mechanism registry")
struct RegistryTests {
    @Test("ids are unique, sorted and kebab-case")
    func ids() {
        let ids = MechanismRegistry.ids
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id)")
            #expect(!id.hasPrefix("-") && !id.hasSuffix("-"))
        }
    }

    @Test("the registered list is the expected one (an accidental removal fails here)")
    func list() {
        #expect(MechanismRegistry.ids == [
            "average", "average-or-random-rank", "best-effort-profile", "cascade-greedy", "cascade-surrogate",
            "deferred-acceptance-lottery", "derandomized-deferred-acceptance-lottery",
            "derandomized-exact-dollar-partition", "derandomized-lrm", "derandomized-partition",
            "derandomized-probabilistic-serial", "derandomized-random-dictator", "derandomized-random-priority",
            "derandomized-random-rank", "derandomized-random-serial-dictator", "derandomized-randomized-nisan-ronen",
            "exact-dollar-partition", "ggtm", "gsp", "leftmost", "linucb", "lrm", "median", "midpoint", "myerson",
            "optgtm", "optimal-correlated-mechanism", "optimal-ic-mechanism", "optimal-uncorrelated-mechanism",
            "oracle", "order-statistic", "partition", "phantom", "probabilistic-serial", "random-dictator",
            "random-dictatorship", "random-priority", "random-rank", "random-serial-dictator",
            "randomized-nisan-ronen", "rightmost", "ucb-mean", "ucb-s", "ucb-utility", "uniform-phantom", "vcg",
            "vcg-reserve",
        ])
    }

    @Test("every entry builds with default parameters, has a paper, claims and a matching id")
    func entries() throws {
        for e in MechanismRegistry.all {
            let m = try e.make()
            #expect(m.descriptor.id == e.descriptor.id)
            #expect(!e.descriptor.references.isEmpty)
            #expect(!e.descriptor.claims.isEmpty)
            switch e.descriptor.domain {
            case .facilityLocation: #expect(m is any FacilityLocationMechanism)
            case .positionAuctions: #expect(m is any PositionAuctionMechanism)
            case .informationAcquisition: #expect(m is any InformationAcquisitionMechanism)
            case .strategicBandits: #expect(m is any ClickBanditMechanism || m is any LinearBanditMechanism)
            case .voting: #expect(m is any VotingMechanism)
            case .resourceAllocation: #expect(m is any AllocationMechanism)
            case .schoolChoice: #expect(m is any SchoolChoiceMechanism)
            case .peerSelection: #expect(m is any PeerSelectionMechanism)
            case .taskAllocation: #expect(m is any TaskAllocationMechanism)
            case .derandomized: #expect(m is any DerandomizedMechanismProtocol)
            }
        }
    }

    @Test("unknown ids and parameters are errors with a suggestion")
    func errors() {
        do {
            _ = try MechanismRegistry.make("random-rnak")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "Unknown mechanism 'random-rnak'. Did you mean 'random-rank'? (see 'mechsim list mechanisms')")
        }
        do {
            _ = try MechanismRegistry.make("order-statistic", ParameterValues(["kk": 2]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "Mechanism 'order-statistic' has no parameter 'kk'. Did you mean 'k'? (it takes: k)")
        }
        #expect(throws: MechanismError.self) { try MechanismRegistry.make("order-statistic", ParameterValues(["k": 1.5])) }
        #expect(throws: MechanismError.self) { try MechanismRegistry.make("order-statistic", ParameterValues(["k": 0])) }
        #expect(throws: MechanismError.self) { try MechanismRegistry.make("median", ParameterValues(["k": 1])) }
    }

    @Test("lotteries reject bad probabilities and merge equal locations")
    func lotteries() throws {
        #expect(throws: LotteryError.self) { try Lottery<Double>(locations: [(0.1, 0.5), (0.2, 0.4)]) }
        #expect(throws: LotteryError.self) { try Lottery<Double>(locations: [(0.1, -0.5), (0.2, 1.5)]) }
        #expect(throws: LotteryError.self) { try Lottery<Double>(locations: [(.nan, 1)]) }
        let l = try Lottery<Double>(locations: [(0.7, 0.25), (0.2, 0.5), (0.7, 0.25)])
        #expect(l.entries.map(\.outcome) == [0.2, 0.7])
        #expect(l.entries.map(\.probability) == [0.5, 0.5])
    }
}
