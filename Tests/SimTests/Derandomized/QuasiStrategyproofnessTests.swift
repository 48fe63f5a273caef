import Testing
import Mechanisms
import Solvers
@testable import Sim

@Suite("Derandomized: quasi-strategyproofness, per-seed truthfulness, ex post, responsiveness")
struct QuasiStrategyproofnessTests {
    typealias I = DerandomizedInstances

    @Test("V-1, F-1, F-2, T-1, S-1, P-1, R-1 equilibrium values of the worked instances; sincere + uniform is an equilibrium")
    func equilibriumValues() throws {
        let rd = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(RandomDictator(), method: .gameFirst), truth: I.cycle,
                                                                deviations: { _ in I.rankings(3) }) { i, w in I.borda(I.cycle[i], w) }
        #expect(rd.equilibriumValues == [.one, .one, .one] && rd.holds && rd.deviationsChecked == 3 * 5 * 3)

        let grid = I.locationGrid(I.x)
        let rr = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(FacilityMixture(RandomRank()), method: .gameFirst), truth: I.x,
                                                                deviations: { _ in grid }, utility: I.facilityUtility(I.x))
        #expect(rr.equilibriumValues == [Rational(-11, 30), Rational(-4, 15), Rational(-13, 30)] && rr.holds)

        let lrm = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(FacilityMixture(LeftRightMiddle()), method: .gameLast), truth: I.x,
                                                                 deviations: { _ in grid }, utility: I.facilityUtility(I.x))
        #expect(lrm.equilibriumValues == [Rational(-2, 5), Rational(-1, 4), Rational(-2, 5)] && lrm.holds)

        let bids = (1...18).map { Rational($0, 6) }
        let bidGrid = bids.flatMap { a in bids.map { [a, $0] } }
        let nr = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(RandomizedNisanRonen(), method: .gameFirst), truth: I.t1,
                                                                deviations: { _ in bidGrid }, utility: I.taskUtility(I.t1))
        #expect(nr.equilibriumValues == [Rational(7, 18), Rational(7, 18)] && nr.holds)

        let da = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(DeferredAcceptanceLottery(instance: .exampleS1), method: .gameFirst),
                                                                truth: I.schools, deviations: { _ in I.rankings(3) }) { i, m in I.borda(I.schools[i], m[i]) }
        #expect(da.equilibriumValues == [Rational(1, 2), Rational(1), Rational(1), Rational(2)] && da.holds)

        let levels = stride(from: 0.0, through: 10, by: 2).map { $0 }
        let part = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(try PartitionMechanism(), method: .gameFirst), truth: I.scores,
                                                                  deviations: { i in Self.scoreRows(agent: i, levels: levels) }) { i, s in s.contains(i) ? .one : .zero }
        #expect(part.equilibriumValues == [Rational(2, 3), Rational(2, 3), Rational(2, 3), .zero] && part.holds)

        let rp = try DerandomizedChecks.quasiStrategyproofness(Derandomizer(RandomPriority(), method: .gameFirst), truth: I.houses,
                                                                deviations: { _ in I.rankings(3) }) { i, a in I.borda(I.houses[i], a[i]) }
        #expect(rp.equilibriumValues == [Rational(7, 6), Rational(3, 2), Rational(5, 3)] && rp.holds)
    }

    /// Agent i's score rows with entries for the others in `levels` (own entry 0).
    static func scoreRows(agent i: Int, levels: [Double]) -> [[Double]] {
        var rows: [[Double]] = [[]]
        for j in 0..<4 { rows = rows.flatMap { r in j == i ? [r + [0]] : levels.map { r + [$0] } } }
        return rows
    }

    @Test("R-4: derandomized probabilistic serial is the exception: agent 0 (utilities 10, 9, 0) gains 13/2 -> 7 by ranking h1 first")
    func probabilisticSerialException() throws {
        let truth = [[0, 1, 2], [0, 1, 2], [1, 2, 0]]
        let utility: (Int, [Int]) throws -> Rational = { i, a in
            i == 0 ? [Rational(10), Rational(9), .zero][a[0]] : I.borda(truth[i], a[i])
        }
        let dr = Derandomizer(ProbabilisticSerial(), method: .gameLast)
        let only = try DerandomizedChecks.quasiStrategyproofness(dr, truth: truth, deviations: { i in i == 0 ? [[1, 0, 2]] : [] }, utility: utility)
        #expect(only.equilibriumValues[0] == Rational(13, 2))
        #expect(only.witness?.deviationValue == Rational(7) && only.witness?.misreport == [1, 0, 2])
        let full = try DerandomizedChecks.quasiStrategyproofness(dr, truth: truth, deviations: { _ in I.rankings(3) }, utility: utility)
        #expect(!full.holds)
        #expect(full.witness?.agent == 0 && full.witness?.misreport == [1, 0, 2] && full.witness?.deviationValue == Rational(7))
    }

    @Test("the exception search over the six domains' instances finds exactly probabilistic serial")
    func exceptionSearch() throws {
        var failing: [String] = []
        func run<M: UniformMixtureMechanism>(_ dr: Derandomizer<M>, _ truth: [M.Report], _ dev: (Int) -> [M.Report], _ u: (Int, M.Outcome) throws -> Rational) throws {
            if !(try DerandomizedChecks.quasiStrategyproofness(dr, truth: truth, deviations: dev, utility: u).holds) { failing.append(dr.base.descriptor.id) }
        }
        let r4 = [[0, 1, 2], [0, 1, 2], [1, 2, 0]]
        try run(Derandomizer(RandomDictator(), method: .gameFirst), I.cycle, { _ in I.rankings(3) }) { i, w in I.borda(I.cycle[i], w) }
        try run(Derandomizer(FacilityMixture(RandomRank()), method: .gameFirst), I.x, { _ in I.locationGrid(I.x) }, I.facilityUtility(I.x))
        try run(Derandomizer(FacilityMixture(LeftRightMiddle()), method: .gameLast), I.x, { _ in I.locationGrid(I.x) }, I.facilityUtility(I.x))
        try run(Derandomizer(RandomizedNisanRonen(), method: .gameFirst), I.t1, { _ in [[Rational(1), Rational(1)], [Rational(2), Rational(2)], [Rational(1, 2), Rational(3)]] }, I.taskUtility(I.t1))
        try run(Derandomizer(DeferredAcceptanceLottery(instance: .exampleS1), method: .gameFirst), I.schools, { _ in I.rankings(3) }) { i, m in I.borda(I.schools[i], m[i]) }
        try run(Derandomizer(try PartitionMechanism(), method: .gameFirst), I.scores, { i in Self.scoreRows(agent: i, levels: [0, 5, 10]) }) { i, s in s.contains(i) ? .one : .zero }
        try run(Derandomizer(RandomPriority(), method: .gameFirst), r4, { _ in I.rankings(3) }) { i, a in I.borda(r4[i], a[i]) }
        try run(Derandomizer(ProbabilisticSerial(), method: .gameLast), r4, { _ in I.rankings(3) }) { i, a in
            i == 0 ? [Rational(10), Rational(9), .zero][a[0]] : I.borda(r4[i], a[i])
        }
        #expect(failing == ["probabilistic-serial"])
    }

    @Test("per-seed truthfulness holds for the universally truthful originals and fails for LRM (C5: agent 0 reports 0 at the midpoint slot)")
    func perSeed() throws {
        #expect(try DerandomizedChecks.perSeedTruthfulness(RandomDictator(), truth: I.cycle, deviations: { _ in I.rankings(3) }) { i, w in I.borda(I.cycle[i], w) } == nil)
        #expect(try DerandomizedChecks.perSeedTruthfulness(FacilityMixture(RandomRank()), truth: I.x, deviations: { _ in I.locationGrid(I.x) }, utility: I.facilityUtility(I.x)) == nil)
        #expect(try DerandomizedChecks.perSeedTruthfulness(RandomPriority(), truth: I.houses, deviations: { _ in I.rankings(3) }) { i, a in I.borda(I.houses[i], a[i]) } == nil)
        #expect(try DerandomizedChecks.perSeedTruthfulness(DeferredAcceptanceLottery(instance: .exampleS1), truth: I.schools, deviations: { _ in I.rankings(3) }) { i, m in I.borda(I.schools[i], m[i]) } == nil)
        #expect(try DerandomizedChecks.perSeedTruthfulness(try PartitionMechanism(), truth: I.scores, deviations: { i in Self.scoreRows(agent: i, levels: [0, 4, 8, 10]) }) { i, s in s.contains(i) ? .one : .zero } == nil)
        let lrm = try DerandomizedChecks.perSeedTruthfulness(FacilityMixture(LeftRightMiddle()), truth: I.x, deviations: { _ in I.locationGrid(I.x) }, utility: I.facilityUtility(I.x))
        #expect(lrm?.agent == 0 && lrm?.misreport == 0 && lrm?.seed == 2)
        #expect(lrm?.sincereUtility == Rational(-2, 5) && lrm?.misreportUtility == Rational(-7, 20))
    }

    @Test("ex post for every move vector: RP Pareto efficient, DA stable, partition selects exactly k, Nisan-Ronen individually rational")
    func exPost() throws {
        let rp = Derandomizer(RandomPriority(), method: .gameFirst)
        for p in [I.houses, [[0, 1, 2], [0, 1, 2], [0, 1, 2]], [[2, 1, 0], [0, 1, 2], [1, 2, 0]]] {
            #expect(try DerandomizedChecks.firstMoveVectorViolating(rp, reports: p) { HouseAllocation.isParetoEfficient($0, reports: p) } == nil)
        }
        let schools = SchoolChoiceInstance(capacities: [1, 2], priorityClasses: [[[2], [0, 1]], []])
        let prefs = [[0, 1], [0, 1], [1, 0]]
        let da = Derandomizer(DeferredAcceptanceLottery(instance: schools), method: .gameFirst)
        #expect(try DerandomizedChecks.firstMoveVectorViolating(da, reports: prefs) { DeferredAcceptanceLottery.isStable($0, reports: prefs, schools: schools) } == nil)
        let part = Derandomizer(try PartitionMechanism(), method: .gameFirst)
        #expect(try DerandomizedChecks.firstMoveVectorViolating(part, reports: I.scores) { $0.count == 2 } == nil)
        let nr = Derandomizer(RandomizedNisanRonen(), method: .gameFirst)
        #expect(try DerandomizedChecks.firstMoveVectorViolating(nr, reports: I.t1) { o in
            (0..<2).allSatisfy { i in ((try? I.taskUtility(I.t1)(i, o)) ?? Rational(-1)) >= .zero }
        } == nil)
        // A property that does not hold for every component is caught with its move vector.
        #expect(try DerandomizedChecks.firstMoveVectorViolating(rp, reports: I.houses) { $0[0] != 0 } == [0, 0, 0])
    }

    @Test("impartiality per partition: an agent's own scores never change whether it is selected (P-1, own rows over {0,2,...,10}^3)")
    func impartiality() throws {
        let levels = stride(from: 0.0, through: 10, by: 2).map { $0 }
        for partition in SeedEncoding.balancedPartitions(agents: 4, clusters: 2) {
            for i in 0..<4 {
                let sincere = PartitionMechanism.select(I.scores, partition: partition, perCluster: 1).contains(i)
                for row in Self.scoreRows(agent: i, levels: levels) {
                    var s = I.scores
                    s[i] = row
                    #expect(PartitionMechanism.select(s, partition: partition, perCluster: 1).contains(i) == sincere)
                }
            }
        }
    }

    @Test("move-responsiveness (our proxy): every agent can change the outcome whatever the others play; not applicable when constant")
    func responsiveness() throws {
        let checks: [(applies: Bool, failure: (agent: Int, others: [Int])?)] = [
            try DerandomizedChecks.moveResponsiveness(Derandomizer(RandomDictator(), method: .gameFirst), reports: I.cycle),
            try DerandomizedChecks.moveResponsiveness(Derandomizer(RandomPriority(), method: .gameFirst), reports: I.houses),
            try DerandomizedChecks.moveResponsiveness(Derandomizer(try PartitionMechanism(), method: .gameFirst), reports: I.scores),
            try DerandomizedChecks.moveResponsiveness(Derandomizer(FacilityMixture(LeftRightMiddle()), method: .gameLast), reports: I.x),
            try DerandomizedChecks.moveResponsiveness(Derandomizer(ProbabilisticSerial(), method: .gameLast), reports: I.houses),
        ]
        for c in checks { #expect(c.applies && c.failure == nil) }
        let unanimous = try DerandomizedChecks.moveResponsiveness(Derandomizer(RandomDictator(), method: .gameFirst), reports: [[1, 0, 2], [1, 2, 0], [1, 0, 2]])
        #expect(!unanimous.applies)
        // Contrast: in a realised run of random dictatorship only the dictator's ballot matters;
        // derandomized, every agent's move is pivotal for some continuation.
        let dr = Derandomizer(RandomDictator(), method: .gameFirst)
        let base = try dr.outcome(I.cycle, moves: [[0], [0], [0]])
        #expect(try (0..<3).allSatisfy { i in try (0..<3).contains { g in var m = [[0], [0], [0]]; m[i] = [g]; return try dr.outcome(I.cycle, moves: m) != base } })
    }
}
