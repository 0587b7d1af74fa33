import Fluent
import PodiumCore
import Vapor

/// Resolves who is calling: a Bearer token (machines) or the session cookie (people).
/// A Bearer header that matches no live token is refused outright rather than treated as anonymous.
struct ActorMiddleware: AsyncMiddleware {
    static let sessionCookie = "podium_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let bearer = request.headers.bearerAuthorization {
            guard let actor = try await TokenService(db: request.db, clock: request.application.clock).authenticate(bearer.token) else {
                throw PodiumError.unauthenticated
            }
            request.requestActor = RequestActor(actor: actor, via: .bearer, userLanguage: nil)
        } else if let cookie = request.cookies[Self.sessionCookie]?.string, !cookie.isEmpty {
            if let (actor, language) = try await SessionService(db: request.db, clock: request.application.clock).actor(forCookie: cookie) {
                request.requestActor = RequestActor(actor: actor, via: .session, userLanguage: language)
            } else {
                let response = try await next.respond(to: request)
                // Drop the dead cookie, unless this very response signed the user in again.
                if response.cookies[Self.sessionCookie] == nil { response.cookies[Self.sessionCookie] = .expired }
                return response
            }
        }
        return try await next.respond(to: request)
    }
}
