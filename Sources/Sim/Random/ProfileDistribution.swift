import Foundation

/// A distribution of facility-location profiles on [0, 1]: each of the n agents' locations is
/// drawn independently (or the profiles are listed explicitly).
///
/// Parameters are validated by `validated()`; every sampler draws through the generator it is
/// given, so the same generator state gives the same profile.
public enum ProfileDistribution: Sendable, Hashable {
    /// Uniform on [0, 1].
    case uniform
    /// Beta(a, b), a, b > 0.
    case beta(a: Double, b: Double)
    /// Normal(mean, sd) conditioned on [0, 1] (rejection; sd > 0).
    case truncatedNormal(mean: Double, sd: Double)
    /// With probability `weight` a truncated normal around `left`, else around `right`, both
    /// with standard deviation `sd`: two groups of agents.
    case twoCluster(left: Double, right: Double, sd: Double, weight: Double)
    /// The listed profiles, in order; trial t gets profile t.
    case explicit([[Double]])

    /// The ids accepted in scenario files and listed by `mechsim list distributions`.
    public static let catalogue: [(id: String, parameters: String, summary: String)] = [
        ("uniform", "-", "each location uniform on [0, 1]"),
        ("beta", "a > 0, b > 0", "each location Beta(a, b)"),
        ("truncated-normal", "mean in [0, 1], sd > 0", "Normal(mean, sd) conditioned on [0, 1]"),
        ("two-cluster", "left, right in [0, 1], sd > 0, weight in [0, 1]",
         "each agent near `left` with probability weight, else near `right` (truncated normals)"),
        ("explicit", "profiles: list of lists in [0, 1]", "the listed profiles, in order"),
    ]

    public var id: String {
        switch self {
        case .uniform: "uniform"
        case .beta: "beta"
        case .truncatedNormal: "truncated-normal"
        case .twoCluster: "two-cluster"
        case .explicit: "explicit"
        }
    }

    /// Checks the parameters; returns a sentence naming the first bad one.
    public func validationError() -> String? {
        func bad(_ v: Double) -> Bool { !v.isFinite }
        switch self {
        case .uniform: return nil
        case .beta(let a, let b):
            if bad(a) || a <= 0 { return "beta needs a > 0, got a = \(a)" }
            if bad(b) || b <= 0 { return "beta needs b > 0, got b = \(b)" }
        case .truncatedNormal(let mean, let sd):
            if bad(mean) || mean < 0 || mean > 1 { return "truncated-normal needs mean in [0, 1], got \(mean)" }
            if bad(sd) || sd <= 0 { return "truncated-normal needs sd > 0, got \(sd)" }
        case .twoCluster(let l, let r, let sd, let w):
            if bad(l) || l < 0 || l > 1 { return "two-cluster needs left in [0, 1], got \(l)" }
            if bad(r) || r < 0 || r > 1 { return "two-cluster needs right in [0, 1], got \(r)" }
            if bad(sd) || sd <= 0 { return "two-cluster needs sd > 0, got \(sd)" }
            if bad(w) || w < 0 || w > 1 { return "two-cluster needs weight in [0, 1], got \(w)" }
        case .explicit(let profiles):
            if profiles.isEmpty { return "explicit needs at least one profile" }
            for (i, p) in profiles.enumerated() {
                if p.isEmpty { return "explicit profile \(i) is empty" }
                for (j, x) in p.enumerated() where !(x.isFinite && x >= 0 && x <= 1) {
                    return "explicit profile \(i), location \(j) is \(x), outside [0, 1]"
                }
            }
        }
        return nil
    }

    /// The parameters as name-value pairs, for provenance.
    public var parameterList: [(String, Double)] {
        switch self {
        case .uniform, .explicit: []
        case .beta(let a, let b): [("a", a), ("b", b)]
        case .truncatedNormal(let m, let s): [("mean", m), ("sd", s)]
        case .twoCluster(let l, let r, let s, let w): [("left", l), ("right", r), ("sd", s), ("weight", w)]
        }
    }

    /// Fills `out` with one profile's locations (agent order). For `.explicit`, use the list.
    @inline(__always)
    public func sample(into out: UnsafeMutableBufferPointer<Double>, using rng: inout some RandomNumberGenerator) {
        if case .explicit = self { assertionFailure("sample(into:) draws; explicit profiles are listed") }
        if case .uniform = self {
            for i in 0..<out.count { out[i] = rng.nextUnit() }
        } else {
            for i in 0..<out.count { out[i] = draw(using: &rng) }
        }
    }

    /// One location. Not for `.explicit` (whose profiles are listed, not drawn).
    @inline(__always)
    public func draw(using rng: inout some RandomNumberGenerator) -> Double {
        switch self {
        case .uniform:
            return rng.nextUnit()
        case .beta(let a, let b):
            return Self.beta(a, b, using: &rng)
        case .truncatedNormal(let mean, let sd):
            return Self.truncatedNormal(mean, sd, using: &rng)
        case .twoCluster(let l, let r, let sd, let w):
            let center = rng.nextUnit() < w ? l : r
            return Self.truncatedNormal(center, sd, using: &rng)
        case .explicit:
            preconditionFailure("explicit profiles are listed, not drawn")
        }
    }

    /// A standard normal variate (Marsaglia's polar method).
    public static func standardNormal(using rng: inout some RandomNumberGenerator) -> Double {
        while true {
            let u = 2 * rng.nextUnit() - 1
            let v = 2 * rng.nextUnit() - 1
            let s = u * u + v * v
            if s > 0, s < 1 { return u * (-2 * log(s) / s).squareRoot() }
        }
    }

    /// Normal(mean, sd) conditioned on [0, 1], by rejection; when the acceptance region has
    /// tiny probability (mean far outside with small sd this cannot happen, mean is in [0, 1]),
    /// at least the half-interval next to the mean has mass >= P(0 <= Z <= 1/(2 sd)) > 0.
    ///
    /// For sd > 1 the normal proposal lands in [0, 1] with probability about 0.4 / sd (1e-20
    /// for sd = 1e19), so the draw proposes uniformly on [0, 1] instead and accepts x with
    /// probability exp(-(x - mean)^2 / (2 sd^2)) >= exp(-1/2): the same distribution, with
    /// fewer than two proposals on average for any sd.
    public static func truncatedNormal(_ mean: Double, _ sd: Double, using rng: inout some RandomNumberGenerator) -> Double {
        if sd > 1 {
            while true {
                let x = rng.nextUnit()
                let z = (x - mean) / sd
                if rng.nextUnit() < exp(-0.5 * z * z) { return x }
            }
        }
        while true {
            let x = mean + sd * standardNormal(using: &rng)
            if x >= 0, x <= 1 { return x }
        }
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang (2000); shape < 1 by the boost U^(1/shape).
    public static func gamma(_ shape: Double, using rng: inout some RandomNumberGenerator) -> Double {
        if shape < 1 {
            let u = rng.nextOpenUnit()
            return gamma(shape + 1, using: &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x = 0.0, v = 0.0
            repeat {
                x = standardNormal(using: &rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = rng.nextOpenUnit()
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    /// Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
    public static func beta(_ a: Double, _ b: Double, using rng: inout some RandomNumberGenerator) -> Double {
        let x = gamma(a, using: &rng)
        let y = gamma(b, using: &rng)
        let s = x + y
        return s > 0 ? min(1, max(0, x / s)) : (rng.nextUnit() < a / (a + b) ? 1 : 0)
    }
}
