import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

/// The rules of the recognition office that the main flow does not pass through.
@Suite("Recognition: locks, panels, team awards, the window, evidence limits, linked accounts")
struct RecognitionRulesWebTests {
    static let path = RecognitionTests.path
    let flow = RecognitionTests()

    func categoryInput(_ f: RecognitionTests.Fixture, code: String = "OE", method: String = "approval") async throws -> String {
        let current = try await f.organizer.send(.GET, "\(Self.path)/categories/OE").decode(AwardCategoryDTO.self)
        return #"{"code":"\#(code)","name":"Outstanding Employee","kind":"individual","quotaTotal":2,"quotaPerUnit":2,"method":"\#(method)","pickLimit":2,"version":\#(current.version)}"#
    }

    @Test func settingsLockAsTheReviewGoesOnAndPanelsKeepTheirVoters() async throws {
        try await withPodium { app in
            let f = try await flow.fixture(app)
            // One chair per panel: naming b chair takes it from g.
            let rechaired = try await f.organizer.send(.POST, "\(Self.path)/categories/OE/panel",
                                                       json: #"{"userId":\#(f.reviewerIDs["b"]!),"homeUnitId":\#(f.units["Bdept"]!),"isChair":true}"#)
                .decode(AwardCategoryDTO.self)
            #expect(rechaired.panel.filter(\.isChair).map(\.userId) == [f.reviewerIDs["b"]!])
            for key in ["a1", "b1", "c1"] { #expect(try await flow.nominate(f, key).status == .created) }
            let ids = try await flow.nominationIDs(f)
            // Before any ballot the method may change; after one it may not.
            #expect(try await f.organizer.send(.PUT, "\(Self.path)/categories/OE", json: try await categoryInput(f, method: "borda")).status == .ok)
            #expect(try await f.organizer.send(.PUT, "\(Self.path)/categories/OE", json: try await categoryInput(f)).status == .ok)
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["a1"]!),\#(ids["b1"]!)]}"#).status == .ok)
            let methodChange = try await f.organizer.send(.PUT, "\(Self.path)/categories/OE", json: try await categoryInput(f, method: "borda"))
            #expect(methodChange.status == .unprocessableEntity)
            #expect(methodChange.body.string.contains("error.award.methodFixed"))
            // A reviewer who voted stays on the panel; one who did not may leave.
            let voter = try await f.organizer.send(.DELETE, "\(Self.path)/categories/OE/panel/\(f.reviewerIDs["g"]!)")
            #expect(voter.status == .conflict)
            #expect(try await f.organizer.send(.DELETE, "\(Self.path)/categories/OE/panel/\(f.reviewerIDs["a"]!)").status == .ok)
            // Stepping aside twice, and a run-off without a tie, are refused.
            #expect(try await f.reviewers["b"]!.json(.POST, "\(Self.path)/nominations/\(ids["c1"]!)/recusal", #"{"reason":"neighbour"}"#).status == .noContent)
            #expect(try await f.reviewers["b"]!.json(.POST, "\(Self.path)/nominations/\(ids["c1"]!)/recusal", #"{"reason":"again"}"#).status == .conflict)
            #expect(try await f.reviewers["b"]!.json(.POST, "\(Self.path)/nominations/\(ids["c1"]!)/recusal", #"{"reason":" "}"#).status == .unprocessableEntity)
            #expect(try await f.organizer.send(.POST, "\(Self.path)/categories/OE/run-off").status == .conflict)
            // Once decided, the code (part of the certificate numbers) is fixed and the winners cannot be withdrawn.
            let decisions = try await f.organizer.send(.POST, "\(Self.path)/categories/OE/decisions").decode([AwardDecisionDTO].self)
            #expect(decisions.count == 2)
            let codeChange = try await f.organizer.send(.PUT, "\(Self.path)/categories/OE", json: try await categoryInput(f, code: "XE"))
            #expect(codeChange.status == .unprocessableEntity)
            #expect(codeChange.body.string.contains("error.award.codeFixed"))
            #expect(try await f.organizer.send(.POST, "\(Self.path)/nominations/\(decisions[0].nominationId)/withdraw", json: #"{"reason":"changed our mind"}"#).status == .conflict)
        }
    }

    @Test func teamAwardsNameAUnitAndItsTeamOnce() async throws {
        try await withPodium { app in
            let f = try await flow.fixture(app)
            #expect(try await f.organizer.send(.POST, "\(Self.path)/categories", json: #"{"code":"TEAM","name":"Model Team","kind":"team","quotaTotal":1,"method":"approval"}"#).status == .created)
            let citation = flow.citation("the workshop")
            let noUnit = try await f.organizer.send(.POST, "\(Self.path)/nominations", json: #"{"category":"TEAM","citation":"\#(citation)"}"#)
            #expect(noUnit.status == .unprocessableEntity)
            #expect(noUnit.body.string.contains(#""field":"unitId""#))
            let team = try await f.organizer.send(.POST, "\(Self.path)/nominations",
                                                  json: #"{"category":"TEAM","unitId":\#(f.units["Adept"]!),"teamName":"Kiln crew","citation":"\#(citation)"}"#)
            #expect(team.status == .created)
            #expect(try team.decode(NominationDTO.self).nominee == "Kiln crew")
            let again = try await f.organizer.send(.POST, "\(Self.path)/nominations",
                                                   json: #"{"category":"TEAM","unitId":\#(f.units["Adept"]!),"teamName":"Kiln crew","citation":"\#(citation)"}"#)
            #expect(again.status == .unprocessableEntity)
            // A person award needs a person.
            let noPerson = try await f.organizer.send(.POST, "\(Self.path)/nominations", json: #"{"category":"OE","citation":"\#(citation)"}"#)
            #expect(noPerson.status == .unprocessableEntity)
            #expect(noPerson.body.string.contains(#""field":"personId""#))
        }
    }

    @Test func ballotsWaitUntilNominationsClose() async throws {
        try await withPodium { app in
            let f = try await flow.fixture(app, extra: #","closesAt":"2021-01-15T10:00:00Z""#)
            for key in ["a1", "b1"] { #expect(try await flow.nominate(f, key).status == .created) }
            let ids = try await flow.nominationIDs(f)
            let early = try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["a1"]!)]}"#)
            #expect(early.status == .conflict)
            #expect(early.body.string.contains("2021-01-15 18:00"))
            f.clock.advance(days: 6)
            try await f.reviewers["g"]!.signIn("reviewer-g@test.podium", "password-123")
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["a1"]!)]}"#).status == .ok)
        }
    }

    @Test func evidenceHasALimitAndLargerFilesPassThroughTheForms() async throws {
        try await withPodium { app in
            let f = try await flow.fixture(app)
            let browser = Browser(app)
            try await app.makeUser("organizer@test.podium", grants: [RoleGrant(role: .organizer)])
            try await browser.signIn("organizer@test.podium", "password-123")
            // A 1.5 MB PDF with the nomination form: larger than the default body limit, within the upload limit.
            let pdf = "%PDF-1.4 " + String(repeating: "x", count: 1_500_000)
            let boundary = "----podium-test"
            var body = ""
            for (name, value) in [("_csrf", browser.cookies[CSRFMiddleware.cookieName]!), ("category", "OE"), ("nominee", "A1"),
                                  ("citation", flow.citation("a1"))] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"deeds.pdf\"\r\nContent-Type: application/pdf\r\n\r\n\(pdf)\r\n--\(boundary)--\r\n"
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let posted = try await browser.send(.POST, "/admin/recognition/recognition-2020/nominations", headers: headers, body: ByteBuffer(string: body))
            #expect(posted.status == .seeOther, "\(posted.body.string.prefix(300))")
            let list = try await f.organizer.send(.GET, "\(Self.path)/nominations").decode([NominationDTO].self)
            #expect(list.first?.evidence.map(\.size) == [pdf.utf8.count])
            // A file over 4 MB is refused by name, and the nomination keeps only what it had.
            var token = HTTPHeaders()
            token.bearerAuthorization = BearerAuthorization(token: f.organizer.token!)
            let big = try await app.testing().sendRequest(.POST, "\(Self.path)/nominations/\(list[0].id)/evidence?fileName=scan.pdf", headers: token,
                                                          body: ByteBuffer(string: String(repeating: "y", count: 4 * 1024 * 1024 + 1)))
            #expect(big.status == .unprocessableEntity)
            #expect(big.body.string.contains("scan.pdf"))
            // A bad file with a new nomination stores neither.
            let badBody = body.replacingOccurrences(of: "\"deeds.pdf\"", with: "\"deeds.exe\"").replacingOccurrences(of: "name=\"nominee\"\r\n\r\nA1", with: "name=\"nominee\"\r\n\r\nB1")
            let refused = try await browser.send(.POST, "/admin/recognition/recognition-2020/nominations", headers: headers, body: ByteBuffer(string: badBody))
            #expect(refused.status == .unprocessableEntity)
            #expect(try await f.organizer.send(.GET, "\(Self.path)/nominations").decode([NominationDTO].self).count == 1)
        }
    }

    @Test func anAccountLinkedToTheRosterCannotNominateItsOwner() async throws {
        try await withPodium { app in
            let f = try await flow.fixture(app)
            let admin = API(app: app, token: try await app.makeToken(.administrator))
            let grant = #"[{"role":"team_leader","unitId":\#(f.units["B"]!)}]"#
            let unknown = try await admin.send(.POST, "/api/v1/users", json: #"{"email":"head@test.podium","displayName":"Head of Robotics","password":"password-123","grants":\#(grant),"employeeNumber":"ZZ9"}"#)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.body.string.contains(#""field":"employeeNumber""#))
            let created = try await admin.send(.POST, "/api/v1/users", json: #"{"email":"head@test.podium","displayName":"Head of Robotics","password":"password-123","grants":\#(grant),"employeeNumber":"B1"}"#)
            #expect(created.status == .created)
            #expect(try created.decode(UserDTO.self).personId == f.people["b1"]!.id)
            let head = Browser(app)
            try await head.signIn("head@test.podium", "password-123")
            let own = try await head.json(.POST, "\(Self.path)/nominations", #"{"category":"OE","personId":\#(f.people["b1"]!.id),"citation":"\#(flow.citation("b1"))"}"#)
            #expect(own.status == .unprocessableEntity)
            #expect(own.body.string.contains("error.nomination.self"))
            #expect(try await head.json(.POST, "\(Self.path)/nominations", #"{"category":"OE","personId":\#(f.people["b2"]!.id),"citation":"\#(flow.citation("b2"))"}"#).status == .created)
            // The administrator's form shows and keeps the link.
            let browser = Browser(app)
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            let id = try created.decode(UserDTO.self).id
            #expect(try await browser.get("/admin/users/\(id)").body.string.contains(#"value="B1""#))
        }
    }
}
