import Testing
@testable import Mechanisms

/// The descriptor is the one source of every parameter's default and range: the registry's
/// factories read resolved values, the `init` defaults read the descriptor, and every declared
/// parameter changes what the built mechanism does.
@Suite("Parameter defaults and the descriptor")
struct ParameterDefaultsTests {
    static let registry = MechanismRegistry.standard

    /// Every (mechanism id, scalar parameter) pair of the standard registry that has a default.
    static let scalarDefaults: [(String, String)] = registry.all.flatMap { e in
        e.descriptor.parameters.filter { $0.kind != .reals && $0.defaultValue != nil }.map { (e.descriptor.id, $0.name) }
    }

    @Test("building with no values equals building with each default given explicitly")
    func explicitDefaults() throws {
        #expect(Self.scalarDefaults.count >= 20)
        for e in Self.registry.all {
            let implicit = try e.make()
            for spec in e.descriptor.parameters {
                let given: ParameterValues
                if spec.kind == .reals {
                    given = ParameterValues(lists: [spec.name: try #require(spec.defaultList)])
                } else {
                    given = ParameterValues([spec.name: try #require(spec.defaultValue, "\(e.descriptor.id).\(spec.name)")])
                }
                let explicit = try e.make(given)
                #expect(explicit.descriptor == implicit.descriptor, "\(e.descriptor.id).\(spec.name)")
                #expect(explicit.parameters == implicit.parameters, "\(e.descriptor.id).\(spec.name)")
                #expect(explicit.label == implicit.label, "\(e.descriptor.id).\(spec.name)")
            }
        }
    }

    /// Values inside the declared range other than the default, the first of which the
    /// mechanism accepts (a partition needs k a multiple of l, so k = 3 is refused and k = 4 read).
    static func candidates(_ spec: ParameterSpec) -> [Double] {
        let d = spec.defaultValue ?? 0
        var out = spec.kind == .integer ? [d + 1, d + 2, d - 1, d * 2] : [d / 2, d + 0.25, d * 2 + 1, d - 0.25]
        if let lo = spec.minimum { out.append(lo) }
        if let hi = spec.maximum { out.append(hi) }
        return out.filter { v in
            v != d && (spec.minimum.map { v >= $0 } ?? true) && (spec.maximum.map { v <= $0 } ?? true)
        }
    }

    @Test("every declared scalar parameter is read by its factory: a non-default value reaches the mechanism")
    func everyParameterIsRead() throws {
        var checked = 0
        for e in Self.registry.all {
            for spec in e.descriptor.parameters where spec.kind != .reals {
                var built: (Double, any Mechanism)?
                for v in Self.candidates(spec) {
                    if let m = try? e.make(ParameterValues([spec.name: v])) { built = (v, m); break }
                }
                let (v, m) = try #require(built, "\(e.descriptor.id) accepts no non-default \(spec.name)")
                #expect(m.parameters[spec.name] == v, "\(e.descriptor.id).\(spec.name) = \(v) is not what the mechanism runs with")
                checked += 1
            }
        }
        #expect(checked == Self.scalarDefaults.count)
    }

    @Test("the init defaults are the descriptor's")
    func initDefaults() throws {
        let r = Self.registry
        #expect(try AverageOrRandomRank().parameters == r.make("average-or-random-rank").parameters)
        #expect(try AverageOrRandomRank().p == 0.5)
        #expect(try Phantom().parameters == r.make("phantom").parameters)
        #expect(try PartitionMechanism().parameters == r.make("partition").parameters)
        #expect(try ExactDollarPartition().parameters == r.make("exact-dollar-partition").parameters)
        #expect(try ExactDollarPartition().k == 2 && ExactDollarPartition().clusters == 2)
        #expect(try LinUCB().parameters == r.make("linucb").parameters)
        #expect(LinUCB().warmup == 10)
        #expect(try OptGTM().parameters == r.make("optgtm").parameters)
        #expect(try UCBMean().parameters == r.make("ucb-mean").parameters)
        #expect(try UCBS().parameters == r.make("ucb-s").parameters)
        #expect(UCBS().alpha == 2 && UCBS().log == .horizon)
        #expect(try UCBUtility().parameters == r.make("ucb-utility").parameters)
        #expect(try Myerson().parameters == r.make("myerson").parameters)
        #expect(Myerson().randomTieBreak == false)
        // The derandomized partitions run their base with the base descriptor's defaults.
        let dp = try #require(try r.make("derandomized-partition") as? DerandomizedMechanism<PartitionMechanism>)
        #expect(dp.derandomizer.base.parameters == (try r.make("partition").parameters))
        let dedp = try #require(try r.make("derandomized-exact-dollar-partition") as? DerandomizedMechanism<ExactDollarPartition>)
        #expect(dedp.derandomizer.base.parameters == (try r.make("exact-dollar-partition").parameters))
    }

    @Test("order-statistic k picks the k-th highest location: 0.9 for k = 1, 0.5 for k = 2 on (0.1, 0.5, 0.9)")
    func orderStatisticK() throws {
        let x = try FacilityProfile([0.1, 0.5, 0.9])
        let first = try Self.registry.makeFacilityLocation("order-statistic")
        let second = try Self.registry.makeFacilityLocation("order-statistic", ParameterValues(["k": 2]))
        #expect(abs(first.expectedLocation(for: x) - 0.9) < 1e-12)
        #expect(abs(second.expectedLocation(for: x) - 0.5) < 1e-12)
    }

    @Test("average-or-random-rank p is the probability of the mean: 1/2 by default, 1/5 when given")
    func averageOrRandomRankP() throws {
        // x = (0, 1/4, 1): the mean 5/12 is no report, so its probability is the Average branch's.
        let x = try FacilityProfile([0, 0.25, 1])
        func meanProbability(_ m: any FacilityLocationMechanism) -> Double {
            m.lottery(for: x).entries.first { abs($0.outcome - 5.0 / 12) < 1e-12 }?.probability ?? 0
        }
        let byDefault = try Self.registry.makeFacilityLocation("average-or-random-rank")
        let given = try Self.registry.makeFacilityLocation("average-or-random-rank", ParameterValues(["p": 0.2]))
        #expect(abs(meanProbability(byDefault) - 0.5) < 1e-12)
        #expect(abs(meanProbability(given) - 0.2) < 1e-12)
        // Each report gets (1 - p)/3: 1/6 by default, 4/15 with p = 1/5.
        #expect(abs((given.lottery(for: x).entries.first { $0.outcome == 1 }?.probability ?? 0) - 0.8 / 3) < 1e-12)
    }

    @Test("vcg-reserve reserve is the winner's floor: bids (1, 0.8), one slot, pays 0.8 at reserve 0.5 and 0.9 at 0.9")
    func vcgReserve() throws {
        let instance = try AuctionInstance.separable(alpha: [1, 1], beta: [1], cap: 1)
        let byDefault = try Self.registry.makePositionAuction("vcg-reserve")
        let high = try Self.registry.makePositionAuction("vcg-reserve", ParameterValues(["reserve": 0.9]))
        let a = try byDefault.outcome(instance, bids: [1, 0.8])
        let b = try high.outcome(instance, bids: [1, 0.8])
        #expect(abs(a.payments[0] - 0.8) < 1e-9 && abs(a.payments[1]) < 1e-9)
        #expect(abs(b.payments[0] - 0.9) < 1e-9 && abs(b.payments[1]) < 1e-9)
    }

    @Test("exact-dollar-partition k is the number selected in every slot: 2 by default, 4 when given")
    func exactDollarPartitionK() throws {
        let scores: [[Double]] = [[0, 3, 1, 2], [1, 0, 2, 2], [4, 1, 0, 1], [0, 2, 2, 0]]
        let byDefault = try #require(try Self.registry.make("exact-dollar-partition") as? ExactDollarPartition)
        let four = try #require(try Self.registry.make("exact-dollar-partition", ParameterValues(["k": 4])) as? ExactDollarPartition)
        let a = try byDefault.slots(for: scores), b = try four.slots(for: scores)
        #expect(!a.isEmpty && a.allSatisfy { $0.count == 2 })
        #expect(!b.isEmpty && b.allSatisfy { $0 == [0, 1, 2, 3] })
    }

    @Test("the typed accessors never fall back: absent, fractional and huge values are errors")
    func typedAccessors() throws {
        let v = try ParameterValues(["p": 0.3]).resolved(for: AverageOrRandomRank.descriptor)
        #expect(try v.real("p") == 0.3)
        #expect(throws: MechanismError.missingParameter(mechanism: "average-or-random-rank", name: "q")) { try v.real("q") }
        #expect(throws: MechanismError.self) { try v.integer("p") }
        #expect(throws: MechanismError.self) { try v.flag("p") }
        #expect(throws: MechanismError.self) { try v.reals("p") }
        // A whole number past 2^53 is refused instead of trapping in Int(_:).
        #expect(throws: MechanismError.self) { try MechanismRegistry.standard.make("order-statistic", ParameterValues(["k": 1e300])) }
    }
}
