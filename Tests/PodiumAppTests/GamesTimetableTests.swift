import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games: venues, the meet-day timetable, the public schedule")
struct GamesTimetableTests {
    struct Fixture {
        let organizer: API
        let teams: [TeamDTO]
        let sprint: EventDTO
        let jump: EventDTO
        let badminton: EventDTO
        let track: VenueDTO
        let pit: VenueDTO
        let court: VenueDTO
    }

    static func fields(_ response: TestingHTTPResponse) -> Set<String> {
        Set((response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String })
    }

    static func minutes(_ text: String) -> Int { MinuteOfDay.parse(text) ?? -1 }

    /// Three teams; nine men in the 100 m (two heats and a final), Li Lei also in the long jump; four women in
    /// a badminton round robin (four players); a track, a pit and a court; the day 09:00–13:00.
    func fixture(_ app: Application) async throws -> Fixture {
        let organizer = API(app: app, token: try await app.makeToken(.organizer))
        let group = try await app.makeUnit("Group", kind: .group)
        #expect(try await organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"games","name":"Games","startDate":"2023-11-18"}"#).status == .created)
        _ = try await organizer.send(.POST, "/api/v1/programs/games/status", json: #"{"status":"open","version":1}"#)
        var teams: [TeamDTO] = []
        var men: [PersonDTO] = []
        var women: [PersonDTO] = []
        for (index, name) in ["Alpha", "Beta", "Gamma"].enumerated() {
            let unit = try await app.makeUnit(name, parent: group.id)
            teams.append(try await organizer.send(.POST, "/api/v1/programs/games/teams", json: #"{"unitId":\#(unit.id)}"#).decode(TeamDTO.self))
            for n in 0..<3 {
                men.append(try await app.makeEmployee(index == 0 && n == 0 ? "Li Lei" : "\(name) man \(n)", number: "M\(index)\(n)", unit: unit.id, gender: .male))
            }
            women.append(try await app.makeEmployee("\(name) woman", number: "W\(index)", unit: unit.id, gender: .female))
        }
        let sprint = try await organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"100m-men"}"#).decode(EventDTO.self)
        let jump = try await organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"long-jump-men"}"#).decode(EventDTO.self)
        let badminton = try await organizer.send(.POST, "/api/v1/programs/games/events", json: #"{"templateId":"badminton-singles"}"#).decode(EventDTO.self)
        func enter(_ event: EventDTO, _ person: PersonDTO, team: Int) async throws {
            let response = try await organizer.send(.POST, "/api/v1/programs/games/entries",
                                                    json: #"{"eventId":\#(event.id),"teamId":\#(teams[team].id),"personIds":[\#(person.id)]}"#)
            #expect(response.status == .created, "\(response.body.string)")
        }
        for (index, man) in men.enumerated() { try await enter(sprint, man, team: index / 3) }
        try await enter(jump, men[0], team: 0)
        try await enter(jump, men[3], team: 1)
        for (index, woman) in women.enumerated() { try await enter(badminton, woman, team: index) }
        let extra = try await app.makeEmployee("Beta second woman", number: "W9", unit: teams[1].unitId, gender: .female)
        try await enter(badminton, extra, team: 1)
        #expect(try await organizer.send(.PUT, "/api/v1/programs/games/events/\(badminton.id)/draw", json: #"{"version":0,"seeding":"entered"}"#).status == .ok)

        let track = try await organizer.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":"Main track","kind":"track","lanes":8,"laneOrder":"4 5 3 6 2 7 1 8"}"#)
        let pit = try await organizer.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":"Long-jump pit","kind":"field","opens":"09:00","closes":"13:00"}"#)
        let court = try await organizer.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":"Court 1","kind":"court"}"#)
        #expect(track.status == .created && pit.status == .created && court.status == .created)
        #expect(try await organizer.send(.PUT, "/api/v1/programs/games/timetable/settings",
                                         json: #"{"dayStart":"09:00","dayEnd":"13:00","slot":5,"changeover":10,"roundGap":20,"version":0}"#).status == .ok)
        return Fixture(organizer: organizer, teams: teams, sprint: sprint, jump: jump, badminton: badminton, track: try track.decode(VenueDTO.self),
                       pit: try pit.decode(VenueDTO.self), court: try court.decode(VenueDTO.self))
    }

    @Test func venuesAndTheDayAreCheckedFieldByField() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            #expect(f.track.laneOrder == "4 5 3 6 2 7 1 8" && f.track.lanes == 8 && f.track.opens == "00:00" && f.track.closes == "24:00")
            #expect(f.pit.lanes == nil && f.pit.opens == "09:00")

            let bad = try await f.organizer.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":" ","kind":"pool","opens":"25:00"}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            #expect(Self.fields(bad) == ["name", "kind", "opens"])
            #expect(bad.body.string.contains("Enter the venue's name."))
            let lanes = try await f.organizer.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":"Track B","kind":"track","lanes":8,"laneOrder":"4 5 3 6 2 7 1 9"}"#)
            #expect(Self.fields(lanes) == ["laneOrder"])
            let hours = try await f.organizer.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":"Hall","kind":"hall","opens":"14:00","closes":"10:00"}"#)
            #expect(Self.fields(hours) == ["closes"] && hours.body.string.contains("The venue must open before it closes (14:00–10:00)."))

            let renamed = try await f.organizer.send(.PUT, "/api/v1/programs/games/venues/\(f.court.id)", json: #"{"name":"Court A","version":1}"#)
            #expect(try renamed.decode(VenueDTO.self).name == "Court A")
            #expect(try await f.organizer.send(.PUT, "/api/v1/programs/games/venues/\(f.court.id)", json: #"{"name":"Court B","version":1}"#).status == .conflict)
            #expect(try await API(app: app).send(.GET, "/api/v1/programs/games/venues").decode([VenueDTO].self).map(\.name) == ["Main track", "Long-jump pit", "Court A"])

            let settings = try await API(app: app).send(.GET, "/api/v1/programs/games/timetable/settings").decode(TimetableSettingsDTO.self)
            #expect(settings == TimetableSettingsDTO(dayStart: "09:00", dayEnd: "13:00", slot: 5, changeover: 10, roundGap: 20, version: 1))
            let backwards = try await f.organizer.send(.PUT, "/api/v1/programs/games/timetable/settings", json: #"{"dayStart":"12:00","dayEnd":"09:00","slot":0,"version":1}"#)
            #expect(Self.fields(backwards) == ["dayEnd", "slot"])
            #expect(try await f.organizer.send(.PUT, "/api/v1/programs/games/timetable/settings", json: #"{"roundGap":30,"version":0}"#).status == .conflict)

            let plans = try await API(app: app).send(.GET, "/api/v1/programs/games/timetable/plans").decode([EventPlanDTO].self)
            #expect(plans.map(\.venueKinds) == [[.track], [.field], [.court]] && plans.map(\.minutes) == [5, 30, 20] && plans.map(\.per) == ["heat", "session", "match"])
            let changed = try await f.organizer.send(.PUT, "/api/v1/programs/games/timetable/plans/\(f.jump.id)", json: #"{"minutes":25,"venueId":\#(f.pit.id),"version":0}"#)
            #expect(try changed.decode(EventPlanDTO.self).venueId == f.pit.id)
            #expect(Self.fields(try await f.organizer.send(.PUT, "/api/v1/programs/games/timetable/plans/\(f.jump.id)", json: #"{"minutes":0,"version":1}"#)) == ["minutes"])
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "venue").count() == 4)
        }
    }

    @Test func theDayIsPlannedMovedByHandAndPlannedAgain() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            let planned = try await f.organizer.send(.POST, "/api/v1/programs/games/schedule/plan")
            #expect(planned.status == .ok)
            let schedule = try planned.decode(ScheduleDTO.self)
            #expect(schedule.problems.isEmpty && schedule.unplaced.isEmpty)
            let byKey = Dictionary(uniqueKeysWithValues: schedule.items.map { ($0.key, $0) })
            let sprint = f.sprint.id, jump = f.jump.id, badminton = f.badminton.id
            // Nine men, eight lanes: two heats, then the final with the gap between rounds.
            let heats = [byKey["e\(sprint)-h1"]!, byKey["e\(sprint)-h2"]!]
            let final = byKey["e\(sprint)-f"]!
            #expect(heats.allSatisfy { $0.venue == "Main track" && $0.roundIndex == 1 } && final.roundIndex == 2)
            #expect(final.label == "Men's 100 m · final" && heats[0].label == "Men's 100 m · heat 1")
            #expect(heats.allSatisfy { Self.minutes(final.start) >= Self.minutes($0.end) + 20 })
            // Li Lei runs and jumps: never at once, the changeover apart.
            let jumping = byKey["e\(jump)-s"]!
            #expect(jumping.venue == "Long-jump pit")
            for run in heats + [final] {
                #expect(Self.minutes(jumping.start) >= Self.minutes(run.end) + 10 || Self.minutes(run.start) >= Self.minutes(jumping.end) + 10)
            }
            // The badminton round robin: four players, three rounds of matches, in order.
            let matches = schedule.items.filter { $0.eventId == badminton }
            #expect(matches.count == 6 && Set(matches.map(\.roundIndex)) == [1, 2, 3])
            for early in matches { for late in matches where late.roundIndex > early.roundIndex {
                #expect(Self.minutes(late.start) >= Self.minutes(early.end) + 20)
            } }
            #expect(matches[0].label.hasPrefix("Badminton singles · Round 1 · match"))

            // A move next to the 100 m final is refused, naming who clashes.
            let clash = try await f.organizer.send(.PUT, "/api/v1/programs/games/schedule/e\(jump)-s",
                                                   json: #"{"venueId":\#(f.pit.id),"start":"\#(final.start)","version":\#(jumping.version)}"#)
            #expect(clash.status == .unprocessableEntity)
            #expect(Self.fields(clash).contains("start"))
            #expect(clash.body.string.contains("Li Lei is in Men's 100 m · final at \(final.start)"))
            let wrongVenue = try await f.organizer.send(.PUT, "/api/v1/programs/games/schedule/e\(jump)-s",
                                                        json: #"{"venueId":\#(f.track.id),"start":"12:00","version":\#(jumping.version)}"#)
            #expect(wrongVenue.body.string.contains("cannot take place at Main track"))

            let moved = try await f.organizer.send(.PUT, "/api/v1/programs/games/schedule/e\(jump)-s",
                                                   json: #"{"venueId":\#(f.pit.id),"start":"12:00","version":\#(jumping.version)}"#)
            #expect(moved.status == .ok)
            let pinned = try moved.decode(ScheduleItemDTO.self)
            #expect(pinned.pinned && pinned.start == "12:00" && pinned.end == "12:30" && pinned.version == jumping.version + 1)
            #expect(try await f.organizer.send(.PUT, "/api/v1/programs/games/schedule/e\(jump)-s",
                                               json: #"{"venueId":\#(f.pit.id),"start":"11:00","version":\#(jumping.version)}"#).status == .conflict)

            // Planning again keeps what was placed by hand.
            let again = try await f.organizer.send(.POST, "/api/v1/programs/games/schedule/plan").decode(ScheduleDTO.self)
            let kept = again.items.first { $0.key == "e\(jump)-s" }!
            #expect(kept.pinned && kept.start == "12:00")
            #expect(again.items.count == schedule.items.count)

            // Unpinned, the next plan may move it back.
            #expect(try await f.organizer.send(.DELETE, "/api/v1/programs/games/schedule/e\(jump)-s/pin?version=\(kept.version)").status == .noContent)
            let free = try await f.organizer.send(.POST, "/api/v1/programs/games/schedule/plan").decode(ScheduleDTO.self)
            let back = free.items.first { $0.key == "e\(jump)-s" }!
            #expect(!back.pinned && back.start == jumping.start)
            #expect(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "timetable").count() == 3)

            // A venue in use cannot go.
            let inUse = try await f.organizer.send(.DELETE, "/api/v1/programs/games/venues/\(f.pit.id)")
            #expect(inUse.status == .conflict && inUse.body.string.contains("Long-jump pit has 1 items on the timetable"))
        }
    }

    @Test func aDayTooShortIsReportedInWords() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            #expect(try await f.organizer.send(.PUT, "/api/v1/programs/games/timetable/settings", json: #"{"dayEnd":"09:30","version":1}"#).status == .ok)
            let schedule = try await f.organizer.send(.POST, "/api/v1/programs/games/schedule/plan").decode(ScheduleDTO.self)
            #expect(!schedule.problems.isEmpty && !schedule.unplaced.isEmpty)
            #expect(schedule.problems.contains { $0.message.contains("does not fit in the day before 09:30") })
            #expect(schedule.items.allSatisfy { Self.minutes($0.end) <= Self.minutes("09:30") })
            // An item left out can be placed by hand, from version 0, inside the day only.
            let left = schedule.unplaced[0]
            let stale = try await f.organizer.send(.PUT, "/api/v1/programs/games/schedule/\(left.key)", json: #"{"venueId":\#(f.court.id),"start":"10:00","version":3}"#)
            #expect(stale.status == .conflict)
            let late = try await f.organizer.send(.PUT, "/api/v1/programs/games/schedule/\(left.key)", json: #"{"venueId":\#(f.court.id),"start":"10:00","version":0}"#)
            #expect(late.status == .unprocessableEntity && late.body.string.contains("must run between 09:00 and 09:30 at Court 1"))
            // The office reads the same reasons back from what is stored.
            let stored = try await f.organizer.send(.GET, "/api/v1/programs/games/schedule").decode(ScheduleDTO.self)
            #expect(stored.problems.contains { $0.message.contains("does not fit in the day before 09:30") })
            #expect(try await API(app: app).send(.GET, "/api/v1/programs/games/schedule").decode(ScheduleDTO.self).problems.isEmpty)
        }
    }

    @Test func thePublicSeesTheScheduleAndOnlyOrganizersPlanIt() async throws {
        try await withPodium { app in
            let f = try await fixture(app)
            _ = try await f.organizer.send(.POST, "/api/v1/programs/games/schedule/plan")
            let page = try await Browser(app).get("/p/games/schedule")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("· heat 1") && html.contains("Long-jump pit") && html.contains("Court 1"))
            #expect(html.contains("Men&#39;s 100 m · final") || html.contains("Men's 100 m · final"))
            let filtered = try await Browser(app).get("/p/games/schedule?venue=\(f.pit.id)").body.string
            #expect(filtered.contains("long jump") && !filtered.contains("· heat 1"))
            let chinese = try await Browser(app).get("/p/games/schedule", headers: ["Accept-Language": "zh-CN"]).body.string
            #expect(chinese.contains("竞赛日程") && chinese.contains("第 1 组"))
            #expect(try await Browser(app).get("/p/games").body.string.contains("/p/games/schedule"))

            _ = try await f.organizer.send(.POST, "/api/v1/programs", json: #"{"kind":"games","slug":"draft-games","name":"Draft","startDate":"2024-11-18"}"#)
            #expect(try await Browser(app).get("/p/draft-games/schedule").status == .notFound)
            #expect(try await API(app: app).send(.GET, "/api/v1/programs/draft-games/schedule").status == .notFound)
            #expect(try await f.organizer.send(.GET, "/api/v1/programs/draft-games/schedule").status == .ok)

            let leader = API(app: app, token: try await app.makeToken(.teamLeader, unitID: f.teams[0].unitId))
            #expect(try await leader.send(.POST, "/api/v1/programs/games/schedule/plan").status == .forbidden)
            #expect(try await API(app: app).send(.POST, "/api/v1/programs/games/schedule/plan").status == .unauthorized)
            #expect(try await leader.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":"Mine","kind":"hall"}"#).status == .forbidden)
            #expect(try await API(app: app).send(.PUT, "/api/v1/programs/games/schedule/e\(f.jump.id)-s", json: #"{"venueId":1,"start":"12:00","version":1}"#).status == .unauthorized)
        }
    }
}
