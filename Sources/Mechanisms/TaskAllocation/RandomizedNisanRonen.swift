import Solvers

/// The outcome of scheduling tasks on two machines with payments.
public struct TaskOutcome: Sendable, Hashable, CustomStringConvertible {
    /// The machine (0 or 1) each task goes to.
    public var allocation: [Int]
    /// The payment to each machine.
    public var payments: [Rational]

    public init(allocation: [Int], payments: [Rational]) {
        self.allocation = allocation
        self.payments = payments
    }

    /// The load of each machine under the true (or declared) `times[machine][task]`.
    public func loads(_ times: [[Rational]]) throws(RationalError) -> [Rational] {
        var load = [Rational.zero, .zero]
        for (j, i) in allocation.enumerated() { load[i] = try load[i].adding(times[i][j]) }
        return load
    }

    /// The makespan: the larger load.
    public func makespan(_ times: [[Rational]]) throws(RationalError) -> Rational {
        try loads(times).max() ?? .zero
    }

    public var description: String { "allocation \(allocation), payments \(payments)" }
}

/// A task-allocation mechanism given as a uniform mixture: two machines, each reporting its
/// processing time for every task (exact rationals).
public protocol TaskAllocationMechanism: UniformMixtureMechanism where Report == [Rational], Outcome == TaskOutcome {}

/// Nisan and Ronen's randomly biased min-work mechanism for two machines, β = 4/3: for each task
/// independently a uniformly random machine i is favoured (i' is the other).
///
/// ```
/// t_i^j <= β·t_{i'}^j:  task j to i, paid β·t_{i'}^j      (ties go to the favoured machine)
/// otherwise:            task j to i', paid t_i^j / β
/// component s ∈ Z_{2^k}: favoured machine of task j = bit j of s, task 0 most significant
/// interleaved steps: 2, 2, …, 2 (one parity game per task: favoured_j = (b_{0,j} + b_{1,j}) mod 2)
/// ```
/// Properties: every biased mechanism is truthful (universally truthful); expected makespan at
/// most 7/4 of the optimum (Nisan and Ronen 2001), attained by worked instance T-1
/// (t_0 = (1, 4/3), t_1 = (4/3, 1): makespans 7/3, 1, 4/3, 7/3, mean 7/4). Individually rational
/// for truthful machines on every component. Not deterministic-optimal: any deterministic truthful
/// mechanism is no better than a 2-approximation.
/// References: Nisan and Ronen (2001), Fig. 1 / Def. 17; Walsh (2024), arXiv 2308.10413 (7/4 survives
/// derandomization, per summaries of the paper; docs/reconstructions.md#parity-game-per-task).
public struct RandomizedNisanRonen: TaskAllocationMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "randomized-nisan-ronen", name: "Randomly biased min-work (Nisan-Ronen)", domain: .taskAllocation,
        summary: "Per task a uniformly favoured machine wins unless 4/3 times slower; second-price-style payments.",
        isRandomized: true,
        references: [DerandomizedPapers.nisanRonen2001, DerandomizedPapers.walsh2024],
        claims: [
            Claim("universal-truthfulness", .satisfies, source: "Nisan and Ronen (2001): each biased mechanism is truthful"),
            Claim("makespan-7/4-approximation", .satisfies, source: "Nisan and Ronen (2001), the randomized biased min-work mechanism for two machines; the worked instance T-1 attains 7/4 (DerandomizedSpecExamplesTests)"),
            Claim("individual-rationality", .satisfies, source: "derived from the payment rule: each payment is at least the declared time of the tasks received"),
        ])

    /// β = 4/3.
    public static let beta = Rational(4, 3)

    public init() {}
    public var descriptor: MechanismDescriptor { Self.descriptor }

    public func validate(_ reports: [[Rational]]) throws(DerandomizationError) {
        guard reports.count == 2 else { throw .invalidInput(path: "reports", expected: "two machines' time vectors, got \(reports.count)") }
        guard reports[0].count == reports[1].count, !reports[0].isEmpty else {
            throw .invalidInput(path: "reports[1]", expected: "as many task times as reports[0] (at least one)")
        }
        guard reports[0].count <= 20 else { throw .invalidInput(path: "reports[0]", expected: "at most 20 tasks") }
        for (i, r) in reports.enumerated() {
            for (j, t) in r.enumerated() where t <= .zero {
                throw .invalidInput(path: "reports[\(i)][\(j)]", expected: "a positive time, got \(t)")
            }
        }
    }

    public func stepModuli(for reports: [[Rational]]) throws(DerandomizationError) -> [Int] {
        Array(repeating: 2, count: reports.first?.count ?? 0)
    }

    public func component(_ seed: Int, for reports: [[Rational]]) throws(DerandomizationError) -> TaskOutcome {
        let k = reports[0].count
        let favoured = SeedEncoding.choices(slot: seed, moduli: Array(repeating: 2, count: k))
        do { return try Self.biased(reports, favoured: favoured) } catch { throw .overflow("Nisan-Ronen payments: \(error)") }
    }

    /// The biased min-work mechanism for a fixed favoured machine per task.
    public static func biased(_ t: [[Rational]], favoured: [Int]) throws(RationalError) -> TaskOutcome {
        var allocation: [Int] = []
        var payments = [Rational.zero, .zero]
        for (j, i) in favoured.enumerated() {
            let other = 1 - i
            let threshold = try beta.multiplied(by: t[other][j])
            if t[i][j] <= threshold {
                allocation.append(i)
                payments[i] = try payments[i].adding(threshold)
            } else {
                allocation.append(other)
                payments[other] = try payments[other].adding(try t[i][j].divided(by: beta))
            }
        }
        return TaskOutcome(allocation: allocation, payments: payments)
    }

    /// The optimal makespan (brute force over the 2^k allocations).
    public static func optimalMakespan(_ t: [[Rational]]) throws(RationalError) -> Rational {
        let k = t[0].count
        var best: Rational?
        for code in 0..<(1 << k) {
            let alloc = SeedEncoding.choices(slot: code, moduli: Array(repeating: 2, count: k))
            let m = try TaskOutcome(allocation: alloc, payments: []).makespan(t)
            if let b = best, b <= m { continue }
            best = m
        }
        return best ?? .zero
    }
}
