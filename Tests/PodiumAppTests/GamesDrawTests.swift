import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games: draws, brackets, round robins, match results")
struct GamesDrawTests {
    /// A games program with one team per company and `count` teams entered in the event from `template`.
    struct Fixture {
        let organizer: API
        let official: API
        let event: EventDTO
        let entries: [Int]
        let teamNames: [String]
    }

    func fixture(_ app: Application, template: String, count: Int) async throws -> Fixture {
        let organizer = API(app: app, token: try await app.makeToken(.organizer))
        let group = try await app.makeUnit("Group", kind: .group)
        #expect(try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"games","name":"Games","startDate":"2023-11-18"}"#).status == .created)
        _ = try await organizer.send(.POST, "/api/v1/programs/games/status", json: #"{"status":"open","version":1}"#)
        let event = try await organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"\#(template)","teamQuota":1}"#).decode(EventDTO.self)
        var entries: [Int] = [], names: [String] = []
        for index in 0..<count {
            let name = "Team \(index + 1)"
            let unit = try await app.makeUnit(name, parent: group.id)
            let team = try await organizer.send(.POST, "/api/v1/programs/games/teams", json: #"{"unitId":\#(unit.id)}"#).decode(TeamDTO.self)
            var people: [Int] = []
            for member in 0..<max(event.lineUpMin, 1) {
                people.append(try await app.makeEmployee("P\(index)-\(member)", number: "E\(index)-\(member)", unit: unit.id, gender: member % 2 == 0 ? .male : .female).id)
            }
            let entry = try await organizer.send(.POST, "/api/v1/programs/games/entries",
                                                 json: #"{"eventId":\#(event.id),"teamId":\#(team.id),"personIds":\#(people)}"#)
            #expect(entry.status == .created, "\(entry.body.string)")
            entries.append(try entry.decode(EntryDTO.self).id)
            names.append(name)
        }
        let programID = try await ProgramModel.query(on: app.db).first()!.id!
        return Fixture(organizer: organizer, official: API(app: app, token: try await app.makeToken(.official, programID: programID)),
                       event: event, entries: entries, teamNames: names)
    }

    func drawPath(_ f: Fixture) -> String { "/api/v1/programs/games/events/\(f.event.id)/draw" }
    func matchPath(_ f: Fixture, _ key: String) -> String { "/api/v1/programs/games/events/\(f.event.id)/matches/\(key)" }

    @Test func aKnockoutWithByesAThirdPlaceGameAndPlacesInTheRanking() async throws {
        try await withPodium { app in
            let f = try await fixture(app, template: "basketball", count: 6)
            let seeds = f.entries.map(String.init).joined(separator: ",")
            let made = try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"single_elimination","seeds":[\#(seeds)],"thirdPlace":true,"version":0}"#)
            #expect(made.status == .ok, "\(made.body.string)")
            let draw = try made.decode(DrawDTO.self)
            // Six teams in a bracket of eight: seeds 1 and 2 have byes, so round one is 4 v 5 and 3 v 6.
            #expect(draw.matches.map(\.key) == ["k1", "k2", "k3", "k4", "k5", "k6"])
            #expect(draw.matches.prefix(2).map { [$0.homeEntryId, $0.awayEntryId] } == [[f.entries[3], f.entries[4]], [f.entries[2], f.entries[5]]])
            #expect(draw.matches[2].home == "Team 1" && draw.matches[2].away == "Winner of match 1")
            #expect(draw.matches.suffix(2).map(\.roundLabel) == ["Third-place game", "Final"])

            // Not ready yet; a level score in a knockout; an unreadable score.
            let early = try await f.official.send(.PUT, matchPath(f, "k3"), json: #"{"score":"70-60"}"#)
            #expect(early.status == .conflict && early.body.string.contains("match 1"))
            let level = try await f.official.send(.PUT, matchPath(f, "k1"), json: #"{"score":"70-70"}"#)
            #expect(level.status == .unprocessableEntity && level.body.string.contains("needs a winner"))
            #expect(try await f.official.send(.PUT, matchPath(f, "k1"), json: #"{"score":"seventy"}"#).status == .unprocessableEntity)
            #expect(try await GamesMatchResultModel.query(on: app.db).count() == 0)

            for (key, score) in [("k1", "60-55"), ("k2", "48-62"), ("k3", "70-58"), ("k4", "66-64")] {
                let saved = try await f.official.send(.PUT, matchPath(f, key), json: #"{"score":"\#(score)","official":true}"#)
                #expect(saved.status == .ok, "\(saved.body.string)")
            }
            // Match 3 (Team 1 beat the winner of match 1) is played: match 1's winner can no longer change.
            let flip = try await f.official.send(.PUT, matchPath(f, "k1"), json: #"{"score":"55-60","version":1}"#)
            #expect(flip.status == .conflict)
            #expect(flip.body.string.contains("match 3 has already been played"))
            // A typo that keeps the winner is fine, and a stale version is refused.
            #expect(try await f.official.send(.PUT, matchPath(f, "k1"), json: #"{"score":"61-55","version":9}"#).status == .conflict)
            #expect(try await f.official.send(.PUT, matchPath(f, "k1"), json: #"{"score":"61-55","version":1,"official":true}"#).status == .ok)

            // Semi-final 2 corrected before the final is played: the final and the third-place game show the new sides (re-flow).
            var current = try await API(app: app).send(.GET, drawPath(f)).decode(DrawDTO.self)
            #expect(current.matches[5].homeEntryId == f.entries[0] && current.matches[5].awayEntryId == f.entries[5])
            #expect(try await f.official.send(.PUT, matchPath(f, "k4"), json: #"{"score":"64-66","version":1,"official":true}"#).status == .ok)
            current = try await API(app: app).send(.GET, drawPath(f)).decode(DrawDTO.self)
            #expect(current.matches[5].awayEntryId == f.entries[1])
            #expect(current.matches[4].awayEntryId == f.entries[5])

            #expect(try await f.official.send(.PUT, matchPath(f, "k5"), json: #"{"score":"50-45","official":true}"#).status == .ok)
            #expect(try await f.official.send(.PUT, matchPath(f, "k6"), json: #"{"score":"71-69","official":true}"#).status == .ok)
            current = try await API(app: app).send(.GET, drawPath(f)).decode(DrawDTO.self)
            #expect(current.complete)
            #expect(current.places.map(\.entryId) == [f.entries[0], f.entries[1], f.entries[3], f.entries[5], f.entries[2], f.entries[4]])
            #expect(current.places.map(\.place) == [1, 2, 3, 4, 5, 5])

            // The places feed the event ranking and the team standings like any other event; typed places are refused.
            let ranking = try await API(app: app).send(.GET, "/api/v1/programs/games/events/\(f.event.id)/results").decode([RankedResultDTO].self)
            #expect(ranking.map(\.teamName) == ["Team 1", "Team 2", "Team 4", "Team 6", "Team 3", "Team 5"])
            #expect(ranking.prefix(4).allSatisfy { $0.official })
            let standings = try await API(app: app).send(.GET, "/api/v1/programs/games/standings").decode([StandingDTO].self)
            #expect(standings.first?.teamName == "Team 1" && standings.first?.points == "14")
            let typed = try await f.official.send(.POST, "/api/v1/programs/games/events/\(f.event.id)/results", json: #"{"entryId":\#(f.entries[0]),"mark":"1"}"#)
            #expect(typed.status == .conflict)

            // The draw is settled once results are in; the audit log has every match.
            let remake = try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"round_robin","version":1}"#)
            #expect(remake.status == .conflict && remake.body.string.contains("already entered"))
            let audited = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "match").count()
            #expect(audited == 8)
        }
    }

    @Test func aRoundRobinTableSaysWhichRuleSeparatedATie() async throws {
        try await withPodium { app in
            let f = try await fixture(app, template: "table-tennis-singles", count: 4)
            let made = try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"round_robin","seeding":"entered","version":0}"#)
            #expect(made.status == .ok, "\(made.body.string)")
            let draw = try made.decode(DrawDTO.self)
            #expect(draw.scoring == "games" && draw.bestOf == 5 && draw.gamePoints == 11)
            #expect(draw.matches.count == 6 && Set(draw.matches.map(\.round)) == [1, 2, 3])
            // 1 beats 2, 2 beats 3, 3 beats 1 (a circle); all three beat 4. Team 1 wins 3–0, the others 3–1, so game
            // difference separates the circle: Team 1 +4, Team 3 +2, Team 2 +1.
            let winners: [Set<Int>: Int] = [[0, 1]: 0, [1, 2]: 1, [0, 2]: 2, [0, 3]: 0, [1, 3]: 1, [2, 3]: 2]
            for match in draw.matches {
                let home = f.entries.firstIndex(of: match.homeEntryId!)!, away = f.entries.firstIndex(of: match.awayEntryId!)!
                let winner = winners[[home, away]]!
                let close = winner == 0 ? "11-3 11-3 11-3" : "11-9 9-11 11-9 11-9"
                let score = winner == home ? close : close.split(separator: " ").map { $0.split(separator: "-").reversed().joined(separator: "-") }.joined(separator: " ")
                let saved = try await f.official.send(.PUT, matchPath(f, match.key), json: #"{"score":"\#(score)","official":true}"#)
                #expect(saved.status == .ok, "\(match.key) \(score) \(saved.body.string)")
            }
            let bad = try await f.official.send(.PUT, matchPath(f, "g1-1"), json: #"{"score":"11-3 11-10 11-4","version":1}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("two-point lead"))

            let table = try await API(app: app).send(.GET, drawPath(f)).decode(DrawDTO.self).tables[0]
            let firstNames: [String] = table.rows.map { String($0.label.split(separator: " ")[0]) }
            #expect(firstNames == ["P0-0", "P2-0", "P1-0", "P3-0"])
            #expect(table.rows.map(\.matchPoints) == [4, 4, 4, 0])
            #expect(table.rows.map(\.separatedBy) == ["gameDifference", "gameDifference", nil, nil])

            let page = try await Browser(app).get("/p/games/brackets/\(f.event.id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Game difference"))
            let index = try await Browser(app).get("/p/games/brackets")
            #expect(index.body.string.contains("/p/games/brackets/\(f.event.id)"))
        }
    }

    @Test func drawSettingsAreCheckedAndOnlyOrganizersMakeDraws() async throws {
        try await withPodium { app in
            let f = try await fixture(app, template: "badminton-singles", count: 5)
            let bad = try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"groups_knockout","groupCount":4,"bestOf":4,"tieBreaks":["coinToss"],"version":0}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = Set(try bad.decode(ProblemDetails.self).errors?.map(\.field) ?? [])
            #expect(fields == ["groupCount", "bestOf", "tieBreaks"], "\(bad.body.string)")
            #expect(try await f.official.send(.PUT, drawPath(f), json: #"{"version":0}"#).status == .forbidden)
            #expect(try await API(app: app).send(.PUT, drawPath(f), json: #"{"version":0}"#).status == .unauthorized)
            #expect(try await API(app: app).send(.GET, drawPath(f)).status == .notFound)
            let foreign = try await f.organizer.send(.PUT, drawPath(f), json: #"{"seeds":[999999],"version":0}"#)
            #expect(foreign.status == .unprocessableEntity && foreign.body.string.contains("not entered"))
            #expect(try await f.organizer.send(.PUT, drawPath(f), json: #"{"seeding":"alphabetical","version":0}"#).status == .unprocessableEntity)
            #expect(try await f.organizer.send(.PUT, drawPath(f), json: #"{"version":3}"#).status == .conflict)

            // Entries without a seed are drawn by lot from the app's random seam: the same seed gives the same draw.
            app.random = PodiumRandom { 42 }
            let first = try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"single_elimination","seeds":[\#(f.entries[4])],"version":0}"#).decode(DrawDTO.self)
            #expect(first.entrants.first?.entryId == f.entries[4])
            let again = try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"single_elimination","seeds":[\#(f.entries[4])],"version":1}"#).decode(DrawDTO.self)
            #expect(again.entrants.map(\.entryId) == first.entrants.map(\.entryId))
            #expect(Set(again.entrants.map(\.entryId)) == Set(f.entries))
            #expect(try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"single_elimination","version":1}"#).status == .conflict)

            let groups = try await f.organizer.send(.PUT, drawPath(f), json: #"{"structure":"groups_knockout","groupCount":2,"qualifiersPerGroup":2,"seeding":"entered","version":2}"#)
            #expect(groups.status == .ok, "\(groups.body.string)")
            let draw = try groups.decode(DrawDTO.self)
            #expect(draw.groups == [[f.entries[0], f.entries[3], f.entries[4]], [f.entries[1], f.entries[2]]])
            #expect(draw.matches.filter { $0.stage == "group" }.count == 4)
            let semi = draw.matches.first { $0.key == "k1" }!
            #expect(semi.home == "Group A, no. 1" && semi.away == "Group B, no. 2")
            let early = try await f.official.send(.PUT, matchPath(f, "k1"), json: #"{"score":"21-5 21-5"}"#)
            #expect(early.status == .conflict && early.body.string.contains("every group match"))
            #expect(try await f.official.send(.PUT, matchPath(f, "g9-1"), json: #"{"score":"21-5 21-5"}"#).status == .notFound)
            #expect(try await f.official.send(.PUT, matchPath(f, "zz"), json: #"{"score":"21-5 21-5"}"#).status == .notFound)
        }
    }

    @Test func officialsEnterResultsOnThePhonePage() async throws {
        try await withPodium { app in
            let f = try await fixture(app, template: "basketball", count: 3)
            let programID = try await ProgramModel.query(on: app.db).first()!.id!
            _ = try await app.makeUser("organizer@example.com", grants: [RoleGrant(role: .organizer)])
            _ = try await app.makeUser("official@example.com", grants: [RoleGrant(role: .official, programID: programID)])
            let organizer = Browser(app)
            try await organizer.signIn("organizer@example.com", "password-123")
            let empty = try await organizer.get("/admin/games/games/draws/\(f.event.id)")
            #expect(empty.status == .ok && empty.body.string.contains("No draw yet"))
            let badForm = try await organizer.post("/admin/games/games/draws/\(f.event.id)", [("structure", "single_elimination"), ("scoring", "points"),
                                                                                              ("bestOf", "x"), ("seeding", "entered"), ("version", "0")])
            #expect(badForm.status == .unprocessableEntity && badForm.body.string.contains("“x” is not a whole number"))
            let made = try await organizer.post("/admin/games/games/draws/\(f.event.id)", [("structure", "single_elimination"), ("scoring", "points"),
                                                                                           ("thirdPlace", "on"), ("seeding", "entered"), ("version", "0"),
                                                                                           ("seed[\(f.entries[2])]", "1")])
            #expect(made.status == .seeOther)
            let draw = try await API(app: app).send(.GET, drawPath(f)).decode(DrawDTO.self)
            #expect(draw.entrants.map(\.entryId) == [f.entries[2], f.entries[0], f.entries[1]])

            let official = Browser(app)
            try await official.signIn("official@example.com", "password-123")
            let page = try await official.get("/admin/games/games/draws/\(f.event.id)")
            #expect(page.status == .ok && page.body.string.contains("name=\"score\""))
            #expect(!page.body.string.contains("Draw settings"))
            let wrong = try await official.post("/admin/games/games/draws/\(f.event.id)/matches/k1", [("score", "50-50"), ("ending", "played")])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("needs a winner") && wrong.body.string.contains("value=\"50-50\""))
            let walkover = try await official.post("/admin/games/games/draws/\(f.event.id)/matches/k1", [("score", ""), ("ending", "walkover"), ("winner", "away"), ("official", "on")])
            #expect(walkover.status == .seeOther)
            let after = try await API(app: app).send(.GET, drawPath(f)).decode(DrawDTO.self)
            #expect(after.matches[0].score == "W/O" && after.matches[0].winner == .away)
            let staleClear = try await official.post("/admin/games/games/draws/\(f.event.id)/matches/k1/clear", [("version", "7")])
            #expect(staleClear.status == .conflict)
            let cleared = try await official.post("/admin/games/games/draws/\(f.event.id)/matches/k1/clear", [("version", "1")])
            #expect(cleared.status == .seeOther)
            #expect(try await GamesMatchResultModel.query(on: app.db).count() == 0)
            #expect(try await official.post("/admin/games/games/draws/\(f.event.id)", [("version", "1")]).status == .forbidden)
        }
    }
}
