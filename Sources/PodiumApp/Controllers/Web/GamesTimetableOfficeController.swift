import Fluent
import PodiumCore
import Vapor

/// `/admin/games/{slug}/timetable`: organizers set up the venues and the day, say where and how long each
/// event runs, plan the day with one button and move items by hand. The same service as the JSON API.
struct GamesTimetableOfficeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let timetable = routes.grouped("admin", "games", ":slug", "timetable")
        timetable.get(use: overview)
        timetable.post("venues", use: addVenue)
        timetable.post("venues", ":venueId", "delete", use: deleteVenue)
        timetable.post("settings", use: updateSettings)
        timetable.post("plans", use: updatePlans)
        timetable.post("plan", use: planDay)
        timetable.post("items", ":itemKey", "move", use: move)
        timetable.post("items", ":itemKey", "unpin", use: unpin)
    }

    struct VenueForm: Content {
        var name: String?
        var kind: String?
        var lanes: String?
        var laneOrder: String?
        var opens: String?
        var closes: String?
    }

    struct SettingsForm: Content {
        var dayStart: String?
        var dayEnd: String?
        var slot: String?
        var changeover: String?
        var roundGap: String?
        var version: Int?
    }

    /// One row per event, in parallel lists; `where` is `k:hall,other` (any venue of the kinds) or `v:12` (one venue).
    struct PlansForm: Content {
        var eventId: [Int]?
        var `where`: [String]?
        var minutes: [String]?
        var version: [Int]?
    }

    struct MoveForm: Content {
        var venueId: String?
        var start: String?
        var version: Int?
    }

    struct VersionForm: Content {
        var version: Int?
    }

    /// What came back refused, to show in place.
    struct Refusal {
        var venueForm: VenueForm?
        var venueIssues: [FieldIssue] = []
        var venueID: Int?
        var venueError: String?
        var settingsForm: SettingsForm?
        var settingsIssues: [FieldIssue] = []
        var planErrors: [String] = []
        var itemKey: String?
        var move: MoveForm?
        var itemError: String?
    }

    struct RefusedRows: Error {
        let messages: [String]
    }

    private func program(_ req: Request) async throws -> ProgramModel {
        let program = try await GamesOffice.program(req)
        try await req.require(.managePrograms)
        return program
    }

    private func base(_ program: ProgramModel) -> String { "/admin/games/\(program.slug)/timetable" }

    func overview(req: Request) async throws -> Response {
        try await render(req, program: try await program(req), refusal: Refusal(), status: .ok)
    }

    func addVenue(req: Request) async throws -> Response {
        let program = try await program(req)
        let form = try req.content.decode(VenueForm.self)
        var issues: [FieldIssue] = []
        var lanes: Int?
        if let text = form.lanes?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            lanes = Int(text)
            if lanes == nil { issues.append(FieldIssue("lanes", "error.field.integer", ["value": text])) }
        }
        do {
            guard issues.isEmpty else { throw PodiumError.validation(issues) }
            let venue = try await req.timetable.createVenue(programID: program.id!, VenueInput(
                name: form.name ?? "", kind: form.kind ?? "", lanes: lanes, laneOrder: form.laneOrder,
                opens: form.opens?.nilIfEmpty, closes: form.closes?.nilIfEmpty), by: req.actor)
            return req.redirect(to: "\(base(program))#venues", flash: req.t("timetable.venueAdded", ["venue": venue.name]))
        } catch PodiumError.validation(let found) {
            return try await render(req, program: program, refusal: Refusal(venueForm: form, venueIssues: found), status: .unprocessableEntity)
        }
    }

    func deleteVenue(req: Request) async throws -> Response {
        let program = try await program(req)
        let venueID = try req.intParameter("venueId")
        let form = try req.content.decode(VersionForm.self)
        let name = try await req.timetable.venue(venueID, programID: program.id!, on: req.db).name
        do {
            try await req.timetable.deleteVenue(programID: program.id!, venueID: venueID, version: form.version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(venueID: venueID, venueError: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "\(base(program))#venues", flash: req.t("timetable.venueRemoved", ["venue": name]))
    }

    func updateSettings(req: Request) async throws -> Response {
        let program = try await program(req)
        let form = try req.content.decode(SettingsForm.self)
        var issues: [FieldIssue] = []
        func number(_ field: String, _ text: String?) -> Int? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text) else { issues.append(FieldIssue(field, "error.field.integer", ["value": text])); return nil }
            return value
        }
        let input = TimetableSettingsInput(dayStart: form.dayStart?.nilIfEmpty, dayEnd: form.dayEnd?.nilIfEmpty, slot: number("slot", form.slot),
                                           changeover: number("changeover", form.changeover), roundGap: number("roundGap", form.roundGap),
                                           version: form.version)
        do {
            guard issues.isEmpty else { throw PodiumError.validation(issues) }
            _ = try await req.timetable.updateSettings(programID: program.id!, input, by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await render(req, program: program, refusal: Refusal(settingsForm: form, settingsIssues: found), status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(settingsForm: form, settingsIssues: [FieldIssue("version", message)]),
                                    status: .conflict)
        }
        return req.redirect(to: "\(base(program))#day", flash: req.t("timetable.settingsSaved"))
    }

    /// Saves the rows that changed, all or none; every refused row is listed with its event.
    func updatePlans(req: Request) async throws -> Response {
        let program = try await program(req)
        let form = try req.content.decode(PlansForm.self)
        let events = form.eventId ?? [], places = form.where ?? [], minutes = form.minutes ?? [], versions = form.version ?? []
        let words = req.words, actor = req.actor, clock = req.application.clock, programID = program.id!
        let changed: Int
        do {
            changed = try await req.db.transaction { tx in
                let service = GamesTimetableService(db: tx, clock: clock)
                let current = Dictionary(uniqueKeysWithValues: try await service.plans(programID: programID, on: tx).map { ($0.event.id!, $0) })
                var messages: [String] = []
                var count = 0
                for (index, eventID) in events.enumerated() {
                    guard let row = current[eventID] else { continue }
                    var input = EventPlanInput(version: versions.indices.contains(index) ? versions[index] : nil)
                    let place = places.indices.contains(index) ? places[index] : ""
                    if place.hasPrefix("v:"), let venueID = Int(place.dropFirst(2)) {
                        input.venueId = venueID
                    } else if place.hasPrefix("k:") {
                        input.venueKinds = place.dropFirst(2).split(separator: ",").map(String.init)
                        input.venueId = 0
                    }
                    let text = (minutes.indices.contains(index) ? minutes[index] : "").trimmingCharacters(in: .whitespaces)
                    if let value = Int(text) {
                        input.minutes = value
                    } else {
                        messages.append(words.t("timetable.rowError", ["event": row.event.name,
                                                                        "message": words.t("error.field.integer", ["value": text])]))
                        continue
                    }
                    let kinds = input.venueKinds.map { EventPlan.kinds($0.joined(separator: ",")) } ?? row.plan.kinds
                    let venueID = input.venueId.map { $0 == 0 ? nil : $0 } ?? row.plan.venueID
                    guard EventPlan(kinds: kinds, venueID: venueID, minutes: input.minutes!) != row.plan else { continue }
                    do {
                        _ = try await service.updatePlan(programID: programID, eventID: eventID, input, by: actor, on: tx)
                        count += 1
                    } catch PodiumError.validation(let issues) {
                        messages += issues.map { words.t("timetable.rowError", ["event": row.event.name, "message": words.t($0.message)]) }
                    } catch PodiumError.conflict(let message) {
                        messages.append(words.t("timetable.rowError", ["event": row.event.name, "message": words.t(message)]))
                    }
                }
                if !messages.isEmpty { throw RefusedRows(messages: messages) }
                return count
            }
        } catch let refused as RefusedRows {
            return try await render(req, program: program, refusal: Refusal(planErrors: refused.messages), status: .unprocessableEntity)
        }
        return req.redirect(to: "\(base(program))#plans", flash: req.t("timetable.plansSaved", ["count": "\(changed)"]))
    }

    func planDay(req: Request) async throws -> Response {
        let program = try await program(req)
        let schedule = try await req.timetable.plan(programID: program.id!, words: req.words, by: req.actor)
        return req.redirect(to: "\(base(program))#schedule", flash: req.t("timetable.planned", ["placed": "\(schedule.rows.count)",
                                                                                                  "unplaced": "\(schedule.unplaced.count)"]))
    }

    func move(req: Request) async throws -> Response {
        let program = try await program(req)
        let key = req.parameters.get("itemKey") ?? ""
        let form = try req.content.decode(MoveForm.self)
        let row: GamesTimetableService.Row
        do {
            row = try await req.timetable.move(programID: program.id!, itemKey: key, ScheduleMoveInput(
                venueId: form.venueId.flatMap { Int($0) }, start: form.start, version: form.version), words: req.words, by: req.actor)
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(itemKey: key, move: form, itemError: issues.map { req.t($0.message) }
                .joined(separator: " ")), status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(itemKey: key, move: form, itemError: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "\(base(program))#item-\(key)", flash: req.t("timetable.moved", ["item": row.label, "venue": row.venue.name,
                                                                                                   "time": MinuteOfDay.text(row.model.startsAt)]))
    }

    func unpin(req: Request) async throws -> Response {
        let program = try await program(req)
        let key = req.parameters.get("itemKey") ?? ""
        do {
            try await req.timetable.unpin(programID: program.id!, itemKey: key, version: try req.content.decode(VersionForm.self).version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(itemKey: key, itemError: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "\(base(program))#item-\(key)", flash: req.t("timetable.unpinned"))
    }

    // MARK: Rendering

    private func render(_ req: Request, program: ProgramModel, refusal: Refusal, status: HTTPResponseStatus) async throws -> Response {
        let service = req.timetable
        let base = base(program)
        let schedule = try await service.schedule(programID: program.id!, words: req.words, checked: true)
        let day = schedule.day
        let (settings, settingsVersion) = try await service.settings(programID: program.id!)
        func kindName(_ kind: String) -> String { req.t((VenueKind(rawValue: kind) ?? .other).localizationKey) }

        let venues = day.venues.map { venue in
            GamesTimetableContext.VenueRow(id: venue.id!, name: venue.name, kind: kindName(venue.kind), hours: MinuteOfDay.span(venue.opens, venue.closes),
                                           lanes: venue.lanes.map(String.init) ?? "", laneOrder: venue.laneOrder ?? "", version: venue.version,
                                           error: refusal.venueID == venue.id ? refusal.venueError : nil)
        }

        let venueForm = refusal.venueForm ?? VenueForm(kind: VenueKind.track.rawValue, opens: MinuteOfDay.text(settings.dayStart),
                                                       closes: MinuteOfDay.text(settings.dayEnd))
        var addVenue = FormView(action: "\(base)/venues", submitLabel: req.t("timetable.addVenue"), fields: [
            FieldView(name: "name", label: req.t("timetable.venueName"), value: venueForm.name ?? "", required: true),
            .select("kind", req.t("timetable.venueKind"), options: VenueKind.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                    selected: [venueForm.kind ?? ""]),
            FieldView(name: "lanes", label: req.t("timetable.lanes"), type: "number", value: venueForm.lanes ?? "", hint: req.t("timetable.lanesHint"),
                      inputmode: "numeric"),
            FieldView(name: "laneOrder", label: req.t("timetable.laneOrder"), value: venueForm.laneOrder ?? "", hint: req.t("timetable.laneOrderHint")),
            FieldView(name: "opens", label: req.t("timetable.opens"), type: "time", value: venueForm.opens ?? ""),
            FieldView(name: "closes", label: req.t("timetable.closes"), type: "time", value: venueForm.closes ?? ""),
        ])
        addVenue.title = req.t("timetable.addVenue")
        addVenue.attach(refusal.venueIssues, req)

        let settingsForm = refusal.settingsForm ?? SettingsForm(dayStart: MinuteOfDay.text(settings.dayStart), dayEnd: MinuteOfDay.text(settings.dayEnd),
                                                                slot: "\(settings.slot)", changeover: "\(settings.changeover)",
                                                                roundGap: "\(settings.roundGap)", version: settingsVersion)
        func number(_ name: String, _ label: String, _ value: String?) -> FieldView {
            FieldView(name: name, label: req.t(label), type: "number", value: value ?? "", inputmode: "numeric")
        }
        var dayForm = FormView(action: "\(base)/settings", submitLabel: req.t("action.save"), fields: [
            FieldView(name: "dayStart", label: req.t("timetable.dayStart"), type: "time", value: settingsForm.dayStart ?? ""),
            FieldView(name: "dayEnd", label: req.t("timetable.dayEnd"), type: "time", value: settingsForm.dayEnd ?? ""),
            number("slot", "timetable.slot", settingsForm.slot),
            number("changeover", "timetable.changeover", settingsForm.changeover),
            number("roundGap", "timetable.roundGap", settingsForm.roundGap),
        ])
        dayForm.title = req.t("timetable.day")
        dayForm.hidden.append(.init(name: "version", value: "\(settingsForm.version ?? settingsVersion)"))
        dayForm.attach(refusal.settingsIssues, req)

        let plans = try await service.plans(programID: program.id!).map { row in
            let current = row.plan.venueID.map { "v:\($0)" } ?? "k:\(row.plan.kindsText)"
            var choices = VenueKind.allCases.map { ("k:\($0.rawValue)", req.t("timetable.anyOf", ["kinds": req.t($0.localizationKey)])) }
            if row.plan.kinds.count > 1 {
                let names = VenueKind.allCases.filter(row.plan.kinds.contains).map { req.t($0.localizationKey) }.joined(separator: " / ")
                choices.append(("k:\(row.plan.kindsText)", req.t("timetable.anyOf", ["kinds": names])))
            }
            choices += day.venues.map { ("v:\($0.id!)", $0.name) }
            return GamesTimetableContext.PlanRow(eventId: row.event.id!, event: row.event.name, format: req.t(row.format.localizationKey),
                                                 options: choices.map { FieldView.Option(value: $0.0, label: $0.1, selected: $0.0 == current) },
                                                 minutes: "\(row.plan.minutes)", per: req.t("timetable.per.\(row.per)"), version: row.model?.version ?? 0)
        }

        let items = schedule.rows.map { row -> ScheduleItemView in
            var view = row.view(req)
            let refused = refusal.itemKey == row.model.itemKey ? refusal.move : nil
            let chosen = refused?.venueId ?? "\(row.venue.id!)"
            view.venueOptions = day.venues.map { FieldView.Option(value: "\($0.id!)", label: $0.name, selected: "\($0.id!)" == chosen) }
            if let start = refused?.start { view.start = start }
            if refusal.itemKey == row.model.itemKey { view.error = refusal.itemError }
            return view
        }
        // Items not on the timetable come last, with a form to place them by hand.
        let coreVenues = day.coreVenues
        let unplaced = schedule.unplaced.map { keyed -> ScheduleItemView in
            let refused = refusal.itemKey == keyed.key ? refusal.move : nil
            let chosen = refused?.venueId ?? coreVenues.first { keyed.item.venues.allows($0) }.map { "\($0.id)" } ?? ""
            return ScheduleItemView(key: keyed.key, anchor: "item-\(keyed.key)", time: "—", start: refused?.start ?? "", label: keyed.item.label,
                                    event: day.eventNames[keyed.item.eventID] ?? "", venue: "", venueKind: "", pinned: false, version: 0, placed: false,
                                    venueOptions: day.venues.map { FieldView.Option(value: "\($0.id!)", label: $0.name, selected: "\($0.id!)" == chosen) },
                                    error: refusal.itemKey == keyed.key ? refusal.itemError : nil)
        }
        let byStart = Dictionary(grouping: schedule.rows, by: \.model.startsAt)
        let grid = byStart.keys.sorted().map { start in
            GamesTimetableContext.GridRow(time: MinuteOfDay.text(start), cells: day.venues.map { venue in
                .init(items: byStart[start]!.filter { $0.venue.id == venue.id }.map { $0.view(req) })
            })
        }
        let context = GamesTimetableContext(
            page: PageContext(req, title: "\(program.name) · \(req.t("timetable.title"))", backOffice: true), program: ProgramView(program.dto, req),
            base: base, venues: venues, forms: [addVenue, dayForm], plans: plans, planErrors: refusal.planErrors, venueNames: day.venues.map(\.name),
            grid: grid, items: items + unplaced, problems: schedule.problems.map { req.t($0.message) })
        return try await req.page("admin/games-timetable", context, status: status)
    }
}
