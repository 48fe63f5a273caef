import Foundation
import Mechanisms
import Solvers
import Testing
@testable import Sim

@Suite("Automated design of position auctions")
struct AuctionDesignTests {
    func instance(values: [Double], probabilities: [Double], advertisers: Int, positions: [Double]) throws -> AuctionInstance {
        try AuctionInstance(ctr: [[Double]](repeating: positions, count: advertisers), userModel: .independent, cap: positions.count,
                            values: [ValueDistribution](repeating: .discrete(values: values, probabilities: probabilities), count: advertisers))
    }

    @Test("Myerson (1981): the optimal DSIC, ex-post IR revenue with two bidders valued 1 or 2 (1/2 each) is 3/2 = 2 · P(some value 2)")
    func twoValues() throws {
        let x = try instance(values: [1, 2], probabilities: [0.5, 0.5], advertisers: 2, positions: [1])
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue))
        #expect(r.status == "optimal")
        #expect(r.exact)
        #expect(r.optimum == Rational(3, 2))
        let myerson = try #require(r.myersonRevenue)
        #expect(abs(myerson - 1.5) < 1e-12)
        // Welfare: the higher value always wins, E[max] = 1/4 · 1 + 3/4 · 2 = 7/4.
        let w = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .welfare))
        #expect(w.optimum == Rational(7, 4))
        #expect(w.myersonRevenue == nil)
    }

    @Test("the LP's optimal revenue equals Myerson's on irregular discrete values (ironing), two positions")
    func ironing() throws {
        let x = try instance(values: [1, 2, 3], probabilities: [0.5, 0.1, 0.4], advertisers: 2, positions: [1, 0.5])
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue))
        #expect(r.status == "optimal")
        #expect(r.exact)
        let myerson = try #require(r.myersonRevenue)
        let optimum = try #require(r.optimum)
        #expect(abs(myerson - optimum.doubleValue) < 1e-9, "LP \(optimum) vs Myerson \(myerson)")
    }

    @Test("without individual rationality the revenue is unbounded: an answer, not an error; other axioms are refused by name")
    func unboundedAndRefused() throws {
        let x = try instance(values: [1, 2], probabilities: [0.5, 0.5], advertisers: 2, positions: [1])
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic"], objective: .revenue))
        #expect(r.status == "unbounded")
        do {
            _ = try AuctionDesign.design(.init(instance: x, axioms: ["welfare-optimality"], objective: .revenue))
            Issue.record("welfare-optimality accepted")
        } catch {
            #expect("\(error)".hasPrefix("The axiom 'welfare-optimality' cannot be a constraint"))
        }
    }
}

@Suite("Designed position auctions: the constraints beside the checkers, the ordinary checks, scenario files")
struct AuctionDesignCheckTests {
    static let half = ValueDistribution.discrete(values: [1, 2], probabilities: [0.5, 0.5])

    func twoValues() throws -> AuctionInstance {
        try AuctionInstance(ctr: [[1], [1]], userModel: .independent, cap: 1, values: [Self.half, Self.half])
    }

    /// Σ_v Pr(v) Σ_i t_i(v) of a table, exactly.
    func revenue(_ t: TabulatedAuction, masses: [[Rational]]) throws -> Rational {
        var total = Rational.zero
        for e in t.entries {
            var p = Rational.one
            for (i, a) in e.profile.enumerated() { p = try p.multiplied(by: masses[i][a]) }
            for pay in e.payments { total = try total.adding(try p.multiplied(by: pay)) }
        }
        return total
    }

    @Test("Myerson on asymmetric supports {1, 2} (1/2 each) and {1, 3} (1/4, 3/4): phi = (0, 2) and (-5, 3), revenue 3/4 · 3 + 1/4 · 1/2 · 2 = 5/2")
    func asymmetric() throws {
        let x = try AuctionInstance(ctr: [[1], [1]], userModel: .independent, cap: 1,
                                    values: [Self.half, .discrete(values: [1, 3], probabilities: [0.25, 0.75])])
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue))
        #expect(r.exact && r.optimum == Rational(5, 2))
        #expect(abs(try #require(r.myersonRevenue) - 2.5) < 1e-12)
        let t = try #require(r.mechanism)
        #expect(try revenue(t, masses: [[Rational(1, 2), Rational(1, 2)], [Rational(1, 4), Rational(3, 4)]]) == Rational(5, 2))
        #expect(r.checks.map(\.axiom) == ["dsic", "individual-rationality"])
        #expect(r.checks.allSatisfy { AuctionDesign.Result.verdictID($0.verdict) == "holds" })
    }

    @Test("two positions, separable alpha = (1, 1/2), beta = (1, 1/2): E[Σ_j beta_j (j-th highest positive alpha_i phi_i)] = 1/4 + 13/8 = 15/8")
    func separableTwoPositions() throws {
        let x = try AuctionInstance.separable(alpha: [1, 0.5], beta: [1, 0.5], cap: 2,
                                              values: [.discrete(values: [1, 2, 3], probabilities: [0.25, 0.25, 0.5]), Self.half])
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue))
        #expect(r.exact && r.optimum == Rational(15, 8))
        #expect(abs(try #require(r.myersonRevenue) - 1.875) < 1e-12)
        // 6 profiles × (2 · 2 allocations + 2 payments) variables; per profile 2 + 2 assignment
        // rows, 2 IR rows and (2 + 1) DSIC rows.
        #expect(r.variables == 36 && r.constraints == 6 * (4 + 2 + 3))
        let t = try #require(r.mechanism)
        #expect(t.entries.count == 6)
        #expect(r.checks.allSatisfy { AuctionDesign.Result.verdictID($0.verdict) == "holds" })
        // Every row of the table is a feasible lottery: x_ij ≥ 0, rows and columns sum to ≤ 1.
        for e in t.entries {
            for row in e.allocation {
                let sum = try row.reduce(Rational.zero) { try $0.adding($1) }
                #expect(row.allSatisfy { $0.signum >= 0 } && sum <= Rational.one)
            }
        }
    }

    @Test("the axioms declare their rows beside the checkers: DSIC has |V_i| - 1 rows per advertiser and profile, IR one; the program is the same size as before")
    func declaredRows() throws {
        let x = try twoValues()
        let space = try AuctionTypeSpace(x, supports: [[1, 2], [1, 2]])
        #expect(space.profiles == [[0, 0], [0, 1], [1, 0], [1, 1]])
        let dsic = AuctionDSIC().rows(at: [1, 0], advertiser: 0, in: space)
        #expect(dsic.count == 1)
        // 2 x_00(2,1) - t_0(2,1) - 2 x_00(1,1) + t_0(1,1) >= 0.
        #expect(Set(dsic[0].terms) == [
            .init(.allocation(profile: [1, 0], advertiser: 0, position: 0), Rational(2)),
            .init(.payment(profile: [1, 0], advertiser: 0), Rational(-1)),
            .init(.allocation(profile: [0, 0], advertiser: 0, position: 0), Rational(-2)),
            .init(.payment(profile: [0, 0], advertiser: 0), Rational(1)),
        ])
        #expect(dsic[0].relation == .greaterOrEqual && dsic[0].bound == .zero)
        #expect(AuctionIndividualRationality().rows(at: [0, 1], advertiser: 1, in: space).count == 1)
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue))
        // 4 profiles × 4 variables; per profile 2 + 1 assignment rows, 2 IR rows, 2 DSIC rows.
        #expect(r.variables == 16 && r.constraints == 28)
    }

    @Test("two values, DSIC + IR: the designed auction passes the ordinary checkers; its exact table earns 3/2")
    func twoValuesChecked() throws {
        let x = try twoValues()
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue))
        let t = try #require(r.mechanism)
        #expect(try revenue(t, masses: [[Rational(1, 2), Rational(1, 2)], [Rational(1, 2), Rational(1, 2)]]) == Rational(3, 2))
        #expect(r.checksText == "dsic holds, individual-rationality holds")
        // Bids outside the supports are refused, not guessed.
        #expect(throws: AuctionError.self) { try t.outcome(x, bids: [1.5, 2]) }
        let json = r.json(request: .init(instance: x, axioms: ["dsic", "individual-rationality"], objective: .revenue), includeTimes: false).rendered()
        #expect(json.contains("\"checks\""))
        #expect(json.contains("\"mechanism\""))
    }

    @Test("without DSIC the revenue-optimal IR auction extracts E[max v] = 1/4 · 1 + 3/4 · 2 = 7/4, and the DSIC checker finds the advertiser who gains by bidding 1")
    func droppedDSIC() throws {
        let x = try twoValues()
        let r = try AuctionDesign.design(.init(instance: x, axioms: ["individual-rationality"], objective: .revenue))
        #expect(r.exact && r.optimum == Rational(7, 4))
        #expect(r.checksText == "individual-rationality holds")
        let t = try #require(r.mechanism)
        // Full extraction: t_i = v_i x_i, and the whole slot is sold at (1, 1), a to advertiser 0.
        let a = try #require(t.entries.first { $0.profile == [0, 0] }).allocation[0][0].doubleValue
        let v = AuctionAxioms.check(t, axiom: "dsic", instance: x)
        let w = try #require(v.witness)
        // At (1, 2) advertiser 1 pays 2 (utility 0) but bidding 1 gets 1 - a of the slot at price
        // 1 each: gain 1 - a; when a = 1 advertiser 0 at (2, 1) gains a instead.
        if a < 1 {
            #expect(w.values == [1, 2] && w.advertiser == 1 && w.misreport == 1)
            #expect(abs(w.required) < 1e-12 && abs(w.found - (1 - a)) < 1e-12)
        } else {
            #expect(w.values == [2, 1] && w.advertiser == 0 && w.misreport == 1)
            #expect(abs(w.required) < 1e-12 && abs(w.found - a) < 1e-12)
        }
    }

    static let scenarioPath = repositoryRoot.appendingPathComponent("scenarios/papers/automated-design/myerson-revenue.yaml").path

    @Test("myerson-revenue.yaml through the study pipeline: 3/2, 5/2 and 15/8, Myerson optimal, checks hold; the report shows the designs")
    func scenario() throws {
        let study = try #require(try ScenarioFile.load(file: Self.scenarioPath) as? AuctionStudy)
        #expect(study.scenario.designs.map(\.name) == ["two values", "asymmetric supports", "two positions, separable"])
        let r = try AuctionScenarioRunner.run(study.scenario, threads: 1)
        #expect(!r.failed)
        let optima = r.designs.map { (try? $0.result.get())?.optimum }
        #expect(optima == [Rational(3, 2), Rational(5, 2), Rational(15, 8)])
        #expect(r.expectations.filter { $0.keyPath.hasPrefix("design") }.count == 12)
        let text = AuctionReport.text(r)
        #expect(text.contains("design asymmetric supports"))
        #expect(text.contains("Optimum: 5/2"))
        let json = AuctionReport.json([r])
        #expect(json.contains("\"designs\""))
        #expect(json.contains("15/8"))
    }

    @Test("myerson-revenue.yaml: shards 0/3, 1/3, 2/3 merged in shuffled order give the whole run's bytes; threads 1 and 2 agree")
    func shards() throws {
        let text = try String(contentsOfFile: Self.scenarioPath, encoding: .utf8)
        let study = try #require(try ScenarioFile.parse(text, file: Self.scenarioPath) as? AuctionStudy)
        let whole = AuctionScenarioResult.json([try study.run(threads: 1)])
        #expect(AuctionScenarioResult.json([try study.run(threads: 2)]) == whole)
        let files = try (0..<3).map { i in
            let shard = Shard(index: i, count: 3)
            let rendered = ShardFile(shard: shard, parts: [try StudyPipeline.shardPart(study, shard: shard, threads: 2)]).rendered()
            return ("part\(i).json", try ShardFile.parse(Data(rendered.utf8), path: "part\(i).json"))
        }
        let merged = try ShardFile.merge([files[1], files[2], files[0]])
        let result = try #require(try StudyPipeline.finish(merged[0], threads: 1) as? AuctionScenarioResult)
        #expect(AuctionScenarioResult.json([result]) == whole)
    }
}
