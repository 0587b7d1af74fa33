import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Relay back office pages: course, teams and line-ups, start, review queue, CSV import")
struct RelayOfficeWebTests {
    struct Fixture {
        let organizer: Browser
        let official: Browser
        let program: ProgramModel
        let alpha: UnitDTO
        let beta: UnitDTO
        let men: [PersonDTO]
        let women: [PersonDTO]
    }

    static let raceDay = CalendarDate(year: 2021, month: 9, day: 25)!
    static let zone = TimeZone(identifier: "Asia/Shanghai")!
    static let course = [("8.8", "Exchange 1 — Science Park"), ("9.2", "Exchange 2 — Riverside"), ("8", "Exchange 3 — Old Town"),
                         ("9", "Exchange 4 — Stadium Gate"), ("9", "Finish — City Square")]

    func fixture(_ app: Application) async throws -> Fixture {
        let group = try await app.makeUnit("Group", kind: .group)
        let alpha = try await app.makeUnit("Alpha Co", parent: group.id)
        let beta = try await app.makeUnit("Beta Co", parent: group.id)
        var men: [PersonDTO] = [], women: [PersonDTO] = []
        for n in 0..<5 { men.append(try await app.makeEmployee("Alpha man \(n)", number: "AM\(n)", unit: alpha.id, gender: .male)) }
        for n in 0..<2 { women.append(try await app.makeEmployee("Alpha woman \(n)", number: "AW\(n)", unit: alpha.id, gender: .female)) }
        let created = try await ProgramService(db: app.db, clock: app.clock).create(ProgramInput(
            kind: .relay, slug: "relay", edition: 3, name: "3rd Relay", theme: "", startDate: Self.raceDay, endDate: nil, venue: "City",
            timeZone: "Asia/Shanghai"), by: .system("test"))
        _ = try await ProgramService(db: app.db, clock: app.clock).changeStatus(created.id, to: .open, expectedVersion: created.version, by: .system("test"))
        try await app.makeUser("organizer@test.podium", grants: [RoleGrant(role: .organizer)])
        try await app.makeUser("official@test.podium", grants: [RoleGrant(role: .official, programID: created.id)])
        let organizer = Browser(app), official = Browser(app)
        try await organizer.signIn("organizer@test.podium", "password-123")
        try await official.signIn("official@test.podium", "password-123")
        let program = try #require(try await ProgramModel.find(created.id, on: app.db))
        return Fixture(organizer: organizer, official: official, program: program, alpha: alpha, beta: beta, men: men, women: women)
    }

    /// The course form as the browser sends it: the five legs, then an empty spare row.
    func courseForm(_ app: Application, programID: Int, distances: [String]? = nil) async throws -> [(String, String)] {
        let version = try await RelayService(db: app.db, clock: app.clock).settings(programID: programID).version
        var form: [(String, String)] = []
        for (index, leg) in Self.course.enumerated() {
            form += [("legs[\(index)][distance]", distances?[index] ?? leg.0), ("legs[\(index)][exchangePoint]", leg.1)]
        }
        form += [("legs[5][distance]", ""), ("legs[5][exchangePoint]", ""), ("teamSize", "5"), ("minimumWomen", "1"), ("ownOrganizationOnly", "on"),
                 ("maximumGuests", "1"), ("deadTimeSeconds", "30"), ("minimumPace", "2:30"), ("version", "\(version)")]
        return form
    }

    func setUpRace(_ app: Application, _ f: Fixture) async throws -> RelayTeamModel {
        #expect(try await f.organizer.post("/admin/relay/relay/settings", try await courseForm(app, programID: f.program.id!)).status == .seeOther)
        #expect(try await f.organizer.post("/admin/relay/relay/teams", [("unitId", "\(f.alpha.id)"), ("bib", "007"), ("name", "")]).status == .seeOther)
        return try #require(try await RelayTeamModel.query(on: app.db).first())
    }

    func lineUp(_ team: RelayTeamModel, _ people: [PersonDTO], reason: String? = nil) -> [(String, String)] {
        var form = people.enumerated().map { ("runners[\($0.offset + 1)][person]", "\($0.element.id)") }
        form.append(("version", "\(team.version)"))
        if let reason { form.append(("reason", reason)) }
        return form
    }

    func clock(_ h: Int, _ m: Int, _ s: Int, millis: Int = 0) -> Int64 {
        RelayClock.instant(Self.raceDay, hours: h, minutes: m, seconds: s, millis: millis, timeZone: Self.zone)!
    }

    /// A message as the page shows it: localized in English and escaped as Leaf escapes text.
    func shown(_ app: Application, _ key: String, _ args: [String: String] = [:]) -> String {
        app.localizer.string(key, .en, args).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }

    /// Found by the browser journeys: with the start recorded for later, every tap was held as "read before the
    /// start" and the timekeeper page did not say so.
    @Test func theTimekeeperIsToldWhenTapsWouldNotCountYet() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            _ = try await setUpRace(app, f)
            let unstarted = try await f.official.get("/admin/relay/relay/timing?point=1")
            #expect(unstarted.body.string.contains(shown(app, "relay.timing.noStart")))
            #expect(try await f.official.post("/admin/relay/relay/start", [("at", "08:30:00")]).status == .seeOther)
            let at = { (ms: Int64) in Date(timeIntervalSince1970: Double(ms) / 1000) }
            let early = at(clock(7, 0, 0)), running = at(clock(9, 0, 0))
            app.clock = PodiumClock { early }
            let page = try await f.official.get("/admin/relay/relay/timing?point=1")
            let when = DateDisplay.dateTime(at(clock(8, 30, 0)), timeZone: Self.zone, .en)
            #expect(page.body.string.contains(shown(app, "relay.timing.startLater", ["when": when])))
            #expect(page.body.string.contains("class=\"notice warning\""))
            app.clock = PodiumClock { running }
            #expect(!(try await f.official.get("/admin/relay/relay/timing?point=1")).body.string.contains("id=\"start-notice\""))
        }
    }

    @Test func anOrganizerSetsTheCourseAndAddsATeam() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            #expect(try await f.organizer.get("/admin/relay/relay").status == .ok)
            #expect(try await f.official.post("/admin/relay/relay/settings", try await courseForm(app, programID: f.program.id!)).status == .forbidden)

            let bad = try await f.organizer.post("/admin/relay/relay/settings",
                                                 try await courseForm(app, programID: f.program.id!, distances: ["8.8", "nine", "8", "9", "9"]))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains(shown(app, "error.relay.legDistance", ["leg": "2", "value": "nine"])))
            #expect(bad.body.string.contains("id=\"f-legs-1-distance-error\""))
            #expect(bad.body.string.contains("value=\"nine\"") && bad.body.string.contains("value=\"Exchange 3 — Old Town\""))
            #expect(try await RelayLegModel.query(on: app.db).count() == 0)

            let saved = try await f.organizer.post("/admin/relay/relay/settings", try await courseForm(app, programID: f.program.id!))
            #expect(saved.status == .seeOther)
            let legs = try await RelayLegModel.query(on: app.db).sort(\.$order).all()
            #expect(legs.map(\.distanceMeters) == [8_800, 9_200, 8_000, 9_000, 9_000])
            #expect(legs.last?.exchangePoint == "Finish — City Square")
            let page = try await f.organizer.get("/admin/relay/relay")
            #expect(page.body.string.contains(shown(app, "relay.office.settingsSaved")))
            #expect(page.body.string.contains("name=\"legs[4][distance]\" value=\"9\"") && page.body.string.contains("name=\"legs[6][distance]\""))
            #expect(page.body.string.contains("/admin/relay/relay/timing") && page.body.string.contains("/p/relay/live")
                    && page.body.string.contains("/p/relay/results") && page.body.string.contains("/admin/relay/relay/review"))

            let noBib = try await f.organizer.post("/admin/relay/relay/teams", [("unitId", "\(f.alpha.id)"), ("bib", " ")])
            #expect(noBib.status == .unprocessableEntity && noBib.body.string.contains("id=\"f-bib-error\""))
            let added = try await f.organizer.post("/admin/relay/relay/teams", [("unitId", "\(f.alpha.id)"), ("bib", "007"), ("name", "")])
            #expect(added.status == .seeOther)
            let team = try #require(try await RelayTeamModel.query(on: app.db).first())
            #expect(team.bib == "7" && team.name == "Alpha Co" && team.teamClass == "enterprise")
            let office = try await f.official.get("/admin/relay/relay")
            #expect(office.status == .ok && office.body.string.contains("/admin/relay/relay/teams/\(team.id!)"))
            #expect(!office.body.string.contains("action=\"/admin/relay/relay/settings\""))
        }
    }

    @Test func aLineUpIsCheckedAndRaceDayChangesNeedAReason() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            var team = try await setUpRace(app, f)
            let page = try await f.organizer.get("/admin/relay/relay/teams/\(team.id!)")
            #expect(page.status == .ok && page.body.string.contains("Alpha woman 0"))

            let allMen = try await f.organizer.post("/admin/relay/relay/teams/\(team.id!)/line-up", lineUp(team, f.men))
            #expect(allMen.status == .unprocessableEntity)
            #expect(allMen.body.string.contains(shown(app, "rule.relay.minimumWomen", ["team": "Alpha Co", "count": "0", "min": "1"])))
            #expect(allMen.body.string.contains("<option value=\"\(f.men[4].id)\" selected>"))
            #expect(try await RelayRunnerModel.query(on: app.db).count() == 0)

            let runners = Array(f.men.prefix(4)) + [f.women[0]]
            #expect(try await f.organizer.post("/admin/relay/relay/teams/\(team.id!)/line-up", lineUp(team, runners)).status == .seeOther)
            #expect(try await RelayRunnerModel.query(on: app.db).sort(\.$legOrder).all().map(\.$person.id) == runners.map(\.id))

            let start = try await f.official.post("/admin/relay/relay/start", [("at", "08:30:00")])
            #expect(start.status == .seeOther)
            #expect(try await RelayRaceModel.query(on: app.db).first()?.startAt == clock(8, 30, 0))

            team = try #require(try await RelayTeamModel.find(team.id, on: app.db))
            let changed = [f.men[0], f.men[1], f.men[2], f.women[1], f.women[0]]
            let noReason = try await f.organizer.post("/admin/relay/relay/teams/\(team.id!)/line-up", lineUp(team, changed))
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.string.contains(shown(app, "error.relay.raceDayReason")))
            #expect(noReason.body.string.contains(shown(app, "relay.lineup.raceDayReason")))
            #expect(try await RelayRunnerModel.query(on: app.db).filter(\.$legOrder == 4).first()?.$person.id == f.men[3].id)

            let withReason = try await f.organizer.post("/admin/relay/relay/teams/\(team.id!)/line-up", lineUp(team, changed, reason: "Sprained ankle at warm-up"))
            #expect(withReason.status == .seeOther)
            #expect(try await RelayRunnerModel.query(on: app.db).filter(\.$legOrder == 4).first()?.$person.id == f.women[1].id)
            let office = try await f.official.get("/admin/relay/relay")
            #expect(office.body.string.contains("Sprained ankle at warm-up") && office.body.string.contains("organizer@test.podium"))
            #expect(try await f.official.get("/admin/relay/relay/teams/\(team.id!)").body.string.contains("Sprained ankle at warm-up"))

            // Once started, a team is given a status rather than removed.
            let removal = try await f.organizer.post("/admin/relay/relay/teams/\(team.id!)/delete", [])
            #expect(removal.status == .conflict && removal.body.string.contains(shown(app, "error.relay.teamStarted", ["team": "Alpha Co"])))
            #expect(try await RelayTeamModel.query(on: app.db).count() == 1)
        }
    }

    @Test func aTeamLeaderSeesOnlyTheirOwnTeam() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let team = try await setUpRace(app, f)
            try await app.makeUser("beta-leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.beta.id)])
            try await app.makeUser("alpha-leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.alpha.id)])
            let other = Browser(app), own = Browser(app)
            try await other.signIn("beta-leader@test.podium", "password-123")
            try await own.signIn("alpha-leader@test.podium", "password-123")
            #expect(try await other.get("/admin/relay/relay/teams/\(team.id!)").status == .forbidden)
            #expect(try await other.post("/admin/relay/relay/teams/\(team.id!)/line-up", lineUp(team, f.men)).status == .forbidden)
            #expect(try await own.get("/admin/relay/relay").status == .forbidden)
            let page = try await own.get("/admin/relay/relay/teams/\(team.id!)")
            #expect(page.status == .ok && page.body.string.contains("runners[5][person]"))
            #expect(!page.body.string.contains("overrideRules[]"))
            #expect(try await own.get("/admin").body.string.contains("/admin/relay/relay/teams/\(team.id!)"))
        }
    }

    @Test func anOfficialCorrectsASuspectReadFromTheReviewQueue() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            _ = try await setUpRace(app, f)
            let result = try await RelayTimingService(db: app.db, clock: app.clock).ingest(
                program: f.program, [ReadDraft(bib: "99", point: 1, at: clock(9, 10, 0, millis: 500), device: "phone-1", clientReadID: "1")],
                source: .manual, by: .system("test"))
            #expect(result.stored == 1)
            let read = try #require(try await TimingReadModel.query(on: app.db).first())
            let queue = try await f.official.get("/admin/relay/relay/review")
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains("id=\"read-\(read.id!)\""))
            #expect(queue.body.string.contains("09:10:00.5"))

            let noBib = try await f.official.post("/admin/relay/relay/reads/\(read.id!)/correct", [("kind", "assign"), ("bib", ""), ("reason", "Typed 99 for 7")])
            #expect(noBib.status == .unprocessableEntity)
            #expect(noBib.body.string.contains(shown(app, "error.relay.assignBib")) && noBib.body.string.contains("value=\"Typed 99 for 7\""))
            #expect(try await TimingCorrectionModel.query(on: app.db).count() == 0)

            let fixed = try await f.official.post("/admin/relay/relay/reads/\(read.id!)/correct", [("kind", "assign"), ("bib", "7"), ("reason", "Typed 99 for 7")])
            #expect(fixed.status == .seeOther)
            let after = try await f.official.get("/admin/relay/relay/review")
            #expect(!after.body.string.contains("id=\"read-\(read.id!)\""))
            #expect(after.body.string.contains(shown(app, "relay.review.form.did.assign", ["bib": "7"])) && after.body.string.contains("Typed 99 for 7"))
            #expect(try await Browser(app).get("/admin/relay/relay/review").status != .ok)
        }
    }

    @Test func aCSVOfReadsIsImportedOnce() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            _ = try await setUpRace(app, f)
            let upload = { (csv: String) async throws -> TestingHTTPResponse in
                let boundary = "----podium-relay"
                var body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(f.official.cookies[CSRFMiddleware.cookieName]!)\r\n"
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"reads.csv\"\r\nContent-Type: text/csv\r\n\r\n\(csv)\r\n--\(boundary)--\r\n"
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                return try await f.official.send(.POST, "/admin/relay/relay/reads/import", headers: headers, body: ByteBuffer(string: body))
            }
            let broken = try await upload("bib,point,time\n7,1,09:10:00\n7,2,nine\n")
            #expect(broken.status == .unprocessableEntity)
            #expect(broken.body.string.contains(shown(app, "error.relay.csvTime", ["line": "3", "value": "nine"])))
            #expect(try await TimingReadModel.query(on: app.db).count() == 0)

            let csv = "bib,point,time\n7,1,09:10:00\n7,2,09:50:00.5\n"
            #expect(try await upload(csv).status == .seeOther)
            #expect(try await f.official.get("/admin/relay/relay/review").body.string.contains(shown(app, "relay.review.form.imported", ["stored": "2", "already": "0"])))
            #expect(try await upload(csv).status == .seeOther)
            let again = try await f.official.get("/admin/relay/relay/review")
            #expect(again.body.string.contains(shown(app, "relay.review.form.imported", ["stored": "0", "already": "2"])))
            #expect(again.body.string.contains("09:50:00.5"))
            #expect(try await TimingReadModel.query(on: app.db).count() == 2)
        }
    }
}
