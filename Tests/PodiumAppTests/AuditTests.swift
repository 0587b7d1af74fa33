import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Audit log")
struct AuditTests {
    @Test func everyWriteRecordsActorBeforeAndAfter() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            _ = try await browser.post("/admin/units", [("name", "精工科技"), ("kind", "company"), ("parentId", "")])
            let unit = try await UnitModel.query(on: app.db).first()!
            _ = try await browser.post("/admin/units/\(unit.id!)", [("name", "精工科技有限公司"), ("kind", "company"), ("parentId", ""), ("version", "1")])
            let entries = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "unit").sort(\.$id).all()
            #expect(entries.map(\.action) == ["create", "update"])
            #expect(entries.allSatisfy { $0.actorName == "Administrator" && $0.actorKind == "user" })
            #expect(entries[0].before == nil)
            #expect(entries[1].before?.contains("\"name\":\"精工科技\"") == true)
            #expect(entries[1].after?.contains("\"name\":\"精工科技有限公司\"") == true)

            let page = try await browser.get("/admin/audit?entity=unit&action=update")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("精工科技有限公司"))
            let api = API(app: app, token: try await app.makeToken(.administrator))
            let filtered = try await api.send(.GET, "/api/v1/audit?entity=unit&entityId=\(unit.id!)")
            #expect(try filtered.decode(Page<AuditEntryDTO>.self).total == 2)
            #expect(try await api.send(.GET, "/api/v1/audit?from=yesterday").status == .unprocessableEntity)
        }
    }

    @Test func aFailedWriteLeavesNoAuditEntry() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let before = try await AuditEntryModel.query(on: app.db).count()
            #expect(try await api.send(.POST, "/api/v1/units", json: #"{"name":"","kind":"group"}"#).status == .unprocessableEntity)
            #expect(try await AuditEntryModel.query(on: app.db).count() == before)
        }
    }
}
