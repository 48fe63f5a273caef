import Mechanisms

/// JSON shapes of facility-location values. These shapes are a contract with outside tools:
/// add fields, never rename or drop one.
public enum FacilityJSON {
    /// `[{"location": x, "probability": p}, ...]`, sorted by location, equal locations merged.
    public static func lottery(_ l: Lottery<Double>) -> JSONValue {
        .array(l.entries.map { .object([("location", .number($0.outcome)), ("probability", .number($0.probability))]) })
    }

    /// The `outcome` command's object.
    public static func outcome(_ m: any FacilityLocationMechanism, _ p: FacilityProfile) -> JSONValue {
        let lottery = m.lottery(for: p)
        let costs = m.expectedCosts(for: p)
        let n = Double(p.count)
        var fields: [(String, JSONValue)] = [
            ("mechanism", .string(m.descriptor.id)),
        ]
        if !m.parameters.values.isEmpty || !m.parameters.lists.isEmpty {
            fields.append(("parameters", parameters(m.parameters)))
        }
        fields += [
            ("profile", .numbers(p.locations)),
            ("lottery", Self.lottery(lottery)),
            ("expected_total_cost", .number(costs.total)),
            ("expected_max_cost", .number(costs.maximum)),
            ("expected_social_welfare", .number(n - costs.total)),
            ("agent_expected_costs", .numbers(m.agentExpectedCosts(for: p))),
            ("expected_location", .number(lottery.mean)),
            ("optimal_total_cost", .number(p.optimalTotalCost)),
            ("optimal_max_cost", .number(p.optimalMaxCost)),
        ]
        return .object(fields)
    }

    /// `{"k": 2, "phantoms": [0, 0.5, 1]}`, keys sorted.
    public static func parameters(_ p: ParameterValues) -> JSONValue {
        let scalars: [(String, JSONValue)] = p.values.map { ($0.key, .number($0.value)) }
        let lists: [(String, JSONValue)] = p.lists.map { ($0.key, .numbers($0.value)) }
        return .object((scalars + lists).sorted { $0.0 < $1.0 })
    }

    public static func witness(_ w: FacilityWitness) -> JSONValue {
        var f: [(String, JSONValue)] = [
            ("axiom", .string(w.axiom)),
            ("mechanism", .string(w.mechanism)),
            ("profile", .numbers(w.profile)),
            ("agent", w.agent.map { .integer($0) } ?? .null),
            ("misreport", w.misreport.map { .number($0) } ?? .null),
            ("truthful_outcome", lottery(w.truthfulOutcome)),
            ("manipulated_outcome", w.manipulatedOutcome.map(lottery) ?? .null),
            ("truthful_cost", w.truthfulCost.map { .number($0) } ?? .null),
            ("manipulated_cost", w.manipulatedCost.map { .number($0) } ?? .null),
            ("gain", w.gain.map { .number($0) } ?? .null),
        ]
        if let p = w.permutedProfile { f.append(("permuted_profile", .numbers(p))) }
        if let c = w.component { f.append(("component", .string(c))) }
        f.append(("explanation", .string(w.explanation)))
        return .object(f)
    }

    public static func space(_ s: SearchSpace) -> JSONValue {
        switch s {
        case .grid(let n, let g):
            return .object([
                ("kind", .string("grid")), ("agents", .integer(n)), ("grid", .integer(g)),
                ("profiles", .number(s.profileCount)), ("misreports", .string("every grid point")),
                ("exhaustive", .bool(true)),
            ])
        case .sampled(let n, let c, let seed, let g, let d):
            return .object([
                ("kind", .string("sampled")), ("agents", .integer(n)), ("samples", .integer(c)),
                ("seed", .string(String(seed))), ("distribution", .string(d.id)), ("grid", .integer(g)),
                ("misreports", .string("the grid, the other reports and the points k/n")),
                ("exhaustive", .bool(false)),
            ])
        }
    }

    /// The `check` command's object.
    public static func check(_ r: AxiomCheckResult, mechanismID: String) -> JSONValue {
        var f: [(String, JSONValue)] = [
            ("mechanism", .string(mechanismID)),
            ("axiom", .string(r.axiom)),
            ("verdict", .string(r.verdict.id)),
            ("witness", r.verdict.witness.map(witness) ?? .null),
            ("space", space(r.space)),
            ("profiles_checked", .integer(r.profilesChecked)),
            ("shrunk", .bool(r.shrunk)),
        ]
        if case .inconclusive(let reason) = r.verdict { f.append(("reason", .string(reason))) }
        return .object(f)
    }
}
