import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Health, errors, OpenAPI, languages")
struct PlatformTests {
    @Test func healthIsOkWhileTheDatabaseAnswers() async throws {
        try await withPodium { app in
            let response = try await API(app: app).send(.GET, "/healthz")
            #expect(response.status == .ok)
            #expect(response.body.string == #"{"status":"ok"}"#)
            app.databases.use(.sqlite(.file("/nonexistent-podium-dir/db.sqlite")), as: .init(string: "broken"))
            app.databases.default(to: .init(string: "broken"))
            let down = try await API(app: app).send(.GET, "/healthz")
            #expect(down.status == .serviceUnavailable)
        }
    }

    @Test func unknownPagesGetAnHTMLPageAndUnknownAPIPathsProblemJSON() async throws {
        try await withPodium { app in
            let page = try await Browser(app).get("/no/such/page")
            #expect(page.status == .notFound)
            #expect(page.headers.contentType == .html)
            #expect(page.body.string.contains("There is nothing at this address"))
            let api = try await API(app: app).send(.GET, "/api/v1/nothing")
            #expect(api.status == .notFound)
            #expect(api.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(api.json["status"] as? Int == 404)
            let malformed = try await API(app: app, token: try await app.makeToken(.organizer)).send(.POST, "/api/v1/units", json: "{not json")
            #expect(malformed.status == .badRequest)
            #expect(!malformed.body.string.contains("Swift"))
        }
    }

    /// A row created twice by racing requests fails a unique index: the second is told to reload, not given a 500.
    @Test func aRaceOnAUniqueIndexIsAConflictNotAServerError() {
        struct Race: DatabaseError, Error {
            var isSyntaxError: Bool { false }
            var isConnectionClosed: Bool { false }
            var isConstraintFailure: Bool { true }
        }
        struct Broken: DatabaseError, Error {
            var isSyntaxError: Bool { true }
            var isConnectionClosed: Bool { false }
            var isConstraintFailure: Bool { false }
        }
        let race = MappedError.from(Race())
        #expect(race.status == .conflict && race.detail?.key == "error.concurrentChange")
        #expect(MappedError.from(Broken()).status == .internalServerError)
    }

    @Test func everyAPIRouteIsInTheOpenAPIDocument() async throws {
        try await withPodium { app in
            let response = try await API(app: app).send(.GET, "/api/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let routes = app.routes.all.filter { $0.path.first?.description == "api" && $0.path.dropFirst().first?.description == "v1" }
            #expect(routes.count > 10)
            for route in routes {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                let operation = paths[path]?[route.method.rawValue.lowercased()]
                #expect(operation != nil, "\(route.method.rawValue) \(path) is missing from /api/openapi.json")
            }
        }
    }

    @Test func pagesFollowAcceptLanguageThenTheUsersSetting() async throws {
        try await withPodium { app in
            let browser = Browser(app)
            let chinese = try await browser.get("/login", headers: ["Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"])
            #expect(chinese.body.string.contains("<html lang=\"zh-Hans\">"))
            #expect(chinese.body.string.contains("登录 Podium"))
            let english = try await browser.get("/login", headers: ["Accept-Language": "en-GB"])
            #expect(english.body.string.contains("Sign in to Podium"))
            try await browser.signIn(TestUsers.adminEmail, TestUsers.adminPassword)
            _ = try await browser.post("/language", [("language", "zh-Hans"), ("next", "/admin")])
            browser.cookies["lang"] = nil
            let setting = try await browser.get("/admin", headers: ["Accept-Language": "en"])
            #expect(setting.body.string.contains("概览"))
            let problem = try await API(app: app).send(.GET, "/api/v1/nothing")
            #expect(problem.json["title"] as? String == "Not found")
        }
    }

    @Test func bothLanguagesHaveEveryStringTheCodeUses() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let localizer = try Localizer(directory: root.appendingPathComponent("Resources/Localization"))
        #expect(localizer.keys(.en) == localizer.keys(.zhHans))
        var used = Set<String>()
        let templateKey = try NSRegularExpression(pattern: #"#t\("([A-Za-z0-9_.-]+)""#)
        let pattern = try NSRegularExpression(pattern: #""((?:error|problem|nav|home|program|login|account|dashboard|units|people|import|programs|users|tokens|audit|action|filter|common|footer|rule|result|award|event|news)\.[A-Za-z0-9_.]+)""#)
        for folder in ["Sources", "Resources/Views"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)!
            for case let file as URL in enumerator where ["swift", "leaf"].contains(file.pathExtension) {
                let text = try String(contentsOf: file, encoding: .utf8)
                // Any key a template translates with #t, whatever its prefix.
                for regex in file.pathExtension == "leaf" ? [pattern, templateKey] : [pattern] {
                    for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                        used.insert(String(text[Range(match.range(at: 1), in: text)!]))
                    }
                }
            }
        }
        #expect(used.count > 200)
        let missing = used.filter { !localizer.has($0, .en) || !localizer.has($0, .zhHans) }.sorted()
        #expect(missing.isEmpty, "missing strings: \(missing)")
        for kind in UnitKind.allCases { #expect(localizer.has(kind.localizationKey, .zhHans)) }
        for kind in PersonKind.allCases { #expect(localizer.has(kind.localizationKey, .zhHans)) }
        for status in EmployeeStatus.allCases { #expect(localizer.has(status.localizationKey, .zhHans)) }
        for status in ProgramStatus.allCases { #expect(localizer.has(status.localizationKey, .zhHans)) }
        for role in Role.allCases { #expect(localizer.has(role.localizationKey, .zhHans)) }
        for status in ArticleStatus.allCases { #expect(localizer.has(status.localizationKey, .zhHans)) }
    }

    @Test func theDemoFillsAFreshDatabase() async throws {
        try await withPodium { app in
            try await DemoSeeder(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app), words: Words(localizer: app.localizer, language: .en)).seed()
            let programs = try await ProgramModel.query(on: app.db).all()
            #expect(Set(programs.map(\.kind)) == ["games", "relay", "recognition"])
            #expect(try await PersonModel.query(on: app.db).filter(\.$kind == "employee").count() == 7 * DemoSeeder.employeesPerCompany)
            #expect(try await PersonModel.query(on: app.db).filter(\.$kind == "family").count() > 0)

            // The 5th Games: 20 events in three categories, a team per company of about 60 athletes, every result in.
            let events = try await API(app: app).send(.GET, "/api/v1/programs/workers-games-2023/events").decode([EventDTO].self)
            #expect(events.count == 20)
            #expect(Set(events.map(\.category)) == Set(EventCategory.allCases))
            let entries = try await GamesEntryModel.query(on: app.db).all()
            let members = try await GamesEntryMemberModel.query(on: app.db).with(\.$person).all()
            let teamOfEntry = Dictionary(uniqueKeysWithValues: entries.map { ($0.id!, $0.$team.id) })
            let athletes = Dictionary(grouping: members.filter { $0.person.kind == "employee" }, by: { teamOfEntry[$0.$entry.id] ?? 0 })
                .mapValues { Set($0.map { $0.$person.id }).count }
            #expect(athletes.count == 7 && athletes.values.allSatisfy { (55...64).contains($0) }, "\(athletes)")
            // Basketball and table tennis are placed by their matches, every other event by typed results.
            let drawn = Set(try await GamesDrawModel.query(on: app.db).all().map { $0.$event.id })
            #expect(drawn.count == 2)
            // The sprints run heats then a final of eight: only the finalists have results, the rest are placed by heat time.
            let finals = try await GamesFinalModel.query(on: app.db).all()
            #expect(finals.count == 2)
            let finalists = try await GamesFinalLaneModel.query(on: app.db).count()
            #expect(finalists == 16)
            let sprinters = entries.filter { entry in finals.contains { $0.$event.id == entry.$event.id } }.count
            #expect(try await GamesHeatTimeModel.query(on: app.db).count() == sprinters)
            #expect(try await GamesResultModel.query(on: app.db).count()
                == entries.filter { entry in !drawn.contains(entry.$event.id) }.count - sprinters + finalists)
            let sprint = events.first { $0.templateId == "100m-men" }!
            let sprintRanking = try await API(app: app).send(.GET, "/api/v1/programs/workers-games-2023/events/\(sprint.id)/results").decode([RankedResultDTO].self)
            #expect(sprintRanking.map(\.place) == Array(1...sprintRanking.count))
            #expect(sprintRanking.map(\.round) == Array(repeating: .final, count: 8) + Array(repeating: .heat, count: sprintRanking.count - 8))
            let basketball = events.first { $0.templateId == "basketball" }!
            let knockout = try await API(app: app).send(.GET, "/api/v1/programs/workers-games-2023/events/\(basketball.id)/draw").decode(DrawDTO.self)
            #expect(knockout.structure == .singleElimination && knockout.complete)
            #expect(knockout.matches.suffix(2).map(\.roundLabel) == ["Third-place game", "Final"])
            #expect(knockout.places.map(\.place) == [1, 2, 3, 4, 5, 5, 5, 5].prefix(knockout.entrants.count).map { $0 })
            let tableTennis = events.first { $0.templateId == "table-tennis-singles" }!
            let roundRobin = try await API(app: app).send(.GET, "/api/v1/programs/workers-games-2023/events/\(tableTennis.id)/draw").decode(DrawDTO.self)
            #expect(roundRobin.structure == .roundRobin && roundRobin.complete)
            #expect(roundRobin.matches.count == roundRobin.entrants.count * (roundRobin.entrants.count - 1) / 2)
            #expect(roundRobin.tables[0].rows.prefix(3).map(\.rank) == [1, 2, 3])
            #expect(roundRobin.tables[0].rows[3...5].allSatisfy { $0.matchPoints == roundRobin.tables[0].rows[3].matchPoints })
            let awards = try await API(app: app).send(.GET, "/api/v1/programs/workers-games-2023/awards").decode(AwardsDTO.self)
            #expect((awards.individual, awards.collective, awards.parentChild) == (36, 18, 6))
            #expect(awards.prizes.map(\.prize) == [1, 2, 3])
            let standings = try await API(app: app).send(.GET, "/api/v1/programs/workers-games-2023/standings").decode([StandingDTO].self)
            #expect(standings.count == 7 && standings.allSatisfy { $0.points != "0" })
            let page = try await Browser(app).get("/p/workers-games-2023/awards")
            #expect(page.body.string.contains("36 individual awards, 18 collective awards, 6 parent-child awards"))
            #expect(try await API(app: app).send(.GET, "/api/v1/programs/workers-games-2026/events").decode([EventDTO].self).count == 20)
            // The day is planned completely: every heat, session and match has a venue and a time.
            let schedule = try await API(app: app, token: try await app.makeToken(.organizer)).send(.GET, "/api/v1/programs/workers-games-2023/schedule").decode(ScheduleDTO.self)
            #expect(schedule.unplaced.isEmpty && schedule.problems.isEmpty, "\(schedule.problems)")
            #expect(schedule.items.count > 50)
            // The organizing team on its posts, and the opening ceremony's run of show.
            #expect(try await DutyPostModel.query(on: app.db).count() == 11)
            #expect(try await DutyAssignmentModel.query(on: app.db).count() > 90)
            #expect(try await Browser(app).get("/p/workers-games-2023/opening-ceremony").body.string.contains("08:30"))

            // The relay: 44 km in five legs, seven teams of five with at least one woman, every team home, nothing left to review.
            let relay = try await API(app: app).send(.GET, "/api/v1/programs/quality-month-relay-2021/relay/results").decode(RelayResultsDTO.self)
            #expect(relay.totalMeters == 44_000 && relay.legs.count == 5)
            #expect(relay.teams.count == 7 && relay.teams.allSatisfy { $0.status == "finished" && $0.legs.allSatisfy { $0.runner != nil } })
            #expect(relay.teams.compactMap(\.place) == [1, 2, 3, 4, 5, 6, 7])
            #expect(relay.teams.contains { $0.legs[4].restarted })
            let relayProgram = try await ProgramModel.query(on: app.db).filter(\.$slug == "quality-month-relay-2021").first()!
            #expect(try await RelayTimingService(db: app.db, clock: app.clock).snapshot(program: relayProgram).board.reviews.isEmpty)
            #expect(try await RelayService(db: app.db, clock: app.clock).lineUpProblems(programID: relayProgram.id!).isEmpty)

            // The 2020 recognition conference: 28 honorees in the three categories plus the three special awards, published.
            let recognitionProgram = try await ProgramModel.query(on: app.db).filter(\.$slug == "recognition-2020").first()!
            let honors = try await AwardDecisionService(db: app.db, clock: app.clock).decisions(programID: recognitionProgram.id!)
                .filter { $0.status == "approved" }
            let perCategory = Dictionary(grouping: honors, by: \.category).mapValues(\.count)
            #expect(perCategory == ["OE": 16, "TI": 6, "ME": 6, "SEA": 1, "SIA": 1, "SCA": 1], "\(perCategory)")
            #expect(honors.filter { ["OE", "TI", "ME"].contains($0.category) }.count == 28)
            #expect(Set(honors.map(\.nominationId)).count == 31)
            // Ties went to a run-off and to the chair; conflicts barred some reviewers; one objection was dismissed.
            #expect(try await ReviewRoundModel.query(on: app.db).count() >= 1)
            #expect(try await ChairDecisionModel.query(on: app.db).count() >= 1)
            let objections = try await ObjectionModel.query(on: app.db).all()
            #expect(objections.count == 1 && objections.first?.status == "dismissed")
            let honorRoll = try await Browser(app).get("/p/recognition-2020/honor-roll")
            #expect(honorRoll.status == .ok && honorRoll.body.string.contains("Honorees: 31 · Awards: 6"))
            for honor in honors { #expect(honorRoll.body.string.contains(">\(honor.nominee)</a>"), "\(honor.nominee)") }
            let check = try await Browser(app).get("/verify/\(honors[0].serial)", headers: ["Accept": "application/json"]).decode(CertificateCheckDTO.self)
            #expect(check.valid && check.issuedOn == "2021-01-28" && check.nominee == honors[0].nominee)
            #expect(try await Browser(app).get("/p/recognition-2020/certificates/\(honors[0].serial)").status == .ok)
            try await Browser(app).signIn("reviewer@demo.podium", "demo-reviewer")

            // The three reference articles, published and linked to the occasions they report on.
            let news = try await API(app: app).send(.GET, "/api/v1/news").decode(NewsPageDTO.self)
            #expect(news.total == 3)
            #expect(news.items.map(\.programSlug) == ["workers-games-2023", "quality-month-relay-2021", "recognition-2020"])
            #expect(news.items.map(\.source) == ["Jinggong Science and Technology", "SmartGen", "Jinggong Science and Technology"])
            #expect(news.items[0].title == "Faster, farther, closer! The 5th Seiko Workers' Games has come to a successful conclusion")
            #expect(news.items.allSatisfy { $0.visible && $0.body.count > 2000 && !$0.body.contains("XML 地图") && !$0.body.contains("电子邮件地址") })
            #expect(try await Browser(app).get("/news/\(news.items[2].slug)").body.string.contains("Jin Yueshun"))
            let sitemap = try await Browser(app).get("/sitemap.xml").body.string
            #expect(sitemap.contains("/p/workers-games-2023/brackets/"))
            // The certificates issued are public pages too: every published honor and every team that finished the relay.
            let locs = sitemap.components(separatedBy: "<loc>").dropFirst().compactMap { $0.components(separatedBy: "</loc>").first }
                .map { $0.replacingOccurrences(of: "http://localhost", with: "") }
            let certificates = locs.filter { $0.contains("/certificates/") }
            #expect(certificates.filter { $0.hasPrefix("/p/recognition-2020/certificates/") }.count == honors.count)
            #expect(certificates.filter { $0.hasPrefix("/p/quality-month-relay-2021/certificates/") }.count == 7)
            for path in certificates {
                #expect(try await Browser(app).get(path).status == .ok, "\(path)")
            }
            // Who organized and sponsored each occasion, as the articles say.
            let relayHome = try await Browser(app).get("/p/quality-month-relay-2021").body.string
            #expect(relayHome.contains("Green Valley Running Association") && relayHome.contains("Sponsored by") && relayHome.contains("SmartGen"))
            #expect(try await Browser(app).get("/p/workers-games-2023").body.string.contains("Jinghua Holdings Group Trade Union Federation"))

            try await Browser(app).signIn("leader@demo.podium", "demo-leader")
            await #expect(throws: DemoError.self) {
                try await DemoSeeder(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app), words: Words(localizer: app.localizer, language: .en)).seed()
            }
        }
    }

    @Test func configurationReadsFlagsAndEnvironmentAndListsEveryProblem() throws {
        let (config, rest) = try PodiumConfig.load(arguments: ["podium", "serve", "--database", "/tmp/x.sqlite", "--port", "9000"], environment: [:])
        #expect(config.database == .sqliteFile("/tmp/x.sqlite"))
        #expect(rest == ["podium", "serve", "--port", "9000"])
        let (pg, _) = try PodiumConfig.load(arguments: ["podium", "serve"], environment: ["DATABASE_URL": "postgres://u:p@localhost/podium"])
        #expect(pg.database.isPostgres)
        #expect(!pg.trustProxy)
        #expect(try PodiumConfig.load(arguments: [], environment: ["PODIUM_TRUST_PROXY": "true"]).0.trustProxy)
        #expect(throws: ConfigError.self) { try PodiumConfig.load(arguments: [], environment: ["PODIUM_TRUST_PROXY": "maybe"]) }
        let (demo, demoRest) = try PodiumConfig.load(arguments: ["podium", "serve", "--demo"], environment: [:])
        #expect(demo.demo && demo.database == .sqliteFile(PodiumConfig.demoDatabasePath) && demoRest == ["podium", "serve"])
        #expect(throws: ConfigError.self) {
            try PodiumConfig.load(arguments: ["podium", "serve", "--database"], environment: ["PODIUM_ADMIN_EMAIL": "nope", "PODIUM_ADMIN_PASSWORD": "short"])
        }
        do {
            _ = try PodiumConfig.load(arguments: ["podium", "--database"], environment: ["PODIUM_ADMIN_EMAIL": "nope", "PODIUM_ADMIN_PASSWORD": "short"])
        } catch let error as ConfigError {
            #expect(error.problems.count == 3)
        }
    }
}
