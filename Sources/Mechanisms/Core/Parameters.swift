import Foundation

/// A typed parameter of a mechanism: name, kind, default and allowed range.
public struct ParameterSpec: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// A whole number.
        case integer
        /// A real number.
        case real
        /// A list of real numbers (each within the bounds).
        case reals
    }

    public var name: String
    public var kind: Kind
    public var summary: String
    public var defaultValue: Double?
    /// The default of a `.reals` parameter.
    public var defaultList: [Double]?
    /// Inclusive bounds (of each element, for lists); `nil` means unbounded on that side.
    public var minimum: Double?
    public var maximum: Double?
    /// Values with a name (`auto` for a confidence width computed by the authors' formula):
    /// a user may write the word instead of the number, and labels print the word.
    public var words: [String: Double]

    public init(
        name: String, kind: Kind, summary: String, defaultValue: Double?,
        minimum: Double? = nil, maximum: Double? = nil, defaultList: [Double]? = nil, words: [String: Double] = [:]
    ) {
        self.name = name
        self.kind = kind
        self.summary = summary
        self.defaultValue = defaultValue
        self.defaultList = defaultList
        self.minimum = minimum
        self.maximum = maximum
        self.words = words
    }

    /// The word naming `value`, if the spec names it.
    public func word(for value: Double) -> String? {
        words.filter { $0.value == value }.keys.min()
    }
}

/// Parameter values given by a user, checked against a descriptor's `ParameterSpec`s.
///
/// Unknown names and out-of-range or non-integral values are errors, never ignored; missing
/// values take the descriptor's default, and a parameter without a default must be given.
///
/// A factory reads resolved values with the typed accessors (`real`, `integer`, `flag`,
/// `reals`): each throws when the value is absent or of the wrong shape, so a factory never
/// falls back to a default of its own; the descriptor alone holds the defaults.
public struct ParameterValues: Sendable, Hashable {
    public private(set) var values: [String: Double]
    /// Values of list parameters (`phantoms`).
    public private(set) var lists: [String: [Double]]
    /// Values given as a word (`beta: auto`), turned into numbers by `resolved(for:)` through the
    /// spec's `words`; empty once resolved.
    public private(set) var words: [String: String]
    /// The id of the mechanism these values were resolved for; names it in the accessors' errors.
    private var mechanismID: String?

    public init(_ values: [String: Double] = [:], lists: [String: [Double]] = [:], words: [String: String] = [:]) {
        self.values = values
        self.lists = lists
        self.words = words
    }

    public static func == (a: ParameterValues, b: ParameterValues) -> Bool {
        a.values == b.values && a.lists == b.lists && a.words == b.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(values)
        hasher.combine(lists)
        hasher.combine(words)
    }

    /// The resolved value of every parameter of `descriptor`, defaults filled in; a word is
    /// replaced by the number the spec names with it.
    public func resolved(for descriptor: MechanismDescriptor) throws(MechanismError) -> ParameterValues {
        let specs = descriptor.parameters
        for name in Set(Array(values.keys) + Array(lists.keys) + Array(words.keys)).sorted() where !specs.contains(where: { $0.name == name }) {
            throw .unknownParameter(
                mechanism: descriptor.id, name: name,
                suggestion: closestMatch(to: name, in: specs.map(\.name)),
                known: specs.map(\.name))
        }
        var values = self.values
        for (name, word) in words.sorted(by: { $0.key < $1.key }) {
            guard let spec = specs.first(where: { $0.name == name }) else { continue }
            guard values[name] == nil, lists[name] == nil else {
                throw .invalidParameter(mechanism: descriptor.id, name: name, value: .nan, expected: "one value, not a number and a word")
            }
            guard let v = spec.words[word] else {
                throw .invalidParameterWord(mechanism: descriptor.id, name: name, word: word,
                                            expected: spec.words.isEmpty ? "a number" : "a number or \(spec.words.keys.sorted().map { "'\($0)'" }.joined(separator: ", "))")
            }
            values[name] = v
        }
        var out: [String: Double] = [:]
        var outLists: [String: [Double]] = [:]
        for spec in specs {
            if spec.kind == .reals {
                // One number given for a list parameter is a list of one.
                guard let list = lists[spec.name] ?? values[spec.name].map({ [$0] }) ?? spec.defaultList else {
                    throw .missingParameter(mechanism: descriptor.id, name: spec.name)
                }
                for v in list {
                    guard v.isFinite, spec.minimum.map({ v >= $0 }) ?? true, spec.maximum.map({ v <= $0 }) ?? true else {
                        throw .invalidParameter(mechanism: descriptor.id, name: spec.name, value: v,
                                                expected: "a list of numbers in [\(formatParameter(spec.minimum ?? -.infinity)), \(formatParameter(spec.maximum ?? .infinity))]")
                    }
                }
                outLists[spec.name] = list
                continue
            }
            if lists[spec.name] != nil {
                throw .invalidParameter(mechanism: descriptor.id, name: spec.name, value: .nan, expected: "one number, not a list")
            }
            guard let v = values[spec.name] ?? spec.defaultValue else {
                throw .missingParameter(mechanism: descriptor.id, name: spec.name)
            }
            guard v.isFinite else {
                throw .invalidParameter(mechanism: descriptor.id, name: spec.name, value: v, expected: "a finite number")
            }
            if spec.kind == .integer, v.rounded() != v {
                throw .invalidParameter(mechanism: descriptor.id, name: spec.name, value: v, expected: "an integer")
            }
            if let lo = spec.minimum, v < lo {
                throw .invalidParameter(mechanism: descriptor.id, name: spec.name, value: v, expected: "a value >= \(formatParameter(lo))")
            }
            if let hi = spec.maximum, v > hi {
                throw .invalidParameter(mechanism: descriptor.id, name: spec.name, value: v, expected: "a value <= \(formatParameter(hi))")
            }
            out[spec.name] = v
        }
        var resolved = ParameterValues(out, lists: outLists)
        resolved.mechanismID = descriptor.id
        return resolved
    }

    public subscript(name: String) -> Double? { values[name] }

    /// The list parameter `name`.
    public func list(_ name: String) -> [Double]? { lists[name] }

    /// The real parameter `name` of resolved values; an error when it is absent.
    public func real(_ name: String) throws(MechanismError) -> Double {
        guard let v = values[name] else { throw .missingParameter(mechanism: mechanismID ?? "?", name: name) }
        return v
    }

    /// The integer parameter `name` of resolved values; an error when it is absent, not a whole
    /// number, or beyond ±2^53 (where doubles stop counting every integer).
    public func integer(_ name: String) throws(MechanismError) -> Int {
        let v = try real(name)
        guard v.rounded() == v, abs(v) <= 9_007_199_254_740_992 else {
            throw .invalidParameter(mechanism: mechanismID ?? "?", name: name, value: v, expected: "an integer of at most 2^53")
        }
        return Int(v)
    }

    /// The 0/1 parameter `name` of resolved values as a Bool; an error when it is absent or
    /// neither 0 nor 1.
    public func flag(_ name: String) throws(MechanismError) -> Bool {
        let v = try real(name)
        guard v == 0 || v == 1 else {
            throw .invalidParameter(mechanism: mechanismID ?? "?", name: name, value: v, expected: "0 or 1")
        }
        return v == 1
    }

    /// The list parameter `name` of resolved values; an error when it is absent.
    public func reals(_ name: String) throws(MechanismError) -> [Double] {
        guard let v = lists[name] else { throw .missingParameter(mechanism: mechanismID ?? "?", name: name) }
        return v
    }

    /// `k=2, p=0.5, phantoms=[0, 0.5, 1]` in name order; empty when there are none.
    public var description: String { description(naming: []) }

    /// The description with a value that one of `specs` names by a word printed as the word:
    /// `beta=auto` rather than `beta=0`; with `used[name]` given, also the number the word stood
    /// for in a run (`beta=auto (=13.5)`).
    public func description(naming specs: [ParameterSpec], used: [String: Double] = [:]) -> String {
        let scalars = values.keys.map { name -> (String, String) in
            let v = values[name]!
            guard let word = specs.first(where: { $0.name == name })?.word(for: v) else { return (name, "\(name)=\(formatParameter(v))") }
            return (name, "\(name)=\(word)" + (used[name].map { " (=\(formatUsed($0)))" } ?? ""))
        }
        let vectors = lists.keys.map { ($0, "\($0)=[\(lists[$0]!.map(formatParameter).joined(separator: ", "))]") }
        return (scalars + vectors).sorted { $0.0 < $1.0 }.map(\.1).joined(separator: ", ")
    }
}

/// A computed parameter value in a label: four significant digits (`13.47`).
func formatUsed(_ v: Double) -> String {
    v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(format: "%.4g", v)
}

func formatParameter(_ v: Double) -> String {
    v.rounded() == v && abs(v) < 1e15 ? String(Int(v)) : String(v)
}

extension MechanismDescriptor {
    /// The descriptor's default of the scalar parameter `name`, for a mechanism's own `init`
    /// default arguments (`init(p: Double = AverageOrRandomRank.descriptor.defaultValue("p"))`),
    /// so that no default is written twice.
    ///
    /// Edge cases: NaN when the descriptor declares no such parameter or no default for it (a
    /// slip in the mechanism's own file, which the registry tests catch by building every
    /// mechanism both ways and comparing).
    public func defaultValue(_ name: String) -> Double {
        parameters.first { $0.name == name }?.defaultValue ?? .nan
    }

    /// `defaultValue(name)` as an integer; 0 when it is missing or not a whole number (see
    /// `defaultValue`).
    public func defaultInteger(_ name: String) -> Int {
        let v = defaultValue(name)
        return v.rounded() == v && abs(v) <= 9_007_199_254_740_992 ? Int(v) : 0
    }

    /// `defaultValue(name) == 1`, for 0/1 parameters.
    public func defaultFlag(_ name: String) -> Bool { defaultValue(name) == 1 }

    /// The default list of the list parameter `name`; empty when it has none.
    public func defaultList(_ name: String) -> [Double] {
        parameters.first { $0.name == name }?.defaultList ?? []
    }
}

/// Errors in choosing or configuring a mechanism.
public enum MechanismError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownMechanism(id: String, suggestion: String?)
    case unknownParameter(mechanism: String, name: String, suggestion: String?, known: [String])
    case missingParameter(mechanism: String, name: String)
    case invalidParameter(mechanism: String, name: String, value: Double, expected: String)
    /// A parameter given as a word its spec does not name.
    case invalidParameterWord(mechanism: String, name: String, word: String, expected: String)
    case parameterIncompatibleWithProfile(mechanism: String, reason: String)
    case invalidProfile(String)
    case wrongDomain(mechanism: String, expected: Domain)
    /// A registry already holds a mechanism with this id.
    case duplicateMechanism(id: String)

    public var description: String {
        switch self {
        case .unknownMechanism(let id, let suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "Unknown mechanism '\(id)'.\(hint) (see 'mechsim list mechanisms')"
        case .unknownParameter(let m, let name, let suggestion, let known):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            let list = known.isEmpty ? "it takes no parameters" : "it takes: \(known.joined(separator: ", "))"
            return "Mechanism '\(m)' has no parameter '\(name)'.\(hint) (\(list))"
        case .missingParameter(let m, let name):
            return "Mechanism '\(m)' needs a value for parameter '\(name)'."
        case .invalidParameter(let m, let name, let value, let expected):
            return "Parameter '\(name)' of mechanism '\(m)' must be \(expected), got \(formatParameter(value))."
        case .invalidParameterWord(let m, let name, let word, let expected):
            return "Parameter '\(name)' of mechanism '\(m)' must be \(expected), got '\(word)'."
        case .parameterIncompatibleWithProfile(let m, let reason):
            return "Mechanism '\(m)' cannot run on this profile: \(reason)"
        case .invalidProfile(let reason):
            return "Invalid profile: \(reason)"
        case .wrongDomain(let m, let expected):
            return "Mechanism '\(m)' is not a \(expected.rawValue) mechanism."
        case .duplicateMechanism(let id):
            return "A mechanism with id '\(id)' is already registered; give the new one another id."
        }
    }
}

/// True for text that names a parameter value rather than writes a number: lower-case letters
/// and hyphens, starting with a letter (`auto`); `nan` and `inf` are numbers (and rejected as such).
public func isParameterWord(_ text: String) -> Bool {
    guard let first = text.first, first.isASCII, first.isLowercase, !["nan", "inf", "infinity"].contains(text) else { return false }
    return text.allSatisfy { ($0.isASCII && $0.isLowercase) || $0 == "-" }
}
