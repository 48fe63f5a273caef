import Foundation
import Testing
@testable import Solvers
@Test(.enabled(if: ProcessInfo.processInfo.environment["MECHSIM_W2"] != nil)) func zzprofile() throws {
    var rng = SplitMix64(seed: 2024)
    let n = 10
    let matrices = (0..<10000).map { _ in (0..<n).map { _ in (0..<n).map { _ in rng.unit() } } }
    let clock = ContinuousClock()
    var sink = 0
    func us(_ d: Duration) -> Double { let (s, a) = d.components; return (Double(s) + Double(a) * 1e-18) / 10000 * 1e6 }
    for _ in 0..<5 {
        let shape = try clock.measure { for m in matrices { sink += try DenseMatrix.shape(of: m).rows } }
        let build = try clock.measure { for m in matrices { sink += try Assignment.linearProgram(cost: m).variables.count } }
        let vars = clock.measure { for _ in matrices { sink += [LinearProgram.Variable](repeating: LinearProgram.Variable(lower: 0, upper: 1), count: 100).count } }
        print("shape \(us(shape)) build \(us(build)) vars \(us(vars))")
    }
}
