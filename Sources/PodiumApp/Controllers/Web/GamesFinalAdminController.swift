import Fluent
import PodiumCore
import Vapor

/// `/admin/games/{slug}/start-lists/{eventId}/final`: officials type each heat's times on a phone; an
/// organizer makes the final from them (Q by place, q by time), settles a tie for the last place by
/// picking or by lot, and prints the final's start list.
struct GamesFinalAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let final = routes.grouped("admin", "games", ":slug", "start-lists", ":eventId", "final")
        final.get(use: show)
        final.post(use: make)
        final.post("withdraw", use: withdraw)
        final.post("heats", ":heat", use: saveHeat)
    }

    struct HeatForm: Content {
        struct Row: Content {
            var mark: String?
            var status: String?
            var version: String?
        }
        var rows: [String: Row]?
    }

    struct FinalForm: Content {
        var byPlace: String?
        var byTime: String?
        var lanes: String?
        var laneOrder: String?
        var pick: [String]?
        var settle: String?
        var version: String?
    }

    private struct Typed {
        var heat: Int?
        var heatForm: HeatForm?
        var finalForm: FinalForm?
        var issues: [FieldIssue] = []
    }

    private func access(_ req: Request) async throws -> (ProgramModel, isOrganizer: Bool) {
        let (program, isOrganizer) = try await GamesOffice.officiating(req)
        return (program, isOrganizer)
    }

    private func service(_ req: Request) -> GamesFinalService { GamesFinalService(db: req.db, clock: req.application.clock) }

    private func url(_ program: ProgramModel, _ eventID: Int) -> String { "/admin/games/\(program.slug)/start-lists/\(eventID)/final" }

    func show(req: Request) async throws -> Response {
        let (program, isOrganizer) = try await access(req)
        let loaded = try await service(req).load(programID: program.id!, eventID: try req.intParameter("eventId"))
        return try await render(req, program: program, loaded: loaded, isOrganizer: isOrganizer, typed: Typed(), status: .ok)
    }

    func saveHeat(req: Request) async throws -> Response {
        let (program, isOrganizer) = try await access(req)
        let eventID = try req.intParameter("eventId"), heat = try req.intParameter("heat")
        let form = try req.content.decode(HeatForm.self)
        let rows = (form.rows ?? [:]).compactMap { key, row -> GamesFinalService.TimeInput? in
            guard let id = Int(key) else { return nil }
            return GamesFinalService.TimeInput(entryID: id, status: row.status.flatMap { $0.isEmpty ? nil : ResultStatus(rawValue: $0) },
                                               mark: row.mark, version: row.version.flatMap { Int($0) })
        }.sorted { $0.entryID < $1.entryID }
        do {
            let count = try await service(req).recordHeat(programID: program.id!, eventID: eventID, heat: heat, rows: rows, by: req.actor)
            return req.redirect(to: url(program, eventID) + "#heat-\(heat)", flash: req.t("final.heatSaved", ["heat": "\(heat)", "count": "\(count)"]))
        } catch let error as PodiumError {
            guard case .notFound = error else {
                let loaded = try await service(req).load(programID: program.id!, eventID: eventID)
                return try await render(req, program: program, loaded: loaded, isOrganizer: isOrganizer,
                                        typed: Typed(heat: heat, heatForm: form, issues: GamesDrawAdminController.issues(error)),
                                        status: MappedError.from(error).status)
            }
            throw error
        }
    }

    func make(req: Request) async throws -> Response {
        let (program, isOrganizer) = try await access(req)
        guard isOrganizer else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        let eventID = try req.intParameter("eventId")
        let form = try req.content.decode(FinalForm.self)
        var problems = ValidationCollector()
        func number(_ text: String?, _ field: String) -> Int {
            guard let value = Int((text ?? "").trimmingCharacters(in: .whitespaces)) else {
                problems.add(field, "error.final.wholeNumber", ["value": text ?? ""])
                return 0
            }
            return value
        }
        let request = GamesFinalService.FinalRequest(
            byPlace: number(form.byPlace, "byPlace"), byTime: number(form.byTime, "byTime"), lanes: number(form.lanes, "lanes"),
            laneOrder: form.laneOrder ?? "", picks: form.settle == "lots" ? [] : (form.pick ?? []).compactMap { Int($0) },
            drawLots: form.settle == "lots", version: form.version.flatMap { Int($0) } ?? 0)
        do {
            try problems.check()
            _ = try await service(req).makeFinal(programID: program.id!, eventID: eventID, request, seed: req.application.random.seed(), by: req.actor)
            return req.redirect(to: url(program, eventID) + "#final", flash: req.t("final.made"))
        } catch let error as PodiumError {
            if case .notFound = error { throw error }
            let loaded = try await service(req).load(programID: program.id!, eventID: eventID)
            return try await render(req, program: program, loaded: loaded, isOrganizer: isOrganizer,
                                    typed: Typed(finalForm: form, issues: GamesDrawAdminController.issues(error)), status: MappedError.from(error).status)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let (program, isOrganizer) = try await access(req)
        guard isOrganizer else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        let eventID = try req.intParameter("eventId")
        let form = try req.content.decode(FinalForm.self)
        do {
            try await service(req).withdrawFinal(programID: program.id!, eventID: eventID, version: form.version.flatMap { Int($0) }, by: req.actor)
            return req.redirect(to: url(program, eventID), flash: req.t("final.withdrawn"))
        } catch let error as PodiumError {
            if case .notFound = error { throw error }
            let loaded = try await service(req).load(programID: program.id!, eventID: eventID)
            return try await render(req, program: program, loaded: loaded, isOrganizer: isOrganizer,
                                    typed: Typed(issues: GamesDrawAdminController.issues(error)), status: MappedError.from(error).status)
        }
    }

    private func render(_ req: Request, program: ProgramModel, loaded: GamesFinalService.Loaded, isOrganizer: Bool, typed: Typed,
                        status: HTTPResponseStatus) async throws -> Response {
        let heatIssues = typed.heat == nil ? [] : typed.issues
        let finalIssues = typed.heat == nil ? typed.issues : []
        let byField = Dictionary(grouping: heatIssues, by: \.field).mapValues { $0.map { req.t($0.message) }.joined(separator: " ") }
        let finalists = Dictionary(uniqueKeysWithValues: loaded.lanes.map { ($0.$entry.id, $0.reason) })
        let heats = loaded.heats.map { heat -> GamesFinalContext.Heat in
            let places = Dictionary(uniqueKeysWithValues: Ranking.rank(heat.runners.compactMap { runner in
                runner.time.map { Performance(entryID: runner.entryID, status: ResultStatus(rawValue: $0.status) ?? .ok, mark: $0.mark) }
            }, kind: .time).compactMap { line in line.place.map { (line.performance.entryID, "\($0)\(line.tied ? "=" : "")") } })
            let form = typed.heat == heat.number ? typed.heatForm : nil
            let statusValues = [""] + ResultStatus.allCases.filter { $0 != .ok && $0 != .nm }.map(\.rawValue)
            let runners = heat.runners.map { runner -> GamesFinalContext.Runner in
                let row = form?.rows?["\(runner.entryID)"]
                let stored: String = runner.time.map { $0.status == ResultStatus.ok.rawValue ? "" : $0.status } ?? ""
                let statusValue: String = row?.status ?? stored
                let statuses: [FieldView.Option] = statusValues.map { value in
                    FieldView.Option(value: value, label: value.isEmpty ? req.t("games.results.valid") : req.t("result.status.\(value)"),
                                     selected: value == statusValue)
                }
                let storedMark: String = runner.time?.mark.map { MarkFormat.format($0, as: .time) } ?? ""
                let storedVersion: String = runner.time.map { "\($0.version)" } ?? ""
                return .init(entryID: runner.entryID, lane: runner.lane, label: runner.label, mark: row?.mark ?? storedMark, statuses: statuses,
                             version: row?.version ?? storedVersion,
                             heatPlace: places[runner.entryID] ?? "", qualified: finalists[runner.entryID] ?? "",
                             error: byField["entry.\(runner.entryID)"])
            }
            let general = heatIssues.filter { !$0.field.hasPrefix("entry.") }.map { req.t($0.message) }
            return .init(number: heat.number, title: req.t("startList.heat", ["number": "\(heat.number)", "count": "\(loaded.heats.count)"]),
                         runners: runners, hasErrors: typed.heat == heat.number && !heatIssues.isEmpty,
                         errors: (heatIssues.contains { $0.field.hasPrefix("entry.") } ? [req.t("games.results.notSaved")] : []) + general)
        }
        let heatOf = Dictionary(loaded.heats.flatMap { heat in heat.runners.map { ($0.entryID, heat.number) } }, uniquingKeysWith: { a, _ in a })
        let timeOf = Dictionary(loaded.heats.flatMap(\.runners).compactMap { runner in runner.time.map { (runner.entryID, $0) } }, uniquingKeysWith: { a, _ in a })
        let finalRows = loaded.lanes.map { lane in
            GamesFinalContext.Finalist(lane: lane.lane, label: loaded.label(lane.$entry.id), heat: heatOf[lane.$entry.id].map(String.init) ?? "",
                                       heatTime: timeOf[lane.$entry.id].map(GamesFinalService.Loaded.display) ?? "", reason: lane.reason)
        }
        // The rule in the form: as typed, else the final's, else the usual one for this many heats on the saved track.
        let track = try await GamesStartListService(db: req.db, clock: req.application.clock).savedTrack(for: loaded.event, on: req.db)
        let usual = HeatQualification.usualRule(heats: loaded.heats.count, lanes: Int(typed.finalForm?.lanes ?? "") ?? track?.lanes ?? 8)
        let byPlace = typed.finalForm?.byPlace ?? loaded.final.map { "\($0.byPlace)" } ?? "\(usual.byPlace)"
        let byTime = typed.finalForm?.byTime ?? loaded.final.map { "\($0.byTime)" } ?? "\(usual.byTime)"
        var tie: [GamesFinalContext.TiedRunner] = [], tieHint = ""
        if let place = Int(byPlace), let time = Int(byTime), loaded.missing.isEmpty {
            let preview = loaded.qualification(byPlace: place, byTime: time)
            let picked = Set((typed.finalForm?.pick ?? []).compactMap { Int($0) })
            let current = Set(loaded.lanes.map { $0.$entry.id })
            tie = preview.tieAtBoundary.map { id in
                .init(entryID: id, label: loaded.label(id), heatTime: timeOf[id].map(GamesFinalService.Loaded.display) ?? "",
                      checked: typed.finalForm == nil ? current.contains(id) : picked.contains(id))
            }
            if !tie.isEmpty { tieHint = req.t("final.tieHint", ["count": "\(tie.count)", "spots": "\(preview.tieSpots)"]) }
        }
        let context = GamesFinalContext(
            page: PageContext(req, title: "\(loaded.event.name) · \(req.t("final.title"))", backOffice: true), program: ProgramView(program.dto, req),
            eventID: loaded.event.id!, eventName: loaded.event.name, heats: heats, hasHeats: !heats.isEmpty, canMakeFinal: isOrganizer,
            hasFinal: loaded.final != nil, finalists: finalRows,
            finalRule: loaded.final.map { req.t("final.rule", ["byPlace": "\($0.byPlace)", "byTime": "\($0.byTime)"]) } ?? "",
            finalVersion: loaded.final?.version ?? 0, hasResults: loaded.hasFinalResults,
            byPlace: byPlace, byTime: byTime, lanes: typed.finalForm?.lanes ?? "\(track?.lanes ?? max(8, loaded.lanes.map(\.lane).max() ?? 8))",
            laneOrder: typed.finalForm?.laneOrder ?? track?.laneOrder ?? "", tie: tie, tieHint: tieHint, hasTie: !tie.isEmpty,
            finalErrors: finalIssues.map { req.t($0.message) }, hasFinalErrors: !finalIssues.isEmpty)
        return try await req.page("admin/games-final", context, status: status)
    }
}
