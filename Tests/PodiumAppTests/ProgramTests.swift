import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Programs")
struct ProgramTests {
    static let games = #"{"kind":"games","slug":"workers-games-2026","edition":6,"name":"6th Workers' Games","theme":"Faster, farther, closer","startDate":"2026-11-21","venue":"Zhijiang College","timeZone":"Asia/Shanghai"}"#

    @Test func anOrganizerCreatesAProgramThatThePublicSeesOnceOpened() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let created = try await api.send(.POST, "/api/v1/programs", json: Self.games)
            #expect(created.status == .created)
            let program = try created.decode(ProgramDTO.self)
            #expect(program.status == .draft)
            #expect(program.url == "/p/workers-games-2026")

            #expect(try await API(app: app).send(.GET, "/api/v1/programs").decode([ProgramDTO].self).isEmpty)
            #expect(try await Browser(app).get("/p/workers-games-2026").status == .notFound)
            #expect(try await api.send(.GET, "/api/v1/programs").decode([ProgramDTO].self).count == 1)

            let opened = try await api.send(.POST, "/api/v1/programs/workers-games-2026/status", json: #"{"status":"open","version":1}"#)
            #expect(opened.status == .ok)
            #expect(try opened.decode(ProgramDTO.self).status == .open)
            let list = try await API(app: app).send(.GET, "/api/v1/programs")
            #expect(try list.decode([ProgramDTO].self).map(\.slug) == ["workers-games-2026"])
            let home = try await Browser(app).get("/")
            #expect(home.body.string.contains("href=\"/p/workers-games-2026\""))
            let page = try await Browser(app).get("/p/workers-games-2026")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Faster, farther, closer"))
            #expect(page.body.string.contains("21 Nov 2026"))
        }
    }

    @Test func invalidProgramsAreRefusedFieldByFieldAndNothingIsSaved() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let response = try await api.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"Bad Slug","name":" ","startDate":"2026-11-21","endDate":"2026-11-20","timeZone":"Mars/Olympus"}"#)
            #expect(response.status == .unprocessableEntity)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let fields = Set((response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
            #expect(fields == ["slug", "name", "endDate", "timeZone"])
            let unreadable = try await api.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"x","name":"X","startDate":"2026-02-30"}"#)
            #expect(unreadable.status == .badRequest)
            #expect((unreadable.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "startDate")
            let wrongKind = try await api.send(.POST, "/api/v1/programs", json: #"{"kind":"party","slug":"x","name":"X"}"#)
            #expect(wrongKind.status == .badRequest)
            #expect(try await ProgramModel.query(on: app.db).count() == 0)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "program").count() == 0)
        }
    }

    @Test func slugsAreUniqueAndStaleEditsGet409() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            #expect(try await api.send(.POST, "/api/v1/programs", json: Self.games).status == .created)
            let twin = try await api.send(.POST, "/api/v1/programs", json: Self.games)
            #expect(twin.status == .unprocessableEntity)
            #expect(twin.body.string.contains("already uses the address"))
            let edit = Self.games.replacingOccurrences(of: "\"venue\":\"Zhijiang College\"", with: "\"venue\":\"City Stadium\",\"version\":1")
            #expect(try await api.send(.PUT, "/api/v1/programs/workers-games-2026", json: edit).status == .ok)
            let stale = try await api.send(.PUT, "/api/v1/programs/workers-games-2026", json: edit)
            #expect(stale.status == .conflict)
            #expect(stale.json["code"] as? String == "conflict")
            let skip = try await api.send(.POST, "/api/v1/programs/workers-games-2026/status", json: #"{"status":"running","version":2}"#)
            #expect(skip.status == .unprocessableEntity)
            #expect(skip.body.string.contains("one step at a time"))
        }
    }

    @Test func theAdminFormKeepsWhatWasTypedAndShowsEachError() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let response = try await browser.post("/admin/programs", [("kind", "relay"), ("name", "Quality Month Relay"), ("slug", "Quality Relay"),
                                                                       ("startDate", "2026-09-25"), ("endDate", "2026-09-24"), ("timeZone", "Asia/Shanghai")])
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(html.contains("value=\"Quality Month Relay\""))
            #expect(html.contains("may use only lowercase letters"))
            #expect(html.contains("is before the first day"))
            let ok = try await browser.post("/admin/programs", [("kind", "relay"), ("name", "Quality Month Relay"), ("slug", "quality-relay"),
                                                                 ("startDate", "2026-09-25"), ("timeZone", "Asia/Shanghai")])
            #expect(ok.status == .seeOther)
            let program = try await ProgramModel.query(on: app.db).first()!
            let moved = try await browser.post("/admin/programs/\(program.id!)/status", [("status", "open"), ("version", "1")])
            #expect(moved.status == .seeOther)
            #expect(try await ProgramModel.find(program.id, on: app.db)?.status == "open")
        }
    }
}
