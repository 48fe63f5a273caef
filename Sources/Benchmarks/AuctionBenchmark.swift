import Foundation
import Mechanisms
import Sim

/// Benchmark workload W5: Monte Carlo of full VCG auctions under MNL, n = 10 advertisers,
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
        let vcg = VCG(method: method)
        let chunk = 64
        let clock = ContinuousClock()
        let start = clock.now
        // Chunks of auctions on the parallel engine, summed in chunk order.
        let partial = try ParallelEngine(threads: threads).map(0..<((auctions + chunk - 1) / chunk)) { c throws(AuctionError) -> (Int, Double, Double) in
            var lp = 0, revenue = 0.0, welfare = 0.0
            for t in (c * chunk)..<Swift.min(auctions, (c + 1) * chunk) {
                let o = try vcg.outcome(drawn[t].0, bids: drawn[t].1)
                lp += o.lpSolves
                revenue += o.revenue
                welfare += o.welfare
            }
            return (lp, revenue, welfare)
        }
        let d = clock.now - start
        let lp = partial.reduce(0) { $0 + $1.0 }
        return Result(auctions: auctions, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18,
                      lpSolvesPerAuction: Double(lp) / Double(auctions),
                      meanRevenue: partial.reduce(0) { $0 + $1.1 } / Double(auctions),
                      meanWelfare: partial.reduce(0) { $0 + $1.2 } / Double(auctions))
    }

    /// W5 as `mechsim bench W5` runs it: the Charnes-Cooper LP and the Dinkelbach iteration on
    /// the same `settings.auctions` auctions, each the best of `settings.repetitions` runs.
    public static func measure(_ settings: BenchmarkSettings) throws(BenchmarkError) -> Report {
        var lp: Result?, dinkelbach: Result?
        for _ in 0..<max(1, settings.repetitions) {
            for method in [WinnerDeterminationMethod.charnesCooperLP, .dinkelbach] {
                let r: Result
                do { r = try runW5(auctions: settings.auctions, seed: settings.seed, threads: settings.threads, method: method) } catch {
                    throw BenchmarkError("W5: \(error)")
                }
                if method == .dinkelbach {
                    if dinkelbach.map({ r.seconds < $0.seconds }) ?? true { dinkelbach = r }
                } else if lp.map({ r.seconds < $0.seconds }) ?? true {
                    lp = r
                }
            }
        }
        return Report(lp: lp!, dinkelbach: dinkelbach!, threads: settings.threads)
    }

    /// What `mechsim bench W5` prints.
    public struct Report: BenchmarkReport {
        /// The LP-based auctions and the Dinkelbach iteration on the same auctions.
        public var lp: Result
        public var dinkelbach: Result
        public var threads: Int

        public var json: JSONValue {
            .object([
                ("name", .string("W5")), ("per_second", .number(lp.perSecond.rounded())), ("unit", .string("auctions")),
                ("auctions", .integer(lp.auctions)), ("threads", .integer(threads)), ("seconds", .number(lp.seconds)),
                ("lp_solves_per_auction", .number(lp.lpSolvesPerAuction)), ("mean_revenue", .number(lp.meanRevenue)),
                ("mean_welfare", .number(lp.meanWelfare)), ("dinkelbach_per_second", .number(dinkelbach.perSecond.rounded())),
            ])
        }

        public var text: String {
            let dk = dinkelbach
            return [
                "W5 VCG auctions under MNL: \(lp.auctions) auctions, 10 advertisers, 5 positions, K = 3, \(threads) thread(s)",
                "  charnes-cooper-lp  auctions_per_second: \(Int(lp.perSecond.rounded()))  lp_solves_per_auction: \(String(format: "%.2f", lp.lpSolvesPerAuction))",
                "  dinkelbach         auctions_per_second: \(Int(dk.perSecond.rounded()))  (no LP)",
                "  mean revenue \(String(format: "%.6f", lp.meanRevenue)) (dinkelbach \(String(format: "%.6f", dk.meanRevenue))), mean welfare \(String(format: "%.6f", lp.meanWelfare))",
            ].joined(separator: "\n")
        }
    }
}
