import Mechanisms
import Solvers

extension WorstCaseRatio {
    /// The exact ratio at a grid profile, as a fraction, or nil when it cannot be confirmed.
    ///
    /// The profile's locations are the grid points k/g exactly. The mechanism's lottery at the
    /// profile is read back as fractions: each outcome and probability is the simplest fraction
    /// (denominator at most 10^6) that converts to the same double, the probabilities must sum
    /// to exactly 1, and the ratio is then computed in rational arithmetic (expected costs, the
    /// optimum at the median or the midpoint, OPT_SW = n − OPT_TC). The result is returned only
    /// when its double agrees with the floating-point `ratio` within 1e-9 (relative), so a
    /// mechanism whose outcomes are not such fractions gives nil, never a wrong fraction.
    /// Nil too when the optimum is zero (an infinite or undefined ratio).
    public static func exactRatio(
        _ mechanism: any FacilityLocationMechanism, objective: Objective, profile locations: [Double], resolution g: Int, ratio: Double
    ) -> Rational? {
        guard g >= 1, !locations.isEmpty, ratio.isFinite else { return nil }
        do {
            let x = locations.map { Rational(Int(($0 * Double(g)).rounded()), g) }.sorted()
            let lottery = mechanism.lottery(for: FacilityProfile(trusted: locations))
            var total = Rational.zero, maximum = Rational.zero, mass = Rational.zero
            for e in lottery.entries {
                let y = try Rational(roundTripping: e.outcome, maxDenominator: 1_000_000)
                let p = try Rational(roundTripping: e.probability, maxDenominator: 1_000_000)
                mass = try mass.adding(p)
                var sum = Rational.zero, far = Rational.zero
                for xi in x {
                    let d = try y.subtracting(xi).magnitude
                    sum = try sum.adding(d)
                    far = max(far, d)
                }
                total = try total.adding(try p.multiplied(by: sum))
                maximum = try maximum.adding(try p.multiplied(by: far))
            }
            guard mass == .one else { return nil }
            let median = x[(x.count + 1) / 2 - 1]
            var optTotal = Rational.zero
            for xi in x { optTotal = try optTotal.adding(try xi.subtracting(median).magnitude) }
            let optMax = try x[x.count - 1].subtracting(x[0]).divided(by: Rational(2))
            let value: Rational
            switch objective {
            case .totalCost:
                guard optTotal.signum > 0 else { return nil }
                value = try total.divided(by: optTotal)
            case .maxCost:
                guard optMax.signum > 0 else { return nil }
                value = try maximum.divided(by: optMax)
            case .socialWelfare:
                let n = Rational(x.count)
                let welfare = try n.subtracting(total)
                guard welfare.signum > 0 else { return nil }
                value = try n.subtracting(optTotal).divided(by: welfare)
            }
            guard abs(value.doubleValue - ratio) <= 1e-9 * max(1, abs(ratio)) else { return nil }
            return value
        } catch {
            return nil
        }
    }
}
