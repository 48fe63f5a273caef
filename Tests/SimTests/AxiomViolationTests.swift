import Foundation
import Mechanisms
import Solvers
import Testing
@testable import Sim

/// Every axiom of the registry can fire: for each (domain, id) of `AxiomRegistry.entries`, a
/// registered mechanism or a small fixture on which the checker returns `violated`, with the
/// witness computed by hand. An axiom added to the registry without a case here fails
/// `everyAxiomHasAViolatingCase`.
@Suite("Every axiom has a violating case with its exact witness")
struct AxiomViolationTests {
    typealias ViolationCase = @Sendable () throws -> Void

    static func key(_ domain: Domain, _ id: String) -> String { "\(domain.rawValue)/\(id)" }

    @Test("every registered axiom has a violating case, and every case names a registered axiom")
    func everyAxiomHasAViolatingCase() {
        let registered = Set(AxiomRegistry.entries.map { Self.key($0.domain, $0.id) })
        #expect(registered.count == 38)
        for k in registered.sorted() { #expect(Self.cases[k] != nil, "axiom \(k) has no violating case") }
        for k in Self.cases.keys.sorted() { #expect(registered.contains(k), "case \(k) names no registered axiom") }
    }

    @Test("the axiom is violated with the hand-computed witness", arguments: cases.keys.sorted())
    func violated(_ key: String) throws {
        let check = try #require(Self.cases[key])
        try check()
    }

    static let cases: [String: ViolationCase] = facilityCases
        .merging(auctionCases) { a, _ in a }
        .merging(acquisitionCases) { a, _ in a }
        .merging(derandomizedCases) { a, _ in a }
        .merging(banditCases) { a, _ in a }
        .merging(votingCases) { a, _ in a }

    // MARK: facility location

    /// The facility witness of `axiom` on the 5^3 grid (agents 3, resolution 4), shrunk.
    static func facility(_ m: any FacilityLocationMechanism, _ axiom: String) throws -> FacilityWitness {
        let space = SearchSpace.grid(agents: 3, resolution: 4)
        let r = try AxiomChecker.check(m, against: try AxiomRegistry.axiom(axiom), over: space)
        guard case .violated(.facility(let w), let checked, _) = r.verdict.verdict(in: space) else {
            throw CaseFailure("\(axiom) on \(m.label): expected violated, got \(r.verdict.id)")
        }
        #expect(checked.exhaustive && checked.count == 125)
        #expect(w.axiom == axiom)
        return w
    }

    /// Median of (0, 1) is the left median 0: agent 1 is at distance 1.
    static func medianAtZero(_ axiom: String, agent: Int?) -> ViolationCase {
        {
            let w = try facility(Median(), axiom)
            #expect(w.profile == [0, 1] && w.agent == agent && w.misreport == nil)
            #expect(w.truthfulOutcome == Lottery(certain: 0))
        }
    }

    /// Midpoint of (0, 1/2) is 1/4; agent 1 at 1/2 reports 1 and moves it to 1/2: gain 1/4.
    static func midpointManipulation(_ axiom: String, component: String?) -> ViolationCase {
        {
            let w = try facility(Midpoint(), axiom)
            #expect(w.profile == [0, 0.5] && w.agent == 1 && w.misreport == 1)
            #expect(w.truthfulOutcome == Lottery(certain: 0.25) && w.manipulatedOutcome == Lottery(certain: 0.5))
            #expect(w.truthfulCost == 0.25 && w.manipulatedCost == 0 && w.gain == 0.25)
            #expect(w.component == component)
        }
    }

    static let facilityCases: [String: ViolationCase] = [
        // Agent 0 dictates: (1, 0) gives 1, its sorted permutation (0, 1) gives 0.
        key(.facilityLocation, "anonymity"): {
            let w = try facility(FirstDictator(), "anonymity")
            #expect(w.profile == [1, 0] && w.permutedProfile == [0, 1])
            #expect(w.truthfulOutcome == Lottery(certain: 1) && w.manipulatedOutcome == Lottery(certain: 0))
        },
        // A step at 1/2: agent 0 at 1/2 moved down by 1e-7 jumps the facility from 1 to 0.
        key(.facilityLocation, "continuity"): {
            let w = try facility(StepAtHalf(), "continuity")
            #expect(w.profile == [0.5] && w.agent == 0 && w.misreport == 0.5 - Continuity.step)
            #expect(w.truthfulOutcome == Lottery(certain: 1) && w.manipulatedOutcome == Lottery(certain: 0))
        },
        key(.facilityLocation, "individual-fair-share"): medianAtZero("individual-fair-share", agent: 1),
        key(.facilityLocation, "individual-fair-share-in-expectation"): medianAtZero("individual-fair-share-in-expectation", agent: 1),
        // Everybody at 0 and the facility at 1/2: moving it to 0 helps every agent.
        key(.facilityLocation, "pareto-efficiency"): {
            let w = try facility(ConstantHalf(), "pareto-efficiency")
            #expect(w.profile == [0] && w.truthfulOutcome == Lottery(certain: 0.5))
        },
        // One of two agents at 1: proportionality asks for 1/2, the median gives 0.
        key(.facilityLocation, "proportionality"): medianAtZero("proportionality", agent: nil),
        key(.facilityLocation, "proportionality-in-expectation"): medianAtZero("proportionality-in-expectation", agent: nil),
        key(.facilityLocation, "proportional-fairness"): medianAtZero("proportional-fairness", agent: 1),
        key(.facilityLocation, "proportional-fairness-in-expectation"): medianAtZero("proportional-fairness-in-expectation", agent: 1),
        key(.facilityLocation, "strategyproofness"): midpointManipulation("strategyproofness", component: nil),
        key(.facilityLocation, "strategyproofness-in-expectation"): midpointManipulation("strategyproofness-in-expectation", component: nil),
        // (0, 0): agent 0 raising its report to 1 leaves the left median of (1, 0) at 0.
        key(.facilityLocation, "strict-monotonicity"): {
            let w = try facility(Median(), "strict-monotonicity")
            #expect(w.profile == [0, 0] && w.agent == 0 && w.misreport == 1)
            #expect(w.truthfulOutcome == Lottery(certain: 0) && w.manipulatedOutcome == Lottery(certain: 0))
        },
        // The agent at 0 bears cost 0, the agent at 1 bears 1.
        key(.facilityLocation, "strong-proportionality"): medianAtZero("strong-proportionality", agent: nil),
        key(.facilityLocation, "strong-proportionality-in-expectation"): medianAtZero("strong-proportionality-in-expectation", agent: nil),
        // One agent at 0, a constant facility at 1/2.
        key(.facilityLocation, "unanimity"): {
            let w = try facility(ConstantHalf(), "unanimity")
            #expect(w.profile == [0] && w.truthfulOutcome == Lottery(certain: 0.5))
        },
        key(.facilityLocation, "unanimous-fair-share"): medianAtZero("unanimous-fair-share", agent: 1),
        key(.facilityLocation, "unanimous-fair-share-in-expectation"): medianAtZero("unanimous-fair-share-in-expectation", agent: 1),
        // Random dictatorship's component "agent 0 dictates" gives 1 at (1, 0) and 0 at (0, 1).
        key(.facilityLocation, "universal-anonymity"): {
            let w = try facility(RandomDictatorship(), "universal-anonymity")
            #expect(w.profile == [1, 0] && w.permutedProfile == [0, 1])
            #expect(w.truthfulOutcome == Lottery(certain: 1) && w.manipulatedOutcome == Lottery(certain: 0))
            #expect(w.component == "dictatorship(agent=0)")
        },
        key(.facilityLocation, "universal-truthfulness"): midpointManipulation("universal-truthfulness", component: "midpoint"),
    ]

    // MARK: position auctions

    /// EX1 with v1 = 0.75: beta = (1/2, 1/5), identical qualities, values (0.75, 0.7, 0.4).
    static func ex1(values: [Double] = [0.75, 0.7, 0.4]) throws -> (AuctionInstance, [Double]) {
        (try AuctionInstance.separable(alpha: [1, 1, 1], beta: [0.5, 0.2], cap: 2), values)
    }

    static func auction(_ m: any PositionAuctionMechanism, _ axiom: String, _ battery: (AuctionInstance, [Double])) throws -> AuctionWitness {
        let v = AuctionAxioms.check(m, axiom: axiom, battery: [battery]).verdict(space: CheckedSpace("EX1", exhaustive: false), tolerance: 1e-9)
        guard case .violated(.auction(let w), _, _) = v else { throw CaseFailure("\(axiom) on \(m.label): expected violated, got \(v.id)") }
        #expect(w.axiom == axiom)
        return w
    }

    static let auctionCases: [String: ViolationCase] = [
        // GSP: truthful, slot A at 0.7 per click, 0.5 (0.75 - 0.7) = 0.025; bidding 0.4, slot B
        // at 0.4 per click, 0.2 (0.75 - 0.4) = 0.07.
        key(.positionAuctions, AuctionAxiomID.dsic): {
            let w = try auction(GSP(), AuctionAxiomID.dsic, try ex1())
            #expect(w.advertiser == 0 && w.misreport == 0.4)
            #expect(near(w.required, 0.025) && near(w.found, 0.07))
        },
        // VCG plus an entry fee of 0.1: advertiser 0 pays 0.29 + 0.1 for 0.5 x 0.75 = 0.375.
        key(.positionAuctions, AuctionAxiomID.individualRationality): {
            let w = try auction(EntryFeeVCG(), AuctionAxiomID.individualRationality, try ex1())
            #expect(w.advertiser == 0 && w.misreport == nil)
            #expect(w.required == 0 && near(w.found, 0.375 - 0.39))
        },
        // The entry fee is charged to advertiser 2, who is not shown.
        key(.positionAuctions, AuctionAxiomID.noPositiveTransfers): {
            let w = try auction(EntryFeeVCG(), AuctionAxiomID.noPositiveTransfers, try ex1())
            #expect(w.advertiser == 2 && w.required == 0 && near(w.found, 0.1))
        },
        // Greedy on the cascade: advertiser 0's click probability falls from 0.7 to 0.7 x 0.35
        // where 0.7 z = 0.45 x 0.95.
        key(.positionAuctions, AuctionAxiomID.monotoneClicks): {
            let w = try auction(CascadeGreedy(), AuctionAxiomID.monotoneClicks, try AuctionBattery.greedyNonMonotone())
            #expect(w.advertiser == 0)
            #expect(near(w.required, 0.7) && near(w.found, 0.7 * 0.35))
            #expect(abs((w.misreport ?? 0) - 0.4275 / 0.7) < 1e-9)
        },
        // A reserve of 0.5 excludes the bid 0.4: welfare 0.5 x 0.75 = 0.375 against the optimum
        // 0.375 + 0.2 x 0.4 = 0.455.
        key(.positionAuctions, AuctionAxiomID.welfareOptimality): {
            let w = try auction(try VCGReserve(reserve: 0.5), AuctionAxiomID.welfareOptimality, try ex1(values: [0.75, 0.4, 0.3]))
            #expect(w.advertiser == -1 && near(w.required, 0.455) && near(w.found, 0.375))
        },
        // GSP charges advertiser 0 the next bid, 0.5 x 0.7 = 0.35; the payment identity gives
        // 0.75 x 0.5 - (0.2 (0.7 - 0.4) + 0.5 (0.75 - 0.7)) = 0.29, VCG's price.
        key(.positionAuctions, AuctionAxiomID.paymentIdentity): {
            let w = try auction(GSP(), AuctionAxiomID.paymentIdentity, try ex1())
            #expect(w.advertiser == 0 && abs(w.required - 0.29) < 1e-8 && near(w.found, 0.35))
        },
    ]

    // MARK: information acquisition

    /// A1 (one agent, cost 0.1 to work, M = 1) with work recommended and every payment zero.
    static func unpaidWork() throws -> (HiringInstance, CorrelatedMechanism, Int) {
        let I = try IncentiveCheckerTests.hiring("A1")
        var m = CorrelatedMechanism(zeroFor: I)
        let work = I.efforts.index([1])
        m.recommendation[work] = 1
        return (I, m, work)
    }

    static func acquisition(_ I: HiringInstance, _ m: CorrelatedMechanism, _ axiom: InformationAcquisitionAxiom) throws -> InformationAcquisitionWitness {
        let v = HiringIncentiveChecker.check(m, on: I).verdict(axiom, space: CheckedSpace("A1", exhaustive: true), cap: I.paymentCap)
        guard case .violated(.informationAcquisition(let w), _, _) = v else { throw CaseFailure("\(axiom.id): expected violated, got \(v.id)") }
        return w
    }

    static let acquisitionCases: [String: ViolationCase] = [
        // A2's natural payments scaled by 0.99: the agent told to work gains 2.0e-5 by shirking.
        key(.informationAcquisition, "incentive-compatibility"): {
            let I = try IncentiveCheckerTests.hiring("A2")
            let v = HiringIncentiveChecker.check(IncentiveCheckerTests.scaledA2(I, scale: 0.99), on: I)
                .verdict(.incentiveCompatibility, space: CheckedSpace("A2", exhaustive: true), cap: I.paymentCap)
            guard case .violated(.informationAcquisition(.hiringDeviation(let d)), _, _) = v else { throw CaseFailure("expected a deviation, got \(v.id)") }
            #expect(d.recommended == 1 && d.effort == 0 && near(d.gain, 2.0e-5))
        },
        // Unpaid work: the obedient agent pays its cost 0.1 and earns nothing.
        key(.informationAcquisition, "individual-rationality"): {
            let (I, m, _) = try unpaidWork()
            guard case .participation(let p) = try acquisition(I, m, .individualRationality) else { throw CaseFailure("expected a participation witness") }
            #expect(p.agent == 0 && p.recommended == 1 && near(p.utility, -0.1))
        },
        // A payment of -0.5 on (work, signal 1, state 1) is below 0.
        key(.informationAcquisition, "limited-liability"): {
            let (I, mechanism, work) = try unpaidWork()
            var m = mechanism
            m.payments[0][CorrelatedMechanism.paymentIndex(I, efforts: work, signals: 1, state: 1)] = -0.5
            #expect(try acquisition(I, m, .limitedLiability) == .payment(agent: 0, efforts: work, signals: 1, state: 1, payment: -0.5, bound: 0))
        },
        // A payment of 1.5 on (work, signal 1, state 1) is above the cap M = 1.
        key(.informationAcquisition, "payment-cap"): {
            let (I, mechanism, work) = try unpaidWork()
            var m = mechanism
            m.payments[0][CorrelatedMechanism.paymentIndex(I, efforts: work, signals: 1, state: 1)] = 1.5
            #expect(try acquisition(I, m, .paymentCap) == .payment(agent: 0, efforts: work, signals: 1, state: 1, payment: 1.5, bound: 1))
        },
    ]

    // MARK: voting

    /// The voting rule `rule` on every profile of 2 (or `voters`) voters and 3 candidates.
    static func voting(_ axiom: VotingAxiom, voters: Int = 2, _ rule: ([[Int]]) throws -> [Rational]) throws -> Verdict {
        axiom.check(try VotingTable(space: try VotingSpace(voters: voters, candidates: 3), rule: rule))
    }

    static let votingCases: [String: ViolationCase] = [
        // Plurality with a random tie-break, n = 3: at the three-way tie (0>1>2, 1>0>2, 2>0>1)
        // voter 0 reports 1>0>2, 1 wins outright: its top two rise from 2/3 to 1.
        key(.voting, "sd-strategyproofness"): {
            let v = try voting(.sdStrategyproofness, voters: 3) { p in
                var count = [0, 0, 0]
                for r in p { count[r[0]] += 1 }
                let best = count.max()!
                return count.map { $0 == best ? Rational(1, count.filter { $0 == best }.count) : .zero }
            }
            #expect(v.witness == .voting(.manipulation(profile: [[0, 1, 2], [1, 0, 2], [2, 0, 1]], voter: 0, misreport: [1, 0, 2], top: 2,
                                                      truthful: Rational(2, 3), misreported: .one)))
        },
        // Voter 0 dictates: (1>0>2, 0>1>2) elects 1, the voters swapped elect 0.
        key(.voting, "anonymity"): {
            let v = try voting(.anonymity) { p in (0..<3).map { $0 == p[0][0] ? .one : .zero } }
            #expect(v.witness == .voting(.voterAsymmetry(profile: [[1, 0, 2], [0, 1, 2]], permuted: [[0, 1, 2], [1, 0, 2]], candidate: 0,
                                                         probability: .zero, permutedProbability: .one)))
        },
        // Candidate 0 always wins: renaming 0 <-> 1 does not move its probability to 1.
        key(.voting, "neutrality"): {
            let v = try voting(.neutrality) { _ in [.one, .zero, .zero] }
            #expect(v.witness == .voting(.candidateAsymmetry(profile: [[0, 1, 2], [0, 1, 2]], permutation: [1, 0, 2], candidate: 0,
                                                             probability: .one, permutedProbability: .zero)))
        },
        // Random pair majority at (0>1>2, 0>1>2): the pair {1, 2} (1/3) elects 1, which both rank below 0.
        key(.voting, "ex-post-pareto-efficiency"): {
            let t = try #require(try VotingTable.of(RandomPairMajority(), space: try VotingSpace(voters: 2, candidates: 3)))
            #expect(VotingAxiom.exPostParetoEfficiency.check(t).witness
                    == .voting(.dominatedWinner(profile: [[0, 1, 2], [0, 1, 2]], candidate: 1, dominatedBy: 0, probability: Rational(1, 3))))
        },
    ]

    // MARK: derandomized mechanisms

    static func derandomized(_ axiom: DerandomizedAxiom, _ coin: Coin, agents: Int) -> Verdict {
        DerandomizedAxiomCheck.verdict(axiom, Derandomizer(coin, method: .gameFirst), reports: Array(repeating: 0, count: agents),
                                       outcome: { .integer($0) }, utility: { _, o in Rational(o) })
    }

    static let derandomizedCases: [String: ViolationCase] = [
        // A coin whose listed slots are (0, 1) but whose every component is 0: playing every move
        // vector gives outcome 0 with probability 1, the lottery says 1/2.
        key(.derandomized, "lottery-equivalence"): {
            let v = derandomized(.lotteryEquivalence, Coin(honest: false), agents: 2)
            #expect(v.witness == .derandomized(.lotteryMismatch(method: "game-first", outcome: .integer(0), derandomized: .one, original: Rational(1, 2))))
            // The honest coin passes: the checker is not a constant.
            #expect(derandomized(.lotteryEquivalence, Coin(honest: true), agents: 2).id == "holds")
        },
        // One agent alone picks the seed: move 1 gives outcome 1 for sure against 1/2 uniformly.
        key(.derandomized, "uniform-play-equilibrium"): {
            let v = derandomized(.uniformPlayEquilibrium, Coin(honest: true), agents: 1)
            #expect(v.witness == .derandomized(.profitableMove(agent: 0, move: 1, uniformValue: Rational(1, 2), moveValue: .one)))
            #expect(derandomized(.uniformPlayEquilibrium, Coin(honest: true), agents: 2).id == "holds")
        },
        // probabilistic serial, agent 0 with utilities (10, 9, 0) gains by ranking h1 first:
        // 13/2 to 7.
        key(.derandomized, "quasi-strategyproofness"): {
            let truth = [[0, 1, 2], [0, 1, 2], [1, 2, 0]]
            let utility: (Int, [Int]) throws -> Rational = { i, a in
                i == 0 ? [Rational(10), Rational(9), .zero][a[0]] : DerandomizedInstances.borda(truth[i], a[i])
            }
            let r = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(ProbabilisticSerial(), method: .gameLast), truth: truth,
                                                                   deviations: { _ in DerandomizedInstances.rankings(3) }, utility: utility)
            let v = r.verdict(space: CheckedSpace("R-4", count: r.deviationsChecked, exhaustive: true), report: DerandomizedAxiomCheck.reportJSON)
            guard case .violated(.derandomized(.sincerityDeviation(let agent, let misreport, _, let eq, let dev)), _, .exact) = v else {
                throw CaseFailure("expected an exact sincerity deviation, got \(v.id)")
            }
            #expect(agent == 0 && misreport == .array([.integer(1), .integer(0), .integer(2)]))
            #expect(eq == Rational(13, 2) && dev == Rational(7))
        },
        // The dishonest coin lists two slots, so the outcome should depend on the seed, but
        // whatever agent 0 plays against agent 1's move 0, the outcome is 0.
        key(.derandomized, "move-responsiveness"): {
            let v = derandomized(.moveResponsiveness, Coin(honest: false), agents: 2)
            #expect(v.witness == .derandomized(.unresponsiveAgent(agent: 0, others: [0])))
            #expect(derandomized(.moveResponsiveness, Coin(honest: true), agents: 2).id == "holds")
        },
    ]

    // MARK: strategic bandits

    static let banditCases: [String: ViolationCase] = [
        // The (s, mu)-oracle at T = 10^4: arm 1 reporting s' = 1 keeps every pull, a gain of
        // (1 - 0.88) T = 1,200 clicks in every seed, above epsilon(10^4) = 932.47.
        key(.strategicBandits, DesiredProfileNE.id): {
            let o = try DesiredProfileNE.check(mechanism: "oracle", horizon: 10_000, seeds: 2, gridStep: 1, offsets: [], arms: [0], threads: 1)
            guard case .violated(.bandit(let w), _, _) = o.verdict(seed: 1) else { throw CaseFailure("expected a bandit violation, got \(o.verdict)") }
            #expect(w.horizon == 10_000 && abs(w.epsilon - 932.47) < 0.01)
            #expect(w.deviation.arm == 0 && w.deviation.deviation == [1])
            #expect(abs(w.deviation.gain - 1_200) < 1e-6 && abs(w.deviation.lower - 1_200) < 1e-6)
        },
    ]
}

/// A case that did not reach its witness.
struct CaseFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A step at 1/2 in the first report: 0 below, 1 from 1/2 on. Discontinuous.
struct StepAtHalf: DeterministicFacilityMechanism {
    var descriptor: MechanismDescriptor { Median.descriptor }
    func location(for profile: FacilityProfile) -> Double { profile.locations[0] < 0.5 ? 0 : 1 }
}

/// VCG plus an entry fee of 0.1 charged to every advertiser, shown or not.
struct EntryFeeVCG: PositionAuctionMechanism {
    var descriptor: MechanismDescriptor { VCG.descriptor }
    func outcome(_ x: AuctionInstance, bids: [Double]) throws(AuctionError) -> AuctionOutcome {
        var o = try VCG().outcome(x, bids: bids)
        o.payments = o.payments.map { $0 + 0.1 }
        return o
    }
}

/// A fair coin over the outcomes {0, 1} (seed s gives outcome s), every agent's report ignored.
/// The dishonest coin lists the slots (0, 1) but every component is 0, so its derandomization
/// is not its lottery.
struct Coin: UniformMixtureMechanism {
    var honest: Bool
    var descriptor: MechanismDescriptor { RandomDictator.descriptor }
    func validate(_ reports: [Int]) throws(DerandomizationError) {}
    func stepModuli(for reports: [Int]) throws(DerandomizationError) -> [Int] { [2] }
    func component(_ seed: Int, for reports: [Int]) throws(DerandomizationError) -> Int { honest ? seed : 0 }
    func slots(for reports: [Int]) throws(DerandomizationError) -> [Int] { [0, 1] }
}
