/// A peer-selection mechanism given as a uniform mixture: each agent reports a score row
/// (`report[j]` = its score for agent j; its own entry is ignored); the outcome is the sorted
/// list of selected agents.
public protocol PeerSelectionMechanism: UniformMixtureMechanism where Report == [Double], Outcome == [Int] {}

/// The parameters shared by the peer-selection mechanisms: k selected, l clusters (default 2, 2).
enum PeerSelectionParameters {
    static func specs(k: String, l: String) -> [ParameterSpec] {
        [ParameterSpec(name: "k", kind: .integer, summary: k, defaultValue: 2, minimum: 1),
         ParameterSpec(name: "l", kind: .integer, summary: l, defaultValue: 2, minimum: 1)]
    }
}

/// The Partition mechanism: agents are split uniformly at random into ℓ clusters of equal size;
/// from each cluster the k/ℓ agents with the highest total score from agents *outside* the
/// cluster are selected (ties to the lower index).
///
/// ```
/// component s ∈ Z_P: partition π_s of SeedEncoding.balancedPartitions(n, ℓ);  in cluster C select
/// the k/ℓ agents a maximising Σ_{i ∉ C} S[i][a]
/// ```
/// Properties: impartial for every fixed partition (an agent's own scores never change whether it
/// is selected), hence impartial ex post and in the uniform equilibrium; exactly k selected.
/// Worked instance P-1: n = 4, k = 2, ℓ = 2, probabilities (2/3, 2/3, 2/3, 0). Not optimal: it can miss the
/// k highest-scored agents when they share a cluster.
/// References: Alon, Fischer, Procaccia and Tennenholtz (2011); Walsh (2024) (reconstructed, §2.5).
public struct PartitionMechanism: PeerSelectionMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "partition", name: "Partition (peer selection)", domain: .peerSelection,
        summary: "A uniform balanced partition; each cluster selects its top k/l by scores from outside it.",
        isRandomized: true,
        parameters: PeerSelectionParameters.specs(k: "agents selected; a multiple of l", l: "clusters; divides n and k"),
        references: [DerandomizedPapers.alonEtAl2011, DerandomizedPapers.walsh2024],
        claims: [
            Claim("impartiality", .satisfies, source: "Alon et al. (2011)"),
            Claim("universal-truthfulness", .satisfies,
                  source: "impartial for every partition, so with utility 1 if selected no report of an agent changes its own outcome"),
            Claim("exactly-k-selected", .satisfies, source: "derived: k/l from each cluster, when l divides k"),
        ],
        reconstruction: "The canonical partition list (smallest agent first, companions in lexicographic order) is ours (docs/reconstructions.md#seed-encodings).")

    public let k: Int
    public let clusters: Int

    public init(k: Int = PartitionMechanism.descriptor.defaultInteger("k"),
                clusters: Int = PartitionMechanism.descriptor.defaultInteger("l")) throws(MechanismError) {
        guard clusters >= 1, k >= clusters, k % clusters == 0 else {
            throw .invalidParameter(mechanism: Self.descriptor.id, name: "k", value: Double(k), expected: "a positive multiple of l = \(clusters)")
        }
        self.k = k
        self.clusters = clusters
    }

    /// For parameters already checked (k a positive multiple of clusters).
    init(validatedK k: Int, clusters: Int) {
        self.k = k
        self.clusters = clusters
    }

    public var descriptor: MechanismDescriptor { Self.descriptor }
    public var parameters: ParameterValues { ParameterValues(["k": Double(k), "l": Double(clusters)]) }

    public func validate(_ reports: [[Double]]) throws(DerandomizationError) {
        let n = reports.count
        guard n >= clusters, n % clusters == 0, k / clusters <= n / clusters else {
            throw .invalidInput(path: "reports", expected: "a number of agents divisible by l = \(clusters) with at least k/l = \(k / clusters) per cluster, got \(n)")
        }
        for (i, r) in reports.enumerated() {
            guard r.count == n, r.allSatisfy(\.isFinite) else {
                throw .invalidInput(path: "reports[\(i)]", expected: "\(n) finite scores (own entry ignored)")
            }
        }
    }

    public func stepModuli(for reports: [[Double]]) throws(DerandomizationError) -> [Int] {
        guard reports.count <= 12 else { throw .seedSpaceTooLarge("more than 12 agents to partition") }
        return [SeedEncoding.balancedPartitions(agents: reports.count, clusters: clusters).count]
    }

    public func component(_ seed: Int, for reports: [[Double]]) throws(DerandomizationError) -> [Int] {
        let partition = SeedEncoding.balancedPartitions(agents: reports.count, clusters: clusters)[seed]
        return Self.select(reports, partition: partition, perCluster: k / clusters)
    }

    /// The selection for a fixed partition.
    public static func select(_ reports: [[Double]], partition: [[Int]], perCluster q: Int) -> [Int] {
        var selected: [Int] = []
        for cluster in partition {
            let score = { (a: Int) -> Double in
                reports.indices.filter { !cluster.contains($0) }.reduce(0) { $0 + reports[$1][a] }
            }
            let ranked = cluster.sorted { (score($0), -$0) > (score($1), -$1) }
            selected += ranked.prefix(q)
        }
        return selected.sorted()
    }
}
