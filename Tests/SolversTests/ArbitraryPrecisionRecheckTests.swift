import Testing
@testable import Solvers

/// The basis recheck past 128 bits: the sparse elimination in `BigRational` when `Rational`
/// overflows, on systems whose exact answers are known in closed form.
@Suite("Exact recheck of a simplex basis in arbitrary precision")
struct ArbitraryPrecisionRecheckTests {
    /// The Hilbert matrix H_ij = 1/(i + j + 1), 0-based, as sparse rows.
    func hilbert<Number: ExactField>(_ n: Int, as _: Number.Type) -> [[(column: Int, value: Number)]] {
        (0..<n).map { i in (0..<n).map { j in (column: j, value: Number(lifting: Rational(1, i + j + 1))) } }
    }

    func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        var result = 1
        for i in 0..<min(k, n - k) { result = result * (n - i) / (i + 1) }
        return result
    }

    @Test("Hilbert system of size 30 in arbitrary precision: H x = e₀ gives the first column of H⁻¹, (−1)^j (j+1) C(30, j+1) C(30+j, 29), as in 128 bits; H x = H·1 gives x = 1")
    func hilbert30() throws {
        let n = 30
        let narrow = try #require(try SparseRationalLU(rows: hilbert(n, as: Rational.self)))
        let narrowColumn = try narrow.solve([Rational.one] + [Rational](repeating: .zero, count: n - 1))
        let rows = hilbert(n, as: BigRational.self)
        let lu = try #require(try SparseRationalLU(rows: rows))
        // H⁻¹ has integer entries (Choi, "Tricks or treats with the Hilbert matrix", Amer. Math.
        // Monthly 90 (1983)): (H⁻¹)_{j0} = (−1)^j (j+1) C(n, j+1) C(n+j, n−1); 900 = n² first.
        let x = try lu.solve([BigRational.one] + [BigRational](repeating: .zero, count: n - 1))
        let expected = (0..<n).map { j in
            BigRational(BigInt(j % 2 == 0 ? j + 1 : -(j + 1)) * BigInt(binomial(n, j + 1)) * BigInt(binomial(n + j, n - 1)))
        }
        #expect(x == expected)
        #expect(x == narrowColumn.map { BigRational($0) })
        #expect(x[0] == BigRational(BigInt(900)))
        let rowSums = rows.map { row in row.reduce(BigRational.zero) { $0.adding($1.value) } }
        #expect(try lu.solve(rowSums) == [BigRational](repeating: .one, count: n))
        // H is symmetric, so the transposed solve agrees.
        #expect(try lu.solveTransposed(rowSums) == [BigRational](repeating: .one, count: n))
    }

    @Test("a random dense 30×30 integer matrix (entries −1000…1000, seed 2026): 128-bit elimination overflows; in arbitrary precision M x = M·1 gives x = 1, Mᵀ y = Mᵀ·1 gives y = 1, and M x = e₀ holds exactly")
    func randomDense() throws {
        let n = 30
        var rng = SplitMix64(seed: 2026)
        let m = (0..<n).map { _ in (0..<n).map { _ in rng.integer(below: 2001) - 1000 } }
        func rows<Number: ExactField>(_: Number.Type) -> [[(column: Int, value: Number)]] {
            m.map { row in row.enumerated().filter { $0.element != 0 }.map { (column: $0.offset, value: Number(lifting: Rational($0.element))) } }
        }
        #expect(throws: RationalError.self) {
            guard let lu = try SparseRationalLU(rows: rows(Rational.self)) else { return }
            _ = try lu.solve(m.map { Rational($0.reduce(0, +)) })
        }
        let lu = try #require(try SparseRationalLU(rows: rows(BigRational.self)))
        let rowSums = m.map { BigRational(BigInt($0.reduce(0, +))) }
        let columnSums = (0..<n).map { j in BigRational(BigInt((0..<n).reduce(0) { $0 + m[$1][j] })) }
        #expect(try lu.solve(rowSums) == [BigRational](repeating: .one, count: n))
        #expect(try lu.solveTransposed(columnSums) == [BigRational](repeating: .one, count: n))
        let column = try lu.solve([BigRational.one] + [BigRational](repeating: .zero, count: n - 1))
        // By Cramer's rule the denominators are about |det M| ≈ 10^100, far beyond 128 bits.
        #expect(column.contains { $0.denominator.bitWidth > 128 })
        for i in 0..<n {
            let value = (0..<n).reduce(BigRational.zero) { $0.adding(BigRational(BigInt(m[i][$1])).multiplied(by: column[$1])) }
            #expect(value == (i == 0 ? .one : .zero), "row \(i)")
        }
    }

    /// min x₀ s.t. 2^60 x₀ = 1, 2^60 x₁ − x₀ = 0, 2^60 x₂ − x₁ = 0: x_k = 2^(−60(k+1)), so
    /// x₂ = 2^−180 has no 128-bit fraction.
    static func chain() -> LinearProgram {
        var program = LinearProgram(sense: .minimize)
        program.addVariable(objective: 1)
        program.addVariable(objective: 0)
        program.addVariable(objective: 0)
        program.addConstraint([(0, 0x1p60)], .equal(1))
        program.addConstraint([(0, -1), (1, 0x1p60)], .equal(0))
        program.addConstraint([(1, -1), (2, 0x1p60)], .equal(0))
        return program
    }

    @Test("a certified vertex with x₂ = 2^−180: the arbitrary-precision certificate holds it exactly; the 128-bit one refuses with a sentence")
    func beyond128Bits() throws {
        let program = Self.chain()
        let basis = LPBasis(rows: [.fixed, .fixed, .fixed], columns: [.basic, .basic, .basic])
        let wide = try ExactCertificate.verifyInArbitraryPrecision(program, basis: basis)
        #expect(wide.usedArbitraryPrecision)
        var two60 = BigInt.one
        for _ in 0..<60 { two60 = two60 * BigInt(2) }
        let expected = (0..<3).map { k in
            var denominator = BigInt.one
            for _ in 0...k { denominator = denominator * two60 }
            return BigRational(reducedNumerator: .one, denominator: denominator)
        }
        #expect(wide.primal == expected)
        #expect(wide.objective == expected[0])
        #expect(wide.narrowed == nil)
        #expect(wide.narrowedPrimal == nil)
        #expect(wide.firstValueBeyond128Bits == "variable 2")
        do {
            _ = try ExactCertificate.verify(program, basis: basis)
            Issue.record("a value of 2^-180 was narrowed to 128 bits")
        } catch {
            #expect(error.reason == "The final basis is optimal in exact arithmetic (objective 1/1152921504606846976), but variable 2 does not fit a fraction of 128-bit integers.")
        }
    }

    @Test("programs that fit 128 bits never run the wide arithmetic: 99991/2500049979 as before")
    func narrowStaysNarrow() throws {
        let program = BasisRecheckTests.longFractions()
        let solution = try GLPKSolver(method: .dualSimplex).solve(program)
        let wide = try ExactCertificate.verifyInArbitraryPrecision(program, basis: try #require(solution.basis))
        #expect(!wide.usedArbitraryPrecision)
        #expect(wide.narrowed?.objective == (try Rational(numerator: 99991, denominator: 2_500_049_979)))
    }
}
