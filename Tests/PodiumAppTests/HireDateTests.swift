import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Hire dates on people")
struct HireDateTests {
    @Test func theAPIReadsAndChecksHireDates() async throws {
        try await withPodium { app in
            app.clock = PodiumClock { ISO8601DateFormatter().date(from: "2024-06-01T04:00:00Z")! }
            let unit = try await app.makeUnit("精工科技")
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let created = try await api.send(.POST, "/api/v1/people", json: #"{"kind":"employee","employeeNumber":"JH001","name":"张伟","gender":"male","birthDate":"1988-03-12","hireDate":"2010-07-01","unitId":\#(unit.id)}"#)
            #expect(created.status == .created)
            let person = try created.decode(PersonDTO.self)
            #expect(person.hireDate == CalendarDate(year: 2010, month: 7, day: 1))
            #expect(try await PersonModel.find(person.id, on: app.db)?.hireDate == "2010-07-01")
            #expect(created.body.string.contains(#""hireDate":"2010-07-01""#))

            func problems(_ json: String) async throws -> [String] {
                let response = try await api.send(.POST, "/api/v1/people", json: json)
                #expect(response.status == .unprocessableEntity)
                return (response.json["errors"] as? [[String: Any]] ?? []).filter { $0["field"] as? String == "hireDate" }.compactMap { $0["message"] as? String }
            }
            #expect(try await problems(#"{"kind":"employee","employeeNumber":"JH002","name":"李娜","gender":"female","hireDate":"2024-06-02","unitId":\#(unit.id)}"#)
                    == ["The hire date 2024-06-02 is in the future."])
            #expect(try await problems(#"{"kind":"employee","employeeNumber":"JH002","name":"李娜","gender":"female","hireDate":"1949-12-31","unitId":\#(unit.id)}"#)
                    == ["The hire date 1949-12-31 is before 1950."])
            #expect(try await problems(#"{"kind":"employee","employeeNumber":"JH002","name":"李娜","gender":"female","birthDate":"1990-05-17","hireDate":"1990-05-16","unitId":\#(unit.id)}"#)
                    == ["The hire date 1990-05-16 is before the birth date 1990-05-17."])
            #expect(try await api.send(.POST, "/api/v1/people", json: #"{"kind":"employee","employeeNumber":"JH002","name":"李娜","gender":"female","hireDate":"soon","unitId":\#(unit.id)}"#).status
                    == .badRequest)

            // Replacing a person without the field clears it, as with every other optional field of PUT.
            let update = #"{"kind":"employee","employeeNumber":"JH001","name":"张伟","gender":"male","birthDate":"1988-03-12","unitId":\#(unit.id),"version":1}"#
            let saved = try await api.send(.PUT, "/api/v1/people/\(person.id)", json: update).decode(PersonDTO.self)
            #expect(saved.hireDate == nil && saved.version == 2)
            let audit = try #require(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "person").sort(\.$id, .descending).first())
            #expect(audit.before?.contains("2010-07-01") == true)
        }
    }

    @Test func theAdminFormAndListShowTheHireDate() async throws {
        try await withPodium { app in
            let unit = try await app.makeUnit("精工科技")
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let form = try await browser.get("/admin/people/new")
            #expect(form.body.string.contains("name=\"hireDate\""))
            let bad = try await browser.post("/admin/people", [("kind", "employee"), ("name", "张伟"), ("employeeNumber", "JH9"), ("gender", "male"),
                                                              ("birthDate", "1985-02-03"), ("hireDate", "1984-01-01"), ("unitId", "\(unit.id)"), ("status", "active")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"f-hireDate-error\"") && bad.body.string.contains("is before the birth date 1985-02-03"))
            let wrong = try await browser.post("/admin/people", [("kind", "employee"), ("name", "张伟"), ("employeeNumber", "JH9"), ("gender", "male"),
                                                                ("birthDate", "1985-02-03"), ("hireDate", "next week"), ("unitId", "\(unit.id)"), ("status", "active")])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("id=\"f-hireDate-error\""))
            #expect(try await PersonModel.query(on: app.db).count() == 0)
            let ok = try await browser.post("/admin/people", [("kind", "employee"), ("name", "张伟"), ("employeeNumber", "JH9"), ("gender", "male"),
                                                             ("birthDate", "1985-02-03"), ("hireDate", "2008-09-01"), ("unitId", "\(unit.id)"), ("status", "active")])
            #expect(ok.status == .seeOther)
            let person = try #require(try await PersonModel.query(on: app.db).first())
            #expect(person.hireDate == "2008-09-01")
            let list = try await browser.get("/admin/people")
            #expect(list.body.string.contains("Hire date") && list.body.string.contains("1 Sep 2008"))
            let edit = try await browser.get("/admin/people/\(person.id!)")
            #expect(edit.body.string.contains("value=\"2008-09-01\""))
        }
    }
}
