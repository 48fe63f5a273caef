/// Why an information-acquisition instance is rejected: the key path of the offending entry
/// (in the JSON instance's names, `agents[1].costs[0]`), what was expected, what was found,
/// and a suggestion.
public struct InformationAcquisitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is, as a key path into the instance (`signal_law`, `prior`).
    public var keyPath: String
    /// What a valid instance has there.
    public var expected: String
    /// What was found.
    public var found: String
    /// How to fix it, when there is an obvious fix.
    public var suggestion: String?

    public init(keyPath: String, expected: String, found: String, suggestion: String? = nil) {
        self.keyPath = keyPath
        self.expected = expected
        self.found = found
        self.suggestion = suggestion
    }

    public var description: String {
        var text = "\(keyPath): expected \(expected), found \(found)."
        if let suggestion { text += " \(suggestion)" }
        return text
    }
}

/// Named tolerances of the information-acquisition instances and checkers.
public enum AcquisitionTolerance {
    /// How far a probability vector's sum may be from one, and how far two marginals may
    /// differ in the marginal condition (docs/reconstructions.md#marginal-condition): instance files give probabilities as
    /// decimals with at most ~12 significant digits, whose sums are off by well under 1e-9.
    public static let probability = 1e-9

    /// How much gain an incentive checker ignores on a floating-point mechanism: ten times
    /// GLPK's primal feasibility tolerance (1e-7), since each payment may be off by that much
    /// and a deviation value sums several of them.
    public static let incentive = 1e-6
}
