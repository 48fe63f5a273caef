import Mechanisms
import Solvers
import Testing
@testable import Sim

@Suite("Automated design of facility-location mechanisms")
struct DesignTests {
    static let sp = "strategyproofness-in-expectation"

    func design(_ n: Int, _ g: Int, _ axioms: [String], _ objective: FacilityDesign.Objective, deterministic: Bool = false,
                method: FacilityDesign.Method = .simplex, compare: Bool = false) throws -> FacilityDesign.Result {
        try FacilityDesign.design(FacilityDesign.Request(agents: n, grid: g, axioms: axioms, objective: objective, deterministic: deterministic,
                                                         method: method, compare: compare, verify: true, threads: 2))
    }

    @Test("Procaccia-Tennenholtz (EC 2009): the best max-cost ratio of SP-in-expectation mechanisms is 3/2, with and without anonymity")
    func maxCostThreeHalves() throws {
        let ordered = try design(2, 4, [Self.sp], .maxCost)
        #expect(ordered.status == "optimal")
        #expect(ordered.exact)
        #expect(ordered.optimum == Rational(3, 2))
        #expect(!ordered.anonymous)
        // 25 ordered profiles x 9 outcomes + the ratio variable.
        #expect(ordered.variables == 25 * 9 + 1)
        let multisets = try design(3, 4, [Self.sp, "anonymity"], .maxCost)
        #expect(multisets.optimum == Rational(3, 2))
        #expect(multisets.exact)
        // C(4 + 3, 3) = 35 multisets.
        #expect(multisets.variables == 35 * 9 + 1)
        // The worst case is attained where the reports span the whole interval, e.g. (0, 0, 1).
        #expect(multisets.worstProfiles.contains([0, 0, 4]))
        for check in ordered.checks + multisets.checks { #expect(check.verdict == .holds, "\(check.axiom)") }
    }

    @Test("total cost under SP in expectation and anonymity: 1, the median")
    func totalCostMedian() throws {
        let r = try design(3, 4, [Self.sp, "anonymity"], .totalCost)
        #expect(r.optimum == Rational(1))
        #expect(r.exact)
    }

    @Test("rho(n): the SW ratio of SP, anonymous, UFS-in-expectation mechanisms is 6/5 (n = 3, 4) and 20/17 (n = 5)")
    func welfareRho() throws {
        let axioms = [Self.sp, "anonymity", "unanimous-fair-share-in-expectation"]
        for (n, expected) in [(3, Rational(6, 5)), (4, Rational(6, 5)), (5, Rational(20, 17))] {
            let r = try design(n, 4, axioms, .socialWelfare)
            #expect(r.optimum == expected, "n = \(n)")
            #expect(r.exact, "n = \(n): \(r.exactNote)")
            for check in r.checks { #expect(check.verdict == .holds, "n = \(n) \(check.axiom)") }
        }
    }

    @Test("total cost of SP, anonymous, UFS mechanisms: 2 - 2/n = 4/3 for n = 3; Uniform Phantom is not optimal (n - 1 = 2)")
    func totalCostUFS() throws {
        let r = try design(3, 6, [Self.sp, "anonymity", "unanimous-fair-share-in-expectation"], .totalCost, compare: true)
        #expect(r.optimum == Rational(4, 3))
        let up = try #require(r.compared.first { $0.mechanism == "uniform-phantom" })
        #expect(abs(up.value - 2) < 1e-12)
        #expect(!up.optimal)
    }

    @Test("the comparison names the registered mechanisms that reach the optimum: LRM for max cost")
    func comparisonLRM() throws {
        let r = try design(2, 4, [Self.sp, "anonymity"], .maxCost, compare: true)
        let lrm = try #require(r.compared.first { $0.mechanism == "left-right-middle" || $0.mechanism == "lrm" })
        #expect(lrm.optimal)
        #expect(lrm.fraction == "3/2")
        // The median is SP and anonymous but has max-cost ratio 2.
        let median = try #require(r.compared.first { $0.mechanism == "median" })
        #expect(abs(median.value - 2) < 1e-12)
        #expect(!median.optimal)
        // The Midpoint is not strategyproof: it is not compared.
        #expect(!r.compared.contains { $0.mechanism == "midpoint" })
    }

    @Test("GLPK's rational simplex gives the same exact optimum as the checked simplex point (n = 2, grid 1/2: 4/3)")
    func exactMethod() throws {
        // On the coarse grid {0, 1/2, 1} the optimum is 4/3, below the continuum's 3/2: e.g. at
        // (0, 1) the lottery 0 w.p. 1/3, 1/2 w.p. 2/3 has E[max cost] = 1/3 + 1/3 = 2/3 = 4/3 · 1/2.
        let exact = try design(2, 2, [Self.sp, "anonymity"], .maxCost, method: .exact)
        let simplex = try design(2, 2, [Self.sp, "anonymity"], .maxCost)
        #expect(exact.exact && simplex.exact)
        #expect(exact.optimum == Rational(4, 3))
        #expect(simplex.optimum == Rational(4, 3))
        #expect(exact.exactNote.contains("glp_exact"))
    }

    @Test("--deterministic (a MIP): the median is the best deterministic SP mechanism for total cost (ratio 1); for max cost the 0/1 optimum on the grid 1/4 is 5/3")
    func deterministic() throws {
        let total = try design(3, 4, ["strategyproofness", "anonymity"], .totalCost, deterministic: true)
        #expect(total.status == "optimal")
        #expect(total.optimum == Rational(1))
        let r = try design(2, 4, ["strategyproofness", "anonymity"], .maxCost, deterministic: true)
        #expect(r.status == "optimal")
        // Below the continuum's bound 2 (reports 1/4 apart cannot make the median's worst case):
        // at (1/4, 1) the facility at 3/8 costs 5/8 = 5/3 · OPT (OPT = 3/8).
        #expect(r.optimum == Rational(5, 3))
        #expect(r.worstProfiles == [[1, 4]])
        for (_, lottery) in r.lotteries + total.lotteries { #expect(lottery.count == 1 && lottery[0].probability == .one) }
        for check in r.checks + total.checks { #expect(check.verdict == .holds, "\(check.axiom)") }
    }

    @Test("an infeasible axiom set is an answer: no deterministic SP mechanism is Strong Proportional (n = 4)")
    func infeasible() throws {
        let r = try design(4, 2, ["strategyproofness", "strong-proportionality"], .totalCost, deterministic: true)
        #expect(r.status == "infeasible")
        #expect(r.optimum == nil)
        #expect(r.mechanism == nil)
    }

    @Test("an axiom that is not a constraint is refused by name")
    func refusals() {
        #expect(throws: FacilityDesign.DesignError.self) { try design(2, 2, ["continuity"], .maxCost) }
        do {
            _ = try design(2, 2, ["unanimous-fair-share"], .maxCost)
            Issue.record("ex-post UFS accepted without --deterministic")
        } catch {
            #expect("\(error)".hasPrefix("The axiom 'unanimous-fair-share' cannot be a constraint"))
            #expect("\(error)".contains("--deterministic"))
        }
        do {
            _ = try design(6, 200, [Self.sp], .maxCost)
            Issue.record("a huge grid accepted")
        } catch {
            #expect("\(error)".contains("201^6"))
            #expect("\(error)".contains("variables"))
        }
    }

    @Test("each linear axiom's rows hold for a mechanism its checker accepts (Uniform Phantom, n = 3)")
    func rowsMatchCheckers() throws {
        // UP's outcomes k/3 are on the half-step grid of g = 3 (multiples of 1/6).
        let grid = DesignGrid(agents: 3, resolution: 3)
        let up = UniformPhantom()
        func p(_ x: [Int], _ h: Int) -> Rational {
            let y = up.location(for: FacilityProfile(trusted: x.map { Double($0) / 3 }))
            return abs(y - Double(h) / 6) < 1e-12 ? .one : .zero
        }
        let axioms: [any LinearFacilityAxiom] = [StrategyProofness(.inExpectation), Anonymity(), Unanimity(), UnanimousFairShare(.inExpectation),
                                                 IndividualFairShare(.inExpectation), ProportionalFairness(.inExpectation), Proportionality(.inExpectation),
                                                 ParetoEfficiency()]
        var rows = 0
        for a in 0...3 { for b in 0...3 { for c in 0...3 {
            for axiom in axioms {
                for row in axiom.lotteryRows(at: [a, b, c], on: grid) {
                    rows += 1
                    var activity = Rational.zero
                    for t in row.terms { activity = try activity.adding(try t.coefficient.multiplied(by: p(t.profile, t.outcome))) }
                    let ok = switch row.relation {
                    case .lessOrEqual: activity <= row.bound
                    case .equal: activity == row.bound
                    case .greaterOrEqual: activity >= row.bound
                    }
                    #expect(ok, "\(axiom.id) at (\(a), \(b), \(c))")
                }
            }
        } } }
        #expect(rows > 1000)
        // Strong proportionality fails for UP at (1/3, 1/3, 1): its row is violated there.
        let sprop = StrongProportionality(.inExpectation).lotteryRows(at: [1, 1, 3], on: grid)
        #expect(sprop.count == 1)
        var activity = Rational.zero
        for t in sprop[0].terms { activity = try activity.adding(try t.coefficient.multiplied(by: p(t.profile, t.outcome))) }
        #expect(activity != .zero)
    }

    @Test("the JSON carries the contract's fields with the optimum as a fraction")
    func json() throws {
        let r = try design(2, 4, [Self.sp, "anonymity"], .maxCost, compare: true)
        let text = r.json().rendered()
        for key in ["\"domain\": \"facility-location\"", "\"agents\": 2", "\"grid\": 4", "\"status\": \"optimal\"", "\"optimum\": \"3/2\"",
                    "\"optimum_decimal\": 1.5", "\"exact\": true", "\"worst_profiles\": [", "\"mechanism\": [", "\"compared\": [",
                    "{\"mechanism\": \"lrm\", \"value\": 1.5, \"fraction\": \"3/2\", \"optimal\": true}", "\"variables\": 136", "\"constraints\": ", "\"seconds\": "] {
            #expect(text.contains(key), "\(key)")
        }
    }
}
