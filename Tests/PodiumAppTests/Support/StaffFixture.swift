import Foundation
import PodiumCore
import Testing
import VaporTesting
@testable import PodiumApp

/// A games program for the organizing team and the opening ceremony: three company teams, six employees and a
/// child on the roster, one of the employees entered as an athlete; tokens and signed-in browsers for each role.
struct StaffFixture {
    let app: Application
    let organizer: API
    let official: API
    let leader: API
    let anonymous: API
    let program: ProgramDTO
    let draft: ProgramDTO
    let technology: UnitDTO
    let steel: UnitDTO
    /// 周明 JH001, 王芳 JH002, 李强 JH003, 张伟 JH004 (the athlete) of Jinghua Technology; 陈静 JH101, 刘洋 JH102 of Jinghua Steel Structure.
    let people: [PersonDTO]
    let athlete: PersonDTO
    let child: PersonDTO
    let teams: [TeamDTO]

    static let duties = "/api/v1/programs/games/duties"
    static let show = "/api/v1/programs/games/run-of-show"

    static func make(_ app: Application) async throws -> StaffFixture {
        let group = try await app.makeUnit("Jinghua Holdings Group", kind: .group)
        let technology = try await app.makeUnit("Jinghua Technology", parent: group.id)
        let steel = try await app.makeUnit("Jinghua Steel Structure", parent: group.id)
        let robotics = try await app.makeUnit("Anhe Robotics", parent: group.id)
        let people = [
            try await app.makeEmployee("周明", number: "JH001", unit: technology.id, gender: .male),
            try await app.makeEmployee("王芳", number: "JH002", unit: technology.id),
            try await app.makeEmployee("李强", number: "JH003", unit: technology.id, gender: .male),
            try await app.makeEmployee("张伟", number: "JH004", unit: technology.id, gender: .male),
            try await app.makeEmployee("陈静", number: "JH101", unit: steel.id),
            try await app.makeEmployee("刘洋", number: "JH102", unit: steel.id, gender: .male),
        ]
        let child = try await PersonService(db: app.db, clock: app.clock, today: app.today).create(
            PersonInput(kind: .family, name: "周小明", gender: .male, birthDate: CalendarDate(year: 2015, month: 3, day: 1), guardianId: people[0].id),
            by: .system("test"))
        let programs = ProgramService(db: app.db, clock: app.clock)
        var program = try await programs.create(ProgramInput(
            kind: .games, slug: "games", edition: 5, name: "5th Workers' Games", theme: "Faster, farther, closer",
            startDate: CalendarDate(year: 2023, month: 11, day: 18), endDate: nil, venue: "Sports Ground", timeZone: "Asia/Shanghai"), by: .system("test"))
        program = try await programs.changeStatus(program.id, to: .open, expectedVersion: program.version, by: .system("test"))
        let draft = try await programs.create(ProgramInput(
            kind: .games, slug: "next-games", edition: 6, name: "6th Workers' Games", theme: "",
            startDate: CalendarDate(year: 2026, month: 11, day: 21), endDate: nil, venue: "Sports Ground", timeZone: "Asia/Shanghai"), by: .system("test"))
        let model = try await ProgramModel.find(program.id, on: app.db)!
        let games = GamesService(db: app.db, clock: app.clock)
        var teams: [TeamDTO] = []
        for unit in [technology, steel, robotics] { teams.append(try await games.createTeam(programID: program.id, TeamInput(unitId: unit.id), by: .system("test"))) }
        let event = try await games.createEvent(program: model, EventInput(templateId: "100m-men"), language: .en, by: .system("test"))
        _ = try await games.createEntry(program: model, EntryInput(eventId: event.id, teamId: teams[0].id, personIds: [people[3].id]),
                                        by: .system("test"), mayOverride: true)
        return StaffFixture(app: app, organizer: API(app: app, token: try await app.makeToken(.organizer)),
                            official: API(app: app, token: try await app.makeToken(.official, programID: program.id)),
                            leader: API(app: app, token: try await app.makeToken(.teamLeader, unitID: technology.id)),
                            anonymous: API(app: app), program: program, draft: draft, technology: technology, steel: steel, people: people,
                            athlete: people[3], child: child, teams: teams)
    }

    /// Browsers signed in as an organizer, an official of the program and a team leader.
    func browsers() async throws -> (organizer: Browser, official: Browser, leader: Browser) {
        try await app.makeUser("organizer@test.podium", grants: [RoleGrant(role: .organizer)])
        try await app.makeUser("official@test.podium", grants: [RoleGrant(role: .official, programID: program.id)])
        try await app.makeUser("leader@test.podium", grants: [RoleGrant(role: .teamLeader, unitID: technology.id)])
        let organizer = Browser(app), official = Browser(app), leader = Browser(app)
        try await organizer.signIn("organizer@test.podium", "password-123")
        try await official.signIn("official@test.podium", "password-123")
        try await leader.signIn("leader@test.podium", "password-123")
        return (organizer, official, leader)
    }

    @discardableResult
    func post(_ name: String, kind: String = "callRoom", venue: String? = nil) async throws -> DutyPostDTO {
        let venueJSON = venue.map { #","venueName":"\#($0)""# } ?? ""
        let response = try await organizer.send(.POST, "\(Self.duties)/posts", json: #"{"name":"\#(name)","kind":"\#(kind)"\#(venueJSON)}"#)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(DutyPostDTO.self)
    }

    @discardableResult
    func shift(_ post: DutyPostDTO, _ starts: String, _ ends: String, needed: Int) async throws -> DutyShiftDTO {
        let response = try await organizer.send(.POST, "\(Self.duties)/posts/\(post.id)/shifts", json: #"{"starts":"\#(starts)","ends":"\#(ends)","needed":\#(needed)}"#)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.decode(DutyShiftDTO.self)
    }

    func assign(_ json: String) async throws -> TestingHTTPResponse {
        try await organizer.send(.POST, "\(Self.duties)/assignments", json: json)
    }

    func posts() async throws -> [DutyPostDTO] {
        try await organizer.send(.GET, "\(Self.duties)/posts").decode([DutyPostDTO].self)
    }

    /// Field → message of a problem document.
    static func fieldMessages(_ response: TestingHTTPResponse) -> [String: String] {
        Dictionary((response.json["errors"] as? [[String: Any]] ?? []).compactMap { error in
            (error["field"] as? String).map { ($0, error["message"] as? String ?? "") }
        }, uniquingKeysWith: { $0 + " " + $1 })
    }

    /// A message as a page shows it: localized in English and escaped as Leaf escapes text.
    func shown(_ key: String, _ args: [String: String] = [:]) -> String {
        app.localizer.string(key, .en, args).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
