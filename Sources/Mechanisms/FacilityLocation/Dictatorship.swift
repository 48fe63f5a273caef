/// Dictatorship of agent i: the facility at agent i's report. A component of Random
/// Dictatorship; not registered on its own (its parameter would depend on n).
///
/// Properties: strategyproof (the dictator gets its peak; nobody else matters), unanimous,
/// Pareto efficient. Not anonymous for n >= 2.
public struct Dictatorship: DeterministicFacilityMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "dictatorship", name: "Dictatorship", domain: .facilityLocation,
        summary: "The report of one fixed agent.",
        isRandomized: false,
        references: [FacilityLocationPapers.moulin],
        claims: [])

    /// The dictator, 0-based.
    public let agent: Int

    public init(agent: Int) { self.agent = agent }
    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { ParameterValues(["agent": Double(agent)]) }

    public func validate(agentCount: Int) throws(MechanismError) {
        guard agent >= 0, agent < agentCount else {
            throw .parameterIncompatibleWithProfile(mechanism: Self.descriptor.id, reason: "agent \(agent) does not exist among \(agentCount)")
        }
    }

    @inline(__always)
    public func location(for profile: FacilityProfile) -> Double { profile.locations[agent] }
}
