import Foundation
import Mechanisms
import Solvers

/// Automated design of position auctions with discrete independent values: the revenue- (or
/// welfare-) optimal mechanism under dominant-strategy incentive compatibility and ex-post
/// individual rationality, as a linear program with the payments as variables (Conitzer and
/// Sandholm 2002).
///
/// ```
/// variables   x_ij(v) >= 0  (advertiser i at position j on the value profile v), t_i(v) free
///             Σ_j x_ij(v) <= 1,  Σ_i x_ij(v) <= 1,  Σ_ij x_ij(v) <= cap
///             π_i(v) = Σ_j ctr_ij x_ij(v)    (no externalities: separable or independent CTRs)
/// dsic        v_i π_i(v) - t_i(v) >= v_i π_i(w, v_-i) - t_i(w, v_-i)   for every w in V_i
/// ir          v_i π_i(v) - t_i(v) >= 0
/// objective   revenue  max Σ_v Pr(v) Σ_i t_i(v);   welfare  max Σ_v Pr(v) Σ_i v_i π_i(v)
/// ```
/// Misreports range over each advertiser's support (a finite type space). On these values the
/// optimal revenue equals Myerson's (1981) optimal auction with discrete (ironed) virtual values;
/// `myersonRevenue` evaluates the registered `myerson` mechanism on every profile to compare.
///
/// What does not hold: externalities (MNL, cascade) make π nonlinear in the placement; those
/// user models are refused.
public enum AuctionDesign {
    public enum Objective: String, Sendable, Hashable, CaseIterable {
        case revenue, welfare
    }

    /// The axioms that are constraints here.
    public static let axiomIDs = [AuctionAxiomID.dsic, AuctionAxiomID.individualRationality]

    public struct Request: Sendable {
        /// The instance: CTRs (separable or independent), cap and each advertiser's discrete values.
        public var instance: AuctionInstance
        public var axioms: [String]
        public var objective: Objective
        public init(instance: AuctionInstance, axioms: [String], objective: Objective) {
            self.instance = instance
            self.axioms = axioms
            self.objective = objective
        }
    }

    public struct Result: Sendable {
        public var status: String
        public var optimum: Rational?
        public var optimumDecimal: Double?
        public var exact: Bool
        public var exactNote: String
        /// Myerson's expected revenue on the same values (exact lotteries over the profiles).
        public var myersonRevenue: Double?
        /// The designed auction: allocation lotteries and payments per value profile (exact
        /// fractions when `exact`; nil unless the status is optimal).
        public var mechanism: TabulatedAuction?
        /// The designed auction checked by the ordinary checkers of the requested axioms over the
        /// whole type space (every profile of the supports, every misreport in them).
        public var checks: [(axiom: String, verdict: AuctionVerdict)]
        public var variables: Int
        public var constraints: Int
        public var seconds: Double
    }

    /// The supports and masses of the instance's discrete values, or an error.
    static func supports(_ x: AuctionInstance) throws(FacilityDesign.DesignError) -> [(values: [Double], masses: [Double])] {
        guard let values = x.values else { throw .invalid("the auction instance needs 'values': one discrete distribution per advertiser.") }
        return try values.enumerated().map { i, d throws(FacilityDesign.DesignError) in
            guard case let .discrete(v, p) = d else { throw .invalid("values[\(i)] must be a discrete distribution (values and probabilities) for the design LP.") }
            let kept = zip(v, p).filter { $0.1 > 0 }
            return (kept.map(\.0), kept.map(\.1))
        }
    }

    /// The axioms of the request as constraints (declared beside their checkers), or the
    /// refusal naming the first that is not one.
    static func constraints(_ ids: [String]) throws(FacilityDesign.DesignError) -> [any LinearAuctionAxiom] {
        for id in ids where !AuctionAxioms.linear.contains(where: { $0.id == id }) {
            if AuctionAxioms.catalogue.contains(where: { $0.id == id }) {
                throw .notAConstraint(axiom: id, reason: "it is not a linear constraint of the auction design LP (the constraints are \(axiomIDs.joined(separator: ", "))).")
            }
            throw .invalid("Unknown position-auction axiom '\(id)'; expected one of: \(axiomIDs.joined(separator: ", ")).")
        }
        return AuctionAxioms.linear.filter { ids.contains($0.id) }
    }

    public static func design(_ request: Request) throws(FacilityDesign.DesignError) -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let x = request.instance
        switch x.userModel {
        case .separable, .independent: break
        default: throw .invalid("the design LP needs CTRs without externalities (separable or independent), not \(x.userModel.id).")
        }
        let axioms = try constraints(request.axioms)
        let support = try supports(x)
        let n = x.advertiserCount, m = x.positionCount
        let space = try AuctionTypeSpace(x, supports: support.map(\.values))
        let profiles = space.profiles
        guard Double(profiles.count) * Double(n * m + n) <= 2_000_000 else {
            throw .tooLarge("The auction design LP has \(profiles.count.formatted()) value profiles and about \(SizeLimits.countText(Double(profiles.count) * Double(n * m + n))) variables, more than 2,000,000; use fewer values or advertisers.")
        }
        var index: [[Int]: Int] = [:]
        for (k, p) in profiles.enumerated() { index[p] = k }
        let perProfile = n * m + n
        func xVar(_ k: Int, _ i: Int, _ j: Int) -> Int { k * perProfile + i * m + j }
        func tVar(_ k: Int, _ i: Int) -> Int { k * perProfile + n * m + i }
        func column(_ v: AuctionRow.Variable) -> Int {
            switch v {
            case .allocation(let p, let i, let j): xVar(index[p]!, i, j)
            case .payment(let p, let i): tVar(index[p]!, i)
            }
        }
        // Products of the data are formed in rational arithmetic and rounded once, so that each
        // coefficient is the double nearest to its exact value (0.1 · 0.4 is 1/25, not
        // 0.04000000000000001) and the exact check reads the intended program.
        func product(_ factors: [Double]) -> Double {
            var r = Rational.one
            for f in factors {
                guard let q = try? Rational(roundTripping: f), let next = try? r.multiplied(by: q) else { return factors.reduce(1, *) }
                r = next
            }
            return r.doubleValue
        }
        var lp = LinearProgram(sense: .maximize)
        for (k, p) in profiles.enumerated() {
            let probability = product(p.enumerated().map { support[$0.offset].masses[$0.element] })
            for i in 0..<n {
                for j in 0..<m {
                    let weight = request.objective == .welfare ? product([probability, support[i].values[p[i]], x.ctr[i][j]]) : 0
                    lp.addVariable(lower: 0, upper: .infinity, name: "x\(k)_\(i)_\(j)", objective: weight)
                }
            }
            for i in 0..<n {
                lp.addVariable(lower: -.infinity, upper: .infinity, name: "t\(k)_\(i)", objective: request.objective == .revenue ? probability : 0)
            }
            for i in 0..<n { lp.addConstraint((0..<m).map { (xVar(k, i, $0), 1.0) }, .lessOrEqual(1), name: "one position per advertiser") }
            for j in 0..<m { lp.addConstraint((0..<n).map { (xVar(k, $0, j), 1.0) }, .lessOrEqual(1), name: "one advertiser per position") }
            if x.cap < min(n, m) {
                lp.addConstraint((0..<n).flatMap { i in (0..<m).map { (xVar(k, i, $0), 1.0) } }, .lessOrEqual(Double(x.cap)), name: "cap")
            }
        }
        // The axioms' rows, as each declares them beside its checker.
        for p in profiles {
            for i in 0..<n {
                for axiom in axioms {
                    for row in axiom.rows(at: p, advertiser: i, in: space) {
                        let terms = row.terms.map { (column($0.variable), $0.coefficient.doubleValue) }
                        let bound = row.bound.doubleValue
                        let relation: LinearProgram.Constraint.Bound = switch row.relation {
                        case .lessOrEqual: .lessOrEqual(bound)
                        case .equal: .equal(bound)
                        case .greaterOrEqual: .greaterOrEqual(bound)
                        }
                        lp.addConstraint(terms, relation, name: axiom.id)
                    }
                }
            }
        }
        let solution: LPSolution
        do { solution = try GLPKSolver(method: .dualSimplex).solve(lp) } catch { throw .solver(error.description) }
        var result = Result(status: solution.status.rawValue, optimum: nil, optimumDecimal: nil, exact: false, exactNote: "",
                            myersonRevenue: nil, mechanism: nil, checks: [], variables: lp.variables.count, constraints: lp.constraints.count, seconds: 0)
        if solution.status == .optimal {
            result.optimumDecimal = solution.objective
            let confirmation = DesignCertificate.confirm(lp, solution)
            var point = confirmation.point
            result.exactNote = confirmation.note
            if let exactPoint = point {
                var value = Rational.zero
                do {
                    for j in exactPoint.indices where exactPoint[j].signum != 0 && lp.objective[j] != 0 {
                        value = try value.adding(try exactPoint[j].multiplied(by: try Rational(roundTripping: lp.objective[j])))
                    }
                    result.optimum = value
                    result.exact = true
                } catch {
                    result.exactNote = "Not confirmed exactly: rational arithmetic overflowed."
                }
            }
            // The designed auction: the exact point, or the float point read as fractions.
            if point == nil { point = try? solution.primal.map { try Rational(roundTripping: $0) } }
            if let point {
                let entries = profiles.enumerated().map { k, p in
                    TabulatedAuction.Entry(profile: p, allocation: (0..<n).map { i in (0..<m).map { point[xVar(k, i, $0)] } },
                                           payments: (0..<n).map { point[tVar(k, $0)] })
                }
                let table = TabulatedAuction(space: space, entries: entries)
                result.mechanism = table
                result.checks = request.axioms.map { (axiom: $0, verdict: AuctionAxioms.check(table, axiom: $0, instance: x)) }
            }
            // Myerson's expected revenue on the same profiles.
            var revenue = 0.0
            var ok = request.objective == .revenue
            for p in profiles where ok {
                var probability = 1.0
                for (i, a) in p.enumerated() { probability *= support[i].masses[a] }
                let bids = p.enumerated().map { support[$0.offset].values[$0.element] }
                guard let o = try? Myerson().outcome(x, bids: bids) else { ok = false; break }
                revenue += probability * o.payments.reduce(0, +)
            }
            if ok { result.myersonRevenue = revenue }
        } else if solution.status == .unbounded {
            result.exactNote = "The objective is unbounded under these axioms (without individual rationality, payments can grow without limit)."
        }
        result.seconds = (clock.now - start).seconds
        return result
    }
}

extension AuctionDesign.Result {
    public var optimumText: String {
        if let optimum, exact { return optimum.description }
        return optimumDecimal.map { NumberFormatting.short($0) } ?? "-"
    }

    public func json(request: AuctionDesign.Request, includeMechanism: Bool = true, includeTimes: Bool = true) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("domain", .string("position-auctions")),
            ("advertisers", .integer(request.instance.advertiserCount)),
            ("positions", .integer(request.instance.positionCount)),
            ("axioms", .array(request.axioms.map { .string($0) })),
            ("objective", .string(request.objective.rawValue)),
            ("status", .string(status)),
            ("optimum", optimum.map { .string(exact ? $0.description : NumberFormatting.short($0.doubleValue)) } ?? .null),
            ("optimum_decimal", optimumDecimal.map { .number($0) } ?? .null),
            ("exact", .bool(exact)),
            ("exact_note", .string(exactNote)),
            ("mechanism", includeMechanism ? mechanismJSON : .null),
            ("checks", checksJSON),
            ("compared", .array(myersonRevenue.map { [.object([("mechanism", .string("myerson")), ("value", .number($0)),
                                                               ("optimal", .bool(abs($0 - (optimumDecimal ?? .nan)) <= 1e-9))])] } ?? [])),
            ("variables", .integer(variables)),
            ("constraints", .integer(constraints)),
        ]
        if includeTimes { pairs.append(("seconds", .number(seconds))) }
        return .object(pairs)
    }

    /// The designed auction, one entry per value profile: the values, x_ij and t_i as fractions.
    public var mechanismJSON: JSONValue {
        guard let t = mechanism else { return .null }
        var entries: [JSONValue] = []
        for e in t.entries {
            let profile: [JSONValue] = e.profile.enumerated().map { .string(t.space.values[$0.offset][$0.element].description) }
            let allocation: [JSONValue] = e.allocation.map { row in .array(row.map { .string($0.description) }) }
            let payments: [JSONValue] = e.payments.map { .string($0.description) }
            entries.append(.object([("profile", .array(profile)), ("allocation", .array(allocation)), ("payments", .array(payments))]))
        }
        return .array(entries)
    }

    /// The ordinary checks of the designed auction: axiom, verdict, and the witness or reason.
    public var checksJSON: JSONValue {
        var out: [JSONValue] = []
        for c in checks {
            var fields: [(String, JSONValue)] = [("axiom", .string(c.axiom)), ("verdict", .string(Self.verdictID(c.verdict)))]
            if let w = c.verdict.witness { fields.append(("witness", .string(w.description))) }
            if case .inconclusive(let reason) = c.verdict { fields.append(("reason", .string(reason))) }
            out.append(.object(fields))
        }
        return .array(out)
    }

    /// `holds` when the checker found no violation: over a finite type space every profile and
    /// every misreport in the supports was tried, so nothing is left unchecked.
    public static func verdictID(_ v: AuctionVerdict) -> String {
        if case .noViolationFound = v { return "holds" }
        return v.id
    }

    /// The checks as one line ("dsic holds, individual-rationality holds").
    public var checksText: String {
        checks.map { "\($0.axiom) \(Self.verdictID($0.verdict))" + ($0.verdict.witness.map { " (\($0.detail))" } ?? "") }.joined(separator: ", ")
    }

    public func text(request: AuctionDesign.Request, includeTimes: Bool = true) -> String {
        var out = "Design: position auction, \(request.instance.advertiserCount) advertisers, \(request.instance.positionCount) positions, discrete values\n"
        out += "Axioms: \(request.axioms.joined(separator: ", "))\nObjective: expected \(request.objective.rawValue)\nStatus: \(status)\n"
        if status == "optimal" {
            out += "Optimum: \(optimumText) (\(NumberFormatting.short(optimumDecimal ?? .nan)))\(exact ? ", exact" : ", not confirmed exactly")\n  \(exactNote)\n"
            if let r = myersonRevenue {
                out += "  myerson \(NumberFormatting.short(r)): \(abs(r - (optimumDecimal ?? .nan)) <= 1e-9 ? "optimal" : "not optimal")\n"
            }
            if !checks.isEmpty {
                out += "Designed auction, ordinary checkers over every profile and misreport of the supports: \(checksText)\n"
            }
        } else if !exactNote.isEmpty {
            out += "  \(exactNote)\n"
        }
        out += "Program: \(variables.formatted()) variables, \(constraints.formatted()) constraints" + (includeTimes ? "; \(String(format: "%.3f", seconds)) s" : "") + "\n"
        return out
    }
}
