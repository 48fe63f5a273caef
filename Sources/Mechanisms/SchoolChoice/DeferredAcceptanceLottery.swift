/// A school-choice mechanism given as a uniform mixture: each report is a student's strict
/// preference list over schools (best first, unlisted schools unacceptable); the outcome gives
/// each student its school (`-1` for none).
public protocol SchoolChoiceMechanism: UniformMixtureMechanism where Report == [Int], Outcome == [Int] {}

/// The schools of a school-choice instance: capacities and weak priorities.
public struct SchoolChoiceInstance: Sendable, Hashable {
    /// Seats of each school.
    public var capacities: [Int]
    /// For each school, its priority classes, highest first; a student missing from every class
    /// of a school is in an implicit last class. Empty: one class for everybody.
    public var priorityClasses: [[[Int]]]

    public init(capacities: [Int], priorityClasses: [[[Int]]] = []) {
        self.capacities = capacities
        self.priorityClasses = priorityClasses
    }

    /// Worked instance S-1: schools A (1 seat), B (1), C (2); A ranks
    /// student 3 above {0, 1, 2}; B and C have one class.
    public static let exampleS1 = SchoolChoiceInstance(capacities: [1, 1, 2], priorityClasses: [[[3], [0, 1, 2]], [], []])

    /// The priority class of `student` at `school` (0 = highest).
    public func priorityClass(of student: Int, at school: Int) -> Int {
        let classes = school < priorityClasses.count ? priorityClasses[school] : []
        return classes.firstIndex { $0.contains(student) } ?? classes.count
    }
}

/// Deferred acceptance with single lottery tie-breaking (DA-STB): a uniform order of students
/// breaks ties inside every school's priority classes, then student-proposing deferred acceptance.
///
/// ```
/// component s ∈ Z_{n!}: order = unrank(s);  school c ranks student a by (class_c(a), position of a in order)
/// outcome = student-proposing DA with these strict priorities
/// ```
/// Properties: for every order, strategyproof for students, stable w.r.t. the weak priorities
/// (no justified envy) and non-wasteful; ex ante, equal treatment of students with equal lists
/// and classes. Worked instance S-1: probabilities s0: B 1/2, C 1/2; s1: C 1; s2: B 1/2, C 1/2; s3: A 1.
/// Not ex-post efficient for students (tie-breaking can cost efficiency; Abdulkadiroğlu et al. 2009).
/// References: Abdulkadiroğlu, Pathak and Roth (2009); Walsh (2024), arXiv 2308.10413
/// (reconstructed: docs/reconstructions.md#derandomized-domains).
public struct DeferredAcceptanceLottery: SchoolChoiceMechanism {
    public static let descriptor = MechanismDescriptor(
        id: "deferred-acceptance-lottery", name: "Deferred acceptance, lottery tie-breaking", domain: .schoolChoice,
        summary: "Student-proposing DA after a uniform single lottery breaks ties in school priorities.",
        isRandomized: true,
        references: [DerandomizedPapers.abdulkadirogluPathakRoth2009, DerandomizedPapers.walsh2024],
        claims: [
            Claim("universal-truthfulness", .satisfies, source: "DA with strict priorities is strategyproof for students"),
            Claim("ex-post-stability", .satisfies, source: "derived: every tie-breaking order gives a stable matching (worked instance S-1)"),
        ])

    public let instance: SchoolChoiceInstance?

    /// `instance` nil: one seat per school and no priorities (every school is one class).
    public init(instance: SchoolChoiceInstance? = nil) { self.instance = instance }
    public var descriptor: MechanismDescriptor { Self.descriptor }

    /// The instance in force for `reports`.
    public func schools(for reports: [[Int]]) -> SchoolChoiceInstance {
        instance ?? SchoolChoiceInstance(capacities: Array(repeating: 1, count: (reports.flatMap { $0 }.max() ?? -1) + 1))
    }

    public func validate(_ reports: [[Int]]) throws(DerandomizationError) {
        guard !reports.isEmpty else { throw .invalidInput(path: "reports", expected: "at least one student's list") }
        let c = schools(for: reports).capacities.count
        for (i, r) in reports.enumerated() {
            guard Set(r).count == r.count, r.allSatisfy({ (0..<c).contains($0) }) else {
                throw .invalidInput(path: "reports[\(i)]", expected: "distinct schools among 0...\(c - 1), best first, got \(r)")
            }
        }
        if let instance, instance.capacities.contains(where: { $0 < 0 }) {
            throw .invalidInput(path: "instance.capacities", expected: "non-negative seat counts")
        }
    }

    public func stepModuli(for reports: [[Int]]) throws(DerandomizationError) -> [Int] {
        _ = try SeedEncoding.factorial(reports.count)
        return SeedEncoding.permutationModuli(reports.count)
    }

    public func component(_ seed: Int, for reports: [[Int]]) throws(DerandomizationError) -> [Int] {
        let order = SeedEncoding.permutation(rank: seed, count: reports.count)
        return Self.deferredAcceptance(reports, schools: schools(for: reports), order: order)
    }

    /// Student-proposing DA, ties inside priority classes broken by position in `order`.
    public static func deferredAcceptance(_ reports: [[Int]], schools: SchoolChoiceInstance, order: [Int]) -> [Int] {
        let n = reports.count
        var position = Array(repeating: 0, count: n)
        for (p, a) in order.enumerated() { position[a] = p }
        func key(_ a: Int, _ c: Int) -> (Int, Int) { (schools.priorityClass(of: a, at: c), position[a]) }
        var next = Array(repeating: 0, count: n)
        var held = Array(repeating: [Int](), count: schools.capacities.count)
        var free = Array(0..<n)
        while let a = free.popLast() {
            guard next[a] < reports[a].count else { continue }
            let c = reports[a][next[a]]
            next[a] += 1
            held[c].append(a)
            held[c].sort { key($0, c) < key($1, c) }
            if held[c].count > schools.capacities[c] { free.append(held[c].removeLast()) }
        }
        var matching = Array(repeating: -1, count: n)
        for (c, students) in held.enumerated() { for a in students { matching[a] = c } }
        return matching
    }

    /// True when the matching has no justified envy w.r.t. the weak priorities (a student who
    /// prefers school c to its own while c holds someone of a strictly lower class, or has a
    /// free seat) — stability and non-wastefulness together.
    public static func isStable(_ matching: [Int], reports: [[Int]], schools: SchoolChoiceInstance) -> Bool {
        for (a, r) in reports.enumerated() {
            let own = matching[a] < 0 ? r.count : (r.firstIndex(of: matching[a]) ?? r.count)
            for c in r.prefix(own) {
                let holders = matching.indices.filter { matching[$0] == c }
                if holders.count < schools.capacities[c] { return false }
                if holders.contains(where: { schools.priorityClass(of: $0, at: c) > schools.priorityClass(of: a, at: c) }) { return false }
            }
        }
        return true
    }
}
