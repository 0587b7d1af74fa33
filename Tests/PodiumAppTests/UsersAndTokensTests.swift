import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Users and API tokens in the back office")
struct UsersAndTokensTests {
    @Test func anAdministratorMakesATeamLeaderWhoCanThenSignIn() async throws {
        try await withPodium { app in
            let unit = try await app.makeUnit("精工科技")
            let admin = Browser(app)
            try await admin.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let bad = try await admin.post("/admin/users", [("email", "not-an-address"), ("displayName", ""), ("password", "short"), ("isActive", "on")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("is not an e-mail address"))
            #expect(bad.body.string.contains("Use at least 10 characters."))
            let ok = try await admin.post("/admin/users", [("email", "Leader@Example.com"), ("displayName", "王领队"), ("password", "leader-password"),
                                                          ("isActive", "on"), ("teamLeaderUnits[]", "\(unit.id)")])
            #expect(ok.status == .seeOther)
            let leader = Browser(app)
            try await leader.signIn("leader@example.com", "leader-password")
            let me = try await leader.get("/account")
            #expect(me.body.string.contains("Team leader"))
            #expect(try await leader.get("/admin/users").status == .forbidden)
            let twin = try await admin.post("/admin/users", [("email", "leader@example.com"), ("displayName", "X"), ("password", "leader-password")])
            #expect(twin.body.string.contains("already has an account"))
        }
    }

    @Test func roleScopesAreCheckedThroughTheAPI() async throws {
        try await withPodium { app in
            let games = try await ProgramService(db: app.db, clock: app.clock).create(
                ProgramInput(kind: .games, slug: "games", name: "Games", startDate: CalendarDate(year: 2026, month: 11, day: 21)), by: .system("test"))
            let api = API(app: app, token: try await app.makeToken(.administrator))
            let reviewerOfGames = try await api.send(.POST, "/api/v1/users", json: #"{"email":"r@x.org","displayName":"R","password":"reviewer-pass","grants":[{"role":"reviewer","programId":\#(games.id)}]}"#)
            #expect(reviewerOfGames.status == .unprocessableEntity)
            #expect((reviewerOfGames.json["errors"] as? [[String: Any]])?.first?["field"] as? String == "grants[0].programId")
            let leaderWithoutUnit = try await api.send(.POST, "/api/v1/users", json: #"{"email":"l@x.org","displayName":"L","password":"leader-passw","grants":[{"role":"team_leader"}]}"#)
            #expect(leaderWithoutUnit.status == .unprocessableEntity)
            let official = try await api.send(.POST, "/api/v1/users", json: #"{"email":"o@x.org","displayName":"O","password":"official-pass","grants":[{"role":"official","programId":\#(games.id)}]}"#)
            #expect(official.status == .created)
            let user = try official.decode(UserDTO.self)
            #expect(user.grants == [GrantDTO(RoleGrant(role: .official, programID: games.id))])
            let deactivated = try await api.send(.PUT, "/api/v1/users/\(user.id)", json: #"{"email":"o@x.org","displayName":"O","isActive":false,"grants":[]}"#)
            #expect(deactivated.status == .ok)
            let refused = try await Browser(app).post("/login", [("email", "o@x.org"), ("password", "official-pass")])
            #expect(refused.status == .unauthorized)
        }
    }

    @Test func aTokenIsShownOnceAndCanBeRevokedFromTheBackOffice() async throws {
        try await withPodium { app in
            let relay = try await ProgramService(db: app.db, clock: app.clock).create(
                ProgramInput(kind: .relay, slug: "relay", name: "Relay", startDate: CalendarDate(year: 2026, month: 9, day: 25)), by: .system("test"))
            let admin = Browser(app)
            try await admin.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let missingProgram = try await admin.post("/admin/tokens", [("name", "Exchange 1"), ("role", "official"), ("programId", "")])
            #expect(missingProgram.status == .unprocessableEntity)
            #expect(missingProgram.body.string.contains("Choose the program for this role."))
            let created = try await admin.post("/admin/tokens", [("name", "Exchange 1"), ("role", "official"), ("programId", "\(relay.id)")])
            #expect(created.status == .created)
            let html = created.body.string
            let secret = try #require(html.range(of: #"pdm_[A-Za-z0-9_-]{40,}"#, options: .regularExpression).map { String(html[$0]) })
            let listing = try await admin.get("/admin/tokens")
            #expect(!listing.body.string.contains(secret))
            #expect(listing.body.string.contains(String(secret.prefix(10))))
            #expect(try await API(app: app, token: secret).send(.GET, "/api/v1/me").status == .ok)
            let id = try await APITokenModel.query(on: app.db).first()!.id!
            #expect(try await admin.post("/admin/tokens/\(id)/revoke", []).status == .seeOther)
            #expect(try await API(app: app, token: secret).send(.GET, "/api/v1/me").status == .unauthorized)
            let audit = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "api_token").all().map(\.action)
            #expect(audit.sorted() == ["create", "revoke"])
        }
    }
}
