import Foundation
import Testing
@testable import PodiumCore

/// The incremental board must be the full board: on many seeded random races, after every read and every
/// correction, `RelayBoardState.board` equals `RelayTiming.board` over the same reads and corrections.
@Suite("Relay board kept up to date read by read")
struct RelayBoardStateTests {
    /// A random race: a course of 0 to 5 legs, a start or none, restarts, teams entered and out (DNS, DNF, DQ),
    /// bibs and chips, and a stream of reads and corrections of every kind.
    struct Scenario {
        let race: RelayRace
        let teams: [RelayTeamInfo]
        /// Reads and corrections in the order they come.
        let steps: [Step]

        enum Step {
            case read(TimingRead)
            case correction(ReadCorrection)
        }

        init(seed: UInt64) {
            var random = SeededGenerator(seed: seed)
            func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
            func chance(_ percent: Int) -> Bool { int(0...99) < percent }

            let legCount = chance(3) ? 0 : int(1...5)
            let course = RelayCourse(legs: (0..<legCount).map { RelayLeg(order: $0 + 1, distanceMeters: [400, 1_000, 5_000][int(0...2)], exchangePoint: "P\($0 + 1)") })
            let minute: Int64 = 60_000
            let start: Int64? = chance(15) ? nil : 10 * minute
            var restarts: [RelayRestart] = []
            if legCount > 1 {
                for point in 1..<legCount where chance(30) { restarts.append(RelayRestart(point: point, at: Int64(point) * Int64(int(3...12)) * minute)) }
            }
            // Short dead time and a pace limit a walk breaks now and then, so duplicates and too-fast reads both happen.
            race = RelayRace(course: course, start: start, restarts: restarts,
                             rules: RelayTimingRules(deadTimeMs: Int64(int(0...3)) * 20_000, minimumPaceMsPerKm: Int64(int(0...3)) * 60_000))
            let teamCount = int(1...12)
            var teams: [RelayTeamInfo] = []
            for index in 0..<teamCount {
                let status: RelayTeamStatus = chance(70) ? .entered : [.dns, .dnf, .dq][int(0...2)]
                let bib = chance(10) ? "00\(index + 1)" : chance(10) ? "T\(index + 1)" : "\(index + 1)"
                teams.append(RelayTeamInfo(id: 100 + index, bib: bib, name: "Team \(index + 1)",
                                           chips: chance(50) ? (1...max(1, legCount)).map { "c\(index + 1)-\($0)" } : [], status: status))
            }
            self.teams = teams

            // Reads on a one-minute grid, so equal leg times, positions and totals (ties) are common.
            var steps: [Step] = []
            var readIDs: [Int] = []
            var id = int(1...50)
            for _ in 0..<int(0...70) {
                if chance(20), !readIDs.isEmpty || chance(10) {
                    let target = readIDs.isEmpty || chance(5) ? id + int(1...3) : readIDs[int(0...(readIDs.count - 1))]
                    let kind = ReadCorrectionKind.allCases[int(0...(ReadCorrectionKind.allCases.count - 1))]
                    let bib: String? = kind == .assign ? (chance(85) ? teams[int(0...(teamCount - 1))].bib : "999") : nil
                    let at: Int64? = kind == .retime ? Int64(int(0...60)) * minute / (chance(20) ? 2 : 1) : nil
                    steps.append(.correction(ReadCorrection(readID: target, kind: kind, bib: bib, at: at)))
                    continue
                }
                let team = teams[int(0...(teamCount - 1))]
                let bib: String?
                switch int(0...19) {
                case 0: bib = nil
                case 1: bib = "888"
                case 2: bib = " \(team.bib.lowercased()) "
                case 3, 4: bib = team.chips.isEmpty ? team.bib : team.chips[int(0...(team.chips.count - 1))]
                default: bib = team.bib
                }
                let point = chance(5) ? [0, legCount + 1][int(0...1)] : int(1...max(1, legCount))
                let at = Int64(point) * Int64(int(4...12)) * minute + (chance(30) ? Int64(int(0...40)) * 1_000 : 0) - (chance(5) ? 20 * minute : 0)
                id += int(1...3)
                readIDs.append(id)
                steps.append(.read(TimingRead(id: id, bib: bib, point: point, at: at, source: .chip, device: "d", clientReadID: "r\(id)")))
            }
            self.steps = steps
        }
    }

    /// Builds the state from the first `prefix` steps, applies the rest one by one, and compares with the full
    /// board after each.
    func check(_ scenario: Scenario, prefix: Int) {
        var reads: [TimingRead] = [], corrections: [ReadCorrection] = []
        func take(_ step: Scenario.Step) {
            switch step {
            case .read(let read): reads.append(read)
            case .correction(let correction): corrections.append(correction)
            }
        }
        scenario.steps.prefix(prefix).forEach(take)
        var state = RelayBoardState(race: scenario.race, teams: scenario.teams, reads: reads, corrections: corrections)
        #expect(state.board == RelayTiming.board(race: scenario.race, teams: scenario.teams, reads: reads, corrections: corrections))
        for (offset, step) in scenario.steps.dropFirst(prefix).enumerated() {
            take(step)
            switch step {
            case .read(let read):
                let applied = state.apply(read: read)
                #expect(applied)
            case .correction(let correction): state.apply(correction: correction)
            }
            let full = RelayTiming.board(race: scenario.race, teams: scenario.teams, reads: reads, corrections: corrections)
            let incremental = state.board
            #expect(incremental == full, "step \(prefix + offset) \(step)")
            if incremental != full { return }
        }
        #expect(state.readCount == reads.count && state.lastReadID == reads.map(\.id).max())
    }

    @Test(arguments: 0..<400)
    func equalsTheFullBoardAfterEveryReadAndCorrection(seed: Int) {
        let scenario = Scenario(seed: UInt64(seed))
        check(scenario, prefix: 0)
        check(scenario, prefix: scenario.steps.count / 2)
    }

    @Test func aRaceWithTiesRestartsAndCorrectionsStaysEqual() {
        // A crafted case: two teams tied on every leg, one restarted at exchange 1, a retime that breaks the tie,
        // an ignore that takes a team's finish away and a restore that gives it back.
        let course = RelayCourse(legs: [RelayLeg(order: 1, distanceMeters: 1_000, exchangePoint: "E1"), RelayLeg(order: 2, distanceMeters: 1_000, exchangePoint: "F")])
        let race = RelayRace(course: course, start: 0, restarts: [RelayRestart(point: 1, at: 600_000)])
        let teams = [RelayTeamInfo(id: 1, bib: "1", name: "A"), RelayTeamInfo(id: 2, bib: "2", name: "B"), RelayTeamInfo(id: 3, bib: "3", name: "C")]
        let reads = [(1, "1", 1, 300_000), (2, "2", 1, 300_000), (3, "1", 2, 600_000), (4, "2", 2, 600_000), (5, "3", 2, 1_000_000)].map {
            TimingRead(id: $0.0, bib: $0.1, point: $0.2, at: Int64($0.3), source: .manual, device: "d", clientReadID: "\($0.0)")
        }
        var state = RelayBoardState(race: race, teams: teams)
        var applied: [TimingRead] = [], corrections: [ReadCorrection] = []
        for read in reads {
            state.apply(read: read)
            applied.append(read)
            #expect(state.board == RelayTiming.board(race: race, teams: teams, reads: applied, corrections: []))
        }
        #expect(state.board.teams.map(\.placeTied) == [true, true, false])
        for correction in [ReadCorrection(readID: 4, kind: .retime, at: 590_000), ReadCorrection(readID: 3, kind: .ignore),
                           ReadCorrection(readID: 3, kind: .restore), ReadCorrection(readID: 5, kind: .assign, bib: "1")] {
            state.apply(correction: correction)
            corrections.append(correction)
            #expect(state.board == RelayTiming.board(race: race, teams: teams, reads: applied, corrections: corrections))
        }
    }

    @Test func aReadAlreadyAppliedChangesNothing() {
        let course = RelayCourse(legs: [RelayLeg(order: 1, distanceMeters: 1_000, exchangePoint: "F")])
        let race = RelayRace(course: course, start: 0)
        let read = TimingRead(id: 7, bib: "1", point: 1, at: 300_000, source: .manual, device: "d", clientReadID: "7")
        var state = RelayBoardState(race: race, teams: [RelayTeamInfo(id: 1, bib: "1", name: "A")], reads: [read])
        let before = state.board
        let applied = state.apply(read: TimingRead(id: 7, bib: "1", point: 1, at: 400_000, source: .manual, device: "d", clientReadID: "7"))
        #expect(!applied)
        #expect(state.board == before && state.lastReadID == 7 && state.readCount == 1)
    }
}
