import Testing
@testable import Mechanisms

/// Every fast path keeps a reference algorithm: the closed forms used by the simulator must
/// agree with the definitions computed the slow way.
@Suite("Closed forms against their definitions")
struct ClosedFormTests {
    /// The default `expectedCosts` (through the lottery), bypassing any override.
    func viaLottery(_ m: any FacilityLocationMechanism, _ p: FacilityProfile) -> FacilityCosts {
        var total = 0.0, maximum = 0.0
        for e in m.lottery(for: p).entries {
            total += e.probability * p.locations.reduce(0) { $0 + abs($1 - e.outcome) }
            maximum += e.probability * p.locations.map { abs($0 - e.outcome) }.max()!
        }
        return FacilityCosts(total: total, maximum: maximum)
    }

    @Test("Random Rank: O(n) expected costs equal the lottery's, and E[TC] = (1/n) Σ_{i,j} |x_i - x_j|")
    func randomRankCosts() {
        var rng = TestRandom(seed: 21)
        for trial in 0..<400 {
            let n = Int.random(in: 1...60, using: &rng)
            let xs = (0..<n).map { _ in trial % 2 == 0 ? rng.unit() : rng.grid(6) }
            let p = FacilityProfile(trusted: xs)
            let fast = RandomRank().expectedCosts(for: p)
            let slow = viaLottery(RandomRank(), p)
            let pairwise = xs.reduce(0) { acc, a in acc + xs.reduce(0) { $0 + abs($1 - a) } } / Double(n)
            #expect(near(fast.total, slow.total, 1e-10) && near(fast.total, pairwise, 1e-10))
            #expect(near(fast.maximum, slow.maximum, 1e-12))
            #expect(near(RandomRank().expectedLocation(for: p), RandomRank().lottery(for: p).mean, 1e-12))
        }
    }

    @Test("AverageOrRandomRank and LRM: closed-form expected costs equal their lotteries'")
    func mixtures() throws {
        var rng = TestRandom(seed: 31)
        for _ in 0..<300 {
            let p = FacilityProfile(trusted: (0..<Int.random(in: 1...30, using: &rng)).map { _ in rng.grid(7) })
            for m in [try AverageOrRandomRank(), try AverageOrRandomRank(p: 0.3), LeftRightMiddle(), RandomDictatorship()] as [any FacilityLocationMechanism] {
                let fast = m.expectedCosts(for: p), slow = viaLottery(m, p)
                #expect(near(fast.total, slow.total, 1e-10) && near(fast.maximum, slow.maximum, 1e-12), "\(m.label)")
            }
        }
    }

    @Test("Random Rank's lottery is the uniform mixture of its components OS_1..OS_n")
    func randomRankDecomposition() throws {
        var rng = TestRandom(seed: 3)
        for _ in 0..<200 {
            let n = Int.random(in: 1...9, using: &rng)
            let p = FacilityProfile(trusted: (0..<n).map { _ in rng.grid(5) })
            let components = RandomRank().components(agentCount: n)
            #expect(components.count == n)
            let mixture = try Lottery<Double>(locations: components.map { ($0.mechanism.location(for: p), $0.weight) })
            #expect(mixture.distance(to: RandomRank().lottery(for: p), locationTolerance: 0) < 1e-12)
        }
    }

    @Test("Uniform Phantom: the closed form max_k min(x_(k), (n-k+1)/n) equals the median of reports and phantoms")
    func uniformPhantomForms() {
        var rng = TestRandom(seed: 8)
        for trial in 0..<2000 {
            let n = Int.random(in: 1...12, using: &rng)
            let xs = (0..<n).map { _ in trial % 3 == 0 ? rng.grid(n) : rng.unit() }
            let merged = (xs + (0...n).map { Double($0) / Double(n) }).sorted()
            let definition = merged[n]  // 0-based index n of 2n+1 values
            #expect(near(UniformPhantom().location(for: FacilityProfile(trusted: xs)), definition, 1e-15), "\(xs)")
        }
    }

    @Test("Uniform Phantom is proportional: k agents at 1, n - k at 0 give k/n")
    func uniformPhantomProportional() {
        for n in 1...12 {
            for k in 0...n {
                let xs = [Double](repeating: 0, count: n - k) + [Double](repeating: 1, count: k)
                #expect(near(UniformPhantom().location(for: FacilityProfile(trusted: xs)), Double(k) / Double(n), 1e-15))
            }
        }
    }

    @Test("deterministic mechanisms: expected costs equal the costs at their location")
    func deterministicCosts() throws {
        var rng = TestRandom(seed: 13)
        let mechanisms: [any DeterministicFacilityMechanism] = [Median(), UniformPhantom(), Average(), Midpoint(), try OrderStatistic(k: 1)]
        for _ in 0..<200 {
            let p = FacilityProfile(trusted: (0..<Int.random(in: 1...30, using: &rng)).map { _ in rng.unit() })
            for m in mechanisms {
                let a = m.expectedCosts(for: p), b = viaLottery(m, p)
                #expect(near(a.total, b.total, 1e-12) && near(a.maximum, b.maximum, 1e-12))
            }
        }
    }

    @Test("order statistics: OS_1 is the rightmost, OS_n the leftmost, the median is OS_(n - ceil(n/2) + 1)")
    func orderStatistics() throws {
        let p = profile("0.3", "0.9", "0.1", "0.5")
        #expect(try OrderStatistic(k: 1).location(for: p) == 0.9)
        #expect(try OrderStatistic(k: 4).location(for: p) == 0.1)
        #expect(try OrderStatistic(k: 3).location(for: p) == Median().location(for: p))
        #expect(throws: MechanismError.self) { try OrderStatistic(k: 5).validate(agentCount: 4) }
        #expect(throws: MechanismError.self) { try OrderStatistic(k: 0) }
    }
}
