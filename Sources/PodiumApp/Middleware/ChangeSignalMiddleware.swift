import Vapor

/// After a write that succeeded, tells the live hub (and so the page cache and every live page) that data
/// may have changed. The handler's transaction has committed by then. Other processes learn of it through
/// PostgreSQL NOTIFY, sent from the audit trail inside the same transaction.
struct ChangeSignalMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        let response = try await next.respond(to: request)
        if response.status.code < 400 { request.application.liveHub.changed() }
        return response
    }
}
