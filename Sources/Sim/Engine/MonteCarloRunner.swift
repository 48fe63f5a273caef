import Foundation

/// Which part of a run this process computes: shard `index` of `count` (0-based).
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public static let whole = Shard(index: 0, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/N` (0 <= i < N).
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 0, i < n else {
            return nil
        }
        self.init(index: i, count: n)
    }

    /// The blocks of `blockCount` this shard owns: a contiguous range.
    public func blocks(of blockCount: Int) -> Range<Int> {
        (blockCount * index / count)..<(blockCount * (index + 1) / count)
    }

    public var description: String { "\(index)/\(count)" }
}

/// The statistics of one block of consecutive trials.
public struct BlockResult: Sendable, Hashable, Codable {
    /// The block number: trials `index * blockSize ..< min((index + 1) * blockSize, count)`.
    public var index: Int
    /// One accumulator per output slot.
    public var accumulators: [Accumulator]
}

/// The Monte Carlo engine: runs `count` trials in fixed-size blocks over a pool of threads.
///
/// Determinism: trial t draws from `Xoshiro256StarStar(seed: seed, stream: t)`, each block is
/// computed by one thread in trial order, and blocks are folded in block order. The result is
/// therefore the same, bit for bit, for any thread count and any sharding (shards own whole
/// blocks; `fold` of the union of the shards' blocks equals the single-machine fold).
public struct MonteCarloRunner: Sendable {
    /// Trials per block: the unit of parallel work and of sharding. Part of a run's identity:
    /// runs with different block sizes may differ in the last bits.
    public static let defaultBlockSize = 2048

    public var count: Int
    public var seed: UInt64
    public var blockSize: Int
    public var threads: Int

    public init(count: Int, seed: UInt64, blockSize: Int = MonteCarloRunner.defaultBlockSize, threads: Int = MonteCarloRunner.availableCores) {
        precondition(count >= 0 && blockSize >= 1 && threads >= 1)
        self.count = count
        self.seed = seed
        self.blockSize = blockSize
        self.threads = threads
    }

    /// The number of cores this process may use.
    public static var availableCores: Int { ParallelEngine.availableCores }

    public var blockCount: Int { (count + blockSize - 1) / blockSize }

    /// Runs this shard's blocks.
    ///
    /// - Parameters:
    ///   - slots: how many values each trial produces.
    ///   - shard: the shard whose blocks run (all of them by default).
    ///   - range: the blocks to run instead of the shard's, when given.
    ///   - makeWorkspace: builds one thread's scratch state (called once per worker).
    ///   - trial: computes trial `t` into `out` (NaN for "undefined, do not count").
    ///   - progress: called after each block with (blocks done, blocks in this shard), from
    ///     worker threads.
    public func run<Workspace>(
        slots: Int,
        shard: Shard = .whole,
        blocks range: Range<Int>? = nil,
        makeWorkspace: @Sendable () -> Workspace,
        trial: @Sendable (Int, inout Xoshiro256StarStar, inout Workspace, UnsafeMutableBufferPointer<Double>) -> Void,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> [BlockResult] {
        let blocks = range ?? shard.blocks(of: blockCount)
        let (count, blockSize) = (self.count, self.blockSize)
        let seedKey = Xoshiro256StarStar.seedKey(seed)
        return ParallelEngine(threads: threads).map(
            blocks,
            makeWorkspace: { (makeWorkspace(), [Double](repeating: 0, count: slots)) },
            progress: progress
        ) { b, scratch in
            var sums = [ShiftedSums](repeating: ShiftedSums(), count: slots)
            let start = b * blockSize
            let end = min(start + blockSize, count)
            scratch.1.withUnsafeMutableBufferPointer { buffer in
                sums.withUnsafeMutableBufferPointer { acc in
                    assert(buffer.count == slots && acc.count == slots)
                    for t in start..<end {
                        var rng = Xoshiro256StarStar(seedKey: seedKey, stream: UInt64(t))
                        trial(t, &rng, &scratch.0, buffer)
                        for s in 0..<slots { acc[s].add(buffer[s]) }
                    }
                }
            }
            return BlockResult(index: b, accumulators: sums.map(\.accumulator))
        }
    }

    /// Folds blocks in block order into one accumulator per slot.
    public static func fold(_ blocks: [BlockResult], slots: Int) -> [Accumulator] {
        var total = [Accumulator](repeating: Accumulator(), count: slots)
        for block in blocks.sorted(by: { $0.index < $1.index }) {
            for s in 0..<slots { total[s].merge(block.accumulators[s]) }
        }
        return total
    }
}

/// A block's running sums, shifted by the block's first value: no division per observation
/// (unlike Welford's update), and accurate as long as a block's values are not spread over many
/// orders of magnitude more than their distance from the first one. Converted to an
/// `Accumulator` (mean, m2) at the end of the block; blocks then merge by Chan's formula.
struct ShiftedSums {
    var count = 0
    var shift = 0.0
    var sum = 0.0
    var sumOfSquares = 0.0
    var minimum = Double.infinity
    var maximum = -Double.infinity
    var infiniteCount = 0

    @inline(__always)
    mutating func add(_ x: Double) {
        if x.isNaN { return }
        if x == .infinity { infiniteCount += 1; return }
        if count == 0 { shift = x }
        let d = x - shift
        sum += d
        sumOfSquares += d * d
        count += 1
        minimum = Swift.min(minimum, x)
        maximum = Swift.max(maximum, x)
    }

    var accumulator: Accumulator {
        guard count > 0 else {
            return Accumulator(count: 0, mean: 0, m2: 0, minimum: .infinity, maximum: -.infinity, infiniteCount: infiniteCount)
        }
        let n = Double(count)
        let mean = shift + sum / n
        let m2 = Swift.max(0, sumOfSquares - sum * sum / n)
        return Accumulator(count: count, mean: mean, m2: m2, minimum: minimum, maximum: maximum, infiniteCount: infiniteCount)
    }
}
