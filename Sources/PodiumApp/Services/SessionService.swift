import Fluent
import PodiumCore

/// Browser sessions, stored in the database so that every node behind a load balancer knows them.
struct SessionService {
    let db: any Database
    let clock: PodiumClock
    static let lifetime: Double = 7 * 24 * 3600

    /// Starts a new session and returns the cookie value. A fresh value at every sign-in
    /// means a session id planted before sign-in is worthless.
    func start(userID: Int) async throws -> String {
        let token = Secrets.token()
        let session = SessionModel()
        session.tokenHash = Secrets.sha256Hex(token)
        session.$user.id = userID
        session.createdAt = clock.now()
        session.expiresAt = clock.now().addingTimeInterval(Self.lifetime)
        try await session.create(on: db)
        return token
    }

    func actor(forCookie cookie: String) async throws -> (Actor, Language?)? {
        guard let session = try await SessionModel.query(on: db)
            .filter(\.$tokenHash == Secrets.sha256Hex(cookie)).with(\.$user).first() else { return nil }
        guard session.expiresAt > clock.now(), session.user.isActive else {
            try await session.delete(on: db)
            return nil
        }
        let actor = try await UserService.actor(for: session.user, on: db)
        return (actor, session.user.language.flatMap(Language.init(rawValue:)))
    }

    func end(cookie: String) async throws {
        try await SessionModel.query(on: db).filter(\.$tokenHash == Secrets.sha256Hex(cookie)).delete()
    }

    /// Signs the user out everywhere except, optionally, the browser that asked.
    func endAll(userID: Int, except cookie: String? = nil) async throws {
        let query = SessionModel.query(on: db).filter(\.$user.$id == userID)
        if let cookie { query.filter(\.$tokenHash != Secrets.sha256Hex(cookie)) }
        try await query.delete()
    }
}
