import Mechanisms
import Solvers
import Testing
@testable import Sim

@Suite("Uniqueness of a design's answer, and universal axioms as a mixture of phantom rules")
struct DesignUniquenessTests {
    /// x1 + x2 = 1, x >= 0, and the extra rows.
    func simplex(_ extra: [([(Int, Double)], LinearProgram.Constraint.Bound)] = [], objective: [Double] = [0, 0]) -> LinearProgram {
        var lp = LinearProgram(sense: .minimize)
        lp.addVariable(lower: 0, upper: .infinity, name: "x1", objective: objective[0])
        lp.addVariable(lower: 0, upper: .infinity, name: "x2", objective: objective[1])
        lp.addConstraint([(0, 1), (1, 1)], .equal(1), name: "sum")
        for (terms, bound) in extra { lp.addConstraint(terms, bound) }
        return lp
    }

    @Test("A segment is not unique: from the end (1, 0) the second point is the other end (0, 1)")
    func segmentFromEnd() {
        let v = DesignUniqueness.decide(simplex(), at: [.one, .zero], variables: [0, 1], groups: [[0, 1]])
        guard case .notUnique(let d, let second, _) = v else { Issue.record("expected not unique, got \(v)"); return }
        #expect(d[1] > .zero)
        #expect(second == [.zero, .one])
    }

    @Test("A segment cut by x1 <= 1/2 seen from (1/2, 1/2): the only direction lowers x1; the second point is (0, 1)")
    func segmentOneSided() {
        let lp = simplex([([(0, 1)], .lessOrEqual(0.5))])
        let v = DesignUniqueness.decide(lp, at: [Rational(1, 2), Rational(1, 2)], variables: [0, 1])
        guard case .notUnique(_, let second, _) = v else { Issue.record("expected not unique, got \(v)"); return }
        #expect(second == [.zero, .one])
    }

    @Test("x1 + x2 = 1 and x1 = x2 is the single point (1/2, 1/2): unique")
    func point() {
        let lp = simplex([([(0, 1), (1, -1)], .equal(0))])
        let v = DesignUniqueness.decide(lp, at: [Rational(1, 2), Rational(1, 2)], variables: [0, 1], groups: [[0, 1]])
        #expect(v.isUnique == true)
        // Without the group the two signs of each coordinate are tried: still unique.
        #expect(DesignUniqueness.decide(lp, at: [Rational(1, 2), Rational(1, 2)], variables: [0, 1]).isUnique == true)
    }

    @Test("The optimal face, not the feasible set: min x1 on the segment is the end (0, 1) alone; min x1 + x2 is the whole segment")
    func optimalFace() {
        #expect(DesignUniqueness.decide(simplex(objective: [1, 0]), at: [.zero, .one], variables: [0, 1]).isUnique == true)
        #expect(DesignUniqueness.decide(simplex(objective: [1, 1]), at: [.zero, .one], variables: [0, 1]).isUnique == false)
    }

    @Test("Judged on the chosen variables only: x = 1/2 is unique although the free pair y1 + y2 = 1 beside it is not")
    func projection() {
        var lp = LinearProgram(sense: .minimize)
        for name in ["x", "y1", "y2"] { lp.addVariable(lower: 0, upper: .infinity, name: name) }
        lp.addConstraint([(0, 2)], .equal(1))
        lp.addConstraint([(1, 1), (2, 1)], .equal(1))
        let p = [Rational(1, 2), .one, .zero]
        #expect(DesignUniqueness.decide(lp, at: p, variables: [0]).isUnique == true)
        #expect(DesignUniqueness.decide(lp, at: p, variables: [0, 1, 2]).isUnique == false)
    }

    @Test("The unanimous phantom rules for n = 2 on the grid {0, 1}: one inner phantom at 0, 1/2 or 1 (leftmost, the phantom 1/2, rightmost)")
    func phantomRulesTwoAgents() {
        let grid = DesignGrid(agents: 2, resolution: 1)
        let rules = PhantomMixture.rules(on: grid)
        #expect(rules == [[0], [1], [2]])
        // At (0, 1), outcome indices on {0, 1/2, 1}: the inner phantom itself.
        #expect(rules.map { PhantomMixture.outcome(inner: $0, at: [0, 1], on: grid) } == [0, 1, 2])
        #expect(rules.map { PhantomMixture.outcome(inner: $0, at: [1, 1], on: grid) } == [2, 2, 2])
        #expect(PhantomMixture.ruleCount(agents: 2, grid: 1) == 3)
        #expect(PhantomMixture.ruleCount(agents: 4, grid: 2) == 35)
        #expect(PhantomMixture.rules(on: DesignGrid(agents: 4, resolution: 2)).count == 35)
    }

    @Test("n = 2 on the grid {0, 1}: Strong Proportionality only asks E[Y] = 1/2 at (0, 1), so w(0) = w(1) and the answer is not unique")
    func twoAgentsCoarseGrid() throws {
        let r = try FacilityDesign.design(.init(agents: 2, grid: 1, axioms: ["universal-truthfulness", "universal-anonymity", "strong-proportionality-in-expectation", "unanimity"],
                                                objective: .feasibility, compare: false, verify: false, threads: 1, uniqueness: true))
        #expect(r.status == "optimal")
        #expect(r.unique == false)
        let difference = try #require(r.difference)
        #expect(difference.profile == [0, 1])
        // Each lottery at (0, 1) has mean 1/2: E[Y] = Σ h/2 · p.
        for lottery in [difference.designed, difference.other] {
            let mean = lottery.reduce(Rational.zero) { (try? $0.adding(try Rational($1.outcome, 2).multiplied(by: $1.probability))) ?? $0 }
            #expect(mean == Rational(1, 2))
        }
        let weights = r.mixture.reduce(Rational.zero) { (try? $0.adding($1.weight)) ?? $0 }
        #expect(weights == .one)
    }

    @Test("Random Rank is the unique point for n = 3 on the grid 1/4: weight 1/3 on each order statistic")
    func randomRankThreeAgents() throws {
        let r = try FacilityDesign.design(.init(agents: 3, grid: 4, axioms: ["universal-truthfulness", "universal-anonymity", "strong-proportionality-in-expectation", "unanimity"],
                                                objective: .feasibility, compare: false, verify: true, threads: 1, uniqueness: true))
        #expect(r.unique == true)
        // (0, 0, 1): 2/3 at 0, 1/3 at 1 (outcome indices on {0, 1/8, ..., 1}).
        let lottery = try #require(r.lotteries.first { $0.profile == [0, 0, 4] }).lottery
        #expect(lottery.map(\.outcome) == [0, 8])
        #expect(lottery.map(\.probability) == [Rational(2, 3), Rational(1, 3)])
        // The designed mixture: the order statistics, phantoms (0, 0, 0, 1), (0, 0, 1, 1), (0, 1, 1, 1).
        #expect(r.mixture.map(\.phantoms) == [[0, 0, 0, 8], [0, 0, 8, 8], [0, 8, 8, 8]])
        #expect(r.mixture.map(\.weight) == [Rational(1, 3), Rational(1, 3), Rational(1, 3)])
        #expect(r.checks.allSatisfy { $0.verdict == .holds })
        #expect(r.mechanism?.components(agentCount: 3).count == 3)
    }

    @Test("Without unanimity, n = 2: the fair coin between the constant rules 0 and 1 is universally truthful, universally anonymous and Strong Proportional in expectation, and is not Random Rank")
    func coinBetweenConstants() throws {
        struct Coin: FacilityLocationMechanism {
            static let descriptor = MechanismDescriptor(id: "coin", name: "coin", domain: .facilityLocation, summary: "", isRandomized: true, references: [], claims: [])
            var descriptor: MechanismDescriptor { Self.descriptor }
            func lottery(for profile: FacilityProfile) -> Lottery<Double> { (try? Lottery(locations: [(0, 0.5), (1, 0.5)])) ?? Lottery(certain: 0) }
            func components(agentCount: Int) -> [FacilityComponent] {
                [FacilityComponent(weight: 0.5, mechanism: try! Phantom(phantoms: [0, 0, 0])),
                 FacilityComponent(weight: 0.5, mechanism: try! Phantom(phantoms: [1, 1, 1]))]
            }
        }
        let space = SearchSpace.grid(agents: 2, resolution: 4)
        for id in ["universal-truthfulness", "universal-anonymity", "strong-proportionality-in-expectation"] {
            let r = try AxiomChecker.check(Coin(), against: try AxiomRegistry.axiom(id), over: space, shrink: false, threads: 1)
            #expect(r.verdict == .holds, "\(id)")
        }
        let unanimity = try AxiomChecker.check(Coin(), against: try AxiomRegistry.axiom("unanimity"), over: space, shrink: false, threads: 1)
        #expect(unanimity.verdict.id == "violated")
    }

    @Test("Refusals: the universal axioms alone, or without unanimity, in a randomized design; --deterministic keeps them")
    func refusals() throws {
        for axioms in [["universal-truthfulness"], ["universal-anonymity", "unanimity"], ["universal-truthfulness", "universal-anonymity"]] {
            #expect(throws: FacilityDesign.DesignError.self, "\(axioms)") {
                try FacilityDesign.constraints(axioms, deterministic: false)
            }
        }
        do {
            _ = try FacilityDesign.constraints(["universal-truthfulness", "universal-anonymity"], deterministic: false)
        } catch {
            #expect(error.description.contains("add unanimity to the axioms"))
        }
        #expect(try FacilityDesign.constraints(["universal-truthfulness"], deterministic: true).count == 1)
        #expect(try FacilityDesign.constraints(["universal-truthfulness", "universal-anonymity", "unanimity"], deterministic: false).count == 3)
    }
}
