import Foundation

/// The ridge parameters of LinUCB and OptGTM. `beta: auto` (`--param beta=auto`) asks for the
/// authors' confidence width (`linearConfidenceWidth`, which depends on d and T); labels print
/// it as `beta=auto (=13.52)` with the value a run uses. The number 0 stays accepted as a
/// synonym of `auto` (older scenario files and command lines wrote `beta: 0`).
let ridgeParameters = [
    ParameterSpec(name: "lambda", kind: .real, summary: "ridge regularization", defaultValue: 1, minimum: 1e-9),
    ParameterSpec(name: "beta", kind: .real,
                  summary: "confidence width; auto = the authors' formula, sqrt(lambda) d + sqrt(2 ln T + d ln((1 + T d) lambda)) (13.5 for d = 5, T = 1e4); 0 is accepted as a synonym of auto",
                  defaultValue: 0, minimum: 0, words: ["auto": 0]),
]

/// Shared pieces of the linear-bandit learners.
enum LinearLoop {
    /// Runs `horizon` rounds: `choose(t, xs, u)` returns the arm (nil: abstain) given the reported
    /// contexts `xs` (row-major K × d) and a uniform `u`; `learn(i, x, reward, t)` updates.
    @inline(__always)
    static func play(_ instance: LinearBanditInstance, horizon: Int, checkpoints: [Int],
                     using rng: inout some RandomNumberGenerator,
                     choose: (Int, UnsafeBufferPointer<Double>, Double) -> Int?,
                     learn: (Int, UnsafeBufferPointer<Double>, Double, Int) -> Void) -> (pulls: [Int], regret: Double, curve: [Double], abstained: Int) {
        let k = instance.armCount, d = instance.dimension
        let rounds = min(horizon, instance.rounds)
        var pulls = [Int](repeating: 0, count: k)
        var xs = [Double](repeating: 0, count: k * d)
        var means = [Double](repeating: 0, count: k)
        var regret = 0.0, abstained = 0
        var curve: [Double] = []
        var next = 0
        let theta = instance.theta, ctx = instance.contexts, reports = instance.reports, features = instance.features
        for t in 0..<rounds {
            let u1 = unitUniform(&rng), u2 = unitUniform(&rng), u3 = unitUniform(&rng)
            var best = -Double.infinity
            for i in 0..<k {
                var m = 0.0
                for c in 0..<d {
                    let v = ctx[t * d + c]
                    xs[i * d + c] = v * reports[i][c]
                    m += theta[c] * v * features[i][c]
                }
                means[i] = m
                best = max(best, m)
            }
            xs.withUnsafeBufferPointer { all in
                if let i = choose(t, all, u3) {
                    pulls[i] += 1
                    regret += best - means[i]
                    let reward = means[i] + instance.noiseSD * LinearRound.gaussian(u1, u2)
                    learn(i, UnsafeBufferPointer(rebasing: all[(i * d)..<((i + 1) * d)]), reward, t)
                } else {
                    abstained += 1
                    regret += best
                }
            }
            while next < checkpoints.count && checkpoints[next] == t + 1 { curve.append(regret); next += 1 }
        }
        return (pulls, regret, curve, abstained)
    }
}

/// LinUCB (OFUL) on the reported contexts: the incentive-unaware baseline of the strategic
/// linear contextual bandit (Kleine Buening et al. 2024, NeurIPS, arXiv 2406.00551, as in the
/// authors' code; docs/reconstructions.md#linucb-baseline): one pooled ridge estimate θ̂ = V⁻¹b over the reported contexts of the pulled arms,
/// index ⟨θ̂, x_{t,i}⟩ + β‖x_{t,i}‖_{V⁻¹}, the first `warmup` rounds uniformly random.
///
/// Properties: sublinear regret when arms are truthful; arms that inflate their reports win
/// rounds, and under best-responding arms the strategic regret is linear (the paper's
/// negative result; experiment B-1: 38 times its truthful regret after 20 epochs in our one-seed
/// calibration run, 25.7 times over our 10 executions).
public struct LinUCB: LinearBanditMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "linucb", name: "LinUCB on reported contexts", domain: .strategicBandits,
        summary: "Pooled ridge regression on reported contexts with optimistic indices; trusts every report.",
        isRandomized: true,
        parameters: ridgeParameters + [
            ParameterSpec(name: "warmup", kind: .integer, summary: "uniformly random first rounds", defaultValue: 10, minimum: 0),
        ],
        references: [StrategicBanditPapers.linear],
        claims: [Claim(StrategicBanditAxiomID.desiredProfileApproximateNE, .violates,
                       source: "Kleine Buening et al. 2024 (NeurIPS), linear regret of incentive-unaware learners; experiment B-2 (arm 1 gains >= 0.3 T by scaling its report)")])

    public let lambda: Double
    public let beta: Double
    public let warmup: Int

    public init(lambda: Double = LinUCB.descriptor.defaultValue("lambda"), beta: Double = LinUCB.descriptor.defaultValue("beta"),
                warmup: Int = LinUCB.descriptor.defaultInteger("warmup")) {
        self.lambda = lambda
        self.beta = beta
        self.warmup = warmup
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { ParameterValues(["lambda": lambda, "beta": beta, "warmup": Double(warmup)]) }

    /// β as given, or the authors' formula when it is `auto` (0).
    public func confidenceWidth(dimension d: Int, horizon: Int) -> Double? {
        beta > 0 ? beta : linearConfidenceWidth(dimension: d, horizon: horizon, lambda: lambda)
    }

    public func run(_ instance: LinearBanditInstance, horizon: Int, checkpoints: [Int],
                    using rng: inout some RandomNumberGenerator) -> LinearBanditRun {
        let k = instance.armCount, d = instance.dimension
        let b = confidenceWidth(dimension: d, horizon: horizon) ?? 0
        var ridge = RidgeState(dimension: d, lambda: lambda)
        var w = [Double](repeating: 0, count: d)
        let warm = warmup
        let out = LinearLoop.play(instance, horizon: horizon, checkpoints: checkpoints, using: &rng, choose: { t, xs, u in
            if t < warm { return min(k - 1, Int(u * Double(k))) }
            var best = -Double.infinity, arm = 0
            for i in 0..<k {
                let e = ridge.estimate(UnsafeBufferPointer(rebasing: xs[(i * d)..<((i + 1) * d)]), &w)
                let index = e.mean + b * e.width
                if index > best { best = index; arm = i }
            }
            return arm
        }, learn: { _, x, r, _ in ridge.update(x, reward: r, &w) })
        let th = ridge.theta
        let err = zip(th, instance.theta).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        return LinearBanditRun(pulls: out.pulls, regret: out.regret, curve: out.curve, thetaError: err,
                               eliminatedAt: Array(repeating: nil, count: k), abstainedRounds: out.abstained)
    }
}

/// The Greedy Grim Trigger Mechanism, GGTM (θ* known) of Kleine Buening et al. 2024 (NeurIPS),
/// reconstructed (docs/reconstructions.md#ggtm): play the active arm of largest reported value ⟨θ*, x_{t,i}⟩; keep per arm the
/// sums of reported values and observed rewards and eliminate an arm for good when
/// Rep_i > Obs_i + 2·sqrt(n_i ln T). Abstains when every arm is eliminated.
///
/// Properties: truthfulness is an approximate NE; in every NE the strategic regret is
/// Õ(K²√(KT)) (paper; the exact ε is reconstructed). One-sided: only over-claiming is punished.
public struct GGTM: LinearBanditMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "ggtm", name: "Greedy grim trigger (theta known)", domain: .strategicBandits,
        summary: "Greedy on reported value with theta known; eliminates arms whose reports exceed their rewards beyond 2 sqrt(n ln T).",
        isRandomized: true,
        references: [StrategicBanditPapers.linear],
        claims: [Claim(StrategicBanditAxiomID.desiredProfileApproximateNE, .satisfies,
                       source: "Kleine Buening et al. 2024 (NeurIPS), GGTM: truthfulness is an approximate NE")],
        reconstruction: "the trigger tolerance 2 sqrt(n ln T) follows the authors' OptGTM code (docs/reconstructions.md#ggtm)")

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func run(_ instance: LinearBanditInstance, horizon: Int, checkpoints: [Int],
                    using rng: inout some RandomNumberGenerator) -> LinearBanditRun {
        let k = instance.armCount, d = instance.dimension
        let theta = instance.theta
        let logT = Foundation.log(Double(max(2, horizon)))
        var active = [Bool](repeating: true, count: k)
        var n = [Int](repeating: 0, count: k), rep = [Double](repeating: 0, count: k), obs = [Double](repeating: 0, count: k)
        var eliminated = [Int?](repeating: nil, count: k)
        var reported = [Double](repeating: 0, count: k)
        let out = LinearLoop.play(instance, horizon: horizon, checkpoints: checkpoints, using: &rng, choose: { _, xs, _ in
            var best = -Double.infinity, arm: Int?
            for i in 0..<k where active[i] {
                var v = 0.0
                for c in 0..<d { v += theta[c] * xs[i * d + c] }
                reported[i] = v
                if v > best { best = v; arm = i }
            }
            return arm
        }, learn: { i, _, r, t in
            n[i] += 1; rep[i] += reported[i]; obs[i] += r
            if rep[i] > obs[i] + 2 * (Double(n[i]) * logT).squareRoot() { active[i] = false; eliminated[i] = t + 1 }
        })
        return LinearBanditRun(pulls: out.pulls, regret: out.regret, curve: out.curve, thetaError: 0,
                               eliminatedAt: eliminated, abstainedRounds: out.abstained)
    }
}

