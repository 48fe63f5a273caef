/// Random priority (random serial dictatorship): a uniformly random order of the agents, each
/// taking its favourite remaining item.
///
/// ```
/// component s ∈ Z_{n!}: order = unrank(s) (lexicographic);  outcome = serial dictatorship(order)
/// interleaved steps: n, n−1, …, 2 (the next agent among those left)
/// ```
/// Properties: strategyproof (universally: every serial dictatorship is), ex-post Pareto
/// efficient, anonymous (equal treatment of equals); no deterministic mechanism has all three
/// with >= 3 items (Zhou 1990, cited by Walsh 2024). Worked instance R-1: lottery rows (1/2, 1/6, 1/3),
/// (1/2, 0, 1/2), (0, 5/6, 1/6). Not sd-efficient ex ante (probabilistic serial dominates it on
/// some profiles).
/// References: Abdulkadiroğlu and Sönmez (1998); Walsh (2024), arXiv 2308.10413 (reconstructed:
/// docs/reconstructions.md#derandomized-domains).
public struct RandomPriority: AllocationMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "random-priority", name: "Random priority", domain: .resourceAllocation,
        summary: "A uniform order of agents; each takes its favourite remaining item.",
        isRandomized: true,
        references: [DerandomizedPapers.abdulkadirogluSonmez1998, DerandomizedPapers.walsh2024],
        claims: [
            Claim("ex-post-pareto-efficiency", .satisfies, source: "Abdulkadiroğlu and Sönmez (1998); Walsh (2024) intro"),
            Claim("universal-truthfulness", .satisfies, source: "every serial dictatorship is strategyproof"),
            Claim("anonymity", .satisfies, source: "uniform order: equal treatment of equals"),
        ])

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func validate(_ reports: [[Int]]) throws(DerandomizationError) {
        try HouseAllocation.validate(reports)
    }

    public func stepModuli(for reports: [[Int]]) throws(DerandomizationError) -> [Int] {
        _ = try SeedEncoding.factorial(reports.count)
        return SeedEncoding.permutationModuli(reports.count)
    }

    public func component(_ seed: Int, for reports: [[Int]]) throws(DerandomizationError) -> [Int] {
        HouseAllocation.serialDictatorship(reports, order: SeedEncoding.permutation(rank: seed, count: reports.count))
    }
}
