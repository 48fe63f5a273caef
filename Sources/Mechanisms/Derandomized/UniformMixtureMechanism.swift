import Solvers

/// A randomized mechanism written as a uniform mixture of deterministic mechanisms:
///
/// ```
/// M(r) = (1/m) · Σ_{s ∈ Z_m} δ(f(r, ω_s)),   m = Π_t q_t   (the step moduli)
/// ```
///
/// The seed space `Ω = {ω_0, …, ω_{m−1}}` is listed in a fixed, public, canonical order
/// (docs/reconstructions.md#seed-encodings) and factored into steps `q_0, …, q_{T−1}` (mixed radix,
/// most significant step first), so that game interleaved can ask one small question per
/// random step: the slot is `Σ_t c_t · Π_{u>t} q_u` with `c_t ∈ Z_{q_t}` the t-th step choice.
/// For permutations the steps are `n, n−1, …, 2` and this is exactly lexicographic unranking.
///
/// Properties: `component(_:for:)` is deterministic, so every ex-post property that all
/// components share holds for the derandomized mechanism on every move vector (derived).
/// What does not hold: the mixture need not be a *report-independent* mixture; when the step
/// moduli depend on the reports (`seedSpaceIsReportIndependent == false`, e.g. probabilistic
/// serial through a Birkhoff-von Neumann decomposition) game first is not available.
///
/// References: T. Walsh, *Mechanisms that play a game, not toss a coin*, IJCAI-24,
/// arXiv:2308.10413 (construction reconstructed:
/// docs/reconstructions.md#derandomized-mechanisms-walsh-2024).
public protocol UniformMixtureMechanism: Mechanism {
    /// What one agent reports (a ranking, a location, a score row, …).
    associatedtype Report: Hashable & Sendable
    /// What the mechanism outputs (a winner, an assignment, a selected set, …).
    associatedtype Outcome: Hashable & Sendable

    /// Throws when `reports` is not a valid profile for this mechanism.
    func validate(_ reports: [Report]) throws(DerandomizationError)

    /// The step moduli `q_0, …, q_{T−1}` of the canonical seed space (each >= 1), most
    /// significant first; their product is `m`.
    func stepModuli(for reports: [Report]) throws(DerandomizationError) -> [Int]

    /// True when the step moduli depend on the number of agents only (game first is allowed).
    var seedSpaceIsReportIndependent: Bool { get }

    /// The deterministic component `f(r, ω_seed)`, `0 <= seed < m`. Callers validate first.
    func component(_ seed: Int, for reports: [Report]) throws(DerandomizationError) -> Outcome

    /// The outcomes of all `m` components in canonical seed order (validates the reports).
    /// The default calls `component` m times; mechanisms with an expensive shared step override it.
    func slots(for reports: [Report]) throws(DerandomizationError) -> [Outcome]
}

extension UniformMixtureMechanism {
    public var seedSpaceIsReportIndependent: Bool { true }

    /// `m`, the size of the canonical seed space on `reports`.
    public func seedCount(for reports: [Report]) throws(DerandomizationError) -> Int {
        try SeedEncoding.product(try stepModuli(for: reports))
    }

    public func slots(for reports: [Report]) throws(DerandomizationError) -> [Outcome] {
        try validate(reports)
        let m = try seedCount(for: reports)
        guard m <= SeedEncoding.maximumListedSlots else {
            throw .seedSpaceTooLarge("listing all \(m) components (at most \(SeedEncoding.maximumListedSlots)); game first and game interleaved need only the drawn one")
        }
        var out: [Outcome] = []
        out.reserveCapacity(m)
        for s in 0..<m { out.append(try component(s, for: reports)) }
        return out
    }

    /// The exact lottery of the randomized mechanism: each component with weight `1/m`.
    public func lottery(for reports: [Report]) throws(DerandomizationError) -> SlotLottery<Outcome> {
        SlotLottery(slots: try slots(for: reports))
    }
}

/// An exact lottery over outcomes given by integer counts out of a total (`count / total`).
///
/// Entries keep first-appearance order (the canonical slot order), so the lottery also fixes
/// the game-last slot layout (docs/reconstructions.md#derandomization-methods): `reducedSlots` lists every outcome `count / g` times
/// with `g = gcd` of the counts.
public struct SlotLottery<Outcome: Hashable & Sendable>: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var outcome: Outcome
        public var count: Int
    }

    /// Outcomes with their slot counts, in first-appearance order; counts are positive.
    public private(set) var entries: [Entry]
    /// The number of slots; `Σ count`.
    public private(set) var total: Int

    /// Groups `slots` (each of weight `1 / slots.count`).
    public init(slots: [Outcome]) {
        var entries: [Entry] = []
        var index: [Outcome: Int] = [:]
        for o in slots {
            if let k = index[o] { entries[k].count += 1 } else {
                index[o] = entries.count
                entries.append(Entry(outcome: o, count: 1))
            }
        }
        self.entries = entries
        self.total = slots.count
    }

    /// Builds a lottery from (outcome, count) pairs, merging equal outcomes; counts must be >= 0.
    public init(counts: [(Outcome, Int)]) {
        var entries: [Entry] = []
        var index: [Outcome: Int] = [:]
        var total = 0
        for (o, c) in counts where c > 0 {
            total += c
            if let k = index[o] { entries[k].count += c } else {
                index[o] = entries.count
                entries.append(Entry(outcome: o, count: c))
            }
        }
        self.entries = entries
        self.total = total
    }

    /// The outcomes with positive probability, in first-appearance order.
    public var support: [Outcome] { entries.map(\.outcome) }

    /// The exact probability of `outcome`.
    public func probability(of outcome: Outcome) -> Rational {
        guard total > 0, let e = entries.first(where: { $0.outcome == outcome }) else { return .zero }
        return Rational(e.count, total)
    }

    /// Outcome → exact probability; two lotteries describe the same distribution iff these agree.
    public var probabilities: [Outcome: Rational] {
        var d: [Outcome: Rational] = [:]
        for e in entries { d[e.outcome] = Rational(e.count, total) }
        return d
    }

    /// True when both describe the same distribution (totals may differ).
    public func isEquivalent(to other: SlotLottery<Outcome>) -> Bool {
        probabilities == other.probabilities
    }

    /// The game-last slot layout: each outcome `count / g` times in first-appearance order,
    /// `g = gcd` of the counts, so `D = total / g` is the lcm of the probability denominators.
    public var reducedSlots: [Outcome] {
        let g = entries.reduce(0) { SeedEncoding.gcd($0, $1.count) }
        guard g > 0 else { return [] }
        return entries.flatMap { Array(repeating: $0.outcome, count: $0.count / g) }
    }

    /// The exact expectation of `value` (which must be exact too).
    public func expectation(_ value: (Outcome) throws(RationalError) -> Rational) throws(RationalError) -> Rational {
        var sum = Rational.zero
        for e in entries {
            sum = try sum.adding(try value(e.outcome).multiplied(by: Rational(e.count, total)))
        }
        return sum
    }

    /// The same lottery with outcomes mapped (equal images merged).
    public func map<T: Hashable & Sendable>(_ f: (Outcome) -> T) -> SlotLottery<T> {
        SlotLottery<T>(counts: entries.map { (f($0.outcome), $0.count) })
    }
}

/// Why a derandomized (or mixture) mechanism cannot run on its input. Every input error names
/// the key path of the offending value (`reports[1][0]`, `moves[2]`) and what was expected.
public enum DerandomizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A report or a move is malformed.
    case invalidInput(path: String, expected: String)
    /// The method cannot be used with this mechanism (with the reason).
    case unsupportedMethod(method: String, mechanism: String, reason: String)
    /// The seed space is too large for exact `Int` arithmetic.
    case seedSpaceTooLarge(String)
    /// Exact rational arithmetic overflowed (the instance is too large for exact results).
    case overflow(String)

    public var description: String {
        switch self {
        case .invalidInput(let path, let expected): "\(path): expected \(expected)."
        case .unsupportedMethod(let method, let mechanism, let reason): "Method '\(method)' is not available for '\(mechanism)': \(reason)."
        case .seedSpaceTooLarge(let what): "The seed space is too large: \(what)."
        case .overflow(let what): "Exact arithmetic overflowed: \(what)."
        }
    }
}
