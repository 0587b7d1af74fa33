import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games: scoring settings, placed events, rule changes, withdrawals, CSV exports")
struct GamesScoringHTTPTests {
    struct Fixture {
        let organizer: API
        let alphaLeader: API
        let official: API
        let teams: [TeamDTO]
        /// Four men and four women per team, in team order.
        let men: [[PersonDTO]]
        let women: [[PersonDTO]]
    }

    func fixture(_ app: Application) async throws -> Fixture {
        let organizer = API(app: app, token: try await app.makeToken(.organizer))
        let group = try await app.makeUnit("Group", kind: .group)
        #expect(try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"games","name":"Games","startDate":"2023-11-18"}"#).status == .created)
        _ = try await organizer.send(.POST, "/api/v1/programs/games/status", json: #"{"status":"open","version":1}"#)
        var teams: [TeamDTO] = [], men: [[PersonDTO]] = [], women: [[PersonDTO]] = []
        var alphaUnit = 0
        for (index, name) in ["Alpha", "Beta", "Gamma"].enumerated() {
            let unit = try await app.makeUnit(name, parent: group.id)
            if index == 0 { alphaUnit = unit.id }
            teams.append(try await organizer.send(.POST, "/api/v1/programs/games/teams", json: #"{"unitId":\#(unit.id)}"#).decode(TeamDTO.self))
            var m: [PersonDTO] = [], w: [PersonDTO] = []
            for n in 0..<4 {
                m.append(try await app.makeEmployee("\(name) man \(n)", number: "M\(index)\(n)", unit: unit.id, gender: .male))
                w.append(try await app.makeEmployee("\(name) woman \(n)", number: "W\(index)\(n)", unit: unit.id, gender: .female))
            }
            men.append(m)
            women.append(w)
        }
        let programID = try await ProgramModel.query(on: app.db).first()!.id!
        return Fixture(organizer: organizer, alphaLeader: API(app: app, token: try await app.makeToken(.teamLeader, unitID: alphaUnit)),
                       official: API(app: app, token: try await app.makeToken(.official, programID: programID)), teams: teams, men: men, women: women)
    }

    func enter(_ api: API, _ event: EventDTO, _ team: TeamDTO, _ people: [PersonDTO]) async throws -> EntryDTO {
        let response = try await api.send(.POST, "/api/v1/programs/games/entries",
                                          json: #"{"eventId":\#(event.id),"teamId":\#(team.id),"personIds":[\#(people.map { "\($0.id)" }.joined(separator: ","))]}"#)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(EntryDTO.self)
    }

    @Test func tugOfWarIsPlacedByItsFinalPlacesAndScoresOnTheCollectiveTable() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let tug = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"tug-of-war","lineUpMin":4,"lineUpMax":6,"minimumWomen":2}"#).decode(EventDTO.self)
            #expect(tug.format == .headToHead && tug.awardKind == .collective)
            var entries: [EntryDTO] = []
            for index in 0..<3 { entries.append(try await enter(f.organizer, tug, f.teams[index], Array(f.men[index].prefix(2) + f.women[index].prefix(2)))) }
            let short = try await f.organizer.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(tug.id),"teamId":\#(f.teams[0].id),"personIds":[\#(f.men[0][3].id)]}"#)
            #expect(short.body.string.contains("Tug of war needs 4 to 6 people; this line-up has 1."))

            let path = "/api/v1/programs/games/events/\(tug.id)/results"
            let words = try await f.official.send(.POST, path, json: #"{"entryId":\#(entries[0].id),"mark":"winner"}"#)
            #expect(words.status == .unprocessableEntity)
            #expect(words.body.string.contains("“winner” is not a place"))
            for (entry, place) in [(entries[0], "2"), (entries[1], "1"), (entries[2], "第3名")] {
                #expect(try await f.official.send(.POST, path, json: #"{"entryId":\#(entry.id),"mark":"\#(place)","official":true}"#).status == .ok)
            }
            let ranking = try await API(app: app).send(.GET, path).decode([RankedResultDTO].self)
            #expect(ranking.map(\.teamName) == ["Beta", "Alpha", "Gamma"])
            #expect(ranking.map(\.points) == ["14", "10", "8"])
            #expect(ranking.map(\.mark) == ["1", "2", "3"])
            let awards = try await API(app: app).send(.GET, "/api/v1/programs/games/awards").decode(AwardsDTO.self)
            #expect(awards.collective == 3 && awards.individual == 0)
        }
    }

    @Test func organizersSetPointsTablesTiePolicyAndPrizesAndBadTablesChangeNothing() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let standard = try await API(app: app).send(.GET, "/api/v1/programs/games/scoring").decode(GamesSettingsDTO.self)
            #expect(standard == GamesSettingsDTO(individualPoints: "7-5-4-3-2-1", collectivePoints: "14-10-8-6-4-2", parentChildPoints: "7-5-4-3-2-1",
                                                 tiePolicy: .shared, prizes: 3, personEventLimit: nil, version: 0))
            let sprint = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"100m-men"}"#).decode(EventDTO.self)
            let a = try await enter(f.organizer, sprint, f.teams[0], [f.men[0][0]])
            let b = try await enter(f.organizer, sprint, f.teams[1], [f.men[1][0]])
            let c = try await enter(f.organizer, sprint, f.teams[2], [f.men[2][0]])
            let path = "/api/v1/programs/games/events/\(sprint.id)/results"
            for (entry, mark) in [(a, "12.00"), (b, "12.00"), (c, "12.40")] {
                _ = try await f.official.send(.POST, path, json: #"{"entryId":\#(entry.id),"mark":"\#(mark)"}"#)
            }
            #expect(try await API(app: app).send(.GET, path).decode([RankedResultDTO].self).map(\.points) == ["6", "6", "4"])

            let bad = try await f.organizer.send(.PUT, "/api/v1/programs/games/scoring", json: #"{"individualPoints":"5-7-3","collectivePoints":"ten","prizes":99,"version":0}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = (bad.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["individualPoints", "collectivePoints", "prizes"])
            #expect(bad.body.string.contains("Place 2 earns 7, more than the place before it (5)."))
            #expect(try await GamesSettingsModel.query(on: app.db).count() == 0)
            #expect(try await f.alphaLeader.send(.PUT, "/api/v1/programs/games/scoring", json: #"{"prizes":1,"version":0}"#).status == .forbidden)

            let saved = try await f.organizer.send(.PUT, "/api/v1/programs/games/scoring", json: #"{"individualPoints":"9 7 6 5 4 3 2 1","tiePolicy":"full","prizes":2,"version":0}"#)
            #expect(saved.status == .ok)
            #expect(try saved.decode(GamesSettingsDTO.self).individualPoints == "9-7-6-5-4-3-2-1")
            #expect(try await API(app: app).send(.GET, path).decode([RankedResultDTO].self).map(\.points) == ["9", "9", "6"])
            let standings = try await API(app: app).send(.GET, "/api/v1/programs/games/standings").decode([StandingDTO].self)
            #expect(standings.map(\.prize) == [1, 1, nil])
            #expect(try await f.organizer.send(.PUT, "/api/v1/programs/games/scoring", json: #"{"prizes":3,"version":0}"#).status == .conflict)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "games_settings").count() == 1)
        }
    }

    @Test func changingAnEventOrThePersonLimitFlagsTheEntriesThatNowBreakARule() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let rope = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"rope-skipping"}"#).decode(EventDTO.self)
            let shuttle = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"shuttlecock-kicking"}"#).decode(EventDTO.self)
            let first = try await enter(f.alphaLeader, rope, f.teams[0], [f.men[0][0]])
            _ = try await enter(f.alphaLeader, rope, f.teams[0], [f.women[0][0]])
            _ = try await enter(f.alphaLeader, shuttle, f.teams[0], [f.men[0][0]])
            _ = try await enter(f.organizer, rope, f.teams[1], [f.men[1][0]])
            #expect(try await f.organizer.send(.GET, "/api/v1/programs/games/entries/flagged").decode([FlaggedEntryDTO].self).isEmpty)

            let stale = try await f.organizer.send(.PUT, "/api/v1/programs/games/events/\(rope.id)", json: #"{"teamQuota":1,"version":5}"#)
            #expect(stale.status == .conflict)
            let changed = try await f.organizer.send(.PUT, "/api/v1/programs/games/events/\(rope.id)", json: #"{"teamQuota":1,"gender":"men","version":1}"#)
            #expect(changed.status == .ok)
            let update = try changed.decode(EventUpdateDTO.self)
            #expect(update.event.teamQuota == 1 && update.event.version == 2 && update.event.name == "Rope skipping (1 minute)")
            #expect(update.entriesBreakingRules.count == 1)
            #expect(update.entriesBreakingRules.first?.names == ["Alpha woman 0"])
            #expect(Set(update.entriesBreakingRules.first?.problems.map(\.rule) ?? []) == [.teamQuota, .gender])
            #expect(update.entriesBreakingRules.first?.problems.contains { $0.message == "Alpha woman 0 cannot enter Rope skipping (1 minute): it is for men." } == true)
            #expect(try await f.organizer.send(.PUT, "/api/v1/programs/games/events/\(rope.id)", json: #"{"lineUpMin":3,"lineUpMax":2,"version":2}"#).status == .unprocessableEntity)
            #expect(try await f.alphaLeader.send(.PUT, "/api/v1/programs/games/events/\(rope.id)", json: #"{"version":2}"#).status == .forbidden)

            // One event per person: the man's later entry is flagged, not the earlier one.
            _ = try await f.organizer.send(.PUT, "/api/v1/programs/games/scoring", json: #"{"personEventLimit":1,"version":0}"#)
            let flagged = try await f.alphaLeader.send(.GET, "/api/v1/programs/games/entries/flagged").decode([FlaggedEntryDTO].self)
            #expect(flagged.map(\.eventId).sorted() == [rope.id, shuttle.id])
            #expect(flagged.first { $0.eventId == shuttle.id }?.problems.map(\.rule) == [.personLimit])
            #expect(!flagged.contains { $0.entryId == first.id })
            #expect(try await API(app: app).send(.GET, "/api/v1/programs/games/entries/flagged").status == .unauthorized)
            let third = try await f.organizer.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(shuttle.id),"teamId":\#(f.teams[1].id),"personIds":[\#(f.men[1][0].id)]}"#)
            #expect(third.body.string.contains("Beta man 0 already has the most events one person may enter (1)."))
        }
    }

    @Test func entriesAreWithdrawnAndEmptyEventsRemovedButNothingWithAResult() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let rope = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"rope-skipping"}"#).decode(EventDTO.self)
            let spare = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"60m-men"}"#).decode(EventDTO.self)
            let alpha = try await enter(f.alphaLeader, rope, f.teams[0], [f.men[0][0]])
            let alphaSecond = try await enter(f.alphaLeader, rope, f.teams[0], [f.men[0][1]])
            let beta = try await enter(f.organizer, rope, f.teams[1], [f.men[1][0]])
            #expect(try await f.alphaLeader.send(.DELETE, "/api/v1/programs/games/entries/\(beta.id)").status == .forbidden)
            #expect(try await f.alphaLeader.send(.DELETE, "/api/v1/programs/games/entries/\(alphaSecond.id)").status == .noContent)
            #expect(try await f.alphaLeader.send(.DELETE, "/api/v1/programs/games/entries/\(alphaSecond.id)").status == .notFound)
            _ = try await f.official.send(.POST, "/api/v1/programs/games/events/\(rope.id)/results", json: #"{"entryId":\#(alpha.id),"mark":"150"}"#)
            // A format cannot change once results exist: the marks would mean something else.
            let reformat = try await f.organizer.send(.PUT, "/api/v1/programs/games/events/\(rope.id)", json: #"{"format":"timed","version":1}"#)
            #expect(reformat.status == .unprocessableEntity && reformat.body.string.contains("already has results"))
            #expect(try await f.organizer.send(.PUT, "/api/v1/programs/games/events/\(rope.id)", json: #"{"venue":"Hall"}"#).status == .unprocessableEntity)
            let withResult = try await f.organizer.send(.DELETE, "/api/v1/programs/games/entries/\(alpha.id)")
            #expect(withResult.status == .conflict)
            #expect(withResult.body.string.contains("already has a result"))
            let busy = try await f.organizer.send(.DELETE, "/api/v1/programs/games/events/\(rope.id)")
            #expect(busy.status == .conflict)
            #expect(busy.body.string.contains("Rope skipping (1 minute) has 2 entries"))
            #expect(try await f.alphaLeader.send(.DELETE, "/api/v1/programs/games/events/\(spare.id)").status == .forbidden)
            #expect(try await f.organizer.send(.DELETE, "/api/v1/programs/games/events/\(spare.id)").status == .noContent)
            #expect(try await f.organizer.send(.GET, "/api/v1/programs/games/events").decode([EventDTO].self).map(\.id) == [rope.id])
            // Once entries close, team leaders can no longer withdraw; organizers still can.
            let late = try await enter(f.alphaLeader, rope, f.teams[0], [f.men[0][2]])
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/status", json: #"{"status":"closed","version":2}"#).status == .ok)
            let closed = try await f.alphaLeader.send(.DELETE, "/api/v1/programs/games/entries/\(late.id)")
            #expect(closed.status == .unprocessableEntity && closed.body.string.contains("Entries are closed"))
            #expect(try await f.organizer.send(.DELETE, "/api/v1/programs/games/entries/\(late.id)").status == .noContent)
            #expect(try await f.alphaLeader.send(.GET, "/api/v1/programs/games/entries").decode([EntryDTO].self).map(\.id) == [alpha.id])
            #expect(try await f.organizer.send(.DELETE, "/api/v1/programs/games/entries/999999").status == .notFound)
        }
    }

    @Test func resultsStandingsAndEntriesExportAsSpreadsheetCSV() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let rope = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"rope-skipping"}"#).decode(EventDTO.self)
            let alpha = try await enter(f.alphaLeader, rope, f.teams[0], [f.men[0][0]])
            let beta = try await enter(f.organizer, rope, f.teams[1], [f.men[1][0]])
            _ = try await f.official.send(.POST, "/api/v1/programs/games/events/\(rope.id)/results", json: #"{"entryId":\#(alpha.id),"mark":"150","official":true}"#)
            _ = try await f.official.send(.POST, "/api/v1/programs/games/events/\(rope.id)/results", json: #"{"entryId":\#(beta.id),"status":"dns"}"#)

            let results = try await API(app: app).send(.GET, "/api/v1/programs/games/results.csv")
            #expect(results.status == .ok)
            #expect(results.headers.contentType?.subType == "csv")
            #expect(results.headers.first(name: .contentDisposition)?.contains("games-results.csv") == true)
            let lines = results.body.string.split(separator: "\r\n").map(String.init)
            #expect(lines.first == "\u{FEFF}Event,Place,Team,Athletes,Mark,Points,Award,Official")
            #expect(lines.dropFirst().first == "Rope skipping (1 minute),1,Alpha,Alpha man 0,150,7,Yes,Yes")
            #expect(lines.dropFirst(2).first == "Rope skipping (1 minute),,Beta,Beta man 0,DNS,0,,")

            let standings = try await API(app: app).send(.GET, "/api/v1/programs/games/standings.csv").body.string
            #expect(standings.contains("1,Alpha,7,1,0,0,0,0,0,0,0,first prize\r\n"))
            #expect(standings.contains("2=,Beta,0,"))

            #expect(try await API(app: app).send(.GET, "/api/v1/programs/games/entries.csv").status == .unauthorized)
            let leaders = try await f.alphaLeader.send(.GET, "/api/v1/programs/games/entries.csv").body.string
            #expect(leaders.contains("Rope skipping (1 minute),Competition,Alpha,Alpha man 0,M00,,,"))
            #expect(!leaders.contains("Beta man 0"))
            #expect(try await f.organizer.send(.GET, "/api/v1/programs/games/entries.csv").body.string.contains("Beta man 0"))
        }
    }
}
