import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Units and people")
struct OrganizationTests {
    @Test func unitsFormATreeAndRefuseImpossibleMoves() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let group = try await api.send(.POST, "/api/v1/units", json: #"{"name":"精工控股集团","kind":"group"}"#).decode(UnitDTO.self)
            let company = try await api.send(.POST, "/api/v1/units", json: #"{"name":"精工科技","kind":"company","parentId":\#(group.id)}"#)
            #expect(company.status == .created)
            let dto = try company.decode(UnitDTO.self)
            #expect(dto.path == ["精工控股集团", "精工科技"])
            let twin = try await api.send(.POST, "/api/v1/units", json: #"{"name":"精工科技","kind":"company","parentId":\#(group.id)}"#)
            #expect(twin.status == .unprocessableEntity)
            let badKind = try await api.send(.POST, "/api/v1/units", json: #"{"name":"Sector","kind":"sector","parentId":\#(dto.id)}"#)
            #expect(badKind.status == .unprocessableEntity)
            let cycle = try await api.send(.PUT, "/api/v1/units/\(group.id)", json: #"{"name":"精工控股集团","kind":"group","parentId":\#(dto.id),"version":1}"#)
            #expect(cycle.status == .unprocessableEntity)
            let community = try await api.send(.POST, "/api/v1/units", json: #"{"name":"Qingshan Community","kind":"community"}"#)
            #expect(community.status == .created)
            #expect(try await api.send(.GET, "/api/v1/units").decode([UnitDTO].self).count == 3)
        }
    }

    @Test func peopleWithUnicodeNamesAreCreatedSearchedAndEditedWithVersions() async throws {
        try await withPodium { app in
            let unit = try await app.makeUnit("精工科技")
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let created = try await api.send(.POST, "/api/v1/people", json: #"{"kind":"employee","employeeNumber":"JH001","name":"阿卜杜拉·艾买提","gender":"male","birthDate":"1988-03-12","unitId":\#(unit.id)}"#)
            #expect(created.status == .created)
            let person = try created.decode(PersonDTO.self)
            #expect(person.name == "阿卜杜拉·艾买提")
            _ = try await api.send(.POST, "/api/v1/people", json: #"{"kind":"employee","employeeNumber":"JH002","name":"Zoë O'Brien","gender":"female","unitId":\#(unit.id)}"#)
            #expect(try await api.send(.GET, "/api/v1/people?q=艾买提").decode(Page<PersonDTO>.self).items.map(\.id) == [person.id])
            #expect(try await api.send(.GET, "/api/v1/people?q=zoë").decode(Page<PersonDTO>.self).total == 1)
            #expect(try await api.send(.GET, "/api/v1/people?q=JH002").decode(Page<PersonDTO>.self).items.first?.name == "Zoë O'Brien")
            #expect(try await api.send(.GET, "/api/v1/people?kind=robot").status == .unprocessableEntity)

            let duplicate = try await api.send(.POST, "/api/v1/people", json: #"{"kind":"employee","employeeNumber":"JH001","name":"Someone","gender":"male","unitId":\#(unit.id)}"#)
            #expect(duplicate.status == .unprocessableEntity)
            #expect(duplicate.body.string.contains("already belongs to 阿卜杜拉·艾买提"))

            let child = try await api.send(.POST, "/api/v1/people", json: #"{"kind":"family","name":"艾小明","gender":"male","birthDate":"2016-06-01","guardianId":\#(person.id)}"#)
            #expect(child.status == .created)
            let childOfChild = try await api.send(.POST, "/api/v1/people", json: #"{"kind":"family","name":"X","gender":"male","birthDate":"2020-06-01","guardianId":\#(try child.decode(PersonDTO.self).id)}"#)
            #expect(childOfChild.status == .unprocessableEntity)

            let update = #"{"kind":"employee","employeeNumber":"JH001","name":"阿卜杜拉·艾买提","gender":"male","birthDate":"1988-03-12","unitId":\#(unit.id),"status":"retired","version":1}"#
            let saved = try await api.send(.PUT, "/api/v1/people/\(person.id)", json: update)
            #expect(saved.status == .ok)
            #expect(try saved.decode(PersonDTO.self).version == 2)
            #expect(try await api.send(.PUT, "/api/v1/people/\(person.id)", json: update).status == .conflict)
            #expect(try await api.send(.GET, "/api/v1/people/999999").status == .notFound)
        }
    }

    @Test func theBrowserFormShowsErrorsInPlace() async throws {
        try await withPodium { app in
            let unit = try await app.makeUnit("精工科技")
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let bad = try await browser.post("/admin/people", [("kind", "employee"), ("name", "张伟"), ("employeeNumber", ""), ("gender", ""),
                                                              ("birthDate", "2099-01-01"), ("unitId", "\(unit.id)"), ("status", "active")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("An employee needs an employee number."))
            #expect(bad.body.string.contains("is in the future"))
            #expect(bad.body.string.contains("value=\"张伟\""))
            #expect(try await PersonModel.query(on: app.db).count() == 0)
            let ok = try await browser.post("/admin/people", [("kind", "employee"), ("name", "张伟"), ("employeeNumber", "JH9"), ("gender", "male"),
                                                             ("birthDate", "1985-02-03"), ("unitId", "\(unit.id)"), ("status", "active")])
            #expect(ok.status == .seeOther)
            let list = try await browser.get("/admin/people?q=%E5%BC%A0")
            #expect(list.body.string.contains("张伟"))
        }
    }

    /// Found by the API fuzzer: a page number near Int.max overflowed the offset and crashed the server.
    @Test func aPageFarPastTheEndIsEmptyNotACrash() async throws {
        try await withPodium { app in
            let unit = try await app.makeUnit("精工科技")
            _ = try await app.makeEmployee("张伟", number: "JH001", unit: unit.id)
            let api = API(app: app, token: try await app.makeToken(.administrator))
            let far = try await api.send(.GET, "/api/v1/people?page=385792619691989632&perPage=483")
            #expect(far.status == .ok)
            let farPage = try far.decode(PodiumApp.Page<PersonDTO>.self)
            #expect(farPage.items.isEmpty)
            #expect(farPage.total == 1)
            #expect(farPage.page == PageWindow.lastPage)
            #expect(try await api.send(.GET, "/api/v1/audit?page=9223372036854775807&perPage=200").status == .ok)
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            #expect(try await browser.get("/admin/people?page=9223372036854775807").status == .ok)
            #expect(try await browser.get("/admin/audit?page=9223372036854775807").status == .ok)
            #expect(try await browser.get("/news?page=9223372036854775807").status == .ok)
        }
    }
}
