import Foundation
import Testing

@Suite("mechsim design --domain voting, mechsim check on voting mechanisms")
struct VotingDesignCLITests {
    static let gibbard = "sd-strategyproofness,anonymity,neutrality"

    @Test("n = 2, m = 3, Borda: optimum 3/2, random dictator optimal, random pair majority 4/3 not")
    func text() throws {
        let r = try mechsim("design", "--domain", "voting", "--agents", "2", "--candidates", "3", "--axioms", Self.gibbard, "--objective", "expected-utility")
        #expect(r.status == 0)
        #expect(r.stdout.contains("Optimum: 3/2 (1.5), exact\n"))
        #expect(r.stdout.contains("Program: 63 variables"))
        #expect(r.stdout.contains("Designed rule, ordinary checkers on every ordered profile: sd-strategyproofness holds, anonymity holds, neutrality holds\n"))
        #expect(r.stdout.contains("  random-dictator 3/2: optimal\n"))
        #expect(r.stdout.contains("  random-pair-majority 4/3: not optimal\n"))
    }

    @Test("JSON: the documented fields, lotteries as fractions; plurality utility: random dictator 1/3 + 2/3 · 1/3 = 2/3 for n = 2")
    func json() throws {
        let r = try mechsim("design", "--domain", "voting", "--agents", "2", "--candidates", "3", "--axioms", Self.gibbard,
                            "--objective", "expected-utility", "--utility", "plurality", "--format", "json")
        #expect(r.status == 0)
        let json = try #require(jsonObject(r.stdout))
        for key in ["domain", "agents", "candidates", "axioms", "objective", "utility", "status", "optimum", "optimum_decimal", "exact", "exact_note",
                    "mechanism", "compared", "checks", "variables", "constraints", "seconds"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["domain"] as? String == "voting")
        #expect(json["utility"] as? String == "plurality")
        let compared = try #require(json["compared"] as? [[String: Any]])
        // Random dictator: the voter's top wins with 1/2 (own) + 1/2 · 1/3 (the other's top is it) = 2/3.
        #expect(compared.first { $0["mechanism"] as? String == "random-dictator" }?["fraction"] as? String == "2/3")
        let mechanism = try #require(json["mechanism"] as? [[String: Any]])
        #expect(mechanism.count == 21)
        #expect((mechanism[0]["profile"] as? [[Int]]) == [[0, 1, 2], [0, 1, 2]])
    }

    @Test("exit 2: a facility axiom, an unknown axiom, scores of the wrong length, --candidates on facility location")
    func exits() throws {
        let foreign = try mechsim("design", "--domain", "voting", "--agents", "2", "--axioms", "strategyproofness-in-expectation")
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("'strategyproofness-in-expectation' is an axiom of facility-location"))
        let unknown = try mechsim("design", "--domain", "voting", "--agents", "2", "--axioms", "nutrality")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("Did you mean 'neutrality'?"))
        let scores = try mechsim("design", "--domain", "voting", "--agents", "2", "--candidates", "3", "--utility", "1,0")
        #expect(scores.status == 2)
        #expect(scores.stderr.contains("has 2 scores but there are 3 candidates"))
        let facility = try mechsim("design", "--agents", "2", "--grid", "2", "--candidates", "3")
        #expect(facility.status == 2)
        #expect(facility.stderr.contains("--candidates and --utility are options of --domain voting"))
    }

    @Test("mechsim check random-pair-majority: SD-strategyproof on every profile; ex-post efficiency violated with the unanimous witness")
    func check() throws {
        let sp = try mechsim("check", "random-pair-majority", "--axiom", "sd-strategyproofness", "--agents", "3", "--candidates", "3")
        #expect(sp.status == 0)
        #expect(sp.stdout.hasPrefix("random-pair-majority · sd-strategyproofness (voting): holds"))
        let pareto = try mechsim("check", "random-pair-majority", "--axiom", "ex-post-pareto-efficiency", "--agents", "2")
        #expect(pareto.status == 0)
        #expect(pareto.stdout.contains("at (0>1>2, 0>1>2) every voter ranks 0 above 1, yet 1 wins with probability 1/3"))
    }
}
