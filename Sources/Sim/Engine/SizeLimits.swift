import Foundation

/// Sizes of requested work, checked before any work starts.
///
/// Every size that comes from a user (agents, grids, horizons, seeds, instance dimensions) is
/// multiplied here with overflow checks, and a request whose memory estimate exceeds the
/// machine's physical memory is refused with the estimate and the limit ("needs about 96 GiB;
/// this machine has 24 GiB") before anything is allocated.
public enum SizeLimits {
    /// The physical memory of this machine, in bytes (`MemTotal` of /proc/meminfo on Linux).
    public static let physicalMemory: UInt64 = {
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
           let kib = line.split(separator: " ").dropFirst().first.flatMap({ UInt64($0) }) {
            return kib &* 1024
        }
        return ProcessInfo.processInfo.physicalMemory
    }()

    /// The product of `factors`, or nil when it overflows `Int` (or a factor is negative).
    public static func product(_ factors: Int...) -> Int? { product(factors) }

    /// The product of `factors`, or nil when it overflows `Int` (or a factor is negative).
    public static func product(_ factors: [Int]) -> Int? {
        var p = 1
        for f in factors {
            guard f >= 0 else { return nil }
            let (r, overflow) = p.multipliedReportingOverflow(by: f)
            if overflow { return nil }
            p = r
        }
        return p
    }

    /// A count for a message: grouped digits below 10^15, else scientific notation ("6.73e+20").
    /// Counts past `Int.max` are doubles and are never converted to `Int`.
    public static func countText(_ count: Double) -> String {
        guard count.isFinite else { return "more than 1e308" }
        return abs(count) < 1e15 ? Int(count).formatted() : String(format: "%.2e", count)
    }

    /// Bytes as "512 MiB", "96 GiB", "3.1e+09 GiB".
    public static func bytesText(_ bytes: Double) -> String {
        let gib = bytes / 1_073_741_824
        if !gib.isFinite { return "more than 1e299 GiB" }
        if gib >= 1e6 { return String(format: "%.1e GiB", gib) }
        if gib >= 1 { return "\(Int(gib.rounded())) GiB" }
        return "\(max(1, Int((bytes / 1_048_576).rounded()))) MiB"
    }

    /// A sentence refusing `what` when `bytes` is more than the machine's physical memory, or nil.
    public static func memoryRefusal(_ what: String, bytes: Double) -> String? {
        guard !(bytes <= Double(physicalMemory)) else { return nil }
        return "\(what) needs about \(bytesText(bytes)); this machine has \(bytesText(Double(physicalMemory)))"
    }
}
