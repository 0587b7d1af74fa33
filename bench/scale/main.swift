import Foundation

/// podium-bench-scale: relay boards and games standings at 1×, 10× and 100× (bench/scale/README.md).
/// Prints one line per metric: `scale.<area>_<size>x.<metric> <value>`.
let usage = """
    usage: podium-bench-scale [--sizes 1,10,100] [--repetitions N] [--check]
      --sizes        factors of the base sizes (relay: 100 teams, 3,000 reads; games: 7 teams, 20 events)
      --repetitions  runs of each full computation; the median is printed (default 5)
      --check        also print whether the incremental relay board equals the full one (1 or 0)
      --area         relay or games only, in this process (otherwise each area and size runs in a child process)
    """
var sizes = [1, 10, 100]
var repetitions = 5
var check = false
/// Set in the child processes: one area at one size per process, so each `rss_mb` is that size alone.
var area: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--sizes":
        guard let value = arguments.popFirst(), case let parsed = value.split(separator: ",").compactMap({ Int($0) }),
              !parsed.isEmpty, parsed.allSatisfy({ $0 >= 1 && $0 <= 1000 }) else {
            FileHandle.standardError.write(Data("--sizes wants factors from 1 to 1000, e.g. 1,10\n\(usage)\n".utf8)); exit(2)
        }
        sizes = parsed
    case "--repetitions":
        guard let value = arguments.popFirst().flatMap({ Int($0) }), value >= 1, value <= 100 else {
            FileHandle.standardError.write(Data("--repetitions wants a number from 1 to 100\n\(usage)\n".utf8)); exit(2)
        }
        repetitions = value
    case "--check": check = true
    case "--area":
        guard let value = arguments.popFirst(), ["relay", "games"].contains(value) else {
            FileHandle.standardError.write(Data("--area wants relay or games\n\(usage)\n".utf8)); exit(2)
        }
        area = value
    case "--help", "-h": print(usage); exit(0)
    default: FileHandle.standardError.write(Data("unknown option \(argument)\n\(usage)\n".utf8)); exit(2)
    }
}
if let area {
    for factor in sizes.sorted() {
        if area == "relay" { RelayBenchmark.run(factor: factor, repetitions: repetitions, check: check) }
        else { GamesBenchmark.run(factor: factor, repetitions: repetitions) }
    }
} else {
    #if DEBUG
    FileHandle.standardError.write(Data("note: a debug build; figures come from `swift build -c release --product podium-bench-scale`\n".utf8))
    #endif
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    for factor in sizes.sorted() {
        for area in ["relay", "games"] {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: executable)
            child.arguments = ["--area", area, "--sizes", "\(factor)", "--repetitions", "\(repetitions)"] + (check ? ["--check"] : [])
            do { try child.run() } catch {
                FileHandle.standardError.write(Data("could not start \(executable): \(error)\n".utf8)); exit(1)
            }
            child.waitUntilExit()
            guard child.terminationStatus == 0 else {
                FileHandle.standardError.write(Data("\(area) at \(factor)x failed (status \(child.terminationStatus))\n".utf8)); exit(1)
            }
        }
    }
}
