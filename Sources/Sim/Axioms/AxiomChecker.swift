import Foundation
import Mechanisms

/// Runs an axiom over a search space and shrinks what it finds.
///
/// Shrinking: after a violation on n agents and grid 1/g, the checker searches the smaller
/// spaces in order of (agents, grid resolution), from 1 agent and the grid {0, 1} up, and
/// reports the first space that holds a violation; within that space it keeps the witness
/// with the fewest distinct locations (the first in enumeration order among equals). The
/// reported witness is therefore minimal in agents, then in grid resolution, then in distinct
/// locations.
public enum AxiomChecker {
    /// Grid spaces larger than this many profiles are refused (use a sampled space instead).
    public static let maximumGridProfiles = 50_000_000.0

    /// Checks `axiom` for `mechanism` over `space` and shrinks the witness of a violation.
    ///
    /// - Parameters:
    ///   - mechanism: the mechanism to judge.
    ///   - axiom: the axiom (see `AxiomRegistry`).
    ///   - space: every profile of a grid, or profiles drawn from a distribution.
    ///   - shrink: whether to search the smaller spaces for a smaller witness.
    ///   - tabulate: whether strategyproofness of a deterministic mechanism on a grid
    ///     may use the tabulated scan (`TabulatedStrategyproofness`); false forces the per-profile
    ///     path, which gives the same verdict, witness and count.
    ///   - threads: worker threads of the grid scan; the verdict, witness and count do not
    ///     depend on it.
    public static func check(
        _ mechanism: any FacilityLocationMechanism, against axiom: any FacilityAxiom, over space: SearchSpace,
        shrink: Bool = true, tabulate: Bool = true, threads: Int = ParallelEngine.availableCores
    ) throws(CheckError) -> AxiomCheckResult {
        try validate(mechanism, space)
        var checked = 0
        var found: FacilityWitness?
        switch space {
        case .grid(let n, let g):
            if tabulate, TabulatedStrategyproofness.applies(to: mechanism, axiom: axiom, agents: n, resolution: g),
               let deterministic = mechanism.asDeterministic {
                // A violation among the first profiles is found without building the table, and
                // a grid the probe covers whole needs no table.
                var probed = 0
                found = firstViolation(mechanism, axiom, agents: n, resolution: g, limit: TabulatedStrategyproofness.probeProfiles, checked: &probed)
                if found != nil || Double(probed) >= space.profileCount {
                    checked = probed
                } else {
                    found = TabulatedStrategyproofness.firstViolation(deterministic, axiom: axiom, agents: n, resolution: g, threads: threads, checked: &checked)
                }
            } else {
                found = firstViolation(mechanism, axiom, agents: n, resolution: g, threads: threads, checked: &checked)
            }
        case .sampled(let n, let count, let seed, let g, let distribution):
            var rng = Xoshiro256StarStar(seed: seed)
            var draw = [Double](repeating: 0, count: n)
            var misreports = grid(g)
            misreports.append(contentsOf: (0...n).map { Double($0) / Double(n) })
            for _ in 0..<count {
                draw.withUnsafeMutableBufferPointer { distribution.sample(into: $0, using: &rng) }
                checked += 1
                var context = CheckContext(misreports: Array(Set(misreports + draw)).sorted())
                if let w = axiom.violation(of: mechanism, at: FacilityProfile(trusted: draw), context: &context) {
                    found = w
                    break
                }
            }
        }
        guard let witness = found else {
            let verdict: AxiomVerdict
            switch space {
            case .grid: verdict = axiom.provableOnGrid ? .holds : .noViolationFound(samples: checked, seed: 0)
            case .sampled(_, let count, let seed, _, _): verdict = .noViolationFound(samples: count, seed: seed)
            }
            return AxiomCheckResult(mechanism: mechanism.label, axiom: axiom.id, space: space, verdict: verdict, profilesChecked: checked, shrunk: false)
        }
        var best = witness
        var shrunk = false
        if shrink, let smaller = smallestViolation(mechanism, axiom, upTo: space, original: witness) {
            shrunk = smaller != witness
            best = smaller
        }
        return AxiomCheckResult(mechanism: mechanism.label, axiom: axiom.id, space: space, verdict: .violated(best), profilesChecked: checked, shrunk: shrunk)
    }

    static func validate(_ mechanism: any FacilityLocationMechanism, _ space: SearchSpace) throws(CheckError) {
        let n = space.agents
        guard n >= 1 else { throw .invalidSpace("the number of agents must be at least 1, got \(n)") }
        guard space.resolution >= 1 else {
            throw .invalidSpace("the grid resolution must be at least 1 (the grid {0, 1}), got \(space.resolution)")
        }
        // Memory before anything is allocated: a profile and its sorted copies (about eight
        // doubles per agent), and the misreport list (the grid and n + 1 quantiles).
        let g = space.resolution
        // (Estimated in doubles, which cannot overflow.)
        let words = 8 * Double(n) + Double(g) + 2 * Double(n) + 4
        if let refusal = SizeLimits.memoryRefusal("a check of \(n) agents on the grid 1/\(g)", bytes: words * 16) {
            throw .invalidSpace("\(refusal); use fewer agents or a coarser grid")
        }
        do { try mechanism.validate(agentCount: n) } catch { throw .mechanism(error) }
        switch space {
        case .grid(let n, let g):
            guard space.profileCount <= maximumGridProfiles else {
                throw .invalidSpace(
                    "the grid has \(g + 1)^\(n) = \(SizeLimits.countText(space.profileCount)) profiles, more than the limit of \(Int(maximumGridProfiles).formatted()); use fewer agents, a coarser grid, or --samples")
            }
        case .sampled(_, let count, _, _, let distribution):
            guard count >= 1 else { throw .invalidSpace("the number of samples must be at least 1, got \(count)") }
            if let reason = distribution.validationError() { throw .invalidSpace(reason) }
            if case .explicit = distribution { throw .invalidSpace("a sampled search space needs a distribution, not explicit profiles") }
        }
    }

    /// The grid {0, 1/g, ..., 1}.
    public static func grid(_ g: Int) -> [Double] { (0...g).map { Double($0) / Double(g) } }

    /// The first violation on the grid space (n, g), in lexicographic order of the profiles'
    /// grid indices. The space is split by the first agent's grid index into g + 1 parts run on
    /// the parallel engine; a part stops as soon as a lower part has a violation, and the result
    /// (and `checked`) is the same as a sequential scan's for any thread count.
    static func firstViolation(
        _ mechanism: any FacilityLocationMechanism, _ axiom: any FacilityAxiom, agents n: Int, resolution g: Int,
        threads: Int, checked: inout Int
    ) -> FacilityWitness? {
        let partSize = Int(pow(Double(g + 1), Double(n - 1)))
        let cutoff = ParallelCutoff()
        let parts = ParallelEngine(threads: threads).map(0..<(g + 1)) { part -> (witness: FacilityWitness?, position: Int) in
            var position = 0
            var witness: FacilityWitness?
            forEachGridProfile(agents: n, resolution: g, first: part) { profile, context in
                // A lower part already has a violation: this part's cannot come first.
                if cutoff.isBelow(part) { return false }
                position += 1
                if let w = axiom.violation(of: mechanism, at: profile, context: &context) {
                    witness = w
                    cutoff.lower(to: part)
                    return false
                }
                return true
            }
            return (witness, position)
        }
        for (part, result) in parts.enumerated() {
            if let witness = result.witness {
                checked += part * partSize + result.position
                return witness
            }
        }
        checked += (g + 1) * partSize
        return nil
    }

    /// The first violation among the first `limit` profiles of the grid space (n, g), in
    /// lexicographic order, scanned on this thread.
    static func firstViolation(
        _ mechanism: any FacilityLocationMechanism, _ axiom: any FacilityAxiom, agents n: Int, resolution g: Int,
        limit: Int, checked: inout Int
    ) -> FacilityWitness? {
        var witness: FacilityWitness?
        forEachGridProfile(agents: n, resolution: g) { profile, context in
            checked += 1
            witness = axiom.violation(of: mechanism, at: profile, context: &context)
            return witness == nil && checked < limit
        }
        return witness
    }

    /// Calls `body` for every profile of the grid space (n, g) (with the first agent's grid
    /// index fixed to `first` when given), in lexicographic order; stops when `body` returns
    /// false.
    static func forEachGridProfile(
        agents n: Int, resolution g: Int, first: Int? = nil, _ body: (FacilityProfile, inout CheckContext) -> Bool
    ) {
        let values = grid(g)
        var context = CheckContext(misreports: values)
        var index = [Int](repeating: 0, count: n)
        if let first { index[0] = first }
        let lowest = first == nil ? 0 : 1
        var locations = [Double](repeating: 0, count: n)
        var profile = FacilityProfile(trusted: locations)
        while true {
            for i in 0..<n { locations[i] = values[index[i]] }
            locations.withUnsafeBufferPointer { profile.reload(from: $0) }
            if !body(profile, &context) { return }
            if !nextGridIndex(&index, base: g + 1, lowest: lowest) { return }
        }
    }

    /// Advances grid indices (agent 0 most significant) to the next profile in lexicographic
    /// order, keeping `index[..<lowest]` fixed; false, with the free indices back at 0, after
    /// the last one.
    @inline(__always)
    static func nextGridIndex(_ index: inout [Int], base: Int, lowest: Int = 0) -> Bool {
        var i = index.count - 1
        while i >= lowest {
            index[i] += 1
            if index[i] < base { return true }
            index[i] = 0
            i -= 1
        }
        return false
    }

    /// The smallest violation in the spaces (n', g') below (n, g), ordered by agents then grid.
    static func smallestViolation(
        _ mechanism: any FacilityLocationMechanism, _ axiom: any FacilityAxiom, upTo space: SearchSpace,
        original: FacilityWitness
    ) -> FacilityWitness? {
        let n = space.agents, g = space.resolution
        for agents in 1...n {
            if (try? mechanism.validate(agentCount: agents)) == nil { continue }
            for resolution in 1...g {
                var best: FacilityWitness?
                forEachGridProfile(agents: agents, resolution: resolution) { profile, context in
                    if let w = axiom.violation(of: mechanism, at: profile, context: &context),
                       best == nil || w.distinctLocations < best!.distinctLocations {
                        best = w
                    }
                    return best?.distinctLocations != 1
                }
                if let best { return best }
            }
        }
        return nil
    }
}

/// Why a check could not run.
public enum CheckError: Error, Sendable, CustomStringConvertible {
    case invalidSpace(String)
    case mechanism(MechanismError)
    case unknownAxiom(id: String, suggestion: String?)
    /// `axiom` belongs to `axiomDomains`, not to the mechanism's `domain`, whose axioms are
    /// `expected`.
    case wrongDomain(axiom: String, axiomDomains: [Domain], domain: Domain, expected: [String])
    /// The mechanism's domain has no registered axioms; `axiom` belongs to `axiomDomains`.
    case noAxioms(domain: Domain, axiom: String, axiomDomains: [Domain])
    /// The check lacks an input (an instance file) or cannot read it.
    case input(String)

    public var description: String {
        switch self {
        case .invalidSpace(let r): "Invalid search space: \(r)."
        case .mechanism(let e): e.description
        case .unknownAxiom(let id, let s):
            "Unknown axiom '\(id)'." + (s.map { " Did you mean '\($0)'?" } ?? "") + " (see 'mechsim list axioms')"
        case .wrongDomain(let axiom, let others, let domain, let expected):
            "Axiom '\(axiom)' is an axiom of \(others.map(\.rawValue).joined(separator: ", ")), but the mechanism is of \(domain.rawValue); expected one of: \(expected.joined(separator: ", "))."
        case .noAxioms(let domain, let axiom, let others):
            "No axioms are registered for \(domain.rawValue) mechanisms" + (others.isEmpty ? "" : "; '\(axiom)' is an axiom of \(others.map(\.rawValue).joined(separator: ", "))") + " (see 'mechsim list axioms')."
        case .input(let what): what
        }
    }
}
