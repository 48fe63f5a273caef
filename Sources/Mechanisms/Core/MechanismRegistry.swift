/// One registered mechanism: its descriptor and a factory that builds it from parameter values.
public struct MechanismEntry: Sendable {
    public let descriptor: MechanismDescriptor
    private let factory: @Sendable (ParameterValues) throws(MechanismError) -> any Mechanism

    public init(
        _ descriptor: MechanismDescriptor,
        make: @escaping @Sendable (ParameterValues) throws(MechanismError) -> any Mechanism
    ) {
        self.descriptor = descriptor
        self.factory = make
    }

    /// Builds the mechanism, checking `values` against the descriptor first.
    public func make(_ values: ParameterValues = ParameterValues()) throws(MechanismError) -> any Mechanism {
        try factory(try values.resolved(for: descriptor))
    }
}

/// The one explicit list of mechanisms, sorted by id. The CLI, scenario files and the
/// axiom-verification tests all read it; nothing is registered anywhere else.
public enum MechanismRegistry {
    public static let all: [MechanismEntry] = [
        MechanismEntry(Average.descriptor) { _ in Average() },
        MechanismEntry(AverageOrRandomRank.descriptor) { values throws(MechanismError) in
            try AverageOrRandomRank(p: values["p"] ?? 0.5)
        },
        MechanismEntry(BestEffortProfile.descriptor) { _ in BestEffortProfile() },
        MechanismEntry(CascadeGreedy.descriptor) { _ in CascadeGreedy() },
        MechanismEntry(CascadeSurrogate.descriptor) { _ in CascadeSurrogate() },
        MechanismEntry(DeferredAcceptanceLottery.descriptor) { _ in DeferredAcceptanceLottery() },
        derandomized(DeferredAcceptanceLottery(), .gameFirst),
        derandomizedExactDollarPartition(),
        derandomized(FacilityMixture(LeftRightMiddle()), .gameLast),
        derandomizedPartition(),
        derandomized(ProbabilisticSerial(), .gameLast),
        derandomized(RandomDictator(), .gameFirst),
        derandomized(RandomPriority(), .gameFirst),
        derandomized(FacilityMixture(RandomRank()), .gameFirst),
        derandomized(RandomSerialDictator(), .gameFirst),
        derandomized(RandomizedNisanRonen(), .gameInterleaved),
        MechanismEntry(ExactDollarPartition.descriptor) { values throws(MechanismError) in
            try ExactDollarPartition(k: Int(values["k"] ?? 2), clusters: Int(values["l"] ?? 2))
        },
        MechanismEntry(GGTM.descriptor) { _ in GGTM() },
        MechanismEntry(GSP.descriptor) { _ in GSP() },
        MechanismEntry(Leftmost.descriptor) { _ in Leftmost() },
        MechanismEntry(LinUCB.descriptor) { values in
            LinUCB(lambda: values["lambda"] ?? 1, beta: values["beta"] ?? 0, warmup: Int(values["warmup"] ?? 10))
        },
        MechanismEntry(LeftRightMiddle.descriptor) { _ in LeftRightMiddle() },
        MechanismEntry(Median.descriptor) { _ in Median() },
        MechanismEntry(Midpoint.descriptor) { _ in Midpoint() },
        MechanismEntry(Myerson.descriptor) { values in Myerson(randomTieBreak: values["random_tie_break"] == 1) },
        MechanismEntry(OptGTM.descriptor) { values in
            OptGTM(lambda: values["lambda"] ?? 1, beta: values["beta"] ?? 0, lcbAfterUpdate: values["lcb_after_update"] == 1)
        },
        MechanismEntry(OptimalCorrelatedMechanism.descriptor) { _ in OptimalCorrelatedMechanism() },
        MechanismEntry(OptimalICMechanism.descriptor) { _ in OptimalICMechanism() },
        MechanismEntry(OptimalUncorrelatedMechanism.descriptor) { _ in OptimalUncorrelatedMechanism() },
        MechanismEntry(ClickOracle.descriptor) { _ in ClickOracle() },
        MechanismEntry(OrderStatistic.descriptor) { values throws(MechanismError) in
            try OrderStatistic(k: Int(values["k"] ?? 1))
        },
        MechanismEntry(PartitionMechanism.descriptor) { values throws(MechanismError) in
            try PartitionMechanism(k: Int(values["k"] ?? 2), clusters: Int(values["l"] ?? 2))
        },
        MechanismEntry(Phantom.descriptor) { values throws(MechanismError) in
            try Phantom(phantoms: values.list("phantoms") ?? [])
        },
        MechanismEntry(ProbabilisticSerial.descriptor) { _ in ProbabilisticSerial() },
        MechanismEntry(RandomDictator.descriptor) { _ in RandomDictator() },
        MechanismEntry(RandomDictatorship.descriptor) { _ in RandomDictatorship() },
        MechanismEntry(RandomPriority.descriptor) { _ in RandomPriority() },
        MechanismEntry(RandomRank.descriptor) { _ in RandomRank() },
        MechanismEntry(RandomSerialDictator.descriptor) { _ in RandomSerialDictator() },
        MechanismEntry(RandomizedNisanRonen.descriptor) { _ in RandomizedNisanRonen() },
        MechanismEntry(Rightmost.descriptor) { _ in Rightmost() },
        MechanismEntry(UCBMean.descriptor) { values in
            UCBMean(alpha: values["alpha"] ?? 2, log: values.confidenceLog("anytime_log"))
        },
        MechanismEntry(UCBS.descriptor) { values in
            UCBS(alpha: values["alpha"] ?? 2, log: values.confidenceLog("anytime_log"))
        },
        MechanismEntry(UCBUtility.descriptor) { values in
            UCBUtility(alpha: values["alpha"] ?? 2, log: values.confidenceLog("anytime_log"))
        },
        MechanismEntry(UniformPhantom.descriptor) { _ in UniformPhantom() },
        MechanismEntry(VCG.descriptor) { _ in VCG() },
        MechanismEntry(VCGReserve.descriptor) { values throws(MechanismError) in
            try VCGReserve(reserve: values["reserve"] ?? 0.5)
        },
    ]

    /// The registered derandomized variant of `base` (id `derandomized-<base id>`).
    static func derandomized<Base: UniformMixtureMechanism>(_ base: Base, _ method: DerandomizationMethod) -> MechanismEntry {
        MechanismEntry(DerandomizedMechanism<Base>.descriptor(base: base.descriptor, defaultMethod: method,
                                                        reportIndependent: base.seedSpaceIsReportIndependent)) { values in
            DerandomizedMechanism.make(base, default: method, values)
        }
    }

    /// Derandomized Partition with its default k = 2, l = 2.
    static func derandomizedPartition() -> MechanismEntry {
        let base = (try? PartitionMechanism()) ?? PartitionMechanism(validatedK: 2, clusters: 2)
        return derandomized(base, .gameFirst)
    }

    /// Derandomized Exact Dollar Partition with its default k = 2, l = 2 (partition by a move mod
    /// P, then the rounding by a move mod D).
    static func derandomizedExactDollarPartition() -> MechanismEntry {
        let base = (try? ExactDollarPartition()) ?? ExactDollarPartition(validatedK: 2, clusters: 2)
        return derandomized(base, .gameInterleaved)
    }

    /// The ids of all registered mechanisms, sorted.
    public static var ids: [String] { all.map(\.descriptor.id) }

    /// The entry with this id, or an error that suggests the closest id.
    public static func entry(_ id: String) throws(MechanismError) -> MechanismEntry {
        if let e = all.first(where: { $0.descriptor.id == id }) { return e }
        throw .unknownMechanism(id: id, suggestion: closestMatch(to: id, in: ids))
    }

    /// Builds the mechanism `id` with `values`.
    public static func make(_ id: String, _ values: ParameterValues = ParameterValues()) throws(MechanismError) -> any Mechanism {
        try entry(id).make(values)
    }

    /// Builds a position-auction mechanism, or says that `id` is of another domain.
    public static func makePositionAuction(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any PositionAuctionMechanism {
        let m = try make(id, values)
        guard let a = m as? any PositionAuctionMechanism else {
            throw .wrongDomain(mechanism: id, expected: .positionAuctions)
        }
        return a
    }

    /// Builds a click-bandit mechanism, or says that `id` is of another domain.
    public static func makeClickBandit(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any ClickBanditMechanism {
        try make(id, values, as: (any ClickBanditMechanism).self, domain: .strategicBandits)
    }

    /// Builds a linear-bandit mechanism, or says that `id` is of another domain.
    public static func makeLinearBandit(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any LinearBanditMechanism {
        try make(id, values, as: (any LinearBanditMechanism).self, domain: .strategicBandits)
    }

    /// Builds `id` as a `T`, or says that it is not a mechanism of `domain` of that kind.
    static func make<T>(_ id: String, _ values: ParameterValues, as type: T.Type, domain: Domain) throws(MechanismError) -> T {
        guard let m = try make(id, values) as? T else { throw .wrongDomain(mechanism: id, expected: domain) }
        return m
    }

    /// Builds a facility-location mechanism, or says that `id` is of another domain.
    public static func makeFacilityLocation(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any FacilityLocationMechanism {
        let m = try make(id, values)
        guard let f = m as? any FacilityLocationMechanism else {
            throw .wrongDomain(mechanism: id, expected: .facilityLocation)
        }
        return f
    }
}
