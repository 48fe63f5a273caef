/// A registered derandomized mechanism, seen without its report and outcome types.
public protocol DerandomizedMechanismProtocol: Mechanism {
    /// The id of the randomized original (`random-dictator`).
    var baseID: String { get }
    /// How the moves select the component.
    var method: DerandomizationMethod { get }
}

/// The deterministic mechanism of reports and moves that derandomizes `Base` with `method`
/// (Walsh 2024): registered as `derandomized-<base id>` with a `method` parameter
/// (0 = game first, 1 = game last, 2 = game interleaved).
///
/// Claims shared by all (docs/reconstructions.md#derandomization-methods, #quasi-strategyproofness,
/// #move-responsiveness): under uniform play the outcome
/// lottery is the original's (lottery-equivalence); all-uniform play is a Nash equilibrium of the
/// move game; every agent's move can change the outcome when the original is non-degenerate
/// (move-responsiveness, our proxy for the paper's "responsiveness"); quasi-strategyproofness
/// holds exactly when the original is truthful (universally or in expectation), so it is claimed
/// violated for probabilistic serial.
public struct DerandomizedMechanism<Base: UniformMixtureMechanism>: DerandomizedMechanismProtocol {
    public let derandomizer: Derandomizer<Base>
    public let descriptor: MechanismDescriptor

    /// `registeredDefault`: the method the registry lists as the default (the descriptor shows it).
    public init(_ base: Base, method: DerandomizationMethod, registeredDefault: DerandomizationMethod? = nil) {
        derandomizer = Derandomizer(base, method: method)
        descriptor = DerandomizedMechanism.descriptor(base: base.descriptor, defaultMethod: registeredDefault ?? method,
                                                      reportIndependent: base.seedSpaceIsReportIndependent)
    }

    public var baseID: String { derandomizer.base.descriptor.id }
    public var method: DerandomizationMethod { derandomizer.method }
    public var parameters: ParameterValues { ParameterValues(["method": Double(method.code)]) }

    /// The descriptor of `derandomized-<base id>`.
    public static func descriptor(base: MechanismDescriptor, defaultMethod: DerandomizationMethod,
                                  reportIndependent: Bool = true) -> MechanismDescriptor {
        let truthful = base.claims.contains { ($0.axiom == "universal-truthfulness" || $0.axiom == "strategyproofness") && $0.verdict == .satisfies }
        var claims = [
            Claim("lottery-equivalence", .satisfies, source: "derived: one uniform player makes the seed uniform (Lemma U)"),
            Claim("uniform-play-equilibrium", .satisfies, source: "Walsh (2024), arXiv 2308.10413, abstract"),
            Claim("quasi-strategyproofness", truthful ? .satisfies : .violates,
                  source: truthful ? "Walsh (2024), abstract; definition: docs/reconstructions.md#quasi-strategyproofness" : "worked instance R-4 (the 'all but one' exception; docs/reconstructions.md#quasi-strategyproofness)",
                  provenance: .derived("test DerandomizedClaimsTests (exact move game on each domain's instances)")),
            Claim("move-responsiveness", .satisfies, source: "derived: our proxy for the paper's 'responsiveness' (docs/reconstructions.md#move-responsiveness)"),
        ]
        claims += base.claims.filter { $0.axiom.hasPrefix("ex-post") || $0.axiom == "impartiality" }
        return MechanismDescriptor(
            id: "derandomized-\(base.id)", name: "Derandomized \(base.name)", domain: .derandomized,
            summary: "\(base.name) with the coin replaced by a sum-mod-m game over the agents' moves.",
            isRandomized: false,
            parameters: [
                ParameterSpec(name: "method", kind: .integer,
                              summary: "0 game first, 1 game last, 2 game interleaved" + (reportIndependent ? "" : " (not 0: the slots depend on the reports)"),
                              defaultValue: Double(defaultMethod.code), minimum: reportIndependent ? 0 : 1, maximum: 2),
            ],
            references: [DerandomizedPapers.walsh2024] + base.references.filter { $0 != DerandomizedPapers.walsh2024 },
            claims: claims,
            reconstruction: DerandomizedPapers.reconstruction)
    }

    /// Builds the registered variant from parameter values (`method` code).
    static func make(_ base: Base, default registered: DerandomizationMethod,
                     _ values: ParameterValues) throws(MechanismError) -> DerandomizedMechanism<Base> {
        let code = try values.integer("method")
        guard DerandomizationMethod.allCases.indices.contains(code) else {
            throw .invalidParameter(mechanism: "derandomized-\(base.descriptor.id)", name: "method", value: Double(code), expected: "0, 1 or 2")
        }
        return DerandomizedMechanism(base, method: DerandomizationMethod.allCases[code], registeredDefault: registered)
    }
}
