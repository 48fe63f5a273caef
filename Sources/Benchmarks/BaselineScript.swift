import Foundation

/// The baseline programs the workloads run side by side with MechSim: the python scripts in
/// `bench/baselines/` of the repository, and `glpsol` (W6).
public enum BaselineScript {
    /// W1's numpy baseline.
    public static let facilityNumpy = "bench/baselines/facility_numpy.py"
    /// W4's scipy baseline.
    public static let assignmentScipy = "bench/baselines/assignment_scipy.py"
    /// W7's numpy baseline.
    public static let ucbsNumpy = "bench/baselines/ucbs_numpy.py"
    /// W10's scipy HiGHS baseline.
    public static let designHighs = "bench/baselines/design_highs.py"
    /// W8's numpy baseline.
    public static let optgtmNumpy = "bench/baselines/optgtm_numpy.py"

    /// The path of a baseline script: `path` itself when it exists (an absolute path, or one
    /// relative to the current directory); otherwise, for a relative path, the same path under
    /// the MechSim checkout that holds the running executable (`.build/<config>/mechsim` lies
    /// inside it), then under the checkout this module was built from.
    /// - Throws: `BenchmarkError` naming the places looked at, ending with `hint`.
    package static func locate(_ path: String, hint: String = "run from the repository root.") throws(BenchmarkError) -> String {
        let files = FileManager.default
        if files.fileExists(atPath: path) { return path }
        guard !path.hasPrefix("/") else { throw BenchmarkError("the baseline script \(path) does not exist; \(hint)") }
        var roots: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var dir = executable.deletingLastPathComponent()
            while dir.path != "/" && !dir.path.isEmpty {
                if files.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { roots.append(dir.standardizedFileURL); break }
                dir = dir.deletingLastPathComponent()
            }
        }
        if !roots.contains(sourceCheckout.standardizedFileURL) { roots.append(sourceCheckout.standardizedFileURL) }
        for root in roots {
            let candidate = root.appendingPathComponent(path).path
            if files.fileExists(atPath: candidate) { return candidate }
        }
        throw BenchmarkError("the baseline script \(path) does not exist in the current directory nor in the MechSim checkout (\(roots.map(\.path).joined(separator: ", "))); \(hint)")
    }

    /// The checkout this file was compiled from (`<root>/Sources/Benchmarks/BaselineScript.swift`).
    static var sourceCheckout: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `python3 script arguments...` (python3 found on PATH) and returns its standard output.
    /// - Throws: `BenchmarkError` with what to install when python3, numpy or scipy is missing,
    ///   or with the script's last error lines when it fails otherwise.
    package static func runPython(_ script: String, _ arguments: [String]) throws(BenchmarkError) -> String {
        let (status, output, errors): (Int32, String, String)
        do { (status, output, errors) = try run("/usr/bin/env", ["python3", script] + arguments) } catch {
            throw BenchmarkError("cannot run python3: \(error.localizedDescription)")
        }
        guard status != 0 else { return output }
        if status == 127 && errors.contains("python3") {
            throw BenchmarkError("python3 is not installed; the baseline \(script) needs python3 with numpy (make bench installs python3-numpy).")
        }
        if let r = errors.range(of: "No module named '") {
            let module = errors[r.upperBound...].prefix { $0 != "'" }
            let package = module.split(separator: ".").first.map(String.init) ?? String(module)
            throw BenchmarkError("python3 has no module '\(module)', which the baseline \(script) needs: install python3-\(package) with apt-get (make bench does) or run python3 -m pip install \(package).")
        }
        let tail = errors.split(separator: "\n").suffix(5).joined(separator: "\n")
        throw BenchmarkError("the baseline \(script) failed (exit status \(status)):\n\(tail)")
    }

    /// The plain decimal (digits, a point, an exponent) printed right after `key` in `text`.
    package static func number(after key: String, in text: String) -> Double? {
        guard let r = text.range(of: key) else { return nil }
        return Double(text[r.upperBound...].prefix { $0.isNumber || $0 == "." || $0 == "e" || $0 == "-" || $0 == "+" })
    }

    /// Runs `glpsol --lp path arguments`; its wall-clock time (reading the file, solving,
    /// exiting) and the last objective it printed.
    /// - Throws: `BenchmarkError` when glpsol cannot run (install glpk-utils), or, as a run
    ///   failure, when it reports no optimum.
    package static func glpsol(_ path: String, _ arguments: [String]) throws(BenchmarkError) -> (seconds: Double, objective: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let (status, out): (Int32, String)
        do { (status, out, _) = try run("/usr/bin/env", ["glpsol", "--lp", path] + arguments) } catch {
            throw BenchmarkError("W6: cannot run glpsol (install glpk-utils): \(error.localizedDescription)")
        }
        let d = clock.now - start
        if status == 127 && !out.contains("GLPSOL") {
            throw BenchmarkError("W6: cannot run glpsol (install glpk-utils).")
        }
        guard status == 0, out.contains("OPTIMAL"),
              let r = out.range(of: "obj = ", options: .backwards),
              let objective = Double(out[r.upperBound...].drop { $0 == " " }.prefix { !$0.isWhitespace }) else {
            throw BenchmarkError("W6: glpsol did not report an optimum:\n\(out.suffix(500))", isRunFailure: true)
        }
        return (seconds(d), objective)
    }

    /// Runs a program to its end; its exit status, standard output and standard error (read
    /// concurrently, so that neither pipe fills up).
    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errors = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errors = err.fileHandleForReading.readDataToEndOfFile() }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}
