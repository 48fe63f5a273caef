import Foundation
import Mechanisms
import Solvers

/// Worst-case approximation ratios of a facility-location mechanism over a grid.
///
/// Ratios as in docs/reconstructions.md#facility-model-and-ratios: E[TC]/OPT_TC, E[MC]/OPT_MC and OPT_SW/E[SW]
/// (all >= 1 for a reasonable mechanism); profiles where the optimum and the mechanism's cost
/// are both zero are skipped. The search runs over every non-decreasing profile of n agents on
/// {0, 1/g, ..., 1}: C(n + g, n) profiles (2,704,156 for n = g = 12). That covers every profile
/// of an anonymous mechanism (every registered mechanism's lottery is anonymous; Random
/// Dictatorship's lottery equals Random Rank's).
public enum WorstCaseRatio {
    public enum Objective: String, Sendable, CaseIterable {
        case totalCost = "total-cost"
        case maxCost = "max-cost"
        case socialWelfare = "social-welfare"
    }

    public struct Result: Sendable, Hashable {
        public var ratio: Double
        /// A profile attaining it (the first in enumeration order).
        public var profile: [Double]
        public var profilesChecked: Int
        /// The ratio at `profile` as an exact fraction (`exactRatio`), when it could be confirmed.
        /// `ratio` is then this fraction's nearest double.
        public var exact: Rational? = nil
    }

    /// The largest ratio over the grid, computed on `threads` threads (the result does not
    /// depend on the thread count: ties keep the first profile in enumeration order).
    public static func search(
        _ mechanism: any FacilityLocationMechanism, objective: Objective, agents n: Int, resolution g: Int,
        threads: Int = ParallelEngine.availableCores
    ) -> Result {
        // Split by the first (smallest) location's grid index; each part enumerates the rest.
        let results = ParallelEngine(threads: threads).map(0..<(g + 1)) { first in
            searchPart(mechanism, objective: objective, agents: n, resolution: g, first: first)
        }
        var best = Result(ratio: -.infinity, profile: [], profilesChecked: 0)
        var checked = 0
        for r in results {
            checked += r.profilesChecked
            if r.ratio > best.ratio + 1e-12 { best = r }
        }
        best.profilesChecked = checked
        if let q = exactRatio(mechanism, objective: objective, profile: best.profile, resolution: g, ratio: best.ratio) {
            best.exact = q
            best.ratio = q.doubleValue
        }
        return best
    }

    static func searchPart(
        _ mechanism: any FacilityLocationMechanism, objective: Objective, agents n: Int, resolution g: Int, first: Int
    ) -> Result {
        var best = Result(ratio: -.infinity, profile: [], profilesChecked: 0)
        let m = Double(n)
        NondecreasingGrid.forEachProfile(agents: n, resolution: g, first: first) { profile, locations in
            best.profilesChecked += 1
            let costs = mechanism.expectedCosts(for: profile)
            let value: Double
            switch objective {
            case .totalCost: value = ratio(costs.total, profile.optimalTotalCost)
            case .maxCost: value = ratio(costs.maximum, profile.optimalMaxCost)
            case .socialWelfare: value = (m - profile.optimalTotalCost) / (m - costs.total)
            }
            if !value.isNaN, value > best.ratio + 1e-12 {
                best.ratio = value
                best.profile = locations
            }
        }
        return best
    }

    /// ρ(n) = max_k n · max(k, n - k) / (n^2 - 2k(n - k)): the social-welfare ratio every UFS or
    /// proportional mechanism incurs on the endpoint profile with k agents at 0 and n - k at 1
    /// (derived: docs/reconstructions.md#facility-ratios-computed).
    public static func rho(_ n: Int) -> Double {
        (0...n).map { k in Double(n * max(k, n - k)) / Double(n * n - 2 * k * (n - k)) }.max()!
    }
}
