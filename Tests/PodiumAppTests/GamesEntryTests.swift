import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games: teams, events, entries")
struct GamesEntryTests {
    struct Fixture {
        let organizer: API
        let alphaLeader: API
        let alpha: UnitDTO
        let beta: UnitDTO
        let alphaTeam: TeamDTO
        let betaTeam: TeamDTO
        let man: PersonDTO
        let woman: PersonDTO
        let betaMan: PersonDTO
        let child: PersonDTO
    }

    func fixture(_ app: Application) async throws -> Fixture {
        let group = try await app.makeUnit("Group", kind: .group)
        let alpha = try await app.makeUnit("Alpha Co", parent: group.id)
        let beta = try await app.makeUnit("Beta Co", parent: group.id)
        let dept = try await app.makeUnit("Alpha R&D", kind: .department, parent: alpha.id)
        let people = PersonService(db: app.db, clock: app.clock, today: app.today)
        let man = try await app.makeEmployee("张伟", number: "A1", unit: dept.id, gender: .male)
        let woman = try await app.makeEmployee("王芳", number: "A2", unit: alpha.id, gender: .female)
        let betaMan = try await app.makeEmployee("李强", number: "B1", unit: beta.id, gender: .male)
        let child = try await people.create(PersonInput(kind: .family, name: "张小明", gender: .male, birthDate: CalendarDate(year: 2015, month: 5, day: 1),
                                                        guardianId: man.id), by: .system("test"))
        let organizer = API(app: app, token: try await app.makeToken(.organizer))
        let created = try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"games","name":"5th Workers' Games","startDate":"2023-11-18"}"#)
        #expect(created.status == .created)
        #expect(try await organizer.send(.POST, "/api/v1/programs/games/status", json: #"{"status":"open","version":1}"#).status == .ok)
        let alphaTeam = try await organizer.send(.POST, "/api/v1/programs/games/teams", json: #"{"unitId":\#(alpha.id)}"#).decode(TeamDTO.self)
        let betaTeam = try await organizer.send(.POST, "/api/v1/programs/games/teams", json: #"{"unitId":\#(beta.id),"name":"Beta"}"#).decode(TeamDTO.self)
        return Fixture(organizer: organizer, alphaLeader: API(app: app, token: try await app.makeToken(.teamLeader, unitID: alpha.id)),
                       alpha: alpha, beta: beta, alphaTeam: alphaTeam, betaTeam: betaTeam, man: man, woman: woman, betaMan: betaMan, child: child)
    }

    @Test func anOrganizerBuildsEventsFromTemplatesAndATeamLeaderEntersTheirOwnTeam() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            #expect(f.alphaTeam.name == "Alpha Co")
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/teams", json: #"{"unitId":\#(f.alpha.id)}"#).status == .unprocessableEntity)
            let sprint = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"100m-men","teamQuota":1}"#)
            #expect(sprint.status == .created)
            let event = try sprint.decode(EventDTO.self)
            #expect(event.name == "Men's 100 m" && event.gender == .men && event.format == .timed && event.eventDate.iso == "2023-11-18")
            var chinese = HTTPHeaders()
            chinese.bearerAuthorization = BearerAuthorization(token: f.organizer.token!)
            chinese.add(name: .acceptLanguage, value: "zh-CN")
            chinese.contentType = .json
            let tug = try await app.testing().sendRequest(.POST, "/api/v1/programs/games/events", headers: chinese, body: ByteBuffer(string: #"{"templateId":"tug-of-war"}"#))
            #expect(try tug.decode(EventDTO.self).name == "拔河")
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"moon-landing"}"#).status == .unprocessableEntity)
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"name":"Odd","lineUpMin":5,"lineUpMax":3}"#).status == .unprocessableEntity)

            let entry = try await f.alphaLeader.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.man.id)]}"#)
            #expect(entry.status == .created)
            let other = try await f.alphaLeader.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.betaTeam.id),"personIds":[\#(f.betaMan.id)]}"#)
            #expect(other.status == .forbidden)
            let listed = try await f.alphaLeader.send(.GET, "/api/v1/programs/games/entries").decode([EntryDTO].self)
            #expect(listed.map(\.personIds) == [[f.man.id]])
            #expect(try await API(app: app).send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":1,"teamId":1,"personIds":[1]}"#).status == .unauthorized)
        }
    }

    @Test func anEntryThatBreaksRulesIsRefusedRuleByRuleAndNothingIsWritten() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let event = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"100m-men","teamQuota":1}"#).decode(EventDTO.self)
            let wrong = try await f.alphaLeader.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.woman.id),\#(f.betaMan.id)]}"#)
            #expect(wrong.status == .unprocessableEntity)
            let fields = Set((wrong.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["rules.lineUpSize", "rules.team", "rules.gender"])
            #expect(wrong.body.string.contains("王芳 cannot enter Men's 100 m: it is for men."))
            #expect(try await GamesEntryModel.query(on: app.db).count() == 0)

            #expect(try await f.alphaLeader.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.man.id)]}"#).status == .created)
            let overQuota = try await f.organizer.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.woman.id)]}"#)
            #expect(Set((overQuota.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }) == ["rules.teamQuota", "rules.gender"])
            let leaderOverride = try await f.alphaLeader.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.woman.id)],"override":{"rules":["teamQuota","gender"],"reason":"x"}}"#)
            #expect(leaderOverride.status == .forbidden)
            let overridden = try await f.organizer.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.woman.id)],"override":{"rules":["teamQuota","gender"],"reason":"Referee allowed a mixed heat"}}"#)
            #expect(overridden.status == .created)
            let dto = try overridden.decode(EntryDTO.self)
            #expect(dto.overriddenRules == [.gender, .teamQuota])
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "entry").sort(\.$id).all()
            #expect(audit.last?.reason == "override gender,teamQuota: Referee allowed a mixed heat")
        }
    }

    @Test func teamLeadersEnterOnlyWhileTheProgramIsOpen() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let event = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"rope-skipping"}"#).decode(EventDTO.self)
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/status", json: #"{"status":"closed","version":2}"#).status == .ok)
            let late = try await f.alphaLeader.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.man.id)]}"#)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("Entries are closed"))
            let byOrganizer = try await f.organizer.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(event.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.man.id)]}"#)
            #expect(byOrganizer.status == .created)
        }
    }

    @Test func parentChildEntriesNeedTheEmployeesOwnChild() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let race = try await f.organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"three-legged"}"#).decode(EventDTO.self)
            #expect(race.parentChild && race.awardKind == .parentChild)
            let ok = try await f.alphaLeader.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(race.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.man.id),\#(f.child.id)]}"#)
            #expect(ok.status == .created)
            let wrongParent = try await f.alphaLeader.send(.POST, "/api/v1/programs/games/entries", json: #"{"eventId":\#(race.id),"teamId":\#(f.alphaTeam.id),"personIds":[\#(f.woman.id),\#(f.child.id)]}"#)
            #expect(wrongParent.status == .unprocessableEntity)
            #expect(wrongParent.body.string.contains("张小明 is not registered as 王芳's child."))
        }
    }
}
