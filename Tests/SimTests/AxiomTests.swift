import Mechanisms
import Testing
@testable import Sim

@Suite("Axiom checkers")
struct AxiomTests {
    /// The claims in every registered descriptor (docs/reconstructions.md#facility-axiom-matrix), checked exhaustively for
    /// n = 2..5 on grids: "satisfies" must hold ("no violation found" for probes such as
    /// continuity); "violates" must hold below its minimal n and give a witness from there on,
    /// shrunk to exactly that many agents.
    @Test("every registered mechanism's claims hold on the grids, n = 2..5", arguments: MechanismRegistry.all.filter { $0.descriptor.domain == .facilityLocation }.map(\.descriptor.id))
    func claims(_ id: String) throws {
        let m = try MechanismRegistry.makeFacilityLocation(id)
        for claim in m.descriptor.claims {
            let axiom = try AxiomRegistry.axiom(claim.axiom)
            for (n, g) in [(2, 8), (3, 6), (4, 4), (5, 3)] where (try? m.validate(agentCount: n)) != nil {
                let r = try AxiomChecker.check(m, against: axiom, over: .grid(agents: n, resolution: g))
                let clean: AxiomVerdict = axiom.provableOnGrid ? .holds : .noViolationFound(samples: r.profilesChecked, seed: 0)
                let minimal = claim.minimalAgents ?? 2
                if claim.verdict == .satisfies || n < minimal {
                    #expect(r.verdict == clean, "\(id) \(claim.axiom) n=\(n): \(r.verdict.witness?.explanation ?? r.verdict.id)")
                } else {
                    let w = r.verdict.witness
                    #expect(w != nil, "\(id) \(claim.axiom) n=\(n) should be violated")
                    #expect(w?.profile.count == minimal, "\(id) \(claim.axiom): witness with \(w?.profile.count ?? 0) agents, expected \(minimal)")
                }
            }
        }
    }

    @Test("Average is not strategyproof: the shrunk witness has 2 agents on the grid {0, 1/2, 1}")
    func averageWitness() throws {
        let r = try AxiomChecker.check(Average(), against: StrategyProofness(), over: .grid(agents: 4, resolution: 8))
        let w = try #require(r.verdict.witness)
        #expect(r.shrunk)
        #expect(w.profile.count == 2 && w.distinctLocations == 2)
        // On {0, 1/2, 1}: x = (0, 1/2); agent 1 at 1/2 reports 1, the mean moves from 1/4 to 1/2.
        #expect(w.profile == [0, 0.5] && w.agent == 1 && w.misreport == 1)
        #expect(near(w.gain ?? -1, 0.25))
        #expect(near(w.truthfulCost ?? -1, 0.25) && near(w.manipulatedCost ?? -1, 0))
        #expect(w.truthfulOutcome == Lottery(certain: 0.25) && w.manipulatedOutcome == Lottery(certain: 0.5))
    }

    @Test("the Average manipulation of worked example E12 (1/5, 3/5) -> agent 0 reports 0 is found on that profile, 1/5 -> 1/10")
    func averageSpecFixture() {
        var context = CheckContext(misreports: [0, 0.1, 0.2, 0.3])
        let w = StrategyProofness().violation(of: Average(), at: FacilityProfile(trusted: [0.2, 0.6]), context: &context)
        #expect(w?.agent == 0 && w?.misreport == 0)
        #expect(near(w?.truthfulCost ?? 0, 0.2) && near(w?.manipulatedCost ?? 0, 0.1))
    }

    @Test("the Midpoint fixture (0, 1/2, 9/10): agent 2 reports 1, 9/20 -> 2/5 (worked example E12); the checker finds agent 1 first")
    func midpointFixture() {
        let truthful = FacilityProfile(trusted: [0, 0.5, 0.9])
        #expect(near(abs(Midpoint().location(for: truthful) - 0.9), 0.45))
        #expect(near(abs(Midpoint().location(for: truthful.replacing(agent: 2, with: 1)) - 0.9), 0.4))
        // Agents are tried in order: agent 1 at 1/2 pays 1/20 and reports 1, moving the facility to 1/2.
        var context = CheckContext(misreports: AxiomChecker.grid(10))
        let w = StrategyProofness().violation(of: Midpoint(), at: truthful, context: &context)
        #expect(w?.agent == 1 && w?.misreport == 1)
        #expect(near(w?.truthfulCost ?? 0, 0.05) && near(w?.manipulatedCost ?? 1, 0))
    }

    @Test("anonymity: a dictatorship of agent 0 is caught with its permuted profile")
    func anonymityWitness() throws {
        let r = try AxiomChecker.check(FirstDictator(), against: Anonymity(), over: .grid(agents: 3, resolution: 4))
        let w = try #require(r.verdict.witness)
        #expect(w.profile == [1, 0] && w.permutedProfile == [0, 1])
        #expect(try AxiomChecker.check(FirstDictator(), against: StrategyProofness(), over: .grid(agents: 3, resolution: 4)).verdict == .holds)
    }

    @Test("unanimity: a constant mechanism is caught on one agent at 0")
    func unanimityWitness() throws {
        let r = try AxiomChecker.check(ConstantHalf(), against: Unanimity(), over: .grid(agents: 3, resolution: 4))
        let w = try #require(r.verdict.witness)
        #expect(w.profile == [0])
        #expect(try AxiomChecker.check(ConstantHalf(), against: StrategyProofness(), over: .grid(agents: 3, resolution: 4)).verdict == .holds)
    }

    @Test("universal truthfulness looks at components: Median/Midpoint mixture fails through its Midpoint")
    func universalTruthfulness() throws {
        let r = try AxiomChecker.check(HalfMidpoint(), against: UniversalTruthfulness(), over: .grid(agents: 3, resolution: 4))
        let w = try #require(r.verdict.witness)
        #expect(w.component == "midpoint")
        #expect(w.profile.count == 2)
        #expect(try AxiomChecker.check(RandomRank(), against: UniversalTruthfulness(), over: .grid(agents: 4, resolution: 4)).verdict == .holds)
    }

    @Test("sampled spaces never say holds")
    func sampled() throws {
        let space = SearchSpace.sampled(agents: 5, count: 300, seed: 3, resolution: 8, distribution: .uniform)
        let r = try AxiomChecker.check(UniformPhantom(), against: StrategyProofness(), over: space)
        #expect(r.verdict == .noViolationFound(samples: 300, seed: 3))
        let bad = try AxiomChecker.check(Average(), against: StrategyProofness(), over: space)
        #expect(bad.verdict.witness?.profile.count == 2, "shrunk from a sampled 5-agent witness to the grid")
    }

    @Test("spaces too large, empty or mismatched are refused with a sentence")
    func invalidSpaces() {
        #expect(throws: CheckError.self) { try AxiomChecker.check(Median(), against: Anonymity(), over: .grid(agents: 12, resolution: 10)) }
        #expect(throws: CheckError.self) { try AxiomChecker.check(Median(), against: Anonymity(), over: .grid(agents: 0, resolution: 10)) }
        #expect(throws: CheckError.self) { try AxiomChecker.check(Median(), against: Anonymity(), over: .grid(agents: 2, resolution: 0)) }
        #expect(throws: CheckError.self) { try AxiomChecker.check(try OrderStatistic(k: 3), against: Anonymity(), over: .grid(agents: 2, resolution: 4)) }
        do {
            _ = try AxiomRegistry.axiom("strategy-proofness")
        } catch {
            #expect(error.description == "Unknown axiom 'strategy-proofness'. Did you mean 'strategyproofness'? (see 'mechsim list axioms')")
        }
    }

    /// The tabulated scan (mechanism computed once per grid profile, deviations read from the
    /// table) must agree with the per-profile path on everything it reports: the verdict, the
    /// profile, agent and misreport of the first violation, both costs, and the profile count.
    @Test("tabulated strategyproofness agrees with the per-profile path, witness and count included",
          arguments: ["median", "uniform-phantom", "average", "midpoint", "rightmost", "leftmost", "order-statistic", "phantom"])
    func tabulatedAgrees(_ id: String) throws {
        let m = try MechanismRegistry.makeFacilityLocation(id)
        for (n, g) in [(1, 10), (2, 10), (3, 7), (4, 5), (5, 3)] where (try? m.validate(agentCount: n)) != nil {
            let space = SearchSpace.grid(agents: n, resolution: g)
            #expect(TabulatedStrategyproofness.applies(to: m, axiom: StrategyProofness(), agents: n, resolution: g))
            // The table's scan itself (the checker would first probe the grid's start).
            var checked = 0
            let a = TabulatedStrategyproofness.firstViolation(
                try #require(m.asDeterministic), axiom: StrategyProofness(), agents: n, resolution: g, threads: 3, checked: &checked)
            let slow = try AxiomChecker.check(m, against: StrategyProofness(), over: space, shrink: false, tabulate: false)
            #expect(checked == slow.profilesChecked, "\(id) n=\(n) g=\(g)")
            #expect((a == nil) == (slow.verdict.witness == nil), "\(id) n=\(n) g=\(g)")
            let b = slow.verdict.witness
            #expect(a?.profile == b?.profile && a?.agent == b?.agent && a?.misreport == b?.misreport, "\(id) n=\(n) g=\(g)")
            #expect(near(a?.truthfulCost ?? 0, b?.truthfulCost ?? 0) && near(a?.manipulatedCost ?? 0, b?.manipulatedCost ?? 0))
        }
    }

    @Test("the tabulated scan finds Average's first violation at the exact position: (0, 0, 1/2), the 1/2-grid's second profile, agent 2 reports 1")
    func tabulatedAverageCount() throws {
        // Profiles in lexicographic order: (0,0,0), (0,0,1/2), ... At (0, 0, 0) every cost is 0.
        // At x = (0, 0, 1/2) the mean is 1/6: agents 0 and 1 can only raise it, and agent 2
        // (cost 1/3) reports 1 and moves it to 1/3 (cost 1/6).
        var checked = 0
        let w = try #require(TabulatedStrategyproofness.firstViolation(
            Average(), axiom: StrategyProofness(), agents: 3, resolution: 2, threads: 1, checked: &checked))
        #expect(checked == 2)
        #expect(w.profile == [0, 0, 0.5] && w.agent == 2 && w.misreport == 1)
        #expect(near(w.truthfulCost ?? 0, 1.0 / 3) && near(w.manipulatedCost ?? 0, 1.0 / 6))
    }

    @Test("the checker finds a violation at the start of a large grid without tabulating it, and tabulates when there is none")
    func tabulatedProbe() throws {
        // Average fails at the grid's second profile (0, ..., 0, 1/15): found by the probe.
        let average = try AxiomChecker.check(Average(), against: StrategyProofness(), over: .grid(agents: 6, resolution: 15), shrink: false)
        #expect(average.profilesChecked == 2)
        #expect(average.verdict.witness?.profile == [0, 0, 0, 0, 0, 1.0 / 15])
        // The median holds: every profile of 4 agents on the grid 1/12 is counted.
        let median = try AxiomChecker.check(Median(), against: StrategyProofness(), over: .grid(agents: 4, resolution: 12))
        #expect(median.verdict == .holds && median.profilesChecked == 13 * 13 * 13 * 13)
    }

    @Test("the tabulated scan is only for strategyproofness of deterministic mechanisms on grids of at most 2^24 profiles")
    func tabulatedScope() {
        #expect(!TabulatedStrategyproofness.applies(to: RandomRank(), axiom: StrategyProofness(), agents: 3, resolution: 4))
        #expect(!TabulatedStrategyproofness.applies(to: Median(), axiom: Unanimity(), agents: 3, resolution: 4))
        #expect(TabulatedStrategyproofness.applies(to: Median(), axiom: StrategyProofness(), agents: 8, resolution: 7))   // 8^8 = 2^24
        #expect(!TabulatedStrategyproofness.applies(to: Median(), axiom: StrategyProofness(), agents: 8, resolution: 8))  // 9^8 > 2^24
    }
}
