/// An exact, finite-support probability distribution over outcomes.
///
/// A randomized mechanism returns its lottery, never a sample: expected costs and
/// "in expectation" axioms are then computed exactly. Sampling from a lottery is the
/// simulator's job.
///
/// Invariants (established by every initializer):
/// - every probability is finite and strictly positive;
/// - the probabilities sum to one within `Lottery.probabilityTolerance`;
/// - equal outcomes are merged into one entry.
///
/// For `Lottery<Double>` (facility locations) the entries are sorted by location.
public struct Lottery<Outcome: Hashable & Sendable>: Sendable, Hashable {
    /// One outcome with its probability.
    public struct Entry: Sendable, Hashable {
        public var outcome: Outcome
        public var probability: Double
        public init(outcome: Outcome, probability: Double) {
            self.outcome = outcome
            self.probability = probability
        }
    }

    /// How far the probabilities may sum from one: they are built from ratios such as 1/n,
    /// so a sum of n terms carries about n ulps of rounding.
    public static var probabilityTolerance: Double { 1e-9 }

    public private(set) var entries: [Entry]

    /// A lottery that puts probability one on `outcome`.
    public init(certain outcome: Outcome) {
        entries = [Entry(outcome: outcome, probability: 1)]
    }

    /// Builds a lottery from (outcome, probability) pairs, merging equal outcomes in first-seen
    /// order and dropping zero-probability entries.
    public init(_ pairs: [(Outcome, Double)]) throws(LotteryError) {
        var merged: [Entry] = []
        var index: [Outcome: Int] = [:]
        var total = 0.0
        for (outcome, p) in pairs {
            guard p.isFinite, p >= 0 else { throw .invalidProbability(p) }
            total += p
            if p == 0 { continue }
            if let k = index[outcome] {
                merged[k].probability += p
            } else {
                index[outcome] = merged.count
                merged.append(Entry(outcome: outcome, probability: p))
            }
        }
        guard abs(total - 1) <= Self.probabilityTolerance, !merged.isEmpty else {
            throw .probabilitiesDoNotSumToOne(total)
        }
        entries = merged
    }

    init(uncheckedEntries: [Entry]) { entries = uncheckedEntries }

    /// The outcomes with positive probability.
    public var support: [Outcome] { entries.map(\.outcome) }

    /// True when one outcome has probability one.
    public var isDegenerate: Bool { entries.count == 1 }

    /// The probability of `outcome` (zero when it is not in the support).
    public func probability(of outcome: Outcome) -> Double {
        entries.first { $0.outcome == outcome }?.probability ?? 0
    }

    /// The expectation of `f` under the lottery.
    public func expectation(_ f: (Outcome) -> Double) -> Double {
        var sum = 0.0
        for e in entries { sum += e.probability * f(e.outcome) }
        return sum
    }
}

extension Lottery where Outcome == Double {
    /// Builds a lottery over locations: sorted by location, equal locations merged.
    ///
    /// Locations are merged only when they are bitwise equal; callers that compute the same
    /// point along two routes should round consistently (see `FacilityProfile`).
    public init(locations pairs: [(Double, Double)]) throws(LotteryError) {
        for (x, p) in pairs {
            guard x.isFinite else { throw .invalidOutcome(x) }
            guard p.isFinite, p >= 0 else { throw .invalidProbability(p) }
        }
        let sorted = pairs.sorted { $0.0 < $1.0 }
        var merged: [Entry] = []
        var total = 0.0
        for (x, p) in sorted {
            total += p
            if p == 0 { continue }
            if let last = merged.last, last.outcome == x {
                merged[merged.count - 1].probability += p
            } else {
                merged.append(Entry(outcome: x, probability: p))
            }
        }
        guard abs(total - 1) <= Self.probabilityTolerance, !merged.isEmpty else {
            throw .probabilitiesDoNotSumToOne(total)
        }
        entries = merged
    }

    /// Builds a location lottery from pairs the caller guarantees to be valid (finite
    /// locations, positive probabilities summing to one). Sorts and merges.
    static func trusted(locations pairs: [(Double, Double)]) -> Lottery<Double> {
        let sorted = pairs.sorted { $0.0 < $1.0 }
        var merged: [Entry] = []
        merged.reserveCapacity(sorted.count)
        for (x, p) in sorted where p > 0 {
            if let last = merged.last, last.outcome == x {
                merged[merged.count - 1].probability += p
            } else {
                merged.append(Entry(outcome: x, probability: p))
            }
        }
        return Lottery(uncheckedEntries: merged)
    }

    /// The expected location.
    public var mean: Double { expectation { $0 } }

    /// The largest absolute difference, location by location and in probability, between two
    /// location lotteries; zero for equal lotteries. Used to compare lotteries with a tolerance.
    public func distance(to other: Lottery<Double>, locationTolerance: Double) -> Double {
        var worst = 0.0
        var i = 0, j = 0
        let a = entries, b = other.entries
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, abs(a[i].outcome - b[j].outcome) <= locationTolerance {
                worst = max(worst, abs(a[i].probability - b[j].probability))
                i += 1; j += 1
            } else if j >= b.count || (i < a.count && a[i].outcome < b[j].outcome) {
                worst = max(worst, a[i].probability); i += 1
            } else {
                worst = max(worst, b[j].probability); j += 1
            }
        }
        return worst
    }
}

/// Why a lottery could not be built.
public enum LotteryError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidProbability(Double)
    case invalidOutcome(Double)
    case probabilitiesDoNotSumToOne(Double)

    public var description: String {
        switch self {
        case .invalidProbability(let p): "A lottery probability must be a finite number >= 0, got \(p)."
        case .invalidOutcome(let x): "A lottery outcome must be a finite number, got \(x)."
        case .probabilitiesDoNotSumToOne(let s): "Lottery probabilities must sum to 1, they sum to \(s)."
        }
    }
}
