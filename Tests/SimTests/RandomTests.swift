import Testing
@testable import Sim

@Suite("Generators and samplers")
struct RandomTests {
    @Test("xoshiro256**: same (seed, stream), same numbers; other streams and seeds differ")
    func repeatability() {
        var a = Xoshiro256StarStar(seed: 42, stream: 7)
        var b = Xoshiro256StarStar(seed: 42, stream: 7)
        var c = Xoshiro256StarStar(seed: 42, stream: 8)
        var d = Xoshiro256StarStar(seed: 43, stream: 7)
        let xa = (0..<100).map { _ in a.next() }
        #expect(xa == (0..<100).map { _ in b.next() })
        #expect(xa != (0..<100).map { _ in c.next() })
        #expect(xa != (0..<100).map { _ in d.next() })
    }

    @Test("SplitMix64 matches the reference outputs for seed 0 (Vigna's splitmix64.c)")
    func splitMixReference() {
        var g = SplitMix64(seed: 0)
        #expect(g.next() == 0xE220_A839_7B1D_CDAF)
        #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
        #expect(g.next() == 0x06C4_5D18_8009_454F)
    }

    /// Sample means of 200,000 draws; the bands are 6 standard errors wide (se <= 0.29/sqrt(2e5)
    /// ~ 6.5e-4), so a correct sampler fails with probability < 1e-8 and the seed is fixed anyway.
    @Test("samplers stay in [0, 1] and hit their means", arguments: [
        (ProfileDistribution.uniform, 0.5),
        (.beta(a: 2, b: 5), 2.0 / 7.0),
        (.beta(a: 0.5, b: 0.5), 0.5),
        (.truncatedNormal(mean: 0.5, sd: 0.1), 0.5),
        (.twoCluster(left: 0.2, right: 0.8, sd: 0.05, weight: 0.25), 0.25 * 0.2 + 0.75 * 0.8),
    ])
    func samplerMeans(_ d: ProfileDistribution, _ mean: Double) {
        var rng = Xoshiro256StarStar(seed: 9)
        var buffer = [Double](repeating: 0, count: 1000)
        var sum = 0.0
        for _ in 0..<200 {
            buffer.withUnsafeMutableBufferPointer { d.sample(into: $0, using: &rng) }
            #expect(buffer.allSatisfy { $0 >= 0 && $0 <= 1 })
            sum += buffer.reduce(0, +)
        }
        #expect(abs(sum / 200_000 - mean) < 0.004, "\(d.id): \(sum / 200_000)")
    }

    @Test("truncated normal near an edge keeps the conditional mean: N(0, 1) on [0, 1] has mean 0.4599")
    func truncatedNormalEdge() {
        // E[Z | 0 <= Z <= 1] = (phi(0) - phi(1)) / (Phi(1) - Phi(0)) = 0.459862...
        var rng = Xoshiro256StarStar(seed: 4)
        var sum = 0.0
        for _ in 0..<200_000 { sum += ProfileDistribution.truncatedNormal(0, 1, using: &rng) }
        #expect(abs(sum / 200_000 - 0.459862) < 0.003)
    }

    @Test("invalid parameters are named")
    func validation() {
        #expect(ProfileDistribution.beta(a: 0, b: 1).validationError() == "beta needs a > 0, got a = 0.0")
        #expect(ProfileDistribution.truncatedNormal(mean: 0.5, sd: -1).validationError() != nil)
        #expect(ProfileDistribution.twoCluster(left: 0.2, right: 1.5, sd: 0.1, weight: 0.5).validationError() != nil)
        #expect(ProfileDistribution.explicit([[0.5, 2]]).validationError() != nil)
        #expect(ProfileDistribution.uniform.validationError() == nil)
    }
}
