import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Results announcements drafted from the data")
struct AnnouncementTests {
    static func seedDemo(_ app: Application) async throws {
        try await DemoSeeder(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app), words: Words(localizer: app.localizer, language: .en)).seed()
    }

    /// A program with no results, taken to `status`.
    static func bareProgram(_ app: Application, kind: ProgramKind, slug: String, status: ProgramStatus) async throws -> ProgramDTO {
        let programs = ProgramService(db: app.db, clock: app.clock)
        var program = try await programs.create(ProgramInput(kind: kind, slug: slug, edition: 2, name: "Spring \(kind.rawValue) [test]", theme: "",
                                                             startDate: CalendarDate(year: 2024, month: 4, day: 20), endDate: nil, venue: "",
                                                             timeZone: "Asia/Shanghai"), by: .system("test"))
        for next in ProgramStatus.allCases where next > program.status && next <= status {
            program = try await programs.changeStatus(program.id, to: next, expectedVersion: program.version, by: .system("test"))
        }
        return program
    }

    @Test func organizersDraftEachDemoProgramInBothLanguages() async throws {
        try await withPodium { app in
            try await Self.seedDemo(app)
            let api = API(app: app, token: try await app.makeToken(.organizer))
            let before = try await NewsArticleModel.query(on: app.db).count()

            let games = try await api.send(.POST, "/api/v1/programs/workers-games-2023/announcement", json: #"{"language":"en"}"#)
            #expect(games.status == .created, "\(games.body.string)")
            let article = try games.decode(NewsArticleDTO.self)
            #expect(article.status == .draft)
            #expect(!article.visible)
            #expect(article.programSlug == "workers-games-2023")
            #expect(article.title == "The 5th Jinghua Workers' Games have come to a successful conclusion")
            #expect(article.body.hasPrefix("On 18 Nov 2023, the 5th Jinghua Workers' Games were held at Zhijiang College Sports Ground under the theme “Faster, farther, closer”."))
            #expect(article.body.contains("# Group ranking"))
            #expect(article.body.contains("won the first prize of the group award"))
            #expect(article.html.contains("<h2>Group ranking</h2>"))

            // The numbers are the public awards page's.
            let program = try await ProgramModel.query(on: app.db).filter(\.$slug == "workers-games-2023").first()!
            let awards = try await GamesResultsService(db: app.db, clock: app.clock).awards(programID: program.id!)
            #expect(article.body.contains("a total of \(awards.individual) individual awards"))
            let first = try #require(awards.prizes.first { $0.prize == 1 })
            #expect(article.body.contains("\(first.teamName) won the first prize"))

            let zh = try await api.send(.POST, "/api/v1/programs/workers-games-2023/announcement", json: #"{"language":"zh-Hans"}"#)
            #expect(zh.status == .created)
            let zhArticle = try zh.decode(NewsArticleDTO.self)
            #expect(zhArticle.title.hasSuffix("圆满落幕"))
            #expect(zhArticle.body.contains("本届运动会共产生个人奖\(awards.individual)个"))
            #expect(zhArticle.id != article.id)

            let relay = try await api.send(.POST, "/api/v1/programs/quality-month-relay-2021/announcement", json: #"{"language":"en"}"#)
            #expect(relay.status == .created)
            let relayText = try relay.decode(NewsArticleDTO.self)
            #expect(relayText.body.contains("ran the 44 km course in 5 legs"))
            #expect(relayText.body.contains("won the race in "))
            #expect(relayText.body.contains("# Fastest legs"))
            #expect(relayText.title.contains(" wins the 1st Green Valley Quality Month Relay in "))

            // Without a language, the request's: Chinese here.
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: api.token!)
            headers.replaceOrAdd(name: .acceptLanguage, value: "zh-CN,zh;q=0.9")
            let honors = try await app.testing().sendRequest(.POST, "/api/v1/programs/recognition-2020/announcement", headers: headers)
            #expect(honors.status == .created)
            let honorsText = try honors.decode(NewsArticleDTO.self)
            #expect(honorsText.title == "2020 Annual Summary and Recognition Conference 隆重召开")
            #expect(honorsText.body.contains("大会共表彰先进个人"))
            let recognition = try await ProgramModel.query(on: app.db).filter(\.$slug == "recognition-2020").first()!
            let roll = try await AwardDecisionService(db: app.db, clock: app.clock).honorRoll(program: recognition)
            for honoree in roll.honorees { #expect(honorsText.body.contains(ResultsAnnouncement.escape(honoree.nominee))) }

            #expect(try await NewsArticleModel.query(on: app.db).count() == before + 4)
            let audited = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "article").filter(\.$action == "create")
                .filter(\.$entityID == "\(article.id)").count()
            #expect(audited == 1)
        }
    }

    @Test func onlyOrganizersMayDraft() async throws {
        try await withPodium { app in
            let program = try await Self.bareProgram(app, kind: .games, slug: "spring-games", status: .running)
            let unit = try await app.makeUnit("Jinghua Technology")
            let path = "/api/v1/programs/spring-games/announcement"
            #expect(try await API(app: app).send(.POST, path, json: "{}").status == .unauthorized)
            #expect(try await API(app: app, token: try await app.makeToken(.official, programID: program.id)).send(.POST, path, json: "{}").status == .forbidden)
            #expect(try await API(app: app, token: try await app.makeToken(.teamLeader, unitID: unit.id)).send(.POST, path, json: "{}").status == .forbidden)
            #expect(try await NewsArticleModel.query(on: app.db).count() == 0)

            let browser = Browser(app)
            try await app.makeUser("leader@example.com", grants: [RoleGrant(role: .teamLeader, unitID: unit.id)])
            try await browser.signIn("leader@example.com", "password-123")
            #expect(try await browser.post("/admin/programs/\(program.id)/announcement", [("language", "en")]).status == .forbidden)
            #expect(try await NewsArticleModel.query(on: app.db).count() == 0)
        }
    }

    @Test func nothingToAnnounceIsRefusedByName() async throws {
        try await withPodium { app in
            let api = API(app: app, token: try await app.makeToken(.organizer))
            _ = try await Self.bareProgram(app, kind: .games, slug: "spring-games", status: .finished)
            _ = try await Self.bareProgram(app, kind: .relay, slug: "spring-relay", status: .finished)
            _ = try await Self.bareProgram(app, kind: .recognition, slug: "spring-honors", status: .published)
            _ = try await Self.bareProgram(app, kind: .games, slug: "running-games", status: .running)
            _ = try await Self.bareProgram(app, kind: .games, slug: "open-games", status: .open)
            let cases: [(String, String)] = [
                ("spring-games", "“Spring games [test]” has no results yet"),
                ("spring-relay", "“Spring relay [test]” has no team at the finish yet"),
                ("spring-honors", "“Spring recognition [test]” has no approved honorees yet"),
                ("open-games", "for “Spring games [test]” can be drafted once the program is finished (or its results published); it is now “Open for entries”"),
                // Still running: the text would tell of an occasion that is over.
                ("running-games", "can be drafted once the program is finished (or its results published); it is now “Under way”"),
            ]
            for (slug, message) in cases {
                let response = try await api.send(.POST, "/api/v1/programs/\(slug)/announcement", json: #"{"language":"en"}"#)
                #expect(response.status == .unprocessableEntity, "\(slug)")
                #expect(response.body.string.contains(message), "\(slug): \(response.body.string)")
            }
            let language = try await api.send(.POST, "/api/v1/programs/spring-games/announcement", json: #"{"language":"fr"}"#)
            #expect(language.status == .unprocessableEntity)
            #expect(language.body.string.contains("“fr” is not a language"))
            #expect(try await api.send(.POST, "/api/v1/programs/nope/announcement", json: "{}").status == .notFound)
            #expect(try await NewsArticleModel.query(on: app.db).count() == 0)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "article").count() == 0)
        }
    }

    @Test func theProgramPageOffersTheDraftAndOpensTheEditor() async throws {
        try await withPodium { app in
            try await Self.seedDemo(app)
            let browser = Browser(app)
            try await browser.signIn("organizer@demo.podium", "demo-organizer")
            let program = try await ProgramModel.query(on: app.db).filter(\.$slug == "quality-month-relay-2021").first()!
            let page = try await browser.get("/admin/programs/\(program.id!)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Draft results announcement"))
            #expect(page.body.string.contains("action=\"/admin/programs/\(program.id!)/announcement\""))
            #expect(page.body.string.contains("<option value=\"zh-Hans\""))

            let drafted = try await browser.post("/admin/programs/\(program.id!)/announcement", [("language", "zh-Hans")])
            #expect(drafted.status == .seeOther)
            let location = try #require(drafted.headers.first(name: .location))
            #expect(location.hasPrefix("/admin/news/"))
            let article = try #require(try await NewsArticleModel.query(on: app.db).filter(\.$program.$id == program.id!).sort(\.$id, .descending).first())
            #expect(location == "/admin/news/\(article.id!)")
            #expect(article.status == "draft")
            #expect(article.body.contains("的接力比赛"))
            let editor = try await browser.get(location)
            #expect(editor.status == .ok)
            #expect(editor.body.string.contains("has been drafted"))
            let preview = try await browser.get("\(location)/preview")
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("<h2>比赛成绩</h2>"))

            // The news list points to the programs that can be announced.
            let news = try await browser.get("/admin/news")
            #expect(news.body.string.contains("href=\"/admin/programs/\(program.id!)#announcement\""))
            let upcoming = try await ProgramModel.query(on: app.db).filter(\.$slug == "workers-games-2026").first()!
            #expect(!news.body.string.contains("href=\"/admin/programs/\(upcoming.id!)#announcement\""))

            // The program page lists the drafts linked to it.
            let again = try await browser.get("/admin/programs/\(program.id!)")
            #expect(again.body.string.contains("/admin/news/\(article.id!)"))
        }
    }

    @Test func theFormShowsWhyNothingWasDrafted() async throws {
        try await withPodium { app in
            let finished = try await Self.bareProgram(app, kind: .games, slug: "spring-games", status: .finished)
            let open = try await Self.bareProgram(app, kind: .relay, slug: "spring-relay", status: .open)
            try await app.makeUser("organizer@example.com", grants: [RoleGrant(role: .organizer)])
            let browser = Browser(app)
            try await browser.signIn("organizer@example.com", "password-123")

            let page = try await browser.get("/admin/programs/\(finished.id)")
            #expect(page.body.string.contains("announce-now"))
            #expect(page.body.string.contains("This program is finished"))
            let refused = try await browser.post("/admin/programs/\(finished.id)/announcement", [("language", "en")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("has no results yet"))
            #expect(refused.body.string.contains("Spring games [test]"))

            let notYet = try await browser.get("/admin/programs/\(open.id)")
            #expect(notYet.body.string.contains("once the program is finished"))
            #expect(!notYet.body.string.contains("action=\"/admin/programs/\(open.id)/announcement\""))
            #expect(try await NewsArticleModel.query(on: app.db).count() == 0)
        }
    }
}
