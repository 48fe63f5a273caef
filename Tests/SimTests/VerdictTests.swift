import Foundation
import Mechanisms
import Solvers
import Testing
@testable import Sim

/// The one verdict type and the one axiom registry across domains: each domain's check through
/// the library API with hand-computed verdicts and witnesses, the conversions from the families'
/// own results, and the registry's invariants.
@Suite("Verdicts and the axiom registry across domains")
struct VerdictTests {
    static let acquisitionFolder = "scenarios/papers/cacciamani2023-information-acquisition"

    // MARK: facility location

    @Test("facility: Average is manipulable at (0, 1/2): agent 1 reports 1, the mean moves from 1/4 to 1/2, gain 1/4")
    func facilityViolated() throws {
        let r = try AxiomCheckRun.run(CheckRequest(mechanism: "average", axiom: "strategyproofness", agents: 4, grid: 4))
        #expect(r.axiom.domain == .facilityLocation)
        guard case .violated(.facility(let w), let space, let arithmetic) = r.verdict else {
            Issue.record("expected a facility violation, got \(r.verdict.id)")
            return
        }
        #expect(w.profile == [0, 0.5] && w.agent == 1 && w.misreport == 1)
        #expect(w.gain == 0.25 && w.truthfulCost == 0.25 && w.manipulatedCost == 0)
        #expect(space.count == 625 && space.exhaustive)  // 5^4 grid profiles, not the defaults' 9^3
        #expect(arithmetic == .floatingPoint(tolerance: FacilityTolerance.cost))
    }

    @Test("facility: Uniform Phantom holds on the 7^3 grid; a sampled search says no-violation-found with its seed")
    func facilityHoldsAndSampled() throws {
        let r = try AxiomCheckRun.run(CheckRequest(mechanism: "uniform-phantom", axiom: "strategyproofness", agents: 3, grid: 6))
        #expect(r.verdict == .holds(space: SearchSpace.grid(agents: 3, resolution: 6).checkedSpace, arithmetic: .floatingPoint(tolerance: 1e-9)))
        #expect(r.verdict.space.count == 343)
        let s = try AxiomCheckRun.run(CheckRequest(mechanism: "random-rank", axiom: "universal-truthfulness", agents: 6, samples: 200, seed: 3))
        guard case .noViolationFound(let space, let samples, let seed) = s.verdict else {
            Issue.record("expected no-violation-found, got \(s.verdict.id)")
            return
        }
        #expect(samples == 200 && seed == 3 && space.count == 200 && !space.exhaustive)
        #expect(s.verdict.arithmetic == nil && s.verdict.witness == nil)
    }

    @Test("facility: a probe axiom on a whole grid is no-violation-found without a seed, never holds")
    func facilityProbe() {
        let space = SearchSpace.grid(agents: 2, resolution: 4)
        let v = AxiomVerdict.noViolationFound(samples: 25, seed: 0).verdict(in: space)
        #expect(v == .noViolationFound(space: space.checkedSpace, samples: 25, seed: nil))
    }

    // MARK: position auctions

    /// Worked instance EX1 with v1 = 0.75: beta = (1/2, 1/5), identical qualities, values (0.75, 0.7, 0.4).
    static func ex1() throws -> (AuctionInstance, [Double]) {
        (try AuctionInstance.separable(alpha: [1, 1, 1], beta: [0.5, 0.2], cap: 2), [0.75, 0.7, 0.4])
    }

    @Test("auctions: GSP on EX1 with v1 = 0.75: truthful, slot A at 0.7 per click, utility 0.5(0.75 - 0.7) = 0.025; bidding 0.4, slot B at 0.4, 0.2(0.75 - 0.4) = 0.07")
    func auctionViolated() throws {
        let (x, v) = try Self.ex1()
        let space = CheckedSpace("EX1", exhaustive: false)
        let verdict = AuctionAxioms.check(GSP(), axiom: AuctionAxiomID.dsic, battery: [(x, v)]).verdict(space: space, tolerance: 1e-9)
        guard case .violated(.auction(let w), _, let arithmetic) = verdict else {
            Issue.record("expected an auction violation, got \(verdict.id)")
            return
        }
        #expect(w.advertiser == 0 && w.misreport == 0.4)
        #expect(near(w.required, 0.025) && near(w.found, 0.07))
        #expect(arithmetic == .floatingPoint(tolerance: 1e-9))
        #expect(Witness.auction(w).json.rendered().contains("\"advertiser\": 0, \"misreport\": 0.4"))
    }

    @Test("auctions: through the check run with an instance file: VCG's IR holds on the truthful outcome, its DSIC search finds nothing (not a proof)")
    func auctionCheckRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("verdicts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("ex1.json").path
        try #"{"user_model": "separable", "alpha": [1, 1, 1], "beta": [0.5, 0.2], "bids": [0.75, 0.7, 0.4], "cap": 2}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let ir = try AxiomCheckRun.run(CheckRequest(mechanism: "vcg", axiom: "individual-rationality", instance: file))
        #expect(ir.axiom.domain == .positionAuctions)
        #expect(ir.verdict.id == "holds" && ir.verdict.space.exhaustive && ir.verdict.space.count == 1)
        let dsic = try AxiomCheckRun.run(CheckRequest(mechanism: "vcg", axiom: "dsic", instance: file))
        guard case .noViolationFound(let space, let samples, nil) = dsic.verdict else {
            Issue.record("expected no-violation-found, got \(dsic.verdict.id)")
            return
        }
        #expect(samples == 1 && !space.exhaustive && (space.count ?? 0) > 0)
        let gsp = try AxiomCheckRun.run(CheckRequest(mechanism: "gsp", axiom: "dsic", instance: file))
        guard case .violated(.auction(let w), _, _)? = Optional(gsp.verdict) else {
            Issue.record("expected GSP's DSIC violation, got \(gsp.verdict.id)")
            return
        }
        #expect(w.advertiser == 0 && w.misreport == 0.4)
    }

    // MARK: information acquisition

    @Test("information acquisition: A2's natural payments scaled by 0.99 let an agent told to work shirk for a gain of 2.0e-5 (the negative test of reference instance A2)")
    func acquisitionViolated() throws {
        let I = try IncentiveCheckerTests.hiring("A2")
        let m = IncentiveCheckerTests.scaledA2(I, scale: 0.99)
        let space = CheckedSpace("A2", count: 8, exhaustive: true)
        let report = HiringIncentiveChecker.check(m, on: I)
        let ic = report.verdict(.incentiveCompatibility, space: space, cap: I.paymentCap)
        guard case .violated(.informationAcquisition(.hiringDeviation(let d)), _, let arithmetic) = ic else {
            Issue.record("expected a hiring deviation, got \(ic.id)")
            return
        }
        #expect(d.recommended == 1 && d.effort == 0 && near(d.gain, 2.0e-5))
        #expect(arithmetic == .floatingPoint(tolerance: AcquisitionTolerance.incentive))
        // Payments are within [0, M] and obedience is individually rational.
        #expect(report.verdict(.limitedLiability, space: space, cap: I.paymentCap) == .holds(space: space, arithmetic: arithmetic))
        #expect(report.verdict(.paymentCap, space: space, cap: I.paymentCap).id == "holds")
        #expect(report.verdict(.individualRationality, space: space, cap: I.paymentCap).id == "holds")
    }

    @Test("information acquisition: a payment of 1.5 above the cap M = 1 on A1 is the payment-cap witness")
    func acquisitionPaymentCap() throws {
        let I = try IncentiveCheckerTests.hiring("A1")
        var m = try #require(OptimalCorrelatedMechanism().solve(I).mechanism)
        let work = I.efforts.index([1])
        m.payments[0][CorrelatedMechanism.paymentIndex(I, efforts: work, signals: 1, state: 1)] = 1.5
        let v = HiringIncentiveChecker.check(m, on: I).verdict(.paymentCap, space: CheckedSpace("A1", exhaustive: true), cap: I.paymentCap)
        #expect(v.witness == .informationAcquisition(.payment(agent: 0, efforts: work, signals: 1, state: 1, payment: 1.5, bound: 1)))
    }

    @Test("information acquisition: the LP optima of A3 (model A, 2 agents x 2 efforts) and B1 (model B) are IC; IR does not apply to senders")
    func acquisitionCheckRun() throws {
        let a3 = repositoryRoot.appendingPathComponent("\(Self.acquisitionFolder)/A3.json").path
        for id in ["optimal-correlated-mechanism", "best-effort-profile", "optimal-uncorrelated-mechanism"] {
            let r = try AxiomCheckRun.run(CheckRequest(mechanism: id, axiom: "incentive-compatibility", instance: a3))
            #expect(r.verdict.id == "holds", "\(id)")
            #expect(r.verdict.space.count == 8 && r.verdict.arithmetic == .floatingPoint(tolerance: AcquisitionTolerance.incentive))
        }
        let b1 = repositoryRoot.appendingPathComponent("\(Self.acquisitionFolder)/B1-report-only.json").path
        #expect(try AxiomCheckRun.run(CheckRequest(mechanism: "optimal-ic-mechanism", axiom: "incentive-compatibility", instance: b1)).verdict.id == "holds")
        #expect(try AxiomCheckRun.run(CheckRequest(mechanism: "optimal-ic-mechanism", axiom: "individual-rationality", instance: b1)).verdict.id == "inconclusive")
        #expect(throws: CheckError.self) { try AxiomCheckRun.run(CheckRequest(mechanism: "optimal-ic-mechanism", axiom: "incentive-compatibility", instance: a3)) }
    }

    // MARK: derandomized mechanisms

    @Test("derandomized: R-4, probabilistic serial with agent 0's utilities (10, 9, 0): ranking h1 first raises 13/2 to 7 (worked instance R-4)")
    func derandomizedViolated() throws {
        let truth = [[0, 1, 2], [0, 1, 2], [1, 2, 0]]
        let utility: (Int, [Int]) throws -> Rational = { i, a in
            i == 0 ? [Rational(10), Rational(9), .zero][a[0]] : DerandomizedInstances.borda(truth[i], a[i])
        }
        let r = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(ProbabilisticSerial(), method: .gameLast), truth: truth,
                                                               deviations: { _ in DerandomizedInstances.rankings(3) }, utility: utility)
        let space = CheckedSpace("R-4", count: r.deviationsChecked, exhaustive: true)
        let v = r.verdict(space: space, report: DerandomizedAxiomCheck.reportJSON)
        guard case .violated(.derandomized(.sincerityDeviation(let agent, let misreport, _, let eq, let dev)), _, .exact) = v else {
            Issue.record("expected an exact sincerity deviation, got \(v.id)")
            return
        }
        #expect(agent == 0 && misreport == .array([.integer(1), .integer(0), .integer(2)]))
        #expect(eq == Rational(13, 2) && dev == Rational(7))
        #expect(v.witness?.json.rendered().contains("\"equilibrium_value\": \"13/2\", \"deviation_value\": \"7\", \"gain\": 0.5") == true)
    }

    @Test("derandomized: random dictator on the Condorcet cycle: sincere + uniform is quasi-strategyproof over 3 agents x 5 misreports x 3 moves = 45 deviations, exactly")
    func derandomizedHolds() throws {
        let r = try AxiomCheckRun.run(CheckRequest(mechanism: "derandomized-random-dictator", axiom: "quasi-strategyproofness"))
        #expect(r.axiom.domain == .derandomized)
        guard case .holds(let space, .exact) = r.verdict else {
            Issue.record("expected holds in exact arithmetic, got \(r.verdict.id)")
            return
        }
        #expect(space.count == 45 && space.exhaustive)
        // Lemma U: every move against uniform opponents is worth the lottery value (3 agents x 3 moves).
        let eq = try AxiomCheckRun.run(CheckRequest(mechanism: "derandomized-random-dictator", axiom: "uniform-play-equilibrium"))
        #expect(eq.verdict.id == "holds" && eq.verdict.space.count == 9)
        // The interleaved game of Nisan-Ronen has two moves per agent: the move game cannot judge it.
        let nr = try AxiomCheckRun.run(CheckRequest(mechanism: "derandomized-randomized-nisan-ronen", axiom: "quasi-strategyproofness"))
        #expect(nr.verdict.id == "inconclusive")
    }

    @Test("derandomized: the deviation sets: the 6 rankings of 3 items, the 13 weak orders of 3, score rows over {0, 5, 10} for the others (3^2, 3^3)")
    func derandomizedDeviations() {
        #expect(DerandomizedAxiomCheck.deviations([[0, 1, 2], [2, 1, 0]], agent: 1).count == 6)
        #expect(DerandomizedAxiomCheck.deviations([[[0, 1], [2]]], agent: 0).count == 13)
        #expect(DerandomizedAxiomCheck.deviations([[0.0, 1, 2], [1, 0, 2], [1, 2, 0]], agent: 1).count == 9)
        #expect(DerandomizedAxiomCheck.deviations([[0.0, 8, 3, 5], [6, 0, 9, 2], [7, 4, 0, 1], [9, 5, 7, 0]], agent: 2).count == 27)
    }

    // MARK: strategic bandits

    @Test("bandits: a deviation whose lower bound 80 exceeds epsilon 60 is the witness; below it, no violation over the paired seeds")
    func banditVerdict() {
        let gain = DeviationGain(arm: 0, deviation: [1], gain: 100, lower: 80, upper: 120)
        let result = ApproximateNEResult(arms: [.init(arm: 0, utility: 500, gains: [gain])], seeds: 6)
        var o = DesiredProfileNE.Outcome(mechanism: "ucb-utility", horizon: 3000, seeds: 6, epsilon: 60, epsilonRule: "given",
                                         correction: .familyWise, result: result)
        #expect(o.verdict(seed: 1).witness == .bandit(BanditWitness(deviation: gain, epsilon: 60, horizon: 3000)))
        #expect(o.verdict(seed: 1).witness?.json.rendered() == #"{"kind": "bandit-deviation", "arm": 1, "deviation": [1], "gain": 100, "lower": 80, "upper": 120, "epsilon": 60, "horizon": 3000}"#)
        // Epsilon 90: the lower bound 80 is below it but the upper bound 120 above: undecided.
        o.epsilon = 90
        guard case .inconclusive(let reason, let space) = o.verdict(seed: 1) else {
            Issue.record("expected inconclusive: the upper bound 120 exceeds epsilon 90")
            return
        }
        #expect(o.verdict == "inconclusive")
        #expect(reason == "arm 1 deviating to 1 gains 100 [80, 120]: the upper bound exceeds epsilon 90 and no lower bound does; more seeds or a longer horizon may decide")
        #expect(space.count == 1 && !space.exhaustive)
        // Epsilon 120: every upper bound is at most epsilon: no violation over the paired seeds.
        o.epsilon = 120
        guard case .noViolationFound(_, 6, 1) = o.verdict(seed: 1) else {
            Issue.record("expected no-violation-found over 6 seeds")
            return
        }
    }

    @Test("bandits: the largest upper bound is taken over every deviation, not only the largest mean gain's")
    func banditLargestUpper() {
        let big = DeviationGain(arm: 0, deviation: [1], gain: 50, lower: 40, upper: 60)
        let wide = DeviationGain(arm: 0, deviation: [0.5], gain: 30, lower: -20, upper: 80)
        let result = ApproximateNEResult(arms: [.init(arm: 0, utility: 500, gains: [big, wide])], seeds: 6)
        let o = DesiredProfileNE.Outcome(mechanism: "m", horizon: 100, seeds: 6, epsilon: 70, epsilonRule: "given",
                                         correction: .familyWise, result: result)
        #expect(result.epsilonUpper == 80 && result.largestUpper == wide)
        #expect(o.verdict == "inconclusive" && o.undecided == wide)
    }

    // MARK: the registry

    @Test("every registered axiom has a domain and a unique (domain, id); facility ids are unchanged; every domain with a checker has axioms")
    func registry() throws {
        let pairs = AxiomRegistry.entries.map { "\($0.domain.rawValue)/\($0.id)" }
        #expect(Set(pairs).count == pairs.count)
        #expect(AxiomRegistry.entries.filter { $0.domain == .facilityLocation }.map(\.id) == AxiomRegistry.ids)
        for domain: Domain in [.facilityLocation, .positionAuctions, .informationAcquisition, .derandomized, .strategicBandits, .voting] {
            #expect(AxiomRegistry.entries.contains { $0.domain == domain }, "\(domain.rawValue)")
        }
        #expect(AxiomRegistry.entries.filter { $0.domain == .positionAuctions }.map(\.id) == AuctionAxioms.ids)
        #expect(AxiomRegistry.entries.count == 19 + 6 + 4 + 4 + 1 + 4)
        for e in AxiomRegistry.entries {
            #expect(!e.name.isEmpty && !e.definition.isEmpty && !e.source.isEmpty, "\(e.id)")
        }
        // individual-rationality is an auction axiom and an information-acquisition axiom.
        #expect(AxiomRegistry.domains(of: "individual-rationality") == [.positionAuctions, .informationAcquisition])
        #expect(try AxiomRegistry.entry("individual-rationality", domain: .informationAcquisition).subject == .acquisitionInstance)
        #expect(throws: CheckError.self) { try AxiomRegistry.entry("dsic", domain: .facilityLocation) }
    }

    @Test("every registered claim of the five domains names a registered axiom of its mechanism's domain")
    func claimsAreRegistered() {
        for d in MechanismRegistry.all.map(\.descriptor)
        where [.facilityLocation, .positionAuctions, .informationAcquisition, .strategicBandits].contains(d.domain) {
            for c in d.claims {
                #expect(AxiomRegistry.entries.contains { $0.domain == d.domain && $0.id == c.axiom }, "\(d.id): \(c.axiom)")
            }
        }
        let shared = DerandomizedAxiom.allCases.map(\.id)
        for d in MechanismRegistry.all.map(\.descriptor) where d.domain == .derandomized {
            #expect(shared.allSatisfy { id in d.claims.contains { $0.axiom == id } }, "\(d.id)")
        }
    }

    @Test("list axioms --format json: every entry with id, name, definition, source and domain")
    func listing() throws {
        let data = Data(AxiomRegistry.listingJSON().rendered().utf8)
        let all = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(all.count == AxiomRegistry.entries.count)
        for (o, e) in zip(all, AxiomRegistry.entries) {
            #expect(o["id"] as? String == e.id && o["name"] as? String == e.name && o["definition"] as? String == e.definition
                    && o["source"] as? String == e.source && o["domain"] as? String == e.domain.rawValue)
        }
    }
}
