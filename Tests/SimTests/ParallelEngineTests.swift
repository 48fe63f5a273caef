import Foundation
import Mechanisms
import Testing
@testable import Sim

@Suite("The parallel engine")
struct ParallelEngineTests {
    @Test("results come back in index order for 1, 2 and 7 threads, with each worker's workspace reused")
    func order() {
        for threads in [1, 2, 7] {
            let squares = ParallelEngine(threads: threads).map(3..<203) { $0 * $0 }
            #expect(squares == (3..<203).map { $0 * $0 }, "threads \(threads)")
        }
        // A workspace is built once per worker and never shared: the sum of the items each
        // workspace saw is the sum of all items.
        let seen = ParallelEngine(threads: 4).map(0..<100, makeWorkspace: { 0 }) { i, ws -> Int in
            ws += 1
            return i
        }
        #expect(seen.reduce(0, +) == 4_950)
    }

    @Test("with one thread every item runs on the calling thread, in order")
    func oneThreadUsesOneCore() {
        let caller = pthread_self()
        let log = Locked<[Int]>([])
        let sameThread = ParallelEngine(threads: 1).map(0..<64) { i -> Bool in
            log.withLock { $0.append(i) }
            return pthread_equal(pthread_self(), caller) != 0
        }
        #expect(sameThread.allSatisfy { $0 })
        #expect(log.withLock { $0 } == Array(0..<64))
    }

    @Test("the lowest failing index's error is rethrown, whatever the thread count")
    func lowestError() {
        struct Failure: Error, Equatable { let index: Int }
        for threads in [1, 2, 5] {
            #expect(throws: Failure(index: 17)) {
                _ = try ParallelEngine(threads: threads).map(0..<400) { (i: Int) throws(Failure) -> Int in
                    if i == 17 || i == 18 || i == 300 { throw Failure(index: i) }
                    return i
                }
            }
        }
    }

    @Test("progress reports every item once, ending at the total")
    func progress() {
        let reports = Locked<[Int]>([])
        _ = ParallelEngine(threads: 3).map(0..<50, progress: { done, total in
            #expect(total == 50)
            reports.withLock { $0.append(done) }
        }) { $0 }
        #expect(reports.withLock { $0.sorted() } == Array(1...50))
    }

    @Test("a grid scan gives the same first violation and count for 1, 2 and 7 threads (Average, n = 3, g = 6: agent 2 at (0, 0, 1/6))")
    func gridScanThreads() throws {
        var results: [AxiomCheckResult] = []
        for threads in [1, 2, 7] {
            results.append(try AxiomChecker.check(Average(), against: StrategyProofness(), over: .grid(agents: 3, resolution: 6),
                                                  shrink: false, tabulate: false, threads: threads))
        }
        let w = try #require(results[0].verdict.witness)
        #expect(w.profile == [0, 0, 1.0 / 6] && w.agent == 2)
        #expect(results[0].profilesChecked == 2)
        for r in results.dropFirst() {
            #expect(r.profilesChecked == results[0].profilesChecked)
            #expect(r.verdict.witness?.profile == w.profile && r.verdict.witness?.misreport == w.misreport)
        }
    }

    @Test("the worst-case ratio search gives the same ratio, profile and count for 1 and 3 threads (median, max cost, n = 3, g = 6: 2)")
    func worstCaseThreads() {
        let a = WorstCaseRatio.search(Median(), objective: .maxCost, agents: 3, resolution: 6, threads: 1)
        let b = WorstCaseRatio.search(Median(), objective: .maxCost, agents: 3, resolution: 6, threads: 3)
        #expect(abs(a.ratio - 2) < 1e-12)
        #expect(a.ratio == b.ratio && a.profile == b.profile && a.profilesChecked == b.profilesChecked)
        #expect(a.profilesChecked == 84)  // C(3 + 6, 3)
    }
}
