import PodiumCore
import Vapor

/// Browse the unit tree; organizers create, rename and move units.
struct UnitsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let units = routes.grouped("admin", "units")
        units.get(use: list)
        units.get("new", use: newForm)
        units.post(use: create)
        units.get(":id", use: editForm)
        units.post(":id", use: update)
    }

    struct UnitForm: Content {
        var parentId: String?
        var name: String?
        var kind: String?
        var code: String?
        var version: Int?
    }

    func list(req: Request) async throws -> Response {
        if req.actor.ledUnitIDs.isEmpty { try await req.require(.viewDirectory) }
        var all = try await req.units.all()
        if !req.allows(.viewDirectory) {
            let tree = try await req.units.tree()
            let visible = req.actor.ledUnitIDs.reduce(into: Set<Int>()) { $0.formUnion(tree.subtree(of: $1)) }
            all = all.filter { visible.contains($0.id) }
        }
        let rows = all.map {
            UnitRow(id: $0.id, name: $0.name, path: $0.path.joined(separator: " › "), kind: req.t($0.kind.localizationKey),
                    depth: $0.path.count - 1, code: $0.code, external: $0.kind.isExternal)
        }
        let externalRoots = Set(all.filter { $0.parentId == nil && $0.kind.isExternal }.map(\.id))
        let tree = try await req.units.tree()
        let isExternal: (UnitRow) -> Bool = { row in externalRoots.contains { tree.isWithin(row.id, ancestorID: $0) } }
        let context = UnitsContext(page: PageContext(req, title: req.t("units.title"), backOffice: true),
                                   units: rows.filter { !isExternal($0) }, external: rows.filter(isExternal),
                                   canEdit: req.allows(.manageOrganization))
        return try await req.page("admin/units", context)
    }

    func newForm(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let parent = try? req.query.get(String.self, at: "parent")
        return try await render(req, unitID: nil, form: UnitForm(parentId: parent, kind: nil), issues: [], status: .ok)
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let form = try req.content.decode(UnitForm.self)
        let (input, issues) = convert(form)
        guard let input, issues.isEmpty else { return try await render(req, unitID: nil, form: form, issues: issues, status: .unprocessableEntity) }
        do {
            let created = try await req.units.create(input, by: req.actor)
            return req.redirect(to: "/admin/units", flash: req.t("units.created", ["name": created.name]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, unitID: nil, form: form, issues: issues, status: .unprocessableEntity)
        }
    }

    func editForm(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let unit = try await req.units.get(try req.intParameter("id"))
        let form = UnitForm(parentId: unit.parentId.map(String.init), name: unit.name, kind: unit.kind.rawValue, code: unit.code, version: unit.version)
        return try await render(req, unitID: unit.id, form: form, issues: [], status: .ok)
    }

    func update(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let id = try req.intParameter("id")
        let form = try req.content.decode(UnitForm.self)
        let (input, issues) = convert(form)
        guard let input, issues.isEmpty else { return try await render(req, unitID: id, form: form, issues: issues, status: .unprocessableEntity) }
        do {
            let updated = try await req.units.update(id, input, by: req.actor)
            return req.redirect(to: "/admin/units", flash: req.t("units.saved", ["name": updated.name]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, unitID: id, form: form, issues: issues, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, unitID: id, form: form, issues: [FieldIssue("version", message)], status: .conflict)
        }
    }

    private func convert(_ form: UnitForm) -> (UnitInput?, [FieldIssue]) {
        var issues: [FieldIssue] = []
        let parent = form.parentId.flatMap { $0.isEmpty ? nil : $0 }
        let parentID = parent.flatMap(Int.init)
        if parent != nil, parentID == nil { issues.append(FieldIssue("parentId", "error.unit.parentNotFound", ["id": parent!])) }
        guard let kind = form.kind.flatMap(UnitKind.init(rawValue:)) else {
            return (nil, issues + [FieldIssue("kind", "error.unit.kindRequired")])
        }
        return (UnitInput(parentId: parentID, name: form.name ?? "", kind: kind, code: form.code, version: form.version), issues)
    }

    private func render(_ req: Request, unitID: Int?, form: UnitForm, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        let units = try await req.units.all().filter { $0.id != unitID }
        var view = FormView(
            action: unitID.map { "/admin/units/\($0)" } ?? "/admin/units",
            submitLabel: req.t(unitID == nil ? "action.create" : "action.save"),
            fields: [
                .select("parentId", req.t("units.parent"), options: [("", req.t("units.noParent"))] + req.unitOptions(units),
                        selected: [form.parentId ?? ""]),
                FieldView(name: "name", label: req.t("units.name"), value: form.name ?? "", required: true),
                .select("kind", req.t("units.kind"), options: UnitKind.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                        selected: [form.kind ?? UnitKind.company.rawValue], required: true),
                FieldView(name: "code", label: req.t("units.code"), value: form.code ?? "", hint: req.t("units.codeHint")),
            ])
        if let version = form.version { view.hidden.append(.init(name: "version", value: "\(version)")) }
        view.attach(issues, req)
        let heading = req.t(unitID == nil ? "units.new" : "units.edit")
        return try await req.page("admin/form", FormPageContext(page: PageContext(req, title: heading, backOffice: true), heading: heading,
                                                                forms: [view], back: "/admin/units"), status: status)
    }
}
