import Solvers

extension LinearProgram {
    /// The same program with every number that is a short fraction up to floating-point noise
    /// replaced by the double nearest to that fraction: 0.8 · 0.2 = 0.16000000000000003 becomes
    /// 0.16, and 0.3 − 0.1 becomes 0.2.
    ///
    /// A number x is replaced by p/q (the best approximation with q ≤ 10^9) only when the two
    /// are within 8 ulp(x); anything else is left alone. The exact method reads every input
    /// as the simplest fraction that rounds to it, so without this step a coefficient computed
    /// as a product of decimals would enter the certificate as a 60-bit fraction and the exact
    /// value would be that of a perturbed program.
    ///
    /// What does not hold: the snapped program is not the floating one; the difference is
    /// below 8 ulp per number.
    func snappedToShortFractions() -> LinearProgram {
        func snap(_ x: Double) -> Double {
            guard x.isFinite, x != 0 else { return x }
            guard let r = try? Rational(x, maxDenominator: 1_000_000_000) else { return x }
            let y = r.doubleValue
            return abs(y - x) <= 8 * x.ulp ? y : x
        }
        var out = self
        for j in out.variables.indices {
            out.variables[j].lower = snap(out.variables[j].lower)
            out.variables[j].upper = snap(out.variables[j].upper)
            out.objective[j] = snap(out.objective[j])
        }
        out.objectiveConstant = snap(out.objectiveConstant)
        for i in out.constraints.indices {
            out.constraints[i].coefficients = out.constraints[i].coefficients.map(snap)
            switch out.constraints[i].bound {
            case .lessOrEqual(let v): out.constraints[i].bound = .lessOrEqual(snap(v))
            case .greaterOrEqual(let v): out.constraints[i].bound = .greaterOrEqual(snap(v))
            case .equal(let v): out.constraints[i].bound = .equal(snap(v))
            case .ranged(let a, let b): out.constraints[i].bound = .ranged(snap(a), snap(b))
            }
        }
        return out
    }

    /// The program a mechanism of this family hands to the solver for `method`: snapped to
    /// short fractions for `.exact`, unchanged otherwise.
    func prepared(for method: LPMethod) -> LinearProgram {
        method == .exact ? snappedToShortFractions() : self
    }
}
