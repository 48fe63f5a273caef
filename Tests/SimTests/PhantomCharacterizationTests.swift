import Mechanisms
import Testing
@testable import Sim

@Suite("Phantom mechanisms: UFS and IFS characterizations (spec §3.5)")
struct PhantomCharacterizationTests {
    @Test("among unanimous phantom mechanisms only the uniform phantoms are UFS; IFS iff interior phantoms in [1/n, 1 - 1/n]",
          arguments: [(2, 12, 12), (3, 12, 12), (4, 4, 8)])
    func characterization(_ n: Int, _ phantomGrid: Int, _ profileGrid: Int) throws {
        let rows = try PhantomCharacterization.classify(agents: n, phantomGrid: phantomGrid, profileGrid: profileGrid)
        let uniform = (0...n).map { Double($0) / Double(n) }
        let ufs = rows.filter(\.unanimousFairShare)
        #expect(ufs.count == 1, "n = \(n): \(ufs.map(\.phantoms))")
        #expect(ufs.first.map { zip($0.phantoms, uniform).allSatisfy { abs($0 - $1) < 1e-12 } } == true)
        let tolerance = 1e-12
        for row in rows {
            let interior = row.phantoms.dropFirst().dropLast()
            let predicted = interior.allSatisfy { $0 >= 1 / Double(n) - tolerance && $0 <= 1 - 1 / Double(n) + tolerance }
            #expect(row.individualFairShare == predicted, "n = \(n), phantoms \(row.phantoms)")
        }
        // The grids are rich enough to see both sides: some vectors pass IFS, some fail.
        #expect(rows.contains(where: \.individualFairShare) && rows.contains { !$0.individualFairShare })
    }
}
