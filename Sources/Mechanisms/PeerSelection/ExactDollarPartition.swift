import Solvers

/// Exact Dollar Partition (reconstructed): a uniform balanced partition into ℓ clusters; each
/// agent spreads one dollar over the agents outside its cluster in proportion to its scores;
/// cluster C is owed the quota `q_C = k · x_C / n` (`x_C` = dollars C receives), capped at |C|
/// with the excess spread proportionally; quotas are rounded by systematic sampling (exactly k
/// selected, each cluster rounded up with probability equal to its fractional part); each cluster
/// selects its `s_C` agents with the most dollars from outside (ties to the lower index).
///
/// ```
/// seed = (partition π ∈ Z_P, rounding slot ∈ Z_D): steps [P, D], D = lcm over π of the
/// rounding lottery's denominators; cluster C rounds up iff some integer lies in
/// [c_{C−1} − U, c_C − U) for U = the slot's point in [0, 1), c = cumulative fractional parts
/// ```
/// The slots depend on the reports: game last, or game interleaved (partition by a move mod P,
/// then the rounding by a move mod D): docs/reconstructions.md#exact-dollar-partition.
/// Properties: exactly k selected for every seed; impartial in expectation (an agent's dollars
/// never change its own cluster's quota, nor who leads its cluster). **Not** impartial for a fixed
/// rounding slot: an agent's dollars move the other clusters' fractional parts and hence the
/// systematic-sampling cut points (`ExactDollarPartitionTests` has a witness), so derandomized
/// EDP is impartial only in the uniform equilibrium.
/// References: Aziz, Lev, Mattei, Rosenschein and Walsh, "Strategyproof peer selection using
/// randomization, partitioning, and apportionment", AIJ 275 (2019); Walsh (2024) for the derandomization (the capping and the rounding
/// scheme are ours: docs/reconstructions.md#exact-dollar-partition).
public struct ExactDollarPartition: PeerSelectionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "exact-dollar-partition", name: "Exact Dollar Partition (peer selection)", domain: .peerSelection,
        summary: "Uniform partition, quotas from normalized outside scores, systematic rounding so exactly k are selected.",
        isRandomized: true,
        parameters: PeerSelectionParameters.specs(k: "agents selected", l: "clusters; divides n"),
        references: [DerandomizedPapers.azizEtAl2019, DerandomizedPapers.walsh2024],
        claims: [
            Claim("exactly-k-selected", .satisfies, source: "Aziz et al. (2019): exact apportionment"),
            Claim("strategyproofness", .satisfies,
                  source: "impartial in expectation, so with utility 1 if selected no report changes an agent's selection probability"),
            Claim("impartiality-in-expectation", .satisfies, source: "Aziz et al. (2019); our rounding keeps each cluster's marginal"),
            Claim("impartiality", .violates, source: "ours: systematic rounding couples clusters; witness n = 3, l = 3, k = 1 in the claims test", minimalAgents: 3),
        ],
        reconstruction: "Capping, systematic rounding and the slot layout are ours; the paper's body was not read (docs/reconstructions.md#exact-dollar-partition).")

    public let k: Int
    public let clusters: Int

    public init(k: Int = ExactDollarPartition.descriptor.defaultInteger("k"),
                clusters: Int = ExactDollarPartition.descriptor.defaultInteger("l")) throws(MechanismError) {
        guard k >= 1, clusters >= 1 else {
            throw .invalidParameter(mechanism: Self.descriptor.id, name: "k", value: Double(k), expected: "k >= 1 and l >= 1")
        }
        self.k = k
        self.clusters = clusters
    }

    /// For parameters already checked (k, l >= 1).
    init(validatedK k: Int, clusters: Int) {
        self.k = k
        self.clusters = clusters
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { ParameterValues(["k": Double(k), "l": Double(clusters)]) }
    public var seedSpaceIsReportIndependent: Bool { false }

    public func validate(_ reports: [[Double]]) throws(DerandomizationError) {
        let n = reports.count
        guard n >= clusters, n % clusters == 0, k <= n, n <= 12 else {
            throw .invalidInput(path: "reports", expected: "at most 12 agents, divisible by l = \(clusters), at least k = \(k), got \(n)")
        }
        for (i, r) in reports.enumerated() {
            guard r.count == n, r.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
                throw .invalidInput(path: "reports[\(i)]", expected: "\(n) finite non-negative scores (own entry ignored)")
            }
        }
    }

    /// Dollars each agent receives from outside its cluster, and each cluster's quota.
    public func quotas(_ reports: [[Double]], partition: [[Int]]) throws(DerandomizationError) -> (dollars: [Rational], quotas: [Rational]) {
        do { return try Self.quotas(reports, partition: partition, k: k) } catch { throw .overflow("Exact Dollar Partition quotas: \(error)") }
    }

    static func quotas(_ reports: [[Double]], partition: [[Int]], k: Int) throws(RationalError) -> (dollars: [Rational], quotas: [Rational]) {
        let n = reports.count
        var cluster = Array(repeating: 0, count: n)
        for (c, members) in partition.enumerated() { for a in members { cluster[a] = c } }
        var dollars = Array(repeating: Rational.zero, count: n)
        for i in 0..<n {
            let outside = (0..<n).filter { cluster[$0] != cluster[i] }
            var scores: [Rational] = []
            for j in outside { scores.append(try Rational(roundTripping: reports[i][j])) }
            var total = Rational.zero
            for x in scores { total = try total.adding(x) }
            for (j, x) in zip(outside, scores) {
                let share = total == .zero ? Rational(1, outside.count) : try x.divided(by: total)
                dollars[j] = try dollars[j].adding(share)
            }
        }
        var received: [Rational] = []
        for members in partition {
            var x = Rational.zero
            for a in members { x = try x.adding(dollars[a]) }
            received.append(x)
        }
        // q_C = k x_C / n, capped at |C| with the excess spread over the uncapped clusters.
        var quotas = try received.map { x throws(RationalError) in try x.multiplied(by: Rational(k, n)) }
        var capped = Array(repeating: false, count: partition.count)
        while let c = quotas.indices.first(where: { !capped[$0] && quotas[$0] > Rational(partition[$0].count) }) {
            capped[c] = true
            quotas[c] = Rational(partition[c].count)
            var fixed = Rational.zero, free = Rational.zero
            for d in quotas.indices { if capped[d] { fixed = try fixed.adding(quotas[d]) } else { free = try free.adding(received[d]) } }
            let rest = try Rational(k).subtracting(fixed)
            for d in quotas.indices where !capped[d] {
                quotas[d] = free == .zero ? .zero : try received[d].multiplied(by: try rest.divided(by: free))
            }
        }
        return (dollars, quotas)
    }

    /// The rounding lottery for one partition: (rounded quotas, interval length of U) in order of U.
    static func rounding(_ quotas: [Rational]) throws(RationalError) -> [(seats: [Int], length: Rational)] {
        let floors = quotas.map { Int($0.numerator / $0.denominator) }
        var fractions: [Rational] = []
        for (q, f) in zip(quotas, floors) { fractions.append(try q.subtracting(Rational(f))) }
        // Cut points: the fractional parts of the cumulative sums, plus 0.
        var cumulative = Rational.zero
        var cuts: Set<Rational> = [.zero]
        for r in fractions {
            cumulative = try cumulative.adding(r)
            cuts.insert(try cumulative.subtracting(Rational(Int(cumulative.numerator / cumulative.denominator))))
        }
        let points = cuts.sorted() + [.one]
        var out: [(seats: [Int], length: Rational)] = []
        for t in 0..<(points.count - 1) {
            let u = points[t]  // the outcome is constant on [points[t], points[t+1])
            var seats = floors
            var lower = Rational.zero
            for (c, r) in fractions.enumerated() {
                let upper = try lower.adding(r)
                // Round up iff an integer j has lower <= j + u < upper.
                let first = try lower.subtracting(u)
                let j = first.numerator <= 0 ? -((-first.numerator) / first.denominator) : (first.numerator + first.denominator - 1) / first.denominator
                if try Rational(numerator: j, denominator: 1).adding(u) < upper { seats[c] += 1 }
                lower = upper
            }
            out.append((seats, try points[t + 1].subtracting(points[t])))
        }
        return out
    }

    /// Per partition: its slots (rounding outcome per slot of D).
    func layout(_ reports: [[Double]]) throws(DerandomizationError) -> (partitions: [[[Int]]], d: Int, seats: [[[Int]]], dollars: [[Rational]]) {
        let partitions = SeedEncoding.balancedPartitions(agents: reports.count, clusters: clusters)
        var lotteries: [[(seats: [Int], length: Rational)]] = []
        var dollars: [[Rational]] = []
        var d: Int128 = 1
        for p in partitions {
            let (money, q) = try quotas(reports, partition: p)
            let lottery: [(seats: [Int], length: Rational)]
            do { lottery = try Self.rounding(q) } catch { throw .overflow("Exact Dollar Partition rounding: \(error)") }
            for e in lottery {
                d = d / SeedEncoding.gcd128(d, e.length.denominator) * e.length.denominator
                guard d <= 100_000 else { throw .seedSpaceTooLarge("the rounding lotteries' common denominator exceeds 10^5") }
            }
            lotteries.append(lottery)
            dollars.append(money)
        }
        let slots = lotteries.map { lottery in
            lottery.flatMap { e in Array(repeating: e.seats, count: Int(e.length.numerator * d / e.length.denominator)) }
        }
        return (partitions, Int(d), slots, dollars)
    }

    public func stepModuli(for reports: [[Double]]) throws(DerandomizationError) -> [Int] {
        let l = try layout(reports)
        return [l.partitions.count, l.d]
    }

    public func component(_ seed: Int, for reports: [[Double]]) throws(DerandomizationError) -> [Int] {
        let l = try layout(reports)
        let (p, slot) = (seed / l.d, seed % l.d)
        return Self.select(partition: l.partitions[p], seats: l.seats[p][slot], dollars: l.dollars[p])
    }

    public func slots(for reports: [[Double]]) throws(DerandomizationError) -> [[Int]] {
        try validate(reports)
        let l = try layout(reports)
        return l.partitions.indices.flatMap { p in l.seats[p].map { Self.select(partition: l.partitions[p], seats: $0, dollars: l.dollars[p]) } }
    }

    /// Each cluster's `seats` agents with the most dollars (ties to the lower index), sorted.
    static func select(partition: [[Int]], seats: [Int], dollars: [Rational]) -> [Int] {
        var selected: [Int] = []
        for (cluster, s) in zip(partition, seats) {
            selected += cluster.sorted { (dollars[$0], -$0) > (dollars[$1], -$1) }.prefix(s)
        }
        return selected.sorted()
    }
}
