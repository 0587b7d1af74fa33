import Fluent
import Foundation
import PodiumCore

/// The people who ran the demo's 5th Games and its opening ceremony, as the reference article tells it: an
/// organizing team of nearly a hundred (call room, judges, starters, timekeepers, recorders, ball-game referees,
/// logistics, first aid, the cheering squad, volunteers), filled from the employees who are not competing and,
/// where they run short, from athletes; and the opening at 08:30 with the national flag, the group flag and the
/// teams marching in, the chairman's speech, the declaration of the opening, the cheerleading and mechanical dance
/// “Tractor” and the oaths. Every name is an invented one from the demo roster.
struct DemoGamesDay {
    let db: any Database
    let clock: PodiumClock
    let actor: Actor

    /// Posts with their morning and afternoon shifts: (name, kind, place, [(from, until, people)]).
    static let posts: [(String, DutyKind, String?, [(String, String, Int)])] = [
        ("Call room", .callRoom, "South gate of the track", [("07:30", "12:00", 5), ("12:30", "17:00", 5)]),
        ("Track judges", .judge, "Track", [("08:00", "12:00", 6), ("13:00", "17:00", 6)]),
        ("Field judges", .judge, "Jumping pits and throwing circle", [("08:00", "12:00", 5), ("13:00", "16:30", 5)]),
        ("Starters", .judge, "Track", [("08:00", "12:00", 2), ("13:00", "17:00", 2)]),
        ("Timekeepers", .timekeeper, "Finish line", [("08:00", "12:00", 6), ("13:00", "17:00", 6)]),
        ("Recorders and results desk", .other, "Stand, row 1", [("08:00", "12:00", 3), ("13:00", "17:30", 3)]),
        ("Ball-game referees", .judge, "Basketball court and table tennis hall", [("08:30", "12:00", 5), ("13:00", "17:00", 5)]),
        ("Logistics", .logistics, "Stores behind the stand", [("07:00", "12:30", 6), ("12:30", "17:30", 6)]),
        ("First aid", .firstAid, "First-aid tent by the finish", [("07:30", "12:30", 3), ("12:30", "17:30", 3)]),
        ("Cheering squad", .cheering, "Stand", [("08:00", "10:00", 8), ("14:00", "16:00", 4)]),
        ("Volunteers: guides and registration", .other, "Main entrance", [("07:30", "12:00", 3)]),
    ]

    func seed(programID: Int, companies: [DemoGames.Company]) async throws {
        guard let program = try await ProgramModel.find(programID, on: db), !companies.isEmpty else {
            throw DemoError(description: "the games day needs the program \(programID) and the companies' people")
        }
        let duties = DutyService(db: db, clock: clock)
        for (name, kind, place, shifts) in Self.posts {
            let post = try await duties.createPost(program: program, DutyPostInput(name: name, kind: kind.rawValue, venueName: place), by: actor)
            for (from, until, people) in shifts {
                _ = try await duties.addShift(program: program, postID: post.id, DutyShiftInput(starts: from, ends: until, needed: people), by: actor)
            }
        }
        // The organizing team: employees who are not competing, company by company; athletes only for what is left.
        // The chairman and the party secretary speak at the opening, so they stand on no post.
        let athletes = try await DutyAssignmentService.athleteIDs(programID: programID, on: db)
        let speakers = Set(Self.speakers(companies).map(\.id))
        let active = companies.flatMap { $0.employees.filter { $0.status == .active && !speakers.contains($0.id) } }
        let free = active.filter { !athletes.contains($0.id) }.compactMap(\.employeeNumber)
        let assignments = DutyAssignmentService(db: db, clock: clock)
        let short = free.isEmpty ? true : !(try await assignments.fill(program: program, DutyFillInput(employeeNumbers: free), by: actor)).unfilled.isEmpty
        let competing = active.filter { athletes.contains($0.id) }.compactMap(\.employeeNumber)
        if short, !competing.isEmpty {
            _ = try await assignments.fill(program: program, DutyFillInput(employeeNumbers: competing, includeAthletes: true), by: actor)
        }
        try await seedOpeningCeremony(program: program, companies: companies, athletes: athletes)
    }

    /// The chairman of the host company (who speaks at the recognition conference too) and the group's party secretary.
    static func speakers(_ companies: [DemoGames.Company]) -> [PersonDTO] {
        let host = companies[0].employees.filter { $0.status == .active }
        return host.isEmpty ? [] : [host[1 % host.count], host[3 % host.count]]
    }

    private func seedOpeningCeremony(program: ProgramModel, companies: [DemoGames.Company], athletes: Set<Int>) async throws {
        let show = RunOfShowService(db: db, clock: clock)
        _ = try await show.setStart(program: program, RunOfShowStartInput(startsAt: "08:30", version: 0), by: actor)
        let host = companies[0].employees.filter { $0.status == .active }
        func person(_ index: Int) -> String { host.isEmpty ? "—" : host[index % host.count].name }
        let speakers = Self.speakers(companies)
        let chairman = speakers.first?.name ?? "—", secretary = speakers.last?.name ?? "—"
        let athlete = companies[min(2, companies.count - 1)].employees.first { athletes.contains($0.id) }?.name ?? person(5)
        let judge = try await DutyAssignmentService(db: db, clock: clock).assignments(programID: program.id!)
            .first { $0.postName == "Track judges" }?.personName ?? person(6)

        let marchIn = try await show.addSegment(program: program, RunOfShowSegmentInput(
            kind: RunOfShowKind.marchIn.rawValue, title: "March-in of the formations", secondsPerFormation: 45,
            fromTeams: MarchInFromTeamsInput(nationalFlag: "National flag formation", groupFlag: "Jinghua Holdings Group flag formation")), by: actor)
        // The parent-child formation, new this year, closes the march-in.
        _ = try await show.updateSegment(program: program, segmentID: marchIn.id,
                                         RunOfShowSegmentInput(formations: marchIn.formations + ["Parent-child formation"], version: marchIn.version), by: actor)
        let segments: [(RunOfShowKind, String, Int, String?)] = [
            (.flag, "Raising of the national flag and the national anthem", 4, nil),
            (.speech, "Opening speech", 8, "\(chairman), Chairman of Jinghua Technology"),
            (.declaration, "Declaration of the opening of the Games", 2, "\(secretary), Party Secretary and Chairman of Jinghua Holdings Group"),
            (.performance, "Cheerleading and the mechanical dance “Tractor”", 6, "Cheering squad"),
            (.other, "Athletes' oath", 2, "\(athlete), on behalf of the athletes"),
            (.other, "Judges' oath", 2, "\(judge), on behalf of the judges"),
            (.other, "The formations leave the field; the competitions begin", 5, nil),
        ]
        for (kind, title, minutes, performer) in segments {
            _ = try await show.addSegment(program: program, RunOfShowSegmentInput(kind: kind.rawValue, title: title, duration: minutes,
                                                                                  performer: performer), by: actor)
        }
    }
}
