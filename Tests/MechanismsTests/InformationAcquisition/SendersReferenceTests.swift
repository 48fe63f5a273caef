import Solvers
import Testing
@testable import Mechanisms

/// The model B reference values of LP-B in both payment
/// variants, floating point and exact.
@Suite("Information acquisition: model B reference values")
struct SendersReferenceTests {
    /// (instance, OPT with report-only payments, OPT with state-dependent payments).
    static let table: [(Int, String, String)] = [
        (1, "7/10", "7/10"),
        (2, "1/2", "14/25"),
        (3, "4/5", "4/5"),
        (4, "287/500", "287/500"),
        (5, "4/5", "4/5"),
        (6, "1/2", "14/25"),
    ]

    @Test("LP-B values, both variants, dual simplex, interior point and exact", arguments: table)
    func values(_ row: (Int, String, String)) throws {
        for (payments, expected) in [(SendersInstance.Payments.reportOnly, row.1), (.stateDependent, row.2)] {
            let I = try AcquisitionFixtures.b(row.0, payments)
            let target = HiringReferenceTests.fraction(expected)
            for method in [LPMethod.dualSimplex, .interiorPoint] {
                let r = try OptimalICMechanism().optimum(.senders(I), method: method)
                #expect(r.status == .optimal)
                #expect(abs(r.value - target) < HiringReferenceTests.tolerance, "B\(row.0) \(payments.rawValue) \(method): \(r.value)")
            }
            let e = try OptimalICMechanism().optimum(.senders(I), method: .exact)
            #expect(e.exactValue?.description == expected, "B\(row.0) \(payments.rawValue): \(e.exactValue?.description ?? e.exactFailure ?? "-")")
        }
    }

    @Test("B2 and B6 separate the payment variants (0.5 against 0.56); the recovered mechanism is worth the LP value",
          arguments: [2, 6])
    func variantsDiffer(_ id: Int) throws {
        let report = try OptimalICMechanism().solve(try AcquisitionFixtures.b(id, .reportOnly))
        let state = try OptimalICMechanism().solve(try AcquisitionFixtures.b(id, .stateDependent))
        #expect(state.result.value > report.result.value + 0.05)
        let I = try AcquisitionFixtures.b(id, .stateDependent)
        #expect(abs(try #require(state.mechanism).receiverValue(on: I) - 0.56) < HiringReferenceTests.tolerance)
    }

    @Test("LP-B size: B1 has 6 (8) variables, 1 + 1 equalities... 2 IC rows; 2-sender instances 16 (24), 4 IC rows")
    func sizes() throws {
        let b1 = OptimalICMechanism.program(try AcquisitionFixtures.b(1, .reportOnly))
        #expect(b1.program.variables.count == 6 && b1.equalityCount == 2 && b1.program.constraints.count - 2 == 2)
        #expect(OptimalICMechanism.program(try AcquisitionFixtures.b(1, .stateDependent)).program.variables.count == 8)
        let b4 = OptimalICMechanism.program(try AcquisitionFixtures.b(4, .reportOnly))
        #expect(b4.program.variables.count == 16 && b4.equalityCount == 4 && b4.program.constraints.count - 4 == 4)
        #expect(OptimalICMechanism.program(try AcquisitionFixtures.b(4, .stateDependent)).program.variables.count == 24)
    }
}
