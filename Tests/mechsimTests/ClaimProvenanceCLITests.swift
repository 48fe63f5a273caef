import Foundation
import Testing

@Suite("list claims and claim provenance", .serialized)
struct ClaimProvenanceCLITests {
    static func rows(_ text: String) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]) ?? []
    }

    @Test("list claims --format json: one row per mechanism and axiom with verdict, provenance and check")
    func claimsJSON() throws {
        let r = try mechsim("list", "claims", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Self.rows(r.stdout)
        func row(_ m: String, _ a: String) -> [String: Any]? {
            rows.first { $0["mechanism"] as? String == m && $0["axiom"] as? String == a }
        }
        // AverageOrRandomRank's definition is ours: every claim about it is a reconstruction.
        let aor = rows.filter { $0["mechanism"] as? String == "average-or-random-rank" }
        #expect(aor.count == 12 && aor.allSatisfy { $0["provenance"] as? String == "reconstruction" })
        // Random Rank's ex-post fairness violations are our computation, not the paper's abstract.
        let ifs = try #require(row("random-rank", "individual-fair-share"))
        #expect(ifs["verdict"] as? String == "violates" && ifs["provenance"] as? String == "derived")
        #expect((ifs["check"] as? String)?.hasPrefix("test AxiomTests") == true)
        // Uniform Phantom's strict-monotonicity violation is derived too; its UFS is the paper's.
        #expect(row("uniform-phantom", "strict-monotonicity")?["provenance"] as? String == "derived")
        #expect(row("uniform-phantom", "unanimous-fair-share")?["provenance"] as? String == "paper")
        #expect(row("ucb-s", "desired-profile-approximate-ne")?["provenance"] as? String == "derived")
        // Every row names a provenance of the three kinds and a check.
        #expect(rows.count > 100)
        #expect(rows.allSatisfy { ["paper", "derived", "reconstruction"].contains($0["provenance"] as? String ?? "") && !($0["check"] as? String ?? "").isEmpty })
    }

    @Test("list claims text and list mechanisms mark the reconstruction")
    func text() throws {
        let claims = try mechsim("list", "claims")
        #expect(claims.status == 0)
        #expect(claims.stdout.contains("provenance"))
        let line = try #require(claims.stdout.split(separator: "\n").first { $0.contains("average-or-random-rank") && $0.contains(" strategyproofness ") })
        #expect(line.contains("reconstruction"))
        let list = try mechsim("list", "mechanisms")
        let aor = try #require(list.stdout.split(separator: "\n").first { $0.contains("average-or-random-rank") })
        #expect(aor.contains("Aziz et al. (2022) [reconstruction]") && aor.contains("12 reconstruction"))
        let json = Self.rows(try mechsim("list", "mechanisms", "--format", "json").stdout)
        let claims0 = try #require((json.first { $0["id"] as? String == "average-or-random-rank" })?["claims"] as? [[String: Any]])
        #expect(claims0.first?["provenance"] as? String == "reconstruction" && claims0.first?["source"] != nil)
    }
}
