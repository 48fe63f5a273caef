import Mechanisms

/// Named tolerances of the facility-location checkers.
public enum FacilityTolerance {
    /// A manipulation counts only when it lowers the agent's (expected) cost by more than this.
    /// Costs are sums of at most a few hundred products of numbers in [0, 1], so rounding stays
    /// below 1e-13; 1e-9 leaves a wide margin and is far below any grid step we use (>= 1e-3).
    public static let cost = 1e-9
    /// Two locations within this distance are the same point (lottery comparisons).
    public static let location = 1e-9
    /// Two probabilities within this distance are equal.
    public static let probability = 1e-9
}

/// An axiom of facility location, judged one profile at a time.
///
/// `violation(of:at:context:)` returns a witness (data, not text) when the mechanism violates
/// the axiom at this profile, for some misreport in `context.misreports` where the axiom is
/// about manipulation. The checker (`AxiomChecker`) drives the search over a space of profiles.
public protocol FacilityAxiom: Sendable {
    /// Stable kebab-case id (`strategyproofness`).
    var id: String { get }
    var name: String { get }
    /// The definition, one or two sentences with the formula.
    var definition: String { get }
    /// Where the definition comes from.
    var source: String { get }
    /// Whether the check at a profile tries misreports.
    var usesMisreports: Bool { get }
    /// Whether covering a whole grid proves the property there (false for probes such as
    /// continuity, whose grid verdict is then `noViolationFound`).
    var provableOnGrid: Bool { get }

    func violation(of mechanism: any FacilityLocationMechanism, at profile: FacilityProfile, context: inout CheckContext) -> FacilityWitness?
}

extension FacilityAxiom {
    public var provableOnGrid: Bool { true }
}

/// Scratch state and search parameters for per-profile checks.
public struct CheckContext: Sendable {
    /// The misreports tried for each agent (sorted, in [0, 1]).
    public var misreports: [Double]
    var work: FacilityProfile

    public init(misreports: [Double]) {
        self.misreports = misreports
        work = FacilityProfile(trusted: [0])
    }

    /// Calls `body` with `profile` with `agent`'s report replaced, held in reused storage (no
    /// allocation once the buffers have the profile's size, no sort, no copy of the profile).
    mutating func withDeviation<T>(
        of profile: FacilityProfile, agent: Int, report: Double, _ body: (FacilityProfile) -> T
    ) -> T {
        work.loadDeviation(of: profile, agent: agent, report: report)
        return body(work)
    }
}

/// Evidence that a mechanism violates an axiom: enough to replay it.
///
/// For manipulation axioms: the true profile, the deviating agent (0-based), its misreport,
/// both outcomes and the cost reduction (`gain`). For symmetry axioms: the permuted profile and
/// both outcomes. `component` names the deterministic component for universal properties.
public struct FacilityWitness: Sendable, Hashable {
    public var axiom: String
    public var mechanism: String
    public var profile: [Double]
    public var agent: Int?
    public var misreport: Double?
    public var truthfulOutcome: Lottery<Double>
    public var manipulatedOutcome: Lottery<Double>?
    public var truthfulCost: Double?
    public var manipulatedCost: Double?
    public var gain: Double?
    public var permutedProfile: [Double]?
    public var component: String?
    /// One sentence saying what goes wrong.
    public var explanation: String

    public init(
        axiom: String, mechanism: String, profile: [Double], agent: Int? = nil, misreport: Double? = nil,
        truthfulOutcome: Lottery<Double>, manipulatedOutcome: Lottery<Double>? = nil,
        truthfulCost: Double? = nil, manipulatedCost: Double? = nil, gain: Double? = nil,
        permutedProfile: [Double]? = nil, component: String? = nil, explanation: String
    ) {
        self.axiom = axiom
        self.mechanism = mechanism
        self.profile = profile
        self.agent = agent
        self.misreport = misreport
        self.truthfulOutcome = truthfulOutcome
        self.manipulatedOutcome = manipulatedOutcome
        self.truthfulCost = truthfulCost
        self.manipulatedCost = manipulatedCost
        self.gain = gain
        self.permutedProfile = permutedProfile
        self.component = component
        self.explanation = explanation
    }

    /// The number of distinct locations in the profile (a measure of a witness's size).
    public var distinctLocations: Int { Set(profile).count }
}
