/// Any mechanism MechSim can run: it knows its descriptor and its resolved parameters.
///
/// Each domain refines this protocol with the shape of its input and outcome
/// (`FacilityLocationMechanism` for one facility on [0, 1]).
public protocol Mechanism: Sendable {
    /// Id, names, parameters, paper and claims.
    var descriptor: MechanismDescriptor { get }
    /// The parameter values this instance runs with (defaults filled in).
    var parameters: ParameterValues { get }
}

extension Mechanism {
    public var parameters: ParameterValues { ParameterValues() }

    /// `order-statistic(k=2)`, or the bare id when there are no parameters; a value its spec
    /// names by a word prints as the word (`linucb(beta=auto, ...)`).
    public var label: String {
        let p = parameters.description(naming: descriptor.parameters)
        return p.isEmpty ? descriptor.id : "\(descriptor.id)(\(p))"
    }
}
