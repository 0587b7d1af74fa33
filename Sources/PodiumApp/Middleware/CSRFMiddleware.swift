import PodiumCore
import Vapor

/// Double-submit protection for every form: a random token in a cookie must come back in the
/// `_csrf` field (or the `X-CSRF-Token` header). Machines using Bearer tokens are exempt,
/// since a browser never sends those on its own.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "podium_csrf"
    static let fieldName = "_csrf"
    static let headerName = "X-CSRF-Token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let existing = request.cookies[Self.cookieName]?.string ?? ""
        let isFresh = existing.count < 32
        request.csrfToken = isFresh ? Secrets.token() : existing

        if ![.GET, .HEAD, .OPTIONS].contains(request.method), request.requestActor.via != .bearer {
            let needsCheck = !request.url.path.hasPrefix("/api/") || request.requestActor.via == .session
            if needsCheck {
                let sent = try await submittedToken(request)
                guard !isFresh, let sent, Secrets.constantTimeEquals(sent, existing) else {
                    throw PodiumError.forbidden(LocalizedMessage("error.csrf"))
                }
            }
        }
        let response = try await next.respond(to: request)
        if isFresh {
            response.cookies[Self.cookieName] = HTTPCookies.Value(
                string: request.csrfToken, expires: nil, maxAge: nil, path: "/",
                isSecure: request.application.podiumConfig.secureCookies, isHTTPOnly: true, sameSite: .lax)
        }
        return response
    }

    private func submittedToken(_ request: Request) async throws -> String? {
        if let header = request.headers.first(name: Self.headerName) { return header }
        guard let type = request.headers.contentType,
              type == .urlEncodedForm || type.type == "multipart" else { return nil }
        if request.body.data == nil {
            // Upload routes declare a larger limit (`RoutesBuilder.upload`); everything else keeps the default.
            _ = try await request.body.collect(max: UploadLimit.of(request) ?? request.application.routes.defaultMaxBodySize.value).get()
        }
        return try? request.content.get(String.self, at: Self.fieldName)
    }
}
