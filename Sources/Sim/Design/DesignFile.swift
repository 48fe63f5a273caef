import Foundation
import Mechanisms
import Solvers

extension FacilityDesign {
    /// Reads the designed mechanism from the JSON that `mechsim design --format json` writes
    /// (`agents`, `grid`, `anonymous`, `mechanism: [{profile, lottery}]`, locations and
    /// probabilities as fractions), so that `check` and `outcome` judge it like any mechanism.
    /// - Throws: `DesignError.invalid` naming the file and what is wrong.
    public static func loadMechanism(file: String) throws(DesignError) -> TabulatedMechanism {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw .invalid("\(file): no such file (write one with 'mechsim design ... --format json > \(file)').")
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .invalid("\(file): not valid JSON (\(error.localizedDescription)).")
        }
        guard let root = object as? [String: Any] else { throw .invalid("\(file): expected a JSON object from 'mechsim design --format json'.") }
        guard let n = root["agents"] as? Int, let g = root["grid"] as? Int else {
            throw .invalid("\(file): missing 'agents' or 'grid'.")
        }
        if let status = root["status"] as? String, status != "optimal" {
            throw .invalid("\(file): the design's status is '\(status)'; it holds no mechanism.")
        }
        guard let rows = root["mechanism"] as? [[String: Any]] else {
            throw .invalid("\(file): missing 'mechanism' (run 'mechsim design' with --format json and without --mechanism no).")
        }
        let anonymous = root["anonymous"] as? Bool ?? false
        var table: [[Int]: Lottery<Double>] = [:]
        for (i, row) in rows.enumerated() {
            guard let profile = row["profile"] as? [String], let lottery = row["lottery"] as? [[String]] else {
                throw .invalid("\(file): mechanism[\(i)] needs 'profile' (fractions) and 'lottery' ([location, probability] pairs).")
            }
            var key: [Int] = []
            for x in profile {
                guard let v = fraction(x) else { throw .invalid("\(file): mechanism[\(i)].profile: '\(x)' is not a fraction.") }
                let a = (v * Double(g)).rounded()
                guard abs(v * Double(g) - a) < 1e-9, a >= 0, a <= Double(g) else {
                    throw .invalid("\(file): mechanism[\(i)].profile: \(x) is not on the grid 1/\(g).")
                }
                key.append(Int(a))
            }
            var pairs: [(Double, Double)] = []
            for pair in lottery {
                guard pair.count == 2, let y = fraction(pair[0]), let p = fraction(pair[1]) else {
                    throw .invalid("\(file): mechanism[\(i)].lottery: expected [location, probability] pairs of fractions.")
                }
                pairs.append((y, p))
            }
            do { table[key] = try Lottery(locations: pairs) } catch {
                throw .invalid("\(file): mechanism[\(i)].lottery: \(error.description)")
            }
        }
        do {
            return try TabulatedMechanism(agents: n, resolution: g, anonymous: anonymous, table: table)
        } catch {
            throw .invalid("\(file): \(error.description)")
        }
    }

    /// "3/8" or "0.375" as a number.
    static func fraction(_ text: String) -> Double? {
        let parts = text.split(separator: "/")
        if parts.count == 2, let p = Double(parts[0]), let q = Double(parts[1]), q != 0 { return p / q }
        return parts.count == 1 ? Double(text) : nil
    }
}
