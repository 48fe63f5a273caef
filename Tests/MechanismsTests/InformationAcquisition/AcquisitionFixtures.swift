@testable import Mechanisms

/// The reference instances A1–A4, B1–B6 (docs/reconstructions.md#worked-instances), built in
/// code. Conventions: Θ = Sᵢ = A = {0, 1}, uniform prior, effort 0 = shirk (cost 0,
/// fair-coin signal), effort 1 = work (cost c, accuracy q).
enum AcquisitionFixtures {
    /// Rounds to 12 decimals so table entries are the decimals the reference values mean (1 − 0.5 − 0.2 +
    /// 0.2 is 0.5, not 0.49999999999999994), which the exact method reads as short fractions.
    static func clean(_ x: Double) -> Double { (x * 1e12).rounded() / 1e12 }

    /// P(sᵢ = 1 | bᵢ, θ) for shirk / work with accuracy q.
    static func one(_ effort: Int, _ θ: Int, q: Double) -> Double {
        effort == 0 ? 0.5 : (θ == 1 ? q : 1 - q)
    }

    static let matching: [[Double]] = [[1, 0], [0, 1]]  // u(a, θ) = 1[a = θ]

    /// A1 (and A1b with c = 0.2, M = 0.5): one agent, q = 0.8.
    static func a1(c: Double = 0.1, M: Double = 1) throws -> HiringInstance {
        var law: [HiringInstance.LawEntry] = []
        for b in 0..<2 { for θ in 0..<2 {
            let p = one(b, θ, q: 0.8)
            law.append(.init(efforts: [b], state: θ, signals: [1], probability: clean(p)))
            law.append(.init(efforts: [b], state: θ, signals: [0], probability: clean(1 - p)))
        } }
        return try HiringInstance(prior: [0.5, 0.5], agents: [.init(costs: [0, c], signals: 2)], law: law,
                                  utility: matching, paymentCap: M)
    }

    /// A2: two agents with conditionally independent signals, c = 0.002; "safe" pays 0.6,
    /// "invest" pays 1[θ = 1].
    static func a2() throws -> HiringInstance {
        var law: [HiringInstance.LawEntry] = []
        for b1 in 0..<2 { for b2 in 0..<2 { for θ in 0..<2 { for s1 in 0..<2 { for s2 in 0..<2 {
            let p1 = one(b1, θ, q: 0.8), p2 = one(b2, θ, q: 0.8)
            let p = (s1 == 1 ? p1 : 1 - p1) * (s2 == 1 ? p2 : 1 - p2)
            law.append(.init(efforts: [b1, b2], state: θ, signals: [s1, s2], probability: clean(p)))
        } } } } }
        return try HiringInstance(prior: [0.5, 0.5], agents: [.init(costs: [0, 0.002], signals: 2), .init(costs: [0, 0.002], signals: 2)],
                                  law: law, utility: [[0.6, 0.6], [0, 1]], paymentCap: 1)
    }

    /// A3 (λ = 1 everywhere) and A4 (λ = 1 only at (1,1)): coupled signals, q = 0.8, c = 0.1.
    static func coupled(lambda: (Int, Int) -> Double, M: Double = 1) throws -> HiringInstance {
        var law: [HiringInstance.LawEntry] = []
        for b1 in 0..<2 { for b2 in 0..<2 { for θ in 0..<2 {
            let p = one(b1, θ, q: 0.8), r = one(b2, θ, q: 0.8), l = lambda(b1, b2)
            let p11 = l * min(p, r) + (1 - l) * max(0, p + r - 1)
            let cells: [(Int, Int, Double)] = [(1, 1, p11), (1, 0, p - p11), (0, 1, r - p11), (0, 0, 1 - p - r + p11)]
            for (s1, s2, v) in cells where clean(v) > 0 {
                law.append(.init(efforts: [b1, b2], state: θ, signals: [s1, s2], probability: clean(v)))
            }
        } } }
        return try HiringInstance(prior: [0.5, 0.5], agents: [.init(costs: [0, 0.1], signals: 2), .init(costs: [0, 0.1], signals: 2)],
                                  law: law, utility: matching, paymentCap: M)
    }

    static func a3(M: Double = 1) throws -> HiringInstance { try coupled(lambda: { _, _ in 1 }, M: M) }
    static func a4() throws -> HiringInstance { try coupled(lambda: { b1, b2 in b1 == 1 && b2 == 1 ? 1 : 0 }) }

    // MARK: - Model B

    static func likes1(_ w: Double) -> [[Double]] { [[0, 0], [w, w]] }
    static func contrarian(_ w: Double) -> [[Double]] { [[0, w], [w, 0]] }

    /// Independent senders with the given accuracies.
    static func independent(_ accuracies: [Double], _ utilities: [[[Double]]],
                            _ payments: SendersInstance.Payments) throws -> SendersInstance {
        let indexer = ProfileIndexer(radices: accuracies.map { _ in 2 })
        var law: [SendersInstance.LawEntry] = []
        for θ in 0..<2 { for s in 0..<indexer.count {
            let digits = indexer.digits(s)
            var p = 1.0
            for (i, q) in accuracies.enumerated() { p *= digits[i] == θ ? q : 1 - q }
            law.append(.init(state: θ, signals: digits, probability: clean(p)))
        } }
        return try SendersInstance(prior: [0.5, 0.5], signalCounts: accuracies.map { _ in 2 }, law: law,
                                   utility: matching, senderUtility: utilities, payments: payments)
    }

    static func b(_ id: Int, _ payments: SendersInstance.Payments) throws -> SendersInstance {
        switch id {
        case 1: return try independent([0.8], [likes1(0.2)], payments)
        case 2: return try independent([0.8], [contrarian(0.3)], payments)
        case 3: return try independent([0.8], [matching], payments)
        case 4: return try independent([0.7, 0.7], [likes1(0.3), likes1(0.3)], payments)
        case 5:
            var law: [SendersInstance.LawEntry] = []
            for θ in 0..<2 { for s in 0..<2 { law.append(.init(state: θ, signals: [s, s], probability: s == θ ? 0.8 : 0.2)) } }
            return try SendersInstance(prior: [0.5, 0.5], signalCounts: [2, 2], law: law, utility: matching,
                                       senderUtility: [likes1(1), likes1(1)], payments: payments)
        case 6: return try independent([0.8, 0.7], [contrarian(0.3), contrarian(0.3)], payments)
        default: fatalError("no instance B\(id)")
        }
    }
}
