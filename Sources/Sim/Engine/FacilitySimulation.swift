import Mechanisms

/// A Monte Carlo study of facility-location mechanisms: profiles from a distribution (or an
/// explicit list), and for each mechanism the chosen metrics.
///
/// Every metric is computed exactly on each profile (from the mechanism's exact lottery or its
/// closed form); only the average over profiles is a Monte Carlo estimate.
public struct FacilitySimulation: Sendable {
    /// One mechanism and the metrics to compute for it.
    public struct Entry: Sendable {
        public let mechanism: any FacilityLocationMechanism
        public let metrics: [FacilityMetric]
        /// Whether a metric needs E[TC] or E[MC] (computed once per profile).
        let needsCosts: Bool
        /// The mechanism as a deterministic one, when it is: its location is computed once per
        /// profile and serves the location and both costs.
        let deterministic: (any DeterministicFacilityMechanism)?
        public init(_ mechanism: any FacilityLocationMechanism, metrics: [FacilityMetric]) {
            self.mechanism = mechanism
            self.metrics = metrics
            self.needsCosts = metrics.contains { $0 != .expectedLocation && $0 != .agentExpectedCosts }
            self.deterministic = mechanism.asDeterministic
        }
    }

    /// One output column: which mechanism, metric and (for per-agent costs) agent.
    public struct Slot: Sendable, Hashable {
        public var mechanism: String
        public var metric: FacilityMetric
        public var agent: Int?
        public var name: String {
            agent.map { "\(metric.rawValue)[\($0)]" } ?? metric.rawValue
        }
    }

    public var agents: Int
    public var distribution: ProfileDistribution
    public var count: Int
    public var seed: UInt64
    public var entries: [Entry]

    /// - Throws: `SimulationError` when a mechanism cannot run on `agents` agents, the
    ///   distribution's parameters are invalid, or an explicit profile has the wrong size.
    public init(agents: Int, distribution: ProfileDistribution, count: Int, seed: UInt64, entries: [Entry]) throws(SimulationError) {
        if let reason = distribution.validationError() { throw .invalidDistribution(reason) }
        if case .explicit(let profiles) = distribution {
            guard let n = profiles.first?.count, profiles.allSatisfy({ $0.count == n }) else {
                throw .invalidDistribution("explicit profiles must all have the same number of agents")
            }
            guard n == agents else {
                throw .invalidDistribution("explicit profiles have \(n) agents, the simulation \(agents)")
            }
            guard count == profiles.count else {
                throw .invalidDistribution("explicit distribution has \(profiles.count) profiles, count is \(count)")
            }
        }
        guard agents >= 1 else { throw .invalidAgents(agents) }
        guard count >= 1 else { throw .invalidCount(count) }
        for e in entries {
            do {
                try e.mechanism.validate(agentCount: agents)
            } catch {
                throw .mechanism(error)
            }
        }
        self.agents = agents
        self.distribution = distribution
        self.count = count
        self.seed = seed
        self.entries = entries
    }

    /// The output columns, in order.
    public var slots: [Slot] {
        var out: [Slot] = []
        for e in entries {
            for m in e.metrics {
                if m == .agentExpectedCosts {
                    for i in 0..<agents { out.append(Slot(mechanism: e.mechanism.label, metric: m, agent: i)) }
                } else {
                    out.append(Slot(mechanism: e.mechanism.label, metric: m, agent: nil))
                }
            }
        }
        return out
    }

    /// Runs this shard of the simulation.
    public func run(
        threads: Int = MonteCarloRunner.availableCores, shard: Shard = .whole, blocks: Range<Int>? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> [BlockResult] {
        let runner = MonteCarloRunner(count: count, seed: seed, threads: threads)
        let slotCount = slots.count
        let agents = self.agents
        let distribution = self.distribution
        let entries = self.entries
        return runner.run(
            slots: slotCount, shard: shard, blocks: blocks,
            makeWorkspace: { Workspace(agents: agents) },
            trial: { t, rng, ws, out in
                if case .explicit(let profiles) = distribution {
                    profiles[t].withUnsafeBufferPointer { ws.profile.reload(from: $0) }
                } else if case .uniform = distribution {
                    ws.profile.refill(count: agents) { rng.nextUnit() }
                } else {
                    ws.profile.refill(count: agents) { distribution.draw(using: &rng) }
                }
                Self.evaluate(entries, on: ws.profile, into: out)
            },
            progress: progress)
    }

    /// Computes every slot's value on one profile.
    @inline(__always)
    static func evaluate(_ entries: [Entry], on profile: FacilityProfile, into out: UnsafeMutableBufferPointer<Double>) {
        // Entries are read in place through a pointer: binding each entry (`for e in entries`)
        // copied its existentials and metric list on every profile.
        entries.withUnsafeBufferPointer { es in
            guard let first = es.baseAddress else { return }
            var s = 0
            var optTC = -1.0
            for e in es.indices {
                evaluate(first + e, on: profile, into: out, slot: &s, optimalTotalCost: &optTC)
            }
            // One slot per metric of every entry: the caller sized `out` from the same entries.
            assert(s <= out.count, "FacilitySimulation: \(s) metric slots written into \(out.count)")
        }
    }

    @inline(__always)
    private static func evaluate(
        _ entry: UnsafePointer<Entry>, on profile: FacilityProfile, into out: UnsafeMutableBufferPointer<Double>,
        slot s: inout Int, optimalTotalCost optTC: inout Double
    ) {
        let n = Double(profile.count)
        let y = entry.pointee.deterministic?.location(for: profile)
        let costs: FacilityCosts
        if !entry.pointee.needsCosts {
            costs = FacilityCosts(total: 0, maximum: 0)
        } else if let y {
            costs = FacilityCosts(total: profile.totalCost(at: y), maximum: profile.maxCost(at: y))
        } else {
            costs = entry.pointee.mechanism.expectedCosts(for: profile)
        }
        entry.pointee.metrics.withUnsafeBufferPointer { metrics in
            for m in metrics {
                switch m {
                case .expectedLocation:
                    out[s] = y ?? entry.pointee.mechanism.expectedLocation(for: profile)
                case .expectedTotalCost:
                    out[s] = costs.total
                case .expectedMaxCost:
                    out[s] = costs.maximum
                case .expectedSocialWelfare:
                    out[s] = n - costs.total
                case .totalCostRatio:
                    if optTC < 0 { optTC = profile.optimalTotalCost }
                    out[s] = ratio(costs.total, optTC)
                case .maxCostRatio:
                    out[s] = ratio(costs.maximum, profile.optimalMaxCost)
                case .socialWelfareRatio:
                    if optTC < 0 { optTC = profile.optimalTotalCost }
                    out[s] = (n - optTC) / (n - costs.total)
                case .agentExpectedCosts:
                    for c in entry.pointee.mechanism.agentExpectedCosts(for: profile) {
                        out[s] = c
                        s += 1
                    }
                    continue
                }
                s += 1
            }
        }
    }

    struct Workspace {
        var profile: FacilityProfile
        init(agents: Int) {
            profile = FacilityProfile(trusted: [Double](repeating: 0.5, count: agents))
        }
    }
}

/// Errors in setting up a simulation.
public enum SimulationError: Error, Sendable, CustomStringConvertible {
    case invalidDistribution(String)
    case invalidAgents(Int)
    case invalidCount(Int)
    case mechanism(MechanismError)

    public var description: String {
        switch self {
        case .invalidDistribution(let r): "Invalid profile distribution: \(r)."
        case .invalidAgents(let n): "The number of agents must be at least 1, got \(n)."
        case .invalidCount(let c): "The number of profiles must be at least 1, got \(c)."
        case .mechanism(let e): e.description
        }
    }
}
