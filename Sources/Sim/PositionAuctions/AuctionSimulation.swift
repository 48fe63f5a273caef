import Foundation
import Mechanisms

/// How the click-through matrices of a simulated auction are drawn.
public enum CTRModel: Sendable, Hashable {
    /// Every `p_ij` i.i.d. uniform on [low, high].
    case uniform(low: Double, high: Double)
    /// `p_ij = logistic(a_i + b_j + s·ε_ij)` with `a_i ~ N(−1, 0.5²)`, `b_j = −0.4 j` and
    /// `ε_ij ~ N(0, 1)`: s = 0 is separable in the attraction, larger s is context-dependent
    /// (our experiment, docs/reconstructions.md#auction-experiments).
    case logit(noise: Double)
    /// `p_ij = α β_j` with one quality α for all advertisers (the classic i.i.d. setting).
    case separable(alpha: Double, beta: [Double])
    /// One given matrix for every auction (only the values are drawn), e.g. a worked instance.
    case fixed(matrix: [[Double]])
}

/// A Monte Carlo study of position auctions: for every combination of user model, number of
/// advertisers, positions and cap, `auctions` instances with fresh CTRs and values, each run
/// through every mechanism on the same draws (common random numbers).
public struct AuctionSimulationSpec: Sendable {
    public var userModels: [String]
    public var advertisers: [Int]
    public var positions: [Int]
    public var caps: [Int]
    public var ctr: CTRModel
    public var values: ValueDistribution
    public var auctions: Int
    public var seed: UInt64

    public init(userModels: [String], advertisers: [Int], positions: [Int], caps: [Int], ctr: CTRModel,
                values: ValueDistribution, auctions: Int, seed: UInt64) {
        self.userModels = userModels
        self.advertisers = advertisers
        self.positions = positions
        self.caps = caps
        self.ctr = ctr
        self.values = values
        self.auctions = auctions
        self.seed = seed
    }

    /// The combinations, caps above the number of positions left out, in file order.
    public var settings: [AuctionSetting] {
        var out: [AuctionSetting] = []
        for model in userModels {
            for m in positions {
                for k in caps where k <= m {
                    for n in advertisers { out.append(AuctionSetting(userModel: model, advertisers: n, positions: m, cap: k)) }
                }
            }
        }
        return out
    }
}

public struct AuctionSetting: Sendable, Hashable {
    public var userModel: String
    public var advertisers: Int
    public var positions: Int
    public var cap: Int
    public var label: String { "\(userModel) n=\(advertisers) m=\(positions) K=\(cap)" }
}

/// A mechanism in a study: run on the true instance, or on the rank-1 separable fit of its CTRs
/// (the "classic" auction that assumes separability) and then evaluated under the true model.
public struct AuctionStudyMechanism: Sendable {
    public var mechanism: any PositionAuctionMechanism
    public var onSeparableFit: Bool
    public var label: String { onSeparableFit ? "\(mechanism.label) on separable fit" : mechanism.label }

    public init(_ mechanism: any PositionAuctionMechanism, onSeparableFit: Bool = false) {
        self.mechanism = mechanism
        self.onSeparableFit = onSeparableFit
    }
}

/// Estimates for one mechanism in one setting.
public struct AuctionStudyRow: Sendable {
    public var setting: AuctionSetting
    public var mechanism: String
    /// Expected welfare `Σ v_i π_i` under the true model.
    public var welfare: Estimate
    /// Expected revenue (per-click prices times true clicks for mechanisms on the separable fit).
    public var revenue: Estimate
    /// Expected number of clicks `Σ π_i`.
    public var clicks: Estimate
    /// Per auction, welfare over the optimal welfare (auctions with a positive optimum).
    public var ratio: Estimate
    /// Expected virtual welfare `Σ φ_i(v_i) π_i` with the raw virtual value of the value
    /// distribution; for a DSIC mechanism with zero payment at value zero it equals the expected
    /// revenue (Myerson's lemma). Zero count when the study has no virtual values.
    public var virtualWelfare: Estimate
    /// Auctions in which the mechanism refused payments (a non-monotone approximate rule); they
    /// count for welfare, clicks and ratio but not for revenue.
    public var refused: Int

    public func metric(_ name: String) -> Estimate? {
        switch name {
        case "welfare": welfare
        case "revenue": revenue
        case "clicks": clicks
        case "ratio": ratio
        case "virtual_welfare": virtualWelfare
        default: nil
        }
    }

    /// The metrics of the CSV rows and plots.
    public static let metrics = ["welfare", "revenue", "clicks", "ratio"]
    /// The metrics an `expect:` entry may name: `metrics` and the virtual welfare (also in the
    /// text table and the JSON rows).
    public static let expectableMetrics = metrics + ["virtual_welfare"]
}

public enum AuctionSimulation {
    static let blockSize = 64

    /// Runs the study. Deterministic: auction t of setting s uses the generator of stream
    /// (s, t), blocks are folded in order, whatever `threads` is.
    public static func run(_ spec: AuctionSimulationSpec, mechanisms: [AuctionStudyMechanism], threads: Int = ParallelEngine.availableCores,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) throws(AuctionError) -> [AuctionStudyRow] {
        let blocks = try runBlocks(spec, mechanisms: mechanisms, range: 0..<blockCount(spec), threads: threads, progress: progress)
        return fold(spec, mechanisms: mechanisms, blocks: blocks)
    }

    /// The study's units of work: every setting's auctions in blocks of `blockSize`, setting by
    /// setting (the unit of parallel work and of sharding).
    public static func blockCount(_ spec: AuctionSimulationSpec) -> Int {
        spec.settings.count * blocksPerSetting(spec)
    }

    static func blocksPerSetting(_ spec: AuctionSimulationSpec) -> Int {
        (spec.auctions + blockSize - 1) / blockSize
    }

    /// The blocks in `range` (of `blockCount(spec)`), on the parallel engine, in block order.
    public static func runBlocks(
        _ spec: AuctionSimulationSpec, mechanisms: [AuctionStudyMechanism], range: Range<Int>, threads: Int,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(AuctionError) -> [AuctionBlock] {
        let settings = spec.settings
        let perSetting = blocksPerSetting(spec)
        guard perSetting > 0 else { return [] }
        return try ParallelEngine(threads: threads).map(range, progress: progress) { i throws(AuctionError) in
            let s = i / perSetting
            let sums = try block(i % perSetting, setting: settings[s], index: s, spec: spec, mechanisms: mechanisms)
            return AuctionBlock(index: i, sums: sums)
        }
    }

    /// The study's rows from all of its blocks (folded in block order within each setting).
    public static func fold(_ spec: AuctionSimulationSpec, mechanisms: [AuctionStudyMechanism], blocks: [AuctionBlock]) -> [AuctionStudyRow] {
        let perSetting = blocksPerSetting(spec)
        var rows: [AuctionStudyRow] = []
        let ordered = blocks.sorted { $0.index < $1.index }
        for (s, setting) in spec.settings.enumerated() {
            var total = [Sums](repeating: Sums(), count: mechanisms.count)
            for b in ordered where b.index / Swift.max(1, perSetting) == s {
                for k in total.indices where k < b.sums.count { total[k].merge(b.sums[k]) }
            }
            for (k, m) in mechanisms.enumerated() {
                rows.append(AuctionStudyRow(setting: setting, mechanism: m.label, welfare: total[k].welfare.estimate,
                                            revenue: total[k].revenue.estimate, clicks: total[k].clicks.estimate,
                                            ratio: total[k].ratio.estimate, virtualWelfare: total[k].virtualWelfare.estimate,
                                            refused: total[k].refused))
            }
        }
        return rows
    }

    /// One block's sums, one per mechanism: what a shard file carries for an auction study.
    public struct AuctionBlock: Sendable, Codable, Hashable {
        public var index: Int
        public var sums: [Sums]
    }

    public struct Sums: Sendable, Codable, Hashable {
        var welfare = Accumulator(), revenue = Accumulator(), clicks = Accumulator(), ratio = Accumulator()
        var virtualWelfare = Accumulator()
        var refused = 0
        mutating func merge(_ o: Sums) {
            welfare.merge(o.welfare); revenue.merge(o.revenue); clicks.merge(o.clicks); ratio.merge(o.ratio)
            virtualWelfare.merge(o.virtualWelfare)
            refused += o.refused
        }
    }

    static func block(_ b: Int, setting: AuctionSetting, index s: Int, spec: AuctionSimulationSpec,
                      mechanisms: [AuctionStudyMechanism]) throws(AuctionError) -> [Sums] {
        var sums = [Sums](repeating: Sums(), count: mechanisms.count)
        let key = Xoshiro256StarStar.seedKey(spec.seed)
        let virtualValue = { (v: Double) in spec.values.rawVirtualValue(v) }
        for t in (b * blockSize)..<Swift.min(spec.auctions, (b + 1) * blockSize) {
            var g = Xoshiro256StarStar(seedKey: key, stream: UInt64(s) << 40 | UInt64(t))
            let (x, v) = try draw(setting, spec, &g)
            let optimum = try x.winnerDetermination(weights: v).value
            var fitted: AuctionInstance?
            for (k, m) in mechanisms.enumerated() {
                // A mechanism on the separable fit sees the fitted CTRs; clicks are the true ones.
                var target = x
                if m.onSeparableFit {
                    if let f = fitted { target = f } else {
                        target = try separableFit(x)
                        fitted = target
                    }
                }
                let placements: [Placement]
                var prices: [Double]?
                do {
                    let o = try m.mechanism.outcome(target, bids: v)
                    placements = o.allocation.placements
                    prices = o.perClickPrices
                } catch {
                    guard case .nonMonotone = error else { throw error }
                    placements = try m.mechanism.allocation(target, bids: v).placements
                }
                // Clicks under the true model, in the rendering order the mechanism chose.
                let pi = x.clickProbabilities(placements)
                let welfare = zip(v, pi).reduce(0) { $0 + $1.0 * $1.1 }
                sums[k].welfare.add(welfare)
                let phi = zip(v, pi).reduce(0.0) { $0 + virtualValue($1.0) * $1.1 }
                if phi.isFinite { sums[k].virtualWelfare.add(phi) }
                sums[k].clicks.add(pi.reduce(0, +))
                if optimum > 0 { sums[k].ratio.add(welfare / optimum) }
                if let prices { sums[k].revenue.add(zip(prices, pi).reduce(0) { $0 + $1.0 * $1.1 }) } else { sums[k].refused += 1 }
            }
        }
        return sums
    }

    /// One auction of `setting`: CTRs and values from the generator.
    package static func draw(_ setting: AuctionSetting, _ spec: AuctionSimulationSpec,
                             _ g: inout Xoshiro256StarStar) throws(AuctionError) -> (AuctionInstance, [Double]) {
        let n = setting.advertisers, m = setting.positions
        func unit() -> Double { Double(g.next() >> 11) * 0x1p-53 }
        func normal() -> Double {
            let u1 = Swift.max(unit(), 0x1p-53), u2 = unit()
            return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
        }
        var ctr: [[Double]]
        switch spec.ctr {
        case .uniform(let low, let high):
            ctr = (0..<n).map { _ in (0..<m).map { _ in low + (high - low) * unit() } }
        case .logit(let s):
            let a: [Double] = (0..<n).map { _ in -1 + 0.5 * normal() }
            ctr = []
            for i in 0..<n {
                var row: [Double] = []
                for j in 0..<m {
                    let rho: Double = a[i] - 0.4 * Double(j) + s * normal()
                    row.append(1 / (1 + Foundation.exp(-rho)))
                }
                ctr.append(row)
            }
        case .separable(let alpha, let beta):
            ctr = (0..<n).map { _ in (0..<m).map { j in alpha * beta[j % beta.count] } }
        case .fixed(let matrix):
            guard matrix.count == n, matrix.allSatisfy({ $0.count == m }) else {
                throw .unsupported(mechanism: "simulation", reason: "the fixed CTR matrix is \(matrix.count) × \(matrix.first?.count ?? 0), the setting needs \(n) × \(m)")
            }
            ctr = matrix
        }
        let values = Array(repeating: spec.values, count: n)
        let bids = (0..<n).map { _ in spec.values.sample(using: &g) }
        let x: AuctionInstance
        switch setting.userModel {
        case "separable":
            guard case .separable(let alpha, let beta) = spec.ctr else {
                throw .unsupported(mechanism: "simulation", reason: "the separable user model needs ctr: {alpha, beta}")
            }
            x = try .separable(alpha: Array(repeating: alpha, count: n), beta: (0..<m).map { beta[$0 % beta.count] }, cap: setting.cap, values: values)
        case "mnl":
            ctr = ctr.map { $0.map { Swift.min($0, 1 - 1e-9) } }
            x = try AuctionInstance(ctr: ctr, userModel: .mnl, cap: setting.cap, values: values)
        case "cascade": x = try AuctionInstance(ctr: ctr, userModel: .cascade(continuation: nil), cap: setting.cap, values: values)
        default: x = try AuctionInstance(ctr: ctr, userModel: .independent, cap: setting.cap, values: values)
        }
        return (x, bids)
    }

    /// The rank-1 separable model `α_i β_j` closest to the CTR matrix in least squares
    /// (alternating least squares from the row and column means, 50 rounds), scaled so that
    /// max β = 1 and every product is a probability.
    public static func separableFit(_ x: AuctionInstance) throws(AuctionError) -> AuctionInstance {
        let p = x.ctr, n = x.advertiserCount, m = x.positionCount
        var beta = (0..<m).map { j in (0..<n).reduce(0) { $0 + p[$1][j] } / Double(n) + 1e-12 }
        var alpha = [Double](repeating: 1, count: n)
        for _ in 0..<50 {
            let bb = beta.reduce(0) { $0 + $1 * $1 }
            alpha = (0..<n).map { i in (0..<m).reduce(0) { $0 + p[i][$1] * beta[$1] } / bb }
            let aa = Swift.max(alpha.reduce(0) { $0 + $1 * $1 }, 1e-300)
            beta = (0..<m).map { j in (0..<n).reduce(0) { $0 + p[$1][j] * alpha[$1] } / aa }
        }
        let top = Swift.max(beta.max() ?? 1, 1e-300)
        beta = beta.map { Swift.max($0 / top, 0) }
        alpha = alpha.map { Swift.min(Swift.max($0 * top, 0), 1) }
        return try .separable(alpha: alpha, beta: beta, cap: x.cap, values: x.values)
    }
}
