import Mechanisms
import Solvers

/// What `mechsim check` asks: a mechanism, an axiom and what the axiom's domain needs
/// (`AxiomSubject`).
public struct CheckRequest: Sendable {
    public var mechanism: String
    public var parameters: ParameterValues
    public var axiom: String
    /// Facility location: the number of agents and the grid; `samples` switches to a sampled
    /// space. Strategic bandits: `samples` is the number of paired seeds.
    public var agents: Int
    public var grid: Int
    public var samples: Int?
    public var seed: UInt64
    public var shrink: Bool
    /// Position auctions, information acquisition (required) and derandomized mechanisms
    /// (optional): the instance file.
    public var instance: String?
    /// Strategic bandits: the horizon and ε (nil: the axiom's defaults).
    public var horizon: Int?
    public var epsilon: Double?
    public var threads: Int
    /// Voting: the number of candidates (the voters are `agents`).
    public var candidates: Int = 3
    /// Where the mechanism id resolves (the standard registry, or one with a designed mechanism).
    public var registry: MechanismRegistry = .standard

    public init(mechanism: String, parameters: ParameterValues = ParameterValues(), axiom: String, agents: Int = 3, grid: Int = 8,
                samples: Int? = nil, seed: UInt64 = 1, shrink: Bool = true, instance: String? = nil, horizon: Int? = nil,
                epsilon: Double? = nil, threads: Int = 1) {
        self.mechanism = mechanism
        self.parameters = parameters
        self.axiom = axiom
        self.agents = agents
        self.grid = grid
        self.samples = samples
        self.seed = seed
        self.shrink = shrink
        self.instance = instance
        self.horizon = horizon
        self.epsilon = epsilon
        self.threads = threads
    }
}

/// The result of one check: the mechanism, the axiom (with its domain), the verdict and the
/// family's own details, rendered by `text()` and `json()`.
public struct CheckReport: Sendable {
    public var mechanismID: String
    /// The mechanism with its parameters (`order-statistic(k=2)`).
    public var mechanismLabel: String
    public var axiom: AxiomEntry
    public var verdict: Verdict
    /// The instance file, when the check read one.
    public var instance: String?
    /// Facility location: the checker's result (profiles checked, shrinking).
    public var facility: AxiomCheckResult?
    /// Strategic bandits: the ε-NE check's outcome (ε, its rule, the largest gain).
    public var bandit: DesiredProfileNE.Outcome?
}

/// Runs `mechsim check` for every domain: the mechanism's domain selects the axiom (by
/// (domain, id)) and the checker.
public enum AxiomCheckRun {
    public static func run(_ r: CheckRequest) throws(CheckError) -> CheckReport {
        let entry: MechanismEntry
        do { entry = try r.registry.entry(r.mechanism) } catch { throw .mechanism(error) }
        let axiom = try AxiomRegistry.entry(r.axiom, domain: entry.descriptor.domain)
        if axiom.subject.needsInstance, r.instance == nil {
            throw .input("'\(axiom.id)' on \(axiom.domain.rawValue) mechanism '\(r.mechanism)' needs --instance FILE.json (\(axiom.subject.instanceHint)).")
        }
        let m: any Mechanism
        do { m = try entry.make(r.parameters) } catch { throw .mechanism(error) }
        func report(_ verdict: Verdict) -> CheckReport {
            CheckReport(mechanismID: r.mechanism, mechanismLabel: m.label, axiom: axiom, verdict: verdict, instance: r.instance)
        }
        switch axiom.subject {
        case .facilityMechanism:
            guard let f = m as? any FacilityLocationMechanism else { throw .mechanism(.wrongDomain(mechanism: r.mechanism, expected: .facilityLocation)) }
            let space: SearchSpace = r.samples.map { .sampled(agents: r.agents, count: $0, seed: r.seed, resolution: r.grid, distribution: .uniform) }
                ?? .grid(agents: r.agents, resolution: r.grid)
            let result = try AxiomChecker.check(f, against: try AxiomRegistry.axiom(axiom.id), over: space, shrink: r.shrink, threads: r.threads)
            var out = report(result.verdict.verdict(in: space))
            out.facility = result
            return out
        case .banditDefaults:
            if let h = r.horizon, h < 1 { throw .input("--horizon: expected a whole number of rounds >= 1, got \(h).") }
            let o: DesiredProfileNE.Outcome
            do {
                o = try DesiredProfileNE.check(mechanism: r.mechanism, params: r.parameters, horizon: r.horizon,
                                               seeds: r.samples ?? DesiredProfileNE.defaultSeeds, epsilon: r.epsilon, seed: r.seed,
                                               threads: r.threads)
            } catch let e as MechanismError { throw .mechanism(e) } catch { throw .input("\(error)") }
            var out = report(o.verdict(seed: r.seed))
            out.mechanismLabel = o.mechanism
            out.bandit = o
            return out
        case .auctionInstance:
            guard let a = m as? any PositionAuctionMechanism, let path = r.instance else {
                throw .mechanism(.wrongDomain(mechanism: r.mechanism, expected: .positionAuctions))
            }
            let file: AuctionInstanceFile
            do { file = try AuctionInstanceFile.load(path: path) } catch { throw .input(error.description) }
            let x = file.instance
            let result = AuctionAxioms.check(a, axiom: axiom.id, battery: [(x, file.bids)])
            var deviations: Int?
            if case .noViolationFound(_, let d) = result { deviations = d }
            let searchesMisreports = [AuctionAxiomID.dsic, AuctionAxiomID.monotoneClicks, AuctionAxiomID.paymentIdentity].contains(axiom.id)
            let at = "the instance \(path) (\(x.advertiserCount) advertisers, \(x.positionCount) positions, \(x.userModel.id)) at true values = its bids \(JSONValue.numbers(file.bids).rendered())"
            let space = searchesMisreports
                ? CheckedSpace("\(at); every advertiser's misreports of the definition (\(axiom.definition))", count: deviations, exhaustive: false)
                : CheckedSpace("\(at): the truthful outcome", count: 1, exhaustive: true)
            let tolerance = AuctionAxioms.tolerance(x, file.bids.max() ?? 1)
            return report(result.verdict(space: space, tolerance: tolerance))
        case .acquisitionInstance:
            guard let path = r.instance else { throw .input("--instance is required.") }
            return report(try acquisitionVerdict(m, InformationAcquisitionAxiom(rawValue: axiom.id) ?? .incentiveCompatibility, path: path))
        case .votingMechanism:
            do {
                let space = try VotingSpace(voters: r.agents, candidates: r.candidates)
                guard let table = try VotingTable.of(m, space: space) else {
                    throw CheckError.mechanism(.wrongDomain(mechanism: r.mechanism, expected: .voting))
                }
                return report((VotingAxiom(id: axiom.id) ?? .sdStrategyproofness).check(table))
            } catch let e as CheckError { throw e } catch { throw .input("\(r.mechanism) on \(r.agents) voters and \(r.candidates) candidates: \(error)") }
        case .derandomizedReports:
            guard let d = m as? any DerandomizedMechanismProtocol else {
                throw .mechanism(.wrongDomain(mechanism: r.mechanism, expected: .derandomized))
            }
            let input: DerandomizedInput
            do { input = try DerandomizedAxiomCheck.input(base: d.baseID, method: d.method, path: r.instance) } catch { throw .input(error.description) }
            return report(input.check(DerandomizedAxiom(rawValue: axiom.id) ?? .quasiStrategyproofness))
        }
    }

    /// Solves the mechanism's LP on the instance of `path` and judges `axiom` on the mechanism
    /// it computes (model A through `HiringIncentiveChecker`, model B through
    /// `SendersIncentiveChecker`).
    static func acquisitionVerdict(_ m: any Mechanism, _ axiom: InformationAcquisitionAxiom, path: String) throws(CheckError) -> Verdict {
        let contents: AcquisitionInstanceFile.Contents
        do { contents = try AcquisitionInstanceFile.load(path) } catch { throw .input(error.description) }
        let id = m.descriptor.id
        do {
            switch contents.instance {
            case .hiring(let h):
                let space = CheckedSpace("the mechanism \(id) computes on \(path) (model A, \(h.agentCount) agents, \(h.efforts.count) effort profiles): every agent, every recommended effort, every effort deviation with every reporting strategy, every payment on a recommended profile",
                                         count: h.agents.reduce(0) { $0 + $1.efforts * $1.efforts }, exhaustive: true)
                let mechanism: CorrelatedMechanism?
                switch m {
                case is OptimalCorrelatedMechanism: mechanism = try OptimalCorrelatedMechanism().solve(h).mechanism
                case is BestEffortProfile:
                    mechanism = try BestEffortProfile().profiles(h).filter { $0.status == .optimal }.max { $0.value < $1.value }?.mechanism
                case is OptimalUncorrelatedMechanism: mechanism = try uncorrelatedMechanism(h)
                default:
                    throw CheckError.input("\(path): '\(id)' runs on model B instances (with \"sender_utility\"); this is a model A instance. Use 'optimal-correlated-mechanism', 'optimal-uncorrelated-mechanism' or 'best-effort-profile'.")
                }
                guard let mechanism else {
                    return .inconclusive(reason: "the LP of \(id) is infeasible on this instance: no mechanism to check", space: space)
                }
                return HiringIncentiveChecker.check(mechanism, on: h).verdict(axiom, space: space, cap: h.paymentCap)
            case .senders(let s):
                guard m is OptimalICMechanism else {
                    throw CheckError.input("\(path): '\(id)' runs on model A instances (agents with \"efforts\" and \"costs\"); this is a model B instance. Use 'optimal-ic-mechanism'.")
                }
                let space = CheckedSpace("the mechanism \(id) computes on \(path) (model B, \(s.senderCount) senders): every sender, every signal of positive probability, every report, every payment",
                                         exhaustive: true)
                guard let mechanism = try OptimalICMechanism().solve(s).mechanism else {
                    return .inconclusive(reason: "the LP of \(id) is infeasible on this instance: no mechanism to check", space: space)
                }
                return SendersIncentiveChecker.check(mechanism, on: s).verdict(axiom, space: space, cap: s.paymentCap)
            }
        } catch let e as CheckError {
            throw e
        } catch {
            throw .input("\(id) could not be solved on \(path): \(error)")
        }
    }

    /// The optimal uncorrelated mechanism as a correlated one: the best target profile b
    /// (`OptimalUncorrelatedMechanism.bestTarget`) recommended with
    /// certainty, and each agent paid its cheapest scoring rule γᵢ(ŝᵢ, θ) at every signal profile.
    /// The action rule is left at zero: it does not enter the agents' incentives.
    static func uncorrelatedMechanism(_ h: HiringInstance) throws -> CorrelatedMechanism? {
        let K = try OptimalUncorrelatedMechanism().costs(h)
        guard let b = OptimalUncorrelatedMechanism.bestTarget(h, costs: K)?.b else { return nil }
        var m = CorrelatedMechanism(zeroFor: h)
        m.recommendation[b] = 1
        for i in 0..<h.agentCount {
            guard let rule = K[i][h.efforts.digit(b, i)].scoringRule else { return nil }
            for s in 0..<h.signals.count {
                let si = h.signals.digit(s, i)
                for θ in 0..<h.stateCount {
                    m.payments[i][CorrelatedMechanism.paymentIndex(h, efforts: b, signals: s, state: θ)] = rule[si * h.stateCount + θ]
                }
            }
        }
        return m
    }
}
