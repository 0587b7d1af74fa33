import PodiumCore
import Vapor

/// Sign-in and sign-out for people.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    struct LoginContext: Encodable {
        let page: PageContext
        let forms: [FormView]
    }

    func loginPage(req: Request) async throws -> Response {
        if req.actor.kind == .user { return req.redirect(to: "/admin") }
        let next = try? req.query.get(String.self, at: "next")
        return try await render(req, email: "", next: next, issues: [], status: .ok)
    }

    func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = form.email ?? ""
        var issues: [FieldIssue] = []
        if email.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(FieldIssue("email", "error.login.emailRequired")) }
        if (form.password ?? "").isEmpty { issues.append(FieldIssue("password", "error.login.passwordRequired")) }
        guard issues.isEmpty else { return try await render(req, email: email, next: form.next, issues: issues, status: .unprocessableEntity) }
        do {
            let (_, cookie) = try await req.auth.signIn(email: email, password: form.password ?? "", clientAddress: req.clientAddress)
            let response = req.redirect(to: Self.safeNext(form.next) ?? "/admin")
            response.cookies[ActorMiddleware.sessionCookie] = HTTPCookies.Value(
                string: cookie, expires: req.now.addingTimeInterval(SessionService.lifetime), maxAge: nil, path: "/",
                isSecure: req.application.podiumConfig.secureCookies, isHTTPOnly: true, sameSite: .lax)
            return response
        } catch PodiumError.validation(let failures) {
            return try await render(req, email: email, next: form.next, issues: failures, status: .unauthorized)
        } catch PodiumError.tooManyRequests(let message, let seconds) {
            let response = try await render(req, email: email, next: form.next, issues: [FieldIssue("password", message)], status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: "\(seconds)")
            return response
        }
    }

    func logout(req: Request) async throws -> Response {
        if let cookie = req.cookies[ActorMiddleware.sessionCookie]?.string {
            try await req.sessions.end(cookie: cookie)
        }
        let response = req.redirect(to: "/", flash: req.t("login.signedOut"))
        response.cookies[ActorMiddleware.sessionCookie] = .expired
        return response
    }

    private func render(_ req: Request, email: String, next: String?, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        var form = FormView(action: "/login", submitLabel: req.t("login.submit"), title: nil, fields: [
            FieldView(name: "email", label: req.t("login.email"), type: "email", value: email, required: true, autocomplete: "username"),
            FieldView(name: "password", label: req.t("login.password"), type: "password", required: true, autocomplete: "current-password"),
        ])
        if let next = Self.safeNext(next) { form.hidden.append(.init(name: "next", value: next)) }
        form.attach(issues, req)
        return try await req.page("auth/login", LoginContext(page: PageContext(req, title: req.t("login.title")), forms: [form]), status: status)
    }

    /// Only paths on this site: never an open redirect to another host.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return nil }
        return next
    }
}
