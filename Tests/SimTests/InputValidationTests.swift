import Foundation
import Testing
import Yams
@testable import Sim

/// Numbers, sizes and documents from outside: validated where they enter, never trapping.
@Suite("input validation")
struct InputValidationTests {
    func node(_ text: String) throws -> ScenarioNode {
        ScenarioNode(node: try #require(try Yams.compose(yaml: "v: \(text)")?.mapping?["v"]), path: "v", file: "f.yaml")
    }

    func intError(_ text: String, minimum: Int? = nil, maximum: Int? = nil) throws -> String {
        let n = try node(text)
        do throws(ScenarioError) {
            _ = try n.int(minimum: minimum, maximum: maximum)
            return "no error"
        } catch { return error.message }
    }

    @Test("whole numbers: written as integers or as whole finite numbers, in range, never past Int")
    func wholeNumbers() throws {
        #expect(try node("25").int() == 25)
        #expect(try node("1_000").int() == 1000)
        #expect(try node("1e3").int() == 1000)
        #expect(try intError("2.5") == "expected a whole number, got 2.5.")
        #expect(try intError(".nan") == "expected a whole number, got the value '.nan'.")
        #expect(try intError("1e300") == "expected a whole number, got 1e300, which is too large.")
        #expect(try intError("9223372036854775808") == "expected a whole number, got 9223372036854775808, which is too large.")
        #expect(try intError("0", minimum: 1) == "expected a whole number >= 1, got 0.")
        #expect(try intError("11", minimum: 1, maximum: 10) == "expected a whole number in 1...10, got 11.")
    }

    @Test("numbers: NaN, infinities and fractions with a non-finite or zero part are refused")
    func finiteNumbers() {
        #expect(parseNumber("1/4") == 0.25)
        #expect(parseNumber("-1e-3") == -0.001)
        for bad in ["nan", "inf", "-inf", "1/0", "1/inf", "inf/2", "nan/1", "1e400", "x"] {
            #expect(parseNumber(bad) == nil, "\(bad)")
        }
    }

    @Test("anchors and aliases are found outside quotes and comments, not inside text values")
    func anchorScan() {
        #expect(YAMLDocument.firstAnchorOrAlias(in: "a: &x 1\nb: *x\n") == 1)
        #expect(YAMLDocument.firstAnchorOrAlias(in: "a: 1\nb: [1, *x]\n") == 2)
        #expect(YAMLDocument.firstAnchorOrAlias(in: "a: 1\n? *k\n: 2\n") == 2)
        #expect(YAMLDocument.firstAnchorOrAlias(in: "- *x\n") == 1)
        #expect(YAMLDocument.firstAnchorOrAlias(in: "title: R&D and A *B\n") == nil)
        #expect(YAMLDocument.firstAnchorOrAlias(in: "title: \"&x *y\"\nb: '*z'\n# *note\nc: 1 # &c\n") == nil)
        #expect(YAMLDocument.firstAnchorOrAlias(in: "list:\n  * item\n") == nil)
        #expect(YAMLDocument.firstAnchorOrAlias(in: "{\"a\": \"x\\\" *y\", \"b\": 2}") == nil)
    }

    @Test("a repeated key is named with its line, without echoing its mapping")
    func repeatedKey() {
        let big = String(repeating: "x", count: 100_000)
        do throws(ScenarioError) {
            _ = try YAMLDocument.compose("a: 1\nb: \(big)\na: 2\n", file: "f.yaml")
            Issue.record("no error")
        } catch {
            #expect(error.message == "the key 'a' appears twice in the same mapping.")
            #expect(error.line != nil)
            #expect(error.description.count < 200)
        }
    }

    @Test("C(n + g, n) for any n and g at once, and exact for small ones")
    func gridCounts() {
        #expect(NondecreasingGrid.count(length: 3, maximum: 12) == 455)
        #expect(NondecreasingGrid.count(length: 12, maximum: 3) == 455)
        #expect(NondecreasingGrid.count(length: 5, maximum: 0) == 1)
        #expect(NondecreasingGrid.count(length: Int.max, maximum: 12) > 1e200)
        #expect(NondecreasingGrid.count(length: Int.max, maximum: Int.max) == .infinity)
    }

    @Test("overflow-checked products and size messages")
    func sizes() {
        #expect(SizeLimits.product(3, 4, 5) == 60)
        #expect(SizeLimits.product(Int.max, 2) == nil)
        #expect(SizeLimits.product(-1, 2) == nil)
        #expect(SizeLimits.countText(50_000_000) == 50_000_000.formatted())
        #expect(SizeLimits.countText(1.22e19) == "1.22e+19")
        #expect(SizeLimits.bytesText(96 * 1_073_741_824) == "96 GiB")
        #expect(SizeLimits.memoryRefusal("x", bytes: 1024) == nil)
        #expect(SizeLimits.memoryRefusal("x", bytes: .infinity)?.hasPrefix("x needs about more than") == true)
        #expect(SizeLimits.memoryRefusal("x", bytes: Double(SizeLimits.physicalMemory) * 4)?.contains("; this machine has ") == true)
    }

    @Test("a truncated normal with a huge sd is (nearly) uniform on [0, 1] and drawn quickly")
    func wideTruncatedNormal() {
        var rng = Xoshiro256StarStar(seed: 7)
        var sum = 0.0
        for _ in 0..<20_000 {
            let x = ProfileDistribution.truncatedNormal(0.5, 1e19, using: &rng)
            #expect(x >= 0 && x <= 1)
            sum += x
        }
        // Uniform mean 1/2, sd of the mean 0.289 / sqrt(20000) = 0.002: a band of 5 sd.
        #expect(abs(sum / 20_000 - 0.5) < 0.01)
    }
}
