import Foundation
import Testing

@Suite("mechsim design")
struct DesignCLITests {
    static let ufs = "strategyproofness-in-expectation,anonymity,unanimous-fair-share-in-expectation"

    @Test("rho(3) = 6/5: the optimum as a fraction, Uniform Phantom beside it, the designed mechanism's checks")
    func welfare() throws {
        let r = try mechsim("design", "--agents", "3", "--grid", "4", "--axioms", Self.ufs, "--objective", "social-welfare", "--threads", "2")
        #expect(r.status == 0)
        #expect(r.stdout.contains("Optimum: 6/5 (1.2), exact\n"))
        #expect(r.stdout.contains("Program: 316 variables, 445 constraints (profiles as multisets, by anonymity)"))
        #expect(r.stdout.contains("Designed mechanism, ordinary checkers on the grid: strategyproofness-in-expectation holds, anonymity holds, unanimous-fair-share-in-expectation holds\n"))
        #expect(r.stdout.contains("  uniform-phantom 6/5: optimal\n"))
    }

    @Test("JSON; the designed mechanism read back by check and outcome through --design-file")
    func designFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try mechsim("design", "--agents", "3", "--grid", "4", "--axioms", "strategyproofness-in-expectation,anonymity",
                            "--objective", "max-cost", "--format", "json", "--no-compare")
        #expect(r.status == 0)
        let json = try #require(jsonObject(r.stdout))
        #expect(json["optimum"] as? String == "3/2")
        #expect(json["exact"] as? Bool == true)
        #expect(json["status"] as? String == "optimal")
        let file = dir.appendingPathComponent("d.json")
        try r.stdout.write(to: file, atomically: true, encoding: .utf8)
        let check = try mechsim("check", "designed", "--design-file", file.path, "--axiom", "strategyproofness-in-expectation", "--agents", "3", "--grid", "4")
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("designed · strategyproofness-in-expectation: holds"))
        let outcome = try mechsim("outcome", "designed", "--design-file", file.path, "--profile", "0,0,0")
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("0         1\n"))
    }

    @Test("an infeasible axiom set exits 0 with status infeasible; an axiom that is not a constraint and a huge grid exit 2")
    func exits() throws {
        let infeasible = try mechsim("design", "--agents", "4", "--grid", "4", "--axioms", "strategyproofness,anonymity,strong-proportionality",
                                     "--objective", "total-cost", "--deterministic", "--format", "json")
        #expect(infeasible.status == 0)
        #expect(jsonObject(infeasible.stdout)?["status"] as? String == "infeasible")
        let continuity = try mechsim("design", "--agents", "2", "--grid", "2", "--axioms", "continuity")
        #expect(continuity.status == 2)
        #expect(continuity.stderr.hasPrefix("error: The axiom 'continuity' cannot be a constraint"))
        let huge = try mechsim("design", "--agents", "8", "--grid", "100", "--axioms", "strategyproofness-in-expectation,anonymity")
        #expect(huge.status == 2)
        #expect(huge.stderr.contains("C(100 + 8, 8) = 352,025,629,371 profiles"))
    }

    @Test("--uniqueness: Random Rank is the one feasible mechanism for n = 3 on the grid 1/4 (text and JSON); refusals exit 2")
    func uniqueness() throws {
        let axioms = "universal-truthfulness,universal-anonymity,unanimity,strong-proportionality-in-expectation"
        let r = try mechsim("design", "--agents", "3", "--grid", "4", "--axioms", axioms, "--objective", "feasibility", "--uniqueness", "--no-compare", "--no-verify")
        #expect(r.status == 0)
        #expect(r.stdout.contains("Unique: yes\n"))
        #expect(r.stdout.contains("Mixture of phantom rules: 1/3 × med(x, 0, 0, 0, 1) + 1/3 × med(x, 0, 0, 1, 1) + 1/3 × med(x, 0, 1, 1, 1)\n"))
        let json = try mechsim("design", "--agents", "2", "--grid", "1", "--axioms", axioms, "--objective", "feasibility", "--uniqueness",
                               "--no-compare", "--no-verify", "--format", "json")
        #expect(json.status == 0)
        let object = try #require(jsonObject(json.stdout))
        #expect(object["unique"] as? Bool == false)
        let difference = try #require(object["difference"] as? [String: Any])
        #expect(difference["profile"] as? [String] == ["0", "1"])
        let alone = try mechsim("design", "--agents", "2", "--grid", "2", "--axioms", "universal-truthfulness", "--objective", "feasibility")
        #expect(alone.status == 2)
        #expect(alone.stderr.contains("add universal-anonymity and unanimity to the axioms"))
        let deterministic = try mechsim("design", "--agents", "2", "--grid", "2", "--axioms", "universal-truthfulness", "--deterministic", "--uniqueness")
        #expect(deterministic.status == 2)
    }
}
