/// The arm-dynamics engine (docs/reconstructions.md#click-experiments): arms that greedily update their
/// strategies between epochs by finite differences of their own utility (the "strategic arm
/// behaviour" simulations of Kleine Buening et al. 2024, both papers; the scheme follows the
/// authors' public code for the linear paper).
///
/// Epoch e: evaluate the profile (one full T-round run per rollout); for every arm i and every
/// coordinate k perturb x_{i,k} by +ε (−ε when x_{i,k} > `flipAbove`), clip the perturbed value
/// to `perturbRange`, rerun, and take
/// g_{i,k} = clip(η_e · sign · (v_i(perturbed) − v_i(base)) / ε, −clip, +clip) with
/// η_e = η₀/(e + 1) or η₀/(1 + e/10); apply all steps at once and project to `projection`
/// (none in the linear paper's code).
///
/// Common random numbers (default): the perturbed runs of rollout r use the base run's seed.
/// Without them (the linear paper's code), each perturbed run gets fresh noise.
///
/// Work items: every run of an epoch is a parallel item, folded in a fixed order: trajectories
/// are byte-identical for any thread count.
public struct ArmDynamics: Sendable {
    public enum Schedule: String, Sendable { case harmonic, slow }

    public struct Options: Sendable {
        public var epochs: Int
        public var epsilon: Double
        public var eta0: Double
        public var schedule: Schedule
        public var clip: Double
        public var rollouts: Int
        public var commonRandomNumbers: Bool
        public var flipAbove: Double
        public var perturbRange: ClosedRange<Double>
        public var projection: ClosedRange<Double>?

        public init(epochs: Int, epsilon: Double, eta0: Double, schedule: Schedule, clip: Double, rollouts: Int = 1,
                    commonRandomNumbers: Bool = true, flipAbove: Double, perturbRange: ClosedRange<Double>,
                    projection: ClosedRange<Double>?) {
            self.epochs = epochs
            self.epsilon = epsilon
            self.eta0 = eta0
            self.schedule = schedule
            self.clip = clip
            self.rollouts = rollouts
            self.commonRandomNumbers = commonRandomNumbers
            self.flipAbove = flipAbove
            self.perturbRange = perturbRange
            self.projection = projection
        }

        func eta(_ e: Int) -> Double {
            schedule == .harmonic ? eta0 / Double(e + 1) : eta0 / (1 + Double(e) / 10)
        }
    }

    /// One full T-round run.
    public struct Evaluation: Sendable {
        public var utilities: [Double]
        public var regret: Double
        /// Other metrics by name (context manipulation, screened-out arms, ...).
        public var metrics: [Double]
        public init(utilities: [Double], regret: Double, metrics: [Double] = []) {
            self.utilities = utilities
            self.regret = regret
            self.metrics = metrics
        }
    }

    /// One epoch of the trajectory: the profile played, the base runs' mean utilities, regret
    /// and metrics.
    public struct Epoch: Sendable, Codable, Hashable {
        public var profile: [[Double]]
        public var utilities: [Double]
        public var regret: Double
        public var metrics: [Double]
    }

    public var options: Options
    /// Runs `profile` with the noise of `seed`.
    public var evaluate: @Sendable (_ profile: [[Double]], _ seed: UInt64) -> Evaluation
    public var seed: UInt64

    public init(options: Options, seed: UInt64, evaluate: @escaping @Sendable (_ profile: [[Double]], _ seed: UInt64) -> Evaluation) {
        self.options = options
        self.seed = seed
        self.evaluate = evaluate
    }

    /// The seed of run `item` of epoch `e`.
    func runSeed(epoch e: Int, item: Int) -> UInt64 {
        SplitMix64.mix(seed &+ SplitMix64.mix(UInt64(e) &* 0x1_0000 &+ UInt64(item)))
    }

    /// Epochs 0...epochs: `epochs` updates, each epoch evaluated (the last one without update).
    public func run(from start: [[Double]], threads: Int) -> [Epoch] {
        var profile = start
        var out: [Epoch] = []
        let o = options
        for e in 0...o.epochs {
            let coords = profile.indices.flatMap { i in profile[i].indices.map { (i, $0) } }
            let last = e == o.epochs
            let perturbations = last ? 0 : coords.count
            let r = o.rollouts
            let current = profile
            let me = self
            let runs = ParallelEngine(threads: threads).map(0..<((1 + perturbations) * r)) { k -> Evaluation in
                let item = k / r, rollout = k % r
                let baseSeed = me.runSeed(epoch: e, item: rollout)
                if item == 0 { return me.evaluate(current, baseSeed) }
                let (i, c) = coords[item - 1]
                var p = current
                let x = p[i][c]
                let step = x > o.flipAbove ? -o.epsilon : o.epsilon
                p[i][c] = Swift.min(Swift.max(x + step, o.perturbRange.lowerBound), o.perturbRange.upperBound)
                let s = o.commonRandomNumbers ? baseSeed : me.runSeed(epoch: e, item: r + k)
                return me.evaluate(p, s)
            }
            let base = Array(runs[0..<r])
            let k = base[0].utilities.count
            let utilities = (0..<k).map { i in base.map { $0.utilities[i] }.reduce(0, +) / Double(r) }
            let regret = base.map(\.regret).reduce(0, +) / Double(r)
            let metrics = base[0].metrics.indices.map { m in base.map { $0.metrics[m] }.reduce(0, +) / Double(r) }
            out.append(Epoch(profile: profile, utilities: utilities, regret: regret, metrics: metrics))
            if last { break }
            var next = profile
            for (n, (i, c)) in coords.enumerated() {
                var perturbed = 0.0
                for q in 0..<r { perturbed += runs[(n + 1) * r + q].utilities[i] }
                perturbed /= Double(r)
                let sign = profile[i][c] > o.flipAbove ? -1.0 : 1.0
                var g = o.eta(e) * sign * (perturbed - utilities[i]) / o.epsilon
                g = Swift.min(Swift.max(g, -o.clip), o.clip)
                var v = profile[i][c] + g
                if let p = o.projection { v = Swift.min(Swift.max(v, p.lowerBound), p.upperBound) }
                next[i][c] = v
            }
            profile = next
        }
        return out
    }
}
