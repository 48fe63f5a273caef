import Foundation
import Mechanisms

/// The exhaustive strategyproofness check of a deterministic mechanism on a grid, by
/// tabulation.
///
/// On the grid space (n, g) every misreport is a grid value, so every deviation profile is
/// itself a grid profile. The check computes the mechanism's location once on each of the
/// (g + 1)^n profiles, in a table indexed by the profile's grid indices read as a number in base
/// g + 1 (agent 0 most significant, which is the scan's lexicographic order):
///
/// ```
/// index(x) = sum_i k_i (g + 1)^(n - 1 - i),  x_i = k_i / g
/// deviation of agent i to k':  index(x) + (k' - k_i) (g + 1)^(n - 1 - i)
/// ```
/// Each (profile, agent, misreport) evaluation then compares two table entries, so the
/// mechanism runs (g + 1)^n times instead of n g (g + 1)^n times. The comparison, its tolerance,
/// the order of agents and misreports, the witness and `profilesChecked` are those of the
/// per-profile path (`StrategyProofness.violation`), which tests compare it against.
///
/// Used for `strategyproofness` (either naming) with a deterministic mechanism on a grid of at
/// most `maximumProfiles` profiles (a table of 128 MiB); anything else takes the per-profile
/// path. Both the table and the scan run in parallel over contiguous ranges of profiles. The
/// checker first scans the grid's first `probeProfiles` profiles the per-profile way.
enum TabulatedStrategyproofness {
    /// The largest grid tabulated: 2^24 profiles, 8 bytes each.
    static let maximumProfiles = 1 << 24
    /// Profiles scanned by the per-profile path before the table is built, so that a
    /// violation near the start of the grid (Average's is at the second profile) costs nothing.
    static let probeProfiles = 4_096
    /// Ranges of profiles per thread: enough for the two halves of the work to balance.
    static let rangesPerCore = 16

    static func applies(to mechanism: any FacilityLocationMechanism, axiom: any FacilityAxiom, agents n: Int, resolution g: Int) -> Bool {
        guard axiom is StrategyProofness, mechanism.asDeterministic != nil else { return false }
        return pow(Double(g + 1), Double(n)) <= Double(maximumProfiles)
    }

    /// The first violation in lexicographic order, or nil; `checked` grows by the number of
    /// profiles up to and including the violating one (all of them when there is none).
    static func firstViolation(
        _ mechanism: any DeterministicFacilityMechanism, axiom: any FacilityAxiom, agents n: Int, resolution g: Int,
        threads: Int, checked: inout Int
    ) -> FacilityWitness? {
        scan(mechanism, axiom: axiom, agents: n, resolution: g, threads: threads, checked: &checked)
    }

    /// Generic over the mechanism so that the table's loop calls `location(for:)` directly.
    private static func scan<M: DeterministicFacilityMechanism>(
        _ mechanism: M, axiom: any FacilityAxiom, agents n: Int, resolution g: Int, threads: Int, checked: inout Int
    ) -> FacilityWitness? {
        let base = g + 1
        // `applies` admits at most `maximumProfiles` grid profiles; the product is checked again.
        guard let total = SizeLimits.product(Array(repeating: base, count: n)), total <= maximumProfiles else {
            assertionFailure("TabulatedStrategyproofness: (\(g) + 1)^\(n) profiles past the limit; applies() must gate this")
            return nil
        }
        let values = AxiomChecker.grid(g)
        var powers = [Int](repeating: 1, count: n)
        for i in stride(from: n - 2, through: 0, by: -1) { powers[i] = powers[i + 1] * base }
        let strides = powers
        let engine = ParallelEngine(threads: threads)
        let rangeCount = min(total, max(1, engine.threads * rangesPerCore))
        let range: @Sendable (Int) -> Range<Int> = { r in (total * r / rangeCount)..<(total * (r + 1) / rangeCount) }

        let table = UnsafeMutableBufferPointer<Double>.allocate(capacity: total)
        assert(table.count == total && strides.first.map { $0 * base == total } ?? false)
        defer { table.deallocate() }
        let shared = SharedTable(table)

        // 1. The mechanism's location on every grid profile.
        _ = engine.map(0..<rangeCount) { r in
            let span = range(r)
            guard !span.isEmpty else { return }
            var index = decode(span.lowerBound, strides: strides)
            var locations = index.map { values[$0] }
            var profile = FacilityProfile(trusted: locations)
            for position in span {
                for i in 0..<n { locations[i] = values[index[i]] }
                locations.withUnsafeBufferPointer { profile.reload(from: $0) }
                assert(position >= 0 && position < total)
                shared.buffer[position] = mechanism.location(for: profile)
                _ = AxiomChecker.nextGridIndex(&index, base: base)
            }
        }

        // 2. Every (profile, agent, misreport), comparing two entries of the table.
        let found = ParallelCutoff()
        let hits = engine.map(0..<rangeCount) { r -> Hit? in
            let span = range(r)
            guard !span.isEmpty else { return nil }
            let t = UnsafeBufferPointer(shared.buffer)
            var index = decode(span.lowerBound, strides: strides)
            for position in span {
                // A lower range already has a violation: this range's cannot come first.
                if found.isBelow(position) { return nil }
                let y = t[position]
                for agent in 0..<n {
                    let k = index[agent]
                    let x = values[k]
                    let truthful = abs(y - x)
                    if truthful <= FacilityTolerance.cost { continue }
                    let step = strides[agent]
                    let first = position &- k &* step
                    for report in 0..<base where report != k {
                        let manipulated = abs(t[first &+ report &* step] - x)
                        if manipulated < truthful - FacilityTolerance.cost {
                            found.lower(to: position)
                            return Hit(position: position, agent: agent, report: report, truthful: truthful, manipulated: manipulated)
                        }
                    }
                }
                _ = AxiomChecker.nextGridIndex(&index, base: base)
            }
            return nil
        }
        guard let hit = hits.compactMap({ $0 }).min(by: { $0.position < $1.position }) else {
            checked += total
            return nil
        }
        checked += hit.position + 1
        let profile = FacilityProfile(trusted: decode(hit.position, strides: strides).map { values[$0] })
        return manipulationWitness(
            mechanism, profile, agent: hit.agent, report: values[hit.report], truthful: hit.truthful,
            manipulated: hit.manipulated, axiom: axiom.id, component: nil)
    }

    /// The grid indices of the profile at `position`.
    private static func decode(_ position: Int, strides: [Int]) -> [Int] {
        var rest = position
        return strides.map { s in
            defer { rest %= s }
            return rest / s
        }
    }

    struct Hit: Sendable {
        var position: Int
        var agent: Int
        var report: Int
        var truthful: Double
        var manipulated: Double
    }

    /// The table, written by disjoint ranges in the first pass and only read in the second.
    private final class SharedTable: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<Double>
        init(_ buffer: UnsafeMutableBufferPointer<Double>) { self.buffer = buffer }
    }
}
