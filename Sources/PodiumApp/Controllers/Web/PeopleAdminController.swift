import Fluent
import PodiumCore
import Vapor

/// Browse and search people; organizers create and edit them. Team leaders see their own unit.
struct PeopleAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let people = routes.grouped("admin", "people")
        people.get(use: list)
        people.get("new", use: newForm)
        people.post(use: create)
        people.get(":id", use: editForm)
        people.post(":id", use: update)
    }

    struct PersonForm: Content {
        var kind: String?
        var employeeNumber: String?
        var name: String?
        var gender: String?
        var birthDate: String?
        var unitId: String?
        var status: String?
        var guardianNumber: String?
        var hireDate: String?
        var version: Int?
    }

    func list(req: Request) async throws -> Response {
        let seesAll = req.allows(.viewDirectory)
        if req.actor.ledUnitIDs.isEmpty { try await req.require(.viewDirectory) }
        let q = (try? req.query.get(String.self, at: "q")) ?? ""
        let unit = (try? req.query.get(String.self, at: "unit")).flatMap { Int($0) }
        let kind = (try? req.query.get(String.self, at: "kind")).flatMap(PersonKind.init(rawValue:))
        let status = (try? req.query.get(String.self, at: "status")).flatMap(EmployeeStatus.init(rawValue:))
        let page = PageWindow(page: (try? req.query.get(Int.self, at: "page")) ?? 1, perPage: 1, maxPerPage: 1).page
        if let unit, !seesAll { try await req.require(.viewUnit(unit)) }
        let filter = PersonService.Filter(query: q, unitID: unit, kind: kind, status: status, page: page, perPage: 50)
        let result = try await req.people.search(filter, visibleUnits: seesAll ? nil : req.actor.ledUnitIDs)
        var units = try await req.units.all()
        if !seesAll {
            let tree = try await req.units.tree()
            units = units.filter { unit in req.actor.ledUnitIDs.contains { tree.isWithin(unit.id, ancestorID: $0) } }
        }
        let filters = FormView(action: "/admin/people", submitLabel: req.t("action.search"), fields: [
            FieldView(name: "q", label: req.t("people.search"), type: "search", value: q, hint: req.t("people.searchHint")),
            .select("unit", req.t("people.unit"), options: [("", req.t("filter.all"))] + req.unitOptions(units), selected: [unit.map(String.init) ?? ""]),
            .select("kind", req.t("people.kind"), options: [("", req.t("filter.all"))] + PersonKind.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                    selected: [kind?.rawValue ?? ""]),
            .select("status", req.t("people.status"), options: [("", req.t("filter.all"))] + EmployeeStatus.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                    selected: [status?.rawValue ?? ""]),
        ])
        let rows = result.items.map { person in
            PersonRow(id: person.id, name: person.name, employeeNumber: person.employeeNumber ?? "—", kind: req.t(person.kind.localizationKey),
                      gender: person.gender.map { req.t($0.localizationKey) } ?? "—",
                      birthDate: person.birthDate.map { DateDisplay.date($0, req.language) } ?? "—",
                      hireDate: person.hireDate.map { DateDisplay.date($0, req.language) } ?? "—",
                      unit: person.unitPath.isEmpty ? "—" : person.unitPath.suffix(2).joined(separator: " › "), status: req.t(person.status.localizationKey))
        }
        func link(_ page: Int) -> String {
            var query = URLComponents()
            query.queryItems = [("q", q), ("unit", unit.map(String.init) ?? ""), ("kind", kind?.rawValue ?? ""),
                                ("status", status?.rawValue ?? ""), ("page", "\(page)")].filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
            return "/admin/people?" + (query.percentEncodedQuery ?? "")
        }
        let first = PageWindow(page: page, perPage: result.perPage, maxPerPage: result.perPage).firstRow(total: result.total)
        let last = min(result.total, page * result.perPage)
        let context = PeopleContext(
            page: PageContext(req, title: req.t("people.title"), backOffice: true), filters: filters, people: rows, total: result.total,
            summary: req.t("people.summary", ["first": "\(first)", "last": "\(last)", "total": "\(result.total)"]),
            previous: page > 1 ? link(page - 1) : nil, next: last < result.total ? link(page + 1) : nil,
            canEdit: req.allows(.manageOrganization))
        return try await req.page("admin/people", context)
    }

    func newForm(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        return try await render(req, personID: nil, form: PersonForm(kind: PersonKind.employee.rawValue, status: EmployeeStatus.active.rawValue),
                                issues: [], status: .ok)
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let form = try req.content.decode(PersonForm.self)
        let (input, issues) = try await convert(form, req)
        guard let input, issues.isEmpty else { return try await render(req, personID: nil, form: form, issues: issues, status: .unprocessableEntity) }
        do {
            let person = try await req.people.create(input, by: req.actor)
            return req.redirect(to: "/admin/people?q=\(person.name.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")",
                                flash: req.t("people.created", ["name": person.name]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, personID: nil, form: form, issues: issues, status: .unprocessableEntity)
        }
    }

    func editForm(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let person = try await req.people.get(try req.intParameter("id"))
        var guardianNumber: String?
        if let guardianID = person.guardianId { guardianNumber = try await req.people.get(guardianID).employeeNumber }
        let form = PersonForm(kind: person.kind.rawValue, employeeNumber: person.employeeNumber, name: person.name, gender: person.gender?.rawValue,
                              birthDate: person.birthDate?.iso, unitId: person.unitId.map(String.init), status: person.status.rawValue,
                              guardianNumber: guardianNumber, hireDate: person.hireDate?.iso, version: person.version)
        return try await render(req, personID: person.id, form: form, issues: [], status: .ok)
    }

    func update(req: Request) async throws -> Response {
        try await req.require(.manageOrganization)
        let id = try req.intParameter("id")
        let form = try req.content.decode(PersonForm.self)
        let (input, issues) = try await convert(form, req)
        guard let input, issues.isEmpty else { return try await render(req, personID: id, form: form, issues: issues, status: .unprocessableEntity) }
        do {
            let person = try await req.people.update(id, input, by: req.actor)
            return req.redirect(to: "/admin/people/\(id)", flash: req.t("people.saved", ["name": person.name]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, personID: id, form: form, issues: issues, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, personID: id, form: form, issues: [FieldIssue("version", message)], status: .conflict)
        }
    }

    /// Text fields to typed input; a guardian is named by employee number, as organizers know them.
    private func convert(_ form: PersonForm, _ req: Request) async throws -> (PersonInput?, [FieldIssue]) {
        var issues: [FieldIssue] = []
        guard let kind = form.kind.flatMap(PersonKind.init(rawValue:)) else { return (nil, [FieldIssue("kind", "error.person.kindRequired")]) }
        let gender = form.gender.flatMap { $0.isEmpty ? nil : $0 }.flatMap(Gender.init(rawValue:))
        var birthDate: CalendarDate?
        if let text = form.birthDate, !text.isEmpty {
            birthDate = CalendarDate(parsing: text)
            if birthDate == nil { issues.append(FieldIssue("birthDate", "error.field.date", ["value": text])) }
        }
        var hireDate: CalendarDate?
        if let text = form.hireDate?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            hireDate = CalendarDate(parsing: text)
            if hireDate == nil { issues.append(FieldIssue("hireDate", "error.field.date", ["value": text])) }
        }
        var guardianID: Int?
        if kind == .family, let number = form.guardianNumber?.trimmingCharacters(in: .whitespaces), !number.isEmpty {
            guardianID = try await PersonModel.query(on: req.db).filter(\.$employeeNumber == number).first()?.id
            if guardianID == nil { issues.append(FieldIssue("guardianNumber", "error.person.guardianNumberUnknown", ["value": number])) }
        } else if kind == .family {
            issues.append(FieldIssue("guardianNumber", "error.person.guardianRequired"))
        }
        let input = PersonInput(kind: kind, employeeNumber: kind == .family ? nil : form.employeeNumber, name: form.name ?? "", gender: gender,
                                birthDate: birthDate, unitId: kind == .family ? nil : form.unitId.flatMap { Int($0) },
                                status: form.status.flatMap(EmployeeStatus.init(rawValue:)), guardianId: guardianID,
                                hireDate: kind == .family ? nil : hireDate, version: form.version)
        return (input, issues)
    }

    private func render(_ req: Request, personID: Int?, form: PersonForm, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        let units = try await req.units.all()
        var view = FormView(
            action: personID.map { "/admin/people/\($0)" } ?? "/admin/people",
            submitLabel: req.t(personID == nil ? "action.create" : "action.save"),
            fields: [
                .select("kind", req.t("people.kind"), options: PersonKind.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                        selected: [form.kind ?? "employee"], required: true),
                FieldView(name: "name", label: req.t("people.name"), value: form.name ?? "", required: true),
                FieldView(name: "employeeNumber", label: req.t("people.employeeNumber"), value: form.employeeNumber ?? "",
                          hint: req.t("people.employeeNumberHint")),
                .select("gender", req.t("people.gender"), options: [("", "—")] + Gender.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                        selected: [form.gender ?? ""], required: true),
                FieldView(name: "birthDate", label: req.t("people.birthDate"), type: "date", value: form.birthDate ?? ""),
                FieldView(name: "hireDate", label: req.t("people.hireDate"), type: "date", value: form.hireDate ?? "", hint: req.t("people.hireDateHint")),
                .select("unitId", req.t("people.unit"), options: [("", "—")] + req.unitOptions(units), selected: [form.unitId ?? ""],
                        hint: req.t("people.unitHint")),
                .select("status", req.t("people.status"), options: EmployeeStatus.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                        selected: [form.status ?? "active"]),
                FieldView(name: "guardianNumber", label: req.t("people.guardian"), value: form.guardianNumber ?? "",
                          hint: req.t("people.guardianHint"), aliases: ["guardianId"]),
            ])
        if let version = form.version { view.hidden.append(.init(name: "version", value: "\(version)")) }
        view.attach(issues, req)
        let heading = personID == nil ? req.t("people.new") : (form.name ?? req.t("people.edit"))
        return try await req.page("admin/form", FormPageContext(page: PageContext(req, title: heading, backOffice: true), heading: heading,
                                                                forms: [view], back: "/admin/people"), status: status)
    }
}
