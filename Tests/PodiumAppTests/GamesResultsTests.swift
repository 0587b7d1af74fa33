import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games: results, rankings, standings")
struct GamesResultsTests {
    @Test func officialsTypeMarksAndRankingsPointsAndStandingsFollow() async throws {
        try await withPodium { app in
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            let group = try await app.makeUnit("Group", kind: .group)
            var teams: [TeamDTO] = []
            var runners: [PersonDTO] = []
            #expect(try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"games","name":"Games","startDate":"2023-11-18"}"#).status == .created)
            _ = try await organizer.send(.POST, "/api/v1/programs/games/status", json: #"{"status":"open","version":1}"#)
            for (index, name) in ["Alpha", "Beta", "Gamma"].enumerated() {
                let unit = try await app.makeUnit(name, parent: group.id)
                teams.append(try await organizer.send(.POST, "/api/v1/programs/games/teams", json: #"{"unitId":\#(unit.id)}"#).decode(TeamDTO.self))
                runners.append(try await app.makeEmployee("\(name) runner", number: "R\(index)", unit: unit.id, gender: .male))
                runners.append(try await app.makeEmployee("\(name) second", number: "S\(index)", unit: unit.id, gender: .male))
            }
            let event = try await organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"100m-men"}"#).decode(EventDTO.self)
            var entryIDs: [Int] = []
            for (index, runner) in runners.enumerated() {
                let entry = try await organizer.send(.POST, "/api/v1/programs/games/entries",
                                                     json: #"{"eventId":\#(event.id),"teamId":\#(teams[index / 2].id),"personIds":[\#(runner.id)]}"#)
                entryIDs.append(try entry.decode(EntryDTO.self).id)
            }
            let programID = try await ProgramModel.query(on: app.db).first()!.id!
            let official = API(app: app, token: try await app.makeToken(.official, programID: programID))
            let path = "/api/v1/programs/games/events/\(event.id)/results"
            // Alpha 12.10, Beta 12.10 (tie for first), Gamma 12.5, Alpha second 13.02, Beta second DNS, Gamma second not yet in.
            for (entry, mark) in [(entryIDs[0], "12.10"), (entryIDs[2], "12.1"), (entryIDs[4], "12.5"), (entryIDs[1], "13.02")] {
                #expect(try await official.send(.POST, path, json: #"{"entryId":\#(entry),"mark":"\#(mark)"}"#).status == .ok)
            }
            #expect(try await official.send(.POST, path, json: #"{"entryId":\#(entryIDs[3]),"status":"dns"}"#).status == .ok)

            let bad = try await official.send(.POST, path, json: #"{"entryId":\#(entryIDs[5]),"mark":"12,34"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("“12,34” is not a time"))
            let stranger = try await app.makeEmployee("Not entered", number: "X9", unit: group.id)
            _ = stranger
            #expect(try await official.send(.POST, path, json: #"{"entryId":999999,"mark":"12.00"}"#).status == .unprocessableEntity)

            let ranking = try await API(app: app).send(.GET, path).decode([RankedResultDTO].self)
            #expect(ranking.map(\.place) == [1, 1, 3, 4, nil, nil])
            #expect(ranking.map(\.points) == ["6", "6", "4", "3", "0", "0"])
            #expect(ranking.map(\.mark).prefix(5) == ["12.10", "12.10", "12.50", "13.02", "DNS"])
            #expect(ranking.prefix(4).allSatisfy { $0.award })

            let standings = try await API(app: app).send(.GET, "/api/v1/programs/games/standings").decode([StandingDTO].self)
            #expect(standings.map(\.teamName) == ["Alpha", "Beta", "Gamma"])
            #expect(standings.map(\.points) == ["9", "6", "4"])
            #expect(standings.map(\.prize) == [1, 2, 3])

            // A correction needs the version read; a stale one is refused and the history is kept.
            let stale = try await official.send(.POST, path, json: #"{"entryId":\#(entryIDs[4]),"mark":"12.05","version":7}"#)
            #expect(stale.status == .conflict)
            let corrected = try await official.send(.POST, path, json: #"{"entryId":\#(entryIDs[4]),"mark":"12.05","version":1,"official":true}"#)
            #expect(try corrected.decode(ResultDTO.self).display == "12.05")
            let history = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "result").filter(\.$entityID == "\(entryIDs[4])").sort(\.$id).all()
            #expect(history.map(\.action) == ["create", "update"])
            #expect(history[1].before?.contains("12.50") == true && history[1].after?.contains("12.05") == true)

            let page = try await Browser(app).get("/p/games/standings", headers: ["Accept-Language": "zh-CN"])
            #expect(page.status == .ok)
            #expect(page.body.string.contains("一等奖"))
            #expect(page.body.string.contains("Alpha"))
            let results = try await Browser(app).get("/p/games/results")
            #expect(results.body.string.contains("12.05"))
            #expect(results.body.string.contains("<td>2=</td>"))
            #expect(results.body.string.contains("DNS"))

            let awards = try await API(app: app).send(.GET, "/api/v1/programs/games/awards").decode(AwardsDTO.self)
            #expect((awards.individual, awards.collective, awards.parentChild) == (4, 0, 0))
            #expect(awards.medals.map(\.teamName) == ["Gamma", "Alpha", "Beta"])
            #expect(awards.medals.map(\.rank) == [1, 2, 2])
            #expect(awards.prizes.map(\.teamName) == ["Alpha", "Gamma", "Beta"])
            let awardsPage = try await Browser(app).get("/p/games/awards")
            #expect(awardsPage.body.string.contains("4 individual awards, 0 collective awards, 0 parent-child awards"))
            #expect(awardsPage.body.string.contains("Beta won the third prize of the group award"))
            let chineseAwards = try await Browser(app).get("/p/games/awards", headers: ["Accept-Language": "zh-CN"])
            #expect(chineseAwards.body.string.contains("共产生个人奖 4 个、集体奖 0 个、亲子奖 0 个"))
            #expect(chineseAwards.body.string.contains("Alpha荣获团体奖一等奖"))

            let outsider = API(app: app, token: try await app.makeToken(.teamLeader, unitID: teams[0].unitId))
            #expect(try await outsider.send(.POST, path, json: #"{"entryId":\#(entryIDs[5]),"mark":"12.00"}"#).status == .forbidden)
        }
    }
}
