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
}
