import Testing
@testable import Solvers

@Suite("Rational")
struct RationalTests {
    @Test("construction reduces and normalizes the sign")
    func reduction() throws {
        #expect(Rational(6, -4) == Rational(-3, 2))
        #expect(Rational(6, -4).numerator == -3 && Rational(6, -4).denominator == 2)
        #expect(Rational(0, -7) == .zero && Rational(0, -7).denominator == 1)
        #expect(try Rational(numerator: 10, denominator: 4) == Rational(5, 2))
        #expect(Rational(Int.min, -1).description == "9223372036854775808")
        #expect(throws: RationalError.divisionByZero) { try Rational(numerator: 1, denominator: 0) }
        #expect(throws: RationalError.self) { try Rational(numerator: .min, denominator: 1) }
        #expect(try Rational(numerator: .min, denominator: 2).numerator == Int128.min / 2)
    }

    @Test("description is p/q, or p for integers")
    func description() {
        #expect(Rational(1, 3).description == "1/3")
        #expect(Rational(-5, 1).description == "-5")
        #expect(Rational.zero.description == "0")
        #expect(Rational(-3, 6).description == "-1/2")
    }

    @Test("checked arithmetic")
    func arithmetic() throws {
        let a = Rational(1, 6)
        let b = Rational(3, 10)
        #expect(try a.adding(b) == Rational(7, 15))
        #expect(try a.subtracting(b) == Rational(-2, 15))
        #expect(try a.multiplied(by: b) == Rational(1, 20))
        #expect(try a.divided(by: b) == Rational(5, 9))
        #expect(try Rational(1, 2).adding(Rational(1, 2)) == .one)
        #expect(try Rational(1, 2).subtracting(Rational(1, 2)) == .zero)
        #expect(try Rational(-2, 3).divided(by: Rational(-4, 9)) == Rational(3, 2))
        #expect(-Rational(2, 5) == Rational(-2, 5))
        #expect(Rational(-2, 5).magnitude == Rational(2, 5))
        #expect(throws: RationalError.divisionByZero) { try a.divided(by: .zero) }
    }

    @Test("overflow throws instead of trapping")
    func overflow() throws {
        let huge = try Rational(numerator: Int128.max, denominator: 1)
        #expect(throws: RationalError.self) { try huge.adding(.one) }
        #expect(throws: RationalError.self) { try huge.multiplied(by: Rational(2)) }
        #expect(throws: RationalError.self) { try huge.negated.subtracting(Rational(2)) }
        let tiny = try Rational(numerator: 1, denominator: Int128.max)
        #expect(throws: RationalError.self) { try tiny.multiplied(by: Rational(1, 2)) }
        #expect(throws: RationalError.self) {
            try tiny.adding(try Rational(numerator: 1, denominator: Int128.max - 1))
        }
        // Cross-cancellation avoids overflow when the result fits.
        #expect(try huge.multiplied(by: tiny) == .one)
        #expect(try huge.negated.adding(huge) == .zero)
    }

    @Test("comparison is exact even where cross-products exceed 128 bits")
    func comparison() throws {
        let a = try Rational(numerator: Int128.max, denominator: Int128.max - 1)
        let b = try Rational(numerator: Int128.max - 1, denominator: Int128.max - 2)
        // a = 1 + 1/(M−1) < b = 1 + 1/(M−2).
        #expect(a < b)
        #expect(!(b < a))
        #expect(Rational(-1, 2) < Rational(1, 3))
        #expect(Rational(1, 3) < Rational(1, 2))
        #expect([Rational(1, 2), Rational(-1, 1), Rational(1, 3)].sorted()
                == [Rational(-1, 1), Rational(1, 3), Rational(1, 2)])
    }

    @Test("roundTripping reads decimals: 0.1 -> 1/10, 1/3 -> 1/3, 0.05 -> 1/20, 2.5 -> 5/2")
    func roundTripping() throws {
        #expect(try Rational(roundTripping: 0.1) == Rational(1, 10))
        #expect(try Rational(roundTripping: 1.0 / 3.0) == Rational(1, 3))
        #expect(try Rational(roundTripping: -0.05) == Rational(-1, 20))
        #expect(try Rational(roundTripping: 2.5) == Rational(5, 2))
        #expect(try Rational(roundTripping: 0.3) == Rational(3, 10))
        #expect(try Rational(roundTripping: 1e-6) == Rational(1, 1_000_000))
        #expect(try Rational(roundTripping: 123456.789) == Rational(123_456_789, 1000))
        #expect(try Rational(roundTripping: 1e20) == (try Rational(numerator: 100_000_000_000_000_000_000, denominator: 1)))
        #expect(try Rational(roundTripping: 0) == .zero)
        // Without a short decimal, the exact binary value: 2^-60.
        #expect(try Rational(roundTripping: 0x1p-60) == (try Rational(numerator: 1, denominator: Int128(1) << 60)))
        #expect(throws: RationalError.notFinite(.infinity)) { try Rational(roundTripping: .infinity) }
        #expect(throws: RationalError.self) { try Rational(roundTripping: 1e-300) }
        #expect(throws: RationalError.self) { try Rational(roundTripping: 1e300) }
    }

    @Test("roundTripping really round-trips on 10,000 random doubles (seed 5)")
    func roundTripProperty() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<10_000 {
            let digits = rng.integer(below: 9)
            let scale = [1.0, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8][digits]
            let value = Double(rng.integer(below: 2_000_000) - 1_000_000) / scale
            let r = try Rational(roundTripping: value)
            #expect(r.doubleValue.bitPattern == value.bitPattern, "\(value) -> \(r)")
            #expect(r.denominator <= Int128(scale))
        }
        for _ in 0..<1000 {
            let value = (rng.unit() - 0.5) * 1000
            let r = try Rational(roundTripping: value)
            #expect(r.doubleValue.bitPattern == value.bitPattern || r.denominator > Int128(1) << 53,
                    "\(value) -> \(r)")
        }
    }

    @Test("best approximation with bounded denominator: pi -> 355/113 (max 1000), 22/7 (max 10)")
    func limitDenominator() throws {
        #expect(try Rational(Double.pi, maxDenominator: 1000) == Rational(355, 113))
        #expect(try Rational(Double.pi, maxDenominator: 10) == Rational(22, 7))
        #expect(try Rational(-Double.pi, maxDenominator: 100) == Rational(-311, 99))
        #expect(try Rational(0.5, maxDenominator: 1) == Rational(0))  // tie: smaller denominator
        #expect(try Rational(0.7, maxDenominator: 1) == Rational(1))
        #expect(try Rational(0.333, maxDenominator: 10) == Rational(1, 3))
        #expect(try Rational(1e-30, maxDenominator: 1_000_000) == .zero)
        #expect(try Rational(12.0, maxDenominator: 5) == Rational(12))
        #expect(throws: RationalError.invalidMaxDenominator(0)) { try Rational(0.5, maxDenominator: 0) }
        #expect(throws: RationalError.notFinite(.infinity)) { try Rational(.infinity, maxDenominator: 10) }
    }

    @Test("exact binary value of a double")
    func exactly() throws {
        #expect(try Rational(exactly: 0.5) == Rational(1, 2))
        #expect(try Rational(exactly: 0.1) == (try Rational(numerator: 3_602_879_701_896_397,
                                                            denominator: 36_028_797_018_963_968)))
        #expect(try Rational(exactly: -3) == Rational(-3))
        #expect(throws: RationalError.self) { try Rational(exactly: .nan) }
    }

    @Test("doubleValue")
    func doubleValue() {
        // Exact (bit-for-bit) results: one correctly rounded division.
        #expect(Rational(1, 4).doubleValue.bitPattern == (0.25).bitPattern)
        #expect(Rational(1, 3).doubleValue.bitPattern == (1.0 / 3.0).bitPattern)
        #expect(Rational(-7, 2).doubleValue.bitPattern == (-3.5).bitPattern)
    }
}
