import Mechanisms
import Solvers

/// The grid of an automated-design program: reports on {0, 1/g, ..., 1}, outcomes on the
/// half-step grid {0, 1/(2g), ..., 1}, so the midpoint of any two reports is an outcome.
///
/// Reports and outcomes are named by their integer indices: report `a` is a/g, outcome `h` is
/// h/(2g). Every distance is then |h - 2a|/(2g), an exact fraction.
public struct DesignGrid: Sendable, Hashable {
    /// The number of agents n.
    public let agents: Int
    /// The grid resolution g.
    public let resolution: Int

    public init(agents: Int, resolution: Int) {
        self.agents = agents
        self.resolution = resolution
    }

    /// The number of outcomes, 2g + 1.
    public var outcomeCount: Int { 2 * resolution + 1 }
    /// The report indices 0...g.
    public var reports: ClosedRange<Int> { 0...resolution }
    /// The outcome indices 0...2g.
    public var outcomes: ClosedRange<Int> { 0...(2 * resolution) }
    /// The outcome index of report `a` (2a).
    public func outcome(ofReport a: Int) -> Int { 2 * a }
    /// The location of outcome `h`, h/(2g), exactly.
    public func location(ofOutcome h: Int) -> Rational { Rational(h, 2 * resolution) }
    /// The location of report `a`, a/g, exactly.
    public func location(ofReport a: Int) -> Rational { Rational(a, resolution) }
    /// |h/(2g) - a/g|, exactly.
    public func distance(outcome h: Int, report a: Int) -> Rational { Rational(abs(h - 2 * a), 2 * resolution) }
}

/// One linear condition on the lotteries of a mechanism over a design grid:
///
/// ```
/// Σ coefficient · p(profile, outcome)   (≤ | = | ≥)   bound
/// ```
/// where p(x, h) is the probability that the mechanism places the facility at outcome h on the
/// profile x (grid indices, agents in order).
public struct LotteryRow: Sendable, Hashable {
    public enum Relation: String, Sendable, Hashable {
        case lessOrEqual = "<=", equal = "=", greaterOrEqual = ">="
    }

    /// One term: a coefficient on p(profile, outcome).
    public struct Term: Sendable, Hashable {
        public var profile: [Int]
        public var outcome: Int
        public var coefficient: Rational
        public init(profile: [Int], outcome: Int, coefficient: Rational) {
            self.profile = profile
            self.outcome = outcome
            self.coefficient = coefficient
        }
    }

    public var terms: [Term]
    public var relation: Relation
    public var bound: Rational

    public init(_ terms: [Term], _ relation: Relation, _ bound: Rational) {
        self.terms = terms
        self.relation = relation
        self.bound = bound
    }

    /// Σ_h weight(h) · p(profile, h) over every outcome h with a non-zero weight.
    public static func expectation(at profile: [Int], on grid: DesignGrid, _ weight: (Int) -> Rational) -> [Term] {
        grid.outcomes.compactMap { h in
            let w = weight(h)
            return w.signum == 0 ? nil : Term(profile: profile, outcome: h, coefficient: w)
        }
    }
}

/// Whether an axiom is a linear condition on the lotteries.
public enum LinearScope: Sendable, Hashable {
    /// Linear in the lotteries: a constraint of the randomized design LP.
    case lotteries
    /// A property of deterministic outcomes (ex post, universal): a constraint only when every
    /// lottery is a 0/1 choice (`--deterministic`), where it coincides with the rows it declares.
    case deterministicOnly
}

/// A facility-location axiom that can be imposed as linear constraints in automated design.
///
/// The axiom declares, profile by profile, the rows a mechanism must satisfy on a design grid;
/// the design program (`FacilityDesign`) collects them over every profile. Axioms that are
/// neither linear nor linear after determinism (continuity, strict monotonicity) do not conform,
/// and `design` refuses them by name.
public protocol LinearFacilityAxiom: FacilityAxiom {
    /// Where the declared rows are exact.
    var linearScope: LinearScope { get }
    /// The rows imposed at the (ordered) grid profile `profile`. Rows that refer to other
    /// profiles (misreports, permutations) name them by their grid indices.
    func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow]
}

extension LinearFacilityAxiom {
    public var linearScope: LinearScope { .lotteries }
}

/// The in-expectation rows of a fairness property that bounds (expected) distances to the
/// locations of groups: E|Y - a| ≤ bound for each (a, bound). The ex-post version has the same
/// rows under determinism.
public protocol DistanceBoundedFairness: FairnessProperty, LinearFacilityAxiom {
    /// (report index a, bound) pairs: E|Y - a/g| ≤ bound at this profile.
    func distanceBounds(at profile: [Int], on grid: DesignGrid) -> [(report: Int, bound: Rational)]
}

extension DistanceBoundedFairness {
    public var linearScope: LinearScope { mode == .inExpectation ? .lotteries : .deterministicOnly }

    public func lotteryRows(at profile: [Int], on grid: DesignGrid) -> [LotteryRow] {
        distanceBounds(at: profile, on: grid).compactMap { a, bound in
            // A distance never exceeds 1: bounds of 1 or more constrain nothing.
            guard bound < .one else { return nil }
            return LotteryRow(LotteryRow.expectation(at: profile, on: grid) { grid.distance(outcome: $0, report: a) }, .lessOrEqual, bound)
        }
    }
}

/// 1 - m/n as a fraction.
func fairShareBound(_ m: Int, _ n: Int) -> Rational { Rational(n - m, n) }
