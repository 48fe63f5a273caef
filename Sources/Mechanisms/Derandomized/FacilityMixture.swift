/// A facility-location mechanism seen as a uniform mixture: its declared components
/// (`components(agentCount:)`) replicated into equiprobable slots (slot replication:
/// docs/reconstructions.md#seed-encodings and #derandomized-domains).
///
/// ```
/// D = the least integer with every weight·D integral;   component k fills weight_k·D slots
/// ```
/// Slot order: component order, each component's slots together, unless a canonical order is
/// given. Random Rank: `D = n`, slot `s` is the `(s+1)`-th highest report (worked instance F-1). LRM:
/// the canonical order `[L, R, M, M]` (worked instance F-2).
///
/// Properties: the lottery equals the wrapped mechanism's lottery (tested); Random Rank's
/// components are order statistics (strategyproof), LRM's Midpoint is not, so derandomized LRM
/// is quasi-strategyproof only through uniform play.
/// References: Aziz et al. (2022) for Random Rank; Procaccia and Tennenholtz (2013) for LRM;
/// Walsh (2024) (reconstructed).
public struct FacilityMixture: UniformMixtureMechanism {
    public let mechanism: any FacilityLocationMechanism
    /// Component index of each slot within one block of `D` slots, when not component order.
    let canonicalOrder: [Int]?

    /// Wraps `mechanism`, slots in component order.
    public init(_ mechanism: any FacilityLocationMechanism) {
        self.mechanism = mechanism
        if mechanism.descriptor.id == LeftRightMiddle.descriptor.id {
            // Components are [Leftmost 1/4, Midpoint 1/2, Rightmost 1/4]; worked instance F-2 lays out [L, R, M, M].
            canonicalOrder = [0, 2, 1, 1]
        } else {
            canonicalOrder = nil
        }
    }

    public var descriptor: MechanismDescriptor { mechanism.descriptor }
    public var parameters: ParameterValues { mechanism.parameters }

    public func validate(_ reports: [Double]) throws(DerandomizationError) {
        do {
            let p = try FacilityProfile(reports)
            try mechanism.validate(agentCount: p.count)
        } catch {
            throw .invalidInput(path: "reports", expected: "locations in [0, 1], at least one (\(error.description))")
        }
    }

    /// The component index of every slot.
    func slotComponents(agentCount n: Int) throws(DerandomizationError) -> [Int] {
        if let canonicalOrder { return canonicalOrder }
        let weights = mechanism.components(agentCount: n).map(\.weight)
        for d in 1...10_000 {
            let counts = weights.map { ($0 * Double(d)).rounded() }
            if zip(weights, counts).allSatisfy({ abs($0 * Double(d) - $1) <= 1e-9 * Double(d) }),
               Int(counts.reduce(0, +)) == d {
                return counts.enumerated().flatMap { Array(repeating: $0.offset, count: Int($0.element)) }
            }
        }
        throw .seedSpaceTooLarge("the component weights of '\(descriptor.id)' have no common denominator up to 10000")
    }

    public func stepModuli(for reports: [Double]) throws(DerandomizationError) -> [Int] {
        [try slotComponents(agentCount: reports.count).count]
    }

    public func component(_ seed: Int, for reports: [Double]) throws(DerandomizationError) -> Double {
        let k = try slotComponents(agentCount: reports.count)[seed]
        let c = mechanism.components(agentCount: reports.count)[k].mechanism
        return c.location(for: FacilityProfile(trusted: reports))
    }
}
