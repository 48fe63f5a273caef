import Mechanisms

/// The outcome of running a scenario: estimates, axiom checks and expectation results.
public struct ScenarioResult: Sendable {
    public var scenario: Scenario
    public var slots: [FacilitySimulation.Slot]
    public var estimates: [Estimate]
    public var checks: [AxiomCheckResult]
    public var worstCases: [WorstCaseResult] = []
    /// (id, held, detail) for each characterization.
    /// Each characterization's verdict (`holds` only over a space covered completely) and a
    /// sentence on what was found.
    public var characterizations: [(id: String, verdict: Verdict, detail: String)] = []
    /// The automated designs (`design:`).
    public var designs: [FacilityDesign.Result] = []
    public var expectations: [ExpectationResult]
    /// With explicit profiles: each profile's value of every slot (`[profile][slot]`), computed
    /// from the mechanisms' exact lotteries. Nothing is random, so these are printed instead of
    /// an interval. Nil with sampled profiles.
    public var profileValues: [[Double]]? = nil

    /// True when some expectation or expected verdict failed.
    public var failed: Bool { expectations.contains { !$0.passed } }
}

/// The outcome of one worst-case search.
public struct WorstCaseResult: Sendable, Hashable {
    public var subject: String
    public var objective: WorstCaseRatio.Objective
    public var agents: Int
    public var grid: Int
    public var ratio: Double
    /// A profile attaining the ratio (mechanisms only).
    public var profile: [Double]?
    /// The ratio as an exact fraction ("20/17"), when confirmed (`WorstCaseRatio.exactRatio`).
    public var exact: String? = nil
}

/// One checked expectation.
public struct ExpectationResult: Sendable, Hashable {
    /// Where in the file the expectation is (`expect[2]`, `axioms[0].expect.median`).
    public var keyPath: String
    /// What was compared (`random-rank expected-total-cost`).
    public var subject: String
    public var expected: String
    public var actual: String
    public var passed: Bool
}

/// Runs scenarios: the simulation (possibly one shard of it), then the checks and expectations.
public enum ScenarioRunner {
    /// The simulation of `scenario`.
    public static func simulation(_ scenario: Scenario) throws(SimulationError) -> FacilitySimulation {
        try FacilitySimulation(
            agents: scenario.agents, distribution: scenario.distribution, count: scenario.count, seed: scenario.seed,
            entries: scenario.mechanisms.map { .init($0.mechanism, metrics: $0.metrics ?? scenario.metrics) })
    }

    /// Runs one shard of the Monte Carlo part.
    public static func simulate(
        _ scenario: Scenario, threads: Int, shard: Shard = .whole, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(SimulationError) -> [BlockResult] {
        try simulation(scenario).run(threads: threads, shard: shard, progress: progress)
    }

    /// Folds all blocks, runs the axiom checks and evaluates the expectations.
    /// - Throws: `SimulationError` or `CheckError` when the scenario cannot run (bad space).
    public static func finish(_ scenario: Scenario, blocks: [BlockResult], threads: Int = ParallelEngine.availableCores) throws -> ScenarioResult {
        let sim = try simulation(scenario)
        let slots = sim.slots
        let totals = MonteCarloRunner.fold(blocks, slots: slots.count)
        let estimates = totals.map(\.estimate)
        var checks: [AxiomCheckResult] = []
        var results: [ExpectationResult] = []
        for (i, spec) in scenario.axioms.enumerated() {
            for choice in scenario.mechanisms where spec.mechanisms == nil || spec.mechanisms!.contains(choice.id) || spec.mechanisms!.contains(choice.label) {
                let r = try AxiomChecker.check(choice.mechanism, against: spec.axiom, over: spec.space, threads: threads)
                checks.append(r)
                for (name, verdict) in spec.expectedVerdicts where name == choice.id || name == choice.label {
                    results.append(ExpectationResult(
                        keyPath: "axioms[\(i)].expect.\(name)", subject: "\(choice.label) \(spec.axiom.id)",
                        expected: verdict, actual: r.verdict.id, passed: verdict == r.verdict.id))
                }
                for (name, w) in spec.expectedWitnesses where name == choice.id || name == choice.label {
                    results.append(witnessResult(w, r, keyPath: "axioms[\(i)].witness.\(name)", label: choice.label))
                }
            }
        }
        var worst: [WorstCaseResult] = []
        for spec in scenario.worstCases {
            let r: WorstCaseResult
            switch spec.subject {
            case .mechanism(let m):
                let found = WorstCaseRatio.search(m, objective: spec.objective, agents: spec.agents, resolution: spec.grid, threads: threads)
                r = WorstCaseResult(subject: spec.label, objective: spec.objective, agents: spec.agents, grid: spec.grid, ratio: found.ratio, profile: found.profile,
                                    exact: found.exact?.description)
            case .fairOptimum(let bound):
                let found = PriceOfFairness.worstCase(bound, agents: spec.agents, resolution: spec.grid)
                let ratio = switch spec.objective {
                case .totalCost: found.totalCostRatio
                case .maxCost: found.maxCostRatio
                case .socialWelfare: found.socialWelfareRatio
                }
                r = WorstCaseResult(subject: spec.label, objective: spec.objective, agents: spec.agents, grid: spec.grid, ratio: ratio, profile: nil)
            }
            worst.append(r)
            if let expected = spec.expected {
                results.append(ExpectationResult(
                    keyPath: spec.keyPath, subject: "\(spec.label) worst \(spec.objective.rawValue) ratio, n = \(spec.agents), grid 1/\(spec.grid)",
                    expected: fmt(expected), actual: fmt(r.ratio), passed: abs(r.ratio - expected) <= spec.tolerance))
            }
        }
        var theorems: [(id: String, verdict: Verdict, detail: String)] = []
        for (c, expected, keyPath) in scenario.characterizations {
            let (verdict, detail) = try c.evaluate()
            theorems.append((c.id, verdict, detail))
            if let expected {
                // "fails" is the older spelling of "violated".
                let actual = verdict.id == "violated" && expected == "fails" ? "fails" : verdict.id
                results.append(ExpectationResult(keyPath: keyPath, subject: c.id, expected: expected, actual: actual,
                                                 passed: expected == actual))
            }
        }
        var designs: [FacilityDesign.Result] = []
        for spec in scenario.designs {
            var request = spec.request
            request.threads = threads
            let d = try FacilityDesign.design(request)
            designs.append(d)
            results += designExpectations(spec, d)
        }
        for e in scenario.expectations {
            results.append(evaluate(e, scenario: scenario, slots: slots, estimates: estimates))
        }
        var result = ScenarioResult(scenario: scenario, slots: slots, estimates: estimates, checks: checks, expectations: results)
        result.worstCases = worst
        result.characterizations = theorems
        result.designs = designs
        if case .explicit(let profiles) = scenario.distribution {
            result.profileValues = profiles.map { p in
                var out = [Double](repeating: .nan, count: slots.count)
                out.withUnsafeMutableBufferPointer { FacilitySimulation.evaluate(sim.entries, on: FacilityProfile(trusted: p), into: $0) }
                return out
            }
        }
        return result
    }

    /// The expectations of one design: its status, its exact optimum, the registered mechanisms
    /// that reach it and the ordinary checks of the designed mechanism.
    static func designExpectations(_ spec: Scenario.DesignSpec, _ d: FacilityDesign.Result) -> [ExpectationResult] {
        let r = spec.request
        let subject = "design n = \(r.agents), grid 1/\(r.grid), \(r.objective.rawValue) under \(r.axioms.joined(separator: ", "))"
        var out: [ExpectationResult] = []
        if let status = spec.expectedStatus {
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.status", subject: subject, expected: status, actual: d.status, passed: status == d.status))
        }
        if let optimum = spec.expectedOptimum {
            // A 0/1 design's value is exact; its optimality rests on branch and cut.
            let confirmed = d.exact || (r.deterministic && d.optimum != nil)
            let actual = confirmed ? (d.optimum?.description ?? "-") : "\(d.optimumText) (not exact)"
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.optimum", subject: subject, expected: optimum, actual: actual,
                                         passed: confirmed && d.optimum?.description == optimum))
        }
        for name in spec.expectedOptimal {
            // A label with parameters ("average-or-random-rank(p=0.5)") answers to its id.
            let c = d.compared.first { $0.mechanism == name || $0.mechanism.hasPrefix(name + "(") }
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.optimal", subject: "\(name) reaches the optimum of the \(subject)",
                                         expected: "optimal", actual: c.map { $0.optimal ? "optimal" : ($0.fraction ?? fmt($0.value)) } ?? "not compared (fails an axiom)",
                                         passed: c?.optimal == true))
        }
        if let unique = spec.expectedUnique {
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.unique", subject: "uniqueness of the optimum of the \(subject)",
                                         expected: "\(unique)", actual: d.unique.map { "\($0)" } ?? "not decided (\(d.uniquenessNote))",
                                         passed: d.unique == unique))
        }
        if spec.expectedChecks != nil {
            let bad = d.checks.filter { $0.verdict != .holds }
            out.append(ExpectationResult(keyPath: spec.keyPath + ".expect.checks", subject: "the designed mechanism of the \(subject), ordinary checkers",
                                         expected: "holds", actual: bad.isEmpty ? "holds" : bad.map { "\($0.axiom) \($0.verdict.id)" }.joined(separator: ", "),
                                         passed: bad.isEmpty && !d.checks.isEmpty))
        }
        return out
    }

    /// Runs the whole scenario in this process.
    public static func run(_ scenario: Scenario, threads: Int, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> ScenarioResult {
        try finish(scenario, blocks: simulate(scenario, threads: threads, progress: progress), threads: threads)
    }

    static func witnessResult(_ w: Scenario.WitnessExpectation, _ r: AxiomCheckResult, keyPath: String, label: String) -> ExpectationResult {
        let subject = "\(label) \(r.axiom) witness"
        guard let witness = r.verdict.witness else {
            return ExpectationResult(keyPath: keyPath, subject: subject, expected: "a witness", actual: r.verdict.id, passed: false)
        }
        var wanted: [String] = [], got: [String] = []
        var ok = true
        func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 }
        if let n = w.maximumAgents {
            wanted.append("agents <= \(n)"); got.append("agents \(witness.profile.count)")
            ok = ok && witness.profile.count <= n
        }
        if let d = w.maximumDistinctLocations {
            wanted.append("distinct locations <= \(d)"); got.append("distinct locations \(witness.distinctLocations)")
            ok = ok && witness.distinctLocations <= d
        }
        if let p = w.profile {
            wanted.append("profile \(p.map(fmt))"); got.append("profile \(witness.profile.map(fmt))")
            ok = ok && p.count == witness.profile.count && zip(p, witness.profile).allSatisfy(near)
        }
        if let a = w.agent {
            wanted.append("agent \(a)"); got.append("agent \(witness.agent.map(String.init) ?? "-")")
            ok = ok && witness.agent == a
        }
        if let m = w.misreport {
            wanted.append("misreport \(fmt(m))"); got.append("misreport \(witness.misreport.map(fmt) ?? "-")")
            ok = ok && witness.misreport.map { near($0, m) } == true
        }
        if let g = w.gain {
            wanted.append("gain \(fmt(g))"); got.append("gain \(witness.gain.map(fmt) ?? "-")")
            ok = ok && witness.gain.map { near($0, g) } == true
        }
        return ExpectationResult(keyPath: keyPath, subject: subject, expected: wanted.joined(separator: ", "), actual: got.joined(separator: ", "), passed: ok)
    }

    static func evaluate(_ e: Scenario.Expectation, scenario: Scenario, slots: [FacilitySimulation.Slot], estimates: [Estimate]) -> ExpectationResult {
        switch e {
        case .metric(let mech, let metric, let agent, let value, let tolerance, let keyPath):
            let subject = "\(mech) \(metric.rawValue)" + (agent.map { "[\($0)]" } ?? "")
            guard let i = slots.firstIndex(where: { $0.mechanism == mech && $0.metric == metric && $0.agent == agent }) else {
                return ExpectationResult(keyPath: keyPath, subject: subject, expected: fmt(value), actual: "not computed", passed: false)
            }
            let mean = estimates[i].mean
            return ExpectationResult(
                keyPath: keyPath, subject: subject, expected: "\(fmt(value)) ± \(fmt(tolerance))", actual: fmt(mean),
                passed: abs(mean - value) <= tolerance)
        case .profileMetric(let mech, let index, let metric, let agent, let value, let tolerance, let keyPath):
            let subject = "\(mech) \(metric.rawValue)" + (agent.map { "[\($0)]" } ?? "") + " on profile \(index)"
            guard case .explicit(let profiles) = scenario.distribution,
                  let choice = scenario.mechanisms.first(where: { $0.label == mech }) else {
                return ExpectationResult(keyPath: keyPath, subject: subject, expected: fmt(value), actual: "not computed", passed: false)
            }
            let profile = FacilityProfile(trusted: profiles[index])
            let entry = FacilitySimulation.Entry(choice.mechanism, metrics: [metric])
            var out = [Double](repeating: .nan, count: metric == .agentExpectedCosts ? profile.count : 1)
            out.withUnsafeMutableBufferPointer { FacilitySimulation.evaluate([entry], on: profile, into: $0) }
            let actual = out[agent ?? 0]
            return ExpectationResult(
                keyPath: keyPath, subject: subject, expected: fmt(value), actual: fmt(actual),
                passed: abs(actual - value) <= tolerance || (actual.isInfinite && value.isInfinite))
        case .lottery(let mech, let index, let pairs, let tolerance, let keyPath):
            let subject = "\(mech) lottery on profile \(index)"
            let expectedText = pairs.map { "\(fmt($0.0)):\(fmt($0.1))" }.joined(separator: ", ")
            guard case .explicit(let profiles) = scenario.distribution,
                  let choice = scenario.mechanisms.first(where: { $0.label == mech }),
                  let expected = try? Lottery<Double>(locations: pairs) else {
                return ExpectationResult(keyPath: keyPath, subject: subject, expected: expectedText, actual: "not a valid lottery", passed: false)
            }
            let actual = choice.mechanism.lottery(for: FacilityProfile(trusted: profiles[index]))
            let actualText = actual.entries.map { "\(fmt($0.outcome)):\(fmt($0.probability))" }.joined(separator: ", ")
            return ExpectationResult(
                keyPath: keyPath, subject: subject, expected: expectedText, actual: actualText,
                passed: actual.distance(to: expected, locationTolerance: tolerance) <= tolerance)
        }
    }
}
