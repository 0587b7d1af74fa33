import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Relay: set-up, line-ups, reads, corrections, live board, results")
struct RelayTests {
    struct Fixture {
        let app: Application
        let organizer: API
        let official: API
        let programID: Int
        let teams: [RelayTeamDTO]
        let people: [[PersonDTO]]
        let start: Int64
    }

    static let path = "/api/v1/programs/relay/relay"
    static let minute: Int64 = 60_000

    /// A race of three legs (10, 8, 4 km) and three teams, each with a woman, the start recorded at 08:00 Shanghai time.
    func fixture(_ app: Application, teams count: Int = 3, started: Bool = true) async throws -> Fixture {
        let organizer = API(app: app, token: try await app.makeToken(.organizer))
        #expect(try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"relay","slug":"relay","name":"Quality Relay","startDate":"2021-09-25","timeZone":"Asia/Shanghai"}"#).status == .created)
        _ = try await organizer.send(.POST, "/api/v1/programs/relay/status", json: #"{"status":"open","version":1}"#)
        let programID = try await ProgramModel.query(on: app.db).filter(\.$slug == "relay").first()!.id!
        let settings = try await organizer.send(.PUT, Self.path, json: #"""
            {"legs":[{"distance":"10","exchangePoint":"Park Gate"},{"distance":"8 km","exchangePoint":"Library"},{"distance":"4000m","exchangePoint":"Finish"}],
             "teamSize":3,"minimumWomen":1,"version":0}
            """#)
        #expect(settings.status == .ok, "\(settings.body.string)")
        var teams: [RelayTeamDTO] = [], people: [[PersonDTO]] = []
        for index in 0..<count {
            let unit = try await app.makeUnit("Company \(index + 1)")
            let members = [try await app.makeEmployee("Runner \(index)a", number: "A\(index)", unit: unit.id, gender: .male),
                           try await app.makeEmployee("Runner \(index)b", number: "B\(index)", unit: unit.id, gender: .female),
                           try await app.makeEmployee("Runner \(index)c", number: "C\(index)", unit: unit.id, gender: .male)]
            people.append(members)
            let team = try await organizer.send(.POST, "\(Self.path)/teams", json: #"{"unitId":\#(unit.id),"bib":"\#(index + 1)"}"#).decode(RelayTeamDTO.self)
            let runners = members.enumerated().map { #"{"leg":\#($0.offset + 1),"personId":\#($0.element.id)}"# }.joined(separator: ",")
            let lineUp = try await organizer.send(.PUT, "\(Self.path)/teams/\(team.id)/line-up", json: #"{"runners":[\#(runners)],"version":\#(team.version)}"#)
            #expect(lineUp.status == .ok, "\(lineUp.body.string)")
            teams.append(try lineUp.decode(RelayTeamDTO.self))
        }
        let official = API(app: app, token: try await app.makeToken(.official, programID: programID))
        let start = RelayClock.instant(CalendarDate(year: 2021, month: 9, day: 25)!, hours: 8, minutes: 0, seconds: 0, millis: 0,
                                       timeZone: TimeZone(identifier: "Asia/Shanghai")!)!
        if started {
            #expect(try await official.send(.POST, "\(Self.path)/start", json: #"{"at":"2021-09-25T00:00:00Z"}"#).status == .ok)
        }
        return Fixture(app: app, organizer: organizer, official: official, programID: programID, teams: teams, people: people, start: start)
    }

    func read(_ bib: String?, _ point: Int, _ at: Int64, device: String = "phone-1", id: String) -> String {
        #"{"bib":\#(bib.map { "\"\($0)\"" } ?? "null"),"point":\#(point),"at":\#(at),"device":"\#(device)","readId":"\#(id)"}"#
    }

    func results(_ f: Fixture) async throws -> RelayResultsDTO {
        try await API(app: f.app).send(.GET, "\(Self.path)/results").decode(RelayResultsDTO.self)
    }

    @Test func theCourseIsCheckedLegByLegAndABadOneChangesNothing() async throws {
        try await withPodium { app in
            let f = try await fixture(app, teams: 0, started: false)
            let settings = try await f.organizer.send(.GET, Self.path).decode(RelaySettingsDTO.self)
            #expect(settings.totalMeters == 22_000 && settings.legs.map(\.exchangePoint) == ["Park Gate", "Library", "Finish"])
            let bad = try await f.organizer.send(.PUT, Self.path, json: #"{"legs":[{"distance":"10","exchangePoint":"A"},{"distance":"ten","exchangePoint":""}],"version":\#(settings.version)}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Leg 2: “ten” is not a distance"))
            #expect(bad.body.string.contains("Leg 2: name the exchange point"))
            #expect(try await f.organizer.send(.GET, Self.path).decode(RelaySettingsDTO.self) == settings)
            let stale = try await f.organizer.send(.PUT, Self.path, json: #"{"deadTimeSeconds":20,"version":\#(settings.version + 5)}"#)
            #expect(stale.status == .conflict)
            #expect(try await f.official.send(.PUT, Self.path, json: #"{"deadTimeSeconds":20,"version":\#(settings.version)}"#).status == .forbidden)
            #expect(try await API(app: app).send(.PUT, Self.path, json: #"{"deadTimeSeconds":20,"version":\#(settings.version)}"#).status == .unauthorized)
        }
    }

    /// Found by the browser journeys: a new race's team size of 5 refused a two-leg course the organizer had just typed.
    @Test func aShorterCourseTakesAnUntouchedTeamSizeDownButNotATypedOne() async throws {
        try await withPodium { app in
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            #expect(try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"relay","slug":"relay","name":"Short Relay","startDate":"2021-09-25"}"#).status == .created)
            let fresh = try await organizer.send(.GET, Self.path).decode(RelaySettingsDTO.self)
            #expect(fresh.teamSize > 2)
            let legs = #"[{"distance":"3","exchangePoint":"Gate"},{"distance":"2","exchangePoint":"Finish"}]"#
            let typed = try await organizer.send(.PUT, Self.path, json: #"{"legs":\#(legs),"teamSize":\#(fresh.teamSize),"minimumWomen":3,"version":\#(fresh.version)}"#)
            #expect(typed.status == .unprocessableEntity)
            #expect(typed.body.string.contains("minimumWomen"))
            let short = try await organizer.send(.PUT, Self.path, json: #"{"legs":\#(legs),"version":\#(fresh.version)}"#)
            #expect(short.status == .ok, "\(short.body.string)")
            let saved = try short.decode(RelaySettingsDTO.self)
            #expect(saved.teamSize == 2)
            #expect(saved.minimumWomen <= 2)
            let tooMany = try await organizer.send(.PUT, Self.path, json: #"{"teamSize":3,"version":\#(saved.version)}"#)
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.body.string.contains("teamSize"))
        }
    }

    @Test func startsRestartsAndTheCourseOnceReadsAreIn() async throws {
        try await withPodium { app in
            let f = try await fixture(app, teams: 1, started: false)
            let early = try await f.official.send(.POST, "\(Self.path)/start", json: #"{"point":1,"at":"2021-09-25T00:30:00Z"}"#)
            #expect(early.status == .unprocessableEntity)
            #expect(early.body.string.contains("A restart comes after the mass start"))
            #expect(try await f.official.send(.POST, "\(Self.path)/start", json: #"{"at":"2021-09-25T00:00:00Z"}"#).status == .ok)
            let finish = try await f.official.send(.POST, "\(Self.path)/start", json: #"{"point":3,"at":"2021-09-25T00:30:00Z"}"#)
            #expect(finish.status == .unprocessableEntity)
            #expect(finish.body.string.contains("Restarts are given at exchanges 1 to 2, not 3."))
            let restarted = try await f.official.send(.POST, "\(Self.path)/start", json: #"{"point":1,"at":"2021-09-25T00:50:00Z"}"#)
            #expect(try restarted.decode(RelaySettingsDTO.self).restarts.map(\.point) == [1])
            #expect(try await f.organizer.send(.POST, "\(Self.path)/start", json: #"{}"#).status == .ok)
            // Once reads are in, distances and names may change but not the number of legs.
            _ = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(read("1", 1, f.start + 40 * Self.minute, id: "x"))]}"#)
            let settings = try await f.organizer.send(.GET, Self.path).decode(RelaySettingsDTO.self)
            let fewer = try await f.organizer.send(.PUT, Self.path, json: #"{"legs":[{"distance":"10","exchangePoint":"A"},{"distance":"12","exchangePoint":"Finish"}],"version":\#(settings.version)}"#)
            #expect(fewer.status == .unprocessableEntity)
            #expect(fewer.body.string.contains("the number of legs can no longer change"))
            let renamed = try await f.organizer.send(.PUT, Self.path, json: #"{"legs":[{"distance":"10","exchangePoint":"Gate"},{"distance":"8","exchangePoint":"Library"},{"distance":"4.2","exchangePoint":"Finish"}],"version":\#(settings.version)}"#)
            #expect(renamed.status == .ok)
            #expect(try renamed.decode(RelaySettingsDTO.self).totalMeters == 22_200)
            // A bib is given to one team only.
            let unit = try await app.makeUnit("Latecomers")
            let taken = try await f.organizer.send(.POST, "\(Self.path)/teams", json: #"{"unitId":\#(unit.id),"bib":"01"}"#)
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.string.contains("Bib 1 is already given to another team."))
        }
    }

    @Test func lineUpsAreCheckedNamingEachRule() async throws {
        try await withPodium { app in
            let f = try await fixture(app, teams: 2, started: false)
            let team = f.teams[0]
            let outsider = f.people[1][0]
            // Only men, one of them from the other company: two rules broken, nothing saved.
            let bad = try await f.organizer.send(.PUT, "\(Self.path)/teams/\(team.id)/line-up", json: #"""
                {"runners":[{"leg":1,"personId":\#(f.people[0][0].id)},{"leg":2,"personId":\#(f.people[0][2].id)},{"leg":3,"personId":\#(outsider.id)}],"version":\#(team.version)}
                """#)
            #expect(bad.status == .unprocessableEntity)
            let text = bad.body.string
            #expect(text.contains("Company 1: at least 1 of the runners must be women; the line-up has 0."))
            #expect(text.contains("Runner 1a is not from Company 1"))
            #expect(text.contains("Runner 1a already runs for Company 2."))
            #expect(try await f.organizer.send(.GET, "\(Self.path)/teams").decode([RelayTeamDTO].self)[0] == team)
            // A guest is allowed when marked, once the other team lets them go.
            let leaderOfOther = try await app.makeToken(.teamLeader, unitID: f.teams[1].unitId)
            let refused = try await API(app: app, token: leaderOfOther).send(.PUT, "\(Self.path)/teams/\(team.id)/line-up", json: #"{"runners":[],"version":\#(team.version)}"#)
            #expect(refused.status == .forbidden)
            // Changing the rules flags line-ups that no longer fit.
            let settings = try await f.organizer.send(.GET, Self.path).decode(RelaySettingsDTO.self)
            _ = try await f.organizer.send(.PUT, Self.path, json: #"{"minimumWomen":2,"version":\#(settings.version)}"#)
            let problems = try await f.official.send(.GET, "\(Self.path)/line-up-problems").body.string
            #expect(problems.contains("Company 1: at least 2 of the runners must be women; the line-up has 1."))
            #expect(problems.contains("Company 2: at least 2 of the runners must be women"))
        }
    }

    @Test func raceDayChangesNeedAReasonAndAreKept() async throws {
        try await withPodium { app in
            let f = try await fixture(app, teams: 1)
            let team = f.teams[0]
            let swapped = #"{"leg":1,"personId":\#(f.people[0][2].id)},{"leg":2,"personId":\#(f.people[0][1].id)},{"leg":3,"personId":\#(f.people[0][0].id)}"#
            let noReason = try await f.organizer.send(.PUT, "\(Self.path)/teams/\(team.id)/line-up", json: #"{"runners":[\#(swapped)],"version":\#(team.version)}"#)
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains("say why the line-up changes"))
            let changed = try await f.organizer.send(.PUT, "\(Self.path)/teams/\(team.id)/line-up",
                                                     json: #"{"runners":[\#(swapped)],"version":\#(team.version),"reason":"Runner a twisted an ankle warming up"}"#)
            #expect(changed.status == .ok)
            #expect(try changed.decode(RelayTeamDTO.self).runners.map(\.name) == ["Runner 0c", "Runner 0b", "Runner 0a"])
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$action == "race_day_change").all()
            #expect(audit.count == 1 && audit[0].reason == "Runner a twisted an ankle warming up")
            // A team that ran cannot be removed: it gets a status with its reason instead.
            #expect(try await f.organizer.send(.DELETE, "\(Self.path)/teams/\(team.id)").status == .conflict)
            let dnf = try await f.official.send(.PUT, "\(Self.path)/teams/\(team.id)/status", json: #"{"status":"dnf","version":\#(team.version + 1)}"#)
            #expect(dnf.status == .unprocessableEntity)
            #expect(try await f.official.send(.PUT, "\(Self.path)/teams/\(team.id)/status",
                                              json: #"{"status":"dnf","reason":"Leg 2 runner stopped with cramp","version":\#(team.version + 1)}"#).status == .ok)
            #expect(try await results(f).teams[0].status == "dnf")
        }
    }

    @Test func readsAreStoredOnceHoweverOftenTheyAreSent() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let s = f.start
            let batch = [read("1", 1, s + 40 * Self.minute, id: "a"), read("1", 1, s + 40 * Self.minute, id: "a"),
                         read("2", 1, s + 42 * Self.minute, id: "b")].joined(separator: ",")
            let first = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(batch)]}"#).decode(ReadBatchResultDTO.self)
            #expect((first.stored, first.alreadyStored) == (2, 1))
            #expect(first.ids?.count == 3 && first.ids?[0] == first.ids?[1])
            let again = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(batch)]}"#).decode(ReadBatchResultDTO.self)
            #expect((again.stored, again.alreadyStored) == (0, 3))
            #expect(again.revision == first.revision)
            // The same read id from another device is another read.
            let other = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(read("1", 1, s + 40 * Self.minute + 900, device: "mat", id: "a"))]}"#)
            #expect(try other.decode(ReadBatchResultDTO.self).stored == 1)
            #expect(try await TimingReadModel.query(on: app.db).count() == 3)
            let board = try await results(f)
            #expect(board.teams.first { $0.bib == "1" }?.legs[0].timeMs == 40 * Self.minute)
            // A point off the course refuses the whole batch; nothing of it is stored.
            let bad = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(read("3", 1, s + 44 * Self.minute, id: "c")),\#(read("3", 9, s, id: "d"))]}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Timing point 9 is not on the course; use 1 to 3."))
            #expect(try await TimingReadModel.query(on: app.db).count() == 3)
            // Seconds where milliseconds belong, and more reads than one request takes, are refused whole.
            let seconds = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(read("3", 1, 1_632_530_412, id: "s"))]}"#)
            #expect(seconds.status == .unprocessableEntity)
            #expect(seconds.body.string.contains("1632530412 is not a time of this century"))
            let program = try await ProgramModel.find(f.programID, on: app.db)!
            let flood = (0...RelayTimingService.maximumBatch).map { ReadDraft(bib: "1", point: 1, at: f.start, device: "d", clientReadID: "\($0)") }
            await #expect(throws: PodiumError.self) {
                try await RelayTimingService(db: app.db, clock: app.clock).ingest(program: program, flood, source: .chip, by: .system("test"))
            }
            #expect(try await TimingReadModel.query(on: app.db).count() == 3)
            // Only the race's officials and organizers send reads.
            _ = try await f.organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"relay","slug":"other","name":"Other Relay","startDate":"2021-10-25"}"#)
            let otherID = try await ProgramModel.query(on: app.db).filter(\.$slug == "other").first()!.id!
            let stranger = API(app: app, token: try await app.makeToken(.official, programID: otherID))
            #expect(try await stranger.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(read("3", 1, s, id: "e"))]}"#).status == .forbidden)
            #expect(try await API(app: app).send(.POST, "\(Self.path)/reads", json: #"{"reads":[]}"#).status == .unauthorized)
        }
    }

    @Test func aChipReaderSendsThousandsOfReadsInOneRequest() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            // 3,000 reads of passing chips, most of them repeats within the dead time.
            let reads = (0..<3_000).map { index in read("\(index % 3 + 1)", 1, f.start + 40 * Self.minute + Int64(index / 3) * 20, device: "mat-1", id: "chip-\(index)") }
            let response = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"source":"chip","reads":[\#(reads.joined(separator: ","))]}"#)
            #expect(response.status == .ok, "\(response.body.string.prefix(300))")
            let result = try response.decode(ReadBatchResultDTO.self)
            #expect(result.stored == 3_000 && result.ids == nil)
            let board = try await results(f)
            #expect(board.teams.allSatisfy { $0.legs[0].passingAt != nil })
            let log = try await f.official.send(.GET, "\(Self.path)/reads").decode([TimingReadDTO].self)
            #expect(log.filter { $0.verdict == "counted" }.count == 3)
            #expect(log.filter { $0.verdict == "duplicate" }.count == 2_997)
            #expect(log.allSatisfy { $0.source == .chip })
        }
    }

    @Test func outOfOrderMissingUnknownAndSameMillisecondReads() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let s = f.start
            // Sent finish first, exchanges after; team 3 has no read at exchange 2; teams 1 and 2 reach exchange 1 at the same millisecond.
            let reads = [read("1", 3, s + 100 * Self.minute, id: "1-3"), read("2", 3, s + 101 * Self.minute, id: "2-3"),
                         read("3", 3, s + 112 * Self.minute, id: "3-3"), read("1", 2, s + 80 * Self.minute, id: "1-2"),
                         read("2", 2, s + 81 * Self.minute, id: "2-2"), read("1", 1, s + 40 * Self.minute, id: "1-1"),
                         read("2", 1, s + 40 * Self.minute, id: "2-1"), read("3", 1, s + 45 * Self.minute, id: "3-1"),
                         read("99", 2, s + 85 * Self.minute, id: "stranger")]
            _ = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(reads.joined(separator: ","))]}"#)
            let board = try await results(f)
            #expect(board.teams.map(\.bib) == ["1", "2", "3"])
            #expect(board.teams.map(\.place) == [1, 2, 3])
            #expect(board.teams[0].legs[0].position == 1 && board.teams[1].legs[0].position == 1)
            let third = board.teams[2]
            #expect(third.totalMs == 112 * Self.minute && third.legs[1].missingRead && third.legs[1].timeMs == nil)
            let review = try await f.official.send(.GET, "\(Self.path)/review").body.string
            #expect(review.contains("Library, 09:25:00.0: bib 99 belongs to no team."))
            #expect(review.contains("Company 3 (bib 3) passed Library without a read."))
            // The unknown bib is kept in the log, flagged.
            let log = try await f.official.send(.GET, "\(Self.path)/reads").decode([TimingReadDTO].self)
            #expect(log.first { $0.bib == "99" }?.suspectReason == .unknownBib)
        }
    }

    /// The board kept read by read (what the live board, results and office pages use) is the board computed
    /// from every read, after reads, corrections, a team's status, and a read removed behind its back.
    @Test func theKeptBoardIsTheBoardComputedFromEveryRead() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let s = f.start
            let program = try #require(try await ProgramModel.find(f.programID, on: app.db))
            let kept = RelayTimingService(db: app.db, clock: app.clock, boardCache: app.relayBoardCache)
            let full = RelayTimingService(db: app.db, clock: app.clock)
            func expectSame(_ step: String) async throws {
                let incremental = try await kept.snapshot(program: program, includeReads: false)
                #expect(incremental.reads.isEmpty)
                #expect(incremental.board == (try await full.snapshot(program: program)).board, "\(step)")
            }
            try await expectSame("no reads")
            let first = [read("1", 1, s + 40 * Self.minute, id: "1"), read("2", 1, s + 41 * Self.minute, id: "2"),
                         read(nil, 1, s + 47 * Self.minute, id: "tap")]
            let ids = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(first.joined(separator: ","))]}"#)
                .decode(ReadBatchResultDTO.self).ids!
            try await expectSame("three reads")
            let more = [read("1", 2, s + 75 * Self.minute, id: "4"), read("1", 2, s + 75 * Self.minute + 2_000, id: "5"),
                        read("99", 2, s + 80 * Self.minute, id: "6"), read("3", 1, s + 52 * Self.minute, id: "7")]
            _ = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(more.joined(separator: ","))]}"#)
            try await expectSame("a duplicate, an unknown bib, a late first-leg read")
            #expect(try await f.official.send(.POST, "\(Self.path)/reads/\(ids[2])/corrections",
                                              json: #"{"kind":"assign","bib":"2","reason":"Typed after the tap"}"#).status == .ok)
            try await expectSame("a correction")
            let team = try #require(try await RelayTeamModel.find(f.teams[2].id, on: app.db))
            let out = try await f.official.send(.PUT, "\(Self.path)/teams/\(team.id!)/status", json: #"{"status":"dnf","reason":"Stopped with cramp","version":\#(team.version)}"#)
            #expect(out.status == .ok, "\(out.body.string)")
            try await expectSame("a team out of the race")
            try await TimingReadModel.query(on: app.db).filter(\.$clientReadID == "6").delete()
            try await expectSame("a read gone from the log")
        }
    }

    @Test func aLateCorrectionKeepsTheRawReadAndRecordsWhoAndWhy() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let s = f.start
            let reads = [read("1", 1, s + 40 * Self.minute, id: "1"), read("2", 1, s + 41 * Self.minute, id: "2"),
                         read(nil, 1, s + 47 * Self.minute, id: "tap")]
            let ids = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(reads.joined(separator: ","))]}"#).decode(ReadBatchResultDTO.self).ids!
            #expect(try await f.official.send(.POST, "\(Self.path)/reads/\(ids[0])/corrections", json: #"{"kind":"retime","at":"2021-09-25T00:42:30Z","reason":""}"#).status == .unprocessableEntity)
            let retimed = try await f.official.send(.POST, "\(Self.path)/reads/\(ids[0])/corrections",
                                                    json: #"{"kind":"retime","at":"2021-09-25T00:42:30Z","reason":"Backup watch: the tap came late"}"#)
            #expect(retimed.status == .ok)
            let dto = try retimed.decode(TimingReadDTO.self)
            #expect(dto.at == s + 40 * Self.minute)
            #expect(dto.corrections.first?.reason == "Backup watch: the tap came late" && dto.corrections.first?.at == s + 42 * Self.minute + 30_000)
            #expect(try await f.official.send(.POST, "\(Self.path)/reads/\(ids[2])/corrections", json: #"{"kind":"assign","bib":"03","reason":"Typed after the tap"}"#).status == .ok)
            let board = try await results(f)
            #expect(board.teams.map(\.bib) == ["2", "1", "3"])
            #expect(board.teams[1].legs[0].timeMs == 42 * Self.minute + 30_000)
            #expect(board.teams[2].legs[0].timeMs == 47 * Self.minute)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "timing_read").all()
            #expect(audit.count == 2 && audit.allSatisfy { $0.actorName.contains("test official") || !$0.actorName.isEmpty })
            #expect(try await f.official.send(.POST, "\(Self.path)/reads/999999/corrections", json: #"{"kind":"ignore","reason":"x"}"#).status == .notFound)
        }
    }

    @Test func readFilesAreImportedOnce() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let csv = "bib,point,time\n1,1,08:40:00\n2,1,08:41:00.5\n3,1,08:45:00\n"
            let first = try await f.official.send(.POST, "\(Self.path)/reads.csv", contentType: HTTPMediaType(type: "text", subType: "csv"), rawBody: csv)
            #expect(try first.decode(ReadBatchResultDTO.self).stored == 3)
            let second = try await f.official.send(.POST, "\(Self.path)/reads.csv", contentType: HTTPMediaType(type: "text", subType: "csv"), rawBody: csv)
            #expect(try second.decode(ReadBatchResultDTO.self).stored == 0)
            let bad = try await f.official.send(.POST, "\(Self.path)/reads.csv", contentType: HTTPMediaType(type: "text", subType: "csv"),
                                                rawBody: "bib,point,time\n1,2,08:80:00\n")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Line 2: “08:80:00” is not a time"))
            #expect(try await results(f).teams.map { $0.legs[0].timeMs } == [40 * Self.minute, 41 * Self.minute + 500, 45 * Self.minute])
        }
    }

    @Test func theLiveStreamSendsTheBoardAndResumesFromTheLastEvent() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let first = try await Browser(app).get("/p/relay/live/events")
            #expect(first.headers.contentType?.subType == "event-stream")
            let text = first.body.string
            // The page and the stream agree on the id of what the board shows.
            let page = try await Browser(app).get("/p/relay/live").body.string
            let id = try #require(page.firstMatch(of: /data-revision="([0-9a-f]{16})"/)?.1).description
            #expect(text.contains("id: \(id)\nevent: board\ndata: {"))
            #expect(text.contains("\"name\":\"Company 1\""))
            // Reconnecting with the last id seen sends nothing until something changes.
            let resumed = try await Browser(app).get("/p/relay/live/events", headers: ["Last-Event-ID": id])
            #expect(!resumed.body.string.contains("event: board"))
            #expect(resumed.body.string.contains(": keep-alive"))
            // A read while the stream is open reaches it (kept open long enough for a busy test machine).
            app.podiumConfig.liveStreamSeconds = 4
            async let streamed = Browser(app).get("/p/relay/live/events", headers: ["Last-Event-ID": id])
            try await Task.sleep(for: .milliseconds(300))
            _ = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(read("2", 1, f.start + 41 * Self.minute, id: "live"))]}"#)
            let body = try await streamed.body.string
            #expect(body.contains("event: board") && !body.contains("id: \(id)\n"))
            #expect(body.contains("Library") == false && body.contains("Park Gate"))
        }
    }

    @Test func publicPagesShowTheBoardResultsChartAndCertificates() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let s = f.start
            let reads = (1...3).flatMap { bib in (1...3).map { point in read("\(bib)", point, s + Int64(point * 35 + bib) * Self.minute, id: "\(bib)-\(point)") } }
            _ = try await f.official.send(.POST, "\(Self.path)/reads", json: #"{"reads":[\#(reads.joined(separator: ","))]}"#)
            let live = try await Browser(app).get("/p/relay/live")
            #expect(live.status == .ok)
            #expect(live.body.string.contains("<td class=\"team\">Company 1</td>"))
            #expect(live.body.string.contains("Race over: 3 of 3 teams finished"))
            let big = try await Browser(app).get("/p/relay/live?screen=big")
            #expect(big.body.string.contains("class=\"big-screen\""))
            let page = try await Browser(app).get("/p/relay/results")
            let html = page.body.string
            #expect(html.contains("<svg") && html.contains("polyline"))
            #expect(html.contains("Leg 2 · 8 km") && html.contains("Runner 0b"))
            #expect(html.contains("/p/relay/certificates/1"))
            let certificate = try await Browser(app).get("/p/relay/certificates/1")
            #expect(certificate.status == .ok && certificate.body.string.contains("1st place"))
            let chinese = try await Browser(app).get("/p/relay/certificates/2", headers: ["Accept-Language": "zh-CN"])
            #expect(chinese.body.string.contains("第二名") && chinese.body.string.contains("荣誉证书"))
            let csv = try await Browser(app).get("/api/v1/programs/relay/relay/results.csv")
            #expect(csv.body.string.contains("Leg 1 time") && csv.body.string.contains("Runner 0a"))
            // Tug of war in a games program still has its own results page.
            #expect(try await Browser(app).get("/p/relay/certificates/9").status == .notFound)
        }
    }

    @Test func theTimekeeperPageRecordsATapWithoutJavaScript() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            _ = try await app.makeUser("timer@test.podium", grants: [RoleGrant(role: .official, programID: f.programID)])
            let browser = Browser(app)
            try await browser.signIn("timer@test.podium", "password-123")
            let page = try await browser.get("/admin/relay/relay/timing?point=2")
            #expect(page.status == .ok && page.body.string.contains("Exchange 2 · Library"))
            let tapped = try await browser.post("/admin/relay/relay/timing", [("point", "2"), ("bib", "002")])
            #expect(tapped.status == .seeOther)
            let stored = try await TimingReadModel.query(on: app.db).all()
            #expect(stored.count == 1 && stored[0].bib == "2" && stored[0].point == 2 && stored[0].source == "manual")
            let leader = Browser(app)
            _ = try await app.makeUser("lead@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.teams[0].unitId)])
            try await leader.signIn("lead@test.podium", "password-123")
            #expect(try await leader.get("/admin/relay/relay/timing").status == .forbidden)
        }
    }
}
