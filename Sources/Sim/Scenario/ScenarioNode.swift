import Mechanisms
import Yams

/// A node of a scenario file with its key path, for strict reading and precise errors.
struct ScenarioNode {
    let node: Node
    let path: String
    let file: String

    var line: Int? { node.mark.map { $0.line } }

    func error(_ message: String, suggestion: String? = nil) -> ScenarioError {
        ScenarioError(file: file, keyPath: path, line: line, message: message, suggestion: suggestion)
    }

    private func child(_ node: Node, key: String) -> ScenarioNode {
        ScenarioNode(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file)
    }

    private var kind: String {
        switch node {
        case .scalar(let s): "the value '\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The mapping's entries; any key outside `allowed` is an error naming the closest allowed key.
    func mapping(allowed: [String], required: [String] = []) throws(ScenarioError) -> [String: ScenarioNode] {
        guard case .mapping(let m) = node else { throw error("expected a mapping with keys \(allowed.joined(separator: ", ")), got \(kind).") }
        var out: [String: ScenarioNode] = [:]
        for (k, v) in m {
            guard case .scalar(let key) = k else { throw error("keys must be plain names.") }
            let name = key.string
            guard allowed.contains(name) else {
                let s = closestKey(name, allowed)
                throw ScenarioError(
                    file: file, keyPath: path.isEmpty ? name : "\(path).\(name)", line: k.mark?.line,
                    message: "unknown key '\(name)'; expected one of: \(allowed.joined(separator: ", ")).",
                    suggestion: s.map { "Did you mean '\($0)'?" })
            }
            guard out[name] == nil else { throw error("key '\(name)' appears twice.") }
            out[name] = child(v, key: name)
        }
        for r in required where out[r] == nil {
            throw error("missing required key '\(r)'.")
        }
        return out
    }

    /// The entries of a mapping with free keys (mechanism parameters), in file order.
    func freeMapping() throws(ScenarioError) -> [(String, ScenarioNode)] {
        guard case .mapping(let m) = node else { throw error("expected a mapping, got \(kind).") }
        var out: [(String, ScenarioNode)] = []
        for (k, v) in m {
            guard case .scalar(let key) = k else { throw error("keys must be plain names.") }
            out.append((key.string, child(v, key: key.string)))
        }
        return out
    }

    /// A mechanism's `params:` mapping: free names, each a number (the registry checks the names).
    /// Mechanism parameters: numbers, or words a parameter names (`beta: auto`), which the
    /// registry resolves against the mechanism's descriptor.
    func parameterValues() throws(ScenarioError) -> ParameterValues {
        var values: [String: Double] = [:], words: [String: String] = [:]
        for (k, v) in try freeMapping() {
            if case .scalar(let s) = v.node, parseNumber(s.string) == nil, isParameterWord(s.string) {
                words[k] = s.string
            } else {
                values[k] = try v.double()
            }
        }
        return ParameterValues(values, words: words)
    }

    func array() throws(ScenarioError) -> [ScenarioNode] {
        guard case .sequence(let s) = node else { throw error("expected a list, got \(kind).") }
        return s.enumerated().map { i, n in ScenarioNode(node: n, path: "\(path)[\(i)]", file: file) }
    }

    var isScalar: Bool {
        if case .scalar = node { return true }
        return false
    }

    func string() throws(ScenarioError) -> String {
        guard case .scalar(let s) = node else { throw error("expected a text value, got \(kind).") }
        return s.string
    }

    /// The node's string, which must be one of `allowed` ("expected a, b or c, got 'x'." otherwise).
    func string(oneOf allowed: [String]) throws(ScenarioError) -> String {
        let v = try string()
        guard allowed.contains(v) else {
            let list = allowed.count > 1 ? allowed.dropLast().joined(separator: ", ") + " or " + (allowed.last ?? "") : allowed.joined()
            throw error("expected \(list), got '\(v)'.")
        }
        return v
    }

    /// A whole number in `minimum...maximum`: written as an integer ("25", "1_000") or as a
    /// finite number with no fractional part ("1e3"); anything else (NaN, infinities, "2.5",
    /// values past the bounds or past `Int`) is an error naming the key and the range.
    func int(minimum: Int? = nil, maximum: Int? = nil) throws(ScenarioError) -> Int {
        guard case .scalar(let s) = node else { throw error("expected a whole number, got \(kind).") }
        let text = s.string.replacingOccurrences(of: "_", with: "").trimmingCharacters(in: .whitespaces)
        let range = Self.rangeText(minimum: minimum, maximum: maximum)
        let value: Int
        if let v = Int(text) {
            value = v
        } else if let d = parseNumber(text) {
            guard d == d.rounded(.towardZero) else { throw error("expected a whole number\(range), got \(text).") }
            guard let v = Int(exactly: d) else { throw error("expected a whole number\(range), got \(text), which is too large.") }
            value = v
        } else {
            throw error("expected a whole number, got \(kind).")
        }
        if let minimum, value < minimum { throw error("expected a whole number\(range), got \(value).") }
        if let maximum, value > maximum { throw error("expected a whole number\(range), got \(value).") }
        return value
    }

    private static func rangeText(minimum: Int?, maximum: Int?) -> String {
        switch (minimum, maximum) {
        case let (lo?, hi?): " in \(lo)...\(hi)"
        case let (lo?, nil): " >= \(lo)"
        case let (nil, hi?): " <= \(hi)"
        case (nil, nil): ""
        }
    }

    func uint64() throws(ScenarioError) -> UInt64 {
        guard case .scalar(let s) = node, let v = UInt64(s.string.replacingOccurrences(of: "_", with: "")) else {
            throw error("expected a non-negative whole number (a seed), got \(kind).")
        }
        return v
    }

    /// A finite number: an integer, a decimal, or a fraction written "p/q".
    func double() throws(ScenarioError) -> Double {
        guard case .scalar(let s) = node, let v = parseNumber(s.string) else {
            throw error("expected a number (such as 0.25 or \"1/4\"), got \(kind).")
        }
        return v
    }

    func doubles() throws(ScenarioError) -> [Double] {
        var out: [Double] = []
        for n in try array() { out.append(try n.double()) }
        return out
    }

    func bool() throws(ScenarioError) -> Bool {
        guard case .scalar(let s) = node else { throw error("expected true or false, got \(kind).") }
        switch s.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error("expected true or false, got '\(s.string)'.")
        }
    }
}

/// Parses "0.25", "3", "-1e-3" or "1/3" into a finite double. NaN, infinities and fractions
/// with a non-finite or zero part ("1/0", "1/inf", "inf/2") are not numbers here.
func parseNumber(_ text: String) -> Double? {
    let t = text.trimmingCharacters(in: .whitespaces)
    if let slash = t.firstIndex(of: "/") {
        guard let p = Double(t[..<slash].trimmingCharacters(in: .whitespaces)),
              let q = Double(t[t.index(after: slash)...].trimmingCharacters(in: .whitespaces)),
              p.isFinite, q.isFinite, q != 0 else { return nil }
        let v = p / q
        return v.isFinite ? v : nil
    }
    guard let v = Double(t), v.isFinite else { return nil }
    return v
}

private func closestKey(_ name: String, _ allowed: [String]) -> String? {
    closestMatch(to: name, in: allowed)
}

import Foundation
import Mechanisms
