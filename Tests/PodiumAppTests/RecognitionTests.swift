import Fluent
import Foundation
import NIOConcurrencyHelpers
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

extension Browser {
    /// A JSON call with the session cookie and the CSRF header, as the pages' scripts make it.
    @discardableResult
    func json(_ method: HTTPMethod, _ path: String, _ body: String? = nil) async throws -> TestingHTTPResponse {
        if cookies[CSRFMiddleware.cookieName] == nil { try await get("/login") }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "X-CSRF-Token", value: cookies[CSRFMiddleware.cookieName] ?? "")
        return try await send(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

/// A clock tests can move forward.
final class TestClock: Sendable {
    private let box: NIOLockedValueBox<Date>
    init(_ start: Date) { box = NIOLockedValueBox(start) }
    var now: Date { box.withLockedValue { $0 } }
    func advance(days: Double) { box.withLockedValue { $0 = $0.addingTimeInterval(days * 86_400) } }
    var seam: PodiumClock { PodiumClock { [self] in self.now } }
}

@Suite("Recognition: categories, nominations, review, tallies, decisions, notice, honor roll")
struct RecognitionTests {
    static let path = "/api/v1/programs/recognition-2020/recognition"

    struct Fixture {
        let app: Application
        let organizer: API
        let clock: TestClock
        let units: [String: Int]
        let people: [String: PersonDTO]
        /// Reviewers signed in: `a` works at New Materials, `b` at Robotics, `g` at the group office (the chair).
        let reviewers: [String: Browser]
        let reviewerIDs: [String: Int]
    }

    /// A group with three companies under one sector, six employees, and three reviewers on an approval panel
    /// for Outstanding Employee: 2 awards, at most 2 per company, pick at most 2.
    func fixture(_ app: Application, method: String = "approval", extra: String = "") async throws -> Fixture {
        let clock = TestClock(ISO8601DateFormatter().date(from: "2021-01-10T02:00:00Z")!)
        app.clock = clock.seam
        let organizer = API(app: app, token: try await app.makeToken(.organizer))
        #expect(try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"recognition","slug":"recognition-2020","name":"2020 Recognition","startDate":"2021-02-02","timeZone":"Asia/Shanghai"}"#).status == .created)
        _ = try await organizer.send(.POST, "/api/v1/programs/recognition-2020/status", json: #"{"status":"open","version":1}"#)
        let programID = try await ProgramModel.query(on: app.db).filter(\.$slug == "recognition-2020").first()!.id!
        let group = try await app.makeUnit("Jinghua Group", kind: .group)
        let sector = try await app.makeUnit("Industry", kind: .sector, parent: group.id)
        var units = ["group": group.id, "sector": sector.id]
        for (key, name) in [("A", "New Materials"), ("B", "Robotics"), ("C", "Steel Structure")] {
            let company = try await app.makeUnit(name, kind: .company, parent: sector.id)
            units[key] = company.id
            units[key + "dept"] = try await app.makeUnit("\(name) Workshop", kind: .department, parent: company.id).id
        }
        var people: [String: PersonDTO] = [:]
        for (key, unit) in [("a1", "Adept"), ("a2", "Adept"), ("a3", "A"), ("b1", "Bdept"), ("b2", "B"), ("c1", "Cdept")] {
            people[key] = try await app.makeEmployee("Worker \(key)", number: key.uppercased(), unit: units[unit]!)
        }
        var reviewers: [String: Browser] = [:], reviewerIDs: [String: Int] = [:]
        for key in ["a", "b", "g"] {
            let user = try await app.makeUser("reviewer-\(key)@test.podium", grants: [RoleGrant(role: .reviewer, programID: programID)])
            reviewerIDs[key] = user.id
            let browser = Browser(app)
            try await browser.signIn("reviewer-\(key)@test.podium", "password-123")
            reviewers[key] = browser
        }
        let created = try await organizer.send(.POST, "\(Self.path)/categories", json: #"""
            {"code":"OE","name":"Outstanding Employee","kind":"individual","quotaTotal":2,"quotaPerUnit":2,"method":"\#(method)","pickLimit":2,
             "criteria":[{"name":"Achievements","weight":60,"maxScore":10},{"name":"Teamwork","weight":40,"maxScore":5}]\#(extra)}
            """#)
        #expect(created.status == .created, "\(created.body.string)")
        for (key, unit, chair) in [("a", "A", false), ("b", "Bdept", false), ("g", "group", true)] {
            let added = try await organizer.send(.POST, "\(Self.path)/categories/OE/panel",
                                                 json: #"{"userId":\#(reviewerIDs[key]!),"homeUnitId":\#(units[unit]!),"isChair":\#(chair)}"#)
            #expect(added.status == .ok, "\(added.body.string)")
        }
        return Fixture(app: app, organizer: organizer, clock: clock, units: units, people: people, reviewers: reviewers, reviewerIDs: reviewerIDs)
    }

    func citation(_ name: String) -> String { "\(name) led the line through a hard year and trained four new colleagues." }

    @discardableResult
    func nominate(_ f: Fixture, _ key: String, api: API? = nil, category: String = "OE") async throws -> TestingHTTPResponse {
        try await (api ?? f.organizer).send(.POST, "\(Self.path)/nominations",
                                             json: #"{"category":"\#(category)","personId":\#(f.people[key]!.id),"citation":"\#(citation(key))"}"#)
    }

    func nominationIDs(_ f: Fixture) async throws -> [String: Int] {
        let list = try await f.organizer.send(.GET, "\(Self.path)/nominations").decode([NominationDTO].self)
        return Dictionary(uniqueKeysWithValues: list.compactMap { n in f.people.first { $0.value.id == n.personId }.map { ($0.key, n.id) } })
    }

    func problemKeys(_ response: TestingHTTPResponse) -> String { response.body.string }

    @Test func categoriesAreCheckedAsAWholeAndCodesAreUnique() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let bad = try await f.organizer.send(.POST, "\(Self.path)/categories", json: #"""
                {"code":"9x!","name":"","kind":"team","quotaTotal":2,"quotaPerUnit":5,"method":"rubric","criteria":[]}
                """#)
            #expect(bad.status == .unprocessableEntity)
            for field in ["code", "name", "quotaPerUnit", "criteria"] { #expect(bad.body.string.contains(#""field":"\#(field)""#), "\(field)") }
            let taken = try await f.organizer.send(.POST, "\(Self.path)/categories", json: #"{"code":"oe","name":"Again","kind":"individual","quotaTotal":1,"method":"approval"}"#)
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.body.string.contains("OE"))
            // Only organizers set categories up; a reviewer's session cannot.
            let byReviewer = try await f.reviewers["g"]!.json(.POST, "\(Self.path)/categories", #"{"code":"X","name":"X","kind":"individual","quotaTotal":1,"method":"approval"}"#)
            #expect(byReviewer.status == .forbidden)
            #expect(try await API(app: app).send(.GET, Self.path).status == .unauthorized)
            // A panel member must be a reviewer of this program.
            let leader = try await app.makeUser("leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.units["A"]!)])
            let notReviewer = try await f.organizer.send(.POST, "\(Self.path)/categories/OE/panel", json: #"{"userId":\#(leader.id)}"#)
            #expect(notReviewer.status == .unprocessableEntity)
            let status = try await f.organizer.send(.GET, Self.path).decode(RecognitionStatusDTO.self)
            #expect(status.categories.map(\.code) == ["OE"])
            #expect(status.categories[0].panel.filter(\.isChair).count == 1)
            #expect(status.stage == "nominating")
        }
    }

    @Test func nominationsKeepTheRulesAndBadOnesChangeNothing() async throws {
        try await withPodium { app in
            let f = try await fixture(app, extra: #","minimumServiceYears":1,"serviceCountedOn":"2020-12-31","excludePreviousWinners":true"#)
            // Service years: a1 joined long ago, a2 in mid 2020, a3 has no hire date.
            for (key, hired) in [("a1", "2012-03-01"), ("a2", "2020-06-01"), ("b1", "2015-01-01"), ("b2", "2016-01-01"), ("c1", "2010-01-01")] {
                let person = try await PersonModel.find(f.people[key]!.id, on: app.db)!
                person.hireDate = hired
                try await person.save(on: app.db)
            }
            #expect(try await nominate(f, "a1").status == .created)
            let again = try await nominate(f, "a1")
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("already"))
            let short = try await nominate(f, "a2")
            #expect(short.status == .unprocessableEntity)
            #expect(short.body.string.contains("2020-12-31"))
            let unknownService = try await nominate(f, "a3")
            #expect(unknownService.status == .unprocessableEntity)
            // Retired people are not eligible.
            let retired = try await PersonModel.find(f.people["b2"]!.id, on: app.db)!
            retired.status = EmployeeStatus.retired.rawValue
            try await retired.save(on: app.db)
            #expect(try await nominate(f, "b2").status == .unprocessableEntity)
            // A unit head nominates inside their unit only, and never themselves.
            let leaderUser = try await app.makeUser("head-b@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.units["B"]!)])
            let account = try await UserModel.find(leaderUser.id, on: app.db)!
            account.personID = f.people["b1"]!.id
            try await account.save(on: app.db)
            let head = Browser(app)
            try await head.signIn("head-b@test.podium", "password-123")
            let selfNomination = try await head.json(.POST, "\(Self.path)/nominations", #"{"category":"OE","personId":\#(f.people["b1"]!.id),"citation":"\#(citation("b1"))"}"#)
            #expect(selfNomination.status == .unprocessableEntity)
            #expect(selfNomination.body.string.contains("yourself"))
            let outside = try await head.json(.POST, "\(Self.path)/nominations", #"{"category":"OE","personId":\#(f.people["c1"]!.id),"citation":"\#(citation("c1"))"}"#)
            #expect(outside.status == .forbidden)
            let tooShort = try await f.organizer.send(.POST, "\(Self.path)/nominations", json: #"{"category":"OE","personId":\#(f.people["c1"]!.id),"citation":"Good."}"#)
            #expect(tooShort.status == .unprocessableEntity)
            #expect(tooShort.body.string.contains(#""field":"citation""#))
            let list = try await f.organizer.send(.GET, "\(Self.path)/nominations").decode([NominationDTO].self)
            #expect(list.map(\.nominee) == ["Worker a1"])
            // Evidence: a PDF is kept; an executable is refused by name.
            let id = list[0].id
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: f.organizer.token!)
            let pdf = try await app.testing().sendRequest(.POST, "\(Self.path)/nominations/\(id)/evidence?fileName=deeds.pdf", headers: headers,
                                                          body: ByteBuffer(string: "%PDF-1.4 deeds"))
            #expect(pdf.status == .created)
            let exe = try await app.testing().sendRequest(.POST, "\(Self.path)/nominations/\(id)/evidence?fileName=run.exe", headers: headers,
                                                          body: ByteBuffer(string: "MZ"))
            #expect(exe.status == .unprocessableEntity)
            #expect(exe.body.string.contains("run.exe"))
            let evidence = try pdf.decode(EvidenceDTO.self)
            let download = try await app.testing().sendRequest(.GET, evidence.url, headers: headers)
            #expect(download.body.string == "%PDF-1.4 deeds")
            // The reviewer from the nominee's company may not open it; the one from elsewhere may.
            #expect(try await f.reviewers["a"]!.get(evidence.url).status == .forbidden)
            #expect(try await f.reviewers["b"]!.get(evidence.url).status == .ok)
        }
    }

    /// Last edition's winners sit this one out, and the window closes nominations except for an organizer filing late on purpose.
    @Test func previousWinnersAndTheNominationWindowAreEnforced() async throws {
        try await withPodium { app in
            let f = try await fixture(app, extra: #","excludePreviousWinners":true,"closesAt":"2021-01-15T10:00:00Z""#)
            // The 2019 edition, in which a1 won the award with the same code.
            #expect(try await f.organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"recognition","slug":"recognition-2019","name":"2019 Recognition","startDate":"2020-01-20","timeZone":"Asia/Shanghai"}"#).status == .created)
            let old = "/api/v1/programs/recognition-2019/recognition"
            #expect(try await f.organizer.send(.POST, "\(old)/categories", json: #"{"code":"OE","name":"Outstanding Employee","kind":"individual","quotaTotal":1,"method":"approval"}"#).status == .created)
            #expect(try await f.organizer.send(.POST, "\(old)/categories/OE/panel", json: #"{"userId":\#(f.reviewerIDs["g"]!)}"#).status == .unprocessableEntity)
            let oldNomination = try await f.organizer.send(.POST, "\(old)/nominations", json: #"{"category":"OE","personId":\#(f.people["a1"]!.id),"citation":"\#(citation("a1"))"}"#).decode(NominationDTO.self)
            let oldProgram = try await ProgramModel.query(on: app.db).filter(\.$slug == "recognition-2019").first()!
            let oldCategory = try await AwardCategoryModel.query(on: app.db).filter(\.$program.$id == oldProgram.id!).first()!
            let decision = AwardDecisionModel()
            decision.$category.id = oldCategory.id!
            decision.$nomination.id = oldNomination.id
            decision.place = 1
            decision.serial = "2019-OE-001-A"
            decision.status = "approved"
            decision.approvedBy = "test"
            decision.approvedAt = f.clock.now
            try await decision.create(on: app.db)
            let again = try await nominate(f, "a1")
            #expect(again.status == .unprocessableEntity)
            #expect(again.body.string.contains("2019 Recognition"))
            #expect(try await nominate(f, "b1").status == .created)
            // After the window a unit head is refused; an organizer may file late on purpose.
            f.clock.advance(days: 6)
            try await app.makeUser("head-c@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.units["C"]!)])
            let browser = Browser(app)
            try await browser.signIn("head-c@test.podium", "password-123")
            let late = try await browser.json(.POST, "\(Self.path)/nominations", #"{"category":"OE","personId":\#(f.people["c1"]!.id),"citation":"\#(citation("c1"))"}"#)
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("closed"))
            let lateOnPurpose = try await f.organizer.send(.POST, "\(Self.path)/nominations",
                                                           json: #"{"category":"OE","personId":\#(f.people["c1"]!.id),"citation":"\#(citation("c1"))","lateOnPurpose":true}"#)
            #expect(lateOnPurpose.status == .created)
        }
    }

    /// Rubric and Borda ballots through the API, counted as by hand.
    @Test func rubricAndBordaBallotsAreCheckedAndCounted() async throws {
        try await withPodium { app in
            let f = try await fixture(app, method: "rubric")
            for key in ["a1", "b1", "c1"] { #expect(try await nominate(f, key).status == .created) }
            let ids = try await nominationIDs(f)
            let (a1, b1, c1) = (ids["a1"]!, ids["b1"]!, ids["c1"]!)
            // Criteria: Achievements weight 60 out of 10, Teamwork weight 40 out of 5.
            let missing = try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"scores":{"\#(a1)":[8,5],"\#(b1)":[10,4]}}"#)
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.body.string.contains("Worker c1"))
            let outOfRange = try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"scores":{"\#(a1)":[8,6],"\#(b1)":[10,4],"\#(c1)":[5,5]}}"#)
            #expect(outOfRange.status == .unprocessableEntity)
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"scores":{"\#(a1)":[8,5],"\#(b1)":[10,4],"\#(c1)":[5,5]}}"#).status == .ok)
            // a1: (60*8/10 + 40*5/5)/100 = 88; b1: (60 + 32)/100 = 92; c1: (30 + 40)/100 = 70.
            let tally = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/tally").decode(TallyDTO.self)
            #expect(tally.rounds[0].lines.map(\.score) == ["92.00", "88.00", "70.00"])
            #expect(tally.proposedWinners == [b1, a1])
            // The same panel ranks by Borda in another award: every nominee a reviewer may judge must be ranked.
            #expect(try await f.organizer.send(.POST, "\(Self.path)/categories", json: #"{"code":"ME","name":"Market Expansion Model","kind":"individual","quotaTotal":1,"method":"borda"}"#).status == .created)
            #expect(try await f.organizer.send(.POST, "\(Self.path)/categories/ME/panel", json: #"{"userId":\#(f.reviewerIDs["a"]!),"homeUnitId":\#(f.units["A"]!)}"#).status == .ok)
            for key in ["a2", "b2", "c1"] { #expect(try await nominate(f, key, category: "ME").status == .created) }
            let me = try await f.organizer.send(.GET, "\(Self.path)/nominations").decode([NominationDTO].self).filter { $0.categoryCode == "ME" }
            let byName = Dictionary(uniqueKeysWithValues: me.map { ($0.nominee, $0.id) })
            let partial = try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/ME/ballot", #"{"ranking":[\#(byName["Worker b2"]!)]}"#)
            #expect(partial.status == .unprocessableEntity)
            #expect(partial.body.string.contains("Worker c1"))
            let withConflict = try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/ME/ballot",
                                                                #"{"ranking":[\#(byName["Worker a2"]!),\#(byName["Worker b2"]!),\#(byName["Worker c1"]!)]}"#)
            #expect(withConflict.status == .unprocessableEntity)
            #expect(try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/ME/ballot",
                                                     #"{"ranking":[\#(byName["Worker c1"]!),\#(byName["Worker b2"]!)]}"#).status == .ok)
            // Reviewer a ranks two: c1 gets 1 point of 1 (100), b2 0 (0); a2 nobody judged.
            let borda = try await f.organizer.send(.GET, "\(Self.path)/categories/ME/tally").decode(TallyDTO.self)
            #expect(borda.rounds[0].lines.map(\.nominee) == ["Worker c1", "Worker b2", "Worker a2"])
            #expect(borda.rounds[0].lines.map(\.rank) == [1, 2, nil])
            #expect(borda.proposedWinners == [byName["Worker c1"]!])
        }
    }

    @Test func theNominationQuotaPerCompanyHolds() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            #expect(try await nominate(f, "a1").status == .created)
            #expect(try await nominate(f, "a2").status == .created)
            let third = try await nominate(f, "a3")
            #expect(third.status == .unprocessableEntity)
            #expect(third.body.string.contains("New Materials"))
            #expect(try await nominationIDs(f).count == 2)
        }
    }

    @Test func reviewersSeeTheirAssignmentsAndConflictedOrOversizedBallotsAreRefused() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            for key in ["a1", "b1", "c1"] { #expect(try await nominate(f, key).status == .created) }
            let ids = try await nominationIDs(f)
            let assignments = try await f.reviewers["a"]!.json(.GET, "\(Self.path)/review").decode([ReviewAssignmentDTO].self)
            #expect(assignments.count == 1)
            let mine = assignments[0].candidates
            #expect(mine.first { $0.id == ids["a1"] }?.barred == "conflict")
            #expect(mine.first { $0.id == ids["a1"] }?.citation == "")
            #expect(mine.first { $0.id == ids["b1"] }?.barred == nil)
            // Reviewer a works at New Materials: a ballot that picks its nominee is refused and nothing is stored.
            let conflicted = try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["a1"]!)]}"#)
            #expect(conflicted.status == .unprocessableEntity)
            #expect(conflicted.body.string.contains("Worker a1"))
            let tooMany = try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["a1"]!),\#(ids["b1"]!),\#(ids["c1"]!)]}"#)
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.body.string.contains("3"))
            let export = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/ballots").decode(BallotExportDTO.self)
            #expect(export.ballots.isEmpty)
            // Someone not on the panel, and a token without a user, cannot vote.
            let organizerBallot = try await f.organizer.send(.PUT, "\(Self.path)/categories/OE/ballot", json: #"{"picks":[]}"#)
            #expect(organizerBallot.status == .forbidden)
            // Nominations close once the first ballot is in.
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["b1"]!)]}"#).status == .ok)
            #expect(try await nominate(f, "a2").status == .conflict)
            // Self-declared recusal: reviewer b steps aside from c1 and can no longer pick them.
            #expect(try await f.reviewers["b"]!.json(.POST, "\(Self.path)/nominations/\(ids["c1"]!)/recusal", #"{"reason":"c1 is my brother-in-law"}"#).status == .noContent)
            let recused = try await f.reviewers["b"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["c1"]!)]}"#)
            #expect(recused.status == .unprocessableEntity)
            // Reviewers do not see the tally; the chair does.
            #expect(try await f.reviewers["a"]!.json(.GET, "\(Self.path)/categories/OE/tally").status == .forbidden)
            #expect(try await f.reviewers["g"]!.json(.GET, "\(Self.path)/categories/OE/tally").status == .ok)
        }
    }

    /// Three nominees, two seats: b1 leads, a1 and c1 tie for the second seat; a run-off ties again; the chair settles it.
    @Test func tiesAreShownAndSettledByARunOffThenTheChair() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            for key in ["a1", "b1", "c1"] { #expect(try await nominate(f, key).status == .created) }
            let ids = try await nominationIDs(f)
            let (a1, b1, c1) = (ids["a1"]!, ids["b1"]!, ids["c1"]!)
            // a (New Materials) may judge b1, c1; b (Robotics) may judge a1, c1; g judges all.
            #expect(try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(b1)]}"#).status == .ok)
            #expect(try await f.reviewers["b"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(a1),\#(c1)]}"#).status == .ok)
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(b1),\#(c1)]}"#).status == .ok)
            // b1: 2 of 2 = 100; a1: 1 of 2 = 50; c1: 2 of 3 = 66.67. No tie yet: b1 and c1.
            var tally = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/tally").decode(TallyDTO.self)
            #expect(tally.rounds[0].lines.map(\.nominationId) == [b1, c1, a1])
            #expect(tally.rounds[0].lines.map(\.score) == ["100.00", "66.67", "50.00"])
            #expect(tally.proposedWinners == [b1, c1])
            // Ballots are replaced by sending the version read; a stale one is refused.
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(b1)],"version":0}"#).status == .ok)
            #expect(try await f.reviewers["b"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(a1)],"version":0}"#).status == .ok)
            #expect(try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(b1),\#(c1)],"version":0}"#).status == .ok)
            let stale = try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(b1)],"version":0}"#)
            #expect(stale.status == .conflict)
            // a: b1 c1; b: a1; g: b1 a1 → a1 2/2 = 100, b1 2/2 = 100, c1 1/3: a tie inside the two seats needs no settling.
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(b1),\#(a1)],"version":1}"#).status == .ok)
            tally = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/tally").decode(TallyDTO.self)
            #expect(tally.rounds[0].lines.prefix(2).allSatisfy { $0.rank == 1 && $0.tied })
            #expect(Set(tally.proposedWinners) == [a1, b1])
            #expect(tally.pendingTie == nil)
            // a: b1 c1; b: c1; g: c1 a1 → c1 3/3 = 100, a1 1/2 = 50, b1 1/2 = 50: a1 and b1 tie for the last seat.
            #expect(try await f.reviewers["b"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(c1)],"version":1}"#).status == .ok)
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(c1),\#(a1)],"version":2}"#).status == .ok)
            tally = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/tally").decode(TallyDTO.self)
            #expect(tally.rounds[0].lines.map(\.score) == ["100.00", "50.00", "50.00"])
            #expect(tally.proposedWinners == [c1])
            #expect(Set(tally.pendingTie?.candidates ?? []) == [a1, b1])
            #expect(tally.pendingTie?.seats == 1)
            // No decision while the tie stands.
            #expect(try await f.organizer.send(.POST, "\(Self.path)/categories/OE/decisions").status == .conflict)
            // The chair opens a run-off: pick at most 1 of the two.
            let runOff = try await f.reviewers["g"]!.json(.POST, "\(Self.path)/categories/OE/run-off").decode(TallyDTO.self)
            #expect(runOff.rounds.count == 2)
            #expect(Set(runOff.rounds[1].candidates) == [a1, b1])
            // A round-1 ballot is refused now; a run-off ballot with two picks is too many.
            #expect(try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"round":1,"picks":[\#(b1)]}"#).status == .unprocessableEntity)
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(a1),\#(b1)]}"#).status == .unprocessableEntity)
            // a may only judge b1 (picks it), b only a1 (picks it), g picks none: 1/1 each — tied again.
            #expect(try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(b1)]}"#).status == .ok)
            #expect(try await f.reviewers["b"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(a1)]}"#).status == .ok)
            tally = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/tally").decode(TallyDTO.self)
            #expect(tally.rounds[1].lines.allSatisfy { $0.rank == 1 && $0.tied })
            #expect(tally.pendingTie != nil)
            // The chair decides, with a reason; a wrong set of names is refused.
            let wrong = try await f.reviewers["g"]!.json(.POST, "\(Self.path)/categories/OE/chair-decision", #"{"order":[\#(a1),\#(c1)],"reason":"x"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await f.reviewers["a"]!.json(.POST, "\(Self.path)/categories/OE/chair-decision", #"{"order":[\#(b1),\#(a1)],"reason":"x"}"#).status == .forbidden)
            let settled = try await f.reviewers["g"]!.json(.POST, "\(Self.path)/categories/OE/chair-decision",
                                                           #"{"order":[\#(b1),\#(a1)],"reason":"Longer record of safe production"}"#).decode(TallyDTO.self)
            #expect(settled.proposedWinners == [c1, b1])
            #expect(settled.chairDecisions.first?.decidedBy == "reviewer-g@test.podium")
            // The export counts to the same result in PodiumCore.
            let export = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/ballots").decode(BallotExportDTO.self)
            #expect(Self.recount(export) == settled.proposedWinners)
            let csv = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/ballots.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.string.contains("Worker c1"))
            // Approval: serials numbered per category.
            let decisions = try await f.organizer.send(.POST, "\(Self.path)/categories/OE/decisions").decode([AwardDecisionDTO].self)
            #expect(decisions.map(\.nominationId) == [c1, b1])
            #expect(decisions.map(\.serial).allSatisfy { $0.hasPrefix("2020-OE-00") })
            #expect(try await f.organizer.send(.POST, "\(Self.path)/categories/OE/decisions").status == .conflict)
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(a1)],"version":0}"#).status == .conflict)
        }
    }

    /// Counts an exported ballot file again with PodiumCore alone.
    static func recount(_ export: BallotExportDTO) -> [Int] {
        let candidates = Dictionary(uniqueKeysWithValues: export.candidates.map { ($0.nominationId, $0) })
        func tally(_ round: BallotExportDTO.Round) -> Tally {
            let method: ReviewMethod = round.number == 1 ? export.method : .approval
            let ballots = export.ballots.filter { $0.round == round.number }.compactMap { ballot in
                StoredBallot(picks: ballot.picks, ranking: ballot.ranking, scores: ballot.scores).content(method: method)
                    .map { CastBallot(reviewerID: ballot.reviewerId, content: $0) }
            }
            return Tallying.tally(method: method, criteria: export.criteria, candidates: round.candidates.map {
                TallyCandidate(id: $0, name: candidates[$0]?.nominee ?? "", eligibleReviewers: Set(candidates[$0]?.eligibleReviewers ?? []))
            }, ballots: ballots)
        }
        let first = tally(export.rounds[0])
        let runOffs = export.rounds.dropFirst().map { RunOff(round: $0.number, candidates: Set($0.candidates), tally: tally($0)) }
        return AwardProposal.make(.init(tally: first, seats: export.seats, perUnitQuota: export.quotaPerUnit,
                                        quotaUnit: Dictionary(uniqueKeysWithValues: export.quotaUnits.compactMap { key, value in Int(key).map { ($0, value) } }),
                                        excluded: Set(export.excluded), runOffs: Array(runOffs),
                                        chairDecisions: export.chairDecisions.map { ChairDecision(order: $0.order, reason: $0.reason) })).winners
    }

    @Test func noticeObjectionsAndPublicationLeadToTheHonorRollAndVerifiableCertificates() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            for key in ["a1", "b1", "c1"] { #expect(try await nominate(f, key).status == .created) }
            let ids = try await nominationIDs(f)
            #expect(try await f.reviewers["g"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["a1"]!),\#(ids["b1"]!)]}"#).status == .ok)
            #expect(try await f.reviewers["a"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["c1"]!)]}"#).status == .ok)
            // b has not voted: a1 1/1 (g) = 100; b1 1/2 (g of a, g) = 50; c1 1/2 (a of a, g) = 50 → b1 and c1 tie for seat 2.
            var tally = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/tally").decode(TallyDTO.self)
            #expect(tally.pendingTie != nil)
            // b picks c1 and a1: a1 2/2 = 100, c1 2/3 = 66.67, b1 1/2 = 50.
            #expect(try await f.reviewers["b"]!.json(.PUT, "\(Self.path)/categories/OE/ballot", #"{"picks":[\#(ids["c1"]!),\#(ids["a1"]!)]}"#).status == .ok)
            tally = try await f.organizer.send(.GET, "\(Self.path)/categories/OE/tally").decode(TallyDTO.self)
            #expect(tally.pendingTie == nil)
            let approved = try await f.organizer.send(.POST, "\(Self.path)/categories/OE/decisions").decode([AwardDecisionDTO].self)
            #expect(approved.count == 2)
            // Nothing public before the notice.
            let objectionBody = #"{"decisionId":\#(approved[0].id),"name":"A colleague","text":"The safety record cited is from 2019, not 2020."}"#
            #expect(try await API(app: app).send(.POST, "\(Self.path)/objections", json: objectionBody).status == .conflict)
            #expect(try await API(app: app).send(.GET, "\(Self.path)/honor-roll").status == .notFound)
            let tooSoon = try await f.organizer.send(.POST, "\(Self.path)/notice", json: #"{"endsAt":"2021-01-10T02:30:00Z"}"#)
            #expect(tooSoon.status == .unprocessableEntity)
            let notice = try await f.organizer.send(.POST, "\(Self.path)/notice", json: #"{"endsAt":"2021-01-17T10:00:00Z"}"#).decode(RecognitionStatusDTO.self)
            #expect(notice.stage == "notice")
            // Anyone may object during the notice; an empty objection is refused.
            #expect(try await API(app: app).send(.POST, "\(Self.path)/objections", json: #"{"decisionId":\#(approved[0].id),"name":"","text":""}"#).status == .unprocessableEntity)
            let objection = try await API(app: app).send(.POST, "\(Self.path)/objections", json: objectionBody)
            #expect(objection.status == .created)
            #expect(try await f.organizer.send(.POST, "\(Self.path)/publish").status == .conflict)
            f.clock.advance(days: 8)
            // Still refused: an objection is open.
            let blocked = try await f.organizer.send(.POST, "\(Self.path)/publish")
            #expect(blocked.status == .conflict)
            #expect(blocked.body.string.contains("1"))
            let objections = try await f.organizer.send(.GET, "\(Self.path)/objections").decode([ObjectionDTO].self)
            let upheld = try await f.organizer.send(.POST, "\(Self.path)/objections/\(objections[0].id)/resolution",
                                                    json: #"{"outcome":"upheld","reason":"Checked with the safety office: the record is from 2019."}"#)
            #expect(upheld.status == .ok)
            // The freed seat goes to the next nominee on the tally.
            let refilled = try await f.organizer.send(.POST, "\(Self.path)/categories/OE/decisions").decode([AwardDecisionDTO].self)
            #expect(refilled.filter { $0.status == "approved" }.count == 2)
            #expect(refilled.contains { $0.status == "revoked" && $0.id == approved[0].id })
            let published = try await f.organizer.send(.POST, "\(Self.path)/publish").decode(RecognitionStatusDTO.self)
            #expect(published.stage == "published")
            // After publication nothing about the awards changes.
            #expect(try await f.organizer.send(.POST, "\(Self.path)/categories/OE/decisions").status == .conflict)
            #expect(try await f.organizer.send(.POST, "\(Self.path)/publish").status == .conflict)
            // Publication puts the honorees on the conference's attendee list for check-in.
            let attendees = try await f.organizer.send(.GET, "/api/v1/programs/recognition-2020/ceremony/attendees").decode(AttendeeListDTO.self)
            #expect(attendees.attendees.filter { $0.group == .honoree }.map(\.name).sorted() == ["Worker b1", "Worker c1"])
            let roll = try await API(app: app).send(.GET, "\(Self.path)/honor-roll").decode([HonorRollEntryDTO].self)
            #expect(roll.count == 2)
            #expect(!roll.contains { $0.serial == approved[0].serial })
            let valid = try await API(app: app).send(.GET, "/api/v1/verify/\(roll[0].serial.lowercased())").decode(CertificateCheckDTO.self)
            #expect(valid.valid)
            #expect(valid.issuedOn == "2021-01-18")
            let revoked = try await API(app: app).send(.GET, "/api/v1/verify/\(approved[0].serial)").decode(CertificateCheckDTO.self)
            #expect(!revoked.valid)
            #expect(revoked.status == "revoked")
            let typo = try await API(app: app).send(.GET, "/api/v1/verify/\(String(roll[0].serial.dropLast()))Q").decode(CertificateCheckDTO.self)
            #expect(typo.status == "malformed" || typo.status == "unknown")
            #expect(!typo.valid)
        }
    }
}
