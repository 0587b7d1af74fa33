import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/relay/{slug}`: the race office of a relay. Organizers set the course and rules and field teams;
/// officials record the start and restarts. Line-ups are on `RelayTeamAdminController`, the review queue on
/// `RelayReviewAdminController`: the same services as the JSON API, as pages that work without JavaScript.
struct RelayOfficeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let office = routes.grouped("admin", "relay", ":slug")
        office.get(use: overview)
        office.post("settings", use: updateSettings)
        office.post("start", use: start)
        office.post("teams", use: addTeam)
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
                ("\($0.offset)", LegRowForm(distance: RelayCourse.kilometres($0.element.distanceMeters), exchangePoint: $0.element.exchangePoint))
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
        let timeZone = program.zone
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
        return req.redirect(to: "/admin/relay/\(program.slug)#teams", flash: req.t("relay.office.teamAdded", ["bib": team.bib, "team": team.name]))
    }

    private func renderOffice(_ req: Request, program: ProgramModel, settingsForm: SettingsForm? = nil, settingsIssues: [FieldIssue] = [],
                              startForm: StartForm? = nil, startIssues: [FieldIssue] = [], teamForm: TeamForm? = nil,
                              teamIssues: [FieldIssue] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let programID = program.id!
        try await req.require(.officiate(programID: programID))
        let isOrganizer = req.allows(.managePrograms)
        let settings = try await req.relay.settings(programID: programID)
        let snapshot = try await req.relayTiming.snapshot(program: program, includeReads: false)
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
}
