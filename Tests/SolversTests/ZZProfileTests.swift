import Foundation
import Testing
@testable import Solvers
@Test(.enabled(if: ProcessInfo.processInfo.environment["MECHSIM_W2"] != nil)) func zzprofile() throws {
    var rng = SplitMix64(seed: 2024)
    let n = 10
    let matrices = (0..<10000).map { _ in (0..<n).map { _ in (0..<n).map { _ in rng.unit() } } }
    let programs = try matrices.map { try Assignment.linearProgram(cost: $0) }
    let clock = ContinuousClock()
    var sink = 0
    func us(_ d: Duration) -> Double { let (s, a) = d.components; return (Double(s) + Double(a) * 1e-18) / 10000 * 1e6 }
    for _ in 0..<3 {
        let v = clock.measure { for p in programs { do { try p.validate(); sink += 1 } catch {} } }
        let ic = clock.measure { for p in programs { sink += p.integerVariableCount } }
        let build = try clock.measure { for m in matrices { sink += try Assignment.linearProgram(cost: m).variables.count } }
        let load = clock.measure { for p in programs { let g = GLPKProblem()!; g.load(p, integerColumns: false); sink += g.rowCount } }
        let loadRead = clock.measure { for p in programs { let g = GLPKProblem()!; g.load(p, integerColumns: false); sink += g.basicSolution().primal.count } }
        print("validate \(us(v)) intcount \(us(ic)) build \(us(build)) load \(us(load)) load+read \(us(loadRead))")
    }
}
