import Testing
@testable import Mechanisms

@Suite("FacilityProfile")
struct FacilityProfileTests {
    @Test("rejects empty, NaN, infinite and out-of-range profiles with a sentence")
    func validation() {
        #expect(throws: MechanismError.self) { try FacilityProfile([]) }
        #expect(throws: MechanismError.self) { try FacilityProfile([0.2, .nan]) }
        #expect(throws: MechanismError.self) { try FacilityProfile([.infinity]) }
        #expect(throws: MechanismError.self) { try FacilityProfile([0.5, 1.2]) }
        #expect(throws: MechanismError.self) { try FacilityProfile([-0.1]) }
        do {
            _ = try FacilityProfile([0.5, 1.5])
        } catch {
            #expect(error.description == "Invalid profile: location 2 is 1.5, outside [0, 1]")
        }
    }

    @Test("the bucket sort agrees with the standard sort, spread and clustered, n = 1..300")
    func sorting() {
        var rng = TestRandom(seed: 11)
        for n in [1, 2, 3, 24, 25, 26, 101, 300] {
            for trial in 0..<40 {
                let xs: [Double] = (0..<n).map { _ in
                    switch trial % 4 {
                    case 0: rng.unit()
                    case 1: rng.grid(4)            // many ties
                    case 2: 0.5 + rng.unit() * 1e-6  // one crowded bucket: the fallback path
                    default: rng.unit() * rng.unit()
                    }
                }
                let p = FacilityProfile(trusted: xs)
                #expect(p.sorted == xs.sorted(), "n = \(n), trial \(trial)")
                #expect(p.locations == xs)
            }
        }
    }

    @Test("total cost from prefix sums equals the direct sum at reports and between them")
    func totalCost() {
        var rng = TestRandom(seed: 5)
        for _ in 0..<300 {
            let n = Int.random(in: 1...40, using: &rng)
            let xs = (0..<n).map { _ in rng.grid(10) }
            let p = FacilityProfile(trusted: xs)
            for y in xs + [0, 0.05, 0.5, 1, rng.unit()] {
                let direct = xs.reduce(0) { $0 + abs($1 - y) }
                #expect(near(p.totalCost(at: y), direct, 1e-12))
                #expect(near(p.maxCost(at: y), xs.map { abs($0 - y) }.max()!, 1e-15))
            }
            let best = xs.map { p.totalCost(at: $0) }.min()!
            #expect(near(p.optimalTotalCost, best, 1e-12), "the left median minimizes total cost")
        }
    }

    @Test("loadDeviation equals building the deviated profile from scratch, ties included")
    func deviation() {
        var rng = TestRandom(seed: 17)
        var work = FacilityProfile(trusted: [0])
        for _ in 0..<2000 {
            let n = Int.random(in: 1...12, using: &rng)
            let base = FacilityProfile(trusted: (0..<n).map { _ in rng.grid(4) })
            let agent = Int.random(in: 0..<n, using: &rng)
            let r = rng.grid(4)
            work.loadDeviation(of: base, agent: agent, report: r)
            let fresh = base.replacing(agent: agent, with: r)
            #expect(work.locations == fresh.locations && work.sorted == fresh.sorted)
            #expect(zip(work.prefix, fresh.prefix).allSatisfy { near($0, $1, 1e-12) })
            #expect(near(work.pairwiseDistanceSum, fresh.pairwiseDistanceSum, 1e-12))
        }
    }

    @Test("reload reuses storage and gives the same profile as a fresh one")
    func reload() {
        var p = FacilityProfile(trusted: [0.5, 0.1, 0.9])
        let next = [0.3, 0.3, 0.0]
        next.withUnsafeBufferPointer { p.reload(from: $0) }
        #expect(p == FacilityProfile(trusted: next))
        #expect(p.sorted == [0, 0.3, 0.3])
        #expect(near(p.prefix[3], 0.6))
    }
}
