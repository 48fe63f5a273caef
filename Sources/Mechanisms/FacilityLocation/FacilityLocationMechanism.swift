/// A mechanism that places one facility on [0, 1] from n reported locations.
///
/// The outcome is an exact `Lottery<Double>` of locations (a one-point lottery for a
/// deterministic mechanism). A randomized mechanism that is a report-independent mixture of
/// deterministic mechanisms exposes that mixture through `components(agentCount:)`, so that
/// *universal* properties are checked component by component.
public protocol FacilityLocationMechanism: Mechanism {
    /// Throws when the mechanism cannot run on profiles of `agentCount` agents (for example the
    /// k-th order statistic with k > n). Callers check this once before a run.
    func validate(agentCount: Int) throws(MechanismError)

    /// The exact outcome lottery on `profile`, sorted by location with equal locations merged.
    func lottery(for profile: FacilityProfile) -> Lottery<Double>

    /// E[TC] and E[MC] on `profile`. The default goes through `lottery(for:)`; mechanisms with a
    /// closed form override it, and tests cross-check the two.
    func expectedCosts(for profile: FacilityProfile) -> FacilityCosts

    /// E[Y], the expected location. The default goes through `lottery(for:)`.
    func expectedLocation(for profile: FacilityProfile) -> Double

    /// The declared decomposition into deterministic mechanisms, with weights summing to one.
    /// A deterministic mechanism is its own single component.
    func components(agentCount: Int) -> [FacilityComponent]

    /// This mechanism as a deterministic one, or nil: a witness call where `as?` would be a
    /// dynamic cast (the checkers ask once per profile).
    var asDeterministic: (any DeterministicFacilityMechanism)? { get }
}

/// A deterministic facility-location mechanism: one location per profile.
public protocol DeterministicFacilityMechanism: FacilityLocationMechanism {
    /// The facility location on `profile`.
    func location(for profile: FacilityProfile) -> Double
}

/// The expected total and maximum cost of a mechanism on one profile.
public struct FacilityCosts: Sendable, Hashable {
    /// E[sum_i |Y - x_i|].
    public var total: Double
    /// E[max_i |Y - x_i|].
    public var maximum: Double
    public init(total: Double, maximum: Double) {
        self.total = total
        self.maximum = maximum
    }
}

/// One weighted deterministic component of a randomized mechanism's decomposition.
public struct FacilityComponent: Sendable {
    public var weight: Double
    public var mechanism: any DeterministicFacilityMechanism
    public init(weight: Double, mechanism: any DeterministicFacilityMechanism) {
        self.weight = weight
        self.mechanism = mechanism
    }
}

extension FacilityLocationMechanism {
    public var asDeterministic: (any DeterministicFacilityMechanism)? { nil }

    public func validate(agentCount: Int) throws(MechanismError) {
        guard agentCount >= 1 else {
            throw .invalidProfile("a profile needs at least one agent")
        }
    }

    public func expectedCosts(for profile: FacilityProfile) -> FacilityCosts {
        var total = 0.0, maximum = 0.0
        for e in lottery(for: profile).entries {
            total += e.probability * profile.totalCost(at: e.outcome)
            maximum += e.probability * profile.maxCost(at: e.outcome)
        }
        return FacilityCosts(total: total, maximum: maximum)
    }

    public func expectedLocation(for profile: FacilityProfile) -> Double {
        lottery(for: profile).mean
    }

    /// Each agent's expected cost E|Y - x_i|, in agent order.
    public func agentExpectedCosts(for profile: FacilityProfile) -> [Double] {
        let lottery = lottery(for: profile)
        return profile.locations.map { x in lottery.expectation { abs($0 - x) } }
    }
}

extension DeterministicFacilityMechanism {
    public var asDeterministic: (any DeterministicFacilityMechanism)? { self }

    public func lottery(for profile: FacilityProfile) -> Lottery<Double> {
        Lottery(certain: location(for: profile))
    }

    public func expectedCosts(for profile: FacilityProfile) -> FacilityCosts {
        let y = location(for: profile)
        return FacilityCosts(total: profile.totalCost(at: y), maximum: profile.maxCost(at: y))
    }

    public func expectedLocation(for profile: FacilityProfile) -> Double {
        location(for: profile)
    }

    public func components(agentCount: Int) -> [FacilityComponent] {
        [FacilityComponent(weight: 1, mechanism: self)]
    }
}

/// The papers of the facility-location family.
public enum FacilityLocationPapers {
    public static let randomRank = PaperReference(
        authors: ["Haris Aziz", "Alexander Lam", "Mashbat Suzuki", "Toby Walsh"],
        title: "Random Rank: The One and Only Strategyproof and Proportionally Fair Randomized Facility Location Mechanism",
        year: 2022, venue: "NeurIPS 2022", arXiv: "2205.14798")
    public static let proportionalFairness = PaperReference(
        authors: ["Haris Aziz", "Alexander Lam", "Barton E. Lee", "Toby Walsh"],
        title: "Strategyproof and Proportionally Fair Facility Location",
        year: 2021, venue: "J. Mathematical Economics 119 (2025)", arXiv: "2111.01566")
    public static let budgetAggregation = PaperReference(
        authors: ["Rupert Freeman", "David M. Pennock", "Dominik Peters", "Jennifer Wortman Vaughan"],
        title: "Truthful aggregation of budget proposals",
        year: 2021, venue: "Journal of Economic Theory 193")
    public static let moulin = PaperReference(
        authors: ["Hervé Moulin"], title: "On strategy-proofness and single peakedness",
        year: 1980, venue: "Public Choice 35")
    public static let procacciaTennenholtz = PaperReference(
        authors: ["Ariel D. Procaccia", "Moshe Tennenholtz"],
        title: "Approximate mechanism design without money",
        year: 2013, venue: "ACM Transactions on Economics and Computation 1(4)")
}
