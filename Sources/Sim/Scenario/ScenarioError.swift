/// A problem with a scenario file: which file, which key path, what was expected.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public var file: String
    /// Dotted key path (`profiles.count`, `mechanisms[2].params.k`); empty for the whole file.
    public var keyPath: String
    public var line: Int?
    public var message: String
    public var suggestion: String?

    public init(file: String, keyPath: String, line: Int? = nil, message: String, suggestion: String? = nil) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String {
        var where_ = file
        if !keyPath.isEmpty { where_ += ": \(keyPath)" }
        if let line { where_ += " (line \(line))" }
        var s = "\(where_): \(message)"
        if let suggestion { s += " \(suggestion)" }
        return s
    }
}
