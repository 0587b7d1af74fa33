import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/games/{slug}/opening-ceremony`: the run of show of a games program's opening ceremony, with its
/// computed times, and the running sheet printed from it. Organizers set the start, add, edit, move and delete
/// segments and fill a march-in from the teams behind the flags; the program's officials read it.
struct OpeningCeremonyAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let ceremony = routes.grouped("admin", "games", ":slug", "opening-ceremony")
        ceremony.get(use: overview)
        ceremony.post("start", use: setStart)
        ceremony.post("segments", use: addSegment)
        ceremony.get("segments", ":segmentId", use: editSegment)
        ceremony.post("segments", ":segmentId", use: updateSegment)
        ceremony.post("segments", ":segmentId", "move", use: moveSegment)
        ceremony.post("segments", ":segmentId", "delete", use: deleteSegment)
        ceremony.post("segments", ":segmentId", "from-teams", use: fromTeams)
    }

    struct StartForm: Content {
        var startsAt: String?
        var version: Int?
    }

    /// A segment's fields as typed; formations one per line.
    struct SegmentForm: Content {
        var kind: String?
        var title: String?
        var duration: String?
        var performer: String?
        var formations: String?
        var secondsPerFormation: String?
        var version: Int?

        /// The input, or the numbers that could not be read.
        func input() throws -> RunOfShowSegmentInput {
            var issues = ValidationCollector()
            func number(_ field: String, _ text: String?) -> Int? {
                guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
                guard let value = Int(text) else { issues.add(field, "error.field.integer", ["value": text]); return nil }
                return value
            }
            let input = RunOfShowSegmentInput(kind: kind ?? "", title: title ?? "", duration: number("duration", duration), performer: performer ?? "",
                                              formations: (formations ?? "").split(whereSeparator: \.isNewline).map(String.init),
                                              secondsPerFormation: number("secondsPerFormation", secondsPerFormation), version: version)
            try issues.check()
            return input
        }
    }

    struct VersionForm: Content {
        var version: Int?
    }

    /// `order[teamId]`: the team's place in the march-in; a blank leaves the team out.
    struct FromTeamsForm: Content {
        var nationalFlag: String?
        var groupFlag: String?
        var order: [String: String]?
        var version: Int?
    }

    struct Refusal {
        var segmentID: Int?
        var issues: [FieldIssue] = []
        var message: String?
        var start: StartForm?
        var segment: SegmentForm?
        var fromTeams: FromTeamsForm?
    }

    static func base(_ program: ProgramModel) -> String { "/admin/games/\(program.slug)/opening-ceremony" }

    func overview(req: Request) async throws -> Response {
        try await render(req, program: try await GamesOffice.program(req))
    }

    func setStart(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(StartForm.self)
        do {
            let show = try await req.runOfShow.setStart(program: program, RunOfShowStartInput(startsAt: form.startsAt, version: form.version), by: req.actor)
            return req.redirect(to: Self.base(program), flash: req.t("runOfShow.startSaved", ["time": show.startsAt]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(issues: issues, start: form), status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(issues: [FieldIssue("version", message)], start: form), status: .conflict)
        }
    }

    func addSegment(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let form = try req.content.decode(SegmentForm.self)
        do {
            var input = try form.input()
            input.version = nil
            let segment = try await req.runOfShow.addSegment(program: program, input, by: req.actor)
            return req.redirect(to: "\(Self.base(program))#segment-\(segment.id)", flash: req.t("runOfShow.segmentAdded", ["title": segment.title]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(issues: issues, segment: form), status: .unprocessableEntity)
        }
    }

    func editSegment(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let segment = try await segmentDTO(req, program: program)
        let form = SegmentForm(kind: segment.kind.rawValue, title: segment.title, duration: "\(segment.duration)", performer: segment.performer,
                               formations: segment.formations.joined(separator: "\n"), secondsPerFormation: "\(segment.secondsPerFormation)",
                               version: segment.version)
        return try await renderEdit(req, program: program, segment: segment, form: form, issues: [], status: .ok)
    }

    func updateSegment(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let segment = try await segmentDTO(req, program: program)
        let form = try req.content.decode(SegmentForm.self)
        do {
            let saved = try await req.runOfShow.updateSegment(program: program, segmentID: segment.id, try form.input(), by: req.actor)
            return req.redirect(to: "\(Self.base(program))#segment-\(saved.id)", flash: req.t("runOfShow.segmentSaved", ["title": saved.title]))
        } catch PodiumError.validation(let issues) {
            return try await renderEdit(req, program: program, segment: segment, form: form, issues: issues, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await renderEdit(req, program: program, segment: segment, form: form, issues: [FieldIssue("version", message)], status: .conflict)
        }
    }

    func moveSegment(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let segmentID = try req.intParameter("segmentId")
        let form = try req.content.decode(AgendaMoveForm.self)
        let move = try form.move()
        do {
            _ = try await req.runOfShow.moveSegment(program: program, segmentID: segmentID, move, version: form.version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(segmentID: segmentID, message: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "\(Self.base(program))#segment-\(segmentID)", flash: req.t("runOfShow.segmentMoved"))
    }

    func deleteSegment(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let segment = try await segmentDTO(req, program: program)
        do {
            try await req.runOfShow.deleteSegment(program: program, segmentID: segment.id, version: try req.content.decode(VersionForm.self).version, by: req.actor)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(segmentID: segment.id, message: req.t(message)), status: .conflict)
        }
        return req.redirect(to: "\(Self.base(program))#segments", flash: req.t("runOfShow.segmentDeleted", ["title": segment.title]))
    }

    /// Fills a march-in's formations: the flags, then the teams by the numbers typed, ties by name.
    func fromTeams(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await GamesOffice.program(req)
        let segment = try await segmentDTO(req, program: program)
        let form = try req.content.decode(FromTeamsForm.self)
        do {
            let teams = try await req.games.teams(programID: program.id!)
            var issues = ValidationCollector()
            var placed: [(order: Int, name: String, id: Int)] = []
            for team in teams {
                guard let text = form.order?["\(team.id)"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { continue }
                guard let order = Int(text) else { issues.add("order", "runOfShow.orderNotNumber", ["team": team.name, "value": text]); continue }
                placed.append((order, team.name, team.id))
            }
            if issues.issues.isEmpty, placed.isEmpty, !teams.isEmpty { issues.add("order", "runOfShow.orderNone") }
            try issues.check()
            let input = MarchInFromTeamsInput(teamIds: placed.sorted { ($0.order, $0.name, $0.id) < ($1.order, $1.name, $1.id) }.map(\.id),
                                              nationalFlag: form.nationalFlag ?? "", groupFlag: form.groupFlag ?? "")
            let saved = try await req.runOfShow.updateSegment(program: program, segmentID: segment.id,
                                                              RunOfShowSegmentInput(fromTeams: teams.isEmpty ? MarchInFromTeamsInput() : input,
                                                                                    version: form.version), by: req.actor)
            return req.redirect(to: "\(Self.base(program))#segment-\(saved.id)",
                                flash: req.t("runOfShow.formationsFilled", ["count": "\(saved.formations.count)", "title": saved.title]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, program: program, refusal: Refusal(segmentID: segment.id, issues: issues, fromTeams: form), status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, program: program, refusal: Refusal(segmentID: segment.id, issues: [FieldIssue("version", message)], fromTeams: form),
                                    status: .conflict)
        }
    }

    private func segmentDTO(_ req: Request, program: ProgramModel) async throws -> RunOfShowSegmentDTO {
        let id = try req.intParameter("segmentId")
        guard let segment = try await req.runOfShow.runOfShow(programID: program.id!).segments.first(where: { $0.id == id }) else {
            throw PodiumError.notFound(LocalizedMessage("error.runOfShow.segmentNotFound"))
        }
        return segment
    }

    // MARK: Pages

    private func segmentFields(_ req: Request, _ form: SegmentForm) -> [FieldView] {
        [
            .select("kind", req.t("runOfShow.kind"), options: RunOfShowKind.allCases.map { ($0.rawValue, req.t($0.localizationKey)) },
                    selected: [form.kind ?? RunOfShowKind.speech.rawValue], required: true),
            FieldView(name: "title", label: req.t("runOfShow.segmentTitle"), value: form.title ?? "", required: true, hint: req.t("runOfShow.segmentTitleHint"),
                      autocomplete: "off"),
            FieldView(name: "duration", label: req.t("runOfShow.duration"), type: "number", value: form.duration ?? "", hint: req.t("runOfShow.durationHint"),
                      inputmode: "numeric"),
            FieldView(name: "performer", label: req.t("runOfShow.performer"), value: form.performer ?? "", hint: req.t("runOfShow.performerHint"),
                      autocomplete: "off"),
            FieldView(name: "formations", label: req.t("runOfShow.formations"), type: "textarea", value: form.formations ?? "",
                      hint: req.t("runOfShow.formationsHint")),
            FieldView(name: "secondsPerFormation", label: req.t("runOfShow.secondsPerFormation"), type: "number", value: form.secondsPerFormation ?? "30",
                      inputmode: "numeric"),
        ]
    }

    private func renderEdit(_ req: Request, program: ProgramModel, segment: RunOfShowSegmentDTO, form: SegmentForm, issues: [FieldIssue],
                            status: HTTPResponseStatus) async throws -> Response {
        var view = FormView(action: "\(Self.base(program))/segments/\(segment.id)", submitLabel: req.t("action.save"), fields: segmentFields(req, form))
        view.hidden.append(.init(name: "version", value: "\(form.version ?? segment.version)"))
        view.attach(issues, req)
        let heading = req.t("runOfShow.editSegment", ["title": segment.title])
        return try await req.page("admin/form", FormPageContext(page: PageContext(req, title: heading, backOffice: true), heading: heading, forms: [view],
                                                                back: "\(Self.base(program))#segment-\(segment.id)"), status: status)
    }

    private func render(_ req: Request, program: ProgramModel, refusal: Refusal = Refusal(), status: HTTPResponseStatus = .ok) async throws -> Response {
        let programID = program.id!
        try await req.require(.officiate(programID: programID))
        let isOrganizer = req.allows(.managePrograms)
        let base = Self.base(program)
        let page = PageContext(req, title: "\(req.t("runOfShow.title")) · \(program.name)", backOffice: true)
        let show = try await req.runOfShow.runOfShow(programID: programID)
        let teams = isOrganizer ? try await req.games.teams(programID: programID) : []

        let segments = show.segments.enumerated().map { index, segment -> OpeningCeremonyContext.Segment in
            let refused = refusal.segmentID == segment.id
            var fromTeams: OpeningCeremonyContext.FromTeams?
            if isOrganizer, segment.kind == .marchIn {
                let typed = refused ? refusal.fromTeams : nil
                var rows: [OpeningCeremonyContext.FromTeams.Team] = []
                for (index, team) in teams.enumerated() {
                    let order: String = typed.map { $0.order?["\(team.id)"] ?? "" } ?? "\(index + 1)"
                    rows.append(.init(id: team.id, name: team.name, order: order))
                }
                let problems: [String] = typed == nil ? [] : refusal.issues.map { req.t($0.message) }
                fromTeams = .init(action: "\(base)/segments/\(segment.id)/from-teams", prefix: "teams-\(segment.id)",
                                  nationalFlag: typed?.nationalFlag ?? req.t("runOfShow.nationalFlag"),
                                  groupFlag: typed?.groupFlag ?? req.t("runOfShow.groupFlag"),
                                  teams: rows, hasTeams: !rows.isEmpty, errors: problems, open: typed != nil)
            }
            let message = refused && refusal.fromTeams == nil ? refusal.message : nil
            return .init(row: req.runOfShowRow(segment), version: segment.version, isFirst: index == 0, isLast: index == show.segments.count - 1,
                         isMarchIn: segment.kind == .marchIn, error: message, fromTeams: fromTeams)
        }

        var start: FormsBlock?, add: FormsBlock?
        if isOrganizer {
            var startForm = FormView(action: "\(base)/start", submitLabel: req.t("action.save"), fields: [
                FieldView(name: "startsAt", label: req.t("runOfShow.startsAt"), value: refusal.start?.startsAt ?? show.startsAt, required: true,
                          hint: req.t("runOfShow.startsAtHint"), autocomplete: "off", inputmode: "numeric"),
            ])
            startForm.hidden.append(.init(name: "version", value: "\(refusal.start?.version ?? show.version)"))
            if refusal.start != nil { startForm.attach(refusal.issues, req) }
            start = FormsBlock(page: page, forms: [startForm], open: refusal.start != nil)

            var addForm = FormView(action: "\(base)/segments", submitLabel: req.t("runOfShow.addSegmentButton"), title: req.t("runOfShow.addSegment"),
                                   fields: segmentFields(req, refusal.segment ?? SegmentForm()))
            if refusal.segment != nil { addForm.attach(refusal.issues, req) }
            add = FormsBlock(page: page, forms: [addForm], open: refusal.segment != nil || show.segments.isEmpty)
        }
        let context = OpeningCeremonyContext(
            page: page, program: ProgramView(program.dto, req), back: "/admin/games/\(program.slug)", isOrganizer: isOrganizer,
            publicLink: "/p/\(program.slug)/opening-ceremony", staffLink: "/admin/games/\(program.slug)/staff", startsAt: show.startsAt, endsAt: show.endsAt,
            segments: segments, errors: refusal.segmentID != nil && !segments.contains { $0.row.id == refusal.segmentID } ? [refusal.message].compactMap { $0 } : [],
            start: start, addSegment: add)
        return try await req.page("admin/opening-ceremony", context, status: status)
    }
}
