import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games day staff: duty posts, shifts, assignments, filling gaps")
struct GamesStaffTests {
    let duties = StaffFixture.duties

    @Test func postsAndShiftsAreKeptInOrderWithTheirCoverage() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let callRoom = try await f.post("Call room", venue: "South gate")
            let judges = try await f.post("Track  judges ", kind: "judge")
            #expect((callRoom.position, judges.position, judges.name, callRoom.venueName) == (1, 2, "Track judges", "South gate"))
            let aid = try await f.organizer.send(.POST, "\(duties)/posts", json: #"{"name":"First aid","kind":"firstAid","position":1}"#).decode(DutyPostDTO.self)
            #expect(aid.position == 1)
            #expect(try await f.posts().map(\.name) == ["First aid", "Call room", "Track judges"])

            let afternoon = try await f.shift(callRoom, "13:00", "17:00", needed: 3)
            let morning = try await f.shift(callRoom, "7:30", "12:00", needed: 4)
            #expect((morning.starts, morning.ends, morning.missing, morning.assignedPersonIds) == ("07:30", "12:00", 4, []))
            let listed = try #require(try await f.posts().first { $0.id == callRoom.id })
            #expect(listed.shifts.map(\.id) == [morning.id, afternoon.id])

            // Renamed with the version read; a stale version and a name already used are refused.
            let renamed = try await f.organizer.send(.PUT, "\(duties)/posts/\(callRoom.id)", json: #"{"name":"Call room (检录处)","venueName":"","version":1}"#)
            #expect(renamed.status == .ok, "\(renamed.body.string)")
            let saved = try renamed.decode(DutyPostDTO.self)
            #expect((saved.name, saved.venueName, saved.kind, saved.version, saved.shifts.count) == ("Call room (检录处)", nil, .callRoom, 2, 2))
            #expect(try await f.organizer.send(.PUT, "\(duties)/posts/\(callRoom.id)", json: #"{"name":"Old","version":1}"#).status == .conflict)
            let same = try await f.organizer.send(.POST, "\(duties)/posts", json: #"{"name":"first AID","kind":"firstAid"}"#)
            #expect(same.status == .unprocessableEntity && StaffFixture.fieldMessages(same)["name"] == "There is already a post called “First aid”.")

            // A post's shifts may not overlap; removing one leaves the others.
            let overlap = try await f.organizer.send(.POST, "\(duties)/posts/\(callRoom.id)/shifts", json: #"{"starts":"11:00","ends":"14:00","needed":1}"#)
            #expect(StaffFixture.fieldMessages(overlap)["starts"] == "Call room (检录处) already has a shift at 07:30–12:00.")
            #expect(try await f.organizer.send(.DELETE, "\(duties)/shifts/\(afternoon.id)?version=2").status == .conflict)
            #expect(try await f.organizer.send(.DELETE, "\(duties)/shifts/\(afternoon.id)?version=1").status == .noContent)
            #expect(try await f.organizer.send(.DELETE, "\(duties)/posts/\(aid.id)?version=1").status == .noContent)
            #expect(try await f.posts().map(\.position) == [1, 2])
            #expect(try await f.organizer.send(.DELETE, "\(duties)/posts/999999").status == .notFound)
        }
    }

    @Test func aDoubleBookingIsRefusedNamingThePersonTheOtherPostAndTheTime() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let callRoom = try await f.post("Call room")
            let judges = try await f.post("Track judges", kind: "judge")
            let morning = try await f.shift(callRoom, "08:00", "12:00", needed: 2)
            let zhou = f.people[0]

            let first = try await f.assign(#"{"shiftId":\#(morning.id),"personId":\#(zhou.id)}"#)
            #expect(first.status == .created, "\(first.body.string)")
            let assignment = try first.decode(DutyAssignmentDTO.self)
            #expect((assignment.postName, assignment.personName, assignment.employeeNumber, assignment.starts, assignment.ends)
                    == ("Call room", "周明", "JH001", "08:00", "12:00"))
            #expect(assignment.unitName == "Jinghua Holdings Group › Jinghua Technology")

            let clash = try await f.assign(#"{"postId":\#(judges.id),"personId":\#(zhou.id),"starts":"10:00","ends":"11:00"}"#)
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.headers.contentType?.description.contains("application/problem+json") == true)
            #expect(StaffFixture.fieldMessages(clash)["personId"] == "周明 is already on Call room at 08:00–12:00, so cannot be on Track judges.")
            // By employee number, straight after the morning: no clash.
            #expect(try await f.assign(#"{"postId":\#(judges.id),"employeeNumber":"JH001","starts":"12:00","ends":"13:00"}"#).status == .created)
            let child = try await f.assign(#"{"postId":\#(judges.id),"personId":\#(f.child.id),"starts":"09:00","ends":"10:00"}"#)
            #expect(StaffFixture.fieldMessages(child)["personId"] == "周小明 is a family member; the organizing team is made of employees.")

            // Coverage: 周明 covers the whole shift, 王芳 only part of it, so one place is still open.
            #expect(try await f.assign(#"{"shiftId":\#(morning.id),"personId":\#(f.people[1].id),"ends":"10:00"}"#).status == .created)
            var shift = try #require(try await f.posts().first { $0.id == callRoom.id }?.shifts.first)
            #expect((shift.assignedPersonIds, shift.partialPersonIds, shift.missing) == ([zhou.id], [f.people[1].id], 1))
            #expect(try await f.assign(#"{"shiftId":\#(morning.id),"personId":\#(f.people[2].id)}"#).status == .created)
            shift = try #require(try await f.posts().first { $0.id == callRoom.id }?.shifts.first)
            #expect(shift.missing == 0 && shift.assignedPersonIds.count == 2)

            let mine = try await f.official.send(.GET, "\(duties)/assignments?personId=\(zhou.id)").decode([DutyAssignmentDTO].self)
            #expect(mine.map { "\($0.postName) \($0.starts)–\($0.ends)" } == ["Call room 08:00–12:00", "Track judges 12:00–13:00"])
            #expect(try await f.official.send(.GET, "\(duties)/assignments?postId=\(callRoom.id)").decode([DutyAssignmentDTO].self).count == 3)

            // A post with people on it stays until they are taken off.
            let refused = try await f.organizer.send(.DELETE, "\(duties)/posts/\(callRoom.id)")
            #expect(refused.status == .conflict && (refused.json["detail"] as? String) == "Call room has 3 people on duty: take them off first.")
            #expect(try await f.organizer.send(.DELETE, "\(duties)/assignments/\(assignment.id)?version=1").status == .noContent)
            #expect(try await f.organizer.send(.DELETE, "\(duties)/assignments/\(assignment.id)").status == .notFound)
        }
    }

    @Test func badInputIsRefusedFieldByFieldAndChangesNothing() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let post = try await f.organizer.send(.POST, "\(duties)/posts", json: #"{"name":"  ","kind":"cook","venueName":"\#(String(repeating: "场", count: 101))"}"#)
            #expect(post.status == .unprocessableEntity)
            let postFields = StaffFixture.fieldMessages(post)
            #expect(postFields["name"] == "Enter the post's name (e.g. Call room, Long jump judges).")
            #expect(postFields["kind"]?.contains("“cook”") == true && postFields["venueName"] == "At most 100 characters.")
            #expect(StaffFixture.fieldMessages(try await f.organizer.send(.POST, "\(duties)/posts", json: #"{"name":"X"}"#))["kind"] == "Choose the kind of post.")

            let callRoom = try await f.post("Call room")
            let shift = try await f.organizer.send(.POST, "\(duties)/posts/\(callRoom.id)/shifts", json: #"{"starts":"25:00","ends":"8:00","needed":0}"#)
            let shiftFields = StaffFixture.fieldMessages(shift)
            #expect(shiftFields["starts"] == "“25:00” is not a time; write it as HH:mm, from 00:00 to 23:59 (e.g. 08:30).")
            #expect(shiftFields["needed"] == "“0” must be a whole number from 1 to 200." && shiftFields["ends"] == nil)
            #expect(StaffFixture.fieldMessages(try await f.organizer.send(.POST, "\(duties)/posts/\(callRoom.id)/shifts",
                                                                          json: #"{"starts":"12:00","ends":"08:00"}"#))
                    == ["ends": "The shift must end after it starts (12:00–08:00).", "needed": "This field is required."])

            let assignment = StaffFixture.fieldMessages(try await f.assign(#"{"starts":"9","note":"\#(String(repeating: "x", count: 201))"}"#))
            #expect(Set(assignment.keys) == ["postId", "starts", "ends", "personId", "note"])
            #expect(assignment["personId"] == "Type the employee number or the full name of the person on duty.")
            #expect(StaffFixture.fieldMessages(try await f.assign(#"{"postId":\#(callRoom.id),"employeeNumber":"NOPE","starts":"08:00","ends":"09:00"}"#))["personId"]
                    == "No employee has the number NOPE.")
            #expect(try await f.assign(#"{"shiftId":999999,"personId":\#(f.people[0].id)}"#).status == .notFound)
            #expect(try await DutyAssignmentModel.query(on: app.db).count() == 0)
            #expect(try await DutyShiftModel.query(on: app.db).count() == 0)
        }
    }

    @Test func fillingGapsNeverDoubleBooksAndLeavesAthletesFree() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let callRoom = try await f.post("Call room")
            let judges = try await f.post("Track judges", kind: "judge")
            let aid = try await f.post("First aid", kind: "firstAid")
            try await f.shift(callRoom, "08:00", "12:00", needed: 2)
            try await f.shift(judges, "09:00", "11:00", needed: 2)
            try await f.shift(aid, "12:00", "16:00", needed: 2)
            // 周明 is already on the call room; he is not put anywhere else that morning.
            _ = try await f.assign(#"{"postId":\#(callRoom.id),"personId":\#(f.people[0].id),"starts":"08:00","ends":"12:00"}"#)

            let filled = try await f.organizer.send(.POST, "\(duties)/fill", json: #"{"unitId":\#(f.technology.id)}"#)
            #expect(filled.status == .ok, "\(filled.body.string)")
            let fill = try filled.decode(DutyFillDTO.self)
            // Jinghua Technology's pool is 周明, 王芳 and 李强: 张伟 competes, so he stays free.
            #expect(fill.poolSize == 3)
            #expect(!fill.added.contains { $0.personId == f.athlete.id })
            #expect(fill.unfilled.map(\.missing) == [1])
            let all = try await DutyAssignmentModel.query(on: app.db).all()
            let core = all.map { DutyAssignment(personID: $0.$person.id, postID: $0.$post.id, start: $0.starts, end: $0.ends) }
            #expect(DutyRoster.check(assignments: core).isEmpty)

            // More people, by employee number: the gap closes, and a second fill adds nothing.
            let more = try await f.organizer.send(.POST, "\(duties)/fill", json: #"{"employeeNumbers":["JH101","JH102"],"postId":\#(judges.id)}"#).decode(DutyFillDTO.self)
            #expect(more.added.count == 1 && more.added[0].postName == "Track judges" && more.unfilled.isEmpty)
            #expect(try await f.organizer.send(.POST, "\(duties)/fill", json: #"{"unitId":\#(f.steel.id)}"#).decode(DutyFillDTO.self).added.isEmpty)
            #expect(try await f.posts().flatMap(\.shifts).allSatisfy { $0.missing == 0 })

            let unknown = try await f.organizer.send(.POST, "\(duties)/fill", json: #"{"employeeNumbers":["JH001","X1","X2"]}"#)
            #expect(StaffFixture.fieldMessages(unknown)["employeeNumbers"] == "No employee has the number X1, X2.")
            #expect(StaffFixture.fieldMessages(try await f.organizer.send(.POST, "\(duties)/fill", json: "{}"))["unitId"]
                    == "Choose a unit, or type employee numbers, to fill from.")
            let onlyAthlete = try await f.organizer.send(.POST, "\(duties)/fill", json: #"{"employeeNumbers":["JH004"]}"#)
            #expect(StaffFixture.fieldMessages(onlyAthlete)["employeeNumbers"]?.contains("not athletes") == true)
            #expect(try await f.organizer.send(.POST, "\(duties)/fill", json: #"{"employeeNumbers":["JH004"],"includeAthletes":true}"#).status == .ok)
        }
    }

    @Test func officialsReadTheRosterOnlyOrganizersChangeIt() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let post = try await f.post("Call room")
            let shift = try await f.shift(post, "08:00", "12:00", needed: 1)
            let assignment = try await f.assign(#"{"shiftId":\#(shift.id),"personId":\#(f.people[0].id)}"#).decode(DutyAssignmentDTO.self)

            #expect(try await f.official.send(.GET, "\(duties)/posts").status == .ok)
            #expect(try await f.official.send(.GET, "\(duties)/assignments").decode([DutyAssignmentDTO].self).count == 1)
            let writes: [(HTTPMethod, String, String?)] = [
                (.POST, "\(duties)/posts", #"{"name":"X","kind":"other"}"#), (.PUT, "\(duties)/posts/\(post.id)", #"{"name":"X","version":1}"#),
                (.DELETE, "\(duties)/posts/\(post.id)", nil), (.POST, "\(duties)/posts/\(post.id)/shifts", #"{"starts":"13:00","ends":"14:00","needed":1}"#),
                (.DELETE, "\(duties)/shifts/\(shift.id)", nil), (.POST, "\(duties)/assignments", #"{"shiftId":\#(shift.id),"personId":\#(f.people[1].id)}"#),
                (.DELETE, "\(duties)/assignments/\(assignment.id)", nil), (.POST, "\(duties)/fill", #"{"unitId":\#(f.technology.id)}"#),
            ]
            for (method, path, json) in writes {
                #expect(try await f.official.send(method, path, json: json).status == .forbidden, "\(method) \(path)")
                #expect(try await f.leader.send(method, path, json: json).status == .forbidden, "\(method) \(path)")
                #expect(try await f.anonymous.send(method, path, json: json).status == .unauthorized, "\(method) \(path)")
            }
            #expect(try await f.leader.send(.GET, "\(duties)/posts").status == .forbidden)
            #expect(try await f.anonymous.send(.GET, "\(duties)/assignments").status == .unauthorized)
            // Another program's official sees nothing of this one; a draft is not there for them.
            let other = API(app: app, token: try await app.makeToken(.official, programID: f.draft.id))
            #expect(try await other.send(.GET, "\(duties)/posts").status == .forbidden)
            #expect(try await f.official.send(.GET, "/api/v1/programs/next-games/duties/posts").status == .notFound)
            #expect(try await f.organizer.send(.GET, "/api/v1/programs/next-games/duties/posts").status == .ok)
            #expect(try await DutyAssignmentModel.query(on: app.db).count() == 1)
        }
    }

    @Test func everyChangeIsInTheAuditTrail() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let post = try await f.post("Call room")
            let shift = try await f.shift(post, "08:00", "12:00", needed: 2)
            let assignment = try await f.assign(#"{"shiftId":\#(shift.id),"personId":\#(f.people[0].id)}"#).decode(DutyAssignmentDTO.self)
            _ = try await f.organizer.send(.POST, "\(duties)/fill", json: #"{"employeeNumbers":["JH002"]}"#)
            _ = try await f.organizer.send(.DELETE, "\(duties)/assignments/\(assignment.id)")
            _ = try await f.organizer.send(.PUT, "\(duties)/posts/\(post.id)", json: #"{"kind":"judge","version":1}"#)
            _ = try await f.organizer.send(.DELETE, "\(duties)/shifts/\(shift.id)")
            func actions(_ entity: String) async throws -> [String] {
                try await AuditEntryModel.query(on: app.db).filter(\.$entityType == entity).sort(\.$id).all().map(\.action)
            }
            #expect(try await actions("duty_post") == ["create", "update"])
            #expect(try await actions("duty_shift") == ["create", "delete"])
            #expect(try await actions("duty_assignment") == ["create", "create", "delete"])
            let filled = try #require(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "duty_assignment").sort(\.$id).all().dropFirst().first)
            #expect(filled.reason == "fill gaps from a pool of 1" && filled.summary.contains("王芳"))
        }
    }

    @Test func nobodyIsOnDutyWhileTheirOwnEventIsOnTheTimetable() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            // 张伟 runs the 100 m, planned at 09:00–09:05 on the only track.
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/venues", json: #"{"name":"Track","kind":"track","lanes":8}"#).status == .created)
            _ = try await f.organizer.send(.PUT, "/api/v1/programs/games/timetable/settings", json: #"{"dayStart":"09:00","dayEnd":"12:00","version":0}"#)
            #expect(try await f.organizer.send(.POST, "/api/v1/programs/games/schedule/plan").status == .ok)
            let post = try await f.post("Call room")
            let refused = try await f.assign(#"{"postId":\#(post.id),"employeeNumber":"JH004","starts":"08:30","ends":"10:00"}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(StaffFixture.fieldMessages(refused)["personId"]?.contains("张伟 competes in") == true, "\(refused.body.string)")
            #expect(try await f.assign(#"{"postId":\#(post.id),"employeeNumber":"JH004","starts":"09:30","ends":"10:00"}"#).status == .created)
            // Filling gaps passes over an athlete whose event falls in the shift, even when athletes may help.
            let shift = try await f.shift(post, "08:45", "09:15", needed: 1)
            let fill = try await f.organizer.send(.POST, "\(duties)/fill", json: #"{"employeeNumbers":["JH004"],"includeAthletes":true}"#).decode(DutyFillDTO.self)
            #expect(fill.added.isEmpty && fill.unfilled.count == 1)
            // Times given with a shift may narrow it but not reach past it.
            let past = try await f.assign(#"{"shiftId":\#(shift.id),"employeeNumber":"JH001","ends":"12:00"}"#)
            #expect(StaffFixture.fieldMessages(past)["ends"] == "A duty for this shift must stay within it (08:45–09:15).")
            #expect(try await f.assign(#"{"shiftId":\#(shift.id),"employeeNumber":"JH001","ends":"09:00"}"#).status == .created)
        }
    }
}
