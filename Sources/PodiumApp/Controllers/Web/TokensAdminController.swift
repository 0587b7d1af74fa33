import PodiumCore
import Vapor

/// API tokens for timing devices and integrations: made here, shown once, revoked here.
struct TokensAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tokens = routes.grouped("admin", "tokens")
        tokens.get(use: list)
        tokens.post(use: create)
        tokens.post(":id", "revoke", use: revoke)
    }

    struct TokenForm: Content {
        var name: String?
        var role: String?
        var unitId: String?
        var programId: String?
    }

    func list(req: Request) async throws -> Response {
        try await req.require(.administer)
        return try await render(req, form: TokenForm(role: Role.official.rawValue), issues: [], secret: nil, status: .ok)
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.administer)
        let form = try req.content.decode(TokenForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else {
            return try await render(req, form: form, issues: [FieldIssue("role", "error.token.roleRequired")], secret: nil, status: .unprocessableEntity)
        }
        do {
            let created = try await req.tokens.create(TokenInput(name: form.name ?? "", role: role, unitId: form.unitId.flatMap { Int($0) },
                                                                 programId: form.programId.flatMap { Int($0) }), by: req.actor)
            return try await render(req, form: TokenForm(role: Role.official.rawValue), issues: [], secret: created.token, status: .created)
        } catch PodiumError.validation(let issues) {
            return try await render(req, form: form, issues: issues, secret: nil, status: .unprocessableEntity)
        }
    }

    func revoke(req: Request) async throws -> Response {
        try await req.require(.administer)
        let token = try await req.tokens.revoke(try req.intParameter("id"), by: req.actor)
        return req.redirect(to: "/admin/tokens", flash: req.t("tokens.revoked", ["name": token.name]))
    }

    private func render(_ req: Request, form: TokenForm, issues: [FieldIssue], secret: String?, status: HTTPResponseStatus) async throws -> Response {
        let units = try await req.units.all()
        let programs = try await req.programs.list(publicOnly: false)
        let roles = Role.allCases
        var view = FormView(action: "/admin/tokens", submitLabel: req.t("tokens.create"), title: req.t("tokens.new"), fields: [
            FieldView(name: "name", label: req.t("tokens.name"), value: form.name ?? "", required: true, hint: req.t("tokens.nameHint")),
            .select("role", req.t("tokens.role"), options: roles.map { ($0.rawValue, req.t($0.localizationKey)) }, selected: [form.role ?? ""], required: true),
            .select("programId", req.t("tokens.program"), options: [("", "—")] + programs.map { ("\($0.id)", $0.name) },
                    selected: [form.programId ?? ""], hint: req.t("tokens.programHint")),
            .select("unitId", req.t("tokens.unit"), options: [("", "—")] + req.unitOptions(units), selected: [form.unitId ?? ""],
                    hint: req.t("tokens.unitHint")),
        ])
        view.attach(issues, req)
        let rows = try await req.tokens.list().map { token in
            TokenRow(id: token.id, name: token.name, prefix: token.prefix + "…", role: req.t(token.role.localizationKey),
                     created: req.formatDateTime(token.createdAt), lastUsed: req.formatDateTime(token.lastUsedAt), revoked: token.revokedAt != nil)
        }
        let context = TokensContext(page: PageContext(req, title: req.t("tokens.title"), backOffice: true), tokens: rows, forms: [view], createdSecret: secret)
        return try await req.page("admin/tokens", context, status: status)
    }
}
