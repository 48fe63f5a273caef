import Mechanisms
import Testing
@testable import Sim

@Suite("Phantom mechanisms: UFS and IFS characterizations (docs/reconstructions.md#phantom-characterisations)")
struct PhantomCharacterizationTests {
    @Test("among unanimous phantom mechanisms only the uniform phantoms are UFS; IFS iff interior phantoms in [1/n, 1 - 1/n]",
          arguments: [(2, 12), (3, 12), (4, 8)])
    func characterization(_ n: Int, _ grid: Int) throws {
        let (verdict, detail) = try Characterization.phantomFairShare(agents: [n], grid: grid).evaluate()
        #expect(verdict.id == "holds" && verdict.space.exhaustive, "\(detail)")
        // The grid is rich enough to see both sides: some vectors pass IFS, some fail.
        let rows = try PhantomCharacterization.classify(agents: n, phantomGrid: grid, profileGrid: grid)
        #expect(rows.contains(where: \.individualFairShare) && rows.contains { !$0.individualFairShare })
        #expect(rows.filter(\.unanimousFairShare).count == 1)
    }

    @Test("among all anonymous phantom rules on the grid 1/6 (unanimous or not: 84 for n = 2, 210 for n = 3) only p_k = k/n is PF, only it is UFS, only it is proportional and unanimous",
          arguments: [(2, 84, 7), (3, 210, 28)])
    func spCharacterizations(_ n: Int, _ vectors: Int, _ unanimous: Int) throws {
        let rows = try PhantomCharacterization.classifyAll(agents: n, phantomGrid: 6, profileGrid: 6)
        #expect(rows.count == vectors)
        #expect(rows.filter(\.unanimity).count == unanimous)
        let uniform = (0...n).map { Double($0) / Double(n) }
        // Proportionality alone already forces p_k = k/n: with k agents at 1 and n - k at 0 the output is p_k.
        for pass in [rows.filter(\.proportionalFairness), rows.filter(\.unanimousFairShare), rows.filter { $0.proportionality && $0.unanimity },
                     rows.filter(\.proportionality)] {
            #expect(pass.count == 1 && zip(pass[0].phantoms, uniform).allSatisfy { abs($0 - $1) < 1e-12 }, "\(pass.map(\.phantoms))")
        }
        if n == 2 {
            // A known counterexample: phantoms (0, 1/3, 1) are unanimous but put one agent at 1 against one at 0 on 1/3.
            let r = try #require(rows.first { abs($0.phantoms[1] - 1.0 / 3) < 1e-12 && $0.phantoms[0] == 0 && $0.phantoms[2] == 1 })
            #expect(r.unanimity && !r.proportionality && !r.proportionalFairness && !r.unanimousFairShare)
        }
        let (verdict, detail) = try Characterization.phantomSPCharacterizations(agents: [n], grid: 6).evaluate()
        #expect(verdict.id == "holds" && verdict.space.exhaustive, "\(detail)")
        #expect(try Characterization.phantomSPCharacterizations(agents: [4], grid: 6).evaluate().verdict.id == "inconclusive")
    }
}
