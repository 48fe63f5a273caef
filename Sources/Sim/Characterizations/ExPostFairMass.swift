import Mechanisms

/// How much of a lottery's probability lands on outcomes that satisfy a fairness property ex
/// post, at its worst over every profile of a grid.
///
/// ```
/// mass(p) = Σ { Pr(y) : y in the support of the lottery at p, y satisfies the property at p }
/// worst  = min over the non-decreasing profiles p of n agents on the grid 1/g of mass(p)
/// ```
///
/// This states what AverageOrRandomRank's "stronger ex-post fairness" means in our
/// reconstruction (fair coin between the Average and Random Rank): the Average's branch, with
/// probability 1/2, places the facility at the mean, which satisfies PF (so UFS, IFS), Strong
/// Proportionality and proportionality ex post; so at least half of the probability is on fair
/// outcomes on every profile. Random Rank alone has no such floor: on x = (0, 0, 1) neither of
/// its outcomes 0 and 1 is PF, so its mass is 0. Anonymous mechanisms only (the profiles are
/// the sorted ones); exhaustive over the grid, floating point within `FacilityTolerance.cost`.
public enum ExPostFairMass {
    public struct Worst: Sendable, Hashable {
        /// The smallest mass over the grid.
        public var mass: Double
        /// A profile where it is attained (the first in lexicographic order).
        public var profile: [Double]
        /// Profiles checked.
        public var profiles: Int
    }

    public static func worst(_ mechanism: any FacilityLocationMechanism, _ property: any FairnessProperty,
                             agents n: Int, resolution g: Int) -> Worst {
        var worst = Worst(mass: .infinity, profile: [], profiles: 0)
        NondecreasingGrid.forEachProfile(agents: n, resolution: g) { profile, locations in
            var mass = 0.0
            for e in mechanism.lottery(for: profile).entries {
                let y = e.outcome
                if property.violation(at: profile, distance: { abs(y - $0) }, location: y) == nil { mass += e.probability }
            }
            worst.profiles += 1
            if mass < worst.mass - FacilityTolerance.cost { worst.mass = mass; worst.profile = locations }
        }
        return worst
    }
}
