import Fluent
import PodiumCore
import Vapor

/// `/admin/games/{slug}/entries`: a team leader enters their team event by event; organizers see every
/// team and may set a rule aside with a reason. Every refusal lists each broken rule in words.
struct GamesEntriesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let entries = routes.grouped("admin", "games", ":slug", "entries")
        entries.get(use: page)
        entries.post(use: create)
        entries.post(":entryId", "delete", use: withdraw)
    }

    struct EntryForm: Content {
        var eventId: Int
        var teamId: Int
        var persons: [String]?
        var overrideRules: [String]?
        var overrideReason: String?
    }

    func page(req: Request) async throws -> Response {
        let program = try await GamesOffice.program(req)
        return try await render(req, program: program, teamID: try? req.query.get(Int.self, at: "team"), failed: nil, status: .ok)
    }

    func create(req: Request) async throws -> Response {
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(EntryForm.self)
        let team = try await req.games.team(form.teamId, programID: program.id!)
        try await req.require(.enterTeam(unitID: team.$unit.id))
        let personIDs = (form.persons ?? []).compactMap { Int($0) }
        let rules = (form.overrideRules ?? []).compactMap(EntryRule.init(rawValue:))
        let override = rules.isEmpty ? nil : EntryOverride(rules: rules, reason: form.overrideReason ?? "")
        do {
            _ = try await req.games.createEntry(program: program, EntryInput(eventId: form.eventId, teamId: form.teamId, personIds: personIDs, override: override),
                                                by: req.actor, mayOverride: req.allows(.managePrograms))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, teamID: team.id, failed: (form, issues.map { req.t($0.message) }), status: .unprocessableEntity)
        }
        return req.redirect(to: "/admin/games/\(program.slug)/entries?team=\(team.id!)#event-\(form.eventId)", flash: req.t("games.entries.added"))
    }

    func withdraw(req: Request) async throws -> Response {
        let program = try await GamesOffice.program(req)
        let entryID = try req.intParameter("entryId")
        let (entry, team) = try await req.games.entry(entryID, programID: program.id!)
        try await req.require(.enterTeam(unitID: team.$unit.id))
        do {
            try await req.games.deleteEntry(program: program, entryID: entryID, by: req.actor, mayOverride: req.allows(.managePrograms))
        } catch let error as PodiumError {
            let message: LocalizedMessage
            switch error {
            case .conflict(let found), .notFound(let found): message = found
            case .validation(let issues): message = issues.first?.message ?? LocalizedMessage("error.games.entryNotFound")
            default: throw error
            }
            return req.redirect(to: "/admin/games/\(program.slug)/entries?team=\(team.id!)#event-\(entry.$event.id)", flash: req.t(message))
        }
        return req.redirect(to: "/admin/games/\(program.slug)/entries?team=\(team.id!)#event-\(entry.$event.id)", flash: req.t("games.entries.withdrawn"))
    }

    private func render(_ req: Request, program: ProgramModel, teamID: Int?, failed: (form: EntryForm, errors: [String])?,
                        status: HTTPResponseStatus) async throws -> Response {
        let isOrganizer = req.allows(.managePrograms)
        let (_, led) = try await GamesOffice.access(req, program: program)
        let teams = isOrganizer ? try await req.games.teams(programID: program.id!) : led
        guard !teams.isEmpty else { throw PodiumError.forbidden(LocalizedMessage("error.games.notYours", ["program": program.name])) }
        guard let team = teams.first(where: { $0.id == teamID }) ?? (teams.count == 1 || !isOrganizer ? teams.first : nil) else {
            let context = GamesEntriesContext(page: PageContext(req, title: req.t("games.entries.title"), backOffice: true), program: ProgramView(program.dto, req),
                                              teams: teams.map { .init(id: $0.id, name: $0.name, current: false) }, team: nil, events: [],
                                              isOrganizer: isOrganizer, isOpen: program.status == ProgramStatus.open.rawValue)
            return try await req.page("admin/games-entries", context, status: status)
        }
        let members = try await teamMembers(req, team: team)
        let children = try await PersonModel.query(on: req.db).filter(\.$kind == PersonKind.family.rawValue)
            .filter(\.$guardian.$id ~~ members.compactMap(\.id)).sort(\.$name).all()
        let entries = try await req.games.entries(programID: program.id!).filter { $0.teamId == team.id }
        let names = Dictionary(uniqueKeysWithValues: (members + children).map { ($0.id!, $0.name) })
        // Members entered before they moved unit, or added by an organizer's override.
        let missing = Set(entries.flatMap(\.personIds)).subtracting(names.keys)
        var extraNames: [Int: String] = [:]
        if !missing.isEmpty {
            for person in try await PersonModel.query(on: req.db).filter(\.$id ~~ missing).all() { extraNames[person.id!] = person.name }
        }
        let flagged = Dictionary(grouping: try await req.games.flaggedEntries(programID: program.id!), by: \.entryID)
        let isOpen = program.status == ProgramStatus.open.rawValue
        let events = try await req.games.events(programID: program.id!).map { event -> GamesEntriesContext.Event in
            let own = entries.filter { $0.eventId == event.id }
            let eligible = members.filter { event.gender.admits($0.gender.flatMap(Gender.init(rawValue:))) }
            let chosen = failed?.form.eventId == event.id ? Set(failed?.form.persons ?? []) : []
            func option(_ person: PersonModel) -> GamesEntriesContext.Option {
                // Mixed line-ups need a minimum of women, so the gender is shown with each name.
                let details = [person.gender.flatMap(Gender.init(rawValue:)).map { req.t($0.localizationKey) }, person.employeeNumber].compactMap { $0 }
                return .init(value: "\(person.id!)", label: ([person.name] + details).joined(separator: " · "), selected: chosen.contains("\(person.id!)"))
            }
            let mode = event.parentChild ? "pair" : (event.lineUpMax > 1 ? "lineUp" : "single")
            return GamesEntriesContext.Event(
                id: event.id, name: event.name, rules: req.eventRules(event), mode: mode,
                entries: own.map { entry in
                    .init(id: entry.id, names: entry.personIds.map { names[$0] ?? extraNames[$0] ?? "#\($0)" }.joined(separator: "、"),
                          overridden: entry.overriddenRules.map { req.t("rule.name.\($0.rawValue)") }.joined(separator: ", "),
                          problems: (flagged[entry.id] ?? []).flatMap(\.violations).map { req.t($0.message) })
                },
                athletes: (event.parentChild ? members : eligible).map(option), children: children.map(option),
                errors: failed?.form.eventId == event.id ? failed!.errors : [],
                reason: failed?.form.eventId == event.id ? failed?.form.overrideReason ?? "" : "",
                quotaUsed: event.teamQuota.map { own.count >= $0 } ?? false)
        }
        let context = GamesEntriesContext(page: PageContext(req, title: "\(team.name) · \(req.t("games.entries.title"))", backOffice: true),
                                          program: ProgramView(program.dto, req),
                                          teams: teams.map { .init(id: $0.id, name: $0.name, current: $0.id == team.id) },
                                          team: .init(id: team.id, name: team.name, current: true), events: events, isOrganizer: isOrganizer,
                                          isOpen: isOpen, rules: EntryRule.allCases.filter { $0 != .duplicate }.map { .init(value: $0.rawValue, label: req.t("rule.name.\($0.rawValue)"), selected: false) })
        return try await req.page("admin/games-entries", context, status: status)
    }

    /// The people who may represent the team: its unit and every unit below it.
    private func teamMembers(_ req: Request, team: TeamDTO) async throws -> [PersonModel] {
        let units = try await req.units.tree().subtree(of: team.unitId)
        return try await PersonModel.query(on: req.db).filter(\.$unit.$id ~~ units).filter(\.$kind != PersonKind.family.rawValue)
            .filter(\.$status == EmployeeStatus.active.rawValue).sort(\.$name).all()
    }
}
