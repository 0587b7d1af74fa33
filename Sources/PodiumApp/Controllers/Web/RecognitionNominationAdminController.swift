import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/recognition/{slug}/nominations/{id}`: a nomination with its citation and evidence; its nominator may add
/// files or withdraw it before review begins.
struct RecognitionNominationAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let nomination = routes.grouped("admin", "recognition", ":slug", "nominations", ":id")
        nomination.get(use: show)
        nomination.upload("evidence", maxSize: "8mb", use: addEvidence)
        nomination.get("evidence", ":evidenceId", use: download)
        nomination.post("withdraw", use: withdraw)
    }

    struct EvidenceForm: Content {
        var file: File?
    }

    struct WithdrawForm: Content {
        var reason: String?
        var version: Int?
    }

    func show(req: Request) async throws -> Response {
        try await render(req)
    }

    func download(req: Request) async throws -> Response {
        try await RecognitionAPIController.evidenceResponse(req, program: try await RecognitionOffice.program(req))
    }

    func addEvidence(req: Request) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        let form = try req.content.decode(EvidenceForm.self)
        let id = try req.intParameter("id")
        do {
            guard let file = form.file, file.data.readableBytes > 0 else { throw PodiumError.invalid("file", "recognition.nomination.chooseFile") }
            let evidence = try await req.nominations.addEvidence(program: program, nominationID: id, fileName: file.filename,
                                                                 data: Data(buffer: file.data), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)/nominations/\(id)", flash: req.t("recognition.nomination.fileAdded", ["name": evidence.fileName]))
        } catch let error as PodiumError {
            guard case .validation(let issues) = error else { throw error }
            return try await render(req, evidenceIssues: issues, status: .unprocessableEntity)
        }
    }

    func withdraw(req: Request) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        let form = try req.content.decode(WithdrawForm.self)
        let id = try req.intParameter("id")
        do {
            _ = try await req.nominations.withdraw(program: program, id: id, WithdrawalInput(reason: form.reason ?? "", version: form.version), by: req.actor)
            return req.redirect(to: "/admin/recognition/\(program.slug)#nominations", flash: req.t("recognition.nomination.withdrawnFlash"))
        } catch let error as PodiumError {
            switch error {
            case .validation(let issues): return try await render(req, withdrawIssues: issues, status: .unprocessableEntity)
            case .conflict(let message): return try await render(req, withdrawIssues: [FieldIssue("version", message)], status: .conflict)
            default: throw error
            }
        }
    }

    private func render(_ req: Request, evidenceIssues: [FieldIssue] = [], withdrawIssues: [FieldIssue] = [],
                        status: HTTPResponseStatus = .ok) async throws -> Response {
        let program = try await RecognitionOffice.program(req)
        let model = try await req.nominations.nomination(try req.intParameter("id"), programID: program.id!)
        try await req.nominations.requireNominator(req.actor, of: model)
        let nomination = try await req.nominations.dto(model)
        let slug = program.slug
        let base = "/admin/recognition/\(slug)/nominations/\(nomination.id)"
        let isOpen = nomination.status == NominationStatus.submitted.rawValue
        var facts: [RecognitionNominationContext.Fact] = [
            .init(label: req.t("recognition.office.category"), value: nomination.categoryName),
            .init(label: req.t("recognition.office.unit"), value: nomination.unit),
            .init(label: req.t("recognition.office.nominatedBy"), value: nomination.nominatedBy),
        ]
        if let at = nomination.createdAt { facts.append(.init(label: req.t("recognition.nomination.on"), value: DateDisplay.dateTime(at, timeZone: program.zone, req.language))) }
        var evidenceForm: FormView?, withdrawForm: FormView?
        if isOpen {
            var form = FormView(action: "\(base)/evidence", submitLabel: req.t("recognition.nomination.upload"), title: req.t("recognition.nomination.addFile"),
                                fields: [FieldView(name: "file", label: req.t("recognition.office.evidence"), type: "file", hint: req.t("recognition.office.evidenceHint"))],
                                multipart: true)
            form.attach(evidenceIssues, req)
            evidenceForm = form
            var withdraw = FormView(action: "\(base)/withdraw", submitLabel: req.t("recognition.nomination.withdraw"), title: req.t("recognition.nomination.withdrawTitle"),
                                    fields: [FieldView(name: "reason", label: req.t("recognition.nomination.reason"), required: true)])
            withdraw.hidden.append(.init(name: "version", value: "\(nomination.version)"))
            withdraw.attach(withdrawIssues, req)
            withdrawForm = withdraw
        }
        let context = RecognitionNominationContext(
            page: PageContext(req, title: "\(nomination.nominee) · \(nomination.categoryName)", backOffice: true), program: ProgramView(program.dto, req),
            back: "/admin/recognition/\(slug)#nominations", nominee: nomination.nominee, facts: facts, citation: nomination.citation,
            files: nomination.evidence.map { .init(name: $0.fileName, size: ByteCountFormatter.string(fromByteCount: Int64($0.size), countStyle: .file),
                                                   url: "\(base)/evidence/\($0.id)") },
            evidenceForm: evidenceForm.map { FormBlock($0, req) }, withdrawForm: withdrawForm.map { FormBlock($0, req) },
            withdrawn: isOpen ? nil : req.t("recognition.nomination.withdrawn", ["reason": nomination.statusReason ?? ""]))
        return try await req.page("admin/recognition-nomination", context, status: status)
    }
}
