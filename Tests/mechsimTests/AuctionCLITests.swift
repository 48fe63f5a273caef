import Foundation
import Testing

@Suite("mechsim end to end: position auctions", .serialized)
struct AuctionCLITests {
    static let ex3 = "scenarios/papers/balseiro2025-position-auctions/ex3-mnl-2x2.json"

    @Test("outcome --instance --format json prints the contract's object (VCG and Myerson on worked instance EX3)")
    func outcomeJSON() throws {
        let r = try mechsim("outcome", "vcg", "--instance", Self.ex3, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1)
        let o = try #require(jsonObject(r.stdout))
        #expect(o["mechanism"] as? String == "vcg")
        let allocation = try #require(o["allocation"] as? [[String: Int]])
        #expect(allocation == [["advertiser": 0, "position": 0], ["advertiser": 1, "position": 1]])
        let clicks = try #require(o["click_probabilities"] as? [Double])
        #expect(zip(clicks, [4.0 / 9, 1.0 / 9]).allSatisfy { abs($0 - $1) < 1e-9 })
        let payments = try #require(o["payments"] as? [Double])
        #expect(zip(payments, [2.0 / 15, 1.0 / 18]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(abs((o["welfare"] as! Double) - 23.0 / 45) < 1e-9)
        #expect(abs((o["revenue"] as! Double) - 17.0 / 90) < 1e-9)
        var last = r.stdout.startIndex
        for k in ["mechanism", "allocation", "click_probabilities", "payments", "welfare", "revenue"] {
            let range = try #require(r.stdout.range(of: "\"\(k)\":"), "key \(k)")
            #expect(range.lowerBound >= last, "\(k) in contract order")
            last = range.lowerBound
        }
        let m = try #require(jsonObject(try mechsim("outcome", "myerson", "--instance", Self.ex3, "--format", "json").stdout))
        #expect(abs((m["revenue"] as! Double) - 17.0 / 60) < 1e-9)
        #expect((m["allocation"] as? [[String: Int]])?.count == 1)
    }

    @Test("outcome gsp prints the lowest envy-free equilibrium: EX1 bids (0.9, 0.58, 0.4), payments (0.29, 0.08, 0), revenue 0.37, in text and JSON")
    func gspEnvyFree() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("ex1.json")
        try #"{"user_model": "separable", "alpha": [1, 1, 1], "beta": [0.5, 0.2], "bids": [0.9, 0.7, 0.4], "cap": 2}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try mechsim("outcome", "gsp", "--instance", file.path, "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(jsonObject(r.stdout))
        #expect(abs((o["revenue"] as! Double) - 0.43) < 1e-9)
        let bids = try #require(o["lowest_envy_free_bids"] as? [Double])
        #expect(zip(bids, [0.9, 0.58, 0.4]).allSatisfy { abs($0 - $1) < 1e-12 } && bids.count == 3)
        let pay = try #require(o["envy_free_payments"] as? [Double])
        #expect(zip(pay, [0.29, 0.08, 0]).allSatisfy { abs($0 - $1) < 1e-12 } && pay.count == 3)
        #expect(abs((o["envy_free_revenue"] as! Double) - 0.37) < 1e-12)
        let text = try mechsim("outcome", "gsp", "--instance", file.path)
        #expect(text.status == 0)
        #expect(text.stdout.contains("lowest envy-free equilibrium (bids read as values): bids 0.9, 0.58, 0.4; payments 0.29, 0.08, 0; revenue 0.37"), "\(text.stdout)")
        // Other mechanisms carry no such field.
        let vcg = try #require(jsonObject(try mechsim("outcome", "vcg", "--instance", file.path, "--format", "json").stdout))
        #expect(vcg["lowest_envy_free_bids"] == nil)
    }

    static let badInstances: [(String, String)] = [
        (#"{"user_model": "mnl", "ctr": [[0.5, 1.3], [0.1, 0.2]], "bids": [1, 2], "cap": 1}"#, "ctr[0][1]"),
        (#"{"user_model": "independent", "ctr": [[0.5, 0.3], [0.1]], "bids": [1, 2], "cap": 1}"#, "ctr[1]"),
        (#"{"user_model": "cascade", "ctr": [[0.5, 0.3], [0.1, 0.2]], "bids": [1, -2], "cap": 1}"#, "bids[1]"),
        (#"{"user_model": "cascade", "ctr": [[0.5, 0.3], [0.1, 0.2]], "bids": [1, 2], "cap": 3}"#, "cap"),
        (#"{"user_model": "mnl", "ctr": [[0.5, 0.3], [0.1, 0.2]], "bids": [1, 2], "cap": 1, "values": {"distribution": "uniform", "low": 1, "high": 0}}"#, "values.high"),
        (#"{"user_model": "mnl", "ctr": [[0.5, 0.3], [0.1, 0.2]], "bids": [1, 2], "cap": 1, "values": [{"distribution": "exponential", "rate": -1}, {"distribution": "uniform", "low": 0, "high": 1}]}"#, "values[0].rate"),
        (#"{"user_model": "mnl", "ctr": [[0.5, 0.3], [0.1, 0.2]], "bids": [1, 2], "cap": 1, "values": {"distribution": "unifrom", "low": 0, "high": 1}}"#, "Did you mean 'uniform'?"),
        (#"{"user_model": "separable", "alpha": [1, 1], "beta": [0.5], "bids": [1, 2], "cap": 1, "valeus": 3}"#, "Did you mean 'values'?"),
        (#"{"user_model": "logit", "ctr": [[0.5]], "bids": [1], "cap": 1}"#, "user_model"),
    ]

    @Test("bad instances exit 2 naming the file and the key path", arguments: 0..<badInstances.count)
    func badInput(_ k: Int) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.json")
        try Self.badInstances[k].0.write(to: file, atomically: true, encoding: .utf8)
        let r = try mechsim("outcome", "myerson", "--instance", file.path, "--format", "json")
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("bad.json") && r.stderr.contains(Self.badInstances[k].1), "\(r.stderr)")
    }

    @Test("an auction study gives byte-identical JSON with 1 and 2 threads, and writes CSV and SVG")
    func studyDeterminism() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = dir.appendingPathComponent("study.yaml")
        try """
        title: small study
        domain: position-auctions
        mechanisms: [vcg, myerson, {id: gsp, on: separable-fit}]
        simulation:
          user_models: [mnl, cascade]
          advertisers: [2, 3]
          positions: [2]
          caps: [1, 2]
          ctr: {distribution: logit, noise: 1}
          values: {distribution: uniform, low: 0, high: 1}
          auctions: 300
          seed: 5
        """.write(to: study, atomically: true, encoding: .utf8)
        let one = try mechsim("run", study.path, "--format", "json", "--threads", "1", "--quiet")
        let two = try mechsim("run", study.path, "--format", "json", "--threads", "2", "--quiet",
                              "--out", dir.appendingPathComponent("r.csv").path, "--plot", dir.appendingPathComponent("r.svg").path)
        #expect(one.status == 0 && two.status == 0, "\(one.stderr) \(two.stderr)")
        #expect(one.stdout == two.stdout)
        let csv = try String(contentsOf: dir.appendingPathComponent("r.csv"), encoding: .utf8)
        // 2 models x 2 sizes x 2 caps x 3 mechanisms x 4 metrics, plus the header.
        #expect(csv.split(separator: "\n").count == 1 + 2 * 2 * 2 * 3 * 4)
        let svg = try String(contentsOf: dir.appendingPathComponent("r.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.contains("gsp on separable fit"))
    }
}
