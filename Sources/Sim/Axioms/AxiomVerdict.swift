import Foundation
/// What a check concluded.
///
/// `holds` is returned only when the search space was covered completely; a sampled search
/// that found nothing says `noViolationFound`, never `holds`.
public enum AxiomVerdict: Sendable, Hashable {
    case violated(FacilityWitness)
    case holds
    case noViolationFound(samples: Int, seed: UInt64)
    case inconclusive(reason: String)

    /// The id used in JSON and text: `violated`, `holds`, `no-violation-found`, `inconclusive`.
    public var id: String {
        switch self {
        case .violated: "violated"
        case .holds: "holds"
        case .noViolationFound: "no-violation-found"
        case .inconclusive: "inconclusive"
        }
    }

    public var witness: FacilityWitness? {
        if case .violated(let w) = self { return w }
        return nil
    }
}

/// Where a checker looks.
public enum SearchSpace: Sendable, Hashable {
    /// Every ordered profile of `agents` agents on {0, 1/g, ..., 1} (g = `resolution`), with
    /// every misreport on the same grid. Exhaustive.
    case grid(agents: Int, resolution: Int)
    /// `count` profiles drawn from `distribution` with generator seed `seed`; misreports are the
    /// grid {0, 1/g, ..., 1} plus the other agents' reports and the points k/n. Not exhaustive.
    case sampled(agents: Int, count: Int, seed: UInt64, resolution: Int, distribution: ProfileDistribution)

    public var agents: Int {
        switch self {
        case .grid(let n, _): n
        case .sampled(let n, _, _, _, _): n
        }
    }

    public var resolution: Int {
        switch self {
        case .grid(_, let g): g
        case .sampled(_, _, _, let g, _): g
        }
    }

    /// The number of profiles the space holds.
    public var profileCount: Double {
        switch self {
        case .grid(let n, let g): pow(Double(g + 1), Double(n))
        case .sampled(_, let c, _, _, _): Double(c)
        }
    }

    public var isExhaustive: Bool {
        if case .grid = self { return true }
        return false
    }
}

/// The result of checking one mechanism against one axiom over one search space.
public struct AxiomCheckResult: Sendable, Hashable {
    public var mechanism: String
    public var axiom: String
    public var space: SearchSpace
    public var verdict: AxiomVerdict
    /// Profiles examined before the verdict (the first violation stops the search).
    public var profilesChecked: Int
    /// True when the reported witness was shrunk from a larger one.
    public var shrunk: Bool
}

