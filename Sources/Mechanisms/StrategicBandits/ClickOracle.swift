/// The (s, μ)-Oracle: baseline B1 of the strategic click-bandit (Kleine Buening et al. 2024,
/// Prop. 4.1; docs/reconstructions.md#click-baselines). It knows s and μ and plays
/// argmax_i u(s_i, μ_i) every round, ties uniformly at random.
///
/// Properties: incentive-unaware. In equilibrium the best arm raises its click-rate to the
/// clickbait level s′ = max{s <= 1 : u(s, μ_{i*}) >= u*_{j*}} (j* the runner-up), so the
/// strong strategic regret is T·(u*_{i*} − u(s′, μ_{i*})) = Θ(T) (Prop. 4.1). Only ε-NE exist
/// with exact ties broken at random.
public struct ClickOracle: ClickBanditMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "oracle", name: "(s, mu)-oracle", domain: .strategicBandits,
        summary: "Knows click-rates and post-click means; always plays the arm of largest u(s, mu).",
        isRandomized: true,
        references: [StrategicBanditPapers.clickbait],
        claims: [Claim(StrategicBanditAxiomID.desiredProfileApproximateNE, .violates,
                       source: "Kleine Buening et al. 2024, Prop. 4.1 (the best arm gains by moving to s')")])

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func run(_ instance: ClickBanditInstance, horizon: Int, checkpoints: [Int],
                    using rng: inout some RandomNumberGenerator) -> ClickBanditRun {
        var policy = Policy(values: instance.playedValues)
        return playClickBandit(instance, horizon: horizon, checkpoints: checkpoints, policy: &policy, using: &rng)
    }

    struct Policy: ClickBanditPolicy {
        let values: [Double]
        let all: [Bool]
        init(values: [Double]) {
            self.values = values
            all = Array(repeating: true, count: values.count)
        }
        func select(round t: Int, u: Double) -> Int { argmaxRandomTie(values, active: all, u: u) ?? 0 }
        func update(arm i: Int, clicked: Bool, reward: Double, round t: Int) {}
        var screenedOutAt: [Int?] { Array(repeating: nil, count: values.count) }
        var allScreenedOutAt: Int? { nil }
    }
}
