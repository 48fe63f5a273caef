import Mechanisms

/// `mechsim list claims`: one row per mechanism and claimed axiom, with the verdict the
/// descriptor claims, where the claim comes from (`paper`, `derived`, `reconstruction`) and the
/// check that covers it.
public enum ClaimListing {
    public struct Row: Sendable, Hashable {
        public var mechanism: String
        public var domain: Domain
        public var axiom: String
        /// `satisfies` or `violates`.
        public var verdict: String
        public var provenance: ClaimProvenance
        /// The descriptor's source sentence.
        public var source: String
        /// The test (and command) that checks the claim, or a sentence saying none does.
        public var check: String
    }

    /// The test that checks the claims of a domain's mechanisms, and the command that reruns one;
    /// followed by the theorem-level check that also covers the claim, when there is one
    /// (`theoremChecks`).
    public static func check(domain: Domain, mechanism id: String, axiom: String) -> String {
        let base = domainCheck(domain: domain, mechanism: id, axiom: axiom)
        guard let extra = theoremChecks["\(id)/\(axiom)"] else { return base }
        return base + "; also " + extra
    }

    /// Checks of a paper's theorems that cover a claim beyond the per-domain claim test, by
    /// "mechanism/axiom".
    public static let theoremChecks: [String: String] = {
        let phantom = "scenario scenarios/papers/aziz2021-proportional-facility/theorem-phantom-characterizations.yaml (phantom-sp-characterizations: among all anonymous phantom rules on the grid only Uniform Phantom is PF, UFS, proportional + unanimous)"
        let envelope = "test RevenueTheoremsTests \"revenue identity: VCG's and Myerson's payments equal the envelope formula on their own allocation rules, and both equal the hand-computed payments (EX1-EX4)\""
        var out: [String: String] = [:]
        for axiom in ["proportional-fairness", "unanimous-fair-share", "proportionality", "unanimity", "strategyproofness"] {
            out["uniform-phantom/\(axiom)"] = phantom
        }
        out["vcg/payment-identity"] = envelope
        out["myerson/payment-identity"] = envelope
        out["gsp/payment-identity"] = "test RevenueTheoremsTests \"GSP at the lowest envy-free equilibrium, as a direct mechanism (values -> equilibrium bids -> GSP), satisfies the envelope formula; GSP at truthful bids does not (EX1: 0.35 paid, 0.29 by the formula)\""
        return out
    }()

    static func domainCheck(domain: Domain, mechanism id: String, axiom: String) -> String {
        switch domain {
        case .facilityLocation:
            return "test AxiomTests \"every registered mechanism's claims hold on the grids, n = 2..5\"; mechsim check \(id) --axiom \(axiom)"
        case .positionAuctions:
            return "test AuctionClaimsTests \"claims\"; mechsim check \(id) --axiom \(axiom) --instance FILE.json"
        case .informationAcquisition:
            return "test IncentiveCheckerTests (the reference instances A1-A4, B1-B6); mechsim check \(id) --axiom \(axiom) --instance FILE.json"
        case .strategicBandits:
            return "test BanditClaimsTests \"each claim agrees with the checker at the documented epsilon\"; mechsim check \(id) --axiom \(axiom)"
        case .derandomized, .voting, .resourceAllocation, .schoolChoice, .peerSelection, .taskAllocation:
            return "test DerandomizedClaimsTests \"every registered claim of the six domains\""
        }
    }

    /// Every claim of every registered mechanism, in registry order.
    public static func rows(_ registry: MechanismRegistry = .standard) -> [Row] {
        registry.all.flatMap { e in
            let d = e.descriptor
            return d.claims.map { c in
                let check = check(domain: d.domain, mechanism: d.id, axiom: c.axiom)
                return Row(mechanism: d.id, domain: d.domain, axiom: c.axiom, verdict: c.verdict.rawValue,
                           provenance: c.resolvedProvenance(derivedBy: check), source: c.source, check: check)
            }
        }
    }

    /// The JSON array: `{"mechanism", "domain", "axiom", "verdict", "provenance", "provenance_detail", "source", "check"}`.
    public static func json(_ rows: [Row]) -> JSONValue {
        .array(rows.map { r in
            .object([
                ("mechanism", .string(r.mechanism)), ("domain", .string(r.domain.rawValue)), ("axiom", .string(r.axiom)),
                ("verdict", .string(r.verdict)), ("provenance", .string(r.provenance.id)),
                ("provenance_detail", .string(r.provenance.detail)), ("source", .string(r.source)), ("check", .string(r.check)),
            ])
        })
    }

    /// The text table: mechanism, axiom, claimed verdict, provenance and where (paper location,
    /// deriving check or what was reconstructed).
    public static func text(_ rows: [Row]) -> String {
        var table = [["mechanism", "axiom", "claimed", "provenance", "where"]]
        for r in rows {
            table.append([r.mechanism, r.axiom, r.verdict, r.provenance.id, r.provenance.detail])
        }
        return ScenarioReport.table(table)
    }

    /// A descriptor's claims counted by provenance, e.g. "9 paper, 12 derived".
    public static func summary(_ d: MechanismDescriptor) -> String {
        let kinds = d.claims.map { c in c.resolvedProvenance(derivedBy: check(domain: d.domain, mechanism: d.id, axiom: c.axiom)).id }
        return ["paper", "derived", "reconstruction"].compactMap { k in
            let n = kinds.filter { $0 == k }.count
            return n == 0 ? nil : "\(n) \(k)"
        }.joined(separator: ", ")
    }
}
