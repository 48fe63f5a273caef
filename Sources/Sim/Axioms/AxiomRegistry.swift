import Mechanisms

/// The one explicit list of facility-location axioms, sorted by id.
public enum AxiomRegistry {
    public static let all: [any FacilityAxiom] = [
        Anonymity(),
        Continuity(),
        IndividualFairShare(.exPost),
        IndividualFairShare(.inExpectation),
        ParetoEfficiency(),
        Proportionality(.exPost),
        Proportionality(.inExpectation),
        ProportionalFairness(.exPost),
        ProportionalFairness(.inExpectation),
        StrategyProofness(),
        StrategyProofness(.inExpectation),
        StrictMonotonicity(),
        StrongProportionality(.exPost),
        StrongProportionality(.inExpectation),
        Unanimity(),
        UnanimousFairShare(.exPost),
        UnanimousFairShare(.inExpectation),
        UniversalAnonymity(),
        UniversalTruthfulness(),
    ]

    public static var ids: [String] { all.map(\.id) }

    /// The axiom with this id, or an error that suggests the closest id.
    public static func axiom(_ id: String) throws(CheckError) -> any FacilityAxiom {
        if let a = all.first(where: { $0.id == id }) { return a }
        throw .unknownAxiom(id: id, suggestion: closestMatch(to: id, in: ids))
    }
}
