import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/recognition/{slug}/categories/{code}`: one award's settings and panel for organizers, and its tally,
/// run-offs, chair decisions and approval for organizers and the panel's chair.
struct RecognitionCategoryAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let category = routes.grouped("admin", "recognition", ":slug", "categories", ":code")
        category.get(use: show)
        category.post("settings", use: updateSettings)
        category.post("panel", use: addMember)
        category.post("panel", ":userId", "remove", use: removeMember)
        category.post("run-off", use: runOff)
        category.post("chair-decision", use: chairDecision)
        category.post("decisions", use: approve)
    }

    struct MemberForm: Content {
        var userId: String?
        var homeUnitId: String?
        var isChair: String?
    }

    func show(req: Request) async throws -> Response {
        try await render(req)
    }

    func updateSettings(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RecognitionOffice.program(req)
        let form = try req.content.decode(CategoryForm.self)
        let code = req.parameters.get("code") ?? ""
        do {
            let updated = try await req.recognition.updateCategory(program: program, code: code, try form.checkedInput(zone: program.zone), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/categories/\(updated.code)", flash: req.t("action.saved"))
        } catch let error as PodiumError {
            switch error {
            case .validation(let issues): return try await render(req, settingsForm: form, settingsIssues: issues, status: .unprocessableEntity)
            case .conflict(let message): return try await render(req, settingsForm: form, settingsIssues: [FieldIssue("version", message)], status: .conflict)
            default: throw error
            }
        }
    }

    func addMember(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RecognitionOffice.program(req)
        let form = try req.content.decode(MemberForm.self)
        do {
            guard let userID = form.userId.flatMap({ Int($0) }) else { throw PodiumError.invalid("userId", "recognition.panel.chooseReviewer") }
            let updated = try await req.recognition.addPanelMember(
                program: program, code: req.parameters.get("code") ?? "",
                PanelMemberInput(userId: userID, homeUnitId: form.homeUnitId.flatMap { Int($0) }, isChair: form.isChair != nil), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/categories/\(updated.code)#panel", flash: req.t("recognition.panel.added"))
        } catch let error as PodiumError {
            return try await render(req, panelErrors: RecognitionOffice.message(error, req), status: MappedError.from(error).status)
        }
    }

    func removeMember(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RecognitionOffice.program(req)
        do {
            let updated = try await req.recognition.removePanelMember(program: program, code: req.parameters.get("code") ?? "",
                                                                      userID: try req.intParameter("userId"), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/categories/\(updated.code)#panel", flash: req.t("recognition.panel.removed"))
        } catch let error as PodiumError {
            return try await render(req, panelErrors: RecognitionOffice.message(error, req), status: MappedError.from(error).status)
        }
    }

    func runOff(req: Request) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        let code = req.parameters.get("code") ?? ""
        do {
            _ = try await req.review.startRunOff(program: program, code: code, by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/categories/\(code.uppercased())#tally", flash: req.t("recognition.tally.runOffStarted"))
        } catch let error as PodiumError {
            return try await render(req, tallyErrors: RecognitionOffice.message(error, req), status: MappedError.from(error).status)
        }
    }

    /// The chair's order arrives as `position[<nomination id>]` = 1, 2, …, with a reason.
    func chairDecision(req: Request) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        let code = req.parameters.get("code") ?? ""
        struct Form: Content {
            var position: [String: String]?
            var reason: String?
        }
        let form = try req.content.decode(Form.self)
        do {
            var ranked: [(Int, Int)] = []
            for (key, value) in form.position ?? [:] {
                guard let id = Int(key), let place = Int(value.trimmingCharacters(in: .whitespaces)) else {
                    throw PodiumError.invalid("order", "recognition.tally.positionInvalid", ["value": value])
                }
                ranked.append((place, id))
            }
            if Set(ranked.map(\.0)).count != ranked.count { throw PodiumError.invalid("order", "recognition.tally.positionsRepeated") }
            let order = ranked.sorted { $0.0 < $1.0 }.map(\.1)
            _ = try await req.review.recordChairDecision(program: program, code: code, ChairDecisionInput(order: order, reason: form.reason ?? ""), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/categories/\(code.uppercased())#tally", flash: req.t("recognition.tally.chairRecorded"))
        } catch let error as PodiumError {
            return try await render(req, tallyErrors: RecognitionOffice.message(error, req), status: MappedError.from(error).status)
        }
    }

    func approve(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RecognitionOffice.program(req)
        let code = req.parameters.get("code") ?? ""
        do {
            let decisions = try await req.awards.approve(program: program, code: code, by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)#decisions",
                                flash: req.t("recognition.tally.approved", ["count": "\(decisions.filter { $0.status == "approved" }.count)"]))
        } catch let error as PodiumError {
            return try await render(req, tallyErrors: RecognitionOffice.message(error, req), status: MappedError.from(error).status)
        }
    }

    private func render(_ req: Request, settingsForm: CategoryForm? = nil, settingsIssues: [FieldIssue] = [], panelErrors: [String] = [],
                        tallyErrors: [String] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        let model = try await req.recognition.category(programID: program.id!, code: req.parameters.get("code") ?? "")
        let state = try await req.review.state(model)
        let isOrganizer = req.allows(.managePrograms)
        try req.review.requireTallyViewer(req.actor, state)
        let category = try await req.recognition.categoryDTO(model, tree: state.tree)
        let zone = program.zone
        let slug = program.slug
        let base = "/admin/recognition/\(slug)/categories/\(category.code)"

        var summary = [req.t(category.kind.localizationKey), req.t(category.method.localizationKey),
                       category.quotaPerUnit.map { req.t("recognition.office.quotaPerUnit", ["total": "\(category.quotaTotal)", "unit": "\($0)"]) }
                        ?? req.t("recognition.category.quotaOnly", ["total": "\(category.quotaTotal)"])]
        if category.method == .approval { summary.append(req.t("recognition.category.picks", ["count": "\(category.pickLimit)"])) }
        if category.method == .rubric {
            summary.append(category.criteria.map { req.t("recognition.category.criterion", ["name": $0.name, "weight": "\($0.weight)", "max": "\($0.maxScore)"]) }
                .joined(separator: " · "))
        }
        let rules = category.eligibility
        var eligibility = [req.t("recognition.category.statuses", ["list": EmployeeStatus.allCases.filter { rules.allowedStatuses.contains($0) }
            .map { req.t($0.localizationKey) }.joined(separator: "、")])]
        if let years = rules.minimumServiceYears, let day = rules.serviceCountedOn {
            eligibility.append(req.t("recognition.category.serviceRule", ["years": "\(years)", "date": DateDisplay.date(day, req.language)]))
        }
        if rules.excludePreviousWinners { eligibility.append(req.t("recognition.category.noRepeat")) }
        summary.append(eligibility.joined(separator: "; "))

        var settingsView: FormView?
        var panelForm: FormView?
        if isOrganizer {
            var form = (settingsForm ?? CategoryForm(category, zone: zone)).formView(req, action: "\(base)/settings", zone: zone, submit: req.t("action.save"))
            form.attach(settingsIssues, req)
            settingsView = form
            let reviewers = try await RoleGrantModel.query(on: req.db).filter(\.$role == Role.reviewer.rawValue).filter(\.$program.$id == program.id!)
                .with(\.$user).all().map(\.user)
            let onPanel = Set(category.panel.map(\.userId))
            let candidates = reviewers.filter { !onPanel.contains($0.id!) }.sorted { $0.displayName < $1.displayName }
            let units = try await req.units.all()
            var panel = FormView(action: "\(base)/panel", submitLabel: req.t("recognition.panel.add"), title: req.t("recognition.panel.addTitle"), fields: [
                .select("userId", req.t("recognition.panel.reviewer"), options: candidates.map { ("\($0.id!)", "\($0.displayName) · \($0.email)") }, selected: [],
                        required: true, hint: req.t("recognition.panel.reviewerHint")),
                .select("homeUnitId", req.t("recognition.panel.homeUnit"), options: [("", req.t("recognition.panel.outsider"))] + units.map { ("\($0.id)", $0.path.joined(separator: " › ")) },
                        selected: [], hint: req.t("recognition.panel.homeUnitHint")),
                FieldView(name: "isChair", label: req.t("recognition.panel.chair"), type: "checkbox"),
            ])
            panel.generalErrors = panelErrors
            panelForm = panel
        }
        let members = category.panel.map { member in
            RecognitionCategoryContext.Member(
                userId: member.userId, name: member.name,
                homeUnit: member.homeUnitId.map { state.tree.organizationPath(of: $0) } ?? req.t("recognition.panel.outsider"), chair: member.isChair,
                ballots: state.ballots.contains { $0.$user.id == member.userId && $0.round == state.currentRound }
                    ? req.t("recognition.panel.voted") : req.t("recognition.panel.notVoted"),
                removable: !state.ballots.contains { $0.$user.id == member.userId })
        }

        let tally = ReviewService.tallyDTO(state)
        let decided = Set(tally.decided)
        let proposed = Set(tally.proposedWinners)
        let rounds = tally.rounds.map { round in
            RecognitionCategoryContext.Round(
                title: round.number == 1 ? req.t("recognition.tally.round1") : req.t("recognition.tally.runOff", ["round": "\(round.number)", "seats": "\(round.seats)"]),
                ballots: req.t("recognition.tally.ballots", ["count": "\(round.ballots)", "panel": "\(state.panel.count)"]),
                lines: round.lines.map { line in
                    let detail: String
                    switch round.number == 1 ? category.method : .approval {
                    case .approval: detail = req.t("recognition.tally.approvals", ["count": "\(line.points ?? 0)", "of": "\(line.ballots)"])
                    case .borda: detail = req.t("recognition.tally.borda", ["points": "\(line.points ?? 0)", "of": "\(line.ballots)"])
                    case .rubric: detail = req.t("recognition.tally.sheets", ["count": "\(line.ballots)"])
                    }
                    return .init(rank: line.rank.map { "\($0)\(line.tied ? "=" : "")" } ?? "—", nominee: line.nominee,
                                 unit: state.unitOf(line.nominationId).map { state.tree.organizationPath(of: $0) } ?? line.unit, score: line.score,
                                 detail: detail, tied: line.tied, proposed: round.number == 1 && proposed.contains(line.nominationId),
                                 decided: round.number == 1 && decided.contains(line.nominationId))
                })
        }
        var notes: [String] = []
        let names = state.names
        if !tally.skippedForUnitQuota.isEmpty {
            notes.append(req.t("recognition.tally.skipped", ["names": tally.skippedForUnitQuota.map { names[$0] ?? "" }.joined(separator: "、")]))
        }
        if tally.unfilledSeats > 0 { notes.append(req.t("recognition.tally.unfilled", ["count": "\(tally.unfilledSeats)"])) }
        let tie = tally.pendingTie.map { tie in
            RecognitionCategoryContext.Tie(text: req.t("recognition.tally.tie", ["names": tie.names.joined(separator: "、"), "seats": "\(tie.seats)"]),
                                           candidates: tie.candidates.enumerated().map { .init(id: $0.element, name: names[$0.element] ?? "", position: $0.offset + 1) },
                                           seats: tie.seats)
        }
        let context = RecognitionCategoryContext(
            page: PageContext(req, title: "\(category.name) · \(program.name)", backOffice: true), program: ProgramView(program.dto, req),
            back: "/admin/recognition/\(slug)", base: base, title: category.name, summary: summary, isOrganizer: isOrganizer,
            settingsForm: settingsView.map { FormBlock($0, req) }, settingsOpen: !settingsIssues.isEmpty, panel: members, panelForm: panelForm.map { FormBlock($0, req) }, rounds: rounds,
            hasBallots: !state.ballots.isEmpty,
            proposal: tally.proposedWinners.map { id in "\(names[id] ?? "") · \(state.unitOf(id).map { state.tree.nodes[state.tree.homeOrganization(of: $0)]?.name ?? "" } ?? "")" },
            notes: notes, tie: tie, chairDecisions: tally.chairDecisions.map { decision in
                req.t("recognition.tally.chairDecision", ["order": decision.order.map { names[$0] ?? "" }.joined(separator: " › "), "reason": decision.reason,
                                                          "by": decision.decidedBy])
            },
            canApprove: isOrganizer && tally.pendingTie == nil && !tally.proposedWinners.filter { !decided.contains($0) }.isEmpty && !state.ballots.isEmpty,
            approveLabel: req.t("recognition.tally.approve", ["count": "\(tally.proposedWinners.filter { !decided.contains($0) }.count)"]),
            exportJSON: "/api/v1/programs/\(slug)/recognition/categories/\(category.code)/ballots",
            exportCSV: "/api/v1/programs/\(slug)/recognition/categories/\(category.code)/ballots.csv", errors: tallyErrors)
        return try await req.page("admin/recognition-category", context, status: status)
    }
}
