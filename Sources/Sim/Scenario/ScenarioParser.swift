import Mechanisms

/// Turns a scenario's YAML tree into a `Scenario`, checking every key and value.
struct ScenarioParser {
    let file: String
    let source: String
    /// Where the `mechanisms:` ids resolve.
    var registry: MechanismRegistry = .standard

    static let topKeys = ["title", "reference", "description", "domain", "agents", "profiles", "mechanisms", "metrics", "axioms", "worst_case", "characterizations", "design", "expect"]

    func parse(_ root: ScenarioNode) throws(ScenarioError) -> Scenario {
        let top = try root.mapping(allowed: Self.topKeys, required: ["title", "profiles", "mechanisms"])
        let title = try top["title"]!.string()
        let reference = try top["reference"]?.string()
        if file.contains("scenarios/papers/"), reference == nil {
            throw root.error("missing required key 'reference' (every scenario under scenarios/papers/ cites its paper).")
        }
        let description = try top["description"]?.string()
        var domain = Domain.facilityLocation
        if let d = top["domain"] {
            let s = try d.string()
            guard let parsed = Domain(rawValue: s) else {
                throw d.error("unknown domain '\(s)'; expected one of: \(Domain.allCases.map(\.rawValue).joined(separator: ", ")).",
                              suggestion: closestMatch(to: s, in: Domain.allCases.map(\.rawValue)).map { "Did you mean '\($0)'?" })
            }
            domain = parsed
            if domain == .informationAcquisition {
                throw d.error("information-acquisition instances are JSON files, not scenarios; run them with 'mechsim outcome MECHANISM --instance FILE.json'.")
            }
        }
        let (distribution, count, seed, explicitAgents) = try parseProfiles(top["profiles"]!)
        let agents: Int
        var sweep: [Int]?
        if let a = top["agents"], !a.isScalar {
            var list: [Int] = []
            for x in try a.array() { list.append(try x.int(minimum: 1)) }
            guard !list.isEmpty else { throw a.error("expected at least one agent count.") }
            if explicitAgents != nil { throw a.error("a sweep over agent counts needs sampled profiles, not explicit ones.") }
            sweep = list
            agents = list.min()!
        } else if let a = top["agents"] {
            agents = try a.int(minimum: 1)
            if let e = explicitAgents, e != agents {
                throw a.error("agents is \(agents) but the explicit profiles have \(e) agents.")
            }
        } else if let e = explicitAgents {
            agents = e
        } else {
            throw root.error("missing required key 'agents' (the number of agents of each sampled profile).")
        }
        // Memory before any work: each worker holds a profile, its sorted copies and the
        // mechanisms' outcomes (about 16 doubles per agent).
        for n in sweep ?? [agents] {
            let bytes = Double(n) * 128 * Double(ParallelEngine.availableCores)
            if let refusal = SizeLimits.memoryRefusal("a profile of \(n) agents on \(ParallelEngine.availableCores) workers", bytes: bytes) {
                throw (top["agents"] ?? root).error("\(refusal).", suggestion: "Use fewer agents.")
            }
        }
        let metrics = try top["metrics"].map(parseMetrics) ?? FacilityMetric.standard
        var mechanisms = try parseMechanisms(top["mechanisms"]!, agents: agents)
        for n in sweep ?? [] { mechanisms = try parseMechanisms(top["mechanisms"]!, agents: n) }
        let axioms = try top["axioms"].map { n throws(ScenarioError) in try parseAxioms(n, mechanisms: mechanisms) } ?? []
        let expectations = try top["expect"].map { n throws(ScenarioError) in
            try parseExpectations(n, mechanisms: mechanisms, metrics: metrics, explicitCount: explicitAgents == nil ? nil : count, agents: agents, sweep: sweep)
        } ?? []
        var scenario = Scenario(
            file: file, source: source, title: title, reference: reference, description: description, domain: domain,
            agents: agents, sweep: sweep, distribution: distribution, count: count, seed: seed, mechanisms: mechanisms,
            metrics: metrics, axioms: axioms, expectations: expectations.map(\.expectation))
        scenario.sweepExpectations = expectations
        if let w = top["worst_case"] { scenario.worstCases = try parseWorstCases(w, mechanisms: mechanisms) }
        if let c = top["characterizations"] { scenario.characterizations = try parseCharacterizations(c) }
        if let d = top["design"] { scenario.designs = try parseDesigns(d) }
        return scenario
    }

    static let distributionKeys: [String: [String]] = [
        "uniform": [], "beta": ["a", "b"], "truncated-normal": ["mean", "sd"],
        "two-cluster": ["left", "right", "sd", "weight"],
    ]

    func parseProfiles(_ node: ScenarioNode) throws(ScenarioError) -> (ProfileDistribution, Int, UInt64, Int?) {
        let allParams = ["a", "b", "mean", "sd", "left", "right", "weight"]
        let m = try node.mapping(allowed: ["distribution", "count", "seed", "explicit"] + allParams)
        if let e = m["explicit"] {
            for k in ["distribution", "count", "seed"] + allParams where m[k] != nil {
                throw m[k]!.error("'\(k)' does not go with 'explicit' profiles.")
            }
            var profiles: [[Double]] = []
            for p in try e.array() {
                let values = try p.doubles()
                guard !values.isEmpty else { throw p.error("a profile needs at least one location.") }
                for (i, x) in values.enumerated() where !(x >= 0 && x <= 1) {
                    throw p.error("location \(i) is \(x), outside [0, 1].")
                }
                if let first = profiles.first, first.count != values.count {
                    throw p.error("has \(values.count) agents but the first profile has \(first.count); all explicit profiles need the same number of agents.")
                }
                profiles.append(values)
            }
            guard !profiles.isEmpty else { throw e.error("expected at least one profile.") }
            return (.explicit(profiles), profiles.count, 0, profiles[0].count)
        }
        guard let dn = m["distribution"] else {
            throw node.error("missing 'distribution' (one of \(Self.distributionKeys.keys.sorted().joined(separator: ", "))) or 'explicit'.")
        }
        let name = try dn.string()
        guard let params = Self.distributionKeys[name] else {
            throw dn.error("unknown distribution '\(name)'; expected one of: \(Self.distributionKeys.keys.sorted().joined(separator: ", ")), or explicit profiles.",
                           suggestion: closestMatch(to: name, in: Array(Self.distributionKeys.keys)).map { "Did you mean '\($0)'?" })
        }
        for k in allParams where m[k] != nil && !params.contains(k) {
            let takes = params.isEmpty ? "it has none" : "it takes " + params.joined(separator: ", ")
            throw m[k]!.error("'\(k)' is not a parameter of the \(name) distribution (\(takes)).")
        }
        var v: [String: Double] = [:]
        for k in params {
            guard let n = m[k] else { throw node.error("the \(name) distribution needs '\(k)'.") }
            v[k] = try n.double()
        }
        let distribution: ProfileDistribution
        switch name {
        case "beta": distribution = .beta(a: v["a"]!, b: v["b"]!)
        case "truncated-normal": distribution = .truncatedNormal(mean: v["mean"]!, sd: v["sd"]!)
        case "two-cluster": distribution = .twoCluster(left: v["left"]!, right: v["right"]!, sd: v["sd"]!, weight: v["weight"]!)
        default: distribution = .uniform
        }
        if let reason = distribution.validationError() { throw node.error("\(reason).") }
        guard let c = m["count"] else { throw node.error("missing 'count' (how many profiles to draw).") }
        guard let s = m["seed"] else { throw node.error("missing 'seed' (sampled profiles need a seed to be reproducible).") }
        return (distribution, try c.int(minimum: 1), try s.uint64(), nil)
    }

    func parseMetrics(_ node: ScenarioNode) throws(ScenarioError) -> [FacilityMetric] {
        var out: [FacilityMetric] = []
        for n in try node.array() {
            let s = try n.string()
            guard let m = FacilityMetric(rawValue: s) else {
                throw n.error("unknown metric '\(s)'; expected one of: \(FacilityMetric.allCases.map(\.rawValue).joined(separator: ", ")).",
                              suggestion: closestMatch(to: s, in: FacilityMetric.allCases.map(\.rawValue)).map { "Did you mean '\($0)'?" })
            }
            out.append(m)
        }
        guard !out.isEmpty else { throw node.error("expected at least one metric.") }
        return out
    }

    func parseMechanisms(_ node: ScenarioNode, agents: Int) throws(ScenarioError) -> [Scenario.MechanismChoice] {
        var out: [Scenario.MechanismChoice] = []
        for n in try node.array() {
            var id: String
            var values: [String: Double] = [:]
            var lists: [String: [Double]] = [:]
            var metrics: [FacilityMetric]?
            var idNode = n
            if n.isScalar {
                id = try n.string()
            } else {
                let m = try n.mapping(allowed: ["id", "params", "metrics"], required: ["id"])
                idNode = m["id"]!
                id = try idNode.string()
                if let p = m["params"] {
                    for (k, v) in try p.freeMapping() {
                        if v.isScalar { values[k] = try v.double() } else { lists[k] = try v.doubles() }
                    }
                }
                metrics = try m["metrics"].map(parseMetrics)
            }
            do {
                let mech = try registry.makeFacilityLocation(id, ParameterValues(values, lists: lists))
                try mech.validate(agentCount: agents)
                out.append(Scenario.MechanismChoice(mechanism: mech, metrics: metrics))
            } catch {
                throw idNode.error(error.description)
            }
        }
        guard !out.isEmpty else { throw node.error("expected at least one mechanism.") }
        return out
    }

    func parseAxioms(_ node: ScenarioNode, mechanisms: [Scenario.MechanismChoice]) throws(ScenarioError) -> [Scenario.AxiomCheckSpec] {
        var out: [Scenario.AxiomCheckSpec] = []
        for n in try node.array() {
            let m = try n.mapping(allowed: ["id", "agents", "grid", "samples", "seed", "mechanisms", "expect", "witness"], required: ["id", "agents"])
            let axiom: any FacilityAxiom
            let axiomID = try m["id"]!.string()
            do { axiom = try AxiomRegistry.axiom(axiomID) } catch { throw m["id"]!.error(error.description) }
            let agents = try m["agents"]!.int(minimum: 1)
            let grid = try m["grid"]?.int(minimum: 1) ?? 8
            let space: SearchSpace
            if let s = m["samples"] {
                guard let seedNode = m["seed"] else { throw n.error("a sampled check needs 'seed'.") }
                space = .sampled(agents: agents, count: try s.int(minimum: 1), seed: try seedNode.uint64(), resolution: grid, distribution: .uniform)
            } else {
                if let s = m["seed"] { throw s.error("'seed' goes with 'samples'; a grid check is exhaustive.") }
                space = .grid(agents: agents, resolution: grid)
            }
            let known = mechanisms.flatMap { [$0.id, $0.label] }
            func checkName(_ name: String, _ at: ScenarioNode) throws(ScenarioError) {
                guard known.contains(name) else {
                    throw at.error("'\(name)' is not one of this scenario's mechanisms (\(mechanisms.map(\.label).joined(separator: ", "))).",
                                   suggestion: closestMatch(to: name, in: known).map { "Did you mean '\($0)'?" })
                }
            }
            var subset: [String]?
            if let s = m["mechanisms"] {
                var names: [String] = []
                for x in try s.array() { let v = try x.string(); try checkName(v, x); names.append(v) }
                subset = names
            }
            var verdicts: [(String, String)] = []
            if let e = m["expect"] {
                for (k, v) in try e.freeMapping() {
                    try checkName(k, v)
                    let verdict = try v.string()
                    guard ["holds", "violated", "no-violation-found", "inconclusive"].contains(verdict) else {
                        throw v.error("expected a verdict: holds, violated, no-violation-found or inconclusive; got '\(verdict)'.")
                    }
                    verdicts.append((k, verdict))
                }
            }
            var witnesses: [(String, Scenario.WitnessExpectation)] = []
            if let w = m["witness"] {
                for (k, v) in try w.freeMapping() {
                    try checkName(k, v)
                    let f = try v.mapping(allowed: ["agents", "distinct_locations", "profile", "agent", "misreport", "gain"])
                    witnesses.append((k, Scenario.WitnessExpectation(
                        maximumAgents: try f["agents"]?.int(minimum: 1),
                        maximumDistinctLocations: try f["distinct_locations"]?.int(minimum: 1),
                        profile: try f["profile"]?.doubles(),
                        agent: try f["agent"]?.int(minimum: 0),
                        misreport: try f["misreport"]?.double(),
                        gain: try f["gain"]?.double())))
                }
            }
            for mech in mechanisms where subset == nil || subset!.contains(mech.id) || subset!.contains(mech.label) {
                do { try mech.mechanism.validate(agentCount: agents) } catch { throw m["agents"]!.error(error.description) }
            }
            out.append(Scenario.AxiomCheckSpec(axiom: axiom, space: space, mechanisms: subset, expectedVerdicts: verdicts, expectedWitnesses: witnesses))
        }
        return out
    }

    func parseCharacterizations(_ node: ScenarioNode) throws(ScenarioError) -> [(characterization: Characterization, expected: String?, keyPath: String)] {
        var out: [(characterization: Characterization, expected: String?, keyPath: String)] = []
        for n in try node.array() {
            let m = try n.mapping(allowed: ["id", "agents", "method", "profiles", "seed", "grid", "expect"], required: ["id", "agents"])
            let id = try m["id"]!.string()
            var agents: [Int] = []
            if m["agents"]!.isScalar { agents = [try m["agents"]!.int(minimum: 2)] } else {
                for a in try m["agents"]!.array() { agents.append(try a.int(minimum: 2)) }
            }
            let c: Characterization
            switch id {
            case "random-rank-uniqueness":
                let method = try m["method"]?.string() ?? "simplex"
                guard ["simplex", "exact"].contains(method) else { throw m["method"]!.error("expected simplex or exact, got '\(method)'.") }
                if method == "exact", let big = agents.first(where: { $0 > 20 }) {
                    throw m["agents"]!.error("the exact method is for small n (at most 20), got \(big).")
                }
                c = .randomRankUniqueness(agents: agents, exact: method == "exact")
            case "average-equilibrium":
                guard let p = m["profiles"], let s = m["seed"] else { throw n.error("average-equilibrium needs 'profiles' and 'seed'.") }
                c = .averageEquilibrium(agents: agents, profiles: try p.int(minimum: 1), seed: try s.uint64())
            case "phantom-fair-share":
                guard let g = m["grid"] else { throw n.error("phantom-fair-share needs 'grid'.") }
                c = .phantomFairShare(agents: agents, grid: try g.int(minimum: 1))
            case "phantom-sp-characterizations":
                guard let g = m["grid"] else { throw n.error("phantom-sp-characterizations needs 'grid'.") }
                let grid = try g.int(minimum: 1)
                if let bad = agents.first(where: { grid % $0 != 0 }) {
                    throw g.error("the grid must contain every k/n: \(grid) is not a multiple of n = \(bad).")
                }
                c = .phantomSPCharacterizations(agents: agents, grid: grid)
            default:
                throw m["id"]!.error("unknown characterization '\(id)'; expected one of: \(Characterization.ids.joined(separator: ", ")).",
                                     suggestion: closestMatch(to: id, in: Characterization.ids).map { "Did you mean '\($0)'?" })
            }
            var expected: String?
            if let e = m["expect"] {
                let v = try e.string()
                guard ["holds", "no-violation-found", "violated", "fails", "inconclusive"].contains(v) else {
                    throw e.error("expected holds, no-violation-found, violated (or fails) or inconclusive, got '\(v)'.")
                }
                expected = v
            }
            out.append((c, expected, n.path))
        }
        return out
    }

    func parseDesigns(_ node: ScenarioNode) throws(ScenarioError) -> [Scenario.DesignSpec] {
        var out: [Scenario.DesignSpec] = []
        for n in try node.array() {
            let m = try n.mapping(allowed: ["agents", "grid", "axioms", "objective", "deterministic", "method", "compare", "expect"],
                                  required: ["agents", "grid", "objective"])
            let agents = try m["agents"]!.int(minimum: 1)
            let grid = try m["grid"]!.int(minimum: 1)
            var axioms: [String] = []
            if let a = m["axioms"] { for x in try a.array() { axioms.append(try x.string()) } }
            let objectiveName = try m["objective"]!.string()
            guard let objective = FacilityDesign.Objective(rawValue: objectiveName) else {
                let ids = FacilityDesign.Objective.allCases.map(\.rawValue)
                throw m["objective"]!.error("expected one of \(ids.joined(separator: ", ")), got '\(objectiveName)'.", suggestion: closestMatch(to: objectiveName, in: ids).map { "Did you mean '\($0)'?" })
            }
            let methodName = try m["method"]?.string() ?? "simplex"
            guard let method = FacilityDesign.Method(rawValue: methodName) else { throw m["method"]!.error("expected simplex or exact, got '\(methodName)'.") }
            let deterministic = try m["deterministic"]?.bool() ?? false
            do { _ = try FacilityDesign.constraints(axioms, deterministic: deterministic) } catch { throw (m["axioms"] ?? n).error(error.description) }
            var spec = Scenario.DesignSpec(
                request: FacilityDesign.Request(agents: agents, grid: grid, axioms: axioms, objective: objective, deterministic: deterministic,
                                                method: method, compare: try m["compare"]?.bool() ?? true),
                expectedStatus: nil, expectedOptimum: nil, expectedOptimal: [], expectedChecks: nil, expectedUnique: nil, keyPath: n.path)
            if let e = m["expect"] {
                let x = try e.mapping(allowed: ["status", "optimum", "optimal", "checks", "unique"])
                if let u = x["unique"] {
                    guard !deterministic else { throw u.error("uniqueness is decided for randomized designs only; remove 'deterministic: true' or 'unique'.") }
                    spec.expectedUnique = try u.bool()
                    spec.request.uniqueness = true
                }
                spec.expectedStatus = try x["status"]?.string(oneOf: ["optimal", "infeasible"])
                spec.expectedOptimum = try x["optimum"]?.string()
                if let o = x["optimal"] { for v in try o.array() { spec.expectedOptimal.append(try v.string()) } }
                spec.expectedChecks = try x["checks"]?.string(oneOf: ["holds"])
            }
            out.append(spec)
        }
        return out
    }

    func parseWorstCases(_ node: ScenarioNode, mechanisms: [Scenario.MechanismChoice]) throws(ScenarioError) -> [Scenario.WorstCaseSpec] {
        var out: [Scenario.WorstCaseSpec] = []
        for n in try node.array() {
            let m = try n.mapping(allowed: ["mechanism", "fair", "objective", "agents", "grid", "expect", "tolerance"], required: ["objective", "agents", "grid"])
            let subject: Scenario.WorstCaseSpec.Subject
            switch (m["mechanism"], m["fair"]) {
            case (let mech?, nil):
                let name = try mech.string()
                guard let choice = mechanisms.first(where: { $0.id == name || $0.label == name }) else {
                    throw mech.error("'\(name)' is not one of this scenario's mechanisms (\(mechanisms.map(\.label).joined(separator: ", "))).")
                }
                subject = .mechanism(choice.mechanism)
            case (nil, let fair?):
                let name = try fair.string()
                guard let bound = PriceOfFairness.Bound(rawValue: name) else {
                    let ids = PriceOfFairness.Bound.allCases.map(\.rawValue)
                    throw fair.error("expected one of \(ids.joined(separator: ", ")), got '\(name)'.", suggestion: closestMatch(to: name, in: ids).map { "Did you mean '\($0)'?" })
                }
                subject = .fairOptimum(bound)
            default:
                throw n.error("give exactly one of 'mechanism' and 'fair'.")
            }
            let objectiveName = try m["objective"]!.string()
            guard let objective = WorstCaseRatio.Objective(rawValue: objectiveName) else {
                let ids = WorstCaseRatio.Objective.allCases.map(\.rawValue)
                throw m["objective"]!.error("expected one of \(ids.joined(separator: ", ")), got '\(objectiveName)'.", suggestion: closestMatch(to: objectiveName, in: ids).map { "Did you mean '\($0)'?" })
            }
            let agents = try m["agents"]!.int(minimum: 1)
            let grid = try m["grid"]!.int(minimum: 1)
            let count = NondecreasingGrid.count(length: agents, maximum: grid)
            guard count <= 5e7 else { throw n.error("\(SizeLimits.countText(count)) profiles is more than 50,000,000; use fewer agents or a coarser grid.") }
            if case .mechanism(let mech) = subject {
                do { try mech.validate(agentCount: agents) } catch { throw m["agents"]!.error(error.description) }
            }
            out.append(Scenario.WorstCaseSpec(
                subject: subject, objective: objective, agents: agents, grid: grid,
                expected: try m["expect"]?.double(), tolerance: try m["tolerance"]?.double() ?? Scenario.exactTolerance, keyPath: n.path))
        }
        return out
    }

    func parseExpectations(
        _ node: ScenarioNode, mechanisms: [Scenario.MechanismChoice], metrics: [FacilityMetric], explicitCount: Int?, agents: Int,
        sweep: [Int]?
    ) throws(ScenarioError) -> [(agents: Int?, expectation: Scenario.Expectation)] {
        var out: [(agents: Int?, expectation: Scenario.Expectation)] = []
        for n in try node.array() {
            let m = try n.mapping(allowed: ["mechanism", "metric", "agent", "value", "tolerance", "profile", "lottery", "agents"], required: ["mechanism"])
            var only: Int?
            if let a = m["agents"] {
                let count = try a.int(minimum: 1)
                guard let sweep, sweep.contains(count) else {
                    throw a.error("'agents' in an expectation picks one count of an agents sweep; this scenario has none with \(count).")
                }
                only = count
            }
            let mechName = try m["mechanism"]!.string()
            guard let mech = mechanisms.first(where: { $0.label == mechName || $0.id == mechName }) else {
                let known = mechanisms.flatMap { [$0.id, $0.label] }
                throw m["mechanism"]!.error("'\(mechName)' is not one of this scenario's mechanisms (\(mechanisms.map(\.label).joined(separator: ", "))).",
                                            suggestion: closestMatch(to: mechName, in: known).map { "Did you mean '\($0)'?" })
            }
            let agent = try m["agent"]?.int(minimum: 0)
            if let agent, agent >= agents { throw m["agent"]!.error("agent \(agent) does not exist; agents are numbered 0 to \(agents - 1).") }
            var metric: FacilityMetric?
            if let mn = m["metric"] {
                let s = try mn.string()
                guard let parsed = FacilityMetric(rawValue: s) else {
                    throw mn.error("unknown metric '\(s)'.", suggestion: closestMatch(to: s, in: FacilityMetric.allCases.map(\.rawValue)).map { "Did you mean '\($0)'?" })
                }
                metric = parsed
                if (parsed == .agentExpectedCosts) != (agent != nil) {
                    throw mn.error(parsed == .agentExpectedCosts ? "agent-expected-costs needs 'agent' (0-based)." : "'agent' goes only with agent-expected-costs.")
                }
            }
            if let p = m["profile"] {
                guard let explicitCount else { throw p.error("'profile' refers to an explicit profile, but this scenario samples its profiles.") }
                let index = try p.int(minimum: 0)
                guard index < explicitCount else { throw p.error("there are only \(explicitCount) explicit profiles (0-based index).") }
                let tolerance = try m["tolerance"]?.double() ?? Scenario.exactTolerance
                if let l = m["lottery"] {
                    var pairs: [(Double, Double)] = []
                    for e in try l.array() {
                        let v = try e.doubles()
                        guard v.count == 2 else { throw e.error("expected [location, probability].") }
                        pairs.append((v[0], v[1]))
                    }
                    out.append((only, .lottery(mechanism: mech.label, profile: index, lottery: pairs, tolerance: tolerance, keyPath: n.path)))
                } else {
                    guard let metric, let v = m["value"] else { throw n.error("a per-profile expectation needs 'lottery', or 'metric' and 'value'.") }
                    out.append((only, .profileMetric(mechanism: mech.label, profile: index, metric: metric, agent: agent, value: try v.double(), tolerance: tolerance, keyPath: n.path)))
                }
            } else {
                if let l = m["lottery"] { throw l.error("'lottery' needs 'profile' (the index of an explicit profile).") }
                guard let metric, let v = m["value"] else { throw n.error("an expectation needs 'metric' and 'value' (or 'profile' and 'lottery').") }
                let used = mech.metrics ?? metrics
                guard used.contains(metric) else { throw m["metric"]!.error("'\(metric.rawValue)' is not among the metrics computed for \(mech.label).") }
                let tolerance: Double
                if let t = m["tolerance"] {
                    tolerance = try t.double()
                } else if explicitCount != nil {
                    tolerance = Scenario.exactTolerance
                } else {
                    throw n.error("an expectation on sampled profiles needs 'tolerance'.")
                }
                out.append((only, .metric(mechanism: mech.label, metric: metric, agent: agent, value: try v.double(), tolerance: tolerance, keyPath: n.path)))
            }
        }
        return out
    }
}
