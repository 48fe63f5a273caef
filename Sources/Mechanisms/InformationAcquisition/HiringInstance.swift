/// An instance of model A, "hiring multiple agents" (Cacciamani, Castiglioni and Gatti 2023,
/// arXiv 2307.06210; docs/reconstructions.md#marginal-condition): states θ with a prior μ, agents with effort levels,
/// effort costs and signals, a joint signal law P(s | b, θ), principal utilities u(a, θ) and a
/// payment cap M.
///
/// ```
/// μ ∈ Δ(Θ),  cᵢ(bᵢ) ≥ 0,  P(· | b, θ) ∈ Δ(S) for every b, θ,  0 ≤ M < ∞
/// marginal condition: Σ_{s': s'ᵢ = sᵢ} P(s' | b, θ) depends on b only through bᵢ
/// ```
///
/// Efforts, states, signals and actions are 0-based indices. Effort and signal profiles are
/// numbered by `ProfileIndexer` (agent 0 most significant).
///
/// Properties: every stored instance is valid: the initializer checks sizes, finiteness, the
/// sums of the prior and of every P(· | b, θ) (within `AcquisitionTolerance.probability`),
/// non-negative costs, a finite non-negative cap and the marginal condition, and throws an
/// `InformationAcquisitionError` naming the entry otherwise.
public struct HiringInstance: Sendable, Hashable {
    /// One agent: the cost of each of its effort levels and its number of signals.
    public struct Agent: Sendable, Hashable {
        /// cᵢ(bᵢ) for bᵢ = 0, 1, …; the number of effort levels is `costs.count`.
        public var costs: [Double]
        /// |Sᵢ|.
        public var signals: Int
        public init(costs: [Double], signals: Int) {
            self.costs = costs
            self.signals = signals
        }
        /// |Bᵢ|.
        public var efforts: Int { costs.count }
    }

    /// One entry P(s | b, θ) = probability of a sparse signal-law table.
    public struct LawEntry: Sendable, Hashable {
        public var efforts: [Int]
        public var state: Int
        public var signals: [Int]
        public var probability: Double
        public init(efforts: [Int], state: Int, signals: [Int], probability: Double) {
            self.efforts = efforts
            self.state = state
            self.signals = signals
            self.probability = probability
        }
    }

    /// μ(θ).
    public let prior: [Double]
    /// The agents.
    public let agents: [Agent]
    /// u(a, θ), indexed `[action][state]`.
    public let utility: [[Double]]
    /// M: every payment lies in [0, M].
    public let paymentCap: Double
    /// Numbering of effort profiles b.
    public let efforts: ProfileIndexer
    /// Numbering of signal profiles s.
    public let signals: ProfileIndexer
    /// P(s | b, θ) at `(b · |Θ| + θ) · |S| + s`.
    public let law: [Double]

    /// The largest |B|·|Θ|·|S| accepted: the dense law table has that many entries.
    public static let maximumTableSize = 20_000_000

    /// An instance from a sparse law: entries not listed have probability 0.
    /// - Throws: `InformationAcquisitionError` for any invalid part (see the type's notes).
    public init(prior: [Double], agents: [Agent], law entries: [LawEntry], utility: [[Double]],
                paymentCap: Double) throws(InformationAcquisitionError) {
        let (efforts, signals) = try Self.checkShape(prior: prior, agents: agents, utility: utility,
                                                     paymentCap: paymentCap)
        var law = [Double](repeating: 0, count: efforts.count * prior.count * signals.count)
        var seen = Set<Int>()
        for (k, e) in entries.enumerated() {
            let path = "signal_law[\(k)]"
            try Self.checkDigits(e.efforts, radices: efforts.radices, path: path + ".efforts", what: "effort")
            try Self.checkDigits(e.signals, radices: signals.radices, path: path + ".signals", what: "signal")
            guard e.state >= 0 && e.state < prior.count else {
                throw .init(keyPath: path + ".state", expected: "a state index in 0..<\(prior.count)", found: "\(e.state)")
            }
            guard e.probability.isFinite && e.probability >= 0 && e.probability <= 1 else {
                throw .init(keyPath: path + ".probability", expected: "a probability in [0, 1]", found: "\(e.probability)")
            }
            let at = (efforts.index(e.efforts) * prior.count + e.state) * signals.count + signals.index(e.signals)
            guard seen.insert(at).inserted else {
                throw .init(keyPath: path, expected: "one entry per (efforts, state, signals)",
                            found: "a second entry for the same cell", suggestion: "Remove the duplicate.")
            }
            law[at] = e.probability
        }
        try self.init(prior: prior, agents: agents, denseLaw: law, utility: utility, paymentCap: paymentCap)
    }

    /// An instance from a dense law table laid out as `law` is.
    /// - Parameters:
    ///   - prior: the probability of each state.
    ///   - agents: each agent's efforts, their costs and its number of signals.
    ///   - law: the probability of every signal profile given the effort profile and the state,
    ///     laid out as the `law` property is.
    ///   - utility: the principal's utility `utility[action][state]`.
    ///   - paymentCap: M, the largest payment to one agent.
    ///   - checkingMarginalCondition: false only for *estimated* laws (empirical frequencies of
    ///     the online algorithms), which satisfy the marginal condition only approximately; LP-A
    ///     does not need it. Everything else is still checked.
    /// - Throws: `InformationAcquisitionError` for any invalid part.
    public init(prior: [Double], agents: [Agent], denseLaw law: [Double], utility: [[Double]],
                paymentCap: Double, checkingMarginalCondition: Bool = true) throws(InformationAcquisitionError) {
        let (efforts, signals) = try Self.checkShape(prior: prior, agents: agents, utility: utility,
                                                     paymentCap: paymentCap)
        guard law.count == efforts.count * prior.count * signals.count else {
            throw .init(keyPath: "signal_law", expected: "\(efforts.count * prior.count * signals.count) entries (|B|·|Θ|·|S|)", found: "\(law.count)")
        }
        self.prior = prior
        self.agents = agents
        self.utility = utility
        self.paymentCap = paymentCap
        self.efforts = efforts
        self.signals = signals
        self.law = law
        try checkLaw(marginals: checkingMarginalCondition)
    }

    /// |Θ|.
    public var stateCount: Int { prior.count }
    /// |A|.
    public var actionCount: Int { utility.count }
    /// n.
    public var agentCount: Int { agents.count }

    /// P(s | b, θ).
    @inline(__always)
    public func probability(_ s: Int, efforts b: Int, state θ: Int) -> Double {
        law[(b * prior.count + θ) * signals.count + s]
    }

    /// Pᵢ(sᵢ | bᵢ, θ): agent i's signal marginal, read at the profile where every other agent
    /// takes effort 0 (the marginal condition makes the choice irrelevant).
    public func marginal(agent i: Int, effort bi: Int, state θ: Int, signal si: Int) -> Double {
        let b = efforts.replacing(0, i, with: bi)
        var total = 0.0
        for s in 0..<signals.count where signals.digit(s, i) == si {
            total += probability(s, efforts: b, state: θ)
        }
        return total
    }

    /// V(b) = Σ_s max_a Σ_θ μ(θ) P(s | b, θ) u(a, θ): the principal's value of the signals of
    /// profile b when it best-responds to the posterior (the action rule never enters the agents' incentives).
    public func valueOfInformation(_ b: Int) -> Double {
        var total = 0.0
        for s in 0..<signals.count {
            var best = -Double.infinity
            for a in 0..<actionCount {
                var v = 0.0
                for θ in 0..<stateCount { v += prior[θ] * probability(s, efforts: b, state: θ) * utility[a][θ] }
                best = max(best, v)
            }
            total += best
        }
        return total
    }

    // MARK: - Validation

    private static func checkShape(prior: [Double], agents: [Agent], utility: [[Double]],
                                   paymentCap: Double) throws(InformationAcquisitionError) -> (ProfileIndexer, ProfileIndexer) {
        try checkDistribution(prior, path: "prior")
        guard !agents.isEmpty else {
            throw .init(keyPath: "agents", expected: "at least one agent", found: "none")
        }
        for (i, agent) in agents.enumerated() {
            guard !agent.costs.isEmpty else {
                throw .init(keyPath: "agents[\(i)].costs", expected: "one cost per effort level, at least one", found: "none")
            }
            for (k, c) in agent.costs.enumerated() where !(c.isFinite && c >= 0) {
                throw .init(keyPath: "agents[\(i)].costs[\(k)]", expected: "a finite non-negative cost", found: "\(c)")
            }
            guard agent.signals >= 1 else {
                throw .init(keyPath: "agents[\(i)].signals", expected: "at least 1 signal", found: "\(agent.signals)")
            }
        }
        try checkUtility(utility, states: prior.count, path: "utility")
        guard paymentCap.isFinite && paymentCap >= 0 else {
            throw .init(keyPath: "payment_cap", expected: "a finite non-negative number", found: "\(paymentCap)")
        }
        var size = prior.count
        for agent in agents {
            let (a, o1) = size.multipliedReportingOverflow(by: agent.efforts)
            let (b, o2) = a.multipliedReportingOverflow(by: agent.signals)
            guard !o1, !o2, b <= maximumTableSize else {
                throw .init(keyPath: "agents", expected: "|B|·|Θ|·|S| ≤ \(maximumTableSize)", found: "a larger table",
                            suggestion: "Use fewer agents, efforts or signals.")
            }
            size = b
        }
        return (ProfileIndexer(radices: agents.map(\.efforts)), ProfileIndexer(radices: agents.map(\.signals)))
    }

    private func checkLaw(marginals: Bool) throws(InformationAcquisitionError) {
        let tolerance = AcquisitionTolerance.probability
        for b in 0..<efforts.count {
            for θ in 0..<stateCount {
                var sum = 0.0
                for s in 0..<signals.count {
                    let p = probability(s, efforts: b, state: θ)
                    guard p.isFinite && p >= 0 && p <= 1 else {
                        throw .init(keyPath: "signal_law (efforts \(efforts.label(b)), state \(θ), signals \(signals.label(s)))",
                                    expected: "a probability in [0, 1]", found: "\(p)")
                    }
                    sum += p
                }
                guard abs(sum - 1) <= tolerance else {
                    throw .init(keyPath: "signal_law (efforts \(efforts.label(b)), state \(θ))",
                                expected: "probabilities over the signal profiles that sum to 1 (within \(tolerance))",
                                found: "sum \(sum)", suggestion: "Entries not listed count as 0; list every signal profile with positive probability.")
                }
            }
        }
        // Marginal condition: agent i's marginal at b equals the one at (bᵢ, 0₋ᵢ).
        guard marginals else { return }
        for i in agents.indices {
            for b in 0..<efforts.count {
                let reference = efforts.replacing(0, i, with: efforts.digit(b, i))
                if reference == b { continue }
                for θ in 0..<stateCount {
                    for si in 0..<agents[i].signals {
                        var here = 0.0, there = 0.0
                        for s in 0..<signals.count where signals.digit(s, i) == si {
                            here += probability(s, efforts: b, state: θ)
                            there += probability(s, efforts: reference, state: θ)
                        }
                        guard abs(here - there) <= tolerance else {
                            throw .init(keyPath: "signal_law (agent \(i), signal \(si), state \(θ))",
                                        expected: "the marginal condition (Cacciamani et al. 2023a): agent \(i)'s signal marginal depends only on its own effort",
                                        found: "\(here) at efforts \(efforts.label(b)) but \(there) at efforts \(efforts.label(reference))",
                                        suggestion: "Make P(sᵢ | b, θ) the same for every effort of the other agents.")
                        }
                    }
                }
            }
        }
    }

    static func checkDistribution(_ p: [Double], path: String) throws(InformationAcquisitionError) {
        guard !p.isEmpty else { throw .init(keyPath: path, expected: "at least one state", found: "an empty list") }
        var sum = 0.0
        for (k, v) in p.enumerated() {
            guard v.isFinite && v >= 0 && v <= 1 else {
                throw .init(keyPath: "\(path)[\(k)]", expected: "a probability in [0, 1]", found: "\(v)")
            }
            sum += v
        }
        guard abs(sum - 1) <= AcquisitionTolerance.probability else {
            throw .init(keyPath: path, expected: "probabilities that sum to 1 (within \(AcquisitionTolerance.probability))",
                        found: "sum \(sum)")
        }
    }

    static func checkUtility(_ u: [[Double]], states: Int, path: String) throws(InformationAcquisitionError) {
        guard !u.isEmpty else { throw .init(keyPath: path, expected: "one row per action, at least one", found: "none") }
        for (a, row) in u.enumerated() {
            guard row.count == states else {
                throw .init(keyPath: "\(path)[\(a)]", expected: "\(states) values (one per state)", found: "\(row.count)")
            }
            for (θ, v) in row.enumerated() where !v.isFinite {
                throw .init(keyPath: "\(path)[\(a)][\(θ)]", expected: "a finite number", found: "\(v)")
            }
        }
    }

    static func checkDigits(_ digits: [Int], radices: [Int], path: String, what: String) throws(InformationAcquisitionError) {
        guard digits.count == radices.count else {
            throw .init(keyPath: path, expected: "one \(what) per agent (\(radices.count))", found: "\(digits.count)")
        }
        for (i, d) in digits.enumerated() where d < 0 || d >= radices[i] {
            throw .init(keyPath: "\(path)[\(i)]", expected: "a \(what) index in 0..<\(radices[i])", found: "\(d)")
        }
    }
}
