import PodiumCore
import Vapor

/// A signed-in user's own account: password and language.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped("account")
        account.get(use: page)
        account.post("password", use: changePassword)
    }

    struct AccountContext: Encodable {
        let page: PageContext
        let email: String
        let roles: [String]
        let forms: [FormView]
    }

    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var confirmPassword: String?
    }

    func page(req: Request) async throws -> Response {
        try await render(req, issues: [], status: .ok)
    }

    func changePassword(req: Request) async throws -> Response {
        guard req.actor.kind == .user, let userID = req.actor.id else { throw PodiumError.unauthenticated }
        let form = try req.content.decode(PasswordForm.self)
        do {
            try await req.users.changePassword(userID: userID, current: form.currentPassword ?? "", new: form.newPassword ?? "",
                                               confirmation: form.confirmPassword ?? "",
                                               keepingSession: req.cookies[ActorMiddleware.sessionCookie]?.string, by: req.actor)
        } catch PodiumError.validation(let issues) {
            return try await render(req, issues: issues, status: .unprocessableEntity)
        }
        return req.redirect(to: "/account", flash: req.t("account.passwordChanged"))
    }

    private func render(_ req: Request, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        guard req.actor.kind == .user, let userID = req.actor.id else { throw PodiumError.unauthenticated }
        let user = try await req.users.get(userID)
        var password = FormView(action: "/account/password", submitLabel: req.t("account.changePassword"), title: req.t("account.passwordTitle"), fields: [
            FieldView(name: "currentPassword", label: req.t("account.currentPassword"), type: "password", required: true, autocomplete: "current-password"),
            FieldView(name: "newPassword", label: req.t("account.newPassword"), type: "password", required: true,
                      hint: req.t("account.passwordHint", ["min": "\(PasswordPolicy.minLength)"]), autocomplete: "new-password"),
            FieldView(name: "confirmPassword", label: req.t("account.confirmPassword"), type: "password", required: true, autocomplete: "new-password"),
        ])
        password.attach(issues, req)
        let roles = user.grants.map { req.t($0.role.localizationKey) }
        let context = AccountContext(page: PageContext(req, title: req.t("account.title"), backOffice: true), email: user.email,
                                     roles: roles, forms: [password])
        return try await req.page("admin/account", context, status: status)
    }
}
