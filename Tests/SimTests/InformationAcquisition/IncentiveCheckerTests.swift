import Foundation
import Mechanisms
import Solvers
import Testing
@testable import Sim

/// The exact incentive checkers, on the LP optima (they must hold), against the brute-
/// force enumeration of deterministic deviations and the LP's own z-bounds, and on deliberately
/// broken mechanisms (they must report the violation with its witness).
@Suite("Information acquisition: incentive checkers")
struct IncentiveCheckerTests {
    static func hiring(_ name: String) throws -> HiringInstance {
        let c = try AcquisitionInstanceFile.load(repositoryRoot.appendingPathComponent("\(AcquisitionInstanceFileTests.folder)/\(name).json").path)
        guard case .hiring(let h) = c.instance else { throw InformationAcquisitionError(keyPath: "", expected: "model A", found: "model B") }
        return h
    }

    static func senders(_ name: String) throws -> SendersInstance {
        let c = try AcquisitionInstanceFile.load(repositoryRoot.appendingPathComponent("\(AcquisitionInstanceFileTests.folder)/\(name).json").path)
        guard case .senders(let s) = c.instance else { throw InformationAcquisitionError(keyPath: "", expected: "model B", found: "model A") }
        return s
    }

    @Test("the LP-A optimum is IC, IR, within [0, M] and worth the LP value; so is every pinned profile's optimum",
          arguments: ["A1", "A1b", "A2", "A3", "A4"])
    func lpOptimaHold(_ name: String) throws {
        let I = try Self.hiring(name)
        let s = try OptimalCorrelatedMechanism().solve(I)
        let m = try #require(s.mechanism)
        let r = HiringIncentiveChecker.check(m, on: I)
        #expect(r.holds, "\(name): \(r.violations.first?.explanation ?? "IR/LL/cap")")
        #expect((r.worst?.gain ?? 1) <= 1e-7)
        #expect(abs(m.principalValue(on: I) - s.result.value) < 1e-7)
        for p in try BestEffortProfile().profiles(I) where p.status == .optimal {
            #expect(HiringIncentiveChecker.check(try #require(p.mechanism), on: I).holds, "\(name) pinned \(I.efforts.label(p.profile))")
        }
    }

    @Test("the checker's per-signal maximum equals explicit enumeration of every (effort, reporting map), and the LP's own z-rows give the same bound",
          arguments: ["A1", "A2", "A3", "A4"])
    func enumerationAgrees(_ name: String) throws {
        let I = try Self.hiring(name)
        let s = try OptimalCorrelatedMechanism().solve(I)
        let m = try #require(s.mechanism)
        var compared = 0
        for i in 0..<I.agentCount {
            for bi in 0..<I.agents[i].efforts {
                let all = HiringIncentiveChecker.deterministicDeviations(m, I, agent: i, recommended: bi)
                guard !all.isEmpty else { continue }
                let X = (0..<I.efforts.count).filter { I.efforts.digit($0, i) == bi }.reduce(0.0) { $0 + m.recommendation[$1] }
                #expect(all.count == I.agents[i].efforts * Int(pow(Double(I.agents[i].signals), Double(I.agents[i].signals))))
                for dev in 0..<I.agents[i].efforts {
                    let enumerated = all.filter { $0.effort == dev }.map(\.value).max()!
                    let (pointwise, map) = HiringIncentiveChecker.bestDeviation(m, I, agent: i, recommended: bi, effort: dev)
                    #expect(abs(enumerated - pointwise) < 1e-12)
                    #expect(all.contains { $0.effort == dev && $0.map == map && abs($0.value - pointwise) < 1e-12 })
                    // The LP's rows, at its own t, bound X·(payment part of the best deviation).
                    let lpBound = s.program.rowBound(s.primal, agent: i, recommended: bi, effort: dev)
                    let payment = X * (enumerated + I.agents[i].costs[dev])
                    #expect(abs(lpBound - payment) < 1e-7, "\(name) agent \(i) b=\(bi) dev=\(dev): LP \(lpBound) vs \(payment)")
                    #expect(s.program.deviationBound(s.primal, agent: i, recommended: bi, effort: dev) >= lpBound - 1e-7)
                    compared += 1
                }
            }
        }
        #expect(compared > 0)
    }

    /// A2's natural mechanism (both agents work, each paid 1/150 for a report that matches the
    /// state, invest when both report 1) with its payments multiplied by `scale`.
    static func scaledA2(_ I: HiringInstance, scale: Double) -> CorrelatedMechanism {
        var m = CorrelatedMechanism(zeroFor: I)
        let both = I.efforts.index([1, 1])
        m.recommendation[both] = 1
        for s in 0..<I.signals.count {
            let reports = I.signals.digits(s)
            for θ in 0..<2 {
                for i in 0..<2 where reports[i] == θ {
                    m.payments[i][CorrelatedMechanism.paymentIndex(I, efforts: both, signals: s, state: θ)] = scale / 150
                }
            }
            let invest = reports == [1, 1]
            m.actionRule[CorrelatedMechanism.actionIndex(I, efforts: both, signals: s, action: invest ? 1 : 0)] = 1
        }
        return m
    }

    @Test("A2 negative test: A2's natural payments scaled by 0.99 let an agent shirk for a gain of 2.0e-5, with the witness")
    func brokenA2() throws {
        let I = try Self.hiring("A2")
        var m = Self.scaledA2(I, scale: 0.99)
        let r = HiringIncentiveChecker.check(m, on: I)
        #expect(!r.isIncentiveCompatible)
        let w = try #require(r.violations.first)
        #expect(w.agent == 0 && w.recommended == 1 && w.effort == 0 && !w.isReportingOnly)
        #expect(abs(w.gain - 2.0e-5) < 1e-12, "\(w.explanation)")
        #expect(r.violations.count == 2)  // both agents
        #expect(r.participation.isEmpty && r.limitedLiability.isEmpty && r.cap.isEmpty)
        // Unscaled, the same mechanism is exactly IC (the gain is 0) and worth V(1,1) − 2·0.8/150 = 529/750.
        for i in 0..<2 { m.payments[i] = m.payments[i].map { $0 / 0.99 } }
        let fixed = HiringIncentiveChecker.check(m, on: I)
        #expect(fixed.isIncentiveCompatible)
        #expect(abs(m.principalValue(on: I) - 529.0 / 750) < 1e-12)
    }

    @Test("a payment above the cap and a negative payment are reported as data")
    func paymentBounds() throws {
        let I = try Self.hiring("A1")
        var m = try #require(OptimalCorrelatedMechanism().solve(I).mechanism)
        let work = I.efforts.index([1])
        m.payments[0][CorrelatedMechanism.paymentIndex(I, efforts: work, signals: 1, state: 1)] = 1.5
        m.payments[0][CorrelatedMechanism.paymentIndex(I, efforts: work, signals: 0, state: 1)] = -0.25
        let r = HiringIncentiveChecker.check(m, on: I)
        #expect(r.cap.count == 1 && r.cap[0].payment == 1.5 && r.cap[0].state == 1 && r.cap[0].signals == 1)
        #expect(r.limitedLiability.count == 1 && r.limitedLiability[0].payment == -0.25)
    }

    @Test("an agent told to work under a truthful-report-rewarding rule that pays more for lying is caught misreporting")
    func reportingViolation() throws {
        let I = try Self.hiring("A1")
        var m = CorrelatedMechanism(zeroFor: I)
        let work = I.efforts.index([1])
        m.recommendation[work] = 1
        // Pays 1 for reporting 1 whatever the state: reporting 1 always is better than the truth.
        for θ in 0..<2 { m.payments[0][CorrelatedMechanism.paymentIndex(I, efforts: work, signals: 1, state: θ)] = 1 }
        for s in 0..<2 { m.actionRule[CorrelatedMechanism.actionIndex(I, efforts: work, signals: s, action: s)] = 1 }
        let r = HiringIncentiveChecker.check(m, on: I)
        let truthfulOnly = try #require(r.violations.first { $0.isReportingOnly })
        #expect(truthfulOnly.reportingMap == [1, 1] && abs(truthfulOnly.gain - 0.5) < 1e-12)
        let shirk = try #require(r.violations.first { $0.effort == 0 })
        #expect(shirk.reportingMap == [1, 1] && abs(shirk.gain - 0.6) < 1e-12)
    }

    @Test("LP-B optima are IC with non-negative payments", arguments: (1...6).flatMap { ["B\($0)-report-only", "B\($0)-state-dependent"] })
    func lpBHolds(_ name: String) throws {
        let I = try Self.senders(name)
        let s = try OptimalICMechanism().solve(I)
        let m = try #require(s.mechanism)
        let r = SendersIncentiveChecker.check(m, on: I)
        #expect(r.holds, "\(name): \(r.violations.first?.explanation ?? "LL")")
        #expect(abs(m.receiverValue(on: I) - s.result.value) < 1e-7)
    }

    @Test("B1 negative test: B1 with report-only payments and p(0) lowered from 0.2 to 0.19 gives a gain of 0.01 for lying on signal 0")
    func brokenB1() throws {
        let I = try Self.senders("B1-report-only")
        // φ follows the report; p(ŝ = 0) = 0.19 (the optimum pays 0.2).
        let m = ReceiverMechanism(actionRule: [1, 0, 0, 1], payments: [[0.19, 0.19, 0, 0]])
        let r = SendersIncentiveChecker.check(m, on: I)
        let w = try #require(r.violations.first)
        #expect(r.violations.count == 1)
        #expect(w.sender == 0 && w.signal == 0 && w.report == 1)
        #expect(abs(w.gain - 0.01) < 1e-12, "\(w.explanation)")
        let fixed = ReceiverMechanism(actionRule: [1, 0, 0, 1], payments: [[0.2, 0.2, 0, 0]])
        #expect(SendersIncentiveChecker.check(fixed, on: I).holds)
        #expect(abs(fixed.receiverValue(on: I) - 0.7) < 1e-12)
    }
}

@Suite("Information acquisition: uncorrelated checker")
struct UncorrelatedCheckerTests {
    @Test("LP-U's cheapest rules implement their target efforts on A3; a rule that pays too little does not")
    func lpURules() throws {
        let I = try IncentiveCheckerTests.hiring("A3")
        let K = try OptimalUncorrelatedMechanism().costs(I)
        // Agent 0 works, agent 1 shirks: the best uncorrelated profile (0,1) mirrored.
        let rules = [try #require(K[0][1].scoringRule), try #require(K[1][0].scoringRule)]
        let verdicts = UncorrelatedIncentiveChecker.check(rules, target: [1, 0], on: I)
        #expect(verdicts.allSatisfy { $0.implementsTarget })
        // Working pays exactly its cost of incentives: value(work) = value(shirk) at the optimum (a tie).
        #expect(abs(verdicts[0].values[1] - verdicts[0].values[0]) < 1e-7)
        let halved = [rules[0].map { $0 / 2 }, rules[1]]
        let broken = UncorrelatedIncentiveChecker.check(halved, target: [1, 0], on: I)
        #expect(!broken[0].implementsTarget && broken[0].bestResponses == [0])
    }
}

@Suite("Information acquisition: Monte Carlo replay")
struct HiringReplayTests {
    @Test("replaying the LP-A mechanism of A3 for 200,000 rounds (seed 2023) lands within 4 standard errors of 102/185")
    func replayA3() throws {
        let I = try IncentiveCheckerTests.hiring("A3")
        let m = try #require(try OptimalCorrelatedMechanism().solve(I).mechanism)
        var rng = Xoshiro256StarStar(seed: 2023)
        let r = HiringReplay.principalUtility(m, on: I, rounds: 200_000, using: &rng)
        #expect(r.standardError > 0 && r.standardError < 0.003)
        #expect(abs(r.mean - 102.0 / 185) < 4 * r.standardError, "\(r.mean) ± \(r.standardError)")
    }
}
