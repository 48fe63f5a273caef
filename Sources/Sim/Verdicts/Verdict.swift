import Mechanisms
import Solvers

/// What checking one axiom on one mechanism concluded, in every domain.
///
/// - `holds`: only when the space was covered completely (a finite grid, every deviation of a
///   finite set, an exact method); states the arithmetic the judgement was made in.
/// - `violated`: with a typed witness, enough to replay the violation.
/// - `noViolationFound`: a sampled or otherwise incomplete search found nothing; never printed
///   as "holds".
/// - `inconclusive`: the check could not decide, with the reason.
///
/// Every case says which space was searched (`CheckedSpace`).
public enum Verdict: Sendable, Hashable {
    case holds(space: CheckedSpace, arithmetic: Arithmetic)
    case violated(Witness, space: CheckedSpace, arithmetic: Arithmetic)
    /// `samples`: how many draws (profiles, instances, paired seeds) were examined; `seed` the
    /// generator seed when the search was random.
    case noViolationFound(space: CheckedSpace, samples: Int, seed: UInt64?)
    case inconclusive(reason: String, space: CheckedSpace)

    /// `holds`, `violated`, `no-violation-found` or `inconclusive`: the id in text and JSON.
    public var id: String {
        switch self {
        case .holds: "holds"
        case .violated: "violated"
        case .noViolationFound: "no-violation-found"
        case .inconclusive: "inconclusive"
        }
    }

    public var witness: Witness? {
        if case .violated(let w, _, _) = self { return w }
        return nil
    }

    public var space: CheckedSpace {
        switch self {
        case .holds(let s, _), .violated(_, let s, _), .noViolationFound(let s, _, _), .inconclusive(_, let s): s
        }
    }

    /// The arithmetic of a `holds` or `violated` verdict; nil otherwise.
    public var arithmetic: Arithmetic? {
        switch self {
        case .holds(_, let a), .violated(_, _, let a): a
        case .noViolationFound, .inconclusive: nil
        }
    }
}

/// The space a check searched: a sentence, and the number of cases when it is countable.
public struct CheckedSpace: Sendable, Hashable {
    /// What was searched, e.g. "every profile of 3 agents on the grid {0, 1/8, ..., 1}".
    public var description: String
    /// How many cases (profiles, deviations, move vectors) the space holds, when countable.
    public var count: Int?
    /// Whether the check covered the whole space.
    public var exhaustive: Bool

    public init(_ description: String, count: Int? = nil, exhaustive: Bool) {
        self.description = description
        self.count = count
        self.exhaustive = exhaustive
    }
}

/// How a verdict's numbers were computed.
public enum Arithmetic: Sendable, Hashable {
    /// Exact rational arithmetic: no tolerance.
    case exact
    /// Floating point; differences up to `tolerance` are ignored.
    case floatingPoint(tolerance: Double)

    /// `exact` or `floating-point`.
    public var id: String {
        switch self {
        case .exact: "exact"
        case .floatingPoint: "floating-point"
        }
    }
}

/// Evidence of a violation, typed by domain.
public enum Witness: Sendable, Hashable {
    /// A facility-location manipulation, symmetry or fairness failure.
    case facility(FacilityWitness)
    /// A position-auction property failure on one instance.
    case auction(AuctionWitness)
    /// An information-acquisition incentive, participation or payment failure.
    case informationAcquisition(InformationAcquisitionWitness)
    /// A derandomized mechanism's profitable deviation or failed property.
    case derandomized(DerandomizedWitness)
    /// A strategic-bandit arm's deviation whose gain exceeds ε.
    case bandit(BanditWitness)
    /// A probabilistic voting rule's manipulation, asymmetry or dominated winner.
    case voting(VotingWitness)
    /// A counterexample to a theorem checked by computation (a scenario's characterization),
    /// described in one sentence.
    case counterexample(Domain, String)

    /// The domain the witness belongs to.
    public var domain: Domain {
        switch self {
        case .facility: .facilityLocation
        case .auction: .positionAuctions
        case .informationAcquisition: .informationAcquisition
        case .derandomized: .derandomized
        case .bandit: .strategicBandits
        case .voting: .voting
        case .counterexample(let d, _): d
        }
    }
}

/// A violation in an information-acquisition mechanism (model A: hiring agents; model B:
/// senders with exogenous signals).
public enum InformationAcquisitionWitness: Sendable, Hashable {
    /// Model A: an agent's deviation in effort and reporting map that gains over obeying.
    case hiringDeviation(HiringDeviation)
    /// Model B: a sender's profitable lie.
    case senderDeviation(SenderDeviation)
    /// Model A: an agent whose obedient expected utility is negative.
    case participation(ParticipationViolation)
    /// A payment below 0 (`bound` 0) or above the cap M (`bound` M): model A gives the effort
    /// profile index, model B has none.
    case payment(agent: Int, efforts: Int?, signals: Int, state: Int, payment: Double, bound: Double)
}

/// A violation by a derandomized mechanism (agents play a sum-mod-m game for the seed).
public enum DerandomizedWitness: Sendable, Hashable {
    /// With the others sincere and uniform, `agent` reports `misreport` (JSON as in the instance
    /// file) and plays `move`, and gets `deviationValue` > `equilibriumValue`.
    case sincerityDeviation(agent: Int, misreport: JSONValue, move: Int, equilibriumValue: Rational, deviationValue: Rational)
    /// Against uniform opponents at sincere reports, `move` gives `agent` more than uniform play.
    case profitableMove(agent: Int, move: Int, uniformValue: Rational, moveValue: Rational)
    /// Whatever `agent` plays, the outcome is the same when the others play `others`.
    case unresponsiveAgent(agent: Int, others: [Int])
    /// Under uniform play with `method`, `outcome` has probability `derandomized` but the
    /// original lottery gives it `original`.
    case lotteryMismatch(method: String, outcome: JSONValue, derandomized: Rational, original: Rational)
}

/// A strategic-bandit arm's deviation whose Bonferroni-corrected lower bound on the gain exceeds
/// ε(T).
public struct BanditWitness: Sendable, Hashable {
    public var deviation: DeviationGain
    public var epsilon: Double
    public var horizon: Int

    public init(deviation: DeviationGain, epsilon: Double, horizon: Int) {
        self.deviation = deviation
        self.epsilon = epsilon
        self.horizon = horizon
    }
}
