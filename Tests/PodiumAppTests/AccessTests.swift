import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Roles and scopes")
struct AccessTests {
    @Test func aTeamLeaderOfOneUnitGets403OnAnotherUnitsData() async throws {
        try await withPodium { app in
            let group = try await app.makeUnit("Group", kind: .group)
            let alpha = try await app.makeUnit("Alpha Co", parent: group.id)
            let beta = try await app.makeUnit("Beta Co", parent: group.id)
            let alphaDept = try await app.makeUnit("Alpha R&D", kind: .department, parent: alpha.id)
            let own = try await app.makeEmployee("王芳", number: "A1", unit: alphaDept.id)
            let other = try await app.makeEmployee("李娜", number: "B1", unit: beta.id)
            let api = API(app: app, token: try await app.makeToken(.teamLeader, unitID: alpha.id))

            let mine = try await api.send(.GET, "/api/v1/units/\(alpha.id)/people")
            #expect(mine.status == .ok)
            #expect(try mine.decode(Page<PersonDTO>.self).items.map(\.name) == ["王芳"])
            #expect(try await api.send(.GET, "/api/v1/units/\(alphaDept.id)/people").status == .ok)
            #expect(try await api.send(.GET, "/api/v1/people/\(own.id)").status == .ok)

            let theirs = try await api.send(.GET, "/api/v1/units/\(beta.id)/people")
            #expect(theirs.status == .forbidden)
            #expect(theirs.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(try await api.send(.GET, "/api/v1/people/\(other.id)").status == .forbidden)
            #expect(try await api.send(.GET, "/api/v1/units/\(group.id)/people").status == .forbidden)
            let search = try await api.send(.GET, "/api/v1/people")
            #expect(try search.decode(Page<PersonDTO>.self).items.map(\.name) == ["王芳"])
            #expect(try await api.send(.GET, "/api/v1/people?unit=\(beta.id)").status == .forbidden)
            #expect(try await api.send(.POST, "/api/v1/units", json: #"{"name":"X","kind":"group"}"#).status == .forbidden)
        }
    }

    @Test func aTeamLeaderInTheBrowserSeesOnlyTheirOwnUnit() async throws {
        try await withPodium { app in
            let alpha = try await app.makeUnit("Alpha Co")
            let beta = try await app.makeUnit("Beta Co")
            _ = try await app.makeEmployee("王芳", number: "A1", unit: alpha.id)
            _ = try await app.makeEmployee("李娜", number: "B1", unit: beta.id)
            try await app.makeUser("leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: alpha.id)])
            let browser = Browser(app)
            try await browser.signIn("leader@test.podium", "password-123")
            let list = try await browser.get("/admin/people")
            #expect(list.status == .ok)
            #expect(list.body.string.contains("王芳"))
            #expect(!list.body.string.contains("李娜"))
            #expect(try await browser.get("/admin/people?unit=\(beta.id)").status == .forbidden)
            #expect(try await browser.get("/admin/users").status == .forbidden)
            #expect(try await browser.get("/admin/people/new").status == .forbidden)
            #expect(try await browser.post("/admin/units", [("name", "Sneaky"), ("kind", "group")]).status == .forbidden)
        }
    }

    @Test(arguments: [
        ("POST", "/api/v1/programs", #"{"kind":"games","slug":"x","name":"X"}"#),
        ("POST", "/api/v1/units", #"{"name":"X","kind":"group"}"#),
        ("POST", "/api/v1/people", #"{"kind":"external","name":"X"}"#),
        ("PUT", "/api/v1/people/1", #"{"kind":"external","name":"X"}"#),
        ("POST", "/api/v1/tokens", #"{"name":"X","role":"official"}"#),
        ("POST", "/api/v1/people/import", "a,b"),
    ])
    func anonymousWritesToTheAPIGet401(method: String, path: String, body: String) async throws {
        try await withPodium { app in
            let response = try await API(app: app).send(HTTPMethod(rawValue: method), path, json: body)
            #expect(response.status == .unauthorized)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(response.json["code"] as? String == "unauthenticated")
            #expect(response.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
        }
    }

    @Test func anUnknownOrRevokedTokenIsRefused() async throws {
        try await withPodium { app in
            #expect(try await API(app: app, token: "pdm_made_up").send(.GET, "/api/v1/programs").status == .unauthorized)
            let secret = try await app.makeToken(.organizer)
            #expect(try await API(app: app, token: secret).send(.GET, "/api/v1/me").status == .ok)
            let id = try await APITokenModel.query(on: app.db).first()!.id!
            _ = try await TokenService(db: app.db, clock: app.clock).revoke(id, by: .system("test"))
            #expect(try await API(app: app, token: secret).send(.GET, "/api/v1/me").status == .unauthorized)
        }
    }

    /// A monitor with a stale token is a machine: it gets a 401 problem document, not a redirect to the sign-in
    /// page (which, refusing the same token, redirected to itself).
    @Test(arguments: ["/healthz", "/login", "/p/none"])
    func aBadTokenOnASitePathIsRefusedNotRedirected(path: String) async throws {
        try await withPodium { app in
            let response = try await API(app: app, token: "pdm_made_up").send(.GET, path)
            #expect(response.status == .unauthorized)
            #expect(response.headers.first(name: .location) == nil)
            #expect(response.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(response.json["code"] as? String == "unauthenticated")
        }
    }

    @Test func tokensAreStoredHashedAndShownOnce() async throws {
        try await withPodium { app in
            let admin = API(app: app, token: try await app.makeToken(.administrator))
            let created = try await admin.send(.POST, "/api/v1/tokens", json: #"{"name":"Exchange 2 reader","role":"official","programId":null}"#)
            #expect(created.status == .unprocessableEntity)
            #expect((created.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "programId")
            let program = try await ProgramService(db: app.db, clock: app.clock).create(
                ProgramInput(kind: .relay, slug: "relay", name: "Relay", startDate: CalendarDate(year: 2026, month: 9, day: 25)), by: .system("test"))
            let ok = try await admin.send(.POST, "/api/v1/tokens", json: #"{"name":"Exchange 2 reader","role":"official","programId":\#(program.id)}"#)
            #expect(ok.status == .created)
            let secret = try #require(ok.json["token"] as? String)
            let stored = try await APITokenModel.query(on: app.db).filter(\.$name == "Exchange 2 reader").first()!
            #expect(stored.tokenHash != secret)
            #expect(stored.tokenHash == Secrets.sha256Hex(secret))
            let listed = try await admin.send(.GET, "/api/v1/tokens")
            #expect(!listed.body.string.contains(secret))
            let official = API(app: app, token: secret)
            #expect(try await official.send(.GET, "/api/v1/me").json["kind"] as? String == "token")
            #expect(try await official.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"x","name":"X"}"#).status == .forbidden)
        }
    }

    @Test func onlyAdministratorsManageUsersTokensAndTheAuditLog() async throws {
        try await withPodium { app in
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            for path in ["/api/v1/users", "/api/v1/tokens", "/api/v1/audit"] {
                #expect(try await organizer.send(.GET, path).status == .forbidden, "\(path)")
            }
            let admin = API(app: app, token: try await app.makeToken(.administrator))
            for path in ["/api/v1/users", "/api/v1/tokens", "/api/v1/audit"] {
                #expect(try await admin.send(.GET, path).status == .ok, "\(path)")
            }
        }
    }

    @Test func everyAdminPageRendersForAnAdministrator() async throws {
        try await withPodium { app in
            let unit = try await app.makeUnit("Jinghua Technology")
            let person = try await app.makeEmployee("张伟", number: "JH1", unit: unit.id)
            let program = try await ProgramService(db: app.db, clock: app.clock).create(
                ProgramInput(kind: .games, slug: "games", name: "Games", startDate: CalendarDate(year: 2026, month: 11, day: 21)), by: .system("test"))
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            for path in ["/admin", "/admin/units", "/admin/units/new", "/admin/units/\(unit.id)", "/admin/people", "/admin/people/new",
                         "/admin/people/\(person.id)", "/admin/import", "/admin/programs", "/admin/programs/new", "/admin/programs/\(program.id)",
                         "/admin/users", "/admin/users/new", "/admin/users/1", "/admin/tokens", "/admin/audit", "/account", "/", "/p/games"] {
                let response = try await browser.get(path)
                #expect(response.status == .ok, "\(path): \(response.status)")
                #expect(response.body.string.contains("</html>"), "\(path)")
            }
        }
    }

    @Test func anonymousVisitorsAreSentToSignInFromTheBackOffice() async throws {
        try await withPodium { app in
            let response = try await Browser(app).get("/admin/people")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/login?next=/admin/people")
        }
    }
}
