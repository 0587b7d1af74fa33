import Foundation

/// podium-bench-scale: relay boards and games standings at 1×, 10× and 100× (bench/scale/README.md).
/// Prints one line per metric: `scale.<area>_<size>x.<metric> <value>`.
let usage = """
    usage: podium-bench-scale [--sizes 1,10,100] [--repetitions N] [--check]
      --sizes        factors of the base sizes (relay: 100 teams, 3,000 reads; games: 7 teams, 20 events)
      --repetitions  runs of each full computation; the median is printed (default 5)
      --check        also print whether the incremental relay board equals the full one (1 or 0)
    """
var sizes = [1, 10, 100]
var repetitions = 5
var check = false
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
    case "--help", "-h": print(usage); exit(0)
    default: FileHandle.standardError.write(Data("unknown option \(argument)\n\(usage)\n".utf8)); exit(2)
    }
}
#if DEBUG
FileHandle.standardError.write(Data("note: a debug build; figures come from `swift build -c release --product podium-bench-scale`\n".utf8))
#endif
for factor in sizes.sorted() {
    RelayBenchmark.run(factor: factor, repetitions: repetitions, check: check)
    GamesBenchmark.run(factor: factor, repetitions: repetitions)
}
