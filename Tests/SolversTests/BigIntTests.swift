import Testing
@testable import Solvers

/// Arbitrary-precision integers and fractions (`BigInt`, `BigRational`) against values computed
/// independently (Python's integers, closed forms).
@Suite("Arbitrary-precision integers and fractions")
struct BigIntTests {
    func power(_ base: Int, _ exponent: Int) -> BigInt {
        var result = BigInt.one
        for _ in 0..<exponent { result = result * BigInt(base) }
        return result
    }

    /// F(k), with F(0) = 0 and F(1) = 1.
    func fibonacci(_ k: Int) -> BigInt {
        var (a, b) = (BigInt.zero, BigInt.one)
        for _ in 0..<k { (a, b) = (b, a + b) }
        return a
    }

    @Test("2^200 divided by 3^50: quotient 2238393297946874000179418290327143433, remainder 249667313308346329176559")
    func longDivision() throws {
        let (q, r) = try power(2, 200).quotientAndRemainder(dividingBy: power(3, 50))
        #expect(q.description == "2238393297946874000179418290327143433")
        #expect(r.description == "249667313308346329176559")
        #expect(q * power(3, 50) + r == power(2, 200))
        #expect(power(2, 200).bitWidth == 201)
        #expect(power(2, 200).doubleValue == 0x1p200)
    }

    @Test("truncated division keeps Int's signs: −7 = (−2)·3 − 1 and 7 = (−2)·(−3) + 1")
    func signs() throws {
        let (q1, r1) = try BigInt(-7).quotientAndRemainder(dividingBy: BigInt(3))
        #expect(q1 == BigInt(-2) && r1 == BigInt(-1))
        let (q2, r2) = try BigInt(7).quotientAndRemainder(dividingBy: BigInt(-3))
        #expect(q2 == BigInt(-2) && r2 == BigInt(1))
        #expect(throws: RationalError.divisionByZero) { try BigInt(1).quotientAndRemainder(dividingBy: .zero) }
    }

    @Test("random multi-limb divisions agree with a = q·b + r, |r| < |b|, and with Int128 where it fits")
    func randomDivisions() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let a = BigInt(limbs: (0..<(1 + rng.integer(below: 9))).map { _ in UInt32(truncatingIfNeeded: rng.next()) },
                           negative: rng.integer(below: 2) == 0)
            // Divisors with a small top limb exercise the normalization and the add-back step.
            var bLimbs = (0..<(1 + rng.integer(below: 5))).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
            if rng.integer(below: 2) == 0 { bLimbs[bLimbs.count - 1] = UInt32(1 + rng.integer(below: 3)) }
            let b = BigInt(limbs: bLimbs, negative: rng.integer(below: 2) == 0)
            guard b.signum != 0 else { continue }
            let (q, r) = try a.quotientAndRemainder(dividingBy: b)
            #expect(q * b + r == a)
            #expect(r.magnitude < b.magnitude)
            #expect(r.signum == 0 || r.isNegative == a.isNegative)
            if let x = a.int128, let y = b.int128 {
                #expect(q.int128 == x / y && r.int128 == x % y)
            }
        }
    }

    @Test("(10^40 + 1)(10^40 − 1) = 10^80 − 1, eighty nines")
    func product() {
        let p = power(10, 40)
        #expect((p + .one) * (p - .one) == power(10, 80) - .one)
        #expect(((p + .one) * (p - .one)).description == String(repeating: "9", count: 80))
        #expect((-(p * p)).description == "-1" + String(repeating: "0", count: 80))
    }

    @Test("gcd(F(300), F(299)) = 1 and gcd(F(300), F(150)) = F(150) (gcd(F(m), F(n)) = F(gcd(m, n)))")
    func fibonacciGCD() {
        let f300 = fibonacci(300)
        #expect(f300.description == "222232244629420445529739893461909967206666939096499764990979600")
        #expect(BigInt.gcd(f300, fibonacci(299)) == .one)
        #expect(BigInt.gcd(f300, -fibonacci(150)) == fibonacci(150))
        #expect(BigInt.gcd(f300, fibonacci(200)) == fibonacci(100))
        #expect(BigInt.gcd(.zero, BigInt(-12)) == BigInt(12))
    }

    @Test("Int128 round trips at the edges; 2^127 does not fit")
    func int128() {
        for value in [Int128.max, Int128.min, Int128(-1), 0, Int128(Int64.max) + 1] {
            #expect(BigInt(value).int128 == value)
        }
        #expect(BigInt(Int128.max).description == "\(Int128.max)")
        #expect(BigInt(Int128.min).description == "\(Int128.min)")
        #expect((BigInt(Int128.max) + .one).int128 == nil)
        #expect(BigInt(Int128.max) < BigInt(Int128.max) + .one)
        #expect(-(BigInt(Int128.max) + .one) < BigInt(Int128.min) + .one)
    }

    @Test("fractions reduce: 6/−4 = −3/2; 1/3 + 1/6 = 1/2; (2^200/3^50)·(3^50/2^199) = 2")
    func fractions() throws {
        let x = try BigRational(numerator: BigInt(6), denominator: BigInt(-4))
        #expect(x.numerator == BigInt(-3) && x.denominator == BigInt(2))
        #expect(x.description == "-3/2")
        let third = BigRational(Rational(1, 3)), sixth = BigRational(Rational(1, 6))
        #expect(third.adding(sixth) == BigRational(Rational(1, 2)))
        #expect(third.subtracting(third) == .zero)
        let big = try BigRational(numerator: power(2, 200), denominator: power(3, 50))
        let back = try BigRational(numerator: power(3, 50), denominator: power(2, 199))
        #expect(big.multiplied(by: back) == BigRational(BigInt(2)))
        #expect(try big.divided(by: big) == .one)
        #expect(throws: RationalError.divisionByZero) { try big.divided(by: .zero) }
        #expect(big.rational == nil)
        #expect(Rational(exactly: third) == Rational(1, 3))
        #expect(isClose(big.doubleValue, 2.238393297946874e36, 1e-15))
        #expect(isClose(try BigRational(numerator: .one, denominator: power(2, 3000)).doubleValue, 0, 1e-300))
        #expect(third < BigRational(Rational(1, 2)) && BigRational(Rational(-1, 2)) < third)
    }

    @Test("the ExactField operations of Rational and BigRational agree where Rational does not overflow")
    func fieldsAgree() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let a = Rational(rng.integer(below: 2001) - 1000, 1 + rng.integer(below: 999))
            let b = Rational(rng.integer(below: 2001) - 1000, 1 + rng.integer(below: 999))
            #expect(BigRational(try a.adding(b)) == BigRational(a).adding(BigRational(b)))
            #expect(BigRational(try a.multiplied(by: b)) == BigRational(a).multiplied(by: BigRational(b)))
            if b.signum != 0 { #expect(BigRational(try a.divided(by: b)) == (try BigRational(a).divided(by: BigRational(b)))) }
            #expect((a < b) == (BigRational(a) < BigRational(b)))
            #expect(a.bitLength == BigRational(a).bitLength)
        }
    }
}
