import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/relay/{slug}/teams/{teamId}`: a team's line-up (organizers and the team's own leaders), its race
/// status (officials) and its removal before the start (organizers).
struct RelayTeamAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let team = routes.grouped("admin", "relay", ":slug", "teams", ":teamId")
        team.get(use: teamPage)
        team.post("line-up", use: setLineUp)
        team.post("status", use: setStatus)
        team.post("delete", use: deleteTeam)
    }

    struct RunnerRowForm: Content {
        var person: String?
        var guest: String?
        var chip: String?
    }

    /// A line-up: `runners[<leg>][person]`, `[guest]`, `[chip]`, the version, a reason, and an organizer's override.
    struct LineUpForm: Content {
        var runners: [String: RunnerRowForm]?
        var version: Int?
        var reason: String?
        var overrideRules: [String]?
        var overrideReason: String?

        /// The input, issues found before the service is asked, and the leg of each runner in input order.
        func input() -> (RelayLineUpInput, [FieldIssue], [Int]) {
            var issues: [FieldIssue] = []
            var inputs: [RelayRunnerInput] = []
            let rows: [(Int, RunnerRowForm)] = (self.runners ?? [:]).compactMap { key, row in Int(key).map { ($0, row) } }.sorted { $0.0 < $1.0 }
            for (leg, row) in rows {
                guard let text = row.person?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
                guard let personID = Int(text) else { issues.append(FieldIssue("leg.\(leg)", "relay.lineup.personInvalid")); continue }
                inputs.append(RelayRunnerInput(leg: leg, personId: personID, guest: row.guest != nil,
                                                chip: row.chip?.trimmingCharacters(in: .whitespaces).nilIfEmpty))
            }
            let rules = (overrideRules ?? []).compactMap(RelayLineUpRule.init(rawValue:))
            let override = rules.isEmpty ? nil : RelayLineUpOverride(rules: rules, reason: overrideReason ?? "")
            return (RelayLineUpInput(runners: inputs, version: version, reason: reason, override: override), issues, inputs.map(\.leg))
        }
    }

    struct StatusForm: Content {
        var status: String?
        var reason: String?
        var version: Int?
    }

    func teamPage(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        let team = try await req.relay.team(try req.intParameter("teamId"), programID: program.id!)
        return try await renderTeam(req, program: program, teamID: team.id!)
    }

    func setLineUp(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        let team = try await req.relay.team(try req.intParameter("teamId"), programID: program.id!)
        try await req.require(.enterTeam(unitID: team.$unit.id))
        let form = try req.content.decode(LineUpForm.self)
        let (input, issues, legs) = form.input()
        do {
            guard issues.isEmpty else { throw PodiumError.validation(issues) }
            _ = try await req.relay.setLineUp(program: program, teamID: team.id!, input, by: req.actor, mayOverride: req.allows(.managePrograms))
        } catch PodiumError.validation(let found) {
            // `runners[i].x` names the i-th runner sent; the page shows the error on that runner's leg.
            let placed = found.map { issue -> FieldIssue in
                guard let index = RelayOffice.runnerIndex(issue.field), legs.indices.contains(index) else { return issue }
                return FieldIssue("leg.\(legs[index])", issue.message)
            }
            return try await renderTeam(req, program: program, teamID: team.id!, lineUpForm: form, lineUpIssues: placed, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await renderTeam(req, program: program, teamID: team.id!, lineUpForm: form, lineUpIssues: [FieldIssue("version", message)],
                                        status: .conflict)
        }
        return req.redirect(to: "/admin/relay/\(program.slug)/teams/\(team.id!)", flash: req.t("relay.lineup.saved", ["team": team.name]))
    }

    func setStatus(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        try await req.require(.officiate(programID: program.id!))
        let team = try await req.relay.team(try req.intParameter("teamId"), programID: program.id!)
        let form = try req.content.decode(StatusForm.self)
        let saved: RelayTeamDTO
        do {
            guard let status = form.status.flatMap(RelayTeamStatus.init(rawValue:)) else { throw PodiumError.invalid("status", "relay.lineup.statusInvalid") }
            saved = try await req.relay.setStatus(program: program, teamID: team.id!, RelayTeamStatusInput(status: status, reason: form.reason, version: form.version),
                                                  by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await renderTeam(req, program: program, teamID: team.id!, statusForm: form, statusIssues: found, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await renderTeam(req, program: program, teamID: team.id!, statusForm: form, statusIssues: [FieldIssue("version", message)], status: .conflict)
        }
        return req.redirect(to: "/admin/relay/\(program.slug)/teams/\(team.id!)",
                            flash: req.t("relay.lineup.statusSaved", ["team": saved.name, "status": req.t(saved.status.localizationKey)]))
    }

    func deleteTeam(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RelayOffice.program(req)
        let team = try await req.relay.team(try req.intParameter("teamId"), programID: program.id!)
        do {
            try await req.relay.deleteTeam(program: program, teamID: team.id!, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await renderTeam(req, program: program, teamID: team.id!, deleteError: req.t(message), status: .conflict)
        }
        return req.redirect(to: "/admin/relay/\(program.slug)#teams", flash: req.t("relay.lineup.deleted", ["team": "\(team.bib) \(team.name)"]))
    }

    private func renderTeam(_ req: Request, program: ProgramModel, teamID: Int, lineUpForm: LineUpForm? = nil, lineUpIssues: [FieldIssue] = [],
                            statusForm: StatusForm? = nil, statusIssues: [FieldIssue] = [], deleteError: String? = nil,
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let programID = program.id!
        let team = try await req.relay.teamDTO(teamID, programID: programID)
        let isOrganizer = req.allows(.managePrograms)
        let officiates = req.allows(.officiate(programID: programID))
        let tree = try await req.units.tree()
        let canEdit = AccessPolicy(tree: tree).allows(req.actor, .enterTeam(unitID: team.unitId))
        guard canEdit || officiates else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        let settings = try await req.relay.settings(programID: programID)
        let started = settings.start != nil
        let units = Dictionary(uniqueKeysWithValues: try await req.units.all().map { ($0.id, $0) })
        let ruleLabel = { (rule: RelayLineUpRule) in req.t("relay.lineup.rule.\(rule.rawValue)") }

        // What each leg shows: the typed form after a refusal, otherwise the line-up as stored.
        var chosen: [Int: (person: String, guest: Bool, chip: String)] = [:]
        if let lineUpForm {
            for (key, row) in lineUpForm.runners ?? [:] {
                if let leg = Int(key) { chosen[leg] = (row.person ?? "", row.guest != nil, row.chip ?? "") }
            }
        } else {
            for runner in team.runners { chosen[runner.leg] = ("\(runner.personId)", runner.guest, runner.chip ?? "") }
        }
        var people: [PersonModel] = []
        if canEdit {
            people = try await PersonModel.query(on: req.db).filter(\.$kind != PersonKind.family.rawValue)
                .filter(\.$status == EmployeeStatus.active.rawValue).sort(\.$name).all()
        }
        let memberUnits = tree.subtree(of: team.unitId)
        let known = Set(people.compactMap(\.id))
        let storedNames = Dictionary(team.runners.map { ("\($0.personId)", $0.name) }, uniquingKeysWith: { first, _ in first })
        func label(_ person: PersonModel, withUnit: Bool) -> String {
            var parts = [person.name]
            if let gender = person.gender.flatMap(Gender.init(rawValue:)) { parts.append(req.t(gender.localizationKey)) }
            if let number = person.employeeNumber { parts.append(number) }
            if withUnit, let unit = person.$unit.id.flatMap({ units[$0] }) { parts.append(unit.name) }
            return parts.joined(separator: " · ")
        }

        var ruleErrors: [String] = [], general: [String] = [], rowErrors: [Int: [String]] = [:]
        var reasonError: String?, overrideError: String?
        for issue in lineUpIssues {
            let message = req.t(issue.message)
            if issue.field.hasPrefix("rules.") { ruleErrors.append(message) }
            else if issue.field == "reason" { reasonError = message }
            else if issue.field == "override.reason" { overrideError = message }
            else if issue.field.hasPrefix("leg."), let leg = Int(issue.field.dropFirst(4)) { rowErrors[leg, default: []].append(message) }
            else { general.append(message) }
        }
        let rows = settings.legs.map { leg -> RelayTeamContext.Row in
            let pick = chosen[leg.order]
            var members: [RelayOption] = [], guests: [RelayOption] = []
            for person in people {
                let inside = person.$unit.id.map { memberUnits.contains($0) } ?? false
                let option = RelayOption(value: "\(person.id!)", label: label(person, withUnit: !inside), selected: pick?.person == "\(person.id!)")
                if inside { members.append(option) } else { guests.append(option) }
            }
            // Someone no longer active (or no longer listed) who still holds the leg stays selectable.
            if let person = pick?.person, !person.isEmpty, let id = Int(person), !known.contains(id) {
                guests.append(RelayOption(value: person, label: storedNames[person] ?? "#\(person)", selected: true))
            }
            let runner = team.runners.first { $0.leg == leg.order }
            return RelayTeamContext.Row(
                leg: leg.order,
                title: req.t("relay.lineup.legTitle", ["leg": "\(leg.order)", "distance": RelayCourse.formatDistance(leg.distanceMeters), "point": leg.exchangePoint]),
                members: members, membersLabel: units[team.unitId]?.name ?? team.name, guests: guests,
                guest: pick?.guest ?? false, chip: pick?.chip ?? "",
                runner: runner.map { $0.guest ? req.t("relay.lineup.runnerGuest", ["name": $0.name]) : $0.name } ?? "—",
                error: rowErrors[leg.order].map { $0.joined(separator: " ") })
        }
        let typedRules = Set(lineUpForm?.overrideRules ?? team.overriddenRules.map(\.rawValue))
        let lineUp = RelayTeamContext.LineUp(
            action: "/admin/relay/\(program.slug)/teams/\(team.id)/line-up", version: lineUpForm?.version ?? team.version, rows: rows,
            reason: lineUpForm?.reason ?? "", reasonError: reasonError, reasonRequired: started, ruleErrors: ruleErrors, errors: general,
            canOverride: isOrganizer, overrideRules: RelayLineUpRule.allCases.map { RelayOption(value: $0.rawValue, label: ruleLabel($0), selected: typedRules.contains($0.rawValue)) },
            overrideReason: lineUpForm?.overrideReason ?? team.overrideReason ?? "", overrideError: overrideError,
            overrideOpen: overrideError != nil || !(lineUpForm?.overrideRules ?? []).isEmpty)

        var statusView: RelayTeamContext.Status?
        if officiates {
            var statusGeneral: [String] = [], statusReasonError: String?
            for issue in statusIssues {
                if issue.field == "reason" { statusReasonError = req.t(issue.message) } else { statusGeneral.append(req.t(issue.message)) }
            }
            let current = statusForm?.status ?? team.status.rawValue
            statusView = .init(options: RelayTeamStatus.allCases.map { RelayOption(value: $0.rawValue, label: req.t($0.localizationKey), selected: $0.rawValue == current) },
                               reason: statusForm?.reason ?? team.statusReason ?? "", version: statusForm?.version ?? team.version,
                               reasonError: statusReasonError, errors: statusGeneral)
        }

        let header = RelayTeamContext.Header(
            id: team.id, bib: team.bib, name: team.name, teamClass: req.t("relay.class.\(team.teamClass)"),
            organization: units[team.unitId]?.path.joined(separator: " › ") ?? "", status: req.t(team.status.localizationKey),
            statusReason: team.statusReason,
            overridden: team.overriddenRules.isEmpty ? nil : req.t("relay.lineup.overridden", ["rules": team.overriddenRules.map(ruleLabel).joined(separator: ", "),
                                                                                                "reason": team.overrideReason ?? ""]))
        let context = RelayTeamContext(
            page: PageContext(req, title: "\(team.bib) \(team.name) · \(program.name)", backOffice: true), program: ProgramView(program.dto, req),
            back: officiates ? "/admin/relay/\(program.slug)#teams" : "/admin", backLabel: officiates ? program.name : req.t("nav.dashboard"),
            team: header, started: started, canEditLineUp: canEdit, lineUp: lineUp, status: statusView, canDelete: isOrganizer,
            deleteError: deleteError, changes: try await RelayOffice.raceDayChanges(req, program: program, teams: [team]))
        return try await req.page("admin/relay-team", context, status: status)
    }
}
