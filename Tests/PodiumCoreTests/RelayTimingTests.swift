import Foundation
import Testing
@testable import PodiumCore

@Suite("Relay timing: de-duplication, plausibility, splits, ranks, projections")
struct RelayTimingTests {
    /// 3 legs: 10 km, 10 km, 4 km. Start at t = 0 for readability.
    static let course = RelayCourse(legs: [
        RelayLeg(order: 1, distanceMeters: 10_000, exchangePoint: "Exchange 1"),
        RelayLeg(order: 2, distanceMeters: 10_000, exchangePoint: "Exchange 2"),
        RelayLeg(order: 3, distanceMeters: 4_000, exchangePoint: "Finish"),
    ])
    static let teams = [RelayTeamInfo(id: 1, bib: "1", name: "Alpha"), RelayTeamInfo(id: 2, bib: "2", name: "Bravo"),
                        RelayTeamInfo(id: 3, bib: "3", name: "Charlie", chips: ["C-77"])]
    static let minute: Int64 = 60_000

    var nextID = 0
    mutating func read(_ bib: String?, _ point: Int, _ minutes: Double, device: String = "phone-1") -> TimingRead {
        nextID += 1
        return TimingRead(id: nextID, bib: bib, point: point, at: Int64(minutes * 60_000), source: .manual, device: device, clientReadID: "r\(nextID)")
    }

    func board(_ reads: [TimingRead], corrections: [ReadCorrection] = [], teams: [RelayTeamInfo] = teams,
               restarts: [RelayRestart] = [], start: Int64? = 0) -> RelayBoard {
        RelayTiming.board(race: RelayRace(course: Self.course, start: start, restarts: restarts), teams: teams, reads: reads, corrections: corrections)
    }

    func team(_ board: RelayBoard, _ id: Int) -> RelayTeamResult { board.teams.first { $0.team.id == id }! }

    mutating func fullRace() -> [TimingRead] {
        [read("1", 1, 40), read("2", 1, 42), read("3", 1, 45),
         read("1", 2, 82), read("2", 2, 81), read("3", 2, 95),
         read("1", 3, 100), read("2", 3, 101), read("3", 3, 112)]
    }

    @Test mutating func splitsRanksPositionsAndPace() {
        let result = board(fullRace())
        #expect(result.teams.map(\.team.id) == [1, 2, 3])
        let alpha = team(result, 1), bravo = team(result, 2)
        #expect(alpha.legs.map(\.time) == [40 * Self.minute, 42 * Self.minute, 18 * Self.minute])
        #expect(bravo.legs.map(\.rank) == [2, 1, 3])
        #expect(alpha.legs.map(\.position) == [1, 2, 1])
        #expect(bravo.legs[1].gapToLeader == 0 && alpha.legs[1].gapToLeader == Self.minute)
        #expect(team(result, 3).legs[1].gapToAhead == 13 * Self.minute && bravo.legs[1].gapToAhead == 0)
        #expect(result.isOver && result.lastPassingAt == 112 * Self.minute)
        #expect(alpha.legs[0].paceMsPerKm == 4 * Self.minute)
        #expect(alpha.total == 100 * Self.minute && alpha.place == 1)
        #expect(team(result, 3).gapToWinner == 12 * Self.minute)
        #expect(result.reviews.isEmpty)
        #expect(result.verdicts.values.allSatisfy { $0 == .counted })
    }

    @Test mutating func readsArrivingInAnyOrderGiveTheSameBoard() {
        let reads = fullRace()
        #expect(board(reads.reversed()).teams == board(reads).teams)
        #expect(board([reads[4], reads[0], reads[8], reads[2], reads[6], reads[1], reads[7], reads[3], reads[5]]).teams == board(reads).teams)
    }

    @Test mutating func repeatedReadsWithinTheDeadTimeAreOnePassing() {
        var reads = fullRace()
        let chipEcho = read("1", 1, 40.2, device: "mat-1")
        let secondTap = read("1", 1, 40.4)
        reads += [chipEcho, secondTap]
        let result = board(reads)
        #expect(result.verdicts[chipEcho.id] == .duplicate(of: reads[0].id))
        #expect(result.verdicts[secondTap.id] == .duplicate(of: reads[0].id))
        #expect(team(result, 1).legs[0].time == 40 * Self.minute)
        #expect(result.reviews.isEmpty)
    }

    @Test mutating func aSecondPassingAfterTheDeadTimeIsSuspect() {
        var reads = fullRace()
        let later = read("1", 1, 43)
        reads.append(later)
        let result = board(reads)
        #expect(result.verdicts[later.id] == .suspect(.extraPassing))
        #expect(result.reviews.map(\.kind) == [.suspectRead(readID: later.id, .extraPassing)])
        #expect(team(result, 1).legs[0].time == 40 * Self.minute)
    }

    @Test mutating func aMissingExchangeReadIsQueuedAndTheTotalStillCounts() {
        var reads = fullRace()
        reads.removeAll { $0.bib == "3" && $0.point == 2 }
        let result = board(reads)
        let charlie = team(result, 3)
        #expect(charlie.legs[1].missingRead)
        #expect(charlie.legs[1].time == nil && charlie.legs[2].time == nil)
        #expect(charlie.legs[2].cumulative == 112 * Self.minute)
        #expect(charlie.total == 112 * Self.minute && charlie.place == 3)
        #expect(result.reviews.map(\.kind) == [.missingRead])
        #expect(result.reviews.first?.teamID == 3 && result.reviews.first?.point == 2)
    }

    @Test mutating func aLateCorrectionChangesTheResultAndKeepsTheRead() {
        let reads = fullRace()
        let alphaFinish = reads[6]
        let corrected = board(reads, corrections: [ReadCorrection(readID: alphaFinish.id, kind: .retime, at: 102 * Self.minute)])
        #expect(team(corrected, 1).total == 102 * Self.minute)
        #expect(corrected.teams.map(\.team.id) == [2, 1, 3])
        let ignored = board(reads, corrections: [ReadCorrection(readID: alphaFinish.id, kind: .ignore)])
        #expect(ignored.verdicts[alphaFinish.id] == .ignored)
        #expect(team(ignored, 1).progress == .onLeg(3))
        let restored = board(reads, corrections: [ReadCorrection(readID: alphaFinish.id, kind: .ignore),
                                                  ReadCorrection(readID: alphaFinish.id, kind: .restore)])
        #expect(team(restored, 1).total == 100 * Self.minute)
    }

    @Test mutating func twoTeamsAtTheSameMillisecondShareThePosition() {
        let reads = [read("1", 1, 40), read("2", 1, 40), read("3", 1, 41)]
        let result = board(reads)
        #expect(team(result, 1).legs[0].position == 1 && team(result, 1).legs[0].positionTied)
        #expect(team(result, 2).legs[0].position == 1 && team(result, 2).legs[0].positionTied)
        #expect(team(result, 3).legs[0].position == 3)
        #expect(result.verdicts.values.allSatisfy { $0 == .counted })
    }

    @Test mutating func unknownBibsAndUntypedTapsAreKeptAndQueued() {
        var reads = fullRace()
        let stranger = read("99", 1, 41)
        let tap = read(nil, 2, 90)
        reads += [stranger, tap]
        let result = board(reads)
        #expect(result.verdicts[stranger.id] == .suspect(.unknownBib))
        #expect(result.verdicts[tap.id] == .suspect(.unassigned))
        #expect(Set(result.reviews.map(\.kind)) == [.suspectRead(readID: stranger.id, .unknownBib), .suspectRead(readID: tap.id, .unassigned)])
        // Assigning the tap to a team makes it count.
        var withoutBravo = reads
        withoutBravo.removeAll { $0.bib == "2" && $0.point == 2 }
        let assigned = board(withoutBravo, corrections: [ReadCorrection(readID: tap.id, kind: .assign, bib: "02")])
        #expect(assigned.verdicts[tap.id] == .counted)
        #expect(team(assigned, 2).legs[1].passingAt == 90 * Self.minute)
    }

    @Test mutating func chipCodesCountForTheirTeam() {
        let result = board([read("c-77", 1, 45)])
        #expect(team(result, 3).legs[0].time == 45 * Self.minute)
    }

    @Test mutating func implausibleReadsAreQueuedUntilAccepted() {
        let early = read("1", 1, -1)
        let fast = read("2", 1, 20)     // 10 km in 20 minutes: faster than 2:30/km
        let backwards = read("3", 1, 45)
        let backwards2 = read("3", 2, 44)
        let result = board([early, fast, backwards, backwards2])
        #expect(result.verdicts[early.id] == .suspect(.beforeStart))
        #expect(result.verdicts[fast.id] == .suspect(.tooFast))
        #expect(result.verdicts[backwards2.id] == .suspect(.outOfOrder))
        #expect(team(result, 2).lastPoint == 0)
        let accepted = board([early, fast, backwards, backwards2], corrections: [ReadCorrection(readID: fast.id, kind: .accept)])
        #expect(accepted.verdicts[fast.id] == .counted)
        #expect(team(accepted, 2).legs[0].time == 20 * Self.minute)
    }

    @Test mutating func aTooFastTapIsPassedOverForTheRealPassing() {
        let stray = read("1", 1, 10), real = read("1", 1, 40)
        let result = board([stray, real])
        #expect(result.verdicts[stray.id] == .suspect(.tooFast))
        #expect(result.verdicts[real.id] == .counted)
        #expect(team(result, 1).legs[0].time == 40 * Self.minute)
    }

    @Test mutating func aRestartStartsTheNextLegForTeamsStillOut() {
        // Charlie reaches exchange 1 at 50 minutes; its next runner was sent off at 48.
        let reads = [read("1", 1, 40), read("3", 1, 50), read("1", 2, 80), read("3", 2, 90)]
        let result = board(reads, restarts: [RelayRestart(point: 1, at: 48 * Self.minute)])
        let charlie = team(result, 3), alpha = team(result, 1)
        #expect(charlie.legs[1].restarted && !alpha.legs[1].restarted)
        #expect(charlie.legs[0].time == 50 * Self.minute)
        #expect(charlie.legs[1].time == 42 * Self.minute)
        #expect(charlie.legs[1].cumulative == 92 * Self.minute)
        #expect(alpha.legs[1].cumulative == 80 * Self.minute)
    }

    @Test mutating func projectionsFollowTheTeamsPaceSoFar() {
        let result = board([read("1", 1, 40)])
        let alpha = team(result, 1)
        #expect(alpha.progress == .onLeg(2))
        #expect(alpha.projectedTotal == 96 * Self.minute)
        #expect(alpha.projectedFinishAt == 96 * Self.minute)
        #expect(team(result, 2).projectedTotal == nil)
        #expect(!result.isOver)
    }

    @Test mutating func statusesOrderTheBoardAndLeaveTheRanking() {
        let teams = [RelayTeamInfo(id: 1, bib: "1", name: "Alpha", status: .dq), RelayTeamInfo(id: 2, bib: "2", name: "Bravo", status: .dnf),
                     RelayTeamInfo(id: 3, bib: "3", name: "Charlie"), RelayTeamInfo(id: 4, bib: "4", name: "Delta", status: .dns)]
        let result = board(fullRace(), teams: teams)
        #expect(result.teams.map(\.team.id) == [3, 2, 1, 4])
        #expect(team(result, 3).place == 1 && team(result, 1).place == nil)
        #expect(team(result, 1).legs[0].position == nil)
        #expect(team(result, 3).legs[0].position == 2)
    }

    @Test mutating func beforeTheStartNothingIsRunning() {
        let result = board([], start: nil)
        #expect(result.teams.allSatisfy { $0.progress == .waiting })
    }

    @Test func bibsAreReadAsTyped() {
        #expect(RelayTiming.normalizeBib(" 007 ") == "7")
        #expect(RelayTiming.normalizeBib("a12") == "A12")
        #expect(RelayTiming.normalizeBib("  ") == nil)
        #expect(RelayTiming.normalizeBib("000") == "0")
    }

    @Test func clockAndDurationDisplay() {
        #expect(RelayClock.duration(2 * 3_600_000 + 54 * 60_000 + 12_001) == "2:54:13")
        #expect(RelayClock.duration(38 * 60_000 + 7_000) == "38:07")
        #expect(RelayClock.gap(0) == "—")
        #expect(RelayClock.gap(83_000) == "+1:23")
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let at = RelayClock.instant(CalendarDate(year: 2021, month: 9, day: 25)!, hours: 9, minutes: 41, seconds: 7, millis: 300, timeZone: shanghai)!
        #expect(RelayClock.clock(at, timeZone: shanghai) == "09:41:07")
        #expect(RelayClock.clock(at, timeZone: shanghai, tenths: true) == "09:41:07.3")
    }
}

@Suite("Relay course, line-ups and read files")
struct RelayCourseTests {
    /// Found by the browser journeys: a new race's team size of 5 refused the two-leg course just typed.
    @Test func aNewCourseTakesDownOnlyTheNumbersLeftAsTheyWere() {
        let stored = RelayComposition(teamSize: 5, minimumWomen: 3, maximumGuests: 4)
        let untouched = stored.fitted(toLegs: 2, stored: stored)
        #expect(untouched.teamSize == 2 && untouched.minimumWomen == 2 && untouched.maximumGuests == 2)
        #expect((try? untouched.validate(legCount: 2)) != nil)
        let typed = RelayComposition(teamSize: 4, minimumWomen: 3, maximumGuests: 1).fitted(toLegs: 2, stored: stored)
        #expect(typed.teamSize == 4 && typed.minimumWomen == 3 && typed.maximumGuests == 1)
        #expect((try? typed.validate(legCount: 2)) == nil)
        #expect(stored.fitted(toLegs: 8, stored: stored) == stored)
        #expect(stored.fitted(toLegs: 0, stored: stored) == stored)
    }

    @Test func coursesAreTypedInKilometresOrMetres() throws {
        let course = try RelayCourse.parse(distances: ["8.8", "8,8 km", "8800m", "8.8公里", "8.8"],
                                           exchangePoints: ["Gate A", "Park", "Bridge", "School", "Finish"])
        #expect(course.totalMeters == 44_000)
        #expect(course.legs.map(\.order) == [1, 2, 3, 4, 5])
        #expect(RelayCourse.formatDistance(8_800) == "8.8 km")
        #expect(RelayCourse.formatDistance(800) == "800 m")
        #expect(RelayCourse.kilometres(10_000) == "10" && RelayCourse.kilometres(8_850) == "8.85")
        #expect(course.meters(from: 1, to: 3) == 17_600)
    }

    @Test func aWrongLegIsNamed() {
        #expect(throws: PodiumError.validation([
            FieldIssue("legs[1].distance", "error.relay.legDistance", ["leg": "2", "value": "abc"]),
            FieldIssue("legs[2].exchangePoint", "error.relay.legPoint", ["leg": "3"]),
        ])) {
            try RelayCourse.parse(distances: ["8.8", "abc", "5"], exchangePoints: ["A", "B", ""])
        }
        #expect(throws: PodiumError.validation([FieldIssue("legs", "error.relay.noLegs")])) {
            try RelayCourse.parse(distances: ["", ""], exchangePoints: [" ", ""])
        }
        #expect(RelayCourse.parseDistance("0") == nil)
        #expect(RelayCourse.parseDistance("500km") == nil)
    }

    static let tree = UnitTree([
        UnitNode(id: 1, parentID: nil, name: "Jinghua Technology", kind: .company),
        UnitNode(id: 2, parentID: 1, name: "R&D", kind: .department),
        UnitNode(id: 3, parentID: nil, name: "Qingshan Community", kind: .community),
    ])

    func runner(_ id: Int, _ gender: Gender, unit: Int? = 2, guest: Bool = false) -> RelayRunner {
        RelayRunner(personID: id, name: "Runner \(id)", gender: gender, unitID: unit, guest: guest)
    }

    func check(_ legs: [Int: RelayRunner], composition: RelayComposition = RelayComposition(), others: [Int: String] = [:]) -> [RelayLineUpRule] {
        RelayLineUpCheck(composition: composition, legCount: 5, tree: Self.tree, runnersOfOtherTeams: others)
            .violations(teamName: "Jinghua", teamUnitID: 1, legs: legs).map(\.rule)
    }

    @Test func aValidLineUpPasses() {
        #expect(check([1: runner(1, .male), 2: runner(2, .female), 3: runner(3, .male), 4: runner(4, .male), 5: runner(5, .male)]).isEmpty)
    }

    @Test func eachBrokenRuleIsNamed() {
        let allMen = [1: runner(1, .male), 2: runner(2, .male), 3: runner(3, .male), 4: runner(4, .male, unit: 3), 5: runner(5, .male)]
        #expect(check(allMen) == [.minimumWomen, .ownOrganization])
        #expect(check([1: runner(1, .female), 2: runner(2, .male)]) == [.legWithoutRunner, .teamSize])
        let guest = [1: runner(1, .female), 2: runner(2, .male), 3: runner(3, .male), 4: runner(4, .male, unit: 3, guest: true), 5: runner(5, .male)]
        #expect(check(guest).isEmpty)
        #expect(check(guest, composition: RelayComposition(maximumGuests: 0)) == [.guests])
        #expect(check(guest, others: [3: "Qingshan"]) == [.otherTeam])
        let twice = [1: runner(1, .female), 2: runner(2, .male), 3: runner(3, .male), 4: runner(4, .male), 5: runner(1, .female)]
        #expect(check(twice) == [.teamSize])
        let message = RelayLineUpCheck(composition: RelayComposition(), legCount: 5, tree: Self.tree, runnersOfOtherTeams: [:])
            .violations(teamName: "Jinghua", teamUnitID: 1, legs: allMen)[1].message
        #expect(message == LocalizedMessage("rule.relay.ownOrganization", ["name": "Runner 4", "organization": "Jinghua Technology"]))
    }

    @Test func compositionSettingsAreChecked() {
        #expect(throws: PodiumError.self) { try RelayComposition(teamSize: 6).validate(legCount: 5) }
        #expect(throws: PodiumError.self) { try RelayComposition(teamSize: 5, minimumWomen: 6).validate(legCount: 5) }
        #expect(throws: Never.self) { try RelayComposition().validate(legCount: 5) }
    }

    static let day = CalendarDate(year: 2021, month: 9, day: 25)!
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    @Test func readFilesTakeClockTimesIsoAndEpoch() throws {
        let csv = "号码,交接点,时间\n7,1,08:40:12.5\n3,2,2021-09-25T01:20:00Z\n5,5,1632533000000\n"
        let drafts = try RelayReadsCSV.parse(Data(csv.utf8), raceDay: Self.day, timeZone: Self.shanghai, pointCount: 5, defaultDevice: "file")
        #expect(drafts.count == 3)
        #expect(drafts[0].at == RelayClock.instant(Self.day, hours: 8, minutes: 40, seconds: 12, millis: 500, timeZone: Self.shanghai))
        #expect(drafts[1].at == 1_632_532_800_000)
        #expect(drafts[2].at == 1_632_533_000_000)
        #expect(drafts[0].clientReadID == "7@1@\(drafts[0].at)")
        // The same file gives the same read ids, so importing it twice stores nothing new.
        #expect(try RelayReadsCSV.parse(Data(csv.utf8), raceDay: Self.day, timeZone: Self.shanghai, pointCount: 5, defaultDevice: "file") == drafts)
    }

    @Test func badReadFilesNameTheLine() {
        let csv = "bib,point,time\n7,1,08:40:12\n3,9,08:50:00\n4,2,8.50\n"
        #expect(throws: PodiumError.validation([
            FieldIssue("line 3", "error.relay.csvPoint", ["line": "3", "value": "9", "max": "5"]),
            FieldIssue("line 4", "error.relay.csvTime", ["line": "4", "value": "8.50"]),
        ])) {
            try RelayReadsCSV.parse(Data(csv.utf8), raceDay: Self.day, timeZone: Self.shanghai, pointCount: 5, defaultDevice: "file")
        }
        #expect(throws: PodiumError.validation([FieldIssue("file", "error.relay.csvColumn", ["column": "time", "chinese": "时间"])])) {
            try RelayReadsCSV.parse(Data("bib,point\n1,1\n".utf8), raceDay: Self.day, timeZone: Self.shanghai, pointCount: 5, defaultDevice: "file")
        }
    }
}
