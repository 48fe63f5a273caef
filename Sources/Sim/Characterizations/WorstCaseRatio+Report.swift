import Mechanisms

extension WorstCaseRatio.Result {
    /// `mechsim ratio --format json`: the mechanism's id, the objective, the grid, the ratio,
    /// a profile attaining it and the number of profiles checked.
    public func json(mechanismID: String, objective: WorstCaseRatio.Objective, agents: Int, grid: Int) -> JSONValue {
        .object([
            ("mechanism", .string(mechanismID)), ("objective", .string(objective.rawValue)),
            ("agents", .integer(agents)), ("grid", .integer(grid)), ("ratio", .number(ratio)),
            ("profile", .numbers(profile)), ("profiles_checked", .integer(profilesChecked)),
        ])
    }

    /// `mechsim ratio`'s two lines: the worst ratio over the grid and a profile attaining it
    /// (`label` is the mechanism's label with its parameters). No final newline.
    public func text(label: String, objective: WorstCaseRatio.Objective, agents: Int, grid: Int) -> String {
        "\(label) · worst \(objective.rawValue) ratio over \(profilesChecked) non-decreasing \(agents)-agent profiles on the grid 1/\(grid): \(NumberFormatting.short(ratio))\n"
            + "  attained at: \(profile.map(NumberFormatting.short).joined(separator: ", "))"
    }
}
