import Dispatch
import Testing
@testable import Solvers

/// Everything a solve returns, with doubles compared bit for bit.
private struct Fingerprint: Equatable, Sendable {
    var status: LPStatus?
    var bits: [UInt64] = []
    var exact: ExactCertificate?
    var exactFailure: String?
    var error: String?

    init(_ program: LinearProgram, method: LPMethod) {
        do {
            let solution = try GLPKSolver(method: method).solve(program)
            status = solution.status
            bits = ([solution.objective] + solution.primal + solution.rowDuals + solution.reducedCosts)
                .map(\.bitPattern)
            exact = solution.exact
            exactFailure = solution.exactFailure
        } catch {
            self.error = error.description
        }
    }
}

/// Slots written by distinct iterations of `concurrentPerform`, one index each.
private struct Slots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Fingerprint?>
}

@Suite("Parallel determinism of GLPKSolver")
struct ParallelDeterminismTests {
    @Test("1,000 random small LPs solved concurrently give bit-identical results to serial solves (seed 2025)")
    func concurrentEqualsSerial() throws {
        var rng = SplitMix64(seed: 2025)
        let programs = (0..<1000).map { _ in randomSmallProgram(using: &rng) }
        let methods: [LPMethod] = [.dualSimplex, .primalSimplex, .interiorPoint, .exact, .mip]
        let serial = programs.enumerated().map { Fingerprint($1, method: methods[$0 % methods.count]) }

        let slots = Slots(buffer: .allocate(capacity: programs.count))
        slots.buffer.initialize(repeating: nil)
        defer {
            slots.buffer.deinitialize()
            slots.buffer.deallocate()
        }
        DispatchQueue.concurrentPerform(iterations: programs.count) { i in
            slots.buffer[i] = Fingerprint(programs[i], method: methods[i % methods.count])
        }
        for i in programs.indices {
            #expect(slots.buffer[i] == serial[i], "program \(i), method \(methods[i % methods.count])")
        }
        // The sample exercises more than one answer (optimal, infeasible, unbounded).
        let statuses = Set(serial.compactMap(\.status))
        #expect(statuses.contains(.optimal))
        #expect(statuses.count >= 2, "statuses seen: \(statuses)")
        let failures = serial.indices.compactMap { i in
            serial[i].error.map { "program \(i) (\(methods[i % methods.count])): \($0)" }
        }
        #expect(failures.isEmpty, "no solve may fail on valid programs: \(failures)")
    }
}
