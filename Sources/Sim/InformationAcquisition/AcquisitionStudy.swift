import Foundation
import Mechanisms
import Solvers

/// An information-acquisition scenario file as a study.
///
/// Blocks: one per run of an online regret study, that is per (study, horizon, seed), in the
/// order of `online:`, then horizons, then seeds; block contents are exactly what `mechsim
/// online` computes per run (`RegretStudy.Plan.run`), so a scenario's study reproduces the
/// command's numbers and `--shard` splits the online work. The offline mechanisms are single
/// exact LPs: they are solved once, in `finish`, with the incentive checks and the expectations.
public struct AcquisitionStudy: Study {
    /// One run of an online study.
    public struct Block: Codable, Sendable, Hashable {
        /// Index into `online:`.
        public var study: Int
        /// The horizon T.
        public var horizon: Int
        /// The seed index k (0 ..< seeds).
        public var seed: Int
        public var regret: Double
        /// The cumulative IC violation (model B).
        public var violation: Double?
        /// The fingerprint of the instance file the run read (nil for an inline instance).
        public var instance: String?
    }

    public var scenario: AcquisitionScenario
    public var file: String { scenario.file }
    public var source: String { scenario.source }

    public init(_ scenario: AcquisitionScenario) { self.scenario = scenario }

    /// The number of runs of each online study.
    var runCounts: [Int] { scenario.online.map { $0.horizons.count * $0.seeds } }

    public var blockCount: Int { runCounts.reduce(0, +) }

    /// The online study and run of block `b`.
    func locate(_ b: Int) -> (study: Int, run: Int) {
        var rest = b
        for (o, n) in runCounts.enumerated() {
            if rest < n { return (o, rest) }
            rest -= n
        }
        return (runCounts.count, rest)
    }

    /// The prepared regret study of `online[o]` (its optimum and rules, solved once).
    func plan(_ o: Int) throws -> RegretStudy.Plan {
        let c = scenario.online[o]
        return try RegretStudy.Plan(c.algorithm, instance: scenario.instances[c.instance].instance, horizons: c.horizons,
                                    seeds: c.seeds, seed: c.seed, radiusScale: c.radiusScale)
    }

    public func runBlocks(_ range: Range<Int>, threads: Int, progress: (@Sendable (Int, Int) -> Void)?) throws -> [Block] {
        guard !range.isEmpty else { return [] }
        // The studies the range touches, each prepared once (the optimum LP and the rules).
        var plans: [Int: RegretStudy.Plan] = [:]
        for o in locate(range.lowerBound).study...locate(range.upperBound - 1).study { plans[o] = try plan(o) }
        let prepared = plans
        let online = scenario.online, instances = scenario.instances
        return try ParallelEngine(threads: threads).map(range, progress: progress) { b in
            let (o, r) = locate(b)
            let plan = prepared[o]!
            let run = try plan.run(r)
            return Block(study: o, horizon: plan.horizons[r / plan.seeds], seed: r % plan.seeds, regret: run.regret,
                         violation: run.violation, instance: instances[online[o].instance].fingerprint)
        }
    }

    public func finish(_ blocks: [Block], threads: Int) throws -> AcquisitionStudyResult {
        let s = scenario
        guard blocks.count == blockCount else {
            throw ScenarioError(file: s.file, keyPath: "online", message: "expected \(blockCount) blocks of online runs, got \(blocks.count).")
        }
        var online: [RegretStudy.Result] = []
        var next = 0
        for (o, c) in s.online.enumerated() {
            let plan = try plan(o)
            let mine = blocks[next..<(next + plan.runCount)]
            for (r, b) in zip(0..., mine) where b.study != o || b.horizon != plan.horizons[r / plan.seeds] || b.seed != r % plan.seeds {
                throw ScenarioError(file: s.file, keyPath: "online[\(o)]",
                                    message: "block \(next + r) holds study \(b.study), T = \(b.horizon), seed \(b.seed); expected study \(o), T = \(plan.horizons[r / plan.seeds]), seed \(r % plan.seeds) (the shards come from another version of the scenario).")
            }
            let instance = s.instances[c.instance]
            if let b = mine.first(where: { $0.instance != instance.fingerprint }) {
                throw ScenarioError(file: s.file, keyPath: "online[\(o)].instance",
                                    message: "the runs of '\(c.name)' were computed on another version of the instance file \(instance.path ?? instance.name) (fingerprint \(b.instance ?? "none"), now \(instance.fingerprint ?? "none")).",
                                    suggestion: "Rerun the shards: the instance file changed after they ran.")
            }
            online.append(plan.fold(mine.map { RegretStudy.Run(regret: $0.regret, violation: $0.violation) }))
            next += plan.runCount
        }
        let pairs = s.instances.flatMap { inst in s.mechanisms.filter { $0.model == inst.model }.map { (instance: inst, mechanism: $0) } }
        let offline = try ParallelEngine(threads: threads).map(0..<pairs.count) { p in
            try AcquisitionStudy.solve(pairs[p].mechanism, on: pairs[p].instance, exact: s.needsExact(pairs[p].mechanism, on: pairs[p].instance.name))
        }
        let expectations = s.expectations.map { AcquisitionStudy.evaluate($0, s, offline, online) }
        return AcquisitionStudyResult(scenario: s, offline: offline, online: online, expectations: expectations)
    }

    /// The mechanism's optimum on the instance (and its exact value when asked), and the
    /// incentive checker's verdict on the mechanism the LP returns.
    static func solve(_ m: AcquisitionScenario.MechanismChoice, on instance: AcquisitionScenario.Instance,
                      exact: Bool) throws -> OfflineValue {
        let result = try m.mechanism.optimum(instance.instance, method: .dualSimplex)
        let exactResult = exact ? try m.mechanism.optimum(instance.instance, method: .exact) : nil
        return OfflineValue(instance: instance.name, model: instance.model, mechanism: m.id, result: result, exact: exactResult,
                            incentive: try incentiveCheck(m.id, instance.instance))
    }

    /// The exhaustive incentive checker on the mechanism that `id`'s LP returns: LP-A's
    /// correlated mechanism and the best effort profile's (`HiringIncentiveChecker`: truthful
    /// reporting, obedience against every effort deviation with every reporting map, IR,
    /// limited liability, the cap), the uncorrelated scoring rules at the best profile
    /// (`UncorrelatedIncentiveChecker`), LP-B's mechanism (`SendersIncentiveChecker`).
    static func incentiveCheck(_ id: String, _ instance: AcquisitionInstance) throws -> IncentiveVerdict {
        func hiring(_ mechanism: CorrelatedMechanism?, _ h: HiringInstance) -> IncentiveVerdict {
            guard let mechanism else { return IncentiveVerdict(verdict: "inconclusive", detail: "the LP has no optimal mechanism") }
            let r = HiringIncentiveChecker.check(mechanism, on: h)
            if r.holds { return IncentiveVerdict(verdict: "holds", detail: "every agent, recommended effort, effort deviation and reporting map") }
            let what = r.violations.first.map(\.explanation) ?? r.participation.first.map { "agent \($0.agent) gets \($0.utility) when told effort \($0.recommended) (IR)" }
                ?? (r.limitedLiability + r.cap).first.map { "agent \($0.agent) is paid \($0.payment) (limited liability or cap)" } ?? ""
            return IncentiveVerdict(verdict: "violated", detail: what)
        }
        switch (id, instance) {
        case ("optimal-correlated-mechanism", .hiring(let h)):
            return hiring(try OptimalCorrelatedMechanism().solve(h).mechanism, h)
        case ("best-effort-profile", .hiring(let h)):
            let best = try BestEffortProfile().profiles(h).filter { $0.status == .optimal }.max { $0.value < $1.value }
            return hiring(best?.mechanism, h)
        case ("optimal-uncorrelated-mechanism", .hiring(let h)):
            let K = try OptimalUncorrelatedMechanism().costs(h)
            var best: (b: Int, value: Double)?
            for b in 0..<h.efforts.count {
                let costs = (0..<h.agentCount).map { K[$0][h.efforts.digit(b, $0)] }
                guard costs.allSatisfy({ $0.status == .optimal }) else { continue }
                let v = h.valueOfInformation(b) - costs.reduce(0) { $0 + $1.value }
                if best == nil || v > best!.value { best = (b, v) }
            }
            guard let best else { return IncentiveVerdict(verdict: "inconclusive", detail: "no effort profile is implementable") }
            let target = (0..<h.agentCount).map { h.efforts.digit(best.b, $0) }
            let rules = (0..<h.agentCount).map { K[$0][target[$0]].scoringRule ?? [] }
            let verdicts = UncorrelatedIncentiveChecker.check(rules, target: target, on: h)
            if let bad = verdicts.first(where: { !$0.implementsTarget }) {
                return IncentiveVerdict(verdict: "violated", detail: "agent \(bad.agent): best responses \(bad.bestResponses), target \(target[bad.agent]), truthfulness gap \(bad.truthfulnessGap)")
            }
            return IncentiveVerdict(verdict: "holds", detail: "every agent's target effort \(h.efforts.label(best.b)) is a best response, truthful reporting optimal")
        case ("optimal-ic-mechanism", .senders(let s)):
            guard let mechanism = try OptimalICMechanism().solve(s).mechanism else {
                return IncentiveVerdict(verdict: "inconclusive", detail: "the LP has no optimal mechanism")
            }
            let r = SendersIncentiveChecker.check(mechanism, on: s)
            if r.holds { return IncentiveVerdict(verdict: "holds", detail: "every sender, signal and report") }
            let what = r.violations.first.map(\.explanation) ?? (r.limitedLiability + r.cap).first.map { "sender \($0.sender) is paid \($0.payment) (limited liability or cap)" } ?? ""
            return IncentiveVerdict(verdict: "violated", detail: what)
        default:
            return IncentiveVerdict(verdict: "inconclusive", detail: "no checker for \(id) on this model")
        }
    }

    static func evaluate(_ e: AcquisitionScenario.Expectation, _ s: AcquisitionScenario, _ offline: [OfflineValue],
                         _ online: [RegretStudy.Result]) -> ExpectationResult {
        let f = NumberFormatting.short
        func exponent(_ name: String, _ value: Double?, _ range: ClosedRange<Double>) -> ExpectationResult {
            ExpectationResult(keyPath: e.keyPath, subject: "\(e.subject) fitted \(name) exponent",
                                     expected: "in [\(f(range.lowerBound)), \(f(range.upperBound))]",
                                     actual: value.map { String(format: "%.3f", $0) } ?? "none (a mean is <= 0)",
                                     passed: value.map { range.contains($0) } ?? false)
        }
        switch e.check {
        case .regretExponent(let range):
            return exponent("regret", online[s.online.firstIndex { $0.name == e.subject }!].regretExponent, range)
        case .violationExponent(let range):
            return exponent("violation", online[s.online.firstIndex { $0.name == e.subject }!].violationExponent, range)
        default: break
        }
        let mechanism = e.mechanism ?? ""
        let subject = "\(mechanism) on \(e.subject)"
        guard let v = offline.first(where: { $0.instance == e.subject && $0.mechanism == mechanism }) else {
            return ExpectationResult(keyPath: e.keyPath, subject: subject, expected: "a value", actual: "none", passed: false)
        }
        switch e.check {
        case .value(let value, let exact?):
            let got = v.exact?.exactValue?.description ?? "none (\(v.exact?.exactFailure ?? v.exact?.reason ?? "no exact certificate"))"
            let passed = got == exact && abs(v.result.value - value) <= e.tolerance
            return ExpectationResult(keyPath: e.keyPath, subject: "\(subject) (exact)", expected: exact,
                                     actual: "\(got) (floating \(f(v.result.value)))", passed: passed)
        case .value(let value, nil):
            return ExpectationResult(keyPath: e.keyPath, subject: subject, expected: "\(f(value)) ± \(f(e.tolerance))",
                                     actual: v.result.value.isFinite ? f(v.result.value) : v.result.status.rawValue,
                                     passed: abs(v.result.value - value) <= e.tolerance)
        case .status(let status):
            return ExpectationResult(keyPath: e.keyPath, subject: "\(subject) status", expected: status,
                                     actual: v.result.status.rawValue, passed: v.result.status.rawValue == status)
        case .incentiveCheck(let verdict):
            return ExpectationResult(keyPath: e.keyPath, subject: "\(subject) incentive check", expected: verdict,
                                     actual: v.incentive.verdict + (v.incentive.detail.isEmpty ? "" : ": \(v.incentive.detail)"),
                                     passed: v.incentive.verdict == verdict)
        default:
            return ExpectationResult(keyPath: e.keyPath, subject: subject, expected: "-", actual: "-", passed: false)
        }
    }
}

/// The incentive checker's verdict on a mechanism an LP returned: `holds` (the exhaustive check
/// found no profitable deviation beyond the checkers' tolerance), `violated` (with the worst
/// deviation), or `inconclusive` (no mechanism to check).
public struct IncentiveVerdict: Sendable, Hashable {
    public var verdict: String
    public var detail: String
}

/// One offline mechanism on one instance.
public struct OfflineValue: Sendable {
    public var instance: String
    /// "A" or "B".
    public var model: String
    public var mechanism: String
    /// The floating-point optimum (dual simplex).
    public var result: AcquisitionResult
    /// The exact optimum, when the scenario asked for it.
    public var exact: AcquisitionResult?
    public var incentive: IncentiveVerdict
}

/// What running an information-acquisition scenario produced.
public struct AcquisitionStudyResult: StudyResult {
    public static let domain = Domain.informationAcquisition
    public var scenario: AcquisitionScenario
    /// Every mechanism on every instance of its model, in instance order.
    public var offline: [OfflineValue]
    /// The online studies, in the order of `online:`.
    public var online: [RegretStudy.Result]
    public var expectations: [ExpectationResult]
    public var failed: Bool { expectations.contains { !$0.passed } }
}
