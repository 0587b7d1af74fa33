import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Recognition conference: agenda, attendees, check-in")
struct CeremonyTests {
    struct Fixture {
        let organizer: API
        let official: API
        let leader: API
        let anonymous: API
        let program: ProgramDTO
        let games: ProgramDTO
        let company: UnitDTO
        let people: [PersonDTO]
    }

    static let base = "/api/v1/programs/conference/ceremony"
    /// 13:52 in Beijing on the day of the conference.
    static let doorTime = ISO8601DateFormatter().date(from: "2021-02-02T05:52:00Z")!

    func fixture(_ app: Application, open: Bool = true) async throws -> Fixture {
        app.clock = PodiumClock { Self.doorTime }
        let group = try await app.makeUnit("Jinghua Holdings Group", kind: .group)
        let sector = try await app.makeUnit("Green Building Sector", kind: .sector, parent: group.id)
        let company = try await app.makeUnit("Jinghua Technology", parent: sector.id)
        let production = try await app.makeUnit("Production", kind: .department, parent: company.id)
        let people = [try await app.makeEmployee("周明", number: "JH001", unit: production.id, gender: .male),
                      try await app.makeEmployee("王芳", number: "JH002", unit: company.id),
                      try await app.makeEmployee("Anna Bell", number: "JH003", unit: production.id)]
        let programs = ProgramService(db: app.db, clock: app.clock)
        var program = try await programs.create(ProgramInput(
            kind: .recognition, slug: "conference", edition: nil, name: "2020 Annual Summary and Recognition Conference", theme: "",
            startDate: CalendarDate(year: 2021, month: 2, day: 2), endDate: nil, venue: "Hall", timeZone: "Asia/Shanghai"), by: .system("test"))
        if open { program = try await programs.changeStatus(program.id, to: .open, expectedVersion: program.version, by: .system("test")) }
        let games = try await programs.create(ProgramInput(
            kind: .games, slug: "games", edition: 5, name: "5th Workers' Games", theme: "", startDate: CalendarDate(year: 2023, month: 11, day: 18),
            endDate: nil, venue: "Ground", timeZone: "Asia/Shanghai"), by: .system("test"))
        _ = try await programs.changeStatus(games.id, to: .open, expectedVersion: games.version, by: .system("test"))
        return Fixture(organizer: API(app: app, token: try await app.makeToken(.organizer)),
                       official: API(app: app, token: try await app.makeToken(.official, programID: program.id)),
                       leader: API(app: app, token: try await app.makeToken(.teamLeader, unitID: company.id)),
                       anonymous: API(app: app), program: program, games: games, company: company, people: people)
    }

    func add(_ api: API, _ json: String) async throws -> AgendaItemDTO {
        let response = try await api.send(.POST, "\(Self.base)/agenda", json: json)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(AgendaItemDTO.self)
    }

    func fieldMessages(_ response: TestingHTTPResponse) -> [String: String] {
        Dictionary((response.json["errors"] as? [[String: Any]] ?? []).compactMap { error in
            (error["field"] as? String).map { ($0, error["message"] as? String ?? "") }
        }, uniquingKeysWith: { $0 + " " + $1 })
    }

    /// A message as a page shows it: localized in English and escaped as Leaf escapes text.
    func shown(_ app: Application, _ key: String, _ args: [String: String] = [:]) -> String {
        app.localizer.string(key, .en, args).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    // MARK: API: agenda

    @Test func organizersEditTheAgendaWhichIsPublicOnceTheProgramIsOpen() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let report = try await add(f.organizer, #"{"startsAt":"14:00","kind":"report","title":"Work report","speaker":"周明, General Manager"}"#)
            #expect((report.position, report.startsAt, report.kind, report.version) == (1, "14:00", .report, 1))
            let speech = try await add(f.organizer, #"{"startsAt":"9:55","kind":"speech","title":"  Speech by   the chairman ","speaker":" "}"#)
            #expect((speech.position, speech.startsAt, speech.title, speech.speaker) == (2, "09:55", "Speech by the chairman", nil))
            let opening = try await add(f.organizer, #"{"kind":"other","title":"Opening","position":1}"#)
            #expect(opening.position == 1 && opening.startsAt == nil)

            for api in [f.official, f.leader] {
                #expect(try await api.send(.POST, "\(Self.base)/agenda", json: #"{"kind":"other","title":"X"}"#).status == .forbidden)
            }
            #expect(try await f.anonymous.send(.POST, "\(Self.base)/agenda", json: #"{"kind":"other","title":"X"}"#).status == .unauthorized)

            let agenda = try await f.anonymous.send(.GET, "\(Self.base)/agenda").decode([AgendaItemDTO].self)
            #expect(agenda.map(\.title) == ["Opening", "Work report", "Speech by the chairman"])
            #expect(agenda.map(\.position) == [1, 2, 3])
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "ceremony_agenda_item").count() == 3)
        }
    }

    @Test func badItemsAreRefusedFieldByFieldAndChangeNothing() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let bad = try await f.organizer.send(.POST, "\(Self.base)/agenda", json: #"{"startsAt":"25:00","kind":"toast","title":"  "}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = fieldMessages(bad)
            #expect(fields["startsAt"]?.contains("“25:00” is not a time") == true)
            #expect(fields["kind"]?.contains("“toast”") == true)
            #expect(fields["title"] == "Enter what the item is (e.g. Work report of the general manager).")
            #expect(try await f.organizer.send(.POST, "\(Self.base)/agenda", json: #"{"startsAt":"12:60","kind":"report","title":"Report"}"#).status
                    == .unprocessableEntity)
            #expect(try await f.organizer.send(.POST, "\(Self.base)/agenda", json: #"{"kind":"report"}"#).status == .unprocessableEntity)
            let long = String(repeating: "表", count: 201)
            #expect(fieldMessages(try await f.organizer.send(.POST, "\(Self.base)/agenda", json: #"{"kind":"report","title":"\#(long)"}"#))["title"]
                    == "At most 200 characters.")
            #expect(try await AgendaItemModel.query(on: app.db).count() == 0)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "ceremony_agenda_item").count() == 0)
        }
    }

    @Test func updatesCarryAVersionAndMovesRenumberTheRest() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let first = try await add(f.organizer, #"{"startsAt":"14:00","kind":"report","title":"Work report","speaker":"周明"}"#)
            let second = try await add(f.organizer, #"{"kind":"commendation","title":"Commendation"}"#)
            let third = try await add(f.organizer, #"{"kind":"speech","title":"Chairman's speech"}"#)

            let path = "\(Self.base)/agenda/\(first.id)"
            let renamed = try await f.organizer.send(.PUT, path, json: #"{"title":"Work report of the general manager","speaker":"","version":1}"#)
            #expect(renamed.status == .ok, "\(renamed.body.string)")
            let saved = try renamed.decode(AgendaItemDTO.self)
            #expect((saved.title, saved.speaker, saved.startsAt, saved.kind, saved.version) == ("Work report of the general manager", nil, "14:00", .report, 2))
            let stale = try await f.organizer.send(.PUT, path, json: #"{"title":"Old","version":1}"#)
            #expect(stale.status == .conflict)
            #expect(stale.json["detail"] as? String == app.localizer.string("error.version.stale", .en))
            #expect(try await f.organizer.send(.PUT, path, json: #"{"title":"No version"}"#).status == .unprocessableEntity)
            #expect(try await f.organizer.send(.PUT, path, json: #"{"startsAt":"24:00","version":2}"#).status == .unprocessableEntity)
            #expect(try await f.official.send(.PUT, path, json: #"{"title":"Official","version":2}"#).status == .forbidden)
            #expect(try await f.organizer.send(.PUT, "\(Self.base)/agenda/999999", json: #"{"title":"X","version":1}"#).status == .notFound)

            let moved = try await f.organizer.send(.PUT, "\(Self.base)/agenda/\(third.id)", json: #"{"position":1,"version":1}"#)
            #expect(try moved.decode(AgendaItemDTO.self).position == 1)
            var agenda = try await f.anonymous.send(.GET, "\(Self.base)/agenda").decode([AgendaItemDTO].self)
            #expect(agenda.map(\.id) == [third.id, first.id, second.id])
            #expect(agenda.map(\.position) == [1, 2, 3])

            #expect(try await f.official.send(.DELETE, "\(Self.base)/agenda/\(first.id)").status == .forbidden)
            #expect(try await f.organizer.send(.DELETE, "\(Self.base)/agenda/\(first.id)?version=1").status == .conflict)
            #expect(try await f.organizer.send(.DELETE, "\(Self.base)/agenda/\(first.id)?version=2").status == .noContent)
            agenda = try await f.anonymous.send(.GET, "\(Self.base)/agenda").decode([AgendaItemDTO].self)
            #expect(agenda.map(\.id) == [third.id, second.id] && agenda.map(\.position) == [1, 2])
            let actions = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "ceremony_agenda_item").sort(\.$id).all().map(\.action)
            #expect(actions == ["create", "create", "create", "update", "update", "delete"])
        }
    }

    @Test func aDraftsAgendaIsForThoseWhoRunIt() async throws {
        try await withPodium { app in
            let f = try await fixture(app, open: false)
            _ = try await add(f.organizer, #"{"kind":"report","title":"Work report"}"#)
            #expect(try await f.anonymous.send(.GET, "\(Self.base)/agenda").status == .notFound)
            #expect(try await f.leader.send(.GET, "\(Self.base)/agenda").status == .notFound)
            #expect(try await f.official.send(.GET, "\(Self.base)/agenda").decode([AgendaItemDTO].self).count == 1)
            #expect(try await Browser(app).get("/p/conference").status == .notFound)
        }
    }

    @Test func otherKindsOfProgramHaveNoCeremony() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let response = try await f.organizer.send(.GET, "/api/v1/programs/games/ceremony/agenda")
            #expect(response.status == .notFound)
            #expect(response.json["detail"] as? String == "5th Workers' Games is not a recognition program: only a recognition conference has an agenda and check-in.")
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/ceremony/agenda", json: #"{"kind":"report","title":"X"}"#).status == .notFound)
            #expect(try await f.organizer.send(.GET, "/api/v1/programs/games/ceremony/attendees").status == .notFound)
            #expect(try await f.organizer.send(.GET, "/api/v1/programs/nothing/ceremony/agenda").status == .notFound)
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let page = try await browser.get("/admin/recognition/games/ceremony")
            #expect(page.status == .notFound && page.body.string.contains("is not a recognition program"))
            #expect(try await browser.get("/admin/recognition/games/check-in").status == .notFound)
        }
    }

    // MARK: API: attendees and check-in

    @Test func attendeesComeFromTheRosterOrAsGuestsAndAreListedByGroupThenName() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let path = "\(Self.base)/attendees"
            let leader = try await f.organizer.send(.POST, path, json: #"{"personId":\#(f.people[0].id),"group":"leader","seat":"A-1"}"#)
            #expect(leader.status == .created, "\(leader.body.string)")
            let zhou = try leader.decode(AttendeeDTO.self)
            #expect((zhou.name, zhou.group, zhou.unitName, zhou.seat, zhou.employeeNumber) == ("周明", .leader, "Jinghua Technology › Production", "A-1", "JH001"))
            #expect(try await f.organizer.send(.POST, path, json: #"{"personId":\#(f.people[2].id),"group":"cadre"}"#).status == .created)
            #expect(try await f.organizer.send(.POST, path, json: #"{"personId":\#(f.people[1].id),"group":"cadre"}"#).status == .created)
            let guest = try await f.organizer.send(.POST, path, json: #"{"name":" 程立新 ","group":"guest","unitName":"District Federation of Trade Unions"}"#)
            #expect(guest.status == .created)
            #expect(try guest.decode(AttendeeDTO.self).personId == nil)

            let again = try await f.organizer.send(.POST, path, json: #"{"personId":\#(f.people[0].id),"group":"cadre"}"#)
            #expect(again.status == .unprocessableEntity)
            #expect(fieldMessages(again)["personId"] == "周明 is already on the list.")
            let sameGuest = try await f.organizer.send(.POST, path, json: #"{"name":"程立新","group":"guest","unitName":"District Federation of Trade Unions"}"#)
            #expect(fieldMessages(sameGuest)["name"] == "程立新 is already on the list.")
            let bad = try await f.organizer.send(.POST, path, json: #"{"name":"  ","group":"vip","seat":"\#(String(repeating: "9", count: 21))"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(fieldMessages(bad).keys) == ["name", "group", "seat"])
            #expect(fieldMessages(try await f.organizer.send(.POST, path, json: #"{"personId":999999,"group":"cadre"}"#))["personId"] == "Person 999999 does not exist.")
            #expect(try await f.official.send(.POST, path, json: #"{"name":"X","group":"guest"}"#).status == .forbidden)
            #expect(try await f.leader.send(.POST, path, json: #"{"name":"X","group":"guest"}"#).status == .forbidden)
            #expect(try await f.anonymous.send(.POST, path, json: #"{"name":"X","group":"guest"}"#).status == .unauthorized)

            #expect(try await f.anonymous.send(.GET, path).status == .unauthorized)
            #expect(try await f.leader.send(.GET, path).status == .forbidden)
            let list = try await f.official.send(.GET, path).decode(AttendeeListDTO.self)
            #expect(list.attendees.map(\.name) == ["周明", "Anna Bell", "王芳", "程立新"])
            #expect(list.counts == [AttendanceCountDTO(group: .leader, expected: 1, checkedIn: 0), AttendanceCountDTO(group: .cadre, expected: 2, checkedIn: 0),
                                    AttendanceCountDTO(group: .guest, expected: 1, checkedIn: 0)])
            #expect(list.total == AttendanceCountDTO(group: nil, expected: 4, checkedIn: 0))
            let narrowed = try await f.official.send(.GET, "\(path)?q=production").decode(AttendeeListDTO.self)
            #expect(narrowed.attendees.map(\.name) == ["周明", "Anna Bell"] && narrowed.total.expected == 4)
            #expect(try await f.official.send(.GET, "\(path)?q=JH002").decode(AttendeeListDTO.self).attendees.map(\.name) == ["王芳"])

            let anna = list.attendees[1]
            #expect(try await f.official.send(.DELETE, "\(path)/\(anna.id)").status == .forbidden)
            #expect(try await f.organizer.send(.DELETE, "\(path)/\(anna.id)").status == .noContent)
            #expect(try await f.organizer.send(.DELETE, "\(path)/\(anna.id)").status == .notFound)
            #expect(try await f.official.send(.GET, path).decode(AttendeeListDTO.self).total.expected == 3)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "ceremony_attendee").sort(\.$id).all().map(\.action)
            #expect(audit == ["create", "create", "create", "create", "delete"])
        }
    }

    @Test func checkInRecordsWhoAndWhenAndASecondOneSaysSo() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let path = "\(Self.base)/attendees"
            let zhou = try await f.organizer.send(.POST, path, json: #"{"personId":\#(f.people[0].id),"group":"leader"}"#).decode(AttendeeDTO.self)
            let wang = try await f.organizer.send(.POST, path, json: #"{"personId":\#(f.people[1].id),"group":"cadre"}"#).decode(AttendeeDTO.self)

            #expect(try await f.anonymous.send(.POST, "\(path)/\(zhou.id)/check-in").status == .unauthorized)
            #expect(try await f.leader.send(.POST, "\(path)/\(zhou.id)/check-in").status == .forbidden)
            let done = try await f.official.send(.POST, "\(path)/\(zhou.id)/check-in")
            #expect(done.status == .ok, "\(done.body.string)")
            let checked = try done.decode(AttendeeDTO.self)
            #expect(checked.checkedInAt == Self.doorTime && checked.checkedInBy == "token:test official" && checked.version == 2)

            let twice = try await f.organizer.send(.POST, "\(path)/\(zhou.id)/check-in")
            #expect(twice.status == .conflict)
            #expect(twice.json["detail"] as? String == "周明 already checked in at 13:52 by token:test official.")
            #expect(try await f.official.send(.POST, "\(path)/\(wang.id)/check-in", json: #"{"version":7}"#).status == .conflict)
            #expect(try await f.official.send(.POST, "\(path)/\(wang.id)/check-in", json: #"{"version":1}"#).status == .ok)
            #expect(try await f.official.send(.POST, "\(path)/999999/check-in").status == .notFound)

            let list = try await f.official.send(.GET, path).decode(AttendeeListDTO.self)
            #expect(list.total == AttendanceCountDTO(group: nil, expected: 2, checkedIn: 2))

            let removal = try await f.organizer.send(.DELETE, "\(path)/\(zhou.id)")
            #expect(removal.status == .conflict)
            #expect((removal.json["detail"] as? String)?.contains("undo the check-in") == true)

            #expect(try await f.leader.send(.DELETE, "\(path)/\(zhou.id)/check-in").status == .forbidden)
            #expect(try await f.official.send(.DELETE, "\(path)/\(zhou.id)/check-in?version=1").status == .conflict)
            let undone = try await f.official.send(.DELETE, "\(path)/\(zhou.id)/check-in")
            #expect(undone.status == .ok)
            #expect(try undone.decode(AttendeeDTO.self).checkedInAt == nil)
            let notIn = try await f.official.send(.DELETE, "\(path)/\(zhou.id)/check-in")
            #expect(notIn.status == .conflict && notIn.json["detail"] as? String == "周明 has not checked in.")
            #expect(try await f.organizer.send(.DELETE, "\(path)/\(zhou.id)").status == .noContent)
            let actions = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "ceremony_attendee").filter(\.$entityID == "\(zhou.id)")
                .sort(\.$id).all().map(\.action)
            #expect(actions == ["create", "check_in", "undo_check_in", "delete"])
        }
    }

    @Test func honoreesFromTheAwardDecisionsJoinTheListOnce() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            _ = try await f.organizer.send(.POST, "\(Self.base)/attendees", json: #"{"personId":\#(f.people[0].id),"group":"leader"}"#)
            let service = CeremonyService(db: app.db, clock: app.clock)
            let added = try await service.addHonorees(programID: f.program.id, people: [
                (personID: f.people[0].id, name: "周明", unitName: "Jinghua Technology"),
                (personID: f.people[1].id, name: "王芳", unitName: "Jinghua Technology"),
                (personID: f.people[1].id, name: "王芳", unitName: "Jinghua Technology"),
            ], by: .system("awards"))
            #expect(added.map(\.name) == ["王芳"] && added.first?.group == .honoree && added.first?.employeeNumber == "JH002")
            #expect(try await service.addHonorees(programID: f.program.id, people: [(personID: f.people[1].id, name: "王芳", unitName: nil)], by: .system("awards")).isEmpty)
            let list = try await service.attendees(programID: f.program.id)
            #expect(list.attendees.map { "\($0.name) \($0.group.rawValue)" } == ["周明 leader", "王芳 honoree"])
        }
    }

    // MARK: Pages

    func signedIn(_ app: Application, _ f: Fixture) async throws -> (organizer: Browser, official: Browser, leader: Browser) {
        try await app.makeUser("organizer@test.podium", grants: [RoleGrant(role: .organizer)])
        try await app.makeUser("official@test.podium", grants: [RoleGrant(role: .official, programID: f.program.id)])
        try await app.makeUser("leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.company.id)])
        let organizer = Browser(app), official = Browser(app), leader = Browser(app)
        try await organizer.signIn("organizer@test.podium", "password-123")
        try await official.signIn("official@test.podium", "password-123")
        try await leader.signIn("leader@test.podium", "password-123")
        return (organizer, official, leader)
    }

    @Test func theCeremonyPageEditsTheAgendaWithErrorsInPlace() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let (organizer, official, leader) = try await signedIn(app, f)
            let page = "/admin/recognition/conference/ceremony"
            let empty = try await organizer.get(page)
            #expect(empty.status == .ok)
            #expect(empty.body.string.contains("action=\"\(page)/agenda\"") && empty.body.string.contains("/admin/recognition/conference/check-in"))
            let anonymous = try await Browser(app).get(page)
            #expect(anonymous.status == .seeOther || anonymous.status == .found)
            #expect(try await leader.get(page).status == .forbidden)

            let bad = try await organizer.post("\(page)/agenda", [("startsAt", "25:00"), ("kind", "report"), ("title", " "), ("speaker", "周明")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"new-item-startsAt-error\"") && bad.body.string.contains(shown(app, "error.ceremony.time", ["value": "25:00"])))
            #expect(bad.body.string.contains("id=\"new-item-title-error\""))
            #expect(bad.body.string.contains("value=\"周明\"") && bad.body.string.contains("value=\"25:00\""))
            #expect(try await AgendaItemModel.query(on: app.db).count() == 0)

            #expect(try await official.post("\(page)/agenda", [("kind", "report"), ("title", "Work report")]).status == .forbidden)
            #expect(try await organizer.post("\(page)/agenda", [("startsAt", "14:00"), ("kind", "report"), ("title", "Work report"), ("speaker", "")]).status == .seeOther)
            #expect(try await organizer.post("\(page)/agenda", [("startsAt", ""), ("kind", "speech"), ("title", "Chairman's speech"), ("speaker", "王芳")]).status == .seeOther)
            let items = try await AgendaItemModel.query(on: app.db).sort(\.$position).all()
            #expect(items.map(\.title) == ["Work report", "Chairman's speech"] && items[1].startsAt == nil && items[0].speaker == nil)

            let move = try await organizer.post("\(page)/agenda/\(items[1].id!)/move", [("direction", "up"), ("version", "1")])
            #expect(move.status == .seeOther)
            #expect(try await AgendaItemModel.query(on: app.db).sort(\.$position).all().map(\.title) == ["Chairman's speech", "Work report"])
            let top = try await organizer.post("\(page)/agenda/\(items[1].id!)/move", [("direction", "up"), ("version", "2")])
            #expect(top.status == .conflict && top.body.string.contains(shown(app, "error.ceremony.alreadyFirst", ["title": "Chairman's speech"])))
            #expect(try await official.post("\(page)/agenda/\(items[1].id!)/move", [("direction", "down"), ("version", "2")]).status == .forbidden)
            // A direction other than up or down is named and moves nothing.
            let sideways = try await organizer.post("\(page)/agenda/\(items[1].id!)/move", [("direction", "left"), ("version", "3")])
            #expect(sideways.status == .unprocessableEntity && sideways.body.string.contains("left"))
            #expect(try await AgendaItemModel.query(on: app.db).sort(\.$position).all().map(\.title) == ["Chairman's speech", "Work report"])

            let badEdit = try await organizer.post("\(page)/agenda/\(items[0].id!)", [("startsAt", "7"), ("kind", "report"), ("title", "Work report"), ("speaker", ""), ("version", "1")])
            #expect(badEdit.status == .unprocessableEntity && badEdit.body.string.contains("id=\"item-\(items[0].id!)-startsAt-error\""))
            let edit = try await organizer.post("\(page)/agenda/\(items[0].id!)", [("startsAt", "14:05"), ("kind", "report"), ("title", "Work report"), ("speaker", "周明"), ("version", "1")])
            #expect(edit.status == .seeOther)
            let stale = try await organizer.post("\(page)/agenda/\(items[0].id!)", [("startsAt", "14:10"), ("kind", "report"), ("title", "Work report"), ("speaker", ""), ("version", "1")])
            #expect(stale.status == .conflict && stale.body.string.contains(shown(app, "error.version.stale")))
            #expect(try await AgendaItemModel.find(items[0].id, on: app.db)?.startsAt == "14:05")

            let readOnly = try await official.get(page)
            #expect(readOnly.status == .ok && readOnly.body.string.contains("Work report") && !readOnly.body.string.contains("action=\"\(page)/agenda\""))
            let publicPage = try await Browser(app).get("/p/conference")
            #expect(publicPage.body.string.contains("14:05") && publicPage.body.string.contains("Chairman&#39;s speech") && publicPage.body.string.contains("周明"))
            #expect(!(try await Browser(app).get("/p/games")).body.string.contains("agenda-heading"))
            let chinese = try await Browser(app).get("/p/conference", headers: ["Accept-Language": "zh-CN"])
            #expect(chinese.body.string.contains("大会议程") && chinese.body.string.contains("工作报告") && chinese.body.string.contains("讲话"))

            #expect(try await organizer.post("\(page)/agenda/\(items[1].id!)/delete", [("version", "2")]).status == .seeOther)
            #expect(try await AgendaItemModel.query(on: app.db).all().map(\.position) == [1])

            let programPage = try await organizer.get("/admin/programs/\(f.program.id)")
            #expect(programPage.body.string.contains(page))
            #expect(!(try await organizer.get("/admin/programs/\(f.games.id)")).body.string.contains("/ceremony"))
        }
    }

    @Test func theCeremonyPageAddsPeopleFromTheRosterAndGuests() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let (organizer, official, _) = try await signedIn(app, f)
            let page = "/admin/recognition/conference/ceremony"
            let found = try await organizer.get("\(page)?find=JH001")
            #expect(found.body.string.contains("name=\"personId\" value=\"\(f.people[0].id)\" checked"))
            let none = try await organizer.get("\(page)?find=nobody")
            #expect(none.body.string.contains(shown(app, "ceremony.findNone", ["query": "nobody"])))

            let noPick = try await organizer.post("\(page)/attendees", [("source", "roster"), ("find", "周"), ("group", "leader"), ("seat", "")])
            #expect(noPick.status == .unprocessableEntity && noPick.body.string.contains("id=\"f-personId-error\""))
            #expect(try await official.post("\(page)/attendees", [("source", "roster"), ("personId", "\(f.people[0].id)"), ("group", "leader")]).status == .forbidden)
            let added = try await organizer.post("\(page)/attendees", [("source", "roster"), ("find", "周"), ("personId", "\(f.people[0].id)"), ("group", "leader"), ("seat", "A-1")])
            #expect(added.status == .seeOther)
            let twice = try await organizer.post("\(page)/attendees", [("source", "roster"), ("find", "周"), ("personId", "\(f.people[0].id)"), ("group", "cadre"), ("seat", "")])
            #expect(twice.status == .unprocessableEntity && twice.body.string.contains("周明 is already on the list."))
            #expect(try await organizer.get("\(page)?find=%E5%91%A8").body.string.contains(shown(app, "ceremony.alreadyOnList")))

            let badGuest = try await organizer.post("\(page)/attendees", [("source", "guest"), ("name", ""), ("unitName", "Union"), ("group", "guest"), ("seat", "")])
            #expect(badGuest.status == .unprocessableEntity && badGuest.body.string.contains("id=\"f-guest-name-error\"")
                    && badGuest.body.string.contains("value=\"Union\""))
            #expect(try await organizer.post("\(page)/attendees", [("source", "guest"), ("name", "程立新"), ("unitName", "Union"), ("group", "guest"), ("seat", "")]).status == .seeOther)
            #expect(try await AttendeeModel.query(on: app.db).count() == 2)

            let list = try await organizer.get(page)
            #expect(list.body.string.contains("Jinghua Technology › Production") && list.body.string.contains("程立新"))
            #expect(list.body.string.contains(shown(app, "ceremony.group.leader")) && list.body.string.contains("0 / 2"))
            let guest = try #require(try await AttendeeModel.query(on: app.db).filter(\.$name == "程立新").first())
            #expect(try await organizer.post("\(page)/attendees/\(guest.id!)/delete", []).status == .seeOther)
            #expect(try await AttendeeModel.query(on: app.db).count() == 1)
        }
    }

    @Test func theDoorPageChecksPeopleInWithOneTap() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let (organizer, official, leader) = try await signedIn(app, f)
            for (index, person) in f.people.enumerated() {
                _ = try await f.organizer.send(.POST, "\(Self.base)/attendees", json: #"{"personId":\#(person.id),"group":"\#(index == 0 ? "leader" : "cadre")"}"#)
            }
            let attendees = try await AttendeeModel.query(on: app.db).all()
            let zhou = try #require(attendees.first { $0.name == "周明" })
            let door = "/admin/recognition/conference/check-in"
            #expect(try await leader.get(door).status == .forbidden)
            let page = try await official.get(door)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("/js/check-in.js") && page.body.string.contains("0 / 3") && page.body.string.contains("data-search=\"周明"))
            #expect(page.body.string.contains("action=\"\(door)/\(zhou.id!)\""))
            let narrowed = try await official.get("\(door)?q=anna")
            #expect(narrowed.body.string.contains("Anna Bell") && !narrowed.body.string.contains("王芳") && narrowed.body.string.contains("1 of 3 shown"))

            let done = try await official.post("\(door)/\(zhou.id!)", [("version", "1"), ("q", "")])
            #expect(done.status == .seeOther)
            let after = try await official.get(door)
            #expect(after.body.string.contains("周明 checked in at 13:52.") && after.body.string.contains("Checked in 13:52 · official@test.podium")
                    && after.body.string.contains("1 / 3"))
            let twice = try await organizer.post("\(door)/\(zhou.id!)", [("version", "1"), ("q", "周")])
            #expect(twice.status == .conflict)
            #expect(twice.body.string.contains("周明 already checked in at 13:52 by official@test.podium."))
            #expect(twice.body.string.contains("value=\"周\""))
            #expect(try await leader.post("\(door)/\(zhou.id!)/undo", [("version", "2")]).status == .forbidden)
            let undone = try await official.post("\(door)/\(zhou.id!)/undo", [("version", "2"), ("q", "周")])
            #expect(undone.status == .seeOther)
            #expect(undone.headers.first(name: .location)?.hasPrefix("\(door)?q=%E5%91%A8") == true)
            #expect(try await AttendeeModel.find(zhou.id, on: app.db)?.checkedInAt == nil)
            #expect(try await official.post("\(door)/\(zhou.id!)/undo", [("version", "3")]).status == .conflict)
        }
    }

    // MARK: Words and demo

    @Test func everyCeremonyStringIsInBothLanguages() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let localizer = try Localizer(directory: root.appendingPathComponent("Resources/Localization"))
        var used = Set<String>()
        let pattern = try NSRegularExpression(pattern: #""((?:ceremony\.|error\.ceremony\.|error\.person\.hire|error\.roster\.hire|people\.hire|program\.agenda)[A-Za-z0-9_.]*)""#)
        for file in ["Sources/PodiumApp/Controllers/Web/CeremonyAdminController.swift", "Sources/PodiumApp/Controllers/Web/CeremonyCheckInController.swift",
                     "Sources/PodiumApp/Views/CeremonyViews.swift", "Sources/PodiumApp/Services/CeremonyService.swift",
                     "Sources/PodiumCore/Ceremony/AgendaItem.swift", "Sources/PodiumCore/Ceremony/Attendance.swift",
                     "Sources/PodiumCore/Organization/Person.swift", "Sources/PodiumCore/Roster/RosterParser.swift",
                     "Sources/PodiumApp/Controllers/Web/PeopleAdminController.swift",
                     "Resources/Views/admin/ceremony.leaf", "Resources/Views/admin/ceremony-check-in.leaf", "Resources/Views/public/program.leaf",
                     "Resources/Views/admin/program.leaf"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        for kind in AgendaItemKind.allCases { used.insert(kind.localizationKey) }
        for group in AttendeeGroup.allCases { used.insert(group.localizationKey) }
        #expect(used.count > 60)
        let missing = used.filter { !localizer.has($0, .en) || !localizer.has($0, .zhHans) }.sorted()
        #expect(missing.isEmpty, "missing strings: \(missing)")
        #expect(localizer.string("ceremony.group.honoree", .zhHans).contains("先进个人"))
        #expect(localizer.string("ceremony.kind.report", .zhHans) == "工作报告")
    }

    @Test func theDemoConferenceHasItsAgendaAndAHallFillingUp() async throws {
        try await withPodium { app in
            try await DemoSeeder(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app), words: Words(localizer: app.localizer, language: .en)).seed()
            let agenda = try await API(app: app).send(.GET, "/api/v1/programs/recognition-2020/ceremony/agenda").decode([AgendaItemDTO].self)
            #expect(agenda.map(\.kind) == [.report, .commendation, .award, .speech, .speech, .speech, .speech])
            #expect(agenda.first?.startsAt == "14:00" && agenda.last?.speaker?.hasSuffix("Chairman") == true)
            let seedNames = ["Wu Haixiang", "Wei Guojun", "Chen Jianhua", "Xia Rongxiang", "Fu Chunfeng", "Tan Yuli", "Jin Yue", "吴海翔", "魏国军", "陈建华", "夏荣祥", "金跃顺"]
            #expect(!agenda.contains { item in seedNames.contains { (item.speaker ?? "").contains($0) } })
            let list = try await CeremonyService(db: app.db, clock: app.clock).attendees(programID: try #require(agenda.first).programId)
            // Publishing the honor roll put the honorees on the list; leaders who won a special award stay leaders.
            #expect(list.counts.map(\.group) == [.leader, .cadre, .honoree, .guest])
            let honorees = list.attendees.filter { $0.group == .honoree }.count
            let honored = try await AwardDecisionService(db: app.db, clock: app.clock).decisions(programID: try #require(agenda.first).programId)
            #expect(honored.count == 31 && honorees > 0)
            #expect(honored.allSatisfy { honor in list.attendees.contains { $0.name == honor.nominee } })
            #expect(list.total.expected == 13 + honorees && list.total.checkedIn == 9)
            #expect(list.attendees.filter { $0.checkedInAt != nil }.allSatisfy { $0.checkedInBy == "Registration desk (demo)" })
            #expect(!list.attendees.contains { name in seedNames.contains { name.name.contains($0) } })

            let employees = try await PersonModel.query(on: app.db).filter(\.$kind == "employee").all()
            let hired = employees.compactMap { $0.hireDate.flatMap(CalendarDate.init(parsing:)) }
            #expect(hired.count == employees.count)
            #expect(hired.filter { $0.year == 2020 }.count >= 7)
            #expect(employees.allSatisfy { person in
                guard let hire = person.hireDate, let birth = person.birthDate else { return false }
                return birth < hire && hire >= "1988-01-01"
            })
        }
    }
}
