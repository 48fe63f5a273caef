import Foundation
import Mechanisms
@testable import Sim

/// The repository root, found from this file's path (tests read scenarios/ from there).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func near(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool { abs(a - b) <= tol }

/// Test-only mechanisms that break one axiom each, so the checkers have something to find.
struct ConstantHalf: DeterministicFacilityMechanism {
    var descriptor: MechanismDescriptor { Median.descriptor }
    func location(for profile: FacilityProfile) -> Double { 0.5 }
}

/// The first agent dictates: strategyproof and unanimous but not anonymous.
struct FirstDictator: DeterministicFacilityMechanism {
    var descriptor: MechanismDescriptor { Median.descriptor }
    func location(for profile: FacilityProfile) -> Double { profile.locations[0] }
}

/// Half Median, half Midpoint: its Midpoint component is manipulable, so it is not universally
/// truthful (the LRM pattern, docs/reconstructions.md#decompositions).
struct HalfMidpoint: FacilityLocationMechanism {
    var descriptor: MechanismDescriptor { Median.descriptor }
    func lottery(for profile: FacilityProfile) -> Lottery<Double> {
        try! Lottery<Double>(locations: [(Median().location(for: profile), 0.5), (Midpoint().location(for: profile), 0.5)])
    }
    func components(agentCount: Int) -> [FacilityComponent] {
        [FacilityComponent(weight: 0.5, mechanism: Median()), FacilityComponent(weight: 0.5, mechanism: Midpoint())]
    }
}

/// A value behind an `NSLock`, for tests whose closures run on several threads. (Not
/// `Synchronization.Mutex`: on Linux its synchronization is invisible to ThreadSanitizer, which
/// then reports the protected accesses as races under `make test-sanitize`.)
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock(); defer { lock.unlock() }
        return try body(&value)
    }
}
