import Foundation
import PodiumCore

/// PodiumCore's SplitMix64, so every run builds the same data.
extension SeededGenerator {
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }
}

enum Measure {
    /// CPU time of this thread spent in `body`: on a machine shared with other work (a CI runner, two
    /// cores and a build) wall time says more about the neighbours than about the code; single-threaded
    /// code on an idle machine takes the same wall time.
    static func milliseconds(_ body: () -> Void) -> Double {
        let start = threadNanoseconds()
        body()
        return Double(threadNanoseconds() - start) / 1_000_000
    }

    private static func threadNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Resident memory of this process (VmRSS in /proc/self/status), in MiB; -1 where there is no /proc.
    static func residentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "") else { return -1 }
        return kilobytes / 1024
    }

    /// Written at once, so a long run shows each figure as it comes.
    private static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func report(_ name: String, _ value: Double) {
        line("scale.\(name) \(String(format: value < 10 ? "%.2f" : "%.1f", value))")
    }

    static func report(_ name: String, _ value: Int) {
        line("scale.\(name) \(value)")
    }
}

/// Keeps the optimiser from dropping work whose result is otherwise unused.
@inline(never)
func consume<T>(_ value: T) { withExtendedLifetime(value) {} }
