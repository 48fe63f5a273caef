/// An instance of model B, "senders and a receiver" (Cacciamani, Castiglioni and Gatti 2023,
/// ICML; reconstruction: docs/reconstructions.md#informed-senders-cacciamani-et-al-2023b): states with a prior μ, senders with signals
/// drawn from a joint law q(s | θ), receiver utilities u_R(a, θ), sender utilities uᵢ(a, θ),
/// the payment variant and an optional payment cap.
///
/// ```
/// P(θ, s) = μ(θ) q(s | θ),   q(· | θ) ∈ Δ(S) for every θ
/// ```
///
/// Properties: every stored instance is valid (sizes, finiteness, sums within
/// `AcquisitionTolerance.probability`); the initializer throws `InformationAcquisitionError`
/// naming the entry otherwise.
public struct SendersInstance: Sendable, Hashable {
    /// Whether payments may depend on the revealed state (both variants are kept because the
    /// paper's choice could not be confirmed: docs/reconstructions.md#sender-payment-variants).
    public enum Payments: String, Sendable, Hashable, CaseIterable {
        /// pᵢ(ŝ): payments on the reports only.
        case reportOnly = "report-only"
        /// pᵢ(ŝ, θ): payments on the reports and the state.
        case stateDependent = "state-dependent"
    }

    /// One entry q(s | θ) = probability of a sparse law table.
    public struct LawEntry: Sendable, Hashable {
        public var state: Int
        public var signals: [Int]
        public var probability: Double
        public init(state: Int, signals: [Int], probability: Double) {
            self.state = state
            self.signals = signals
            self.probability = probability
        }
    }

    public let prior: [Double]
    /// |Sᵢ| for each sender.
    public let signalCounts: [Int]
    /// u_R(a, θ), `[action][state]`.
    public let utility: [[Double]]
    /// uᵢ(a, θ), `[sender][action][state]`.
    public let senderUtility: [[[Double]]]
    public let payments: Payments
    /// The cap M on payments, if any.
    public let paymentCap: Double?
    /// Numbering of signal profiles.
    public let signals: ProfileIndexer
    /// q(s | θ) at `θ · |S| + s`.
    public let law: [Double]

    /// The largest |Θ|·|S| accepted.
    public static let maximumTableSize = 20_000_000

    /// - Throws: `InformationAcquisitionError` for any invalid part.
    public init(prior: [Double], signalCounts: [Int], law entries: [LawEntry], utility: [[Double]],
                senderUtility: [[[Double]]], payments: Payments, paymentCap: Double? = nil) throws(InformationAcquisitionError) {
        try HiringInstance.checkDistribution(prior, path: "prior")
        guard !signalCounts.isEmpty else { throw .init(keyPath: "agents", expected: "at least one sender", found: "none") }
        var size = prior.count
        for (i, c) in signalCounts.enumerated() {
            guard c >= 1 else { throw .init(keyPath: "agents[\(i)].signals", expected: "at least 1 signal", found: "\(c)") }
            let (next, overflow) = size.multipliedReportingOverflow(by: c)
            guard !overflow, next <= Self.maximumTableSize else {
                throw .init(keyPath: "agents", expected: "|Θ|·|S| ≤ \(Self.maximumTableSize)", found: "a larger table")
            }
            size = next
        }
        try HiringInstance.checkUtility(utility, states: prior.count, path: "utility")
        guard senderUtility.count == signalCounts.count else {
            throw .init(keyPath: "sender_utility", expected: "one utility table per sender (\(signalCounts.count))", found: "\(senderUtility.count)")
        }
        for (i, table) in senderUtility.enumerated() {
            try HiringInstance.checkUtility(table, states: prior.count, path: "sender_utility[\(i)]")
            guard table.count == utility.count else {
                throw .init(keyPath: "sender_utility[\(i)]", expected: "one row per action (\(utility.count), as in \"utility\")", found: "\(table.count)")
            }
        }
        if let paymentCap, !(paymentCap.isFinite && paymentCap >= 0) {
            throw .init(keyPath: "payment_cap", expected: "a finite non-negative number", found: "\(paymentCap)")
        }
        let signals = ProfileIndexer(radices: signalCounts)
        var law = [Double](repeating: 0, count: prior.count * signals.count)
        var seen = Set<Int>()
        for (k, e) in entries.enumerated() {
            let path = "signal_law[\(k)]"
            try HiringInstance.checkDigits(e.signals, radices: signalCounts, path: path + ".signals", what: "signal")
            guard e.state >= 0 && e.state < prior.count else {
                throw .init(keyPath: path + ".state", expected: "a state index in 0..<\(prior.count)", found: "\(e.state)")
            }
            guard e.probability.isFinite && e.probability >= 0 && e.probability <= 1 else {
                throw .init(keyPath: path + ".probability", expected: "a probability in [0, 1]", found: "\(e.probability)")
            }
            let at = e.state * signals.count + signals.index(e.signals)
            guard seen.insert(at).inserted else {
                throw .init(keyPath: path, expected: "one entry per (state, signals)", found: "a second entry for the same cell",
                            suggestion: "Remove the duplicate.")
            }
            law[at] = e.probability
        }
        for θ in 0..<prior.count {
            var sum = 0.0
            for s in 0..<signals.count { sum += law[θ * signals.count + s] }
            guard abs(sum - 1) <= AcquisitionTolerance.probability else {
                throw .init(keyPath: "signal_law (state \(θ))",
                            expected: "probabilities over the signal profiles that sum to 1 (within \(AcquisitionTolerance.probability))",
                            found: "sum \(sum)", suggestion: "Entries not listed count as 0; list every signal profile with positive probability.")
            }
        }
        self.prior = prior
        self.signalCounts = signalCounts
        self.utility = utility
        self.senderUtility = senderUtility
        self.payments = payments
        self.paymentCap = paymentCap
        self.signals = signals
        self.law = law
    }

    public var stateCount: Int { prior.count }
    public var actionCount: Int { utility.count }
    public var senderCount: Int { signalCounts.count }

    /// P(θ, s) = μ(θ) q(s | θ).
    @inline(__always)
    public func joint(state θ: Int, signals s: Int) -> Double {
        prior[θ] * law[θ * signals.count + s]
    }
}

/// A mechanism (φ, p) of model B: an action rule φ(a | ŝ) and payments pᵢ(ŝ[, θ]) ≥ 0.
///
/// Layout: `actionRule[s · |A| + a]`, `payments[i][s · |Θ| + θ]` (for report-only payments
/// the same value for every θ).
public struct ReceiverMechanism: Sendable, Hashable {
    public var actionRule: [Double]
    public var payments: [[Double]]

    public init(actionRule: [Double], payments: [[Double]]) {
        self.actionRule = actionRule
        self.payments = payments
    }

    /// φ(a | s).
    @inline(__always)
    public func action(_ instance: SendersInstance, _ a: Int, given s: Int) -> Double {
        actionRule[s * instance.actionCount + a]
    }

    /// pᵢ(s, θ).
    @inline(__always)
    public func payment(_ instance: SendersInstance, sender i: Int, signals s: Int, state θ: Int) -> Double {
        payments[i][s * instance.stateCount + θ]
    }

    /// The receiver's expected utility under truthful reports.
    public func receiverValue(on instance: SendersInstance) -> Double {
        var total = 0.0
        for θ in 0..<instance.stateCount {
            for s in 0..<instance.signals.count {
                let w = instance.joint(state: θ, signals: s)
                if w == 0 { continue }
                var u = 0.0
                for a in 0..<instance.actionCount { u += action(instance, a, given: s) * instance.utility[a][θ] }
                for i in 0..<instance.senderCount { u -= payment(instance, sender: i, signals: s, state: θ) }
                total += w * u
            }
        }
        return total
    }
}
