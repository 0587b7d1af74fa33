import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games: heat times, the final made from them, and the ranking below the final")
struct GamesFinalTests {
    struct Setup {
        let event: EventDTO
        let entries: [Int]
        let programID: Int
        let organizer: API
        let official: API
        var base: String { "/api/v1/programs/games/events/\(event.id)" }
    }

    /// Ten runners seeded into two heats of five on eight lanes.
    func seeded(_ app: Application) async throws -> Setup {
        let (event, entries, programID) = try await GamesStartListTests().program(app, template: "100m-men", count: 10)
        let browser = Browser(app)
        try await browser.signIn("organizer@example.com", "password-123")
        let form = entries.enumerated().map { ("mark[\($1)]", String(format: "%.2f", 11.5 + Double($0) * 0.1)) } + [("lanes", "8")]
        #expect(try await browser.post("/admin/games/games/start-lists/\(event.id)", form).status == .seeOther)
        return Setup(event: event, entries: entries, programID: programID,
                     organizer: API(app: app, token: try await app.makeToken(.organizer)),
                     official: API(app: app, token: try await app.makeToken(.official, programID: programID)))
    }

    /// Runner `i` runs 12.00 + i × 0.10 unless `times` says otherwise; one PUT per heat.
    func typeHeats(_ setup: Setup, times: [Int: String] = [:]) async throws -> HeatsDTO {
        let heats = try await setup.official.send(.GET, setup.base + "/heats").decode(HeatsDTO.self)
        for heat in heats.heats {
            let rows = heat.runners.map { runner -> String in
                let index = setup.entries.firstIndex(of: runner.entryId)!
                let mark = times[index] ?? String(format: "%.2f", 12.0 + Double(index) * 0.1)
                return #"{"entryId":\#(runner.entryId),"mark":"\#(mark)","version":\#(runner.version.map(String.init) ?? "null")}"#
            }
            let response = try await setup.official.send(.PUT, setup.base + "/heats/\(heat.number)", json: #"{"times":[\#(rows.joined(separator: ","))]}"#)
            #expect(response.status == .ok, "\(response.body.string)")
        }
        return try await setup.official.send(.GET, setup.base + "/heats").decode(HeatsDTO.self)
    }

    @Test func theFinalIsMadeFromHeatTimesAndTheOthersRankByHeatTime() async throws {
        try await withPodium { app in
            let setup = try await seeded(app)
            let e = setup.entries
            let heats = try await setup.official.send(.GET, setup.base + "/heats").decode(HeatsDTO.self)
            #expect(heats.heats.map(\.runners.count) == [5, 5])
            #expect(heats.final == nil)

            // An unreadable time and a runner from the other heat: both named, nothing saved.
            let heat1 = heats.heats[0].runners, heat2 = heats.heats[1].runners
            let bad = try await setup.official.send(.PUT, setup.base + "/heats/1", json: #"""
                {"times":[{"entryId":\#(heat1[0].entryId),"mark":"12.3.4"},{"entryId":\#(heat2[0].entryId),"mark":"12.00"},{"entryId":\#(heat1[1].entryId),"mark":"12.50"}]}
                """#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.headers.contentType?.description.contains("problem+json") == true)
            #expect(bad.body.string.contains("entry.\(heat1[0].entryId)") && bad.body.string.contains("entry.\(heat2[0].entryId)"))
            #expect(bad.body.string.contains("not in heat 1"))
            #expect(try await GamesHeatTimeModel.query(on: app.db).count() == 0)
            #expect(try await setup.official.send(.PUT, setup.base + "/heats/7", json: #"{"times":[]}"#).status == .notFound)

            // One runner of heat 2 has no time (cleared): the final waits, naming them.
            _ = try await typeHeats(setup)
            let heat2Time = try await GamesHeatTimeModel.query(on: app.db).filter(\.$entry.$id == heat2[0].entryId).first()!
            #expect(try await setup.official.send(.PUT, setup.base + "/heats/2", json: #"{"times":[{"entryId":\#(heat2[0].entryId),"version":\#(heat2Time.version)}]}"#).status == .ok)
            let waiting = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2}"#)
            #expect(waiting.status == .unprocessableEntity)
            #expect(waiting.body.string.contains("Heat 2: no time or status yet for Runner"))
            #expect(try await setup.official.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2}"#).status == .forbidden)

            // Heat 1: runners 0, 3, 4, 7, 8; heat 2: 1, 2, 5, 6, 9. Three by place each and the two fastest others (6, 7).
            _ = try await typeHeats(setup)
            let tooMany = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":4,"byTime":2,"lanes":8}"#)
            #expect(tooMany.status == .unprocessableEntity && tooMany.body.string.contains("10 qualifiers do not fit on 8 lanes"))
            let made = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2,"lanes":8}"#)
            #expect(made.status == .ok, "\(made.body.string)")
            let final = try made.decode(HeatsDTO.self).final!
            #expect(Set(final.finalists.map(\.entryId)) == Set(e[0...7]))
            #expect(final.finalists.map(\.lane) == Array(1...8))
            // The fastest (runner 0, Q) in lane 4, the slowest q (runner 7) in lane 8.
            #expect(final.finalists.first { $0.lane == 4 }?.entryId == e[0])
            #expect(final.finalists.first { $0.lane == 8 }.map { ($0.entryId, $0.reason) }! == (e[7], "q"))
            #expect(final.finalists.first { $0.entryId == e[6] }?.heatTime == "12.60")

            // Non-finalists' results are refused; the finalists' final decides places 1–8, heat times 9–10.
            let refused = try await setup.official.send(.POST, setup.base + "/results", json: #"{"entryId":\#(e[8]),"mark":"11.90"}"#)
            #expect(refused.status == .conflict && refused.body.string.contains("did not reach the final"))
            for (place, index) in [7, 6, 5, 4, 3, 2, 1, 0].enumerated() {
                let response = try await setup.official.send(.POST, setup.base + "/results", json: #"{"entryId":\#(e[index]),"mark":"\#(String(format: "%.2f", 11.9 + Double(place) * 0.1))","official":true}"#)
                #expect(response.status == .ok)
            }
            let ranking = try await API(app: app).send(.GET, setup.base + "/results").decode([RankedResultDTO].self)
            #expect(ranking.map(\.entryId) == [7, 6, 5, 4, 3, 2, 1, 0, 8, 9].map { e[$0] })
            #expect(ranking.map(\.place) == Array(1...10))
            #expect(ranking.map(\.round) == Array(repeating: .final, count: 8) + [.heat, .heat])
            #expect(ranking[8].mark == "12.80")

            // With results in, the final stands; a heat time that would change it is refused, a harmless one is not.
            #expect(try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2,"version":1}"#).status == .conflict)
            #expect(try await setup.organizer.send(.DELETE, setup.base + "/final?version=1").status == .conflict)
            let times = try await setup.official.send(.GET, setup.base + "/heats").decode(HeatsDTO.self).heats.flatMap(\.runners)
            let runner8 = times.first { $0.entryId == e[8] }!
            let heatOf8 = try await setup.official.send(.GET, setup.base + "/heats").decode(HeatsDTO.self).heats.first { $0.runners.contains { $0.entryId == e[8] } }!.number
            let faster = try await setup.official.send(.PUT, setup.base + "/heats/\(heatOf8)", json: #"{"times":[{"entryId":\#(e[8]),"mark":"12.55","version":\#(runner8.version!)}]}"#)
            #expect(faster.status == .conflict && faster.body.string.contains("has been run with these finalists"))
            let slower = try await setup.official.send(.PUT, setup.base + "/heats/\(heatOf8)", json: #"{"times":[{"entryId":\#(e[8]),"mark":"13.05","version":\#(runner8.version!)}]}"#)
            #expect(slower.status == .ok)
            let after = try await API(app: app).send(.GET, setup.base + "/results").decode([RankedResultDTO].self)
            #expect(after.suffix(2).map(\.entryId) == [e[9], e[8]])
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "final").count() == 1)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "heat_time").count() >= 11)
        }
    }

    @Test func aTieForTheLastPlaceIsSettledByThePicksOrByLot() async throws {
        try await withPodium { app in
            app.random = PodiumRandom { 7 }
            let setup = try await seeded(app)
            let e = setup.entries
            // Runners 7 and 8 share 12.70 for the last q place.
            _ = try await typeHeats(setup, times: [8: "12.70"])
            let open = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2}"#)
            #expect(open.status == .unprocessableEntity)
            #expect(open.body.string.contains("2 runners are tied for the last 1 place(s)"))
            let stranger = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2,"picks":[\#(e[9])]}"#)
            #expect(stranger.status == .unprocessableEntity && stranger.body.string.contains("is not among the runners tied"))

            let picked = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2,"picks":[\#(e[8])]}"#)
            #expect(picked.status == .ok)
            let finalists = Set(try picked.decode(HeatsDTO.self).final!.finalists.map(\.entryId))
            #expect(finalists.contains(e[8]) && !finalists.contains(e[7]))

            // Before the final is run, a heat time that would change the finalists is refused with the way out.
            let heatOf7 = try await setup.official.send(.GET, setup.base + "/heats").decode(HeatsDTO.self).heats.first { $0.runners.contains { $0.entryId == e[7] } }!
            let version7 = heatOf7.runners.first { $0.entryId == e[7] }!.version!
            let changes = try await setup.official.send(.PUT, setup.base + "/heats/\(heatOf7.number)",
                                                        json: #"{"times":[{"entryId":\#(e[7]),"mark":"12.65","version":\#(version7)}]}"#)
            #expect(changes.status == .conflict && changes.body.string.contains("Withdraw the final first"))

            // Nine lanes take both; the stale version is refused; lots with the same seed pick the same runner.
            #expect(try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2,"lanes":9,"picks":[\#(e[7]),\#(e[8])],"version":0}"#).status == .conflict)
            let all = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2,"lanes":9,"picks":[\#(e[7]),\#(e[8])],"version":1}"#)
            #expect(try all.decode(HeatsDTO.self).final!.finalists.count == 9)
            let lots = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2,"drawLots":true,"version":2}"#)
            let drawn = Set(try lots.decode(HeatsDTO.self).final!.finalists.map(\.entryId)).intersection([e[7], e[8]])
            #expect(drawn.count == 1)
            #expect(try await setup.organizer.send(.DELETE, setup.base + "/final?version=3").status == .noContent)
            let again = try await setup.organizer.send(.PUT, setup.base + "/final", json: #"{"byPlace":3,"byTime":2,"drawLots":true}"#)
            #expect(Set(try again.decode(HeatsDTO.self).final!.finalists.map(\.entryId)).intersection([e[7], e[8]]) == drawn)
            #expect(try await setup.organizer.send(.DELETE, setup.base + "/final?version=9").status == .conflict)
        }
    }

    @Test func officialsTypeHeatsOnTheirPhonesAndOrganizersMakeTheFinalOnThePage() async throws {
        try await withPodium { app in
            let setup = try await seeded(app)
            _ = try await app.makeUser("official@example.com", grants: [RoleGrant(role: .official, programID: setup.programID)])
            let official = Browser(app)
            try await official.signIn("official@example.com", "password-123")
            let path = "/admin/games/games/start-lists/\(setup.event.id)/final"
            let page = try await official.get(path)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Heat 2 of 2") && !page.body.string.contains("Make the final"))

            let heats = try await setup.official.send(.GET, setup.base + "/heats").decode(HeatsDTO.self)
            let runners = heats.heats[0].runners
            var form = runners.map { ("rows[\($0.entryId)][mark]", "12.\(40 + $0.lane)") }
            form[1].1 = "twelve"
            let bad = try await official.post(path + "/heats/1", form)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("twelve") && bad.body.string.contains("aria-invalid"))
            form[1].1 = ""
            form.append(("rows[\(runners[1].entryId)][status]", "dns"))
            #expect(try await official.post(path + "/heats/1", form).status == .seeOther)
            #expect(try await official.post(path, [("byPlace", "3"), ("byTime", "2"), ("lanes", "8")]).status == .forbidden)

            _ = try await typeHeats(Setup(event: setup.event, entries: setup.entries, programID: setup.programID, organizer: setup.organizer,
                                          official: setup.official))
            let organizer = Browser(app)
            try await organizer.signIn("organizer@example.com", "password-123")
            // The saved track's six lanes and lane order fill the final's form.
            let venue = try await setup.organizer.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":"Track","kind":"track","lanes":6,"laneOrder":"3 4 2 5 1 6"}"#)
            #expect(venue.status == .ok || venue.status == .created, "\(venue.body.string)")
            let prefilled = try await organizer.get(path).body.string
            #expect(prefilled.contains(#"name="laneOrder" value="3 4 2 5 1 6""#) && prefilled.contains(#"name="lanes" value="6""#))
            #expect(prefilled.contains(#"name="byPlace" value="2""#) && prefilled.contains(#"name="byTime" value="2""#))
            let wrong = try await organizer.post(path, [("byPlace", "three"), ("byTime", "2"), ("lanes", "8"), ("version", "0")])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("“three” is not a whole number"), "\(wrong.body.string)")
            #expect(try await organizer.post(path, [("byPlace", "3"), ("byTime", "2"), ("lanes", "8"), ("version", "0")]).status == .seeOther)
            let made = try await organizer.get(path)
            #expect(made.body.string.contains("The first 3 of each heat (Q) and the 2 fastest others (q)."))
            let print = try await organizer.get("/admin/games/games/start-lists/\(setup.event.id)")
            #expect(print.body.string.contains(">Final<") && print.body.string.contains("12.00 Q"))
            let results = try await organizer.get("/admin/games/games/results/\(setup.event.id)")
            #expect(results.body.string.contains("Only the finalists are typed here"))
            #expect(results.body.string.components(separatedBy: "class=\"sheet-row").count == 9)
            #expect(try await organizer.post(path + "/withdraw", [("version", "1")]).status == .seeOther)
            #expect(try await GamesFinalLaneModel.query(on: app.db).count() == 0)
            #expect(try await Browser(app).get(path).status != .ok)
            #expect(try await organizer.get("/admin/games/games/start-lists/999/final").status == .notFound)
        }
    }
}
