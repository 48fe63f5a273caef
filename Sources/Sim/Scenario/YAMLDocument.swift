import Yams

/// The one place where MechSim composes YAML (and JSON, which is YAML) text into a tree.
///
/// Before the text reaches the YAML parser it is scanned for anchors (`&name`) and aliases
/// (`*name`), which scenario and instance files do not use: an alias repeats a subtree without
/// copying it, so a few hundred bytes of nested aliases stand for billions of nodes, and the
/// parser's duplicate-key check walks them all (a 433-byte file with an alias as a mapping key
/// took 18 s per level squared). Anchors and aliases are refused with the line of the first one;
/// quoted text and comments are skipped, so `"A & B"` or `# *note*` are fine.
///
/// A key that appears twice in a mapping is named with its line, without echoing the mapping.
enum YAMLDocument {
    /// The tree of `text`, or nil for an empty document. `format` names what the file should be
    /// ("YAML or JSON", "JSON") in the syntax error.
    static func compose(_ text: String, file: String, format: String = "YAML or JSON") throws(ScenarioError) -> Node? {
        if let line = firstAnchorOrAlias(in: text) {
            throw ScenarioError(
                file: file, keyPath: "", line: line,
                message: "uses a YAML anchor or alias ('&name' or '*name'); scenario and instance files do not support them.",
                suggestion: "Write the repeated values out, or quote a text value that starts with '&' or '*'.")
        }
        do {
            return try Yams.compose(yaml: text)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            let keys = duplicates.map { "'\(clip($0, 60))'" }.joined(separator: ", ")
            throw ScenarioError(file: file, keyPath: "", line: context.mark.line,
                                message: "the key \(keys) appears twice in the same mapping.", suggestion: "Keep one of them.")
        } catch {
            throw ScenarioError(file: file, keyPath: "", message: "is not valid \(format): \(clip("\(error)", 600))")
        }
    }

    /// The 1-based line of the first anchor or alias outside quotes and comments, or nil.
    ///
    /// An anchor or alias starts a node: its `&` or `*` is the first thing on the line, or
    /// follows (after spaces) one of `:`, `-`, `?`, `[`, `{`, `,`, and a name character follows
    /// it at once. In a plain text value (`title: A *B`) it follows other text and is not one.
    static func firstAnchorOrAlias(in text: String) -> Int? {
        var line = 1
        var previous: UInt8? = nil          // the last non-space byte on this line, outside quotes
        var inSingle = false, inDouble = false, inComment = false, escaped = false
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            defer { i += 1 }
            if c == UInt8(ascii: "\n") {
                line += 1
                inComment = false
                previous = nil
                continue
            }
            if inComment { continue }
            if inDouble {
                if escaped { escaped = false } else if c == UInt8(ascii: "\\") { escaped = true } else if c == UInt8(ascii: "\"") { inDouble = false; previous = c }
                continue
            }
            if inSingle {
                if c == UInt8(ascii: "'") { inSingle = false; previous = c }
                continue
            }
            switch c {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                continue
            case UInt8(ascii: "#") where i == 0 || [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n")].contains(bytes[i - 1]):
                inComment = true
            case UInt8(ascii: "\"") where startsNode(previous):
                inDouble = true
            case UInt8(ascii: "'") where startsNode(previous):
                inSingle = true
            case UInt8(ascii: "&"), UInt8(ascii: "*"):
                if startsNode(previous), i + 1 < bytes.count, isNameByte(bytes[i + 1]) { return line }
                previous = c
            default:
                previous = c
            }
        }
        return nil
    }

    private static func startsNode(_ previous: UInt8?) -> Bool {
        guard let previous else { return true }
        return [UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ",")].contains(previous)
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        !(c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")
          || c == UInt8(ascii: ",") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}"))
    }

    private static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "..."
    }
}
