import Foundation
import Mechanisms
import Testing
@testable import Sim

/// Scenario files of the information-acquisition family: strict keys with key paths, instances
/// inline or by path, the online runs as blocks that shard and merge to the same bytes.
@Suite("Information acquisition: scenario files")
struct AcquisitionScenarioTests {
    /// A scenario named as if it lived beside the instance files, so that `path:` resolves there.
    static let file = repositoryRoot.appendingPathComponent("\(AcquisitionInstanceFileTests.folder)/test.yaml").path

    /// B1 with report-only payments, written inline.
    static let inlineB1 = """
    {name: B1 inline, prior: [0.5, 0.5], agents: [{signals: 2}],
         signal_law: [{state: 0, signals: [0], probability: 0.8}, {state: 0, signals: [1], probability: 0.2},
                      {state: 1, signals: [0], probability: 0.2}, {state: 1, signals: [1], probability: 0.8}],
         utility: [[1, 0], [0, 1]], sender_utility: [[[0, 0], [0.2, 0.2]]], payments: report-only}
    """

    /// Two online studies (6 + 4 runs) and the offline mechanisms of both models.
    static let online = """
    domain: information-acquisition
    title: online test
    reference: a test
    instances:
      - {name: A1, path: A1.json}
      - \(inlineB1)
    mechanisms: [optimal-correlated-mechanism, {id: best-effort-profile, exact: true}, optimal-ic-mechanism]
    online:
      - {name: etc, algorithm: explore-then-commit, instance: A1, horizons: [100, 1000], seeds: 3, seed: 4, radius_scale: 0.5}
      - {algorithm: bandit, alpha: 0.75, instance: B1 inline, horizons: [100, 400], seeds: 2}
    expect:
      - {instance: A1, mechanism: optimal-correlated-mechanism, value: 8/15}
      - {instance: B1 inline, mechanism: optimal-ic-mechanism, value: 0.7, tolerance: 1e-9}
      - {instance: B1 inline, mechanism: optimal-ic-mechanism, incentive_check: holds}
      - {instance: A1, mechanism: best-effort-profile, status: optimal}
      - {online: etc, regret_exponent: [0.3, 1.2]}

    """

    static func study(_ text: String) throws -> AcquisitionStudy {
        try #require(try ScenarioFile.parse(text, file: file) as? AcquisitionStudy)
    }

    static func error(_ text: String) -> String {
        do {
            _ = try ScenarioFile.parse(text, file: file)
            return "no error"
        } catch {
            return error.description.replacingOccurrences(of: file, with: "s.yaml")
        }
    }

    @Test("blocks are the online runs; the study gives mechsim online's numbers; the exact offline values and checks are met")
    func runs() throws {
        let study = try Self.study(Self.online)
        #expect(study.blockCount == 2 * 3 + 2 * 2)
        let result = try study.run(threads: 2)
        #expect(result.expectations.count == 5)
        for e in result.expectations { #expect(e.passed, "\(e.subject): expected \(e.expected), got \(e.actual)") }
        // A1: three model A mechanisms, B1 one; only best-effort-profile (exact: true) and the
        // fraction expectation on LP-A are solved exactly.
        #expect(result.offline.map(\.mechanism) == ["optimal-correlated-mechanism", "best-effort-profile", "optimal-ic-mechanism"])
        #expect(result.offline.map { $0.exact?.exactValue?.description } == ["8/15", "8/15", nil])
        #expect(result.online[1].algorithm == .bandit(alpha: 0.75) && abs(result.online[1].optimum - 0.7) < 1e-9)
        let a1 = try AcquisitionInstanceFile.load(repositoryRoot.appendingPathComponent("\(AcquisitionInstanceFileTests.folder)/A1.json").path)
        let command = try RegretStudy.run(.exploreThenCommit, instance: a1.instance, horizons: [100, 1000], seeds: 3, seed: 4, radiusScale: 0.5, threads: 1)
        #expect(result.online[0].points.map(\.regretMean) == command.points.map(\.regretMean))
        #expect(result.online[0].regretExponent == command.regretExponent)
        // The B1 default seed is 1, as for mechsim online.
        let b1 = try #require(study.scenario.instances.last?.instance)
        let bandit = try RegretStudy.run(.bandit(alpha: 0.75), instance: b1, horizons: [100, 400], seeds: 2, seed: 1, threads: 1)
        #expect(result.online[1].points.map(\.violationMean) == bandit.points.map(\.violationMean))
        let text = AcquisitionStudyResult.text([result])
        #expect(text.contains("online etc, seed 4\nexplore-then-commit (model A) on A1: OPT = 0.533333, 3 seeds"))
        // Scenario files print the intervals of mechsim online.
        #expect(text.contains("fitted regret exponent \(command.regretEstimate!.rendered(""))  (paper: 0.667)\n"), "\(text)")
        #expect(result.online[0].regretEstimate == command.regretEstimate)
        #expect(AcquisitionStudyResult.csv([result]).hasPrefix("file,study,instance,mechanism,horizon,quantity,value,low,high,exact\n"))
        #expect(AcquisitionStudyResult.svg([result])?.hasPrefix("<svg") == true)
    }

    @Test("byte identity: threads 1 and 7, and shards 0/3, 1/3, 2/3 merged in any order, give the same JSON")
    func bytes() throws {
        let study = try Self.study(Self.online)
        let whole = AcquisitionStudyResult.json([try study.run(threads: 1)])
        #expect(AcquisitionStudyResult.json([try study.run(threads: 7)]) == whole)
        let shards = try (0..<3).map { i in
            let file = ShardFile(shard: Shard(index: i, count: 3), parts: [try StudyPipeline.shardPart(study, shard: Shard(index: i, count: 3), threads: 2)])
            return try ShardFile.parse(Data(file.rendered().utf8), path: "part\(i).json")
        }
        #expect(shards.map { $0.parts[0].blocks.count } == [3, 3, 4])
        let merged = try ShardFile.merge([("part2.json", shards[2]), ("part0.json", shards[0]), ("part1.json", shards[1])])
        let result = try #require(try StudyPipeline.finish(merged[0], threads: 1) as? AcquisitionStudyResult)
        #expect(AcquisitionStudyResult.json([result]) == whole)
    }

    @Test("a merge refuses blocks computed on an instance file that changed after the shards ran")
    func editedInstance() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mechsim-acq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = repositoryRoot.appendingPathComponent("\(AcquisitionInstanceFileTests.folder)/B1-report-only.json")
        let instance = dir.appendingPathComponent("b1.json")
        try FileManager.default.copyItem(at: source, to: instance)
        let file = dir.appendingPathComponent("s.yaml").path
        let text = "domain: information-acquisition\ntitle: t\ninstances: [{path: b1.json}]\nonline: [{algorithm: full-feedback, instance: b1, horizons: [50], seeds: 2}]\n"
        let study = try #require(try ScenarioFile.parse(text, file: file) as? AcquisitionStudy)
        let part = try StudyPipeline.shardPart(study, shard: Shard(index: 0, count: 1), threads: 1)
        #expect(try StudyPipeline.finish(part, threads: 1) is AcquisitionStudyResult)
        let edited = try String(contentsOf: instance, encoding: .utf8).replacingOccurrences(of: "0.2, 0.2", with: "0.25, 0.25")
        try edited.write(to: instance, atomically: true, encoding: .utf8)
        do {
            _ = try StudyPipeline.finish(part, threads: 1)
            Issue.record("merged blocks of an edited instance file")
        } catch {
            #expect("\(error)".contains("online[0].instance: the runs of 'full-feedback on b1' were computed on another version of the instance file b1.json"))
        }
    }

    @Test("bad input: unknown keys with their path and a suggestion, a missing instance file, a mechanism of another family")
    func badInput() {
        let head = "domain: information-acquisition\ntitle: t\nreference: r\ninstances: [{name: A1, path: A1.json}]\n"
        #expect(Self.error(head + "mechanismz: [optimal-correlated-mechanism]\n")
                == "s.yaml: mechanismz (line 5): unknown key 'mechanismz'; expected one of: domain, title, reference, description, instances, mechanisms, online, expect. Did you mean 'mechanisms'?")
        #expect(Self.error(head + "online: [{algorithm: explore-then-commit, instance: A1, horizon: [100]}]\n")
                == "s.yaml: online[0].horizon (line 5): unknown key 'horizon'; expected one of: name, algorithm, instance, horizons, seeds, seed, alpha, radius_scale. Did you mean 'horizons'?")
        #expect(Self.error("domain: information-acquisition\ntitle: t\nreference: r\ninstances: [{name: A9, path: A9.json}]\n")
                .hasPrefix("s.yaml: instances[0].path (line 4): no instance file 'A9.json' (looked for "))
        #expect(Self.error(head + "mechanisms: [vcg]\n")
                == "s.yaml: mechanisms[0] (line 5): 'vcg' is a position-auctions mechanism; an information-acquisition scenario takes best-effort-profile, optimal-correlated-mechanism, optimal-ic-mechanism, optimal-uncorrelated-mechanism.")
        #expect(Self.error(head + "mechanisms: [optimal-corelated-mechanism]\n").contains("Did you mean 'optimal-correlated-mechanism'?"))
        #expect(Self.error(head + "mechanisms: [optimal-ic-mechanism]\n")
                == "s.yaml: mechanisms[0] (line 5): 'optimal-ic-mechanism' runs on model B instances and the scenario has none.")
        #expect(Self.error(head + "online: [{algorithm: bandit, instance: A1, horizons: [100]}]\n")
                == "s.yaml: online[0].instance (line 5): bandit runs on model B instances; 'A1' is model A.")
        #expect(Self.error(head + "online: [{algorithm: bandits, instance: A1, horizons: [100]}]\n").hasSuffix("Did you mean 'bandit'?"))
        #expect(Self.error(head + "mechanisms: [best-effort-profile]\nexpect: [{instance: A2, mechanism: best-effort-profile, value: 8/15}]\n")
                .hasPrefix("s.yaml: expect[0].instance (line 6): no instance named 'A2'; the file has A1."))
        #expect(Self.error(head + "mechanisms: [best-effort-profile]\nexpect: [{online: etc, regret_exponent: [0.5, 0.9]}]\n")
                == "s.yaml: expect[0].online (line 6): no online study named 'etc'; the file has none.")
    }

    @Test("bad input inside an inline instance: the instance reader's message under the scenario's key path")
    func badInlineInstance() {
        let b1 = Self.inlineB1.replacingOccurrences(of: "prior: [0.5, 0.5]", with: "prior: [0.5, 0.4]")
        #expect(Self.error("domain: information-acquisition\ntitle: t\nreference: r\ninstances:\n  - \(b1)\n")
                == "s.yaml: instances[0].prior (line 5): expected probabilities that sum to 1 (within 1e-09), found sum 0.9.")
        let typo = Self.inlineB1.replacingOccurrences(of: "payments: report-only", with: "payments: report_only")
        #expect(Self.error("domain: information-acquisition\ntitle: t\nreference: r\ninstances:\n  - \(typo)\n")
                .hasSuffix("instances[0].payments (line 8): expected one of \"report-only\", \"state-dependent\", found \"report_only\". Did you mean \"report-only\"?"))
        let expected = Self.inlineB1.replacingOccurrences(of: "payments: report-only", with: "payments: report-only, expected: {optimal-ic-mechanism: 7/10}")
        #expect(Self.error("domain: information-acquisition\ntitle: t\nreference: r\ninstances:\n  - \(expected)\n")
                .hasPrefix("s.yaml: instances[0].expected (line 8): expected values belong under the scenario's 'expect:'."))
    }

    @Test("scenarios under scenarios/papers/ must cite their paper")
    func reference() {
        let text = "domain: information-acquisition\ntitle: t\ninstances: [{name: A1, path: A1.json}]\n"
        #expect(Self.error(text) == "s.yaml (line 1): missing required key 'reference' (scenarios under scenarios/papers/ cite their paper).")
        #expect(Self.error("reference: x\n" + text) == "no error")
    }
}
