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

/// A list of mechanisms, sorted by id, that scenario files, the CLI and the checks resolve ids
/// against.
///
/// `MechanismRegistry.standard` holds the mechanisms that ship with MechSim; it is the one
/// explicit list the CLI and the axiom-verification tests read. A library user extends a copy:
///
/// ```swift
/// var registry = MechanismRegistry.standard
/// try registry.register(MechanismEntry(ClampedMedian.descriptor) { _ in ClampedMedian() })
/// let scenarios = try Scenario.parseAll(yaml, file: "study.yaml", registry: registry)
/// ```
/// Properties: ids are unique (registering a taken id throws `MechanismError.duplicateMechanism`)
/// and `all` stays sorted by id. A registry is a value: registering into a copy leaves
/// `standard` unchanged.
public struct MechanismRegistry: Sendable {
    /// The entries, sorted by id.
    public private(set) var all: [MechanismEntry]

    /// An empty registry (a library user who wants only their own mechanisms).
    public init() { all = [] }

    /// A registry of `entries`; an error when two share an id.
    public init(_ entries: [MechanismEntry]) throws(MechanismError) {
        all = []
        for e in entries { try register(e) }
    }

    /// Adds `entry`, keeping the list sorted by id; an error when its id is taken.
    public mutating func register(_ entry: MechanismEntry) throws(MechanismError) {
        let id = entry.descriptor.id
        let i = all.firstIndex { $0.descriptor.id >= id } ?? all.count
        if i < all.count, all[i].descriptor.id == id { throw .duplicateMechanism(id: id) }
        all.insert(entry, at: i)
    }

    /// The mechanisms that ship with MechSim, sorted by id.
    public static let standard = MechanismRegistry(sorted: [
        MechanismEntry(Average.descriptor) { _ in Average() },
        MechanismEntry(AverageOrRandomRank.descriptor) { values throws(MechanismError) in
            try AverageOrRandomRank(p: values.real("p"))
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
            try ExactDollarPartition(k: values.integer("k"), clusters: values.integer("l"))
        },
        MechanismEntry(GGTM.descriptor) { _ in GGTM() },
        MechanismEntry(GSP.descriptor) { _ in GSP() },
        MechanismEntry(Leftmost.descriptor) { _ in Leftmost() },
        MechanismEntry(LinUCB.descriptor) { values throws(MechanismError) in
            LinUCB(lambda: try values.real("lambda"), beta: try values.real("beta"), warmup: try values.integer("warmup"))
        },
        MechanismEntry(LeftRightMiddle.descriptor) { _ in LeftRightMiddle() },
        MechanismEntry(Median.descriptor) { _ in Median() },
        MechanismEntry(Midpoint.descriptor) { _ in Midpoint() },
        MechanismEntry(Myerson.descriptor) { values throws(MechanismError) in
            Myerson(randomTieBreak: try values.flag("random_tie_break"))
        },
        MechanismEntry(OptGTM.descriptor) { values throws(MechanismError) in
            OptGTM(lambda: try values.real("lambda"), beta: try values.real("beta"),
                   lcbAfterUpdate: try values.flag("lcb_after_update"))
        },
        MechanismEntry(OptimalCorrelatedMechanism.descriptor) { _ in OptimalCorrelatedMechanism() },
        MechanismEntry(OptimalICMechanism.descriptor) { _ in OptimalICMechanism() },
        MechanismEntry(OptimalUncorrelatedMechanism.descriptor) { _ in OptimalUncorrelatedMechanism() },
        MechanismEntry(ClickOracle.descriptor) { _ in ClickOracle() },
        MechanismEntry(OrderStatistic.descriptor) { values throws(MechanismError) in
            try OrderStatistic(k: values.integer("k"))
        },
        MechanismEntry(PartitionMechanism.descriptor) { values throws(MechanismError) in
            try PartitionMechanism(k: values.integer("k"), clusters: values.integer("l"))
        },
        MechanismEntry(Phantom.descriptor) { values throws(MechanismError) in
            try Phantom(phantoms: values.reals("phantoms"))
        },
        MechanismEntry(ProbabilisticSerial.descriptor) { _ in ProbabilisticSerial() },
        MechanismEntry(RandomDictator.descriptor) { _ in RandomDictator() },
        MechanismEntry(RandomDictatorship.descriptor) { _ in RandomDictatorship() },
        MechanismEntry(RandomPairMajority.descriptor) { _ in RandomPairMajority() },
        MechanismEntry(RandomPriority.descriptor) { _ in RandomPriority() },
        MechanismEntry(RandomRank.descriptor) { _ in RandomRank() },
        MechanismEntry(RandomSerialDictator.descriptor) { _ in RandomSerialDictator() },
        MechanismEntry(RandomizedNisanRonen.descriptor) { _ in RandomizedNisanRonen() },
        MechanismEntry(Rightmost.descriptor) { _ in Rightmost() },
        MechanismEntry(UCBMean.descriptor) { values throws(MechanismError) in
            UCBMean(alpha: try values.real("alpha"), log: try values.confidenceLog("anytime_log"))
        },
        MechanismEntry(UCBS.descriptor) { values throws(MechanismError) in
            UCBS(alpha: try values.real("alpha"), log: try values.confidenceLog("anytime_log"))
        },
        MechanismEntry(UCBUtility.descriptor) { values throws(MechanismError) in
            UCBUtility(alpha: try values.real("alpha"), log: try values.confidenceLog("anytime_log"))
        },
        MechanismEntry(UniformPhantom.descriptor) { _ in UniformPhantom() },
        MechanismEntry(VCG.descriptor) { _ in VCG() },
        MechanismEntry(VCGReserve.descriptor) { values throws(MechanismError) in
            try VCGReserve(reserve: values.real("reserve"))
        },
    ])

    /// For the standard list, written sorted with unique ids (the registry tests check both).
    private init(sorted entries: [MechanismEntry]) { all = entries }

    /// The registered derandomized variant of `base` (id `derandomized-<base id>`).
    static func derandomized<Base: UniformMixtureMechanism>(_ base: Base, _ method: DerandomizationMethod) -> MechanismEntry {
        MechanismEntry(DerandomizedMechanism<Base>.descriptor(base: base.descriptor, defaultMethod: method,
                                                        reportIndependent: base.seedSpaceIsReportIndependent)) { values throws(MechanismError) in
            try DerandomizedMechanism.make(base, default: method, values)
        }
    }

    /// Derandomized Partition with the k and l defaults of `partition`'s descriptor.
    static func derandomizedPartition() -> MechanismEntry {
        let d = PartitionMechanism.descriptor
        return derandomized(PartitionMechanism(validatedK: d.defaultInteger("k"), clusters: d.defaultInteger("l")), .gameFirst)
    }

    /// Derandomized Exact Dollar Partition with the k and l defaults of `exact-dollar-partition`'s
    /// descriptor (partition by a move mod P, then the rounding by a move mod D).
    static func derandomizedExactDollarPartition() -> MechanismEntry {
        let d = ExactDollarPartition.descriptor
        return derandomized(ExactDollarPartition(validatedK: d.defaultInteger("k"), clusters: d.defaultInteger("l")), .gameInterleaved)
    }

    /// The ids of all registered mechanisms, sorted.
    public var ids: [String] { all.map(\.descriptor.id) }

    /// The entry with this id, or an error that suggests the closest id.
    public func entry(_ id: String) throws(MechanismError) -> MechanismEntry {
        if let e = all.first(where: { $0.descriptor.id == id }) { return e }
        throw .unknownMechanism(id: id, suggestion: closestMatch(to: id, in: ids))
    }

    /// Builds the mechanism `id` with `values` (defaults from its descriptor).
    public func make(_ id: String, _ values: ParameterValues = ParameterValues()) throws(MechanismError) -> any Mechanism {
        try entry(id).make(values)
    }

    /// Builds `id` as a `T`, or says that it is not a mechanism of `domain` of that kind.
    func make<T>(_ id: String, _ values: ParameterValues, as type: T.Type, domain: Domain) throws(MechanismError) -> T {
        guard let m = try make(id, values) as? T else { throw .wrongDomain(mechanism: id, expected: domain) }
        return m
    }

    /// Builds a facility-location mechanism, or says that `id` is of another domain.
    public func makeFacilityLocation(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any FacilityLocationMechanism {
        try make(id, values, as: (any FacilityLocationMechanism).self, domain: .facilityLocation)
    }

    /// Builds a position-auction mechanism, or says that `id` is of another domain.
    public func makePositionAuction(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any PositionAuctionMechanism {
        try make(id, values, as: (any PositionAuctionMechanism).self, domain: .positionAuctions)
    }

    /// Builds a click-bandit mechanism, or says that `id` is of another domain.
    public func makeClickBandit(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any ClickBanditMechanism {
        try make(id, values, as: (any ClickBanditMechanism).self, domain: .strategicBandits)
    }

    /// Builds a linear-bandit mechanism, or says that `id` is of another domain.
    public func makeLinearBandit(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any LinearBanditMechanism {
        try make(id, values, as: (any LinearBanditMechanism).self, domain: .strategicBandits)
    }
}

/// Conveniences for the standard registry only: each forwards to `MechanismRegistry.standard`
/// and never sees a mechanism a library user registered. Code that resolves ids on behalf of a
/// caller takes a `registry` parameter instead.
extension MechanismRegistry {
    /// `standard.all`.
    public static var all: [MechanismEntry] { standard.all }

    /// `standard.ids`.
    public static var ids: [String] { standard.ids }

    /// `standard.entry(id)`.
    public static func entry(_ id: String) throws(MechanismError) -> MechanismEntry { try standard.entry(id) }

    /// `standard.make(id, values)`.
    public static func make(_ id: String, _ values: ParameterValues = ParameterValues()) throws(MechanismError) -> any Mechanism {
        try standard.make(id, values)
    }

    /// `standard.makeFacilityLocation(id, values)`.
    public static func makeFacilityLocation(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any FacilityLocationMechanism {
        try standard.makeFacilityLocation(id, values)
    }

    /// `standard.makePositionAuction(id, values)`.
    public static func makePositionAuction(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any PositionAuctionMechanism {
        try standard.makePositionAuction(id, values)
    }

    /// `standard.makeClickBandit(id, values)`.
    public static func makeClickBandit(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any ClickBanditMechanism {
        try standard.makeClickBandit(id, values)
    }

    /// `standard.makeLinearBandit(id, values)`.
    public static func makeLinearBandit(
        _ id: String, _ values: ParameterValues = ParameterValues()
    ) throws(MechanismError) -> any LinearBanditMechanism {
        try standard.makeLinearBandit(id, values)
    }
}
