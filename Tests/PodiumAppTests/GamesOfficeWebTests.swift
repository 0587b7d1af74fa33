import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games back office pages: programme builder, team entries, results sheet")
struct GamesOfficeWebTests {
    struct Fixture {
        let organizer: Browser
        let programID: Int
        let alpha: UnitDTO
        let beta: UnitDTO
        let men: [PersonDTO]
        let betaMan: PersonDTO
    }

    func fixture(_ app: Application) async throws -> Fixture {
        let group = try await app.makeUnit("Group", kind: .group)
        let alpha = try await app.makeUnit("Alpha Co", parent: group.id)
        let beta = try await app.makeUnit("Beta Co", parent: group.id)
        var men: [PersonDTO] = []
        for n in 0..<3 { men.append(try await app.makeEmployee("Alpha man \(n)", number: "A\(n)", unit: alpha.id, gender: .male)) }
        let betaMan = try await app.makeEmployee("Beta man", number: "B1", unit: beta.id, gender: .male)
        try await app.makeUser("organizer@test.podium", grants: [RoleGrant(role: .organizer)])
        let organizer = Browser(app)
        try await organizer.signIn("organizer@test.podium", "password-123")
        let program = try await ProgramService(db: app.db, clock: app.clock).create(ProgramInput(
            kind: .games, slug: "games", edition: 5, name: "5th Games", theme: "", startDate: CalendarDate(year: 2023, month: 11, day: 18),
            endDate: nil, venue: "Stadium", timeZone: "Asia/Shanghai"), by: .system("test"))
        _ = try await ProgramService(db: app.db, clock: app.clock).changeStatus(program.id, to: .open, expectedVersion: program.version, by: .system("test"))
        return Fixture(organizer: organizer, programID: program.id, alpha: alpha, beta: beta, men: men, betaMan: betaMan)
    }

    @Test func anOrganizerBuildsTheProgrammeFromTemplatesFieldsTeamsAndSetsTheScoring() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let none = try await f.organizer.post("/admin/games/games/events", [("eventDate", "2023-11-18")])
            #expect(none.status == .unprocessableEntity)
            #expect(none.body.string.contains("Tick at least one event to add."))
            let added = try await f.organizer.post("/admin/games/games/events", [("templates[]", "100m-men"), ("templates[]", "tug-of-war"),
                                                                                 ("eventDate", "2023-11-19"), ("venue", "Track B")])
            #expect(added.status == .seeOther)
            let events = try await GamesEventModel.query(on: app.db).sort(\.$id).all()
            #expect(events.map(\.name) == ["Men's 100 m", "Tug of war"] && events.allSatisfy { $0.eventDate == "2023-11-19" && $0.venue == "Track B" })
            #expect(try await f.organizer.post("/admin/games/games/teams", [("unitId", "companies")]).status == .seeOther)
            #expect(try await GamesTeamModel.query(on: app.db).count() == 2)

            let page = try await f.organizer.get("/admin/games/games")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Men&#39;s 100 m") || page.body.string.contains("Men's 100 m"))
            #expect(page.body.string.contains("Alpha Co"))

            let badScoring = try await f.organizer.post("/admin/games/games/scoring", [("individualPoints", "7-9-4"), ("collectivePoints", "14-10-8"),
                                                                                        ("parentChildPoints", "7-5-4"), ("tiePolicy", "shared"), ("prizes", "three"), ("version", "0")])
            #expect(badScoring.status == .unprocessableEntity)
            #expect(badScoring.body.string.contains("Place 2 earns 9, more than the place before it (7)."))
            #expect(badScoring.body.string.contains("“three” is not a whole number."))
            #expect(try await GamesSettingsModel.query(on: app.db).count() == 0)
            #expect(try await f.organizer.post("/admin/games/games/scoring", [("individualPoints", "9-7-5-3-2-1"), ("collectivePoints", "14-10-8"),
                                                                               ("parentChildPoints", "7-5-4"), ("tiePolicy", "full"), ("prizes", "2"),
                                                                               ("personEventLimit", "2"), ("version", "0")]).status == .seeOther)
            let scoring = try await GamesScoringService(db: app.db, clock: app.clock).scoring(programID: f.programID)
            #expect(scoring.individual.points == [9, 7, 5, 3, 2, 1] && scoring.tiePolicy == .full && scoring.prizes == 2 && scoring.personEventLimit == 2)

            // Editing an event: a typo comes back in place; a good change is saved with a new version.
            let sprint = events[0]
            let typo = try await f.organizer.post("/admin/games/games/events/\(sprint.id!)", [("name", "Men's 100 m"), ("category", "competition"),
                ("format", "timed"), ("gender", "men"), ("attempts", "1"), ("lineUpMin", "1"), ("lineUpMax", "1"), ("minimumWomen", "0"),
                ("teamQuota", "two"), ("eventDate", "2023-11-19"), ("awardKind", "individual"), ("awardTopN", "6"), ("version", "1")])
            #expect(typo.status == .unprocessableEntity)
            #expect(typo.body.string.contains("“two” is not a whole number."))
            let saved = try await f.organizer.post("/admin/games/games/events/\(sprint.id!)", [("name", "Men's 100 m (veterans)"), ("category", "competition"),
                ("format", "timed"), ("gender", "men"), ("ageMin", "45"), ("attempts", "1"), ("lineUpMin", "1"), ("lineUpMax", "1"), ("minimumWomen", "0"),
                ("teamQuota", "1"), ("countsTowardLimit", "on"), ("deadline", "2023-11-10T18:00"), ("eventDate", "2023-11-19"), ("awardKind", "individual"),
                ("awardTopN", "3"), ("version", "1")])
            #expect(saved.status == .seeOther)
            let changed = try await GamesEventModel.find(sprint.id, on: app.db)!
            #expect(changed.name == "Men's 100 m (veterans)" && changed.ageMin == 45 && changed.teamQuota == 1 && changed.version == 2)
            #expect(changed.deadline == ISO8601DateFormatter().date(from: "2023-11-10T10:00:00Z"))
            #expect(try await f.organizer.post("/admin/games/games/events/\(events[1].id!)/delete", []).status == .seeOther)
            #expect(try await GamesEventModel.query(on: app.db).count() == 1)

            let unnamed = try await f.organizer.post("/admin/games/games/events/new", [("name", "  ")])
            #expect(unnamed.status == .unprocessableEntity && unnamed.body.string.contains("Enter the event"))
            let scratch = try await f.organizer.post("/admin/games/games/events/new", [("name", "Sack race")])
            #expect(scratch.status == .seeOther)
            let created = try await GamesEventModel.query(on: app.db).filter(\.$name == "Sack race").first()
            #expect(created?.templateID == nil && created?.venue == "Stadium")
            #expect(scratch.headers.first(name: .location) == "/admin/games/games/events/\(created?.id ?? 0)")
        }
    }

    @Test func aTeamLeaderEntersTheirOwnTeamOnTheEntriesPage() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            _ = try await f.organizer.post("/admin/games/games/events", [("templates[]", "100m-men"), ("templates[]", "4x100m-relay")])
            _ = try await f.organizer.post("/admin/games/games/teams", [("unitId", "companies")])
            let events = try await GamesEventModel.query(on: app.db).sort(\.$id).all()
            let teams = try await GamesTeamModel.query(on: app.db).all()
            let alphaTeam = teams.first { $0.$unit.id == f.alpha.id }!, betaTeam = teams.first { $0.$unit.id == f.beta.id }!
            try await app.makeUser("leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.alpha.id)])
            let leader = Browser(app)
            try await leader.signIn("leader@test.podium", "password-123")

            let page = try await leader.get("/admin/games/games/entries")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Alpha Co · Entries") && !page.body.string.contains("Beta man"))
            #expect(page.body.string.contains("Alpha man 0 · Male · A0"))

            let relay = try await leader.post("/admin/games/games/entries", [("eventId", "\(events[1].id!)"), ("teamId", "\(alphaTeam.id!)"),
                                                                            ("persons[]", "\(f.men[0].id)"), ("persons[]", "\(f.men[1].id)")])
            #expect(relay.status == .unprocessableEntity)
            #expect(relay.body.string.contains("this line-up has 2."))
            #expect(relay.body.string.contains("at least 2 women"))
            #expect(try await GamesEntryModel.query(on: app.db).count() == 0)

            let ok = try await leader.post("/admin/games/games/entries", [("eventId", "\(events[0].id!)"), ("teamId", "\(alphaTeam.id!)"), ("persons[]", "\(f.men[0].id)")])
            #expect(ok.status == .seeOther)
            let entry = try await GamesEntryModel.query(on: app.db).first()!
            #expect(try await leader.post("/admin/games/games/entries", [("eventId", "\(events[0].id!)"), ("teamId", "\(betaTeam.id!)"),
                                                                        ("persons[]", "\(f.betaMan.id)")]).status == .forbidden)
            #expect(try await leader.get("/admin/games/games/entries").body.string.contains("Withdraw"))
            #expect(try await leader.post("/admin/games/games/entries/\(entry.id!)/delete", []).status == .seeOther)
            #expect(try await GamesEntryModel.query(on: app.db).count() == 0)
            #expect(try await leader.get("/admin/games/games/results").status == .forbidden)
        }
    }

    @Test func anOfficialSavesAWholeSheetOrNothing() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            _ = try await f.organizer.post("/admin/games/games/events", [("templates[]", "long-jump-men")])
            _ = try await f.organizer.post("/admin/games/games/teams", [("unitId", "companies")])
            let event = try await GamesEventModel.query(on: app.db).first()!
            let alphaTeam = try await GamesTeamModel.query(on: app.db).filter(\.$unit.$id == f.alpha.id).first()!
            var entryIDs: [Int] = []
            for man in f.men {
                _ = try await f.organizer.post("/admin/games/games/entries", [("eventId", "\(event.id!)"), ("teamId", "\(alphaTeam.id!)"), ("persons[]", "\(man.id)")])
            }
            entryIDs = try await GamesEntryModel.query(on: app.db).sort(\.$id).all().map { $0.id! }
            #expect(entryIDs.count == 3)
            try await app.makeUser("official@test.podium", grants: [RoleGrant(role: .official, programID: f.programID)])
            let official = Browser(app)
            try await official.signIn("official@test.podium", "password-123")
            #expect(try await official.get("/admin/games/games/results").body.string.contains("0 of 3 results in"))
            let sheet = try await official.get("/admin/games/games/results/\(event.id!)")
            #expect(sheet.status == .ok && sheet.body.string.contains("inputmode=\"decimal\""))

            let bad = try await official.post("/admin/games/games/results/\(event.id!)", [
                ("rows[\(entryIDs[0])][a1]", "5.62"), ("rows[\(entryIDs[0])][a2]", "x"), ("rows[\(entryIDs[0])][a3]", "5.70"),
                ("rows[\(entryIDs[1])][a1]", "five"), ("rows[\(entryIDs[2])][status]", "dns")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("Nothing was saved."))
            #expect(bad.body.string.contains("“five” is not a distance"))
            #expect(bad.body.string.contains("value=\"5.70\""))
            #expect(try await GamesResultModel.query(on: app.db).count() == 0)

            let good = try await official.post("/admin/games/games/results/\(event.id!)", [
                ("rows[\(entryIDs[0])][a1]", "5.62"), ("rows[\(entryIDs[0])][a2]", "x"), ("rows[\(entryIDs[0])][a3]", "5.70"),
                ("rows[\(entryIDs[1])][a1]", "5.10"), ("rows[\(entryIDs[2])][status]", "dns"), ("official", "1")])
            #expect(good.status == .seeOther)
            let results = try await GamesResultModel.query(on: app.db).sort(\.$entry.$id).all()
            #expect(results.map(\.mark) == [5_700, 5_100, nil] && results.allSatisfy(\.official))
            // Saving the same sheet again changes nothing and writes no history.
            let audits = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "result").count()
            _ = try await official.post("/admin/games/games/results/\(event.id!)", [("rows[\(entryIDs[1])][a1]", "5.10"), ("rows[\(entryIDs[1])][version]", "1"), ("official", "1")])
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "result").count() == audits)
            #expect(try await Browser(app).get("/admin/games/games/results/\(event.id!)").status != .ok)
        }
    }
}
