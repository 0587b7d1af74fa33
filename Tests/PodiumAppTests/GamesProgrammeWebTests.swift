import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games programme booklet (秩序册)")
struct GamesProgrammeWebTests {
    /// The part of the page from one section's opening tag to the next section's: what a section holds.
    func section(_ html: String, _ id: String) -> String {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        let rest = html[start.upperBound...]
        let next = ["id=\"contents\"", "id=\"ceremony\"", "id=\"schedule\"", "id=\"teams\"", "id=\"events\"", "id=\"organizing-team\""]
            .compactMap { rest.range(of: $0)?.lowerBound }.min() ?? rest.endIndex
        return String(rest[..<next])
    }

    @Test func theBookletListsTheScheduleTeamsEntriesHeatsAndDraws() async throws {
        try await withPodium { app in
            let f = try await GamesTimetableTests().fixture(app)
            // Nine sprinters on eight lanes: two heats, seeded by an organizer; then the day is planned.
            try await app.makeUser("organizer@test.podium", grants: [RoleGrant(role: .organizer)])
            let organizer = Browser(app)
            try await organizer.signIn("organizer@test.podium", "password-123")
            let seeded = try await organizer.post("/admin/games/games/start-lists/\(f.sprint.id)", [("lanes", "8"), ("laneOrder", ""), ("flightSize", "8")])
            #expect(seeded.status == .seeOther)
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/schedule/plan").status == .ok)
            let schedule = try await f.organizer.send(.GET, "/api/v1/programs/games/schedule").decode(ScheduleDTO.self)
            #expect(schedule.items.count > 3)

            let page = try await Browser(app).get("/p/games/programme")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Programme booklet") && html.contains("onclick=\"window.print()\"") && html.contains("class=\"no-print"))
            // The contents link to every section there is, and to each team and event.
            let contents = section(html, "contents")
            #expect(contents.contains("href=\"#schedule\"") && contents.contains("href=\"#teams\"") && contents.contains("href=\"#events\""))
            #expect(contents.contains("href=\"#team-\(f.teams[0].id)\"") && contents.contains("href=\"#event-\(f.sprint.id)\""))
            // Nothing on the opening ceremony or the organizing team yet: no such sections, not even their headings.
            #expect(!html.contains("id=\"ceremony\"") && !html.contains("id=\"organizing-team\""))
            #expect(!contents.contains("Opening ceremony") && !contents.contains("Organizing team"))

            // The schedule: every placed item at its time, with its venue.
            let day = section(html, "schedule")
            for item in schedule.items {
                #expect(day.contains("<time>\(item.start)</time>"), "\(item.start)")
            }
            #expect(day.contains("Main track") && day.contains("Long-jump pit") && day.contains("· heat 1"))

            // The teams with their athletes.
            let teams = section(html, "teams")
            #expect(teams.contains("id=\"team-\(f.teams[0].id)\"") && teams.contains("Alpha") && teams.contains("Beta") && teams.contains("Gamma"))
            #expect(teams.contains("<li>Li Lei</li>") && teams.contains("<li>Beta second woman</li>"))
            // Alpha: three men and a woman, Li Lei counted once for his two events; Beta: three men and two women.
            let alpha = teams.components(separatedBy: "id=\"team-\(f.teams[0].id)\"").last!.components(separatedBy: "id=\"team-").first!
            #expect(alpha.contains("4 athletes") && alpha.components(separatedBy: "<li>Li Lei</li>").count == 2)
            #expect(teams.contains("5 athletes"))

            // The events: the sprint in heats with lanes, the long jump's entries, the badminton draw.
            let events = section(html, "events")
            let sprint = events.components(separatedBy: "id=\"event-\(f.sprint.id)\"").last!.components(separatedBy: "id=\"event-").first!
            #expect(sprint.contains("Heat 1 of 2") && sprint.contains("Heat 2 of 2") && sprint.contains(">Lane<"))
            #expect(sprint.contains("Competition") && sprint.contains("Men") && sprint.contains("18 Nov 2023"))
            #expect(sprint.contains("Alpha man 1"))
            let jump = events.components(separatedBy: "id=\"event-\(f.jump.id)\"").last!.components(separatedBy: "id=\"event-").first!
            #expect(jump.contains("<td>Alpha</td><td>Li Lei</td>") && jump.contains("<td>Beta</td><td>Beta man 0</td>") && jump.contains("2 entries"))
            let badminton = events.components(separatedBy: "id=\"event-\(f.badminton.id)\"").last!
            #expect(badminton.contains("How it is played"))
            #expect(badminton.contains("Alpha woman (Alpha)") && badminton.contains("Beta second woman (Beta)"))

            // In Chinese, and linked from the program's page.
            let chinese = try await Browser(app).get("/p/games/programme", headers: ["Accept-Language": "zh-CN"]).body.string
            #expect(chinese.contains("秩序册") && chinese.contains("参赛代表队名单") && chinese.contains("竞赛日程") && chinese.contains("第 1 组（共 2 组）"))
            #expect(try await Browser(app).get("/p/games").body.string.contains("href=\"/p/games/programme\""))
        }
    }

    @Test func anEmptyProgramHasOnlyItsCover() async throws {
        try await withPodium { app in
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            #expect(try await organizer.send(.POST, "/api/v1/programs",
                                             json: #"{"kind":"games","slug":"empty","name":"Empty Games","startDate":"2024-11-16","venue":"Sports Ground"}"#).status == .created)
            _ = try await organizer.send(.POST, "/api/v1/programs/empty/status", json: #"{"status":"open","version":1}"#)
            let page = try await Browser(app).get("/p/empty/programme")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Empty Games") && html.contains("Sports Ground") && html.contains("16 Nov 2024"))
            for id in ["contents", "ceremony", "schedule", "teams", "events", "organizing-team"] {
                #expect(!html.contains("id=\"\(id)\""), "\(id)")
            }
            #expect(!html.contains("Teams and athletes") && !html.contains("Events and entries"))
        }
    }

    @Test func theOrganizingTeamAndTheCeremonyShowNamesPostsAndTimesOnly() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let callRoom = try await f.post("Call room", kind: "callRoom", venue: "East gate")
            let shift = try await f.shift(callRoom, "08:00", "10:00", needed: 2)
            #expect(try await f.assign(#"{"shiftId":\#(shift.id),"personId":\#(f.people[0].id),"note":"keys to the store room"}"#).status == .created)
            #expect(try await f.assign(#"{"shiftId":\#(shift.id),"personId":\#(f.people[4].id)}"#).status == .created)
            try await f.post("First aid", kind: "firstAid")
            #expect(try await f.organizer.send(.POST, StaffFixture.show, json: #"{"kind":"speech","title":"Opening speech","duration":12,"performer":"周明"}"#).status == .created)

            let html = try await Browser(app).get("/p/games/programme").body.string
            let team = section(html, "organizing-team")
            #expect(team.contains("Call room") && team.contains("East gate") && team.contains("08:00–10:00") && team.contains("周明、陈静"))
            // A post nobody is on is left out; so is everything private about the people on the others.
            #expect(!team.contains("First aid"))
            #expect(!html.contains("JH001") && !html.contains("JH101") && !html.contains("keys to the store room") && !html.contains("Jinghua Holdings Group"))
            let ceremony = section(html, "ceremony")
            #expect(ceremony.contains("Opening speech") && ceremony.contains("08:30–08:42"))
            let contents = section(html, "contents")
            #expect(contents.contains("href=\"#ceremony\"") && contents.contains("href=\"#organizing-team\""))
            // The athlete's team and event are there too.
            #expect(section(html, "teams").contains("<li>张伟</li>") && section(html, "events").contains("Men&#39;s 100 m"))
        }
    }

    @Test func theBookletIsPublicOnlyForPublishedGamesPrograms() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            #expect(try await Browser(app).get("/p/no-such-games/programme").status == .notFound)
            // A draft is for organizers only, as on the other public pages.
            #expect(try await Browser(app).get("/p/next-games/programme").status == .notFound)
            #expect(try await Browser(app).get("/p/next-games/schedule").status == .notFound)
            let (organizer, official, _) = try await f.browsers()
            #expect(try await organizer.get("/p/next-games/programme").status == .ok)
            #expect(try await official.get("/p/next-games/programme").status == .notFound)
            // Relay races and recognition programs have no programme booklet.
            #expect(try await f.organizer.send(.POST, "/api/v1/programs",
                                               json: #"{"kind":"relay","slug":"relay","name":"Relay","startDate":"2024-04-20"}"#).status == .created)
            _ = try await f.organizer.send(.POST, "/api/v1/programs/relay/status", json: #"{"status":"open","version":1}"#)
            #expect(try await Browser(app).get("/p/relay").status == .ok)
            #expect(try await Browser(app).get("/p/relay/programme").status == .notFound)
            #expect(try await organizer.get("/p/relay/programme").status == .notFound)
        }
    }

    @Test func theDemoBookletHasTheBasketballTheTeamsAndTheDay() async throws {
        try await withPodium { app in
            try await DemoSeeder(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app), words: Words(localizer: app.localizer, language: .en)).seed()
            let slug = "workers-games-2023"
            let events = try await API(app: app).send(.GET, "/api/v1/programs/\(slug)/events").decode([EventDTO].self)
            let basketball = events.first { $0.templateId == "basketball" }!
            let program = try await ProgramModel.query(on: app.db).filter(\.$slug == slug).first()!
            let team = try await GamesTeamModel.query(on: app.db).filter(\.$program.$id == program.id!).sort(\.$name).first()!
            let schedule = try await API(app: app, token: try await app.makeToken(.organizer)).send(.GET, "/api/v1/programs/\(slug)/schedule").decode(ScheduleDTO.self)
            let first = schedule.items.map(\.start).min()!

            let page = try await Browser(app).get("/p/\(slug)/programme")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(section(html, "events").contains("id=\"event-\(basketball.id)\"") && html.contains(basketball.name))
            let game = section(html, "events").components(separatedBy: "id=\"event-\(basketball.id)\"").last!.components(separatedBy: "id=\"event-").first!
            #expect(game.contains("Knockout") && game.contains("booklet-pairings"))
            #expect(section(html, "teams").contains(team.name))
            #expect(section(html, "schedule").contains("<time>\(first)</time>"))
            #expect(section(html, "ceremony").contains("08:30"))
            // The organizing team by name only: nobody's employee number is printed.
            let duty = try await DutyAssignmentModel.query(on: app.db).with(\.$person).first()!
            #expect(section(html, "organizing-team").contains(duty.person.name))
            #expect(!html.contains(duty.person.employeeNumber ?? "never"))
        }
    }
}
