import Testing
@testable import Mechanisms

@Suite("Mechanism registry")
struct RegistryTests {
    @Test("ids are unique, sorted and kebab-case")
    func ids() {
        let ids = MechanismRegistry.standard.ids
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id)")
            #expect(!id.hasPrefix("-") && !id.hasSuffix("-"))
        }
    }

    @Test("the registered list is the expected one (an accidental removal fails here)")
    func list() {
        #expect(MechanismRegistry.standard.ids == [
            "average", "average-or-random-rank", "best-effort-profile", "cascade-greedy", "cascade-surrogate",
            "deferred-acceptance-lottery", "derandomized-deferred-acceptance-lottery",
            "derandomized-exact-dollar-partition", "derandomized-lrm", "derandomized-partition",
            "derandomized-probabilistic-serial", "derandomized-random-dictator", "derandomized-random-priority",
            "derandomized-random-rank", "derandomized-random-serial-dictator", "derandomized-randomized-nisan-ronen",
            "exact-dollar-partition", "ggtm", "gsp", "leftmost", "linucb", "lrm", "median", "midpoint", "myerson",
            "optgtm", "optimal-correlated-mechanism", "optimal-ic-mechanism", "optimal-uncorrelated-mechanism",
            "oracle", "order-statistic", "partition", "phantom", "probabilistic-serial", "random-dictator",
            "random-dictatorship", "random-pair-majority", "random-priority", "random-rank", "random-serial-dictator",
            "randomized-nisan-ronen", "rightmost", "ucb-mean", "ucb-s", "ucb-utility", "uniform-phantom", "vcg",
            "vcg-reserve",
        ])
    }

    @Test("every entry builds with default parameters, has a paper, claims and a matching id")
    func entries() throws {
        for e in MechanismRegistry.standard.all {
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
            _ = try MechanismRegistry.standard.make("random-rnak")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "Unknown mechanism 'random-rnak'. Did you mean 'random-rank'? (see 'mechsim list mechanisms')")
        }
        do {
            _ = try MechanismRegistry.standard.make("order-statistic", ParameterValues(["kk": 2]))
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "Mechanism 'order-statistic' has no parameter 'kk'. Did you mean 'k'? (it takes: k)")
        }
        #expect(throws: MechanismError.self) { try MechanismRegistry.standard.make("order-statistic", ParameterValues(["k": 1.5])) }
        #expect(throws: MechanismError.self) { try MechanismRegistry.standard.make("order-statistic", ParameterValues(["k": 0])) }
        #expect(throws: MechanismError.self) { try MechanismRegistry.standard.make("median", ParameterValues(["k": 1])) }
    }

    /// A mechanism a library user defines: the reports' median clamped to [1/4, 3/4].
    struct ClampedMedian: DeterministicFacilityMechanism {
        static let descriptor = MechanismDescriptor(
            id: "clamped-median", name: "Clamped median", domain: .facilityLocation,
            summary: "The median clamped to [1/4, 3/4].", isRandomized: false,
            references: [PaperReference(authors: ["A. User"], title: "Notes", year: 2026)],
            claims: [Claim("strategyproofness", .satisfies, source: "a phantom median")])
        var descriptor: MechanismDescriptor { Self.descriptor }
        func location(for profile: FacilityProfile) -> Double {
            min(max(Median().location(for: profile), 0.25), 0.75)
        }
    }

    @Test("a registered mechanism is found by id, kept in id order, and leaves the standard registry alone")
    func register() throws {
        var r = MechanismRegistry.standard
        try r.register(MechanismEntry(ClampedMedian.descriptor) { _ in ClampedMedian() })
        #expect(r.ids.count == MechanismRegistry.standard.ids.count + 1)
        #expect(r.ids == r.ids.sorted())
        #expect(r.ids[r.ids.firstIndex(of: "clamped-median")! - 1] == "cascade-surrogate")
        #expect(!MechanismRegistry.standard.ids.contains("clamped-median"))
        let m = try r.makeFacilityLocation("clamped-median")
        #expect(m.expectedLocation(for: try FacilityProfile([0, 0.1, 0.2])) == 0.25)
        #expect(throws: MechanismError.wrongDomain(mechanism: "clamped-median", expected: .positionAuctions)) {
            try r.makePositionAuction("clamped-median")
        }
        // The standard registry does not know it, and suggests nothing far-fetched.
        #expect(throws: MechanismError.self) { try MechanismRegistry.standard.make("clamped-median") }
    }

    @Test("registering a taken id is an error naming the id")
    func duplicate() throws {
        var r = MechanismRegistry.standard
        do {
            try r.register(MechanismEntry(Median.descriptor) { _ in ClampedMedian() })
            Issue.record("expected an error")
        } catch {
            #expect(error == .duplicateMechanism(id: "median"))
            #expect(error.description == "A mechanism with id 'median' is already registered; give the new one another id.")
        }
        #expect(r.ids == MechanismRegistry.standard.ids)
        let entry = MechanismEntry(ClampedMedian.descriptor) { _ in ClampedMedian() }
        #expect(throws: MechanismError.duplicateMechanism(id: "clamped-median")) { try MechanismRegistry([entry, entry]) }
        let own = try MechanismRegistry([entry, MechanismRegistry.standard.entry("median")])
        #expect(own.ids == ["clamped-median", "median"])
        #expect(MechanismRegistry().ids.isEmpty)
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
