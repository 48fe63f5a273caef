/// A voting mechanism given as a uniform mixture of deterministic rules; the outcome is the
/// winning candidate (0-based index).
public protocol VotingMechanism: UniformMixtureMechanism where Outcome == Int {}

/// Random dictatorship: a uniformly chosen agent is the dictator and the winner is its top
/// candidate.
///
/// ```
/// P(c wins) = |{i : top(≻_i) = c}| / n;   component s ∈ Z_n: dictator = agent s
/// ```
/// Properties: for strict preferences the only anonymous, ex-post Pareto efficient and
/// strategyproof randomized rule (Gibbard 1977); every component (a fixed dictatorship) is
/// strategyproof, so the mechanism is universally truthful and its derandomization is
/// quasi-strategyproof with sincere ballots weakly dominant (worked instance V-1; docs/reconstructions.md#quasi-strategyproofness).
/// Not anonymous as a deterministic map once derandomized (the move vector picks an agent).
/// Reports: strict rankings, best first, of the same candidates `0..<c`.
/// References: Gibbard (1977); Walsh (2024), arXiv 2308.10413 (reconstructed:
/// docs/reconstructions.md#derandomized-domains).
public struct RandomDictator: VotingMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "random-dictator", name: "Random dictator (voting)", domain: .voting,
        summary: "A uniformly random voter's top candidate wins.",
        isRandomized: true,
        references: [DerandomizedPapers.gibbard1977, DerandomizedPapers.walsh2024],
        claims: [
            Claim("universal-truthfulness", .satisfies, source: "Gibbard (1977)"),
            Claim("ex-post-pareto-efficiency", .satisfies, source: "derived: the winner is some voter's top choice"),
            Claim("anonymity", .satisfies, source: "Gibbard (1977): anonymous as a lottery"),
            Claim("sd-strategyproofness", .satisfies, source: "Gibbard (1977): a unilateral rule (each voter's share goes to its top), SD-strategyproof"),
            Claim("neutrality", .satisfies, source: "derived: the winner is a voter's top candidate, whatever the candidates' names"),
        ])

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func validate(_ reports: [[Int]]) throws(DerandomizationError) {
        try Ballots.validateStrict(reports)
    }

    public func stepModuli(for reports: [[Int]]) throws(DerandomizationError) -> [Int] { [reports.count] }

    public func component(_ seed: Int, for reports: [[Int]]) throws(DerandomizationError) -> Int {
        reports[seed][0]
    }
}

/// Checks on ballots shared by the voting mechanisms.
enum Ballots {
    /// Every ballot is a permutation of the same candidates `0..<c`, c >= 1, n >= 1.
    static func validateStrict(_ reports: [[Int]]) throws(DerandomizationError) {
        guard !reports.isEmpty else { throw .invalidInput(path: "reports", expected: "at least one ballot") }
        let c = reports[0].count
        guard c >= 1 else { throw .invalidInput(path: "reports[0]", expected: "a ranking of at least one candidate") }
        for (i, r) in reports.enumerated() {
            guard r.count == c, Set(r) == Set(0..<c) else {
                throw .invalidInput(path: "reports[\(i)]", expected: "a ranking of the candidates 0...\(c - 1), each once, best first, got \(r)")
            }
        }
    }
}
