import Mechanisms
import Solvers

extension WorstCaseRatio.Result {
    /// `mechsim ratio --format json`: the mechanism's id, the objective, the grid, the ratio,
    /// a profile attaining it and the number of profiles checked; `ratio_exact`, the fraction
    /// ("7/4"), when the value was confirmed exactly (`ratio` is then its nearest double), else
    /// null.
    public func json(mechanismID: String, objective: WorstCaseRatio.Objective, agents: Int, grid: Int) -> JSONValue {
        .object([
            ("mechanism", .string(mechanismID)), ("objective", .string(objective.rawValue)),
            ("agents", .integer(agents)), ("grid", .integer(grid)), ("ratio", .number(ratio)),
            ("profile", .numbers(profile)), ("profiles_checked", .integer(profilesChecked)),
            ("ratio_exact", exact.map { .string($0.description) } ?? .null),
        ])
    }

    /// `mechsim ratio`'s two lines: the worst ratio over the grid and a profile attaining it
    /// (`label` is the mechanism's label with its parameters). No final newline.
    public func text(label: String, objective: WorstCaseRatio.Objective, agents: Int, grid: Int) -> String {
        "\(label) · worst \(objective.rawValue) ratio over \(profilesChecked) non-decreasing \(agents)-agent profiles on the grid 1/\(grid): \(WorstCaseRatio.display(ratio, exact: exact))\n"
            + "  attained at: \(profile.map(NumberFormatting.short).joined(separator: ", "))"
    }
}

extension WorstCaseRatio {
    /// "7/4 = 1.75" for an exact fraction, "2 (exact)" for an exact integer, "1.23 (floating
    /// point)" without an exact value.
    public static func display(_ ratio: Double, exact: Rational?) -> String {
        guard let exact else { return "\(NumberFormatting.short(ratio)) (floating point)" }
        return exact.isInteger ? "\(exact) (exact)" : "\(exact) = \(NumberFormatting.short(ratio))"
    }
}
