import Foundation
import Mechanisms

/// Workload W5 (issue 4): Monte Carlo of full VCG auctions under MNL, n = 10 advertisers,
/// m = 5 positions, K = 3, CTRs U[0.05, 0.5] and values U[0, 1], each auction solved by the
/// Charnes–Cooper LP (one LP for the allocation and one per shown advertiser for the Clarke
/// payments) or, for comparison, by the Dinkelbach iteration (no LP).
public enum AuctionBenchmark {
    public struct Result: Sendable {
        public var auctions: Int
        public var seconds: Double
        public var lpSolvesPerAuction: Double
        public var meanRevenue: Double
        public var meanWelfare: Double
        public var perSecond: Double { Double(auctions) / seconds }
    }

    public static func runW5(auctions: Int, seed: UInt64, threads: Int, method: WinnerDeterminationMethod = .charnesCooperLP,
                             advertisers: Int = 10, positions: Int = 5, cap: Int = 3) throws(AuctionError) -> Result {
        let spec = AuctionSimulationSpec(userModels: ["mnl"], advertisers: [advertisers], positions: [positions], caps: [cap],
                                         ctr: .uniform(low: 0.05, high: 0.5), values: .uniform(low: 0, high: 1),
                                         auctions: auctions, seed: seed)
        let setting = spec.settings[0]
        // Draw first so that the timing covers the auctions only.
        var instances: [(AuctionInstance, [Double])] = []
        instances.reserveCapacity(auctions)
        let key = Xoshiro256StarStar.seedKey(seed)
        for t in 0..<auctions {
            var g = Xoshiro256StarStar(seedKey: key, stream: UInt64(t))
            instances.append(try AuctionSimulation.draw(setting, spec, &g))
        }
        let drawn = instances
        let workers = Swift.max(1, Swift.min(threads, auctions))
        let partial = UnsafeMutableBufferPointer<(Int, Double, Double, AuctionError?)>.allocate(capacity: workers)
        partial.initialize(repeating: (0, 0, 0, nil))
        defer { partial.deallocate() }
        nonisolated(unsafe) let out = partial
        let vcg = VCG(method: method)
        let clock = ContinuousClock()
        let start = clock.now
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            var lp = 0, revenue = 0.0, welfare = 0.0
            for t in stride(from: w, to: auctions, by: workers) {
                do {
                    let o = try vcg.outcome(drawn[t].0, bids: drawn[t].1)
                    lp += o.lpSolves
                    revenue += o.revenue
                    welfare += o.welfare
                } catch {
                    out[w] = (lp, revenue, welfare, error as? AuctionError ?? .solver("\(error)"))
                    return
                }
            }
            out[w] = (lp, revenue, welfare, nil)
        }
        let d = clock.now - start
        if let e = partial.compactMap(\.3).first { throw e }
        let lp = partial.reduce(0) { $0 + $1.0 }
        return Result(auctions: auctions, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18,
                      lpSolvesPerAuction: Double(lp) / Double(auctions),
                      meanRevenue: partial.reduce(0) { $0 + $1.1 } / Double(auctions),
                      meanWelfare: partial.reduce(0) { $0 + $1.2 } / Double(auctions))
    }
}
