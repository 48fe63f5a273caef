import Mechanisms

/// Text and JSON of `mechsim check`. Every domain's JSON has `mechanism`, `axiom`, `domain`,
/// `verdict`, `witness`, `space` and `arithmetic`; facility location and strategic bandits keep
/// their established fields (the facility `space` object, `profiles_checked`, `shrunk`; the
/// bandit `horizon`, `seeds`, `epsilon`, `epsilon_rule`, `correction` and largest-gain `witness`).
extension CheckReport {
    public func json() -> JSONValue {
        let domain: (String, JSONValue) = ("domain", .string(axiom.domain.rawValue))
        if let result = facility {
            guard case .object(var f) = FacilityJSON.check(result, mechanismID: mechanismID) else { return .null }
            f.insert(domain, at: 2)
            f.append(("arithmetic", verdict.arithmeticJSON))
            return .object(f)
        }
        if let o = bandit {
            var f: [(String, JSONValue)] = [("mechanism", .string(o.mechanism)), ("axiom", .string(axiom.id)), domain,
                                            ("verdict", .string(verdict.id)), ("horizon", .integer(o.horizon)), ("seeds", .integer(o.seeds)),
                                            ("epsilon", .number(o.epsilon)), ("epsilon_rule", .string(o.epsilonRule)),
                                            ("correction", .string(o.correction.rawValue))]
            // The largest gain, violation or not (the field predates the common verdict).
            if let w = o.result.witness {
                f.append(("witness", .object([("arm", .integer(w.arm + 1)), ("deviation", .numbers(w.deviation)),
                                              ("gain", .number(w.gain)), ("lower", .number(w.lower)), ("upper", .number(w.upper))])))
            } else {
                f.append(("witness", .null))
            }
            f.append(("space", verdict.space.json))
            f.append(("arithmetic", verdict.arithmeticJSON))
            f.append(("epsilon_provenance", .string(o.epsilonProvenance)))
            if let u = o.result.largestUpper {
                f.append(("largest_upper", .object([("arm", .integer(u.arm + 1)), ("deviation", .numbers(u.deviation)),
                                                    ("gain", .number(u.gain)), ("lower", .number(u.lower)), ("upper", .number(u.upper))])))
            }
            if let reason = o.inconclusiveReason { f.append(("reason", .string(reason))) }
            return .object(f)
        }
        var f: [(String, JSONValue)] = [
            ("mechanism", .string(mechanismID)), ("axiom", .string(axiom.id)), domain, ("verdict", verdict.jsonID),
            ("witness", verdict.witnessJSON), ("space", verdict.space.json), ("arithmetic", verdict.arithmeticJSON),
            ("instance", instance.map { .string($0) } ?? .null),
        ]
        switch verdict {
        case .noViolationFound(_, let samples, let seed):
            f.append(("samples", .integer(samples)))
            f.append(("seed", seed.map { .string(String($0)) } ?? .null))
        case .inconclusive(let reason, _): f.append(("reason", .string(reason)))
        case .holds, .violated: break
        }
        return .object(f)
    }

    /// The text report, lines ending in a newline.
    public func text() -> String {
        if let result = facility { return facilityText(result) }
        if let o = bandit { return banditText(o) }
        var out = "\(mechanismLabel) · \(axiom.id) (\(axiom.domain.rawValue)): \(verdict.id)\n"
        let space = verdict.space
        out += "  space: \(space.description)\(space.count.map { " (\($0) case\($0 == 1 ? "" : "s"))" } ?? "")\n"
        switch verdict.arithmetic {
        case .exact?: out += "  arithmetic: exact (rational)\n"
        case .floatingPoint(let t)?: out += "  arithmetic: floating point, tolerance \(NumberFormatting.short(t))\n"
        case nil: break
        }
        switch verdict {
        case .violated(let w, _, _): out += "  witness: \(w.explanation)\n"
        case .noViolationFound(_, let n, let seed):
            out += "  no violation found (\(n) sample(s)\(seed.map { ", seed \($0)" } ?? "")); this is not a proof.\n"
        case .inconclusive(let reason, _): out += "  inconclusive: \(reason)\n"
        case .holds: break
        }
        return out
    }

    func facilityText(_ result: AxiomCheckResult) -> String {
        var out = "\(mechanismLabel) · \(result.axiom): \(result.verdict.id)\n"
        out += "  space: \(ScenarioReport.spaceText(result.space)), \(result.profilesChecked) profiles checked\n"
        switch result.verdict {
        case .violated(let w):
            out += "  witness\(result.shrunk ? " (shrunk)" : ""): \(w.explanation)\n"
            out += "  profile: \(w.profile.map(NumberFormatting.short).joined(separator: ", "))\n"
        case .noViolationFound(let n, let s):
            if result.space.isExhaustive {
                out += "  no violation on the grid's \(n) profiles; \(result.axiom) is probed there, not proved.\n"
            } else {
                out += "  no violation in \(n) sampled profiles (seed \(s)); this is not a proof.\n"
            }
        case .inconclusive(let reason):
            out += "  inconclusive: \(reason)\n"
        case .holds:
            break
        }
        return out
    }

    func banditText(_ o: DesiredProfileNE.Outcome) -> String {
        var out = "\(o.mechanism) · \(DesiredProfileNE.id): \(o.verdict) (epsilon \(NumberFormatting.short(o.epsilon)) [\(o.epsilonProvenance)], T = \(o.horizon), \(o.seeds) paired seeds)\n"
        out += "  epsilon (\(o.epsilonProvenance)): \(o.epsilonRule); violated when a gain's lower bound exceeds it, no violation found when every upper bound is at most it, inconclusive otherwise\n"
        if let w = o.result.witness {
            out += "  largest gain: arm \(w.arm + 1) deviating to \(w.deviation.map(NumberFormatting.short).joined(separator: ", ")) gains \(NumberFormatting.short(w.gain)) [\(NumberFormatting.short(w.lower)), \(NumberFormatting.short(w.upper))] (Bonferroni 95%, \(o.correction.rawValue))\n"
        }
        if let reason = o.inconclusiveReason { out += "  inconclusive: \(reason)\n" }
        return out
    }
}
