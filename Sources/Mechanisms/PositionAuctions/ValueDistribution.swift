// TEMPORARY stub, replaced by the full file.
public enum ValueDistribution: Sendable, Hashable {
    case uniform(low: Double, high: Double)
    case exponential(rate: Double)
    case truncatedNormal(mean: Double, sd: Double, low: Double, high: Double)
    case lognormal(mu: Double, sigma: Double)
    case discrete(values: [Double], probabilities: [Double])
}
public struct DistributionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var parameter: String
    public var expected: String
    public var description: String { "\(parameter): \(expected)" }
}
extension ValueDistribution {
    public func validate() throws(DistributionError) {}
    public func sample<G: RandomNumberGenerator>(using g: inout G) -> Double {
        let u = Double(g.next() >> 11) * 0x1p-53
        if case .uniform(let a, let b) = self { return a + (b - a) * u }
        return 0
    }
    public func virtualValuation() -> VirtualValuation {
        if case .uniform(_, let b) = self { return VirtualValuation(b: b) }
        return VirtualValuation(b: 1)
    }
}
public struct VirtualValuation: Sendable, Hashable {
    var b: Double
    public func score(_ z: Double) -> Double { 2 * z - b }
    public func thresholdAbove(_ psi: Double) -> Double { Swift.max(0, (psi + b) / 2) }
    public func thresholdAtLeast(_ psi: Double) -> Double { Swift.max(0, (psi + b) / 2) }
}
