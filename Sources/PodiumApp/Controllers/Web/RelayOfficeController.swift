import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/relay/{slug}`: the race office of a relay. Organizers set the course and rules and field teams;
/// officials record the start and restarts, set team statuses and clear the review queue; team leaders set
/// their own team's line-up. The same services as the JSON API, as pages that work without JavaScript.
struct RelayOfficeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let office = routes.grouped("admin", "relay", ":slug")
        office.get(use: overview)
        office.post("settings", use: updateSettings)
        office.post("start", use: start)
        office.post("teams", use: addTeam)
        office.get("teams", ":teamId", use: teamPage)
        office.post("teams", ":teamId", "line-up", use: setLineUp)
        office.post("teams", ":teamId", "status", use: setStatus)
        office.post("teams", ":teamId", "delete", use: deleteTeam)
        office.get("review", use: review)
        office.post("reads", ":readId", "correct", use: correct)
        office.on(.POST, "reads", "import", body: .collect(maxSize: "8mb"), use: importReads)
    }

    // MARK: Forms as the browser sends them

    struct LegRowForm: Content {
        var distance: String?
        var exchangePoint: String?
    }

    /// The course and rules: `legs[<row>][distance]`, `legs[<row>][exchangePoint]`, then the rules, every value as typed.
    struct SettingsForm: Content {
        var legs: [String: LegRowForm]?
        var teamSize: String?
        var minimumWomen: String?
        var ownOrganizationOnly: String?
        var maximumGuests: String?
        var deadTimeSeconds: String?
        var minimumPace: String?
        var version: Int?

        init(_ settings: RelaySettingsDTO) {
            legs = Dictionary(uniqueKeysWithValues: settings.legs.enumerated().map {
                ("\($0.offset)", LegRowForm(distance: RelayOffice.kilometres($0.element.distanceMeters), exchangePoint: $0.element.exchangePoint))
            })
            teamSize = "\(settings.teamSize)"
            minimumWomen = "\(settings.minimumWomen)"
            ownOrganizationOnly = settings.ownOrganizationOnly ? "on" : nil
            maximumGuests = "\(settings.maximumGuests)"
            deadTimeSeconds = "\(settings.deadTimeSeconds)"
            minimumPace = settings.minimumPace
            version = settings.version
        }

        /// The leg rows in form order; row `i` is `legs[i]` in the service's field names.
        var rows: [LegRowForm] {
            (legs ?? [:]).compactMap { key, row in Int(key).map { ($0, row) } }.sorted { $0.0 < $1.0 }.map(\.1)
        }

        func input() -> (RelaySettingsInput, [FieldIssue]) {
            var issues: [FieldIssue] = []
            func number(_ field: String, _ text: String?) -> Int? {
                guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                guard let value = Int(text) else { issues.append(FieldIssue(field, "error.field.integer", ["value": text])); return nil }
                return value
            }
            let input = RelaySettingsInput(
                legs: legs == nil ? nil : rows.map { RelayLegInput(distance: $0.distance ?? "", exchangePoint: $0.exchangePoint ?? "") },
                teamSize: number("teamSize", teamSize), minimumWomen: number("minimumWomen", minimumWomen),
                ownOrganizationOnly: ownOrganizationOnly != nil, maximumGuests: number("maximumGuests", maximumGuests),
                deadTimeSeconds: number("deadTimeSeconds", deadTimeSeconds),
                minimumPace: minimumPace?.trimmingCharacters(in: .whitespaces).nilIfEmpty, version: version)
            return (input, issues)
        }
    }

    /// The mass start (no `point`) or a restart at exchange `point`; `at` is a clock time on the race day, empty for now.
    struct StartForm: Content {
        var point: String?
        var at: String?
    }

    struct TeamForm: Content {
        var unitId: String?
        var bib: String?
        var name: String?
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

    struct CorrectForm: Content {
        var kind: String?
        var bib: String?
        var at: String?
        var reason: String?
    }

    struct UploadForm: Content {
        var file: File?
        var device: String?
    }

    // MARK: The race office

    func overview(req: Request) async throws -> Response {
        try await renderOffice(req, program: try await RelayOffice.program(req))
    }

    func updateSettings(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RelayOffice.program(req)
        let form = try req.content.decode(SettingsForm.self)
        let (input, issues) = form.input()
        do {
            if !issues.isEmpty {
                // Report the course's problems together with the unreadable numbers, so one round trip shows them all.
                var all = issues
                if let legs = input.legs {
                    do { _ = try RelayCourse.parse(distances: legs.map(\.distance), exchangePoints: legs.map(\.exchangePoint)) } catch {
                        if case .validation(let found) = error { all += found }
                    }
                }
                throw PodiumError.validation(all)
            }
            _ = try await req.relay.updateSettings(program: program, input, by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await renderOffice(req, program: program, settingsForm: form, settingsIssues: found, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await renderOffice(req, program: program, settingsForm: form, settingsIssues: [FieldIssue("version", message)], status: .conflict)
        }
        await req.application.liveHub.poke(programID: program.id!)
        return req.redirect(to: "/admin/relay/\(program.slug)#course", flash: req.t("relay.office.settingsSaved"))
    }

    func start(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        try await req.require(.officiate(programID: program.id!))
        let form = try req.content.decode(StartForm.self)
        var issues: [FieldIssue] = []
        var point: Int?
        if let text = form.point?.trimmingCharacters(in: .whitespaces).nilIfEmpty {
            point = Int(text)
            if point == nil { issues.append(FieldIssue("point", "relay.office.pointInvalid")) }
        }
        var at: Date?
        if let text = form.at?.trimmingCharacters(in: .whitespaces).nilIfEmpty {
            if let ms = RelayOffice.parseClock(text, program: program) { at = RelayService.date(ms) }
            else { issues.append(FieldIssue("at", "relay.office.timeInvalid", ["value": text])) }
        }
        let settings: RelaySettingsDTO
        do {
            guard issues.isEmpty else { throw PodiumError.validation(issues) }
            settings = try await req.relay.recordStart(program: program, RelayStartInput(point: point, at: at), by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await renderOffice(req, program: program, startForm: form, startIssues: found, status: .unprocessableEntity)
        }
        await req.application.liveHub.poke(programID: program.id!)
        let timeZone = RelayOffice.timeZone(program)
        let message: String
        if let point, let restart = settings.restarts.first(where: { $0.point == point }) {
            message = req.t("relay.office.restartSaved", ["point": "\(point)", "time": RelayClock.clock(RelayService.ms(restart.at), timeZone: timeZone)])
        } else {
            message = req.t("relay.office.startSaved", ["time": settings.start.map { RelayClock.clock(RelayService.ms($0), timeZone: timeZone) } ?? ""])
        }
        return req.redirect(to: "/admin/relay/\(program.slug)#start", flash: message)
    }

    func addTeam(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RelayOffice.program(req)
        let form = try req.content.decode(TeamForm.self)
        let team: RelayTeamDTO
        do {
            guard let unitID = form.unitId.flatMap({ Int($0) }) else { throw PodiumError.invalid("unitId", "relay.office.unitRequired") }
            team = try await req.relay.createTeam(program: program, RelayTeamInput(unitId: unitID, bib: form.bib ?? "", name: form.name), by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await renderOffice(req, program: program, teamForm: form, teamIssues: found, status: .unprocessableEntity)
        }
        await req.application.liveHub.poke(programID: program.id!)
        return req.redirect(to: "/admin/relay/\(program.slug)#teams", flash: req.t("relay.office.teamAdded", ["bib": team.bib, "team": team.name]))
    }

    private func renderOffice(_ req: Request, program: ProgramModel, settingsForm: SettingsForm? = nil, settingsIssues: [FieldIssue] = [],
                              startForm: StartForm? = nil, startIssues: [FieldIssue] = [], teamForm: TeamForm? = nil,
                              teamIssues: [FieldIssue] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let programID = program.id!
        try await req.require(.officiate(programID: programID))
        let isOrganizer = req.allows(.managePrograms)
        let settings = try await req.relay.settings(programID: programID)
        let snapshot = try await req.relayTiming.snapshot(program: program)
        let problems = try await req.relay.lineUpProblems(programID: programID)
        let timeZone = snapshot.timeZone
        let slug = program.slug

        let course = settings.legs.map { RelayOfficeContext.CourseLeg(order: $0.order, distance: RelayCourse.formatDistance($0.distanceMeters), exchangePoint: $0.exchangePoint) }
        var summary: [String] = []
        if !settings.legs.isEmpty {
            summary.append(req.t("relay.office.totalDistance", ["legs": "\(settings.legs.count)", "distance": RelayCourse.formatDistance(settings.totalMeters)]))
        }
        summary.append(req.t("relay.office.compositionSummary", ["size": "\(settings.teamSize)", "women": "\(settings.minimumWomen)",
                                                                 "guests": "\(settings.maximumGuests)"]))
        summary.append(req.t(settings.ownOrganizationOnly ? "relay.office.ownOrganizationSummary" : "relay.office.openTeamsSummary"))
        summary.append(req.t("relay.office.timingSummary", ["seconds": "\(settings.deadTimeSeconds)", "pace": settings.minimumPace]))

        var settingsView: RelayOfficeContext.Settings?
        if isOrganizer {
            let typed = settingsForm ?? SettingsForm(settings)
            var rows: [LegRowForm]
            if let settingsForm, settingsForm.legs != nil {
                rows = settingsForm.rows
            } else {
                // The course as stored and spare rows, so a leg can be added without a script.
                rows = SettingsForm(settings).rows
                rows += Array(repeating: LegRowForm(distance: "", exchangePoint: ""), count: max(2, 6 - rows.count))
            }
            var legIssues: [Int: (distance: [String], point: [String])] = [:]
            var other: [FieldIssue] = []
            for issue in settingsIssues {
                if let (row, part) = RelayOffice.legField(issue.field), rows.indices.contains(row) {
                    if part == "distance" { legIssues[row, default: ([], [])].distance.append(req.t(issue.message)) }
                    else { legIssues[row, default: ([], [])].point.append(req.t(issue.message)) }
                } else {
                    other.append(issue)
                }
            }
            var form = FormView(action: "/admin/relay/\(slug)/settings", submitLabel: req.t("action.save"), title: req.t("relay.office.course"), fields: [
                FieldView(name: "teamSize", label: req.t("relay.office.teamSize"), type: "number", value: typed.teamSize ?? "", inputmode: "numeric"),
                FieldView(name: "minimumWomen", label: req.t("relay.office.minimumWomen"), type: "number", value: typed.minimumWomen ?? "", inputmode: "numeric"),
                FieldView(name: "ownOrganizationOnly", label: req.t("relay.office.ownOrganizationOnly"), type: "checkbox", checked: typed.ownOrganizationOnly != nil),
                FieldView(name: "maximumGuests", label: req.t("relay.office.maximumGuests"), type: "number", value: typed.maximumGuests ?? "", inputmode: "numeric"),
                FieldView(name: "deadTimeSeconds", label: req.t("relay.office.deadTimeSeconds"), type: "number", value: typed.deadTimeSeconds ?? "",
                          hint: req.t("relay.office.deadTimeHint"), inputmode: "numeric"),
                FieldView(name: "minimumPace", label: req.t("relay.office.minimumPace"), value: typed.minimumPace ?? "", hint: req.t("relay.office.minimumPaceHint")),
            ])
            form.hidden.append(.init(name: "version", value: "\(typed.version ?? settings.version)"))
            form.attach(other, req)
            settingsView = .init(form: form, legs: rows.enumerated().map { index, row in
                RelayOfficeContext.LegRow(index: index, label: req.t("relay.office.legDistance", ["leg": "\(index + 1)"]),
                                          distance: row.distance ?? "", exchangePoint: row.exchangePoint ?? "",
                                          distanceError: legIssues[index].flatMap { $0.distance.isEmpty ? nil : $0.distance.joined(separator: " ") },
                                          pointError: legIssues[index].flatMap { $0.point.isEmpty ? nil : $0.point.joined(separator: " ") })
            }, open: settings.legs.isEmpty || !settingsIssues.isEmpty)
        }

        let isRestart = startForm?.point?.nilIfEmpty != nil
        let startMessages = startIssues.map { req.t($0.message) }
        let start = RelayOfficeContext.Start(
            canStart: true, hasLegs: !settings.legs.isEmpty,
            recorded: settings.start.map { req.t("relay.office.startRecorded", ["time": RelayClock.clock(RelayService.ms($0), timeZone: timeZone)]) },
            restarts: settings.restarts.map { restart in
                req.t("relay.office.restartRecorded", ["point": "\(restart.point)",
                                                       "exchange": settings.legs.first { $0.order == restart.point }?.exchangePoint ?? "",
                                                       "time": RelayClock.clock(RelayService.ms(restart.at), timeZone: timeZone)])
            },
            exchanges: settings.legs.dropLast().map { leg in
                RelayOption(value: "\(leg.order)", label: "\(leg.order) · \(leg.exchangePoint)", selected: startForm?.point == "\(leg.order)")
            },
            hasExchanges: settings.legs.count > 1,
            at: isRestart ? "" : startForm?.at ?? "", restartAt: isRestart ? startForm?.at ?? "" : "",
            errors: isRestart ? [] : startMessages, restartErrors: isRestart ? startMessages : [],
            timeHint: req.t("relay.office.timeHint", ["timeZone": program.timeZone]))

        let teams = snapshot.teams.map { team in
            RelayOfficeContext.TeamRow(id: team.id, bib: team.bib, name: team.name, teamClass: req.t("relay.class.\(team.teamClass)"),
                                       status: req.t(team.status.localizationKey) + (team.statusReason.map { ": \($0)" } ?? ""),
                                       statusCode: team.status.rawValue,
                                       runners: req.t("relay.office.runnersCount", ["count": "\(Set(team.runners.map(\.personId)).count)", "size": "\(settings.teamSize)"]),
                                       problems: (problems[team.id] ?? []).map { req.t($0.message) })
        }

        var addTeam: RelayOfficeContext.AddTeam?
        if isOrganizer {
            let units = try await req.units.all()
            var general: [String] = []
            var unitError: String?, bibError: String?, nameError: String?
            for issue in teamIssues {
                let message = req.t(issue.message)
                switch issue.field {
                case "unitId": unitError = message
                case "bib": bibError = message
                case "name": nameError = message
                default: general.append(message)
                }
            }
            addTeam = .init(units: units.map { RelayOption(value: "\($0.id)", label: $0.path.joined(separator: " › "), selected: teamForm?.unitId == "\($0.id)") },
                            bib: teamForm?.bib ?? "", name: teamForm?.name ?? "", unitError: unitError, bibError: bibError, nameError: nameError,
                            errors: general)
        }

        let context = RelayOfficeContext(
            page: PageContext(req, title: program.name, backOffice: true), program: ProgramView(program.dto, req), isOrganizer: isOrganizer,
            links: .init(timing: "/admin/relay/\(slug)/timing", review: "/admin/relay/\(slug)/review", live: "/p/\(slug)/live", results: "/p/\(slug)/results"),
            reviewCount: snapshot.board.reviews.count,
            reviewLabel: req.t("relay.office.review", ["count": "\(snapshot.board.reviews.count)"]), course: course, courseSummary: summary, settings: settingsView, start: start,
            teams: teams, addTeam: addTeam,
            changes: try await RelayOffice.raceDayChanges(req, program: program, teams: snapshot.teams))
        return try await req.page("admin/relay-office", context, status: status)
    }

    // MARK: One team

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
        await req.application.liveHub.poke(programID: program.id!)
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
        await req.application.liveHub.poke(programID: program.id!)
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
        await req.application.liveHub.poke(programID: program.id!)
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

    // MARK: Review

    func review(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        return try await renderReview(req, program: program)
    }

    func correct(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        try await req.require(.officiate(programID: program.id!))
        let readID = try req.intParameter("readId")
        let form = try req.content.decode(CorrectForm.self)
        guard let kind = form.kind.flatMap(ReadCorrectionKind.init(rawValue:)) else {
            throw PodiumError.badRequest(LocalizedMessage("relay.review.form.kindInvalid"))
        }
        var issues: [FieldIssue] = []
        var at: ReadInstant?
        if kind == .retime, let text = form.at?.trimmingCharacters(in: .whitespaces).nilIfEmpty {
            if let ms = RelayOffice.parseClock(text, program: program) { at = ReadInstant(ms: ms) }
            else { issues.append(FieldIssue("at", "relay.review.form.timeInvalid", ["value": text])) }
        }
        if (form.reason ?? "").collapsingWhitespace.isEmpty { issues.append(FieldIssue("reason", "error.relay.correctionReason")) }
        do {
            guard issues.isEmpty else { throw PodiumError.validation(issues) }
            _ = try await req.relayTiming.correct(program: program, readID: readID,
                                                  TimingCorrectionInput(kind: kind, bib: form.bib, at: at, reason: form.reason ?? ""), by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await renderReview(req, program: program, failed: (readID, form, found), status: .unprocessableEntity)
        }
        await req.application.liveHub.poke(programID: program.id!)
        return req.redirect(to: "/admin/relay/\(program.slug)/review", flash: req.t("relay.review.form.corrected"))
    }

    func importReads(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        try await req.require(.officiate(programID: program.id!))
        let form = try req.content.decode(UploadForm.self)
        let result: ReadBatchResultDTO
        do {
            guard let file = form.file, file.data.readableBytes > 0 else { throw PodiumError.invalid("file", "error.import.noFile") }
            result = try await req.relayTiming.importCSV(program: program, Data(buffer: file.data),
                                                         device: form.device?.trimmingCharacters(in: .whitespaces), by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await renderReview(req, program: program, importIssues: found, device: form.device, status: .unprocessableEntity)
        } catch PodiumError.badRequest(let message) {
            return try await renderReview(req, program: program, importIssues: [FieldIssue("file", message)], device: form.device, status: .unprocessableEntity)
        }
        await req.application.liveHub.poke(programID: program.id!)
        return req.redirect(to: "/admin/relay/\(program.slug)/review",
                            flash: req.t("relay.review.form.imported", ["stored": "\(result.stored)", "already": "\(result.alreadyStored)"]))
    }

    /// Most reads the log shows unless asked for all.
    static let logLimit = 500

    private func renderReview(_ req: Request, program: ProgramModel, failed: (readID: Int, form: CorrectForm, issues: [FieldIssue])? = nil,
                              importIssues: [FieldIssue] = [], device: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.require(.officiate(programID: program.id!))
        let snapshot = try await req.relayTiming.snapshot(program: program)
        let timeZone = snapshot.timeZone
        let slug = program.slug

        func correction(_ kind: ReadCorrectionKind, readID: Int, at: Int64?) -> RelayReviewContext.Correction {
            let mine = failed.flatMap { $0.readID == readID && $0.form.kind == kind.rawValue ? $0 : nil }
            var bibError: String?, atError: String?, reasonError: String?, errors: [String] = []
            for issue in mine?.issues ?? [] {
                let message = req.t(issue.message)
                switch issue.field {
                case "bib" where kind == .assign: bibError = message
                case "at" where kind == .retime: atError = message
                case "reason": reasonError = message
                default: errors.append(message)
                }
            }
            return .init(kind: kind.rawValue, title: req.t("relay.review.form.\(kind.rawValue)"), showBib: kind == .assign, showTime: kind == .retime,
                         bib: mine?.form.bib ?? "", at: mine?.form.at ?? at.map { RelayClock.clock($0, timeZone: timeZone, tenths: true) } ?? "",
                         reason: mine?.form.reason ?? "", bibError: bibError, atError: atError, reasonError: reasonError, errors: errors, open: mine != nil)
        }

        let items = snapshot.board.reviews.map { item -> RelayReviewContext.Item in
            let message = RelayReviewWords(item: item, snapshot: snapshot, words: req.words).message
            switch item.kind {
            case .suspectRead(let readID, _):
                return .init(kind: "suspect", readId: readID, message: message,
                             forms: [ReadCorrectionKind.ignore, .accept, .assign, .retime].map { correction($0, readID: readID, at: item.at) })
            case .missingRead:
                return .init(kind: "missing", readId: nil, message: message, forms: [])
            }
        }

        let corrections = Dictionary(grouping: snapshot.corrections, by: { $0.$read.id })
        let showAll = (try? req.query.get(String.self, at: "all")) == "1"
        let ordered = snapshot.reads.sorted { ($0.atMs, $0.id!) > ($1.atMs, $1.id!) }
        let shown = showAll ? ordered : Array(ordered.prefix(Self.logLimit))
        let reads = shown.map { read -> RelayReviewContext.Read in
            let verdict = snapshot.board.verdicts[read.id!] ?? .counted
            let words: String
            switch verdict {
            case .counted: words = req.t("relay.review.form.verdict.counted")
            case .duplicate(let of): words = req.t("relay.review.form.verdict.duplicate", ["id": "\(of)"])
            case .ignored: words = req.t("relay.review.form.verdict.ignored")
            case .suspect(let reason): words = req.t("relay.review.form.verdict.suspect", ["reason": req.t(reason.localizationKey)])
            }
            let lines = (corrections[read.id!] ?? []).map { correction -> String in
                let kind = ReadCorrectionKind(rawValue: correction.kind) ?? .ignore
                let what = req.t("relay.review.form.did.\(kind.rawValue)", ["bib": correction.bib ?? "—",
                                                                           "time": correction.atMs.map { RelayClock.clock($0, timeZone: timeZone, tenths: true) } ?? ""])
                return req.t("relay.review.form.correctionLine", ["what": what, "who": correction.actorName, "reason": correction.reason,
                                                                  "when": DateDisplay.dateTime(correction.createdAt, timeZone: timeZone, req.language)])
            }
            return .init(id: read.id!, time: RelayClock.clock(read.atMs, timeZone: timeZone, tenths: true),
                         point: snapshot.course.leg(read.point).map { "\(read.point) · \($0.exchangePoint)" } ?? "\(read.point)",
                         bib: read.bib ?? "—", source: req.t((ReadSource(rawValue: read.source) ?? .api).localizationKey), device: read.device,
                         verdict: words, verdictCode: verdict.name, corrections: lines,
                         restore: verdict == .ignored ? correction(.restore, readID: read.id!, at: nil) : nil)
        }

        var importForm = FormView(action: "/admin/relay/\(slug)/reads/import", submitLabel: req.t("relay.review.form.importButton"),
                                  title: req.t("relay.review.form.import"), fields: [
            FieldView(name: "file", label: req.t("relay.review.form.file"), type: "file", required: true, hint: req.t("relay.review.form.fileHint")),
            FieldView(name: "device", label: req.t("relay.review.form.device"), value: device ?? "", hint: req.t("relay.review.form.deviceHint")),
        ], multipart: true)
        importForm.attach(importIssues, req)
        if !importIssues.isEmpty { importForm.generalErrors.insert(req.t("relay.review.form.importRefused"), at: 0) }

        let context = RelayReviewContext(
            page: PageContext(req, title: "\(req.t("relay.review.form.title")) · \(program.name)", backOffice: true),
            program: ProgramView(program.dto, req), items: items, reads: reads,
            readsNote: shown.count < ordered.count ? req.t("relay.review.form.showingLatest", ["shown": "\(shown.count)", "total": "\(ordered.count)"]) : nil,
            showAllHref: shown.count < ordered.count ? "/admin/relay/\(slug)/review?all=1#log" : nil, forms: [importForm])
        return try await req.page("admin/relay-review", context, status: status)
    }
}

/// Shared pieces of the relay office pages.
enum RelayOffice {
    static func program(_ req: Request) async throws -> ProgramModel {
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        return try await req.relay.program(slug: req.parameters.get("slug") ?? "")
    }

    static func timeZone(_ program: ProgramModel) -> TimeZone {
        TimeZone(identifier: program.timeZone) ?? .current
    }

    /// A clock time typed by an official (`09:41:07`, `9:41:07.3`) on the race day in the race's time zone.
    static func parseClock(_ text: String, program: ProgramModel) -> Int64? {
        let day = CalendarDate(parsing: program.startDate) ?? CalendarDate(year: 2000, month: 1, day: 1)!
        return RelayReadsCSV.parseTime(text, raceDay: day, timeZone: timeZone(program))
    }

    /// `8.8` for 8,800 m: the distance as the course form asks for it, in kilometres.
    static func kilometres(_ meters: Int) -> String {
        var text = String(format: "%.3f", Double(meters) / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// `legs[2].distance` → (2, "distance").
    static func legField(_ field: String) -> (Int, String)? {
        guard field.hasPrefix("legs["), let close = field.firstIndex(of: "]") else { return nil }
        let number = field[field.index(field.startIndex, offsetBy: 5)..<close]
        guard let row = Int(number) else { return nil }
        let rest = field[field.index(after: close)...]
        return rest.hasPrefix(".") ? (row, String(rest.dropFirst())) : nil
    }

    /// `runners[1].chip` → 1.
    static func runnerIndex(_ field: String) -> Int? {
        guard field.hasPrefix("runners["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 8)..<close])
    }

    /// Line-up changes made after the start, newest first, for these teams.
    static func raceDayChanges(_ req: Request, program: ProgramModel, teams: [RelayTeamDTO]) async throws -> [RelayChangeRow] {
        let ids = teams.map { "\($0.id)" }
        guard !ids.isEmpty else { return [] }
        let entries = try await AuditEntryModel.query(on: req.db).filter(\.$entityType == "relay_team").filter(\.$action == "race_day_change")
            .filter(\.$entityID ~~ ids).sort(\.$id, .descending).all()
        let names = Dictionary(uniqueKeysWithValues: teams.map { ("\($0.id)", "\($0.bib) \($0.name)") })
        let zone = timeZone(program)
        return entries.map {
            RelayChangeRow(when: DateDisplay.dateTime($0.at, timeZone: zone, req.language), who: $0.actorName,
                           team: names[$0.entityID] ?? $0.summary, reason: $0.reason ?? "")
        }
    }
}
