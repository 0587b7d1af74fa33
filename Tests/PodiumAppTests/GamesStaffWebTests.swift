import Fluent
import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Games day staff and opening ceremony on the web")
struct GamesStaffWebTests {
    let page = "/admin/games/games/staff"
    let ceremony = "/admin/games/games/opening-ceremony"

    @Test func organizersBuildTheRosterWithEveryRefusalInPlace() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let (organizer, official, leader) = try await f.browsers()
            let empty = try await organizer.get(page)
            #expect(empty.status == .ok)
            #expect(empty.body.string.contains("action=\"\(page)/posts\"") && empty.body.string.contains(f.shown("staff.noPosts")))
            #expect(try await leader.get(page).status == .forbidden)
            let anonymous = try await Browser(app).get(page)
            #expect(anonymous.status == .seeOther || anonymous.status == .found)
            let office = try await organizer.get("/admin/games/games")
            #expect(office.body.string.contains("href=\"\(page)\"") && office.body.string.contains("href=\"\(ceremony)\""))

            let bad = try await organizer.post("\(page)/posts", [("name", " "), ("kind", "callRoom"), ("venueName", "South gate")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("id=\"f-name-error\"") && bad.body.string.contains("value=\"South gate\""))
            #expect(try await organizer.post("\(page)/posts", [("name", "Call room"), ("kind", "callRoom"), ("venueName", "South gate")]).status == .seeOther)
            #expect(try await organizer.post("\(page)/posts", [("name", "Track judges"), ("kind", "judge"), ("venueName", "")]).status == .seeOther)
            let posts = try await f.posts()
            let callRoom = posts[0], judges = posts[1]

            let badShift = try await organizer.post("\(page)/posts/\(callRoom.id)/shifts", [("starts", "8"), ("ends", "12:00"), ("needed", "two")])
            #expect(badShift.status == .unprocessableEntity)
            #expect(badShift.body.string.contains("id=\"shift-\(callRoom.id)-starts-error\"") && badShift.body.string.contains("id=\"shift-\(callRoom.id)-needed-error\""))
            #expect(badShift.body.string.contains(f.shown("error.field.integer", ["value": "two"])) && badShift.body.string.contains("value=\"two\""))
            #expect(try await organizer.post("\(page)/posts/\(callRoom.id)/shifts", [("starts", "08:00"), ("ends", "12:00"), ("needed", "2")]).status == .seeOther)
            #expect(try await organizer.post("\(page)/posts/\(judges.id)/shifts", [("starts", "10:00"), ("ends", "11:00"), ("needed", "1")]).status == .seeOther)
            let shifts = try await f.posts().flatMap(\.shifts)

            // Put on a shift by employee number, then by name; a clash names the person, the other post and the time, in place.
            #expect(try await organizer.post("\(page)/assignments", [("shiftId", "\(shifts[0].id)"), ("person", "JH001")]).status == .seeOther)
            let clash = try await organizer.post("\(page)/assignments", [("shiftId", "\(shifts[1].id)"), ("person", "周明")])
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.body.string.contains("id=\"assign-\(shifts[1].id)-error\""))
            #expect(clash.body.string.contains("周明 is already on Call room at 08:00–12:00, so cannot be on Track judges."))
            #expect(clash.body.string.contains("name=\"person\" value=\"周明\""))
            let nobody = try await organizer.post("\(page)/assignments", [("shiftId", "\(shifts[1].id)"), ("person", "无名氏")])
            #expect(nobody.body.string.contains(f.shown("error.nomination.noMatch", ["text": "无名氏"])))
            let general = try await organizer.post("\(page)/assignments", [("postId", "\(judges.id)"), ("person", ""), ("starts", "9:00"), ("ends", "x"), ("note", "")])
            #expect(general.status == .unprocessableEntity && general.body.string.contains("id=\"f-person-error\"") && general.body.string.contains("id=\"f-ends-error\""))
            #expect(try await official.post("\(page)/assignments", [("shiftId", "\(shifts[1].id)"), ("person", "JH002")]).status == .forbidden)
            #expect(try await organizer.post("\(page)/assignments", [("postId", "\(judges.id)"), ("person", "王芳"), ("starts", "10:00"), ("ends", "11:00"),
                                                                     ("note", "Chief judge")]).status == .seeOther)

            // Coverage as "1 of 2" with the gap marked; the judges' shift is full.
            let roster = try await organizer.get(page)
            #expect(roster.body.string.contains("1 of 2") && roster.body.string.contains("1 of 1") && roster.body.string.contains("class=\"gap\""))
            #expect(roster.body.string.contains("Chief judge") && roster.body.string.contains("JH001"))

            // Fill the gap from the unit; the athlete stays free.
            let badFill = try await organizer.post("\(page)/fill", [("unitId", ""), ("employeeNumbers", "JH001\nZZ9"), ("onlyPostId", "")])
            #expect(badFill.status == .unprocessableEntity && badFill.body.string.contains("id=\"f-employeeNumbers-error\"")
                    && badFill.body.string.contains("No employee has the number ZZ9."))
            let filled = try await organizer.post("\(page)/fill", [("unitId", "\(f.technology.id)"), ("employeeNumbers", ""), ("onlyPostId", "")])
            #expect(filled.status == .seeOther)
            #expect(try await f.posts().flatMap(\.shifts).allSatisfy { $0.missing == 0 })
            #expect(try await DutyAssignmentModel.query(on: app.db).filter(\.$person.$id == f.athlete.id).count() == 0)

            // Read-only for the program's officials.
            let readOnly = try await official.get(page)
            #expect(readOnly.status == .ok && readOnly.body.string.contains("Call room") && !readOnly.body.string.contains("action=\"\(page)/posts\""))

            // Edits carry the version; a post with people on it stays, said in place.
            let stale = try await organizer.post("\(page)/posts/\(callRoom.id)", [("name", "Call room A"), ("kind", "callRoom"), ("venueName", ""), ("version", "7")])
            #expect(stale.status == .conflict && stale.body.string.contains(f.shown("error.version.stale")))
            #expect(try await organizer.post("\(page)/posts/\(callRoom.id)", [("name", "Call room A"), ("kind", "callRoom"), ("venueName", ""), ("version", "1")]).status == .seeOther)
            let kept = try await organizer.post("\(page)/posts/\(callRoom.id)/delete", [("version", "2")])
            #expect(kept.status == .conflict && kept.body.string.contains("Call room A has 2 people on duty: take them off first."))
            let zhou = try #require(try await DutyAssignmentModel.query(on: app.db).filter(\.$person.$id == f.people[0].id).first())
            #expect(try await organizer.post("\(page)/assignments/\(zhou.id!)/delete", [("version", "1")]).status == .seeOther)
            #expect(try await organizer.post("\(page)/shifts/\(shifts[1].id)/delete", [("version", "1")]).status == .seeOther)
            #expect(try await DutyShiftModel.query(on: app.db).count() == 1)
        }
    }

    @Test func theDutyListPrintsEveryPostAndEveryonesOwnDuties() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let (organizer, official, leader) = try await f.browsers()
            let callRoom = try await f.post("Call room", venue: "South gate")
            let aid = try await f.post("First aid", kind: "firstAid")
            let morning = try await f.shift(callRoom, "08:00", "12:00", needed: 2)
            try await f.shift(aid, "13:00", "17:00", needed: 1)
            _ = try await f.assign(#"{"shiftId":\#(morning.id),"personId":\#(f.people[0].id),"note":"Lane draw sheets"}"#)
            _ = try await f.assign(#"{"postId":\#(aid.id),"personId":\#(f.people[0].id),"starts":"13:00","ends":"17:00"}"#)
            _ = try await f.assign(#"{"shiftId":\#(morning.id),"personId":\#(f.people[4].id)}"#)

            let printed = try await organizer.get("\(page)/print")
            #expect(printed.status == .ok)
            let html = printed.body.string
            for text in ["Duty list", "Call room", "South gate", "First aid", "08:00–12:00 · 2 of 2", "13:00–17:00 · 1 of 1", "周明", "JH001", "陈静",
                         "Lane draw sheets", "Everyone&#39;s duties", "Call room · 08:00–12:00", "First aid · 13:00–17:00", "window.print()"] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(html.contains("class=\"duty-print\"") && html.contains("class=\"no-print\""))
            #expect(try await official.get("\(page)/print").status == .ok)
            #expect(try await leader.get("\(page)/print").status == .forbidden)
            #expect(try await organizer.get("\(page)").body.string.contains("href=\"\(page)/print\""))
            let css = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Public/css/podium.css").standardized.path, encoding: .utf8)
            #expect(css.contains("@page duty-list { size: A4") && css.contains("@page running-sheet { size: A4"))
        }
    }

    @Test func theOpeningCeremonyPageEditsTheRunOfShowAndPrintsTheRunningSheet() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            let (organizer, official, leader) = try await f.browsers()
            let empty = try await organizer.get(ceremony)
            #expect(empty.status == .ok && empty.body.string.contains(f.shown("runOfShow.noSegments")) && empty.body.string.contains("08:30"))
            #expect(try await leader.get(ceremony).status == .forbidden)

            let bad = try await organizer.post("\(ceremony)/segments", [("kind", "speech"), ("title", ""), ("duration", "ten"), ("performer", "周明"),
                                                                        ("formations", ""), ("secondsPerFormation", "30")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("id=\"f-duration-error\"") && bad.body.string.contains("value=\"周明\""))
            let noTitle = try await organizer.post("\(ceremony)/segments", [("kind", "speech"), ("title", ""), ("duration", "10"), ("performer", ""),
                                                                            ("formations", ""), ("secondsPerFormation", "30")])
            #expect(noTitle.body.string.contains("id=\"f-title-error\""))
            #expect(try await official.post("\(ceremony)/segments", [("kind", "speech"), ("title", "X"), ("duration", "5")]).status == .forbidden)

            #expect(try await organizer.post("\(ceremony)/start", [("startsAt", "08:30"), ("version", "0")]).status == .seeOther)
            #expect(try await organizer.post("\(ceremony)/segments", [("kind", "marchIn"), ("title", "March-in"), ("duration", ""), ("performer", ""),
                                                                      ("formations", "National flag formation\nJinghua Technology"), ("secondsPerFormation", "60")]).status == .seeOther)
            #expect(try await organizer.post("\(ceremony)/segments", [("kind", "speech"), ("title", "Opening speech"), ("duration", "12"), ("performer", "周明"),
                                                                      ("formations", ""), ("secondsPerFormation", "30")]).status == .seeOther)
            var segments = try await f.organizer.send(.GET, StaffFixture.show).decode(RunOfShowDTO.self).segments
            #expect(segments.map(\.startsAt) == ["08:30", "08:32"])
            let marchIn = segments[0], speech = segments[1]

            // The march-in from the teams: Steel first, Technology left out, the flags as typed.
            let fromTeams = try await organizer.post("\(ceremony)/segments/\(marchIn.id)/from-teams", [
                ("nationalFlag", "National flag formation"), ("groupFlag", ""), ("order[\(f.teams[1].id)]", "1"), ("order[\(f.teams[0].id)]", ""),
                ("order[\(f.teams[2].id)]", "2"), ("version", "1")])
            #expect(fromTeams.status == .seeOther)
            segments = try await f.organizer.send(.GET, StaffFixture.show).decode(RunOfShowDTO.self).segments
            #expect(segments[0].formations == ["National flag formation", "Jinghua Steel Structure", "Anhe Robotics"])
            let badOrder = try await organizer.post("\(ceremony)/segments/\(marchIn.id)/from-teams", [("order[\(f.teams[1].id)]", "first"), ("version", "2")])
            #expect(badOrder.status == .unprocessableEntity && badOrder.body.string.contains(f.shown("runOfShow.orderNotNumber", ["team": "Jinghua Steel Structure", "value": "first"])))

            let sheet = try await organizer.get(ceremony)
            for text in ["08:30–08:33", "08:33–08:45", "08:30:00", "08:31:00", "Jinghua Steel Structure", "Opening speech", "window.print()",
                         "name=\"order[\(f.teams[0].id)]\"", "href=\"\(ceremony)/segments/\(speech.id)\""] {
                #expect(sheet.body.string.contains(text), "\(text)")
            }
            let top = try await organizer.post("\(ceremony)/segments/\(marchIn.id)/move", [("direction", "up"), ("version", "2")])
            #expect(top.status == .conflict && top.body.string.contains(f.shown("error.runOfShow.alreadyFirst", ["title": "March-in"])))
            #expect(try await organizer.post("\(ceremony)/segments/\(speech.id)/move", [("direction", "up"), ("version", "1")]).status == .seeOther)

            let edit = try await organizer.get("\(ceremony)/segments/\(speech.id)")
            #expect(edit.status == .ok && edit.body.string.contains("value=\"Opening speech\""))
            let badEdit = try await organizer.post("\(ceremony)/segments/\(speech.id)", [("kind", "speech"), ("title", "Opening speech"), ("duration", "999"),
                                                                                         ("performer", ""), ("formations", ""), ("secondsPerFormation", "30"), ("version", "2")])
            #expect(badEdit.status == .unprocessableEntity && badEdit.body.string.contains("id=\"f-duration-error\""))
            #expect(try await organizer.post("\(ceremony)/segments/\(speech.id)", [("kind", "speech"), ("title", "Opening speech by the chairman"), ("duration", "10"),
                                                                                   ("performer", "周明"), ("formations", ""), ("secondsPerFormation", "30"),
                                                                                   ("version", "2")]).status == .seeOther)
            segments = try await f.organizer.send(.GET, StaffFixture.show).decode(RunOfShowDTO.self).segments
            #expect(segments.map(\.title) == ["Opening speech by the chairman", "March-in"] && segments.map(\.startsAt) == ["08:30", "08:40"])
            #expect(try await organizer.post("\(ceremony)/segments/\(speech.id)/delete", [("version", "3")]).status == .seeOther)

            let readOnly = try await official.get(ceremony)
            #expect(readOnly.status == .ok && readOnly.body.string.contains("March-in") && !readOnly.body.string.contains("action=\"\(ceremony)/segments\""))
        }
    }

    @Test func everyStaffAndCeremonyStringIsInBothLanguages() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
        let localizer = try Localizer(directory: root.appendingPathComponent("Resources/Localization"))
        var used = Set<String>()
        let pattern = try NSRegularExpression(pattern: #""((?:staff|runOfShow|duty|error\.staff|error\.runOfShow|error\.duty)\.[A-Za-z0-9_.]+)""#)
        for file in ["Sources/PodiumApp/Controllers/Web/GamesStaffAdminController.swift", "Sources/PodiumApp/Controllers/Web/GamesStaffPrintController.swift",
                     "Sources/PodiumApp/Controllers/Web/OpeningCeremonyAdminController.swift", "Sources/PodiumApp/Controllers/Web/OpeningCeremonyPublicController.swift",
                     "Sources/PodiumApp/Support/StaffRequestServices.swift", "Sources/PodiumApp/Views/RunOfShowViews.swift",
                     "Sources/PodiumApp/Services/DutyService.swift", "Sources/PodiumApp/Services/DutyAssignmentService.swift",
                     "Sources/PodiumApp/Services/RunOfShowService.swift", "Sources/PodiumCore/Games/DutyRoster.swift", "Sources/PodiumCore/Games/RunOfShow.swift",
                     "Resources/Views/admin/games-staff.leaf", "Resources/Views/admin/games-staff-print.leaf", "Resources/Views/admin/opening-ceremony.leaf",
                     "Resources/Views/games/opening-ceremony.leaf", "Resources/Views/admin/games-office.leaf", "Resources/Views/public/program.leaf"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        for kind in DutyKind.allCases { used.insert(kind.localizationKey) }
        for kind in RunOfShowKind.allCases { used.insert(kind.localizationKey) }
        #expect(used.count > 120)
        let missing = used.filter { !localizer.has($0, .en) || !localizer.has($0, .zhHans) }.sorted()
        #expect(missing.isEmpty, "missing strings: \(missing)")
        #expect(localizer.string("duty.kind.callRoom", .zhHans) == "检录处" && localizer.string("duty.kind.firstAid", .zhHans) == "医疗救护")
        #expect(localizer.string("runOfShow.kind.marchIn", .zhHans) == "方阵入场" && localizer.string("runOfShow.title", .zhHans) == "开幕式")
    }

    @Test func theDemoGamesDayStaffsThePostsAndOpensAt0830() async throws {
        try await withPodium { app in
            let f = try await StaffFixture.make(app)
            // A small company of twenty, a few of them athletes: the rest fill what they can, athletes only what is left.
            var employees = f.people.filter { $0.employeeNumber?.hasPrefix("JH0") == true }
            for index in 0..<20 {
                employees.append(try await app.makeEmployee("职工\(index)", number: "D\(100 + index)", unit: f.technology.id, gender: index % 2 == 0 ? .male : .female))
            }
            let company = DemoGames.Company(unitID: f.technology.id, employees: employees, children: [f.child])
            try await DemoGamesDay(db: app.db, clock: app.clock, actor: .system("demo")).seed(programID: f.program.id, companies: [company])

            let posts = try await f.posts()
            #expect(posts.count == DemoGamesDay.posts.count && posts.count >= 10)
            #expect(Set(posts.map(\.kind)) == Set(DutyKind.allCases))
            let needed = posts.flatMap(\.shifts).reduce(0) { $0 + $1.needed }
            #expect((90...110).contains(needed))
            let assignments = try await DutyAssignmentModel.query(on: app.db).all()
            let core = assignments.map { DutyAssignment(personID: $0.$person.id, postID: $0.$post.id, start: $0.starts, end: $0.ends) }
            #expect(!assignments.isEmpty && DutyRoster.check(assignments: core).isEmpty)
            // Everyone who is neither competing nor speaking at the opening is on the team before any athlete is.
            let speakers = Set(DemoGamesDay.speakers([company]).map(\.id))
            let onDuty = Set(assignments.map { $0.$person.id })
            #expect(Set(employees.map(\.id)).subtracting([f.athlete.id]).subtracting(speakers).isSubset(of: onDuty))
            #expect(speakers.count == 2 && speakers.isDisjoint(with: onDuty))
            let chairman = try #require(DemoGamesDay.speakers([company]).first)

            let show = try await f.anonymous.send(.GET, StaffFixture.show).decode(RunOfShowDTO.self)
            #expect(show.startsAt == "08:30" && show.segments.first?.kind == .marchIn)
            #expect(show.segments[0].formations.prefix(2) == ["National flag formation", "Jinghua Holdings Group flag formation"])
            #expect(show.segments[0].formations.suffix(1) == ["Parent-child formation"] && show.segments[0].formations.contains("Anhe Robotics"))
            #expect(show.segments.map(\.kind) == [.marchIn, .flag, .speech, .declaration, .performance, .other, .other, .other])
            #expect(show.segments.contains { $0.title.contains("Tractor") } && show.segments.contains { $0.title == "Athletes' oath" })
            #expect(show.segments.first { $0.kind == .speech }?.performer == "\(chairman.name), Chairman of Jinghua Technology")
            #expect(try await Browser(app).get("/p/games/opening-ceremony").body.string.contains("Tractor"))
        }
    }
}
