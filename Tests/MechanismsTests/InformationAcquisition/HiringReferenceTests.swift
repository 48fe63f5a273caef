import Solvers
import Testing
@testable import Mechanisms

/// The model A reference values (HiGHS, our
/// reconstruction of the LPs), floating point and exact.
@Suite("Information acquisition: model A reference values")
struct HiringReferenceTests {
    /// Assertion tolerance 1e-6 (the reference values were computed in floating point).
    static let tolerance = 1e-6

    /// (instance, LP-A, best pure profile, best uncorrelated) as exact fractions.
    static let table: [(String, String, String, String)] = [
        ("A1", "8/15", "8/15", "8/15"),
        ("A1b", "1/2", "1/2", "1/2"),
        ("A2", "529/750", "529/750", "529/750"),
        ("A3", "102/185", "8/15", "8/15"),
        ("A4", "38/65", "8/15", "8/15"),
    ]

    static func instance(_ id: String) throws -> HiringInstance {
        switch id {
        case "A1": return try AcquisitionFixtures.a1()
        case "A1b": return try AcquisitionFixtures.a1(c: 0.2, M: 0.5)
        case "A2": return try AcquisitionFixtures.a2()
        case "A3": return try AcquisitionFixtures.a3()
        default: return try AcquisitionFixtures.a4()
        }
    }

    static func fraction(_ s: String) -> Double {
        let p = s.split(separator: "/").map { Double($0)! }
        return p.count == 2 ? p[0] / p[1] : p[0]
    }

    @Test("LP-A, best pure profile and LP-U in floating point (dual simplex and interior point)",
          arguments: table)
    func floating(_ row: (String, String, String, String)) throws {
        let I = try Self.instance(row.0)
        for method in [LPMethod.dualSimplex, .interiorPoint] {
            let a = try OptimalCorrelatedMechanism().optimum(.hiring(I), method: method)
            let p = try BestEffortProfile().optimum(.hiring(I), method: method)
            let u = try OptimalUncorrelatedMechanism().optimum(.hiring(I), method: method)
            #expect(a.status == .optimal && p.status == .optimal && u.status == .optimal)
            #expect(abs(a.value - Self.fraction(row.1)) < Self.tolerance, "\(row.0) LP-A \(method): \(a.value)")
            #expect(abs(p.value - Self.fraction(row.2)) < Self.tolerance, "\(row.0) pure \(method): \(p.value)")
            #expect(abs(u.value - Self.fraction(row.3)) < Self.tolerance, "\(row.0) LP-U \(method): \(u.value)")
        }
    }

    @Test("the same values as exact fractions through the exact method", arguments: table)
    func exact(_ row: (String, String, String, String)) throws {
        let I = try Self.instance(row.0)
        let a = try OptimalCorrelatedMechanism().optimum(.hiring(I), method: .exact)
        let p = try BestEffortProfile().optimum(.hiring(I), method: .exact)
        let u = try OptimalUncorrelatedMechanism().optimum(.hiring(I), method: .exact)
        #expect(a.exactValue?.description == row.1, "\(row.0) LP-A: \(a.exactValue?.description ?? a.exactFailure ?? "-")")
        #expect(p.exactValue?.description == row.2, "\(row.0) pure: \(p.exactValue?.description ?? p.exactFailure ?? "-")")
        #expect(u.exactValue?.description == row.3, "\(row.0) LP-U: \(u.exactValue?.description ?? u.exactFailure ?? "-")")
    }

    @Test("the headline (Cacciamani et al. 2023a, abstract): on A3 and A4 correlation strictly beats the best uncorrelated mechanism and the best fixed profile",
          arguments: ["A3", "A4"])
    func correlationHelps(_ id: String) throws {
        let I = try Self.instance(id)
        let a = try #require(OptimalCorrelatedMechanism().optimum(.hiring(I), method: .exact).exactValue)
        let p = try #require(BestEffortProfile().optimum(.hiring(I), method: .exact).exactValue)
        let u = try #require(OptimalUncorrelatedMechanism().optimum(.hiring(I), method: .exact).exactValue)
        #expect(a > p && a > u)
        #expect(p == Rational(8, 15) && u == Rational(8, 15))
    }

    @Test("A3: the best pure profile is a single worker, (0,1) or (1,0); (1,1) alone is worth less")
    func a3Profiles() throws {
        let I = try AcquisitionFixtures.a3()
        let values = try BestEffortProfile().profiles(I)
        let byLabel = Dictionary(uniqueKeysWithValues: values.map { (I.efforts.label($0.profile), $0.value) })
        #expect(abs(byLabel["(0,0)"]! - 0.5) < Self.tolerance)
        #expect(abs(byLabel["(0,1)"]! - 8.0 / 15) < Self.tolerance)
        #expect(abs(byLabel["(1,0)"]! - 8.0 / 15) < Self.tolerance)
        #expect(byLabel["(1,1)"]! < 8.0 / 15 - Self.tolerance)
    }

    @Test("A1b: working cannot be paid for under M = 0.5, so the pinned work profile is infeasible (a reported answer)")
    func capTooSmall() throws {
        let I = try AcquisitionFixtures.a1(c: 0.2, M: 0.5)
        let values = try BestEffortProfile().profiles(I)
        #expect(values[0].status == .optimal && abs(values[0].value - 0.5) < Self.tolerance)
        #expect(values[1].status == .infeasible)
        let u = try OptimalUncorrelatedMechanism().costs(I)
        #expect(u[0][1].status == .infeasible && u[0][0].status == .optimal)
        let p = try BestEffortProfile().optimum(.hiring(I), method: .dualSimplex)
        #expect(p.details.contains { $0.0 == "infeasible_profiles" })
    }

    @Test("A3: the correlation gain grows with M (0 for M ≤ 0.5, 0.018 at 1, 0.034 at 2, 0.045 at 10, tending to ≈ 0.047)")
    func gainInM() throws {
        for (M, gain) in [(0.5, 0.0), (1, 0.018), (2, 0.034), (10, 0.045), (100, 0.047)] {
            let I = try AcquisitionFixtures.a3(M: M)
            let a = try OptimalCorrelatedMechanism().optimum(.hiring(I), method: .dualSimplex).value
            let p = try BestEffortProfile().optimum(.hiring(I), method: .dualSimplex).value
            #expect(abs((a - p) - gain) < 0.0006, "M = \(M): gain \(a - p)")
        }
    }

    @Test("LP-A size: A1 has 26 variables, 5 equalities, 28 inequalities; the 2-agent instances 116 / 17 / 104 (without IR rows)")
    func sizes() throws {
        let one = HiringProgram(try AcquisitionFixtures.a1(), individualRationality: false)
        #expect(one.program.variables.count == 26 && one.equalityCount == 5 && one.inequalityCount == 28)
        let two = HiringProgram(try AcquisitionFixtures.a3(), individualRationality: false)
        #expect(two.program.variables.count == 116 && two.equalityCount == 17 && two.inequalityCount == 104)
        let withIR = HiringProgram(try AcquisitionFixtures.a3())
        #expect(withIR.inequalityCount == 108)
    }

    @Test("the recovered LP-A mechanism is worth the LP value", arguments: ["A1", "A2", "A3", "A4"])
    func recoveredValue(_ id: String) throws {
        let I = try Self.instance(id)
        let s = try OptimalCorrelatedMechanism().solve(I)
        let m = try #require(s.mechanism)
        #expect(abs(m.principalValue(on: I) - s.result.value) < Self.tolerance)
        #expect(abs(m.recommendation.reduce(0, +) - 1) < Self.tolerance)
    }
}

extension HiringReferenceTests {
    @Test("the exact optimal x: A3 (1,0), (0,1) at 16/37 and (1,1) at 5/37; A4 6/13, 6/13, 1/13")
    func optimalRecommendation() throws {
        for (id, expected) in [("A3", ["0", "16/37", "16/37", "5/37"]), ("A4", ["0", "6/13", "6/13", "1/13"])] {
            let s = try OptimalCorrelatedMechanism().solve(try Self.instance(id), method: .exact)
            let x = try #require(s.exactRecommendation)
            #expect(x.map(\.description) == expected, "\(id): \(x)")  // profiles (0,0), (0,1), (1,0), (1,1)
        }
    }
}

extension HiringReferenceTests {
    @Test("efforts that cost more than payments capped at M can cover: every model A mechanism reports infeasible with a reason")
    func infeasibleAnswer() throws {
        var law: [HiringInstance.LawEntry] = []
        for b in 0..<2 { for θ in 0..<2 { for s in 0..<2 { law.append(.init(efforts: [b], state: θ, signals: [s], probability: 0.5)) } } }
        let I = try HiringInstance(prior: [0.5, 0.5], agents: [.init(costs: [0.6, 0.7], signals: 2)], law: law,
                                   utility: AcquisitionFixtures.matching, paymentCap: 0.5)
        let mechanisms: [any InformationAcquisitionMechanism] = [OptimalCorrelatedMechanism(), BestEffortProfile(), OptimalUncorrelatedMechanism()]
        for m in mechanisms {
            let r = try m.optimum(.hiring(I), method: .dualSimplex)
            #expect(r.status == .infeasible && r.value == -.infinity, "\(m.descriptor.id)")
            #expect(r.reason?.contains("M = 0.5") == true, "\(m.descriptor.id): \(r.reason ?? "-")")
        }
    }
}
