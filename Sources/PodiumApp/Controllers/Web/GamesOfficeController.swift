import Fluent
import PodiumCore
import Vapor

/// `/admin/games/{slug}`: the back office of a games program. Organizers build the programme from
/// templates, field teams and set the scoring; team leaders and officials find their way to entries
/// and results from here.
struct GamesOfficeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let office = routes.grouped("admin", "games", ":slug")
        office.get(use: overview)
        office.post("events", use: addEvents)
        office.post("events", "new", use: newEvent)
        office.get("events", ":eventId", use: editEvent)
        office.post("events", ":eventId", use: updateEvent)
        office.post("events", ":eventId", "delete", use: deleteEvent)
        office.post("teams", use: addTeams)
        office.post("scoring", use: updateScoring)
    }

    struct AddEventsForm: Content {
        var templates: [String]?
        var eventDate: String?
        var venue: String?
    }

    struct TeamsForm: Content {
        var unitId: String?
    }

    struct ScoringForm: Content {
        var individualPoints: String?
        var collectivePoints: String?
        var parentChildPoints: String?
        var tiePolicy: String?
        var prizes: String?
        var personEventLimit: String?
        var version: Int?
    }

    func overview(req: Request) async throws -> Response {
        try await render(req, program: try await GamesOffice.program(req), scoringIssues: [], scoringForm: nil, addIssues: [], status: .ok)
    }

    func addEvents(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(AddEventsForm.self)
        let chosen = (form.templates ?? []).compactMap(EventTemplate.template)
        var issues: [FieldIssue] = []
        if chosen.isEmpty { issues.append(FieldIssue("templates", "error.event.noneChosen")) }
        var date: CalendarDate?
        if let text = form.eventDate?.nilIfEmpty {
            date = CalendarDate(parsing: text)
            if date == nil { issues.append(FieldIssue("eventDate", "error.field.date", ["value": text])) }
        }
        guard issues.isEmpty else { return try await render(req, program: program, scoringIssues: [], scoringForm: nil, addIssues: issues, status: .unprocessableEntity) }
        let actor = req.actor, clock = req.application.clock, language = req.language, eventDate = date
        try await req.db.transaction { tx in
            for template in chosen {
                _ = try await GamesService(db: tx, clock: clock).createEvent(
                    program: program, EventInput(templateId: template.id, eventDate: eventDate, venue: form.venue), language: language, by: actor)
            }
        }
        return req.redirect(to: "/admin/games/\(program.slug)#events", flash: req.t("games.office.eventsAdded", ["count": "\(chosen.count)"]))
    }

    /// An event from scratch: named here, then every rule set on its edit page.
    func newEvent(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let name = (try? req.content.get(String.self, at: "name")) ?? ""
        do {
            let event = try await req.games.createEvent(program: program, EventInput(name: name, venue: program.venue), language: req.language, by: req.actor)
            return req.redirect(to: "/admin/games/\(program.slug)/events/\(event.id)", flash: req.t("games.office.eventCreated", ["event": event.name]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, scoringIssues: [], scoringForm: nil, addIssues: issues, status: .unprocessableEntity)
        }
    }

    func addTeams(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(TeamsForm.self)
        let existing = Set(try await req.games.teams(programID: program.id!).map(\.unitId))
        let units: [Int]
        if form.unitId == "companies" {
            units = try await UnitModel.query(on: req.db).filter(\.$kind == UnitKind.company.rawValue).sort(\.$name).all().compactMap(\.id)
                .filter { !existing.contains($0) }
        } else if let id = form.unitId.flatMap(Int.init) {
            units = [id]
        } else {
            return try await render(req, program: program, scoringIssues: [], scoringForm: nil,
                                    addIssues: [FieldIssue("unitId", "error.games.teamUnitRequired")], status: .unprocessableEntity)
        }
        let actor = req.actor, clock = req.application.clock
        do {
            try await req.db.transaction { tx in
                for unit in units { _ = try await GamesService(db: tx, clock: clock).createTeam(programID: program.id!, TeamInput(unitId: unit), by: actor) }
            }
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, scoringIssues: [], scoringForm: nil, addIssues: issues, status: .unprocessableEntity)
        }
        return req.redirect(to: "/admin/games/\(program.slug)#teams", flash: req.t("games.office.teamsAdded", ["count": "\(units.count)"]))
    }

    func updateScoring(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(ScoringForm.self)
        var issues: [FieldIssue] = []
        func number(_ field: String, _ text: String?) -> Int? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return field == "personEventLimit" ? 0 : nil }
            guard let value = Int(text) else { issues.append(FieldIssue(field, "error.field.integer", ["value": text])); return nil }
            return value
        }
        let input = GamesSettingsInput(individualPoints: form.individualPoints, collectivePoints: form.collectivePoints,
                                       parentChildPoints: form.parentChildPoints, tiePolicy: form.tiePolicy.flatMap(TiePointsPolicy.init(rawValue:)),
                                       prizes: number("prizes", form.prizes), personEventLimit: number("personEventLimit", form.personEventLimit),
                                       version: form.version)
        if !issues.isEmpty {
            // Report the tables' problems together with the unreadable numbers, so one round trip shows them all.
            for (field, text) in [("individualPoints", form.individualPoints), ("collectivePoints", form.collectivePoints), ("parentChildPoints", form.parentChildPoints)] {
                do { _ = try PointsTable.parse(text ?? "", field: field) } catch { if case .validation(let found) = error { issues += found } }
            }
        }
        do {
            guard issues.isEmpty else { throw PodiumError.validation(issues) }
            _ = try await GamesScoringService(db: req.db, clock: req.application.clock).update(programID: program.id!, input, by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await render(req, program: program, scoringIssues: found, scoringForm: form, addIssues: [], status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, scoringIssues: [FieldIssue("version", message)], scoringForm: form, addIssues: [], status: .conflict)
        }
        return req.redirect(to: "/admin/games/\(program.slug)#scoring", flash: req.t("games.office.scoringSaved"))
    }

    // MARK: One event

    func editEvent(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let event = try await req.games.event(try req.intParameter("eventId"), programID: program.id!).dto
        return try await renderEvent(req, program: program, event: event, form: EventForm(event, timeZone: program.timeZone), issues: [], status: .ok)
    }

    func updateEvent(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let event = try await req.games.event(try req.intParameter("eventId"), programID: program.id!).dto
        let form = try req.content.decode(EventForm.self)
        let (input, issues) = form.input(timeZone: program.timeZone)
        guard issues.isEmpty else { return try await renderEvent(req, program: program, event: event, form: form, issues: issues, status: .unprocessableEntity) }
        do {
            let (saved, flagged) = try await req.games.updateEvent(program: program, eventID: event.id, input, by: req.actor)
            let message = flagged.isEmpty ? req.t("games.office.eventSaved", ["event": saved.name])
                : req.t("games.office.eventSavedFlagged", ["event": saved.name, "count": "\(flagged.count)"])
            return req.redirect(to: "/admin/games/\(program.slug)#events", flash: message)
        } catch PodiumError.validation(let found) {
            return try await renderEvent(req, program: program, event: event, form: form, issues: found, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await renderEvent(req, program: program, event: event, form: form, issues: [FieldIssue("version", message)], status: .conflict)
        }
    }

    func deleteEvent(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let event = try await req.games.event(try req.intParameter("eventId"), programID: program.id!).dto
        do {
            try await req.games.deleteEvent(programID: program.id!, eventID: event.id, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await renderEvent(req, program: program, event: event, form: EventForm(event, timeZone: program.timeZone),
                                         issues: [FieldIssue("delete", message)], status: .conflict)
        }
        return req.redirect(to: "/admin/games/\(program.slug)#events", flash: req.t("games.office.eventRemoved", ["event": event.name]))
    }

    // MARK: Rendering

    private func render(_ req: Request, program: ProgramModel, scoringIssues: [FieldIssue], scoringForm: ScoringForm?, addIssues: [FieldIssue],
                        status: HTTPResponseStatus) async throws -> Response {
        let isOrganizer = req.allows(.managePrograms)
        let office = try await GamesOffice.access(req, program: program)
        guard isOrganizer || office.isOfficial || !office.ledTeams.isEmpty else {
            throw PodiumError.forbidden(LocalizedMessage("error.games.notYours", ["program": program.name]))
        }
        let events = try await req.games.events(programID: program.id!)
        let entries = try await req.games.entries(programID: program.id!)
        let teams = try await req.games.teams(programID: program.id!)
        let perEvent = Dictionary(grouping: entries, by: \.eventId).mapValues(\.count)
        let perTeam = Dictionary(grouping: entries, by: \.teamId).mapValues(\.count)
        var context = GamesOfficeContext(page: PageContext(req, title: program.name, backOffice: true), program: ProgramView(program.dto, req),
                                         isOrganizer: isOrganizer, canEnterResults: office.isOfficial || isOrganizer,
                                         ledTeams: office.ledTeams.map { .init(id: $0.id, name: $0.name, entries: perTeam[$0.id] ?? 0) })
        context.events = events.map { event in
            GamesOfficeContext.EventRow(id: event.id, name: event.name, category: req.t(event.category.localizationKey),
                                        format: req.t(event.format.localizationKey), gender: req.t(event.gender.localizationKey),
                                        lineUp: event.parentChild ? req.t("games.office.pair") : (event.lineUpMin == event.lineUpMax ? "\(event.lineUpMin)" : "\(event.lineUpMin)–\(event.lineUpMax)"),
                                        quota: event.teamQuota.map(String.init) ?? "—", entries: perEvent[event.id] ?? 0,
                                        drawURL: event.format == .headToHead ? "/admin/games/\(program.slug)/draws/\(event.id)" : nil)
        }
        guard isOrganizer else { return try await req.page("admin/games-office", context, status: status) }

        context.teams = teams.map { .init(id: $0.id, name: $0.name, entries: perTeam[$0.id] ?? 0) }
        let flagged = try await req.games.flaggedEntries(programID: program.id!)
        let eventNames = Dictionary(uniqueKeysWithValues: events.map { ($0.id, $0.name) })
        let teamNames = Dictionary(uniqueKeysWithValues: teams.map { ($0.id, $0.name) })
        context.flagged = flagged.map {
            .init(event: eventNames[$0.eventID] ?? "", team: teamNames[$0.teamID] ?? "", names: $0.names.joined(separator: "、"),
                  problems: $0.violations.map { req.t($0.message) }, teamID: $0.teamID)
        }
        context.templateGroups = EventCategory.allCases.map { category in
            .init(label: req.t(category.localizationKey), templates: EventTemplate.catalogue.filter { $0.category == category }.map {
                .init(id: $0.id, name: $0.name(req.language), detail: req.t($0.format.localizationKey))
            })
        }
        context.addErrors = addIssues.map { req.t($0.message) }
        let teamUnits = Set(teams.map(\.unitId))
        context.units = try await UnitModel.query(on: req.db).sort(\.$name).all()
            .filter { !teamUnits.contains($0.id!) && $0.kind != UnitKind.group.rawValue && $0.kind != UnitKind.sector.rawValue }
            .map { .init(id: $0.id!, name: $0.name) }

        let settings = try await GamesScoringService(db: req.db, clock: req.application.clock).settingsDTO(programID: program.id!)
        let form = scoringForm ?? ScoringForm(individualPoints: settings.individualPoints, collectivePoints: settings.collectivePoints,
                                              parentChildPoints: settings.parentChildPoints, tiePolicy: settings.tiePolicy.rawValue,
                                              prizes: "\(settings.prizes)", personEventLimit: settings.personEventLimit.map(String.init) ?? "",
                                              version: settings.version)
        var scoring = FormView(action: "/admin/games/\(program.slug)/scoring", submitLabel: req.t("action.save"), fields: [
            FieldView(name: "individualPoints", label: req.t("games.office.individualPoints"), value: form.individualPoints ?? "", hint: req.t("games.office.pointsHint")),
            FieldView(name: "collectivePoints", label: req.t("games.office.collectivePoints"), value: form.collectivePoints ?? ""),
            FieldView(name: "parentChildPoints", label: req.t("games.office.parentChildPoints"), value: form.parentChildPoints ?? ""),
            .select("tiePolicy", req.t("games.office.tiePolicy"), options: TiePointsPolicy.allCases.map { ($0.rawValue, req.t("games.office.tie.\($0.rawValue)")) },
                    selected: [form.tiePolicy ?? "shared"]),
            FieldView(name: "prizes", label: req.t("games.office.prizes"), type: "number", value: form.prizes ?? "", inputmode: "numeric"),
            FieldView(name: "personEventLimit", label: req.t("games.office.personLimit"), type: "number", value: form.personEventLimit ?? "",
                      hint: req.t("games.office.personLimitHint"), inputmode: "numeric"),
        ])
        scoring.title = req.t("games.office.scoring")
        scoring.hidden.append(.init(name: "version", value: "\(form.version ?? settings.version)"))
        scoring.attach(scoringIssues, req)
        context.forms = [scoring]
        return try await req.page("admin/games-office", context, status: status)
    }

    private func renderEvent(_ req: Request, program: ProgramModel, event: EventDTO, form: EventForm, issues: [FieldIssue],
                             status: HTTPResponseStatus) async throws -> Response {
        var view = FormView(action: "/admin/games/\(program.slug)/events/\(event.id)", submitLabel: req.t("action.save"), fields: form.fields(req))
        view.hidden.append(.init(name: "version", value: "\(form.version ?? event.version)"))
        view.attach(issues.filter { $0.field != "delete" }, req)
        let context = GamesEventEditContext(page: PageContext(req, title: event.name, backOffice: true), heading: event.name, forms: [view],
                                            back: "/admin/games/\(program.slug)#events",
                                            deleteAction: "/admin/games/\(program.slug)/events/\(event.id)/delete",
                                            deleteError: issues.first { $0.field == "delete" }.map { req.t($0.message) })
        return try await req.page("admin/games-event", context, status: status)
    }
}

/// Who may do what in one games program's back office.
enum GamesOffice {
    static func program(_ req: Request) async throws -> ProgramModel {
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        return try await req.games.program(slug: req.parameters.get("slug") ?? "")
    }

    /// The program for pages organizers and its officials share (start lists, heats and the final); whether the
    /// actor is an organizer, who may also change what officials only read.
    static func officiating(_ req: Request) async throws -> (ProgramModel, isOrganizer: Bool) {
        let program = try await program(req)
        let isOrganizer = req.allows(.managePrograms)
        let isOfficial = isOrganizer ? false : try await access(req, program: program).isOfficial
        guard isOrganizer || isOfficial else {
            throw PodiumError.forbidden(LocalizedMessage("error.forbidden"))
        }
        return (program, isOrganizer)
    }

    static func access(_ req: Request, program: ProgramModel) async throws -> (isOfficial: Bool, ledTeams: [TeamDTO]) {
        let policy = AccessPolicy(tree: try await req.units.tree())
        let teams = try await req.games.teams(programID: program.id!)
        let led = req.allows(.managePrograms) ? [] : teams.filter { policy.allows(req.actor, .enterTeam(unitID: $0.unitId)) }
        return (policy.allows(req.actor, .officiate(programID: program.id!)), led)
    }
}
