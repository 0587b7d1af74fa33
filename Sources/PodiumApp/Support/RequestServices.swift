import Fluent
import PodiumCore
import Vapor

/// Services bound to the request's database and the app's seams.
extension Request {
    var units: UnitService { UnitService(db: db, clock: application.clock) }
    var people: PersonService { PersonService(db: db, clock: application.clock, today: application.today) }
    var programs: ProgramService { ProgramService(db: db, clock: application.clock) }
    var users: UserService { UserService(db: db, clock: application.clock, hashing: PasswordHashing(app: application)) }
    var tokens: TokenService { TokenService(db: db, clock: application.clock) }
    var sessions: SessionService { SessionService(db: db, clock: application.clock) }
    var games: GamesService { GamesService(db: db, clock: application.clock) }
    var timetable: GamesTimetableService { GamesTimetableService(db: db, clock: application.clock) }
    var ceremony: CeremonyService { CeremonyService(db: db, clock: application.clock) }
    var recognition: RecognitionService { RecognitionService(db: db, clock: application.clock) }
    var nominations: NominationService { NominationService(db: db, clock: application.clock) }
    var review: ReviewService { ReviewService(db: db, clock: application.clock) }
    var awards: AwardDecisionService { AwardDecisionService(db: db, clock: application.clock) }
    var rosterImport: RosterImportService { RosterImportService(db: db, clock: application.clock, today: application.today) }
    var auth: AuthService {
        AuthService(db: db, clock: application.clock, hashing: PasswordHashing(app: application), throttle: application.podiumConfig.loginThrottle)
    }

    /// A games program for its public pages; a draft exists only for organizers.
    func publicGamesProgram() async throws -> ProgramModel {
        let program = try await games.program(slug: parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    /// Throws 401/403 unless the actor holds the permission. Unit checks load the unit tree.
    func require(_ permission: Permission) async throws {
        var tree: UnitTree?
        switch permission {
        case .viewUnit, .enterTeam: if !actor.isOrganizer { tree = try await units.tree() }
        default: break
        }
        try AccessPolicy(tree: tree).require(actor, permission)
    }

    func allows(_ permission: Permission) -> Bool {
        AccessPolicy().allows(actor, permission)
    }

    /// The address a sign-in attempt is counted against. Proxy headers count only when configured,
    /// or anyone could pose as any address.
    var clientAddress: String {
        if application.podiumConfig.trustProxy,
           let forwarded = headers.forwarded.first?.for
            ?? headers.first(name: "X-Forwarded-For")?.split(separator: ",").first.map({ String($0).trimmingCharacters(in: .whitespaces) }) {
            return forwarded
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    /// `?version=` when given; a stale delete then gets 409.
    func queryVersion() throws -> Int? {
        guard let text = query[String.self, at: "version"], !text.isEmpty else { return nil }
        guard let version = Int(text) else { throw PodiumError.invalid("version", "error.field.integer", ["value": text]) }
        return version
    }

    func intParameter(_ name: String) throws -> Int {
        guard let value = parameters.get(name, as: Int.self) else { throw PodiumError.notFound(LocalizedMessage("error.notFound")) }
        return value
    }
}
