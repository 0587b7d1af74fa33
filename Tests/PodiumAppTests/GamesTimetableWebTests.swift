import Fluent
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games timetable back office page")
struct GamesTimetableWebTests {
    @Test func anOrganizerSetsUpPlansAndMovesItemsOnThePage() async throws {
        try await withPodium { app in
            let f = try await GamesTimetableTests().fixture(app)
            try await app.makeUser("organizer@test.podium", grants: [RoleGrant(role: .organizer)])
            let organizer = Browser(app)
            try await organizer.signIn("organizer@test.podium", "password-123")
            let base = "/admin/games/games/timetable"

            let office = try await organizer.get("/admin/games/games")
            #expect(office.body.string.contains("href=\"\(base)\""))
            let empty = try await organizer.get(base)
            #expect(empty.status == .ok)
            #expect(empty.body.string.contains("Main track") && empty.body.string.contains("Plan the day"))

            let bad = try await organizer.post("\(base)/venues", [("name", ""), ("kind", "track"), ("lanes", "eight"), ("opens", "09:00"), ("closes", "17:00")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("“eight” is not a whole number."))
            let badOrder = try await organizer.post("\(base)/venues", [("name", "Track B"), ("kind", "track"), ("lanes", "6"), ("laneOrder", "1 2 3"),
                                                                       ("opens", "09:00"), ("closes", "17:00")])
            #expect(badOrder.status == .unprocessableEntity && badOrder.body.string.contains("Lanes 4, 5, 6 are missing from the order."))
            #expect(badOrder.body.string.contains("value=\"Track B\""))
            let hall = try await organizer.post("\(base)/venues", [("name", "Sports hall"), ("kind", "hall"), ("lanes", ""), ("laneOrder", ""),
                                                                   ("opens", "09:00"), ("closes", "17:00")])
            #expect(hall.status == .seeOther)
            let hallID = try await GamesVenueModel.query(on: app.db).filter(\.$name == "Sports hall").first()!.id!

            let settings = try await organizer.post("\(base)/settings", [("dayStart", "09:00"), ("dayEnd", "08:00"), ("slot", "5"), ("changeover", "ten"),
                                                                         ("roundGap", "20"), ("version", "1")])
            #expect(settings.status == .unprocessableEntity && settings.body.string.contains("“ten” is not a whole number."))

            let plans = try await organizer.post("\(base)/plans", [
                ("eventId[]", "\(f.sprint.id)"), ("where[]", "k:track"), ("minutes[]", "6"), ("version[]", "0"),
                ("eventId[]", "\(f.jump.id)"), ("where[]", "v:\(f.pit.id)"), ("minutes[]", "30"), ("version[]", "0"),
                ("eventId[]", "\(f.badminton.id)"), ("where[]", "k:court"), ("minutes[]", "20"), ("version[]", "0"),
            ])
            #expect(plans.status == .seeOther)
            let saved = try await GamesEventPlanModel.query(on: app.db).all()
            #expect(saved.count == 2 && saved.contains { $0.venueID == f.pit.id } && saved.contains { $0.minutes == 6 })
            let refused = try await organizer.post("\(base)/plans", [("eventId[]", "\(f.sprint.id)"), ("where[]", "k:track"), ("minutes[]", "0"), ("version[]", "1")])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Men&#39;s 100 m: Minutes must be 1 to 480, not 0."))

            #expect(try await organizer.post("\(base)/plan", []).status == .seeOther)
            let planned = try await organizer.get(base)
            #expect(planned.body.string.contains("class=\"table-wrap timetable-grid\""))
            #expect(planned.body.string.contains("id=\"item-e\(f.jump.id)-s\""))
            let final = try await GamesScheduleItemModel.query(on: app.db).filter(\.$itemKey == "e\(f.sprint.id)-f").first()!
            let jump = try await GamesScheduleItemModel.query(on: app.db).filter(\.$itemKey == "e\(f.jump.id)-s").first()!

            let clash = try await organizer.post("\(base)/items/e\(f.jump.id)-s/move", [("venueId", "\(f.pit.id)"), ("start", MinuteOfDay.text(final.startsAt)),
                                                                                          ("version", "\(jump.version)")])
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.body.string.contains("Li Lei is in Men&#39;s 100 m · final"))
            #expect(clash.body.string.contains("id=\"e-e\(f.jump.id)-s\""))
            let moved = try await organizer.post("\(base)/items/e\(f.jump.id)-s/move", [("venueId", "\(f.pit.id)"), ("start", "12:00"),
                                                                                          ("version", "\(jump.version)")])
            #expect(moved.status == .seeOther)
            let pinned = try await GamesScheduleItemModel.find(jump.id, on: app.db)!
            #expect(pinned.pinned && pinned.startsAt == 12 * 60)
            #expect(try await organizer.get(base).body.string.contains("placed by hand"))
            #expect(try await organizer.post("\(base)/items/e\(f.jump.id)-s/unpin", [("version", "\(pinned.version)")]).status == .seeOther)
            #expect(try await GamesScheduleItemModel.find(jump.id, on: app.db)!.pinned == false)

            let inUse = try await organizer.post("\(base)/venues/\(f.pit.id)/delete", [("version", "1")])
            #expect(inUse.status == .conflict && inUse.body.string.contains("Long-jump pit has 1 items on the timetable"))
            #expect(try await organizer.post("\(base)/venues/\(hallID)/delete", [("version", "1")]).status == .seeOther)

            let anonymous = try await Browser(app).get(base)
            #expect(anonymous.status == .seeOther || anonymous.status == .found)
            try await app.makeUser("leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: f.teams[0].unitId)])
            let leader = Browser(app)
            try await leader.signIn("leader@test.podium", "password-123")
            #expect(try await leader.get(base).status == .forbidden)
            #expect(try await leader.post("\(base)/plan", []).status == .forbidden)
        }
    }
}
