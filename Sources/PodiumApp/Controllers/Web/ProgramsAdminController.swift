import Fluent
import PodiumCore
import Vapor

/// Organizers create programs, edit them, and move them through their lifecycle.
struct ProgramsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let programs = routes.grouped("admin", "programs")
        programs.get(use: list)
        programs.get("new", use: newForm)
        programs.post(use: create)
        programs.get(":id", use: editForm)
        programs.post(":id", use: update)
        programs.post(":id", "status", use: changeStatus)
        programs.post(":id", "announcement", use: draftAnnouncement)
    }

    struct AnnouncementForm: Content {
        var language: String?
    }

    struct ProgramForm: Content {
        var kind: String?
        var slug: String?
        var edition: String?
        var name: String?
        var theme: String?
        var startDate: String?
        var endDate: String?
        var venue: String?
        var timeZone: String?
        var version: Int?
    }

    struct StatusForm: Content {
        var status: String
        var version: Int
    }

    func list(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let programs = try await req.programs.list(publicOnly: false).map { ProgramView($0, req) }
        return try await req.page("admin/programs", ProgramsAdminContext(page: PageContext(req, title: req.t("programs.title"), backOffice: true), programs: programs))
    }

    func newForm(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        return try await renderNew(req, form: ProgramForm(kind: "games", timeZone: "Asia/Shanghai"), issues: [], status: .ok)
    }

    func create(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let form = try req.content.decode(ProgramForm.self)
        let (input, issues) = convert(form)
        guard let input, issues.isEmpty else { return try await renderNew(req, form: form, issues: issues, status: .unprocessableEntity) }
        do {
            let program = try await req.programs.create(input, by: req.actor)
            return req.redirect(to: "/admin/programs/\(program.id)", flash: req.t("programs.created", ["name": program.name]))
        } catch PodiumError.validation(let issues) {
            return try await renderNew(req, form: form, issues: issues, status: .unprocessableEntity)
        }
    }

    func editForm(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.programs.get(try req.intParameter("id"))
        return try await renderEdit(req, program: program, form: Self.form(from: program), issues: [], statusError: nil, status: .ok)
    }

    func update(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.programs.get(try req.intParameter("id"))
        var form = try req.content.decode(ProgramForm.self)
        form.kind = program.kind.rawValue
        let (input, issues) = convert(form)
        guard let input, issues.isEmpty else { return try await renderEdit(req, program: program, form: form, issues: issues, statusError: nil, status: .unprocessableEntity) }
        do {
            let saved = try await req.programs.update(program.id, input, by: req.actor)
            return req.redirect(to: "/admin/programs/\(saved.id)", flash: req.t("programs.saved", ["name": saved.name]))
        } catch PodiumError.validation(let issues) {
            return try await renderEdit(req, program: program, form: form, issues: issues, statusError: nil, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await renderEdit(req, program: program, form: form, issues: [FieldIssue("version", message)], statusError: nil, status: .conflict)
        }
    }

    func changeStatus(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.programs.get(try req.intParameter("id"))
        let form = try req.content.decode(StatusForm.self)
        guard let status = ProgramStatus(rawValue: form.status) else {
            throw PodiumError.invalid("status", "error.program.statusUnknown", ["value": form.status])
        }
        do {
            let saved = try await req.programs.changeStatus(program.id, to: status, expectedVersion: form.version, by: req.actor)
            return req.redirect(to: "/admin/programs/\(saved.id)", flash: req.t("programs.statusChanged", ["status": req.t(status.localizationKey)]))
        } catch PodiumError.validation(let issues) {
            return try await renderEdit(req, program: program, form: Self.form(from: program), issues: [],
                                        statusError: issues.map { req.t($0.message) }.joined(separator: " "), status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await renderEdit(req, program: program, form: Self.form(from: program), issues: [], statusError: req.t(message), status: .conflict)
        }
    }

    /// Drafts the results announcement and opens it in the article editor; when there is nothing to announce,
    /// the program page again with the reason, and nothing saved.
    func draftAnnouncement(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await req.programs.get(try req.intParameter("id"))
        let form = try req.content.decode(AnnouncementForm.self)
        do {
            let language = try req.announcementLanguage(form.language)
            guard let model = try await ProgramModel.find(program.id, on: req.db) else { throw PodiumError.notFound(LocalizedMessage("error.program.notFound")) }
            let article = try await req.announcements.draft(program: model, language: language, by: req.actor)
            return req.redirect(to: "/admin/news/\(article.id)", flash: req.t("programs.announcement.drafted", ["title": article.title]))
        } catch PodiumError.validation(let issues) {
            return try await renderEdit(req, program: program, form: Self.form(from: program), issues: [], statusError: nil,
                                        announcementError: issues.map { req.t($0.message) }.joined(separator: " "),
                                        announcementLanguage: form.language, status: .unprocessableEntity)
        }
    }

    static func form(from program: ProgramDTO) -> ProgramForm {
        ProgramForm(kind: program.kind.rawValue, slug: program.slug, edition: program.edition.map(String.init), name: program.name,
                    theme: program.theme, startDate: program.startDate.iso, endDate: program.endDate?.iso, venue: program.venue,
                    timeZone: program.timeZone, version: program.version)
    }

    private func convert(_ form: ProgramForm) -> (ProgramInput?, [FieldIssue]) {
        var issues: [FieldIssue] = []
        guard let kind = form.kind.flatMap(ProgramKind.init(rawValue:)) else { return (nil, [FieldIssue("kind", "error.program.kindRequired")]) }
        func date(_ field: String, _ text: String?) -> CalendarDate? {
            guard let text, !text.isEmpty else { return nil }
            guard let date = CalendarDate(parsing: text) else { issues.append(FieldIssue(field, "error.field.date", ["value": text])); return nil }
            return date
        }
        var edition: Int?
        if let text = form.edition?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            edition = Int(text)
            if edition == nil { issues.append(FieldIssue("edition", "error.field.integer", ["value": text])) }
        }
        let input = ProgramInput(kind: kind, slug: form.slug ?? "", edition: edition, name: form.name ?? "", theme: form.theme,
                                 startDate: date("startDate", form.startDate), endDate: date("endDate", form.endDate),
                                 venue: form.venue, timeZone: form.timeZone, version: form.version)
        return (input, issues)
    }

    private func fields(_ req: Request, _ form: ProgramForm, kindEditable: Bool) -> [FieldView] {
        var fields: [FieldView] = []
        if kindEditable {
            fields.append(.select("kind", req.t("programs.kind"), options: ProgramKind.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                                  selected: [form.kind ?? "games"], required: true))
        }
        fields += [
            FieldView(name: "name", label: req.t("programs.name"), value: form.name ?? "", required: true),
            FieldView(name: "slug", label: req.t("programs.slug"), value: form.slug ?? "", required: true, hint: req.t("programs.slugHint"),
                      autocomplete: "off"),
            FieldView(name: "edition", label: req.t("programs.edition"), type: "number", value: form.edition ?? "", inputmode: "numeric"),
            FieldView(name: "theme", label: req.t("programs.theme"), value: form.theme ?? ""),
            FieldView(name: "startDate", label: req.t("programs.startDate"), type: "date", value: form.startDate ?? "", required: true),
            FieldView(name: "endDate", label: req.t("programs.endDate"), type: "date", value: form.endDate ?? ""),
            FieldView(name: "venue", label: req.t("programs.venue"), value: form.venue ?? ""),
            .select("timeZone", req.t("programs.timeZone"), options: Self.timeZones(including: form.timeZone), selected: [form.timeZone ?? "Asia/Shanghai"]),
        ]
        return fields
    }

    /// The zones organizers of this kind use most, plus every other known zone.
    static func timeZones(including current: String?) -> [(String, String)] {
        let common = ["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "Europe/London", "Europe/Berlin", "America/New_York", "UTC"]
        var all = common + TimeZone.knownTimeZoneIdentifiers.sorted().filter { !common.contains($0) }
        if let current, !current.isEmpty, !all.contains(current) { all.insert(current, at: 0) }
        return all.map { ($0, $0) }
    }

    private func renderNew(_ req: Request, form: ProgramForm, issues: [FieldIssue], status: HTTPResponseStatus) async throws -> Response {
        var view = FormView(action: "/admin/programs", submitLabel: req.t("action.create"), fields: fields(req, form, kindEditable: true))
        view.attach(issues, req)
        let heading = req.t("programs.new")
        return try await req.page("admin/form", FormPageContext(page: PageContext(req, title: heading, backOffice: true), heading: heading,
                                                                forms: [view], back: "/admin/programs"), status: status)
    }

    func renderEdit(_ req: Request, program: ProgramDTO, form: ProgramForm, issues: [FieldIssue], statusError: String?,
                    announcementError: String? = nil, announcementLanguage: String? = nil,
                    media: MediaFormState = MediaFormState(), status: HTTPResponseStatus) async throws -> Response {
        var view = FormView(action: "/admin/programs/\(program.id)", submitLabel: req.t("action.save"), fields: fields(req, form, kindEditable: false))
        view.hidden.append(.init(name: "version", value: "\(form.version ?? program.version)"))
        view.attach(issues, req)
        let transitions = program.status.allowedTransitions.map {
            ProgramEditContext.Transition(status: $0.rawValue, label: req.t("programs.moveTo", ["status": req.t($0.localizationKey)]), forward: $0 > program.status)
        }
        let context = ProgramEditContext(page: PageContext(req, title: program.name, backOffice: true), program: ProgramView(program, req),
                                         forms: [view], transitions: transitions, statusError: statusError,
                                         media: try await ProgramMediaAdminView.make(req, programID: program.id, programName: program.name, state: media),
                                         announcement: try await announcementPanel(req, program: program, error: announcementError,
                                                                                   language: announcementLanguage))
        return try await req.page("admin/program", context, status: status)
    }

    private func announcementPanel(_ req: Request, program: ProgramDTO, error: String?, language: String?) async throws -> AnnouncementPanel {
        let chosen = language.flatMap(Language.init(rawValue:)) ?? req.language
        let articles = try await req.announcements.articles(programID: program.id).map { model in
            let status = req.news.effectiveStatus(model)
            return AnnouncementPanel.Article(title: model.title, status: req.t(status.localizationKey), statusCode: status.rawValue,
                                             editUrl: "/admin/news/\(model.id!)")
        }
        return AnnouncementPanel(available: ResultsAnnouncement.allowedStatuses.contains(program.status), prominent: program.status == .finished,
                                 languages: Language.allCases.map { .init(value: $0.rawValue, label: req.t("language.\($0.rawValue)"), selected: $0 == chosen) },
                                 error: error, articles: articles, hasArticles: !articles.isEmpty)
    }
}
