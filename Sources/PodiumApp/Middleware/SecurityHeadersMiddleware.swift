import Vapor

/// Headers every response carries: no framing by other sites, no content sniffing, a strict referrer; back-office pages are never cached.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "X-Frame-Options", value: "DENY")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        if Self.isPrivate(request.url.path) { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }

    static func isPrivate(_ path: String) -> Bool {
        path.hasPrefix("/admin") || path.hasPrefix("/login") || path.hasPrefix("/account")
    }
}
