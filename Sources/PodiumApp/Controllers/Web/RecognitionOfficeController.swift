import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/recognition/{slug}`: the recognition office. Organizers set up categories, approve, run the public notice
/// and publish; unit heads nominate. The same services as the JSON API, as pages that work without JavaScript.
struct RecognitionOfficeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let office = routes.grouped("admin", "recognition", ":slug")
        office.get(use: overview)
        office.post("categories", use: addCategory)
        office.upload("nominations", maxSize: "8mb", use: nominate)
        office.post("notice", use: notice)
        office.post("objections", ":objectionId", use: resolve)
        office.post("publish", use: publish)
    }

    struct NominationForm: Content {
        var category: String?
        var nominee: String?
        var unitId: String?
        var teamName: String?
        var citation: String?
        var lateOnPurpose: String?
        var file: File?
    }

    struct NoticeForm: Content {
        var endsAt: String?
    }

    struct ResolutionForm: Content {
        var outcome: String?
        var reason: String?
    }

    func overview(req: Request) async throws -> Response {
        try await render(req, program: try await RecognitionOffice.program(req))
    }

    func addCategory(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RecognitionOffice.program(req)
        let form = try req.content.decode(CategoryForm.self)
        do {
            let category = try await req.recognition.createCategory(program: program, try form.checkedInput(zone: program.zone), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/categories/\(category.code)", flash: req.t("recognition.office.categoryAdded", ["name": category.name]))
        } catch let error as PodiumError {
            guard case .validation(let issues) = error else { throw error }
            return try await render(req, program: program, categoryForm: form, categoryIssues: issues, status: .unprocessableEntity)
        }
    }

    func nominate(req: Request) async throws -> Response {
        try await req.require(.useBackOffice)
        let program = try await RecognitionOffice.program(req)
        let form = try req.content.decode(NominationForm.self)
        do {
            guard req.actor.isOrganizer || !req.actor.ledUnitIDs.isEmpty else {
                throw PodiumError.forbidden(LocalizedMessage("error.nomination.notNominator"))
            }
            let category = try await req.recognition.category(programID: program.id!, code: form.category ?? "")
            var input = NominationInput(category: category.code, citation: form.citation ?? "", lateOnPurpose: form.lateOnPurpose != nil)
            if category.categoryKind.nomineeIsUnit {
                input.unitId = form.unitId.flatMap { Int($0) }
                input.teamName = form.teamName
            } else {
                input.personId = try await req.people.findEmployeeID(typed: form.nominee ?? "")
            }
            let evidence = form.file.flatMap { $0.data.readableBytes > 0 ? (fileName: $0.filename, data: Data(buffer: $0.data)) : nil }
            let nomination = try await req.nominations.nominate(program: program, input, evidence: evidence, by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)#nominations",
                                flash: req.t("recognition.office.nominated", ["name": nomination.nominee, "category": nomination.categoryName]))
        } catch let error as PodiumError {
            switch error {
            case .validation(let issues):
                return try await render(req, program: program, nominationForm: form, nominationIssues: issues, status: .unprocessableEntity)
            case .conflict(let message), .forbidden(let message), .notFound(let message):
                return try await render(req, program: program, nominationForm: form, nominationIssues: [FieldIssue("category", message)],
                                        status: MappedError.from(error).status)
            default: throw error
            }
        }
    }

    func notice(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RecognitionOffice.program(req)
        let form = try req.content.decode(NoticeForm.self)
        do {
            guard let text = form.endsAt, let ends = RecognitionOffice.parseLocal(text, zone: program.zone) else {
                throw PodiumError.invalid("endsAt", "recognition.office.endsAtInvalid", ["value": form.endsAt ?? ""])
            }
            _ = try await req.awards.startNotice(program: program, NoticeInput(endsAt: ends), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)#notice", flash: req.t("recognition.office.noticeStarted"))
        } catch let error as PodiumError {
            return try await render(req, program: program, noticeErrors: RecognitionOffice.message(error, req), status: MappedError.from(error).status)
        }
    }

    func resolve(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RecognitionOffice.program(req)
        let form = try req.content.decode(ResolutionForm.self)
        do {
            _ = try await req.awards.resolve(program: program, objectionID: try req.intParameter("objectionId"),
                                             ObjectionResolutionInput(outcome: form.outcome ?? "", reason: form.reason ?? ""), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)#notice", flash: req.t("recognition.office.objectionAnswered"))
        } catch let error as PodiumError {
            return try await render(req, program: program, noticeErrors: RecognitionOffice.message(error, req), status: MappedError.from(error).status)
        }
    }

    func publish(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let program = try await RecognitionOffice.program(req)
        do {
            _ = try await req.awards.publish(program: program, by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)#notice", flash: req.t("recognition.office.publishedFlash"))
        } catch let error as PodiumError {
            return try await render(req, program: program, noticeErrors: RecognitionOffice.message(error, req), status: MappedError.from(error).status)
        }
    }

    private func render(_ req: Request, program: ProgramModel, categoryForm: CategoryForm? = nil, categoryIssues: [FieldIssue] = [],
                        nominationForm: NominationForm? = nil, nominationIssues: [FieldIssue] = [], noticeErrors: [String] = [],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let actor = req.actor
        let programID = program.id!
        let isOrganizer = req.allows(.managePrograms)
        let isReviewer = req.allows(.review(programID: programID))
        guard isOrganizer || !actor.ledUnitIDs.isEmpty || isReviewer else { throw PodiumError.forbidden(LocalizedMessage("error.forbidden")) }
        if !isOrganizer, actor.ledUnitIDs.isEmpty { return req.redirect(to: "/admin/recognition/\(program.slug)/review") }
        let zone = program.zone
        let slug = program.slug
        let state = try await req.recognition.status(program: program)
        let stage = RecognitionStage(rawValue: state.stage) ?? .setUp
        let now = req.now

        let categories = state.categories.map { category -> RecognitionOfficeContext.CategoryRow in
            let window: String
            switch (category.opensAt, category.closesAt) {
            case (nil, nil): window = req.t("recognition.office.windowAlways")
            case (let opens?, nil): window = req.t("recognition.office.windowFrom", ["from": DateDisplay.dateTime(opens, timeZone: zone, req.language)])
            case (nil, let closes?): window = req.t("recognition.office.windowUntil", ["until": DateDisplay.dateTime(closes, timeZone: zone, req.language)])
            case (let opens?, let closes?): window = "\(DateDisplay.dateTime(opens, timeZone: zone, req.language)) – \(DateDisplay.dateTime(closes, timeZone: zone, req.language))"
            }
            let state = category.reviewClosed ? "recognition.category.decided" : category.nominationsOpen ? "recognition.category.nominating" : "recognition.category.reviewing"
            return .init(code: category.code, name: category.name, kind: req.t(category.kind.localizationKey),
                         quota: category.quotaPerUnit.map { req.t("recognition.office.quotaPerUnit", ["total": "\(category.quotaTotal)", "unit": "\($0)"]) }
                            ?? "\(category.quotaTotal)",
                         method: req.t(category.method.localizationKey), window: window, nominations: category.nominationCount,
                         panel: category.panel.count, state: req.t(state), url: "/admin/recognition/\(slug)/categories/\(category.code)")
        }

        var categoryFormView: FormView?
        if isOrganizer {
            var form = (categoryForm ?? CategoryForm.blank).formView(req, action: "/admin/recognition/\(slug)/categories", zone: zone,
                                                                    submit: req.t("recognition.office.addCategory"))
            form.attach(categoryIssues, req)
            categoryFormView = form
        }

        let tree = try await req.units.tree()
        let nominations = try await req.nominations.nominations(program: program, visibleTo: actor).map { nomination in
            RecognitionOfficeContext.NominationRow(
                id: nomination.id, category: nomination.categoryName, nominee: nomination.nominee, unit: tree.organizationPath(of: nomination.unitId),
                nominatedBy: nomination.nominatedBy,
                status: nomination.status == NominationStatus.withdrawn.rawValue
                    ? req.t("recognition.nomination.withdrawn", ["reason": nomination.statusReason ?? ""]) : req.t("recognition.nomination.submitted"),
                withdrawn: nomination.status == NominationStatus.withdrawn.rawValue, evidence: nomination.evidence.count,
                url: "/admin/recognition/\(slug)/nominations/\(nomination.id)")
        }

        var nominationFormView: FormView?
        let openCategories = state.categories.filter { !$0.reviewClosed && ($0.nominationsOpen || isOrganizer) }
        if (isOrganizer || !actor.ledUnitIDs.isEmpty), !openCategories.isEmpty {
            let typed = nominationForm
            let teamUnits = try await req.units.all().filter { unit in
                isOrganizer || actor.ledUnitIDs.contains { tree.isWithin(unit.id, ancestorID: $0) }
            }
            var fields: [FieldView] = [
                .select("category", req.t("recognition.office.category"),
                        options: openCategories.map { ($0.code, "\($0.name) (\(req.t($0.kind.localizationKey)))") },
                        selected: [typed?.category ?? ""], required: true),
                FieldView(name: "nominee", label: req.t("recognition.office.nominee"), value: typed?.nominee ?? "",
                          hint: req.t("recognition.office.nomineeHint"), aliases: ["personId"]),
            ]
            if state.categories.contains(where: { $0.kind.nomineeIsUnit }) {
                fields.append(.select("unitId", req.t("recognition.office.teamUnit"), options: [("", "—")] + teamUnits.map { ("\($0.id)", $0.path.joined(separator: " › ")) },
                                      selected: [typed?.unitId ?? ""], hint: req.t("recognition.office.teamUnitHint")))
                fields.append(FieldView(name: "teamName", label: req.t("recognition.office.teamName"), value: typed?.teamName ?? ""))
            }
            fields.append(FieldView(name: "citation", label: req.t("recognition.office.citation"), type: "textarea", value: typed?.citation ?? "",
                                    required: true, hint: req.t("recognition.office.citationHint")))
            fields.append(FieldView(name: "file", label: req.t("recognition.office.evidence"), type: "file",
                                    hint: req.t("recognition.office.evidenceHint")))
            if isOrganizer {
                fields.append(FieldView(name: "lateOnPurpose", label: req.t("recognition.office.lateOnPurpose"), type: "checkbox",
                                        checked: typed?.lateOnPurpose != nil))
            }
            var form = FormView(action: "/admin/recognition/\(slug)/nominations", submitLabel: req.t("recognition.office.nominate"),
                                title: req.t("recognition.office.nominateTitle"), fields: fields, multipart: true)
            form.attach(nominationIssues, req)
            nominationFormView = form
        }

        var decisionGroups: [RecognitionOfficeContext.DecisionGroup] = []
        var objections: [RecognitionOfficeContext.ObjectionRow] = []
        var noticeForm: FormView?, publishForm: FormView?
        if isOrganizer {
            let decisions = try await req.awards.decisions(programID: programID)
            for category in state.categories {
                let rows = decisions.filter { $0.category == category.code }.map {
                    RecognitionOfficeContext.DecisionRow(nominee: $0.nominee, organization: $0.organization, serial: $0.serial, revoked: $0.status == "revoked",
                                                         note: $0.revokedReason.map { req.t("recognition.office.revoked", ["reason": $0]) })
                }
                if !rows.isEmpty { decisionGroups.append(.init(category: category.name, rows: rows)) }
            }
            objections = try await req.awards.objections(programID: programID).map { objection in
                .init(id: objection.id, about: "\(objection.nominee) · \(objection.category)",
                      from: objection.submitterName + (objection.contact.map { " (\($0))" } ?? ""), text: objection.text,
                      when: DateDisplay.dateTime(objection.createdAt, timeZone: zone, req.language), open: objection.status == "open",
                      outcome: objection.status == "open" ? nil
                        : req.t("recognition.objection.\(objection.status)", ["reason": objection.resolution ?? "", "by": objection.resolvedBy ?? ""]))
            }
            if state.publishedAt == nil, decisions.contains(where: { $0.status == "approved" }) {
                var form = FormView(action: "/admin/recognition/\(slug)/notice",
                                    submitLabel: req.t(state.noticeEndsAt == nil ? "recognition.office.startNotice" : "recognition.office.changeNotice"),
                                    fields: [FieldView(name: "endsAt", label: req.t("recognition.office.noticeEnds"), type: "datetime-local",
                                                       value: RecognitionOffice.localValue(state.noticeEndsAt ?? now.addingTimeInterval(7 * 86_400), zone: zone),
                                                       hint: req.t("recognition.office.noticeHint", ["timeZone": program.timeZone]))])
                form.generalErrors = noticeErrors
                noticeForm = form
                if state.noticeEndsAt != nil {
                    publishForm = FormView(action: "/admin/recognition/\(slug)/publish", submitLabel: req.t("recognition.office.publish"), fields: [])
                }
            }
        }

        let stageHint: String
        switch stage {
        case .setUp: stageHint = "recognition.hint.setUp"
        case .nominating: stageHint = "recognition.hint.nominating"
        case .reviewing: stageHint = "recognition.hint.reviewing"
        case .decided: stageHint = "recognition.hint.decided"
        case .notice: stageHint = "recognition.hint.notice"
        case .noticeOver: stageHint = "recognition.hint.noticeOver"
        case .published: stageHint = "recognition.hint.published"
        }
        var links: [RecognitionOfficeContext.Link] = []
        if isReviewer { links.append(.init(href: "/admin/recognition/\(slug)/review", label: req.t("recognition.office.myReview"))) }
        if isOrganizer {
            links.append(.init(href: "/admin/recognition/\(slug)/ceremony", label: req.t("recognition.office.ceremony")))
            links.append(.init(href: "/admin/recognition/\(slug)/certificates", label: req.t("recognition.office.certificates")))
        }
        links.append(.init(href: "/p/\(slug)/honor-roll", label: req.t("recognition.office.honorRoll")))

        let context = RecognitionOfficeContext(
            page: PageContext(req, title: program.name, backOffice: true), program: ProgramView(program.dto, req),
            stage: req.t(stage.localizationKey), stageHint: req.t(stageHint, ["ends": state.noticeEndsAt.map { DateDisplay.dateTime($0, timeZone: zone, req.language) } ?? ""]),
            isOrganizer: isOrganizer, isReviewer: isReviewer, links: links, categories: categories, categoryForm: categoryFormView.map { FormBlock($0, req) },
            categoryFormOpen: !categoryIssues.isEmpty || categories.isEmpty, nominations: nominations, nominationForm: nominationFormView.map { FormBlock($0, req) },
            decisions: decisionGroups, hasDecisions: !decisionGroups.isEmpty,
            noticeForm: noticeForm.map { FormBlock($0, req) },
            notice: state.noticeEndsAt.map { req.t("recognition.office.noticeRuns", ["from": state.noticeStartsAt.map { DateDisplay.dateTime($0, timeZone: zone, req.language) } ?? "",
                                                                                  "until": DateDisplay.dateTime($0, timeZone: zone, req.language)]) },
            objections: objections, hasObjections: !objections.isEmpty, publishForm: publishForm.map { FormBlock($0, req) },
            published: state.publishedAt.map { req.t("recognition.office.publishedOn", ["date": DateDisplay.dateTime($0, timeZone: zone, req.language)]) },
            errors: [])
        return try await req.page("admin/recognition-office", context, status: status)
    }
}
