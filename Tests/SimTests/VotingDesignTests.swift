import Foundation
import Testing
import Mechanisms
import Solvers
@testable import Sim

/// The voting axioms' checkers on hand-built rules, and the design LP's optima against
/// Gibbard (1977): SD-strategyproof rules are mixtures of unilateral and duple rules.
@Suite("Voting: SD-strategyproofness, anonymity, neutrality, ex-post efficiency; the design LP")
struct VotingDesignTests {
    /// Plurality with a uniformly random tie-break among the candidates with the most first places.
    static func plurality(_ profile: [[Int]]) -> [Rational] {
        var count = [0, 0, 0]
        for r in profile { count[r[0]] += 1 }
        let best = count.max()!
        let winners = count.filter { $0 == best }.count
        return count.map { $0 == best ? Rational(1, winners) : .zero }
    }

    static func table(voters: Int, _ rule: ([[Int]]) throws -> [Rational]) throws -> VotingTable {
        try VotingTable(space: try VotingSpace(voters: voters, candidates: 3), rule: rule)
    }

    @Test("the space: 6 rankings in lexicographic order, 6^2 ordered profiles, C(7, 2) = 21 multisets, orderings n!/prod mult!")
    func space() throws {
        let s = try VotingSpace(voters: 2, candidates: 3)
        #expect(s.rankings == [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]])
        #expect(s.orderedProfileCount == 36)
        #expect(s.multisets().count == 21)
        #expect(s.profile(at: 13) == [2, 1])
        #expect(s.index(of: [2, 1]) == 13)
        let five = try VotingSpace(voters: 5, candidates: 3)
        #expect(five.multisets().count == 252)
        #expect(five.orderings([0, 0, 1, 1, 2]) == 30)  // 5! / (2! 2! 1!)
        #expect(five.multisets().reduce(0) { $0 + five.orderings($1) } == 7776)
    }

    @Test("plurality with a random tie-break is not SD-strategyproof (n = 3): at (0>1>2, 1>0>2, 2>0>1) voter 0 reports 1>0>2 and its top two rise from 2/3 to 1")
    func pluralityManipulable() throws {
        let verdict = VotingAxiom.sdStrategyproofness.check(try Self.table(voters: 3, Self.plurality))
        #expect(verdict.id == "violated")
        #expect(verdict.witness == .voting(.manipulation(profile: [[0, 1, 2], [1, 0, 2], [2, 0, 1]], voter: 0, misreport: [1, 0, 2], top: 2,
                                                        truthful: Rational(2, 3), misreported: .one)))
        // Plurality is anonymous, neutral and ex-post efficient (a dominated candidate has no first place).
        let t = try Self.table(voters: 3, Self.plurality)
        #expect(VotingAxiom.anonymity.check(t).id == "holds")
        #expect(VotingAxiom.neutrality.check(t).id == "holds")
        #expect(VotingAxiom.exPostParetoEfficiency.check(t).id == "holds")
        #expect(VotingAxiom.sdStrategyproofness.check(try Self.table(voters: 2, Self.plurality)).id == "holds")  // two voters cannot gain
    }

    @Test("random pair majority: SD-strategyproof, anonymous, neutral; not ex-post efficient: at (0>1>2, 0>1>2) the pair {1, 2} elects 1 with probability 1/3")
    func randomPairMajority() throws {
        let space = try VotingSpace(voters: 2, candidates: 3)
        let t = try #require(try VotingTable.of(RandomPairMajority(), space: space))
        #expect(t.probability([0, 0], 0) == Rational(2, 3))
        #expect(t.probability([0, 0], 1) == Rational(1, 3))
        // (0>1>2, 2>1>0): every pair ties: each candidate 1/3.
        #expect(t.probability([0, 5], 0) == Rational(1, 3))
        let holds = VotingAxiom.sdStrategyproofness.check(t)
        #expect(holds.id == "holds")
        #expect(holds.space.count == 36 * 2 * 5 * 2)
        #expect(VotingAxiom.anonymity.check(t).id == "holds")
        #expect(VotingAxiom.neutrality.check(t).id == "holds")
        #expect(VotingAxiom.exPostParetoEfficiency.check(t).witness
                == .voting(.dominatedWinner(profile: [[0, 1, 2], [0, 1, 2]], candidate: 1, dominatedBy: 0, probability: Rational(1, 3))))
    }

    @Test("a dictatorship of voter 0 is not anonymous: at (1>0>2, 0>1>2) candidate 0 has 0, at the voters swapped 1; 'candidate 0 wins' is not neutral")
    func asymmetries() throws {
        let dictator = try Self.table(voters: 2) { p in (0..<3).map { $0 == p[0][0] ? .one : .zero } }
        #expect(VotingAxiom.anonymity.check(dictator).witness
                == .voting(.voterAsymmetry(profile: [[1, 0, 2], [0, 1, 2]], permuted: [[0, 1, 2], [1, 0, 2]], candidate: 0, probability: .zero, permutedProbability: .one)))
        #expect(VotingAxiom.sdStrategyproofness.check(dictator).id == "holds")
        #expect(VotingAxiom.neutrality.check(dictator).id == "holds")
        let constant = try Self.table(voters: 2) { _ in [.one, .zero, .zero] }
        // Renaming by the second permutation (0, 2, 1) keeps 0; the third (1, 0, 2) sends 0 to 1, which has 0.
        #expect(VotingAxiom.neutrality.check(constant).witness
                == .voting(.candidateAsymmetry(profile: [[0, 1, 2], [0, 1, 2]], permutation: [1, 0, 2], candidate: 0, probability: .one, permutedProbability: .zero)))
        #expect(VotingAxiom.exPostParetoEfficiency.check(constant).witness
                == .voting(.dominatedWinner(profile: [[1, 0, 2], [1, 0, 2]], candidate: 0, dominatedBy: 1, probability: .one)))
    }

    @Test("registered voting mechanisms' exact Borda expected utility, m = 3: random dictator (n + 1)/n, random pair majority 4/3, 4/3, 5/4, 5/4")
    func values() throws {
        let borda = [2, 1, 0]
        for (n, rd, rpm) in [(2, Rational(3, 2), Rational(4, 3)), (3, Rational(4, 3), Rational(4, 3)), (4, Rational(5, 4), Rational(5, 4))] {
            let space = try VotingSpace(voters: n, candidates: 3)
            #expect(try VotingTable.of(RandomDictator(), space: space)?.expectedUtility(scores: borda) == rd)
            #expect(try VotingTable.of(RandomPairMajority(), space: space)?.expectedUtility(scores: borda) == rpm)
        }
    }

    @Test("random serial dictatorship on strict rankings is random dictatorship (the first dictator's top wins): the same lottery on every profile of 3 voters and 3 candidates")
    func serialDictatorOnStrictRankings() throws {
        let space = try VotingSpace(voters: 3, candidates: 3)
        let serial = try #require(try VotingTable.of(RandomSerialDictator(), space: space))
        let dictator = try #require(try VotingTable.of(RandomDictator(), space: space))
        #expect(serial.lotteries == dictator.lotteries)
        // A weak ballot first (the narrowing path): voter 0 is indifferent between 0 and 1; voter 1
        // ranks 1 first, voter 2 ranks 2 first. Orders starting with voter 0 give 1 when voter 1
        // comes next, else 0 (lowest index) after voter 2: 1/6 each; voter 1 first: 1; voter 2 first: 2.
        let lottery = try RandomSerialDictator().lottery(for: [[[0, 1], [2]], [[1], [0], [2]], [[2], [0], [1]]])
        #expect(lottery.probability(of: 0) == Rational(1, 6))
        #expect(lottery.probability(of: 1) == Rational(1, 2))
        #expect(lottery.probability(of: 2) == Rational(1, 3))
    }

    static func design(_ n: Int, _ axioms: [VotingAxiom]) throws -> VotingDesign.Result {
        try VotingDesign.design(VotingDesign.Request(agents: n, candidates: 3, axioms: axioms.map(\.id)))
    }

    @Test("Gibbard (1977), n = 2, SD-SP + anonymity + neutrality, Borda: optimum 3/2 exactly, random dictatorship (unilateral) optimal, random pair majority 4/3 not")
    func twoVoters() throws {
        let d = try Self.design(2, [.sdStrategyproofness, .anonymity, .neutrality])
        #expect(d.status == "optimal")
        #expect(d.exact)
        #expect(d.optimum == Rational(3, 2))
        #expect(d.variables == 21 * 3)
        #expect(d.checks.map(\.verdict.id) == ["holds", "holds", "holds"])
        #expect(d.compared.first { $0.mechanism == "random-dictator" }?.optimal == true)
        #expect(d.compared.first { $0.mechanism == "random-pair-majority" }?.value == Rational(4, 3))
        #expect(d.compared.first { $0.mechanism == "random-pair-majority" }?.optimal == false)
    }

    @Test("Gibbard (1977), n = 5, SD-SP + anonymity + neutrality, Borda: optimum 5/4, random pair majority (duple) optimal, random dictatorship 6/5 not")
    func fiveVoters() throws {
        let d = try Self.design(5, [.sdStrategyproofness, .anonymity, .neutrality])
        #expect(d.exact)
        #expect(d.optimum == Rational(5, 4))
        #expect(d.checks.allSatisfy { $0.verdict.id == "holds" })
        #expect(d.compared.first { $0.mechanism == "random-pair-majority" }?.optimal == true)
        #expect(d.compared.first { $0.mechanism == "random-dictator" }?.value == Rational(6, 5))
        #expect(d.compared.first { $0.mechanism == "random-dictator" }?.optimal == false)
    }

    @Test("Gibbard (1977), n = 3, SD-SP + ex-post efficiency + anonymity + neutrality: optimum 4/3, random dictatorship optimal, random pair majority not compared (not efficient)")
    func efficiency() throws {
        let d = try Self.design(3, [.sdStrategyproofness, .anonymity, .neutrality, .exPostParetoEfficiency])
        #expect(d.optimum == Rational(4, 3))
        #expect(d.exact)
        #expect(d.checks.count == 4 && d.checks.allSatisfy { $0.verdict.id == "holds" })
        #expect(d.compared.first { $0.mechanism == "random-dictator" }?.optimal == true)
        #expect(!d.compared.contains { $0.mechanism == "random-pair-majority" })
        // The designed rule is random dictatorship: at (0>1>2, 1>0>2, 2>0>1) each top wins with 1/3.
        let t = try #require(d.table)
        #expect((0..<3).map { t.probability([0, 2, 4], $0) } == [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
    }

    @Test("without SD-SP the optimum is the best candidate's score: n = 1, m = 2, plurality: value 1 on ordered profiles; veto (1, 1, 0) with ex-post efficiency, n = 2: value 1")
    func noAxioms() throws {
        let d = try VotingDesign.design(VotingDesign.Request(agents: 1, candidates: 2, axioms: [], utility: .plurality))
        #expect(d.optimum == .one)
        #expect(!d.anonymous)
        #expect(d.variables == 4)
        let veto = try VotingDesign.design(VotingDesign.Request(agents: 2, candidates: 3, axioms: ["ex-post-pareto-efficiency"], utility: .scores([1, 1, 0])))
        // Two voters rank at most two candidates last, so some candidate scores 1 for both; an
        // undominated one among those maximizing the score exists: every profile gives 1.
        #expect(veto.optimum == .one)
    }

    @Test("bad requests: a facility axiom, an unknown axiom, scores of the wrong length, too many voters (refused before building)")
    func refusals() throws {
        #expect(throws: FacilityDesign.DesignError.self) { try VotingDesign.design(VotingDesign.Request(agents: 2, candidates: 3, axioms: ["strategyproofness"])) }
        do {
            _ = try VotingDesign.design(VotingDesign.Request(agents: 2, candidates: 3, axioms: ["strategyproofness"]))
        } catch {
            #expect(error.description.contains("'strategyproofness' is an axiom of facility-location"))
        }
        do {
            _ = try VotingDesign.design(VotingDesign.Request(agents: 2, candidates: 3, axioms: ["neutrallity"]))
        } catch {
            #expect(error.description.contains("Did you mean 'neutrality'?"))
        }
        do {
            _ = try VotingDesign.design(VotingDesign.Request(agents: 2, candidates: 3, axioms: [], utility: .scores([1, 0])))
        } catch {
            #expect(error.description.contains("has 2 scores but there are 3 candidates"))
        }
        do {
            _ = try VotingDesign.design(VotingDesign.Request(agents: 7, candidates: 4, axioms: ["sd-strategyproofness"]))
            Issue.record("7 voters and 4 candidates should be refused")
        } catch {
            #expect(error.description.contains("24^7"))
        }
    }
}
