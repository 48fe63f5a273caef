import Solvers

/// The papers of the information-acquisition family and the note every descriptor carries.
public enum InformationAcquisitionPapers {
    /// Model A.
    public static let hiring = PaperReference(
        authors: ["Federico Cacciamani", "Matteo Castiglioni", "Nicola Gatti"],
        title: "Online Information Acquisition: Hiring Multiple Agents", year: 2023,
        venue: "ICLR 2024 (poster)", arXiv: "2307.06210")
    /// Model B.
    public static let senders = PaperReference(
        authors: ["Federico Cacciamani", "Matteo Castiglioni", "Nicola Gatti"],
        title: "Online Mechanism Design for Information Acquisition", year: 2023,
        venue: "ICML 2023, PMLR 202, pp. 3299-3326")
    /// What is reconstructed.
    public static let reconstruction = "The LP is our reconstruction (docs/reconstructions.md#hiring-lp, #senders-lp) from the abstracts and public reviews; neither paper's full text was read, and the reference values were computed independently."
}

/// An instance of either model of the family.
public enum AcquisitionInstance: Sendable, Hashable {
    /// Model A: a principal hiring agents who choose efforts.
    case hiring(HiringInstance)
    /// Model B: a receiver and senders with exogenous signals.
    case senders(SendersInstance)
}

/// The optimum a mechanism of this family computes: an LP answer, never an error for an
/// infeasible program.
public struct AcquisitionResult: Sendable {
    /// `.optimal`, or `.infeasible` with `reason`.
    public var status: LPStatus
    /// The principal's (receiver's) optimal expected utility; −∞ when infeasible.
    public var value: Double
    /// The exact optimal value, for `LPMethod.exact` when every LP involved was certified.
    public var exactValue: Rational?
    /// Why `exactValue` is nil after an exact run.
    public var exactFailure: String?
    /// The method of the LP runs.
    public var method: LPMethod
    /// Why the answer is not `.optimal`, in a sentence.
    public var reason: String?
    /// Extra named facts about the optimum (e.g. the best effort profile), for reports.
    public var details: [(String, String)]
    /// Size of the largest LP solved: variables, equality rows, inequality rows.
    public var size: (variables: Int, equalities: Int, inequalities: Int)

    public init(status: LPStatus, value: Double, exactValue: Rational? = nil, exactFailure: String? = nil,
                method: LPMethod, reason: String? = nil, details: [(String, String)] = [],
                size: (variables: Int, equalities: Int, inequalities: Int) = (0, 0, 0)) {
        self.status = status
        self.value = value
        self.exactValue = exactValue
        self.exactFailure = exactFailure
        self.method = method
        self.reason = reason
        self.details = details
        self.size = size
    }
}

/// A mechanism of the information-acquisition family: it computes an optimal mechanism of its
/// kind for an instance, by linear programming through `GLPKSolver`.
public protocol InformationAcquisitionMechanism: Mechanism {
    /// The optimal value (and, for `.exact`, its exact fraction) on `instance`.
    /// - Throws: `InformationAcquisitionError` when the instance is of the other model;
    ///   `LPError` when the solver fails to run. Infeasibility is an answer in the result.
    func optimum(_ instance: AcquisitionInstance, method: LPMethod) throws -> AcquisitionResult
}

extension InformationAcquisitionMechanism {
    /// The model A instance inside `instance`, or an error naming this mechanism.
    func hiringInstance(_ instance: AcquisitionInstance) throws(InformationAcquisitionError) -> HiringInstance {
        guard case .hiring(let h) = instance else {
            throw .init(keyPath: "agents", expected: "a model A instance (agents with \"efforts\" and \"costs\") for '\(descriptor.id)'",
                        found: "a model B instance", suggestion: "Use 'optimal-ic-mechanism' for model B instances.")
        }
        return h
    }

    /// The model B instance inside `instance`, or an error naming this mechanism.
    func sendersInstance(_ instance: AcquisitionInstance) throws(InformationAcquisitionError) -> SendersInstance {
        guard case .senders(let s) = instance else {
            throw .init(keyPath: "agents", expected: "a model B instance (with \"sender_utility\") for '\(descriptor.id)'",
                        found: "a model A instance",
                        suggestion: "Use 'optimal-correlated-mechanism', 'optimal-uncorrelated-mechanism' or 'best-effort-profile' for model A instances.")
        }
        return s
    }
}

/// Exact arithmetic helpers over instance data (decimals read as their simplest fractions).
enum Exact {
    static func value(_ x: Double) throws -> Rational { try Rational(roundTripping: x) }
    static func sum(_ a: Rational, _ b: Rational) throws -> Rational { try a.adding(b) }
    static func product(_ a: Rational, _ b: Rational) throws -> Rational { try a.multiplied(by: b) }
}

extension HiringInstance {
    /// V(b) in exact arithmetic, every input read as its simplest fraction
    /// (`Rational(roundTripping:)`).
    /// - Throws: `RationalError` on 128-bit overflow.
    public func exactValueOfInformation(_ b: Int) throws -> Rational {
        var total = Rational.zero
        for s in 0..<signals.count {
            var best: Rational?
            for a in 0..<actionCount {
                var v = Rational.zero
                for θ in 0..<stateCount {
                    let p = probability(s, efforts: b, state: θ)
                    if p == 0 || prior[θ] == 0 || utility[a][θ] == 0 { continue }
                    v = try Exact.sum(v, try Exact.product(try Exact.product(try Exact.value(prior[θ]), try Exact.value(p)),
                                                            try Exact.value(utility[a][θ])))
                }
                if best == nil || v > best! { best = v }
            }
            total = try Exact.sum(total, best ?? .zero)
        }
        return total
    }
}
