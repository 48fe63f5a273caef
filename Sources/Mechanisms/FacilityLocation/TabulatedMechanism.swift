/// A facility-location mechanism given by a table: one lottery for every profile of the grid
/// {0, 1/g, ..., 1}^n. This is the shape of a mechanism computed by automated design
/// (`mechsim design`), so that the ordinary checkers and `outcome` can judge it like any other.
///
/// ```
/// P(x) = table[round(g·x_1), ..., round(g·x_n)]     (indices sorted first when anonymous)
/// ```
///
/// Properties:
/// - Exact on the grid: every grid profile has its lottery in the table (the initializer
///   refuses a table with a missing profile).
/// - An anonymous table stores one lottery per multiset of grid points and looks profiles up
///   by their sorted indices.
///
/// What does not hold: the mechanism is defined on its grid only. A report off the grid is
/// read as the nearest grid point, so checks over a finer grid, over other agent counts or on
/// sampled profiles judge that rounding, not the designed mechanism; `validate(agentCount:)`
/// refuses other agent counts.
public struct TabulatedMechanism: FacilityLocationMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "designed", name: "Designed mechanism (a table of lotteries)", domain: .facilityLocation,
        summary: "One lottery per profile of a grid, e.g. a mechanism computed by 'mechsim design'.",
        isRandomized: true, references: [], claims: [])

    public var descriptor: MechanismDescriptor { Self.descriptor }

    /// The number of agents the table is for.
    public let agents: Int
    /// The grid resolution g: reports in {0, 1/g, ..., 1}.
    public let resolution: Int
    /// Whether the table is keyed by sorted profiles (one lottery per multiset).
    public let anonymous: Bool
    /// A name for reports (`designed`).
    public let name: String
    private let table: [[Int]: Lottery<Double>]
    /// A decomposition into deterministic mechanisms, when the table is known to be one (a
    /// design under universal truthfulness and anonymity: its phantom rules and weights); empty
    /// otherwise. The universal checkers judge these components.
    public var decomposition: [FacilityComponent] = []

    /// A table of lotteries keyed by grid indices (each in 0...resolution; sorted when
    /// `anonymous`).
    /// - Throws: `MechanismError.invalidProfile` when a key has the wrong length or an index off
    ///   the grid, or when a grid profile has no lottery.
    public init(agents: Int, resolution: Int, anonymous: Bool, name: String = "designed",
                table: [[Int]: Lottery<Double>]) throws(MechanismError) {
        guard agents >= 1, resolution >= 1 else {
            throw .invalidProfile("a tabulated mechanism needs at least one agent and the grid resolution at least 1")
        }
        for key in table.keys {
            guard key.count == agents, key.allSatisfy({ $0 >= 0 && $0 <= resolution }) else {
                throw .invalidProfile("the table has the profile \(key), which is not a profile of \(agents) agents on the grid 1/\(resolution)")
            }
        }
        var expected = 1.0
        if anonymous {
            // C(g + n, n) multisets.
            for k in 1...agents { expected = expected * Double(resolution + k) / Double(k) }
            expected = expected.rounded()
        } else {
            expected = pow(Double(resolution + 1), agents)
        }
        guard Double(table.count) == expected else {
            throw .invalidProfile("the table has \(table.count) profiles; a table of \(agents) agents on the grid 1/\(resolution) needs \(Int(expected))")
        }
        self.agents = agents
        self.resolution = resolution
        self.anonymous = anonymous
        self.name = name
        self.table = table
    }

    public func validate(agentCount: Int) throws(MechanismError) {
        guard agentCount == agents else {
            throw .parameterIncompatibleWithProfile(mechanism: name, reason: "the table is for \(agents) agents, not \(agentCount)")
        }
    }

    /// The grid indices of `profile` (rounded to the nearest grid point; sorted when anonymous).
    public func key(of profile: FacilityProfile) -> [Int] {
        let g = Double(resolution)
        let key = profile.locations.map { min(resolution, max(0, Int(($0 * g).rounded()))) }
        return anonymous ? key.sorted() : key
    }

    public func lottery(for profile: FacilityProfile) -> Lottery<Double> {
        table[key(of: profile)] ?? Lottery(certain: profile.sorted[(profile.count - 1) / 2])
    }

    public func components(agentCount: Int) -> [FacilityComponent] { decomposition }

    /// Every (profile key, lottery) of the table, keys in lexicographic order.
    public var entries: [(profile: [Int], lottery: Lottery<Double>)] {
        table.keys.sorted { $0.lexicographicallyPrecedes($1) }.map { ($0, table[$0]!) }
    }
}

private func pow(_ base: Double, _ exponent: Int) -> Double {
    var r = 1.0
    for _ in 0..<exponent { r *= base }
    return r
}
