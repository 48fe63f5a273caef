/// AverageOrRandomRank (reconstruction): with probability p the Average, otherwise Random Rank.
///
/// ```
/// P = p · δ(mean(x)) + (1 - p)/n · Σ_k δ(x_(k))          (p = 1/2 by default)
/// ```
/// **This definition is our reconstruction** (docs/reconstructions.md#averageorrandomrank): the paper's abstract names the
/// mechanism and says it is strategyproof in expectation with stronger ex-post fairness than
/// Random Rank, but its definition could not be read. The fair-coin mixture is what the name
/// suggests and was verified: it is SP in expectation exactly when p <= 1/2 (the RR branch
/// raises a deviating agent's expected cost by |δ|(1-p)/n, the Average branch lowers it by at
/// most |δ|p/n); with p = 3/5, n = 3, x = (0, 0, 1/8), agent 2 gains by reporting 1/4
/// (1/12 -> 3/40). The reading "Average on two-group profiles, Random Rank otherwise" is not SP
/// in expectation (x = (0, 1/2, 1), agent 1 reports 0: 1/3 -> 1/6).
///
/// Properties (p = 1/2, all derived): SP in expectation; IFS, UFS, PF, proportionality and Strong
/// Proportionality in expectation; not universally truthful (the Average component); not
/// ex-post fair. No ex-post claim is encoded until the paper's text is checked.
/// - Complexity: O(n) for the lottery.
/// References: Aziz, Lam, Suzuki, Walsh (2022), arXiv 2205.14798, abstract; reconstruction:
/// docs/reconstructions.md#averageorrandomrank.
public struct AverageOrRandomRank: FacilityLocationMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "average-or-random-rank", name: "AverageOrRandomRank", domain: .facilityLocation,
        summary: "The Average with probability p, otherwise Random Rank (our reconstruction).",
        isRandomized: true,
        parameters: [
            ParameterSpec(name: "p", kind: .real, summary: "probability of the Average branch; SP in expectation iff p <= 1/2",
                          defaultValue: 0.5, minimum: 0, maximum: 1)
        ],
        references: [FacilityLocationPapers.randomRank],
        claims: FacilityClaims.averageOrRandomRank,
        reconstruction: "The definition (a fair coin between the Average and Random Rank) is reconstructed from the name and the abstract's properties; see docs/reconstructions.md#averageorrandomrank.")

    /// The probability of the Average branch.
    public let p: Double

    public init(p: Double = AverageOrRandomRank.descriptor.defaultValue("p")) throws(MechanismError) {
        guard p.isFinite, p >= 0, p <= 1 else {
            throw .invalidParameter(mechanism: Self.descriptor.id, name: "p", value: p, expected: "a probability in [0, 1]")
        }
        self.p = p
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { ParameterValues(["p": p]) }

    public func lottery(for profile: FacilityProfile) -> Lottery<Double> {
        let n = profile.count
        var pairs: [(Double, Double)] = [(Average().location(for: profile), p)]
        let each = (1 - p) / Double(n)
        for x in profile.sorted { pairs.append((x, each)) }
        return Lottery.trusted(locations: pairs)
    }

    public func expectedLocation(for profile: FacilityProfile) -> Double { profile.mean }

    /// p · (costs at the mean) + (1 - p) · (Random Rank's expected costs): O(log n).
    public func expectedCosts(for profile: FacilityProfile) -> FacilityCosts {
        let y = Average().location(for: profile)
        let rr = RandomRank().expectedCosts(for: profile)
        return FacilityCosts(
            total: p * profile.totalCost(at: y) + (1 - p) * rr.total,
            maximum: p * profile.maxCost(at: y) + (1 - p) * rr.maximum)
    }

    public func components(agentCount n: Int) -> [FacilityComponent] {
        [FacilityComponent(weight: p, mechanism: Average())]
            + (1...max(n, 1)).map { FacilityComponent(weight: (1 - p) / Double(n), mechanism: OrderStatistic(validatedK: $0)) }
    }
}
