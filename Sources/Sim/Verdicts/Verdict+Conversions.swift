import Mechanisms
import Solvers

// Conversions from each family's own check result to `Verdict`.

extension SearchSpace {
    /// The facility search space as a `CheckedSpace`.
    public var checkedSpace: CheckedSpace {
        switch self {
        case .grid(let n, let g):
            return CheckedSpace("every profile of \(n) agent(s) on the grid {0, 1/\(g), ..., 1}, every misreport on the grid",
                                count: Int(exactly: profileCount), exhaustive: true)
        case .sampled(let n, let c, let seed, let g, let d):
            return CheckedSpace("\(c) profile(s) of \(n) agent(s) drawn from \(d.id) (seed \(seed)); misreports: the grid {0, 1/\(g), ..., 1}, the other reports and the points k/n",
                                count: c, exhaustive: false)
        }
    }
}

extension AxiomVerdict {
    /// The verdict over `space`. Costs are compared in floating point with
    /// `FacilityTolerance.cost`; a grid verdict of a probe axiom (`provableOnGrid == false`) is
    /// `noViolationFound` without a seed.
    public func verdict(in space: SearchSpace) -> Verdict {
        let s = space.checkedSpace
        let arithmetic = Arithmetic.floatingPoint(tolerance: FacilityTolerance.cost)
        switch self {
        case .holds: return .holds(space: s, arithmetic: arithmetic)
        case .violated(let w): return .violated(.facility(w), space: s, arithmetic: arithmetic)
        case .noViolationFound(let n, let seed):
            return .noViolationFound(space: s, samples: n, seed: space.isExhaustive ? nil : seed)
        case .inconclusive(let reason): return .inconclusive(reason: reason, space: s)
        }
    }
}

extension AuctionVerdict {
    /// The verdict over `space` (the instances and misreports searched). The auction checkers
    /// are exact on each profile up to a relative floating-point `tolerance` (`1e-9`, `1e-7` for
    /// LP-based MNL instances, times the largest value). A clean search says `holds` only over
    /// an exhaustive space (a property of the truthful outcome on given instances); a search
    /// over misreports is not a proof.
    public func verdict(space: CheckedSpace, tolerance: Double) -> Verdict {
        let arithmetic = Arithmetic.floatingPoint(tolerance: tolerance)
        switch self {
        case .violated(let w):
            return .violated(.auction(w), space: space, arithmetic: arithmetic)
        case .noViolationFound(let profiles, _):
            if space.exhaustive { return .holds(space: space, arithmetic: arithmetic) }
            return .noViolationFound(space: space, samples: profiles, seed: nil)
        case .inconclusive(let reason):
            return .inconclusive(reason: reason, space: space)
        }
    }
}

extension HiringIncentiveReport {
    /// The verdict of one model A property over `space` (every agent, recommendation, effort
    /// and reporting strategy: the checker is exhaustive), in floating point with the report's
    /// tolerance. The witness is the violation of largest gain (IC), the most negative utility
    /// (IR), or the first payment out of bounds; `cap` is the instance's payment cap M.
    public func verdict(_ axiom: InformationAcquisitionAxiom, space: CheckedSpace, cap paymentCap: Double) -> Verdict {
        let arithmetic = Arithmetic.floatingPoint(tolerance: tolerance)
        let witness: InformationAcquisitionWitness?
        switch axiom {
        case .incentiveCompatibility:
            witness = violations.max { $0.gain < $1.gain }.map { .hiringDeviation($0) }
        case .individualRationality:
            witness = participation.min { $0.utility < $1.utility }.map { .participation($0) }
        case .limitedLiability:
            witness = limitedLiability.first.map { .payment(agent: $0.agent, efforts: $0.efforts, signals: $0.signals, state: $0.state, payment: $0.payment, bound: 0) }
        case .paymentCap:
            witness = cap.first.map { .payment(agent: $0.agent, efforts: $0.efforts, signals: $0.signals, state: $0.state, payment: $0.payment, bound: paymentCap) }
        }
        if let witness { return .violated(.informationAcquisition(witness), space: space, arithmetic: arithmetic) }
        return .holds(space: space, arithmetic: arithmetic)
    }
}

extension SendersIncentiveReport {
    /// The verdict of one model B property over `space`; individual rationality does not apply
    /// to senders (their signals are exogenous) and is inconclusive. `cap` is the instance's
    /// payment cap, for the witness.
    public func verdict(_ axiom: InformationAcquisitionAxiom, space: CheckedSpace, cap paymentCap: Double?) -> Verdict {
        let arithmetic = Arithmetic.floatingPoint(tolerance: tolerance)
        let witness: InformationAcquisitionWitness?
        switch axiom {
        case .incentiveCompatibility:
            witness = violations.max { $0.gain < $1.gain }.map { .senderDeviation($0) }
        case .individualRationality:
            return .inconclusive(reason: "individual rationality is a model A property (agents choosing costly efforts); model B senders observe their signals for free",
                                 space: space)
        case .limitedLiability:
            witness = limitedLiability.first.map { .payment(agent: $0.sender, efforts: nil, signals: $0.signals, state: $0.state, payment: $0.payment, bound: 0) }
        case .paymentCap:
            witness = cap.first.map { .payment(agent: $0.sender, efforts: nil, signals: $0.signals, state: $0.state, payment: $0.payment, bound: paymentCap ?? 0) }
        }
        if let witness { return .violated(.informationAcquisition(witness), space: space, arithmetic: arithmetic) }
        return .holds(space: space, arithmetic: arithmetic)
    }
}

extension QuasiStrategyproofnessResult {
    /// The verdict over `space` (every agent, every misreport of the deviation set, every move),
    /// exact: the result is computed in rational arithmetic. `report` writes a misreport as
    /// JSON.
    public func verdict(space: CheckedSpace, report: (Report) -> JSONValue) -> Verdict {
        guard let w = witness else { return .holds(space: space, arithmetic: .exact) }
        return .violated(.derandomized(.sincerityDeviation(agent: w.agent, misreport: report(w.misreport), move: w.move,
                                                           equilibriumValue: w.equilibriumValue, deviationValue: w.deviationValue)),
                         space: space, arithmetic: .exact)
    }
}

extension DesiredProfileNE.Outcome {
    /// The space of the ε-NE check: the deviation family, the seeds and the horizon.
    public var checkedSpace: CheckedSpace {
        let deviations = result.arms.reduce(0) { $0 + $1.gains.count }
        return CheckedSpace("\(deviations) deviation(s) of the desired profile over \(result.arms.count) arm(s), \(seeds) paired seed(s), T = \(horizon); violated when a deviation's corrected lower bound exceeds epsilon \(NumberFormatting.short(epsilon)) (\(epsilonProvenance)), no violation found when every upper bound is at most it",
                            count: deviations, exhaustive: false)
    }

    /// `violated` with the witness when its Bonferroni lower bound exceeds ε; `noViolationFound`
    /// over the paired seeds when every deviation's upper bound is at most ε (never `holds`: the
    /// family is finite and the test statistical); `inconclusive` otherwise. `seed` is the base
    /// seed of the run.
    public func verdict(seed: UInt64) -> Verdict {
        if let w = violation {
            return .violated(.bandit(BanditWitness(deviation: w, epsilon: epsilon, horizon: horizon)), space: checkedSpace,
                             arithmetic: .floatingPoint(tolerance: 0))
        }
        if let reason = inconclusiveReason { return .inconclusive(reason: reason, space: checkedSpace) }
        return .noViolationFound(space: checkedSpace, samples: seeds, seed: seed)
    }
}
