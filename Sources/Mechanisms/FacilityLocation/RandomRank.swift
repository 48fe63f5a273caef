/// Random Rank: draw k uniformly from {1, ..., n} and place the facility at the k-th highest
/// report.
///
/// ```
/// P = (1/n) · Σ_{k=1..n} δ(x_(n-k+1))     (a location reported by m agents gets m/n)
/// E[TC] = (1/n) Σ_j TC(x_(j)) = (1/n) Σ_{i,j} |x_i - x_j|
/// E[MC] = (1/n) Σ_j max(x_(j) - x_(1), x_(n) - x_(j))
/// ```
/// Decomposition: (1/n)·OS_k for k = 1..n; every component is strategyproof and anonymous, so
/// the mechanism is universally truthful and universally anonymous.
///
/// Properties (Aziz, Lam, Suzuki, Walsh 2022, abstract): universally truthful, universally
/// anonymous, Strong Proportionality in expectation; the unique mechanism with all three.
/// Unanimous. Not ex-post fair: on (0, 0, 1) the realisation 1 leaves the agents at 0 with cost 1.
/// It has the same lottery as random dictatorship on every profile.
/// - Complexity: O(n) for the lottery, O(log n) for both expected costs on a `FacilityProfile`.
/// References: Aziz et al. (2022), arXiv 2205.14798.
public struct RandomRank: FacilityLocationMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "random-rank", name: "Random Rank", domain: .facilityLocation,
        summary: "Uniform lottery over the order statistics: the k-th highest report with k uniform in 1..n.",
        isRandomized: true,
        references: [FacilityLocationPapers.randomRank],
        claims: FacilityClaims.randomRankLike(universallyAnonymous: true, source: "Aziz et al. (2022), arXiv 2205.14798, abstract"))

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func lottery(for profile: FacilityProfile) -> Lottery<Double> {
        let n = profile.count
        let s = profile.sorted
        var entries: [Lottery<Double>.Entry] = []
        entries.reserveCapacity(n)
        var j = 0
        while j < n {
            var m = 1
            while j + m < n, s[j + m] == s[j] { m += 1 }
            entries.append(.init(outcome: s[j], probability: Double(m) / Double(n)))
            j += m
        }
        return Lottery(uncheckedEntries: entries)
    }

    /// E[TC] = (1/n) Σ_{i,j} |x_i - x_j| (the profile's pairwise distance sum) and
    /// E[MC] = (1/n) Σ_j max(x_(j) - x_(1), x_(n) - x_(j)), split at the midpoint: reports at or
    /// right of it pay their distance to x_(1), the others their distance to x_(n). O(log n).
    public func expectedCosts(for profile: FacilityProfile) -> FacilityCosts {
        let n = profile.count
        let lo = profile.minimum, hi = profile.maximum
        let m = profile.countBelow((lo + hi) / 2)
        let p = profile.prefix
        let right = (p[n] - p[m]) - Double(n - m) * lo
        let left = Double(m) * hi - p[m]
        return FacilityCosts(total: profile.pairwiseDistanceSum / Double(n), maximum: (right + left) / Double(n))
    }

    /// E[Y] is the mean report: each report has probability 1/n.
    public func expectedLocation(for profile: FacilityProfile) -> Double {
        profile.mean
    }

    public func components(agentCount n: Int) -> [FacilityComponent] {
        (1...max(n, 1)).map { k in
            // k is in 1...n, which OrderStatistic accepts.
            FacilityComponent(weight: 1 / Double(n), mechanism: OrderStatistic(validatedK: k))
        }
    }
}
