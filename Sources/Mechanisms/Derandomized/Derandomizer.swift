/// The three derandomization methods (Walsh 2024; the names from summaries of the paper, the semantics
/// ours: docs/reconstructions.md#derandomization-methods).
public enum DerandomizationMethod: String, Sendable, Hashable, CaseIterable {
    /// One move per agent in `Z_m`, `m` the size of the report-independent seed space; the seed
    /// names the component.
    case gameFirst = "game-first"
    /// Reports first; the lottery's support is laid out in `D` equiprobable slots in canonical
    /// order (`D` = lcm of the probability denominators); one move per agent in `Z_D`.
    case gameLast = "game-last"
    /// One move per agent and random step, in `Z_{q_t}` (steps of modulus 1 are skipped); the
    /// step choices compose the seed in mixed radix.
    case gameInterleaved = "game-interleaved"

    /// The parameter code used by registered derandomized mechanisms (`method` = 0, 1, 2).
    public var code: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// One recomputed run of a derandomized mechanism: everything an auditor needs to check it.
public struct DerandomizedPlay<Outcome: Hashable & Sendable>: Sendable, Hashable {
    public var method: DerandomizationMethod
    /// The modulus of each move an agent submits (one entry for game first and game last).
    public var moveModuli: [Int]
    /// `(Σ_i moves[i][t]) mod moveModuli[t]` for each step t.
    public var stepChoices: [Int]
    /// The seed: for game first the component index `Σ g_i mod m`, for game last the slot
    /// index `Σ g_i mod D`, for game interleaved the mixed-radix component index.
    public var seed: Int
    /// The size of the seed space the seed lives in (`m` or `D`).
    public var seedCount: Int
    public var outcome: Outcome
}

/// Turns a uniform mixture of deterministic mechanisms into a deterministic mechanism of
/// reports and moves (docs/reconstructions.md#seed-encodings): `DR(r, g) = f(r, ω_s)`, `s = (Σ_i g_i) mod m`.
///
/// Properties (derived, checked in the tests):
/// - Lemma U: if one agent's move is uniform and independent, the seed is uniform, so under
///   uniform play the outcome lottery is the mixture's lottery exactly (all three methods);
/// - every outcome is some component's outcome, so ex-post properties of all components hold
///   for every move vector;
/// - the map is deterministic and recomputable from reports and moves (`play`).
/// What does not hold: dominant-strategy truthfulness. An agent who knew the others' moves could
/// steer the seed; the guarantees are equilibrium guarantees.
///
/// References: Walsh (2024), arXiv:2308.10413; canonical encodings in `SeedEncoding`.
public struct Derandomizer<Base: UniformMixtureMechanism>: Sendable {
    public let base: Base
    public let method: DerandomizationMethod

    public init(_ base: Base, method: DerandomizationMethod) {
        self.base = base
        self.method = method
    }

    /// The modulus of each move an agent submits on `reports`.
    public func moveModuli(for reports: [Base.Report]) throws(DerandomizationError) -> [Int] {
        try base.validate(reports)
        switch method {
        case .gameFirst:
            guard base.seedSpaceIsReportIndependent else {
                throw .unsupportedMethod(method: method.rawValue, mechanism: base.descriptor.id,
                                         reason: "its lottery is not indexed by a report-independent seed; use game-last")
            }
            return [try base.seedCount(for: reports)]
        case .gameLast:
            return [try base.lottery(for: reports).reducedSlots.count]
        case .gameInterleaved:
            return try base.stepModuli(for: reports).filter { $0 > 1 }
        }
    }

    /// The outcomes in the order the seed indexes them: the `D` reduced slots for game last, the
    /// `m` components otherwise.
    public func slotLayout(for reports: [Base.Report]) throws(DerandomizationError) -> [Base.Outcome] {
        switch method {
        case .gameLast: try base.lottery(for: reports).reducedSlots
        case .gameFirst, .gameInterleaved: try base.slots(for: reports)
        }
    }

    /// The deterministic outcome of `reports` and `moves` (one list of moves per agent), with
    /// the seed that selected it.
    public func play(_ reports: [Base.Report], moves: [[Int]]) throws(DerandomizationError) -> DerandomizedPlay<Base.Outcome> {
        // Game last lays the lottery out once: the slot count is the modulus.
        var lastSlots: [Base.Outcome]?
        let moduli: [Int]
        if method == .gameLast {
            try base.validate(reports)
            let slots = try base.lottery(for: reports).reducedSlots
            lastSlots = slots
            moduli = [slots.count]
        } else {
            moduli = try moveModuli(for: reports)
        }
        try Self.validate(moves: moves, agents: reports.count, moduli: moduli)
        var choices: [Int] = []
        for (t, q) in moduli.enumerated() {
            var c = 0
            for agent in moves { c = (c + agent[t]) % q }
            choices.append(c)
        }
        let seed = SeedEncoding.slot(choices: choices, moduli: moduli)
        let count = try SeedEncoding.product(moduli)
        let outcome: Base.Outcome
        if let lastSlots { outcome = lastSlots[seed] } else { outcome = try base.component(seed, for: reports) }
        return DerandomizedPlay(method: method, moveModuli: moduli, stepChoices: choices, seed: seed,
                                seedCount: count, outcome: outcome)
    }

    /// The outcome only.
    public func outcome(_ reports: [Base.Report], moves: [[Int]]) throws(DerandomizationError) -> Base.Outcome {
        try play(reports, moves: moves).outcome
    }

    /// The exact outcome lottery when every agent plays every move uniformly and independently:
    /// by Lemma U the seed is uniform, so this is the slot layout with weight `1 / count` each.
    public func uniformPlayLottery(for reports: [Base.Report]) throws(DerandomizationError) -> SlotLottery<Base.Outcome> {
        SlotLottery(slots: try slotLayout(for: reports))
    }

    /// The outcome lottery by brute force: every move vector of every agent, each once. Use for
    /// tiny instances only (`(Π moduli)^n` plays); it exercises the sum, mod and decoding code.
    public func enumeratedLottery(for reports: [Base.Report]) throws(DerandomizationError) -> SlotLottery<Base.Outcome> {
        let moduli = try moveModuli(for: reports)
        let perAgent = try SeedEncoding.product(moduli)
        let n = reports.count
        let layout = try slotLayout(for: reports)
        var total = 1
        for _ in 0..<n {
            let (p, o) = total.multipliedReportingOverflow(by: perAgent)
            guard !o, p <= 5_000_000 else { throw .seedSpaceTooLarge("\(perAgent)^\(n) move vectors is too many to enumerate") }
            total = p
        }
        var counts = Array(repeating: 0, count: layout.count)
        for code in 0..<total {
            var rest = code
            var choices = Array(repeating: 0, count: moduli.count)
            for _ in 0..<n {
                let agentMoves = SeedEncoding.choices(slot: rest % perAgent, moduli: moduli)
                rest /= perAgent
                for t in moduli.indices { choices[t] = (choices[t] + agentMoves[t]) % moduli[t] }
            }
            counts[SeedEncoding.slot(choices: choices, moduli: moduli)] += 1
        }
        return SlotLottery(counts: zip(layout, counts).map { ($0, $1) })
    }

    static func validate(moves: [[Int]], agents n: Int, moduli: [Int]) throws(DerandomizationError) {
        guard moves.count == n else {
            throw .invalidInput(path: "moves", expected: "one list of moves per agent (\(n) lists), got \(moves.count)")
        }
        for (i, agent) in moves.enumerated() {
            guard agent.count == moduli.count else {
                throw .invalidInput(path: "moves[\(i)]", expected: "\(moduli.count) move\(moduli.count == 1 ? "" : "s") (moduli \(moduli)), got \(agent.count)")
            }
            for (t, g) in agent.enumerated() where g < 0 || g >= moduli[t] {
                throw .invalidInput(path: "moves[\(i)][\(t)]", expected: "an integer in 0...\(moduli[t] - 1), got \(g)")
            }
        }
    }
}
