import PodiumCore
import Vapor

/// Administrators manage who may sign in and with which roles.
struct UsersAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("admin", "users")
        users.get(use: list)
        users.get("new", use: newForm)
        users.post(use: create)
        users.get(":id", use: editForm)
        users.post(":id", use: update)
    }

    /// Roles as people think of them: two switches and three lists of scopes.
    struct UserForm: Content {
        var email: String?
        var displayName: String?
        var password: String?
        var isActive: String?
        var administrator: String?
        var organizer: String?
        var teamLeaderUnits: [Int]?
        var officialPrograms: [Int]?
        var reviewerPrograms: [Int]?
        var employeeNumber: String?

        var grants: [GrantDTO] {
            var grants: [RoleGrant] = []
            if administrator != nil { grants.append(RoleGrant(role: .administrator)) }
            if organizer != nil { grants.append(RoleGrant(role: .organizer)) }
            grants += (teamLeaderUnits ?? []).map { RoleGrant(role: .teamLeader, unitID: $0) }
            grants += (officialPrograms ?? []).map { RoleGrant(role: .official, programID: $0) }
            grants += (reviewerPrograms ?? []).map { RoleGrant(role: .reviewer, programID: $0) }
            return grants.map(GrantDTO.init)
        }

        static func from(_ user: UserDTO) -> UserForm {
            UserForm(email: user.email, displayName: user.displayName, password: nil, isActive: user.isActive ? "on" : nil,
                     administrator: user.grants.contains { $0.role == .administrator } ? "on" : nil,
                     organizer: user.grants.contains { $0.role == .organizer } ? "on" : nil,
                     teamLeaderUnits: user.grants.filter { $0.role == .teamLeader }.compactMap(\.unitId),
                     officialPrograms: user.grants.filter { $0.role == .official }.compactMap(\.programId),
                     reviewerPrograms: user.grants.filter { $0.role == .reviewer }.compactMap(\.programId))
        }
    }

    func list(req: Request) async throws -> Response {
        try await req.require(.administer)
        let users = try await req.users.list().map { user in
            UserRow(id: user.id, email: user.email, name: user.displayName,
                    roles: Array(Set(user.grants.map { req.t($0.role.localizationKey) })).sorted().joined(separator: ", "), active: user.isActive)
        }
        return try await req.page("admin/users", UsersContext(page: PageContext(req, title: req.t("users.title"), backOffice: true), users: users))
    }

    func newForm(req: Request) async throws -> Response {
        try await req.require(.administer)
        return try await render(req, userID: nil, form: UserForm(isActive: "on"), issues: [], status: .ok)
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.administer)
        let form = try req.content.decode(UserForm.self)
        do {
            let user = try await req.users.create(input(form), by: req.actor)
            return req.redirect(to: "/admin/users", flash: req.t("users.created", ["email": user.email]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, userID: nil, form: form, issues: issues, status: .unprocessableEntity)
        }
    }

    func editForm(req: Request) async throws -> Response {
        try await req.require(.administer)
        let user = try await req.users.get(try req.intParameter("id"))
        var form = UserForm.from(user)
        if let personID = user.personId { form.employeeNumber = try await PersonModel.find(personID, on: req.db)?.employeeNumber }
        return try await render(req, userID: user.id, form: form, issues: [], status: .ok)
    }

    func update(req: Request) async throws -> Response {
        try await req.require(.administer)
        let id = try req.intParameter("id")
        let form = try req.content.decode(UserForm.self)
        do {
            let user = try await req.users.update(id, input(form), by: req.actor)
            return req.redirect(to: "/admin/users", flash: req.t("users.saved", ["email": user.email]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, userID: id, form: form, issues: issues, status: .unprocessableEntity)
        }
    }

    private func input(_ form: UserForm) -> UserInput {
        UserInput(email: form.email ?? "", displayName: form.displayName ?? "", password: form.password, isActive: form.isActive != nil, grants: form.grants,
                  employeeNumber: form.employeeNumber)
    }

    private func render(_ req: Request, userID: Int?, form: UserForm, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        let units = try await req.units.all()
        let programs = try await req.programs.list(publicOnly: false)
        let recognition = programs.filter { $0.kind == .recognition }
        var view = FormView(action: userID.map { "/admin/users/\($0)" } ?? "/admin/users",
                            submitLabel: req.t(userID == nil ? "action.create" : "action.save"), fields: [
            FieldView(name: "email", label: req.t("users.email"), type: "email", value: form.email ?? "", required: true, autocomplete: "off"),
            FieldView(name: "displayName", label: req.t("users.name"), value: form.displayName ?? "", required: true),
            FieldView(name: "password", label: req.t(userID == nil ? "users.password" : "users.newPassword"), type: "password",
                      required: userID == nil, hint: req.t(userID == nil ? "account.passwordHint" : "users.passwordKeepHint", ["min": "\(PasswordPolicy.minLength)"]),
                      autocomplete: "new-password"),
            FieldView(name: "employeeNumber", label: req.t("users.employeeNumber"), value: form.employeeNumber ?? "", hint: req.t("users.employeeNumberHint")),
            FieldView(name: "isActive", label: req.t("users.active"), type: "checkbox", checked: form.isActive != nil),
            FieldView(name: "administrator", label: req.t("role.administrator"), type: "checkbox", hint: req.t("users.administratorHint"),
                      checked: form.administrator != nil, aliases: ["grants"]),
            FieldView(name: "organizer", label: req.t("role.organizer"), type: "checkbox", hint: req.t("users.organizerHint"), checked: form.organizer != nil),
            .select("teamLeaderUnits[]", req.t("users.teamLeaderUnits"), options: req.unitOptions(units),
                    selected: (form.teamLeaderUnits ?? []).map(String.init), multiple: true, hint: req.t("users.multiHint")),
            .select("officialPrograms[]", req.t("users.officialPrograms"), options: programs.map { ("\($0.id)", $0.name) },
                    selected: (form.officialPrograms ?? []).map(String.init), multiple: true, hint: req.t("users.multiHint")),
            .select("reviewerPrograms[]", req.t("users.reviewerPrograms"), options: recognition.map { ("\($0.id)", $0.name) },
                    selected: (form.reviewerPrograms ?? []).map(String.init), multiple: true, hint: req.t("users.multiHint")),
        ])
        view.attach(issues, req)
        let heading = req.t(userID == nil ? "users.new" : "users.edit")
        return try await req.page("admin/form", FormPageContext(page: PageContext(req, title: heading, backOffice: true), heading: heading,
                                                                forms: [view], back: "/admin/users"), status: status)
    }
}
