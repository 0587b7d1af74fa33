import Foundation
import PodiumCore

/// A synthetic relay of `100 × factor` teams over the demo's five legs (44 km), chip-timed: every passing is
/// read about six times (bib and runners' chips, within the dead time), with the noise of a real day:
/// untyped taps, spectators' bibs, stray second passings, DNS, DNF and DQ teams, a restart at exchange 4.
/// `3,000 × factor` reads in all, ids in time order as the log stores them.
struct RelayScale {
    let race: RelayRace
    let teams: [RelayTeamInfo]
    let reads: [TimingRead]

    static let teamsPerFactor = 100
    static let readsPerFactor = 3_000

    init(factor: Int, seed: UInt64 = 44) {
        var random = SeededGenerator(seed: seed &+ UInt64(factor))
        let distances = [10_000, 8_000, 9_000, 8_000, 9_000]
        let course = RelayCourse(legs: distances.enumerated().map { RelayLeg(order: $0.offset + 1, distanceMeters: $0.element, exchangePoint: "P\($0.offset + 1)") })
        let start: Int64 = 1_790_000_000_000
        let teamCount = Self.teamsPerFactor * factor
        var teams: [RelayTeamInfo] = []
        for index in 0..<teamCount {
            let roll = random.int(0...999)
            let status: RelayTeamStatus = roll < 10 ? .dns : roll < 20 ? .dnf : roll < 25 ? .dq : .entered
            teams.append(RelayTeamInfo(id: index + 1, bib: "\(index + 1)", name: "Team \(index + 1)",
                                       chips: (1...5).map { "C\(index + 1)-\($0)" }, status: status))
        }
        // Arrivals at each point: minutes per km from 3:40 to 6:30, each runner ±8 %.
        var arrivals: [[Int64]] = []
        for team in teams {
            let pace = Double(random.int(220_000...390_000))
            var at = start, times: [Int64] = []
            let stops = team.status == .dnf ? random.int(1...4) : distances.count
            for (leg, meters) in distances.enumerated() where leg < stops {
                at += Int64(pace * Double(random.int(920...1080)) / 1000 * Double(meters) / 1000)
                times.append(at)
            }
            arrivals.append(team.status == .dns ? [] : times)
        }
        // The last runners go at exchange 4 forty minutes after the first team got there.
        let leaderAtFour = arrivals.compactMap { $0.count >= 4 ? $0[3] : nil }.min() ?? start
        let restartAt = leaderAtFour + 40 * 60_000
        for index in arrivals.indices where arrivals[index].count == 5 && arrivals[index][3] > restartAt {
            arrivals[index][4] = restartAt + (arrivals[index][4] - arrivals[index][3])
        }
        race = RelayRace(course: course, start: start, restarts: [RelayRestart(point: 4, at: restartAt)])

        struct Draft { let bib: String?; let point: Int; let at: Int64; let source: ReadSource }
        var drafts: [Draft] = []
        let target = Self.readsPerFactor * factor
        for (index, team) in teams.enumerated() {
            for (leg, at) in arrivals[index].enumerated() {
                let point = leg + 1
                // The mat reads the bib and the runner's chip, then the next runner's chip at the hand-over.
                drafts.append(Draft(bib: team.bib, point: point, at: at, source: .chip))
                drafts.append(Draft(bib: team.chips[leg], point: point, at: at + Int64(random.int(100...4_000)), source: .chip))
                if point < 5 { drafts.append(Draft(bib: team.chips[leg + 1], point: point, at: at + Int64(random.int(2_000...15_000)), source: .chip)) }
                for _ in 0..<(point < 5 ? 3 : 4) {
                    drafts.append(Draft(bib: random.chance(0.5) ? team.bib : team.chips[leg], point: point, at: at + Int64(random.int(200...25_000)), source: .chip))
                }
            }
        }
        let end = arrivals.compactMap(\.last).max() ?? start
        while drafts.count < target {
            let at = start + Int64(random.int(0...Int(end - start)))
            switch random.int(0...3) {
            case 0: drafts.append(Draft(bib: nil, point: random.int(1...5), at: at, source: .manual))
            case 1: drafts.append(Draft(bib: "\(teamCount + random.int(1...500))", point: random.int(1...5), at: at, source: .chip))
            default:
                let index = random.int(0...(teamCount - 1))
                drafts.append(Draft(bib: teams[index].bib, point: random.int(1...5), at: at, source: .manual))
            }
        }
        if drafts.count > target { drafts.removeLast(drafts.count - target) }
        drafts.sort { $0.at < $1.at }
        self.teams = teams
        reads = drafts.enumerated().map { offset, draft in
            TimingRead(id: offset + 1, bib: draft.bib, point: draft.point, at: draft.at, source: draft.source,
                       device: draft.source == .chip ? "mat-\(draft.point)" : "phone-\(draft.point)", clientReadID: "r\(offset + 1)")
        }
    }
}

enum RelayBenchmark {
    /// New reads applied one at a time after the rest; the median is reported.
    static let newReads = 21
    static let correctionCount = 11

    static func run(factor: Int, repetitions: Int, check: Bool) {
        let name = "relay_\(factor)x"
        let data = RelayScale(factor: factor)
        Measure.report("\(name).teams", data.teams.count)
        Measure.report("\(name).reads", data.reads.count)

        // Today's path: the whole board from every read, after each new read.
        var full: [Double] = []
        var fullBoard: RelayBoard?
        for _ in 0..<repetitions {
            fullBoard = nil
            full.append(Measure.milliseconds { fullBoard = RelayTiming.board(race: data.race, teams: data.teams, reads: data.reads, corrections: []) })
        }
        Measure.report("\(name).full_board_ms", Measure.median(full))

        // The incremental path: build once, then apply each new read and read the board.
        let base = Array(data.reads.dropLast(newReads)), fresh = Array(data.reads.suffix(newReads))
        var state: RelayBoardState?
        let build = Measure.milliseconds { state = RelayBoardState(race: data.race, teams: data.teams, reads: base) }
        Measure.report("\(name).state_build_ms", build)
        var afterRead: [Double] = []
        for read in fresh {
            afterRead.append(Measure.milliseconds {
                state!.apply(read: read)
                consume(state!.board)
            })
        }
        Measure.report("\(name).recompute_after_read_ms", Measure.median(afterRead))
        if check { expectEqual(state!.board, fullBoard!, "\(name).incremental_matches_full") }

        // An official retimes a counted read of a team in the middle of the field.
        var random = SeededGenerator(seed: 7)
        let counted = fullBoard!.verdicts.filter { $0.value == .counted }.map(\.key).sorted()
        var corrections: [ReadCorrection] = []
        var afterCorrection: [Double] = []
        for _ in 0..<correctionCount {
            let readID = counted[random.int(0...(counted.count - 1))]
            let read = data.reads[readID - 1]
            let correction = ReadCorrection(readID: readID, kind: .retime, at: read.at + Int64(random.int(-20_000...20_000)))
            corrections.append(correction)
            afterCorrection.append(Measure.milliseconds {
                state!.apply(correction: correction)
                consume(state!.board)
            })
        }
        Measure.report("\(name).recompute_after_correction_ms", Measure.median(afterCorrection))
        if check {
            let expected = RelayTiming.board(race: data.race, teams: data.teams, reads: data.reads, corrections: corrections)
            expectEqual(state!.board, expected, "\(name).incremental_matches_full_after_corrections")
        }
        Measure.report("\(name).rss_mb", Measure.residentMegabytes())
        consume(state)
    }

    /// Prints 1 when the incremental board is the full board; otherwise 0, and the run fails: a wrong board is a bug, not a figure.
    static func expectEqual(_ incremental: RelayBoard, _ full: RelayBoard, _ metric: String) {
        Measure.report(metric, incremental == full ? 1 : 0)
        if incremental != full {
            FileHandle.standardError.write(Data("\(metric): the incremental relay board differs from RelayTiming.board\n".utf8))
            exit(1)
        }
    }
}
