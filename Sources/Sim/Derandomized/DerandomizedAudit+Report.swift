import Foundation

extension DerandomizedAudit {
    /// `mechsim audit`'s text: one line per field of the audit's object, the key padded to 14
    /// characters, then the value as JSON. No final newline; empty when `result` is not an object.
    public static func text(_ result: JSONValue) -> String {
        guard case .object(let fields) = result else { return "" }
        return fields.map { "\($0.0.padding(toLength: 14, withPad: " ", startingAt: 0)) \($0.1.rendered())" }.joined(separator: "\n")
    }
}
