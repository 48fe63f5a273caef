/// Random serial dictatorship for voting with weak preferences (the tie-breaking variant of
/// random dictatorship): a uniform order of agents, each narrowing the remaining candidates to
/// its most preferred ones among them.
///
/// ```
/// component s ∈ Z_{n!}: order = unrank(s);  S = C;  for i in order: S ← S ∩ (i's best class meeting S)
/// winner = the lowest-index candidate of S (fixed tie rule, ours)
/// ```
/// Properties: every component is a serial dictatorship, strategyproof and Pareto efficient
/// (for weak preferences), so the mixture is universally truthful and ex-post efficient
/// (worked instance V-2; docs/reconstructions.md#derandomized-domains). A ballot is a list of indifference classes, best first,
/// that together hold every candidate `0..<c` once (a strict ranking is the all-singletons case).
/// References: Abdulkadiroğlu and Sönmez (1998) for serial dictatorship; Walsh (2024) (reconstructed).
public struct RandomSerialDictator: VotingMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "random-serial-dictator", name: "Random serial dictator (voting, ties)", domain: .voting,
        summary: "A uniform order of voters narrows the candidates to each voter's best; lowest index breaks a final tie.",
        isRandomized: true,
        references: [DerandomizedPapers.abdulkadirogluSonmez1998, DerandomizedPapers.walsh2024],
        claims: [
            Claim("universal-truthfulness", .satisfies, source: "serial dictatorship is strategyproof"),
            Claim("ex-post-pareto-efficiency", .satisfies, source: "derived: every serial-dictatorship order gives a Pareto-optimal winner"),
        ],
        reconstruction: "The final tie rule (lowest candidate index) is ours (docs/reconstructions.md#derandomized-domains).")

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func validate(_ reports: [[[Int]]]) throws(DerandomizationError) {
        guard !reports.isEmpty else { throw .invalidInput(path: "reports", expected: "at least one ballot") }
        let c = reports[0].reduce(0) { $0 + $1.count }
        guard c >= 1 else { throw .invalidInput(path: "reports[0]", expected: "a weak ranking of at least one candidate") }
        for (i, r) in reports.enumerated() {
            let all = r.flatMap { $0 }
            guard all.count == c, Set(all) == Set(0..<c), r.allSatisfy({ !$0.isEmpty }) else {
                throw .invalidInput(path: "reports[\(i)]", expected: "non-empty indifference classes holding each candidate 0...\(c - 1) once, got \(r)")
            }
        }
    }

    public func stepModuli(for reports: [[[Int]]]) throws(DerandomizationError) -> [Int] {
        _ = try SeedEncoding.factorial(reports.count)
        return SeedEncoding.permutationModuli(reports.count)
    }

    public func component(_ seed: Int, for reports: [[[Int]]]) throws(DerandomizationError) -> Int {
        // The first dictator of the lexicographic order of rank `seed` is seed / (n − 1)!; when
        // its best class is one candidate, that candidate wins (every strict ballot).
        let first = seed / (1..<max(reports.count, 1)).reduce(1, *)
        if first < reports.count, reports[first][0].count == 1 { return reports[first][0][0] }
        let order = SeedEncoding.permutation(rank: seed, count: reports.count)
        var remaining = Set(reports[0].flatMap { $0 })
        for agent in order where remaining.count > 1 {
            for cls in reports[agent] {
                let meet = remaining.intersection(cls)
                if !meet.isEmpty { remaining = meet; break }
            }
        }
        return remaining.min() ?? 0
    }
}
