import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Roster import")
struct ImportTests {
    static let roster = "\u{FEFF}工号;姓名;性别;出生日期;部门;备注\n" +
        "JH001;张伟;男;1988-03-12;精工控股集团/绿色建筑板块/精工科技;\n" +
        "JH002;李娜;女;1990/7/1;精工控股集团/绿色建筑板块/精工科技/生产部;\n" +
        "JH003;;女;1990-01-01;精工控股集团;missing name\n" +
        "JH004;王芳;X;1990-01-01;精工控股集团;unknown gender\n" +
        "JH005;赵敏;女;2023-02-30;精工控股集团;impossible date\n" +
        "JH001;张伟二;男;1988-03-12;精工控股集团;repeated number\n"

    @Test func goodRowsImportBadRowsAreNamedByLineAndASecondImportChangesNothing() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let first = try await api.send(.POST, "/api/v1/people/import?filename=roster.csv", contentType: .init(type: "text", subType: "csv"), rawBody: Self.roster)
            #expect(first.status == .ok)
            let report = try first.decode(ImportReportDTO.self)
            #expect(report.imported == 2)
            #expect(report.updated == 0)
            #expect(report.rejected == 4)
            #expect(report.unitsCreated == 4)
            #expect(report.ignoredColumns == ["备注"])
            #expect(report.rejections.map(\.line) == [4, 5, 6, 7])
            #expect(report.rejections[0].reasons == ["the name is missing"])
            #expect(report.rejections[1].reasons.first?.contains("“X”") == true)
            #expect(report.rejections[2].reasons.first?.contains("2023-02-30") == true)
            #expect(report.rejections[3].reasons.first?.contains("line 2") == true)

            let people = try await PersonModel.query(on: app.db).sort(\.$employeeNumber).all()
            #expect(people.map(\.name) == ["张伟", "李娜"])
            #expect(people[1].birthDate == "1990-07-01")
            let tree = try await UnitService(db: app.db, clock: app.clock).tree()
            #expect(tree.path(of: people[1].$unit.id!) == ["精工控股集团", "绿色建筑板块", "精工科技", "生产部"])
            #expect(tree.nodes[people[0].$unit.id!]?.kind == .company)
            let auditCount = try await AuditEntryModel.query(on: app.db).count()

            let second = try await api.send(.POST, "/api/v1/people/import", contentType: .init(type: "text", subType: "csv"), rawBody: Self.roster)
            let again = try second.decode(ImportReportDTO.self)
            #expect((again.imported, again.updated, again.unchanged, again.rejected, again.unitsCreated) == (0, 0, 2, 4, 0))
            #expect(try await AuditEntryModel.query(on: app.db).count() == auditCount)
            #expect(try await UnitModel.query(on: app.db).count() == 4)

            let changed = "employee number,name,gender,birth date,department\nJH002,李娜,female,1990-07-01,精工科技/市场部\n"
            let third = try await api.send(.POST, "/api/v1/people/import", contentType: .init(type: "text", subType: "csv"), rawBody: changed).decode(ImportReportDTO.self)
            #expect((third.imported, third.updated, third.unchanged, third.unitsCreated) == (0, 1, 0, 1))
            let moved = try await PersonModel.query(on: app.db).filter(\.$employeeNumber == "JH002").first()!
            let newTree = try await UnitService(db: app.db, clock: app.clock).tree()
            #expect(newTree.path(of: moved.$unit.id!) == ["精工控股集团", "绿色建筑板块", "精工科技", "市场部"])
            #expect(moved.version == 2)
        }
    }

    @Test func anOptionalHireDateColumnSetsHireDatesAndAnEmptyCellKeepsThem() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let csv = HTTPMediaType(type: "text", subType: "csv")
            let first = "工号,姓名,性别,出生日期,部门,入职日期\nJH001,张伟,男,1988-03-12,精工科技,2010年7月1日\nJH002,李娜,女,1990-07-01,精工科技,\n" +
                "JH003,王芳,女,1990-01-01,精工科技,2099-01-01\nJH004,赵敏,女,1990-01-01,精工科技,1989-05-05\nJH005,刘洋,男,1990-01-01,精工科技,someday\n"
            let report = try await api.send(.POST, "/api/v1/people/import", contentType: csv, rawBody: first).decode(ImportReportDTO.self)
            #expect((report.imported, report.rejected) == (2, 3))
            #expect(report.ignoredColumns.isEmpty)
            #expect(report.rejections.map(\.line) == [4, 5, 6])
            #expect(report.rejections[0].reasons == ["hire date 2099-01-01 is in the future or before 1950"])
            #expect(report.rejections[1].reasons == ["hire date 1989-05-05 is before the birth date 1990-01-01"])
            #expect(report.rejections[2].reasons == ["hire date “someday” is not a real date (use 2015-07-01)"])
            var people = try await PersonModel.query(on: app.db).sort(\.$employeeNumber).all()
            #expect(people.map(\.hireDate) == ["2010-07-01", nil])

            // Without the column, or with an empty cell, the recorded date stays and nothing changes.
            let without = "Employee ID,Name,Gender,DOB,Department\nJH001,张伟,男,1988-03-12,精工科技\n"
            let kept = try await api.send(.POST, "/api/v1/people/import", contentType: csv, rawBody: without).decode(ImportReportDTO.self)
            #expect((kept.updated, kept.unchanged) == (0, 1))
            let blank = "工号,姓名,性别,出生日期,部门,start date\nJH001,张伟,男,1988-03-12,精工科技,\nJH002,李娜,女,1990-07-01,精工科技,2015/3/2\n"
            let second = try await api.send(.POST, "/api/v1/people/import", contentType: csv, rawBody: blank).decode(ImportReportDTO.self)
            #expect((second.updated, second.unchanged) == (1, 1))
            people = try await PersonModel.query(on: app.db).sort(\.$employeeNumber).all()
            #expect(people.map(\.hireDate) == ["2010-07-01", "2015-03-02"])
            let person = try await api.send(.GET, "/api/v1/people/\(people[1].id!)").decode(PersonDTO.self)
            #expect(person.hireDate == CalendarDate(year: 2015, month: 3, day: 2) && person.version == 2)
        }
    }

    @Test func aFileWithoutTheNeededColumnsChangesNothing() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let response = try await api.send(.POST, "/api/v1/people/import", contentType: .init(type: "text", subType: "csv"), rawBody: "姓名,性别\n张伟,男\n")
            #expect(response.status == .unprocessableEntity)
            let fields = (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(fields.count == 3)
            #expect(fields.contains { $0.contains("employee number") })
            #expect(try await PersonModel.query(on: app.db).count() == 0)
            let latin1 = try await api.send(.POST, "/api/v1/people/import", contentType: .init(type: "text", subType: "csv"), rawBody: "")
            #expect(latin1.status == .badRequest)
        }
    }

    @Test func theUploadPageImportsAFileAndListsRejections() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let boundary = "----podium-test"
            var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.cookies[CSRFMiddleware.cookieName]!)\r\n"
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.csv\"\r\nContent-Type: text/csv\r\n\r\n\(Self.roster)\r\n--\(boundary)--\r\n"
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let response = try await browser.send(.POST, "/admin/import", headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .ok)
            let html = response.body.string
            #expect(html.contains("imported 2, updated 0, unchanged 0, rejected 4"))
            #expect(html.contains("the name is missing"))
            #expect(try await PersonModel.query(on: app.db).count() == 2)
        }
    }

    @Test func theCommandPrintsTheSummaryAndExits1WhenRowsWereRejected() throws {
        let binary = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("podium")
        let found = FileManager.default.isExecutableFile(atPath: binary.path)
            ? binary
            : URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/podium").standardized
        try #require(FileManager.default.isExecutableFile(atPath: found.path), "the podium executable is built by swift test: \(found.path)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("podium-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("roster.csv")
        try Data(Self.roster.utf8).write(to: csv)

        func run() throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = found
            process.arguments = ["import", "people", csv.path, "--database", directory.appendingPathComponent("db.sqlite").path]
            process.currentDirectoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
            var environment = ProcessInfo.processInfo.environment
            environment["PODIUM_ADMIN_EMAIL"] = "admin@test.podium"
            environment["PODIUM_ADMIN_PASSWORD"] = "admin-password-1"
            environment["LOG_LEVEL"] = "error"
            process.environment = environment
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let first = try run()
        #expect(first.status == 1)
        #expect(first.output.contains("line 4: the name is missing"))
        #expect(first.output.split(separator: "\n").last == "imported 2, updated 0, unchanged 0, rejected 4")
        let second = try run()
        #expect(second.output.split(separator: "\n").last == "imported 0, updated 0, unchanged 2, rejected 4")
        try Data("工号,姓名,性别,出生日期,部门\nJH001,张伟,男,1988-03-12,精工控股集团/绿色建筑板块/精工科技\n".utf8).write(to: csv)
        let clean = try run()
        #expect(clean.status == 0)
        #expect(clean.output.split(separator: "\n").last == "imported 0, updated 0, unchanged 1, rejected 0")
    }
}
