import Foundation
import Mechanisms

/// A bad information-acquisition instance file: the file, the key path inside it, what was
/// expected there, what was found, and a suggestion.
public struct AcquisitionInstanceFileError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var keyPath: String
    public var expected: String
    public var found: String
    public var suggestion: String?

    public var description: String {
        var text = "\(file): \(keyPath.isEmpty ? "the top level" : keyPath): expected \(expected), found \(found)."
        if let suggestion { text += " \(suggestion)" }
        return text
    }
}

/// Reads information-acquisition instances from JSON (the machine interface of `mechsim outcome` and `check` for this family).
///
/// Model A:
/// ```
/// {"prior": [μ(θ), …],
///  "agents": [{"efforts": |Bᵢ|, "costs": [cᵢ(0), …], "signals": |Sᵢ|}, …],
///  "signal_law": [{"efforts": [b₁, …], "state": θ, "signals": [s₁, …], "probability": p}, …],
///  "utility": [[u(a, θ) for each state] for each action],
///  "payment_cap": M}
/// ```
/// Model B: the same without `efforts` and `costs` (and without `"efforts"` in the law entries,
/// where `probability` is q(s | θ)), plus `"sender_utility": [[[uᵢ(a, θ) for each state] for each
/// action] for each sender]` and `"payments": "report-only" | "state-dependent"`;
/// `payment_cap` is optional. A file is model B exactly when it has `sender_utility`.
///
/// Both may carry `"description"` (text) and `"expected"` (an object from mechanism id to the
/// expected value, a number or a fraction string such as `"102/185"`), which is read but not
/// checked: checked reference values live in the `expect:` of scenario files
/// (`domain: information-acquisition`) that name the instance file.
/// Numbers may be written as fraction strings (`"1/3"`). Entries of `signal_law` not listed
/// have probability 0. Unknown keys are errors with a suggestion.
public enum AcquisitionInstanceFile {
    /// A parsed file: the instance, its description and its expected values.
    public struct Contents: Sendable {
        public var instance: AcquisitionInstance
        public var description: String?
        /// Mechanism id → expected value as written (`"102/185"` or `"0.7"`).
        public var expected: [String: String]
    }

    /// Reads and parses the file at `path`.
    public static func load(_ path: String) throws(AcquisitionInstanceFileError) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .init(file: path, keyPath: "", expected: "a readable JSON file", found: "no such file or no permission")
        }
        return try parse(data, file: path)
    }

    /// Parses JSON `data`; `file` names it in errors.
    public static func parse(_ data: Data, file: String) throws(AcquisitionInstanceFileError) -> Contents {
        // The document reader first: syntax errors with their line and column, a key that
        // appears twice, anchors and aliases (JSON has none) are refused like in every other file.
        do throws(ScenarioError) {
            _ = try YAMLDocument.compose(String(decoding: data, as: UTF8.self), file: file, format: "JSON")
        } catch {
            let at = error.line.map { " (line \($0))" } ?? ""
            throw .init(file: file, keyPath: error.keyPath, expected: "valid JSON with each key once", found: "a problem\(at): \(error.message.hasSuffix(".") ? String(error.message.dropLast()) : error.message)",
                        suggestion: error.suggestion)
        }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw .init(file: file, keyPath: "", expected: "valid JSON", found: "a syntax error (\(error.localizedDescription))")
        }
        do throws(InformationAcquisitionError) {
            return try contents(root)
        } catch {
            throw .init(file: file, keyPath: error.keyPath, expected: error.expected, found: error.found, suggestion: error.suggestion)
        }
    }

    /// The contents of a parsed JSON value (scenario files pass their inline instances here).
    static func contents(_ root: Any) throws(InformationAcquisitionError) -> Contents {
        let r = Reader()
        let object = try r.object(root, "")
        let isSenders = object["sender_utility"] != nil
        let known = isSenders
            ? ["prior", "agents", "signal_law", "utility", "sender_utility", "payments", "payment_cap", "description", "expected"]
            : ["prior", "agents", "signal_law", "utility", "payment_cap", "description", "expected"]
        try r.rejectUnknown(object, known: known, path: "")
        let prior = try r.numbers(r.required(object, "prior", ""), "prior")
        let agentsValue = try r.array(r.required(object, "agents", ""), "agents")
        let utility = try r.matrix(r.required(object, "utility", ""), "utility")
        let lawValue = try r.array(r.required(object, "signal_law", ""), "signal_law")
        let description = try object["description"].map { v throws(InformationAcquisitionError) in try r.string(v, "description") }
        var expected: [String: String] = [:]
        if let e = object["expected"] {
            for (k, v) in try r.object(e, "expected") {
                if let s = v as? String { expected[k] = s }
                else if let n = v as? NSNumber { expected[k] = "\(n.doubleValue)" }
                else { throw .init(keyPath: "expected.\(k)", expected: "a number or a fraction string", found: r.kind(v)) }
            }
        }
        let instance: AcquisitionInstance
        if isSenders {
            var signals: [Int] = []
            for (i, a) in agentsValue.enumerated() {
                let o = try r.object(a, "agents[\(i)]")
                try r.rejectUnknown(o, known: ["signals"], path: "agents[\(i)]",
                                    note: "Model B senders have no efforts or costs (the file is model B because it has \"sender_utility\").")
                signals.append(try r.integer(r.required(o, "signals", "agents[\(i)]"), "agents[\(i)].signals"))
            }
            var law: [SendersInstance.LawEntry] = []
            for (k, e) in lawValue.enumerated() {
                let path = "signal_law[\(k)]"
                let o = try r.object(e, path)
                try r.rejectUnknown(o, known: ["state", "signals", "probability"], path: path)
                law.append(.init(state: try r.integer(r.required(o, "state", path), path + ".state"),
                                 signals: try r.integers(r.required(o, "signals", path), path + ".signals"),
                                 probability: try r.number(r.required(o, "probability", path), path + ".probability")))
            }
            var senderUtility: [[[Double]]] = []
            for (i, v) in try r.array(r.required(object, "sender_utility", ""), "sender_utility").enumerated() {
                senderUtility.append(try r.matrix(v, "sender_utility[\(i)]"))
            }
            let paymentsText = try r.string(r.required(object, "payments", ""), "payments")
            guard let payments = SendersInstance.Payments(rawValue: paymentsText) else {
                let options = SendersInstance.Payments.allCases.map(\.rawValue)
                throw .init(keyPath: "payments", expected: "one of \(options.map { "\"\($0)\"" }.joined(separator: ", "))",
                            found: "\"\(paymentsText)\"", suggestion: closestMatch(to: paymentsText, in: options).map { "Did you mean \"\($0)\"?" })
            }
            let cap = try object["payment_cap"].map { v throws(InformationAcquisitionError) in try r.number(v, "payment_cap") }
            instance = .senders(try SendersInstance(prior: prior, signalCounts: signals, law: law, utility: utility,
                                                    senderUtility: senderUtility, payments: payments, paymentCap: cap))
        } else {
            var agents: [HiringInstance.Agent] = []
            for (i, a) in agentsValue.enumerated() {
                let path = "agents[\(i)]"
                let o = try r.object(a, path)
                try r.rejectUnknown(o, known: ["efforts", "costs", "signals"], path: path)
                let efforts = try r.integer(r.required(o, "efforts", path), path + ".efforts")
                let costs = try r.numbers(r.required(o, "costs", path), path + ".costs")
                guard costs.count == efforts else {
                    throw .init(keyPath: path + ".costs", expected: "\(efforts) costs (one per effort level)", found: "\(costs.count)")
                }
                agents.append(.init(costs: costs, signals: try r.integer(r.required(o, "signals", path), path + ".signals")))
            }
            var law: [HiringInstance.LawEntry] = []
            for (k, e) in lawValue.enumerated() {
                let path = "signal_law[\(k)]"
                let o = try r.object(e, path)
                try r.rejectUnknown(o, known: ["efforts", "state", "signals", "probability"], path: path)
                law.append(.init(efforts: try r.integers(r.required(o, "efforts", path), path + ".efforts"),
                                 state: try r.integer(r.required(o, "state", path), path + ".state"),
                                 signals: try r.integers(r.required(o, "signals", path), path + ".signals"),
                                 probability: try r.number(r.required(o, "probability", path), path + ".probability")))
            }
            let cap = try r.number(r.required(object, "payment_cap", ""), "payment_cap")
            instance = .hiring(try HiringInstance(prior: prior, agents: agents, law: law, utility: utility, paymentCap: cap))
        }
        return Contents(instance: instance, description: description, expected: expected)
    }

    /// Typed access to the parsed JSON, with errors that name the file and key path.
    private struct Reader {

        func fail(_ path: String, _ expected: String, _ value: Any?) -> InformationAcquisitionError {
            .init(keyPath: path, expected: expected, found: value.map(kind) ?? "nothing")
        }

        func kind(_ v: Any) -> String {
            switch v {
            case is String: return "the string \"\(v)\""
            case let n as NSNumber: return "the number \(n)"
            case is [Any]: return "an array"
            case is [String: Any]: return "an object"
            case is NSNull: return "null"
            default: return "\(type(of: v))"
            }
        }

        func required(_ o: [String: Any], _ key: String, _ path: String) throws(InformationAcquisitionError) -> Any {
            guard let v = o[key] else {
                throw .init(keyPath: path.isEmpty ? key : "\(path).\(key)", expected: "a value", found: "no key \"\(key)\"")
            }
            return v
        }

        func rejectUnknown(_ o: [String: Any], known: [String], path: String, note: String? = nil) throws(InformationAcquisitionError) {
            for key in o.keys.sorted() where !known.contains(key) {
                let hint = closestMatch(to: key, in: known).map { "Did you mean \"\($0)\"?" }
                throw .init(keyPath: path.isEmpty ? key : "\(path).\(key)",
                            expected: "one of the keys \(known.joined(separator: ", "))", found: "an unknown key \"\(key)\"",
                            suggestion: [hint, note].compactMap { $0 }.joined(separator: " "))
            }
        }

        func object(_ v: Any, _ path: String) throws(InformationAcquisitionError) -> [String: Any] {
            guard let o = v as? [String: Any] else { throw fail(path, "an object", v) }
            return o
        }

        func array(_ v: Any, _ path: String) throws(InformationAcquisitionError) -> [Any] {
            guard let a = v as? [Any] else { throw fail(path, "an array", v) }
            return a
        }

        func string(_ v: Any, _ path: String) throws(InformationAcquisitionError) -> String {
            guard let s = v as? String else { throw fail(path, "a string", v) }
            return s
        }

        /// A number, or a fraction string "p/q".
        func number(_ v: Any, _ path: String) throws(InformationAcquisitionError) -> Double {
            if let s = v as? String {
                let parts = s.split(separator: "/").map { Double($0.trimmingCharacters(in: .whitespaces)) }
                if parts.count == 2, let p = parts[0], let q = parts[1], q != 0 { return p / q }
                if parts.count == 1, let p = parts[0] { return p }
                throw fail(path, "a number or a fraction string such as \"1/3\"", v)
            }
            guard let n = v as? NSNumber else { throw fail(path, "a number", v) }
            return n.doubleValue
        }

        func integer(_ v: Any, _ path: String) throws(InformationAcquisitionError) -> Int {
            guard let n = v as? NSNumber, n.doubleValue.rounded() == n.doubleValue, abs(n.doubleValue) < 1e9 else {
                throw fail(path, "a whole number", v)
            }
            return Int(n.doubleValue)
        }

        func numbers(_ v: Any, _ path: String) throws(InformationAcquisitionError) -> [Double] {
            var out: [Double] = []
            for (k, x) in try array(v, path).enumerated() { out.append(try number(x, "\(path)[\(k)]")) }
            return out
        }

        func integers(_ v: Any, _ path: String) throws(InformationAcquisitionError) -> [Int] {
            var out: [Int] = []
            for (k, x) in try array(v, path).enumerated() { out.append(try integer(x, "\(path)[\(k)]")) }
            return out
        }

        func matrix(_ v: Any, _ path: String) throws(InformationAcquisitionError) -> [[Double]] {
            var out: [[Double]] = []
            for (k, row) in try array(v, path).enumerated() { out.append(try numbers(row, "\(path)[\(k)]")) }
            return out
        }
    }
}
