import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games: heats, lanes, flights and printed start lists")
struct GamesStartListTests {
    /// A games program with `count` men entered in `template`, one team per runner.
    func program(_ app: Application, template: String, count: Int) async throws -> (event: EventDTO, entries: [Int], programID: Int) {
        let organizer = API(app: app, token: try await app.makeToken(.organizer))
        let group = try await app.makeUnit("Group", kind: .group)
        _ = try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"games","name":"Games","startDate":"2023-11-18"}"#)
        _ = try await organizer.send(.POST, "/api/v1/programs/games/status", json: #"{"status":"open","version":1}"#)
        let event = try await organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"\#(template)"}"#).decode(EventDTO.self)
        var entries: [Int] = []
        for index in 0..<count {
            let unit = try await app.makeUnit("Company \(index + 1)", parent: group.id)
            let team = try await organizer.send(.POST, "/api/v1/programs/games/teams", json: #"{"unitId":\#(unit.id)}"#).decode(TeamDTO.self)
            let runner = try await app.makeEmployee("Runner \(index + 1)", number: "R\(index)", unit: unit.id, gender: .male)
            entries.append(try await organizer.send(.POST, "/api/v1/programs/games/entries",
                                                    json: #"{"eventId":\#(event.id),"teamId":\#(team.id),"personIds":[\#(runner.id)]}"#).decode(EntryDTO.self).id)
        }
        _ = try await app.makeUser("organizer@example.com", grants: [RoleGrant(role: .organizer)])
        return (event, entries, try await ProgramModel.query(on: app.db).first()!.id!)
    }

    @Test func heatsAreSeededSerpentineWithTheBestInTheMiddleLanes() async throws {
        try await withPodium { app in
            let (event, entries, programID) = try await program(app, template: "100m-men", count: 10)
            let browser = Browser(app)
            try await browser.signIn("organizer@example.com", "password-123")
            let path = "/admin/games/games/start-lists/\(event.id)"
            // Runner 1 is fastest (11.50), runner 10 slowest; one mark unreadable, one lane order wrong: nothing is stored.
            var form = entries.enumerated().map { ("mark[\($1)]", String(format: "%.2f", 11.5 + Double($0) * 0.1)) }
            let bad = try await browser.post(path, form.map { $0.0 == "mark[\(entries[2])]" ? ($0.0, "12,3") : $0 } + [("lanes", "8"), ("laneOrder", "4 5 3 6 2 7 1 1")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("“12,3” is not a time"))
            #expect(bad.body.string.contains("Lane 1 appears more than once"))
            #expect(try await GamesStartPositionModel.query(on: app.db).count() == 0)

            form += [("lanes", "8"), ("laneOrder", "")]
            #expect(try await browser.post(path, form).status == .seeOther)
            let positions = try await GamesStartPositionModel.query(on: app.db).all()
            let byEntry = Dictionary(uniqueKeysWithValues: positions.map { ($0.$entry.id, ($0.heat, $0.position)) })
            // Ten on eight lanes: two heats of five; seeds 1 and 2 lead heats 1 and 2 from lane 4, 3 and 4 go to lane 5 serpentine.
            #expect(Dictionary(grouping: positions, by: \.heat).mapValues(\.count) == [1: 5, 2: 5])
            #expect(byEntry[entries[0]]! == (1, 4) && byEntry[entries[1]]! == (2, 4))
            #expect(byEntry[entries[2]]! == (2, 5) && byEntry[entries[3]]! == (1, 5))
            let seeded = try await GamesEntryModel.find(entries[0], on: app.db)!
            #expect(seeded.seedMark == 11_500)

            let page = try await browser.get(path)
            #expect(page.body.string.contains("Heat 1 of 2") && page.body.string.contains("11.50"))
            let callRoom = try await browser.get(path + "?view=call-room")
            #expect(callRoom.body.string.contains("Call-room list"))
            let all = try await browser.get("/admin/games/games/start-lists/print")
            #expect(all.status == .ok && all.body.string.contains("print-page"))

            // Officials may look and print, not reseed; once results are in the heats stay as run.
            _ = try await app.makeUser("official@example.com", grants: [RoleGrant(role: .official, programID: programID)])
            let official = Browser(app)
            try await official.signIn("official@example.com", "password-123")
            #expect(try await official.get(path).status == .ok)
            #expect(try await official.post(path, form).status == .forbidden)
            let token = try await app.makeToken(.official, programID: programID)
            _ = try await API(app: app, token: token).send(.POST, "/api/v1/programs/games/events/\(event.id)/results", json: #"{"entryId":\#(entries[0]),"mark":"11.62"}"#)
            let late = try await browser.post(path, form)
            #expect(late.status == .conflict && late.body.string.contains("results are already entered"))
        }
    }

    @Test func fieldEventsRunInFlightsWithTheBestLast() async throws {
        try await withPodium { app in
            let (event, entries, _) = try await program(app, template: "long-jump-men", count: 5)
            let browser = Browser(app)
            try await browser.signIn("organizer@example.com", "password-123")
            let marks = ["5.10", "6.02", "", "5.55", "4.90"]
            let form = zip(entries, marks).map { ("mark[\($0)]", $1) } + [("flightSize", "3")]
            #expect(try await browser.post("/admin/games/games/start-lists/\(event.id)", form).status == .seeOther)
            let positions = try await GamesStartPositionModel.query(on: app.db).sort(\.$heat).sort(\.$position).all()
            // Five in flights of at most three: 3 and 2; the no-mark entry opens flight 1, the best (6.02) jumps last in flight 2.
            #expect(positions.map(\.heat) == [1, 1, 1, 2, 2])
            #expect(positions.first?.$entry.id == entries[2])
            #expect(positions.last?.$entry.id == entries[1])
            let page = try await browser.get("/admin/games/games/start-lists/\(event.id)")
            #expect(page.body.string.contains("Flight 2 of 2"))
            #expect(try await browser.get("/admin/games/games/start-lists/999999").status == .notFound)
            let empty = try await browser.post("/admin/games/games/start-lists/\(event.id)", form.map { $0.0 == "flightSize" ? ($0.0, "0") : $0 })
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("at least one athlete"))
        }
    }

    @Test func theBestEightAfterThreeAttemptsGoOnWithTheLeaderLast() async throws {
        try await withPodium { app in
            let (event, entries, programID) = try await program(app, template: "long-jump-men", count: 10)
            let browser = Browser(app)
            try await browser.signIn("organizer@example.com", "password-123")
            let path = "/admin/games/games/start-lists/\(event.id)"
            #expect(try await browser.post(path, [("flightSize", "5")]).status == .seeOther)
            #expect(!(try await browser.get(path).body.string.contains("Order for attempts 4–6")))
            let organizer = API(app: app, token: try await app.makeToken(.organizer))
            let six = try await organizer.send(.PUT, "/api/v1/programs/games/events/\(event.id)", json: #"{"attempts":6,"version":\#(event.version)}"#)
            #expect(six.status == .ok, "\(six.body.string)")

            // Runner i jumps 5.00 + i × 0.10 at best in the first three; a fourth attempt does not count here.
            let official = API(app: app, token: try await app.makeToken(.official, programID: programID))
            for (index, entry) in entries.enumerated() {
                let best = String(format: "%.2f", 5.0 + Double(index) * 0.1)
                let response = try await official.send(.POST, "/api/v1/programs/games/events/\(event.id)/results",
                                                       json: #"{"entryId":\#(entry),"attempts":["4.50","x","\#(best)","\#(index == 0 ? "7.00" : "x")"]}"#)
                #expect(response.status == .ok)
            }
            let page = try await browser.get(path).body.string
            let section = String(page[page.range(of: "id=\"later-rounds\"")!.lowerBound...])
            // Runners 1 and 2 (5.00, 5.10) drop out; runner 10 (5.90) jumps last.
            let order = (1...10).compactMap { number in section.range(of: "Runner \(number)<").map { (number, $0.lowerBound) } }.sorted { $0.1 < $1.1 }.map(\.0)
            #expect(order == [3, 4, 5, 6, 7, 8, 9, 10])
            #expect(section.contains("5.90"))
        }
    }
}
