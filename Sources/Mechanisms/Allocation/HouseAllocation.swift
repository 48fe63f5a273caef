import Solvers

/// A house-allocation mechanism given as a uniform mixture: n agents, n items `0..<n`, each
/// report a strict ranking of all items (best first); the outcome gives each agent its item
/// (`outcome[i]` = item of agent i).
public protocol AllocationMechanism: UniformMixtureMechanism where Report == [Int], Outcome == [Int] {}

/// Shared pieces of the house-allocation mechanisms.
public enum HouseAllocation {
    /// Every report ranks the items `0..<n` once, n = number of agents >= 1.
    static func validate(_ reports: [[Int]]) throws(DerandomizationError) {
        let n = reports.count
        guard n >= 1 else { throw .invalidInput(path: "reports", expected: "at least one preference list") }
        for (i, r) in reports.enumerated() {
            guard r.count == n, Set(r) == Set(0..<n) else {
                throw .invalidInput(path: "reports[\(i)]", expected: "a ranking of the items 0...\(n - 1), each once, best first (as many items as agents), got \(r)")
            }
        }
    }

    /// Serial dictatorship: agents in `order` each take their best remaining item.
    public static func serialDictatorship(_ reports: [[Int]], order: [Int]) -> [Int] {
        var taken = Set<Int>()
        var assignment = Array(repeating: -1, count: reports.count)
        for agent in order {
            if let item = reports[agent].first(where: { !taken.contains($0) }) {
                assignment[agent] = item
                taken.insert(item)
            }
        }
        return assignment
    }

    /// True when no other assignment makes some agent better off and nobody worse off (checked
    /// by brute force over all n! assignments; small n only).
    public static func isParetoEfficient(_ assignment: [Int], reports: [[Int]]) -> Bool {
        let n = reports.count
        let rank = reports.map { r in Dictionary(uniqueKeysWithValues: r.enumerated().map { ($1, $0) }) }
        guard let total = try? SeedEncoding.factorial(n) else { return false }
        for s in 0..<total {
            let other = SeedEncoding.permutation(rank: s, count: n)
            var someBetter = false, someWorse = false
            for i in 0..<n {
                let a = rank[i][other[i]] ?? n, b = rank[i][assignment[i]] ?? n
                if a < b { someBetter = true } else if a > b { someWorse = true }
            }
            if someBetter && !someWorse { return false }
        }
        return true
    }

    /// The exact assignment matrix (agent × item probabilities) of a lottery over assignments.
    public static func assignmentMatrix(_ lottery: SlotLottery<[Int]>, agents n: Int) -> [[Rational]] {
        var counts = Array(repeating: Array(repeating: 0, count: n), count: n)
        for e in lottery.entries {
            for (i, item) in e.outcome.enumerated() where item >= 0 { counts[i][item] += e.count }
        }
        return counts.map { $0.map { Rational($0, lottery.total) } }
    }
}
