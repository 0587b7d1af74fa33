import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games opening ceremony: the run of show")
struct RunOfShowTests {
    let show = StaffFixture.show

    func add(_ f: StaffFixture, _ json: String, headers: HTTPHeaders = [:]) async throws -> RunOfShowSegmentDTO {
        let response = try await f.organizer.send(.POST, show, json: json)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(RunOfShowSegmentDTO.self)
    }

    @Test func segmentsRunBackToBackFromTheStartTime() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let empty = try await f.anonymous.send(.GET, show).decode(RunOfShowDTO.self)
            #expect((empty.startsAt, empty.endsAt, empty.version, empty.segments) == ("08:30", "08:30", 0, []))
            let started = try await f.organizer.send(.PUT, show, json: #"{"startsAt":"8:30","version":0}"#)
            #expect(started.status == .ok, "\(started.body.string)")
            #expect(try await f.organizer.send(.PUT, show, json: #"{"startsAt":"9:00","version":0}"#).status == .conflict)

            let flag = try await add(f, #"{"kind":"flag","title":"Flag raising","duration":5}"#)
            let speech = try await add(f, #"{"kind":"speech","title":"Opening speech","duration":12,"performer":" 周明, Chairman "}"#)
            let dance = try await add(f, #"{"kind":"performance","title":"Mechanical dance “Tractor”","duration":10,"performer":"Cheering squad"}"#)
            #expect((flag.startsAt, speech.startsAt, dance.startsAt, dance.endsAt) == ("08:30", "08:35", "08:47", "08:57"))
            #expect(speech.performer == "周明, Chairman")

            var ceremony = try await f.anonymous.send(.GET, show).decode(RunOfShowDTO.self)
            #expect(ceremony.segments.map(\.startsAt) == ["08:30", "08:35", "08:47"] && ceremony.endsAt == "08:57" && ceremony.version == 1)

            // Moved to the front with the version read; a stale edit is refused; a later start moves everything.
            let moved = try await f.organizer.send(.PUT, "\(show)/\(dance.id)", json: #"{"position":1,"version":1}"#)
            #expect(try moved.decode(RunOfShowSegmentDTO.self).startsAt == "08:30")
            #expect(try await f.organizer.send(.PUT, "\(show)/\(dance.id)", json: #"{"duration":3,"version":1}"#).status == .conflict)
            #expect(try await f.organizer.send(.PUT, "\(show)/\(dance.id)", json: #"{"duration":3}"#).status == .unprocessableEntity)
            _ = try await f.organizer.send(.PUT, show, json: #"{"startsAt":"09:00","version":1}"#)
            ceremony = try await f.anonymous.send(.GET, show).decode(RunOfShowDTO.self)
            #expect(ceremony.segments.map(\.title) == ["Mechanical dance “Tractor”", "Flag raising", "Opening speech"])
            #expect(ceremony.segments.map(\.startsAt) == ["09:00", "09:10", "09:15"] && ceremony.segments.map(\.position) == [1, 2, 3])
            let cleared = try await f.organizer.send(.PUT, "\(show)/\(speech.id)", json: #"{"performer":"","version":1}"#).decode(RunOfShowSegmentDTO.self)
            #expect(cleared.performer == nil && cleared.title == "Opening speech" && cleared.duration == 12)

            #expect(try await f.organizer.send(.DELETE, "\(show)/\(flag.id)?version=2").status == .conflict)
            #expect(try await f.organizer.send(.DELETE, "\(show)/\(flag.id)?version=1").status == .noContent)
            ceremony = try await f.anonymous.send(.GET, show).decode(RunOfShowDTO.self)
            #expect(ceremony.segments.map(\.startsAt) == ["09:00", "09:10"] && ceremony.endsAt == "09:22")
            #expect(try await f.organizer.send(.DELETE, "\(show)/999999").status == .notFound)
        }
    }

    @Test func theMarchInFollowsTheFlagsWithTheTeamsInTheOrderSet() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let marchIn = try await add(f, #"{"kind":"marchIn","title":"March-in of the formations","fromTeams":{}}"#)
            #expect(marchIn.formations == ["National flag formation", "Group company flag formation", "Anhe Robotics", "Jinghua Steel Structure", "Jinghua Technology"])
            // Five formations at 30 seconds each pass the stand in 2½ minutes: three on the clock.
            #expect((marchIn.minutes, marchIn.duration, marchIn.startsAt, marchIn.endsAt) == (3, 3, "08:30", "08:33"))
            #expect(marchIn.cues.map(\.at) == ["08:30:00", "08:30:30", "08:31:00", "08:31:30", "08:32:00"])

            let (technology, steel, robotics) = (f.teams[0].id, f.teams[1].id, f.teams[2].id)
            let reordered = try await f.organizer.send(.PUT, "\(show)/\(marchIn.id)", json: #"""
                {"fromTeams":{"teamIds":[\#(technology),\#(robotics),\#(steel)],"nationalFlag":"","groupFlag":"Jinghua Holdings Group flag"},"secondsPerFormation":60,"version":1}
                """#)
            #expect(reordered.status == .ok, "\(reordered.body.string)")
            let saved = try reordered.decode(RunOfShowSegmentDTO.self)
            #expect(saved.formations == ["Jinghua Holdings Group flag", "Jinghua Technology", "Anhe Robotics", "Jinghua Steel Structure"])
            #expect(saved.minutes == 4 && saved.cues.last?.at == "08:33:00")
            let speech = try await add(f, #"{"kind":"speech","title":"Opening speech","duration":8}"#)
            #expect(speech.startsAt == "08:34")

            // Typed formations, in the reader's language by default.
            let chinese = try await f.organizer.send(.PUT, "\(show)/\(marchIn.id)", json: #"{"fromTeams":{"teamIds":[\#(steel)]},"version":2}"#)
            #expect(try chinese.decode(RunOfShowSegmentDTO.self).formations.prefix(2) == ["National flag formation", "Group company flag formation"])
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: f.organizer.token!)
            headers.contentType = .json
            headers.add(name: .acceptLanguage, value: "zh-CN")
            let zh = try await app.testing().sendRequest(.PUT, "\(show)/\(marchIn.id)", headers: headers,
                                                        body: ByteBuffer(string: #"{"fromTeams":{},"version":3}"#))
            #expect(try zh.decode(RunOfShowSegmentDTO.self).formations.prefix(2) == ["国旗方阵", "集团旗方阵"])

            let notMarch = try await f.organizer.send(.PUT, "\(show)/\(speech.id)", json: #"{"fromTeams":{},"version":1}"#)
            #expect(StaffFixture.fieldMessages(notMarch)["fromTeams"] == "Only a march-in takes its formations from the teams.")
            let unknown = try await f.organizer.send(.PUT, "\(show)/\(marchIn.id)", json: #"{"fromTeams":{"teamIds":[999]},"version":4}"#)
            #expect(StaffFixture.fieldMessages(unknown)["fromTeams.teamIds"] == "No such team in this program: 999.")
        }
    }

    @Test func badSegmentsAreRefusedFieldByField() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let long = String(repeating: "演", count: 101)
            let bad = try await f.organizer.send(.POST, show, json: #"{"kind":"toast","title":"  ","duration":0,"performer":"\#(long)"}"#)
            #expect(bad.status == .unprocessableEntity)
            let fields = StaffFixture.fieldMessages(bad)
            #expect(fields["kind"]?.contains("“toast”") == true)
            #expect(fields["title"] == "Enter a title.")
            #expect(fields["duration"] == "The length must be 1 to 240 minutes, not 0.")
            #expect(fields["performer"] == "At most 100 characters.")
            #expect(StaffFixture.fieldMessages(try await f.organizer.send(.POST, show, json: #"{"kind":"speech","title":"Speech"}"#))["duration"]
                    == "This field is required.")
            let march = try await f.organizer.send(.POST, show, json: #"{"kind":"marchIn","title":"March-in","formations":["A","B"],"secondsPerFormation":1}"#)
            #expect(StaffFixture.fieldMessages(march)["secondsPerFormation"] == "Each formation needs 5 to 600 seconds, not 1.")
            // Absurd numbers are refused like any other, not an overflow that stops the server.
            let huge = try await f.organizer.send(.POST, show, json: #"{"kind":"marchIn","title":"March-in","formations":["A","B"],"secondsPerFormation":9223372036854775807}"#)
            #expect(huge.status == .unprocessableEntity)
            let start = try await f.organizer.send(.PUT, show, json: #"{"startsAt":"25:00","version":0}"#)
            #expect(StaffFixture.fieldMessages(start)["startsAt"]?.contains("“25:00”") == true)
            #expect(try await RunOfShowSegmentModel.query(on: app.db).count() == 0)
            #expect(try await f.organizer.send(.POST, show, json: #"{"kind":"speech","title":"Oath","duration":2,"position":-9223372036854775808}"#).status == .created)
        }
    }

    @Test func theRunOfShowIsPublicOnceTheProgramIsOutOfDraft() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            _ = try await add(f, #"{"kind":"marchIn","title":"March-in of the formations","fromTeams":{}}"#)
            _ = try await add(f, #"{"kind":"declaration","title":"Declaration of the opening","duration":2,"performer":"王芳"}"#)
            let page = try await Browser(app).get("/p/games/opening-ceremony")
            #expect(page.status == .ok)
            for text in ["March-in of the formations", "08:30–08:33", "08:33–08:35", "Declaration of the opening", "王芳", "08:31:00", "Anhe Robotics"] {
                #expect(page.body.string.contains(text), "\(text)")
            }
            #expect(!page.body.string.contains("<form method=\"post\" action=\"/admin"))
            #expect(try await Browser(app).get("/p/games").body.string.contains("/p/games/opening-ceremony"))
            let chinese = try await Browser(app).get("/p/games/opening-ceremony", headers: ["Accept-Language": "zh-CN"])
            #expect(chinese.body.string.contains("开幕式") && chinese.body.string.contains("方阵入场"))

            // A draft's ceremony is there only for those who run it.
            let draft = "/api/v1/programs/next-games/run-of-show"
            #expect(try await f.anonymous.send(.GET, draft).status == .notFound)
            #expect(try await Browser(app).get("/p/next-games/opening-ceremony").status == .notFound)
            #expect(try await f.organizer.send(.GET, draft).status == .ok)
            #expect(try await f.anonymous.send(.POST, show, json: #"{"kind":"other","title":"X","duration":1}"#).status == .unauthorized)
            #expect(try await f.official.send(.POST, show, json: #"{"kind":"other","title":"X","duration":1}"#).status == .forbidden)
            #expect(try await f.leader.send(.PUT, show, json: #"{"startsAt":"09:00","version":0}"#).status == .forbidden)
            #expect(try await Browser(app).get("/p/no-such-games/opening-ceremony").status == .notFound)
        }
    }

    @Test func everyChangeIsInTheAuditTrail() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            _ = try await f.organizer.send(.PUT, show, json: #"{"startsAt":"08:30","version":0}"#)
            let speech = try await add(f, #"{"kind":"speech","title":"Opening speech","duration":8}"#)
            _ = try await add(f, #"{"kind":"other","title":"Athletes' oath","duration":2,"position":1}"#)
            _ = try await f.organizer.send(.PUT, "\(show)/\(speech.id)", json: #"{"title":"Opening speech by the chairman","version":1}"#)
            _ = try await f.organizer.send(.DELETE, "\(show)/\(speech.id)")
            let segments = try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "run_of_show_segment").sort(\.$id).all()
            #expect(segments.map(\.action) == ["create", "create", "update", "delete"])
            #expect(segments[2].before?.contains("Opening speech") == true && segments[2].after?.contains("by the chairman") == true)
            let start = try #require(try await AuditEntryModel.query(on: app.db).filter(\.$entityType == "run_of_show_start").first())
            #expect(start.summary == "5th Workers' Games: 08:30 → 08:30")
        }
    }
}
