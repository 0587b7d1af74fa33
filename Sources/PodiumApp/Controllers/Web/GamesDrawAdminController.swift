import PodiumCore
import Vapor

/// `/admin/games/{slug}/draws/{eventId}`: an organizer makes a head-to-head event's draw; officials
/// enter match results on the same page, one small form per match, fit for a phone at the court side.
struct GamesDrawAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let draws = routes.grouped("admin", "games", ":slug", "draws", ":eventId")
        draws.get(use: show)
        draws.post(use: saveDraw)
        draws.post("matches", ":key", use: saveMatch)
        draws.post("matches", ":key", "clear", use: clearMatch)
        draws.post("groups", ":group", "tie", use: decideTie)
        draws.post("groups", ":group", "tie", "withdraw", use: withdrawTie)
    }

    /// Settling a group tie: `method` (`lots` with no places: the app draws), and for the referee the entry
    /// chosen for each place, `place[1]`, `place[2]` ….
    struct TieForm: Content {
        var method: String?
        var rank: String?
        var version: String?
        var place: [String: String]?
    }

    struct DrawForm: Content {
        var structure: String?
        var scoring: String?
        var bestOf: String?
        var gamePoints: String?
        var gameCap: String?
        var allowDraw: String?
        var thirdPlace: String?
        var groupCount: String?
        var qualifiersPerGroup: String?
        var winPoints: String?
        var drawPoints: String?
        var lossPoints: String?
        var tieBreaks: String?
        var seeding: String?
        var version: String?
        /// `seed[<entryId>]`: the seed number typed next to each entry; blank for unseeded.
        var seed: [String: String]?
    }

    struct MatchForm: Content {
        var score: String?
        var ending: String?
        var winner: String?
        var official: String?
        var version: String?
    }

    private func context(_ req: Request) async throws -> (ProgramModel, Int, canEdit: Bool, canEnter: Bool) {
        let program = try await GamesOffice.program(req)
        let access = try await GamesOffice.access(req, program: program)
        let canEdit = req.allows(.managePrograms)
        guard canEdit || access.isOfficial else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        return (program, try req.intParameter("eventId"), canEdit, canEdit || access.isOfficial)
    }

    func show(req: Request) async throws -> Response {
        let (program, eventID, canEdit, canEnter) = try await context(req)
        return try await render(req, program: program, eventID: eventID, canEdit: canEdit, canEnter: canEnter)
    }

    func saveDraw(req: Request) async throws -> Response {
        let (program, eventID, canEdit, canEnter) = try await context(req)
        guard canEdit else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        let form = try req.content.decode(DrawForm.self)
        var problems = ValidationCollector()
        func number(_ field: String, _ text: String?) -> Int? {
            guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = Int(text) else { problems.add(field, "error.field.integer", ["value": text]); return nil }
            return value
        }
        var seeded: [(seed: Int, entry: Int)] = []
        for (key, text) in form.seed ?? [:] {
            guard let entry = Int(key), let seed = number("seed[\(key)]", text) else { continue }
            seeded.append((seed, entry))
        }
        let input = DrawInput(structure: form.structure.flatMap(DrawStructure.init(rawValue:)), scoring: form.scoring,
                              bestOf: number("bestOf", form.bestOf), gamePoints: number("gamePoints", form.gamePoints),
                              gameCap: number("gameCap", form.gameCap) ?? 0, allowDraw: form.allowDraw != nil, thirdPlace: form.thirdPlace != nil,
                              groupCount: number("groupCount", form.groupCount), qualifiersPerGroup: number("qualifiersPerGroup", form.qualifiersPerGroup),
                              winPoints: number("winPoints", form.winPoints), drawPoints: number("drawPoints", form.drawPoints),
                              lossPoints: number("lossPoints", form.lossPoints),
                              tieBreaks: form.tieBreaks.map { [$0] }, seeds: seeded.sorted { $0 < $1 }.map(\.entry),
                              seeding: form.seeding, version: number("version", form.version) ?? 0)
        do {
            try problems.check()
            _ = try await GamesDrawService(db: req.db, clock: req.application.clock)
                .save(programID: program.id!, eventID: eventID, input, seed: req.application.random.seed(), by: req.actor)
        } catch let error as PodiumError {
            return try await render(req, program: program, eventID: eventID, canEdit: canEdit, canEnter: canEnter, drawForm: form,
                                    drawIssues: Self.issues(error), status: MappedError.from(error).status)
        }
        return req.redirect(to: "/admin/games/\(program.slug)/draws/\(eventID)", flash: req.t("draw.saved"))
    }

    func saveMatch(req: Request) async throws -> Response {
        let (program, eventID, canEdit, canEnter) = try await context(req)
        let key = req.parameters.get("key") ?? ""
        guard let ref = MatchRef(key: key) else { throw PodiumError.notFound(LocalizedMessage("error.bracket.noSuchMatch", ["match": key])) }
        let form = try req.content.decode(MatchForm.self)
        let input = MatchResultInput(score: form.score, ending: form.ending.flatMap(MatchEnding.init(rawValue:)),
                                     winner: form.winner.flatMap(MatchSide.init(rawValue:)), official: form.official != nil,
                                     version: form.version.flatMap { Int($0) })
        do {
            _ = try await GamesDrawService(db: req.db, clock: req.application.clock)
                .record(programID: program.id!, eventID: eventID, ref: ref, input, version: input.version, by: req.actor)
        } catch let error as PodiumError {
            return try await render(req, program: program, eventID: eventID, canEdit: canEdit, canEnter: canEnter,
                                    matchErrors: (key, form, RecognitionOffice.message(error, req)), status: MappedError.from(error).status)
        }
        return req.redirect(to: "/admin/games/\(program.slug)/draws/\(eventID)#m-\(key)", flash: req.t("draw.matchSaved"))
    }

    func clearMatch(req: Request) async throws -> Response {
        let (program, eventID, canEdit, canEnter) = try await context(req)
        let key = req.parameters.get("key") ?? ""
        guard let ref = MatchRef(key: key) else { throw PodiumError.notFound(LocalizedMessage("error.bracket.noSuchMatch", ["match": key])) }
        let version = try? req.content.get(String.self, at: "version")
        do {
            _ = try await GamesDrawService(db: req.db, clock: req.application.clock)
                .record(programID: program.id!, eventID: eventID, ref: ref, nil, version: version.flatMap { Int($0) }, by: req.actor)
        } catch let error as PodiumError {
            return try await render(req, program: program, eventID: eventID, canEdit: canEdit, canEnter: canEnter,
                                    matchErrors: (key, nil, RecognitionOffice.message(error, req)), status: MappedError.from(error).status)
        }
        return req.redirect(to: "/admin/games/\(program.slug)/draws/\(eventID)#m-\(key)", flash: req.t("draw.matchCleared"))
    }

    func decideTie(req: Request) async throws -> Response {
        let (program, eventID, canEdit, canEnter) = try await context(req)
        guard canEdit else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        let group = try req.intParameter("group")
        let form = try req.content.decode(TieForm.self)
        let rank = form.rank.flatMap { Int($0) }
        let places = (form.place ?? [:]).compactMap { key, value in Int(key).map { ($0, value.trimmingCharacters(in: .whitespaces)) } }.sorted { $0.0 < $1.0 }
        let input = GroupTieInput(order: form.method == GroupTieMethod.lots.rawValue && places.isEmpty ? nil : places.compactMap { Int($0.1) },
                                  method: form.method, rank: rank, version: form.version.flatMap { Int($0) })
        do {
            _ = try await GamesDrawService(db: req.db, clock: req.application.clock)
                .decideTie(programID: program.id!, eventID: eventID, group: group, input, seed: req.application.random.seed(), by: req.actor)
        } catch let error as PodiumError {
            return try await render(req, program: program, eventID: eventID, canEdit: canEdit, canEnter: canEnter,
                                    tieErrors: (group, rank ?? 0, form.place ?? [:], RecognitionOffice.message(error, req)),
                                    status: MappedError.from(error).status)
        }
        let message = req.t(form.method == GroupTieMethod.lots.rawValue ? "draw.tie.savedLots" : "draw.tie.savedReferee")
        return req.redirect(to: "/admin/games/\(program.slug)/draws/\(eventID)#tie-g\(group)-\(rank ?? 0)", flash: message)
    }

    func withdrawTie(req: Request) async throws -> Response {
        let (program, eventID, canEdit, canEnter) = try await context(req)
        guard canEdit else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        let group = try req.intParameter("group")
        let form = try req.content.decode(TieForm.self)
        let rank = form.rank.flatMap { Int($0) }
        do {
            _ = try await GamesDrawService(db: req.db, clock: req.application.clock)
                .withdrawTie(programID: program.id!, eventID: eventID, group: group, rank: rank, version: form.version.flatMap { Int($0) }, by: req.actor)
        } catch let error as PodiumError {
            return try await render(req, program: program, eventID: eventID, canEdit: canEdit, canEnter: canEnter,
                                    tieErrors: (group, rank ?? 0, [:], RecognitionOffice.message(error, req)), status: MappedError.from(error).status)
        }
        return req.redirect(to: "/admin/games/\(program.slug)/draws/\(eventID)#tie-g\(group)-\(rank ?? 0)", flash: req.t("draw.tie.withdrawn"))
    }

    static func issues(_ error: PodiumError) -> [FieldIssue] {
        let mapped = MappedError.from(error)
        if !mapped.fieldIssues.isEmpty { return mapped.fieldIssues }
        return [FieldIssue("", mapped.detail ?? mapped.title)]
    }

    private func render(_ req: Request, program: ProgramModel, eventID: Int, canEdit: Bool, canEnter: Bool, drawForm: DrawForm? = nil,
                        drawIssues: [FieldIssue] = [], matchErrors: (key: String, form: MatchForm?, messages: [String])? = nil,
                        tieErrors: (group: Int, rank: Int, typed: [String: String], messages: [String])? = nil,
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let service = GamesDrawService(db: req.db, clock: req.application.clock)
        let event = try await service.event(programID: program.id!, eventID: eventID, on: req.db)
        let loaded = try await service.load(event: event, on: req.db)
        let dto = loaded?.dto(req)
        var matches: [MatchFormView] = []
        if canEnter, let dto {
            for match in dto.matches where match.ready {
                let typed = matchErrors?.key == match.key ? matchErrors?.form : nil
                let errors = matchErrors?.key == match.key ? matchErrors!.messages : []
                let ending = typed?.ending ?? match.ending?.rawValue ?? MatchEnding.played.rawValue
                let winner = typed?.winner ?? (match.ending == .played ? nil : match.winner?.rawValue) ?? ""
                let stored = loaded?.results[MatchRef(key: match.key)!]
                matches.append(MatchFormView(
                    key: match.key, title: req.t("draw.matchTitle", ["number": "\(match.number)", "round": match.roundLabel]),
                    home: match.home, away: match.away, score: typed?.score ?? stored?.score ?? "",
                    endings: MatchEnding.allCases.map { FieldView.Option(value: $0.rawValue, label: req.t("draw.ending.\($0.rawValue)"), selected: $0.rawValue == ending) },
                    winners: [FieldView.Option(value: "", label: "—", selected: winner.isEmpty),
                              FieldView.Option(value: "home", label: match.home, selected: winner == "home"),
                              FieldView.Option(value: "away", label: match.away, selected: winner == "away")],
                    official: typed.map { $0.official != nil } ?? match.official, version: match.version.map(String.init) ?? "",
                    played: match.score != nil, errors: errors, hasErrors: !errors.isEmpty))
            }
        }
        var settings: [FormView] = []
        if canEdit {
            settings.append(try await settingsForm(req, program: program, event: event, loaded: loaded, typed: drawForm, issues: drawIssues))
        }
        let context = GamesDrawAdminContext(
            page: PageContext(req, title: "\(event.name) · \(req.t("draw.title"))", backOffice: true), program: ProgramView(program.dto, req),
            eventID: eventID, eventName: event.name,
            board: dto.map { DrawBoard($0, req, settling: canEdit ? DrawBoard.Settling(csrf: req.csrfToken, baseURL: "/admin/games/\(program.slug)/draws/\(eventID)",
                                                                                       failed: tieErrors) : nil) },
            tieProblem: tieErrors.flatMap { failed in dto?.ties.contains { $0.group == failed.group && $0.rank == failed.rank } == true ? nil : failed.messages } ?? [],
            matches: matches, hasMatches: !matches.isEmpty,
            canEnter: canEnter, forms: settings, canEdit: canEdit, publicURL: "/p/\(program.slug)/brackets/\(eventID)")
        return try await req.page("admin/games-draw", context, status: status)
    }

    private func settingsForm(_ req: Request, program: ProgramModel, event: GamesEventModel, loaded: GamesDrawService.Loaded?,
                              typed: DrawForm?, issues: [FieldIssue]) async throws -> FormView {
        let current = loaded?.settings ?? DrawSettings.defaults(templateID: event.templateID)
        var bestOf = 5, gamePoints = 11, cap: Int?, allowDraw = false, scoring = "points"
        switch current.scoring {
        case .points(let draw): allowDraw = draw
        case .games(let b, let g, let c): (scoring, bestOf, gamePoints, cap) = ("games", b, g, c)
        }
        func value(_ typed: String?, _ stored: Int?) -> String { typed ?? stored.map(String.init) ?? "" }
        let entrants = try await GamesDrawService.entrants(eventID: event.id!, on: req.db)
        let seedOf = Dictionary(uniqueKeysWithValues: (loaded?.draw.entrants ?? []).enumerated().map { ($1, $0 + 1) })
        let structure = typed?.structure ?? current.structure.rawValue
        var fields: [FieldView] = [
            .select("structure", req.t("draw.structure"), options: DrawStructure.allCases.map { ($0.rawValue, req.t($0.localizationKey)) }, selected: [structure]),
            .select("scoring", req.t("draw.scoring"), options: [("points", req.t("draw.scoring.points")), ("games", req.t("draw.scoring.games"))],
                    selected: [typed?.scoring ?? scoring], hint: req.t("draw.scoring.hint")),
            FieldView(name: "bestOf", label: req.t("draw.bestOf"), value: value(typed?.bestOf, bestOf), inputmode: "numeric"),
            FieldView(name: "gamePoints", label: req.t("draw.gamePoints"), value: value(typed?.gamePoints, gamePoints), inputmode: "numeric"),
            FieldView(name: "gameCap", label: req.t("draw.gameCap"), value: value(typed?.gameCap, cap), hint: req.t("draw.gameCap.hint"), inputmode: "numeric"),
            FieldView(name: "allowDraw", label: req.t("draw.allowDraw"), type: "checkbox", checked: typed.map { $0.allowDraw != nil } ?? allowDraw),
            FieldView(name: "thirdPlace", label: req.t("draw.thirdPlace"), type: "checkbox", checked: typed.map { $0.thirdPlace != nil } ?? current.thirdPlaceMatch),
            FieldView(name: "groupCount", label: req.t("draw.groupCount"), value: value(typed?.groupCount, current.groupCount), hint: req.t("draw.groupCount.hint"), inputmode: "numeric"),
            FieldView(name: "qualifiersPerGroup", label: req.t("draw.qualifiersPerGroup"), value: value(typed?.qualifiersPerGroup, current.qualifiersPerGroup), inputmode: "numeric"),
            FieldView(name: "winPoints", label: req.t("draw.winPoints"), value: value(typed?.winPoints, current.rules.winPoints), inputmode: "numeric"),
            FieldView(name: "drawPoints", label: req.t("draw.drawPoints"), value: value(typed?.drawPoints, current.rules.drawPoints), inputmode: "numeric"),
            FieldView(name: "lossPoints", label: req.t("draw.lossPoints"), value: value(typed?.lossPoints, current.rules.lossPoints), inputmode: "numeric"),
            FieldView(name: "tieBreaks", label: req.t("draw.tieBreaks"), value: typed?.tieBreaks ?? RoundRobinRules.text(tieBreaks: current.rules.tieBreaks),
                      hint: req.t("draw.tieBreaks.hint", ["names": TieBreak.allCases.filter { $0 != .matchPoints }.map { "\($0.rawValue) (\(req.t($0.localizationKey)))" }.joined(separator: ", ")])),
            .select("seeding", req.t("draw.seeding"), options: [("random", req.t("draw.seeding.random")), ("entered", req.t("draw.seeding.entered"))],
                    selected: [typed?.seeding ?? "random"], hint: req.t("draw.seeding.hint")),
        ]
        for id in entrants.keys.sorted() {
            fields.append(FieldView(name: "seed[\(id)]", label: req.t("draw.seedOf", ["entry": entrants[id]!.label]),
                                    value: typed?.seed?["\(id)"] ?? (loaded == nil ? "" : seedOf[id].map(String.init) ?? ""), inputmode: "numeric"))
        }
        var form = FormView(action: "/admin/games/\(program.slug)/draws/\(event.id!)",
                            submitLabel: req.t(loaded == nil ? "draw.make" : "draw.remake"), title: req.t("draw.settings"), fields: fields,
                            hidden: [.init(name: "version", value: "\(loaded?.model.version ?? 0)")])
        form.attach(issues, req)
        return form
    }
}
