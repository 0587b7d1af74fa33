import Fluent
import PodiumCore
import Vapor

/// `/admin/games/{slug}/results`: officials type an event's results on one sheet, fit for a phone in
/// the rain: one row per entry, the keyboard for numbers, statuses a tap away, provisional or official.
struct GamesResultsAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let results = routes.grouped("admin", "games", ":slug", "results")
        results.get(use: events)
        results.get(":eventId", use: sheet)
        results.post(":eventId", use: save)
    }

    /// One row of the sheet as the browser sends it: `rows[<entryId>][mark]`, `[status]`, `[a1]`… `[a6]`, `[version]`.
    struct Row: Content {
        var mark: String?
        var status: String?
        var a1: String?, a2: String?, a3: String?, a4: String?, a5: String?, a6: String?
        var version: String?

        /// Attempt boxes in order, without the empty ones after the last typed attempt.
        var attempts: [String] {
            var typed = [a1, a2, a3, a4, a5, a6].map { $0 ?? "" }
            while let last = typed.last, last.trimmingCharacters(in: .whitespaces).isEmpty { typed.removeLast() }
            return typed
        }

        var boxes: [String] { [a1, a2, a3, a4, a5, a6].map { $0 ?? "" } }
    }

    struct SheetForm: Content {
        var rows: [String: Row]?
        var official: String?
    }

    func events(req: Request) async throws -> Response {
        let program = try await officiating(req)
        let events = try await req.games.events(programID: program.id!)
        let context = try await GamesResultsService.Context.load(programID: program.id!, db: req.db)
        let rows = events.map { event -> GamesResultsListContext.Event in
            if event.format == .headToHead {
                let url = "/admin/games/\(program.slug)/draws/\(event.id)"
                guard let loaded = context.draws[event.id] else {
                    return .init(id: event.id, name: event.name, format: req.t(event.format.localizationKey), progress: req.t("draw.notMade"),
                                 official: false, url: url)
                }
                let played = loaded.results.count, total = loaded.draw.matches.count
                return .init(id: event.id, name: event.name, format: req.t(event.format.localizationKey),
                             progress: req.t("draw.progress", ["done": "\(played)", "total": "\(total)"]),
                             official: loaded.draw.isComplete && loaded.results.values.allSatisfy(\.official), url: url)
            }
            let entries = (context.entriesByEvent[event.id] ?? []).filter { context.finalists[event.id]?.contains($0.id!) ?? true }
            let done = entries.filter { context.results[$0.id!] != nil }
            return .init(id: event.id, name: event.name, format: req.t(event.format.localizationKey),
                         progress: req.t("games.results.progress", ["done": "\(done.count)", "total": "\(entries.count)"]),
                         official: !done.isEmpty && done.allSatisfy { context.results[$0.id!]!.official },
                         url: "/admin/games/\(program.slug)/results/\(event.id)")
        }
        return try await req.page("admin/games-results", GamesResultsListContext(page: PageContext(req, title: req.t("games.results.title"), backOffice: true),
                                                                                  program: ProgramView(program.dto, req), events: rows))
    }

    func sheet(req: Request) async throws -> Response {
        let program = try await officiating(req)
        return try await render(req, program: program, eventID: try req.intParameter("eventId"), typed: nil, issues: [], status: .ok)
    }

    func save(req: Request) async throws -> Response {
        let program = try await officiating(req)
        let eventID = try req.intParameter("eventId")
        let form = try req.content.decode(SheetForm.self)
        let official = form.official != nil
        var inputs: [ResultInput] = []
        for (key, row) in form.rows ?? [:] {
            guard let entryID = Int(key) else { continue }
            let status = row.status.flatMap { $0.isEmpty ? nil : ResultStatus(rawValue: $0) }
            inputs.append(ResultInput(entryId: entryID, status: status, mark: row.mark, attempts: row.attempts, official: official ? true : nil,
                                      version: row.version.flatMap { Int($0) }))
        }
        inputs.sort { $0.entryId < $1.entryId }
        do {
            let count = try await GamesResultsService(db: req.db, clock: req.application.clock)
                .recordSheet(programID: program.id!, eventID: eventID, rows: inputs, by: req.actor)
            let key = official ? "games.results.savedOfficial" : "games.results.saved"
            return req.redirect(to: "/admin/games/\(program.slug)/results/\(eventID)", flash: req.t(key, ["count": "\(count)"]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, eventID: eventID, typed: form.rows ?? [:], issues: issues, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, eventID: eventID, typed: form.rows ?? [:], issues: [FieldIssue("sheet", message)], status: .conflict)
        }
    }

    private func officiating(_ req: Request) async throws -> ProgramModel {
        let program = try await GamesOffice.program(req)
        try await req.require(.officiate(programID: program.id!))
        return program
    }

    private func render(_ req: Request, program: ProgramModel, eventID: Int, typed: [String: Row]?, issues: [FieldIssue],
                        status: HTTPResponseStatus) async throws -> Response {
        let model = try await req.games.event(eventID, programID: program.id!)
        let event = model.dto
        let context = try await GamesResultsService.Context.load(programID: program.id!, db: req.db)
        let ranked = Dictionary(uniqueKeysWithValues: context.ranked(model).map { ($0.entryId, $0) })
        let kind = event.format.markKind
        let errors = Dictionary(grouping: issues, by: \.field).mapValues { $0.map { req.t($0.message) } }
        let finalists = context.finalists[eventID]
        let rows = (context.entriesByEvent[eventID] ?? []).filter { finalists?.contains($0.id!) ?? true }.sorted { $0.id! < $1.id! }.map { entry -> GamesSheetContext.Row in
            let id = entry.id!
            let result = context.results[id]
            let stored = TypedResult.series(stored: result?.attempts).map { $0.map { MarkFormat.format($0, as: kind) } ?? "x" }
            let typedRow = typed?["\(id)"]
            let attempts = (0..<event.attempts).map { index in
                typedRow.map { $0.boxes[index] } ?? (index < stored.count ? stored[index] : "")
            }
            let statusValue = typedRow?.status ?? result.map { $0.status == ResultStatus.ok.rawValue ? "" : $0.status } ?? ""
            return GamesSheetContext.Row(
                entryID: id, names: (context.names[id] ?? []).joined(separator: "、"), team: ranked[id]?.teamName ?? "",
                mark: typedRow?.mark ?? result?.mark.map { MarkFormat.format($0, as: kind) } ?? "",
                attempts: attempts.enumerated().map { .init(name: "a\($0.offset + 1)", label: req.t("games.results.attempt", ["n": "\($0.offset + 1)"]), value: $0.element) },
                statuses: ([""] + ResultStatus.allCases.filter { $0 != .ok }.map(\.rawValue)).map {
                    .init(value: $0, label: $0.isEmpty ? req.t("games.results.valid") : req.t("result.status.\($0)"), selected: $0 == statusValue)
                },
                version: typedRow?.version ?? result.map { "\($0.version)" } ?? "",
                place: ranked[id]?.place.map { "\($0)\(ranked[id]!.tied ? "=" : "")" } ?? "",
                official: result?.official ?? false, errors: errors["entry.\(id)"] ?? [])
        }
        let hint: String
        switch kind {
        case .time: hint = req.t("games.results.hintTime")
        case .distance: hint = req.t("games.results.hintDistance")
        case .count: hint = req.t("games.results.hintCount")
        case .score: hint = req.t("games.results.hintScore")
        case .place: hint = req.t("games.results.hintPlace")
        }
        let sheet = GamesSheetContext(page: PageContext(req, title: event.name, backOffice: true), program: ProgramView(program.dto, req),
                                      eventID: eventID, name: event.name, hint: finalists == nil ? hint : hint + " " + req.t("games.results.finalOnly"), measured: event.format == .measured, rows: rows,
                                      inputmode: kind == .count || kind == .place ? "numeric" : "decimal",
                                      generalErrors: (errors["sheet"] ?? []) + issues.filter { !$0.field.hasPrefix("entry.") && $0.field != "sheet" }.map { req.t($0.message) },
                                      hasErrors: !issues.isEmpty)
        return try await req.page("admin/games-sheet", sheet, status: status)
    }
}
