import Foundation
import PodiumCore
import Vapor

/// The public side of a recognition program: the honor roll (or the public notice with its objection form),
/// printable certificates of honor, and the verify page for certificate numbers.
/// `/p/{slug}/certificates/{serial}` is routed by `RelayPublicController`, which hands recognition programs here.
struct RecognitionPublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "honor-roll", use: honorRoll)
        routes.post("p", ":slug", "honor-roll", "objections", use: object)
        routes.get("verify", use: verifyForm)
        routes.get("verify", ":serial", use: verify)
    }

    static func program(_ req: Request) async throws -> ProgramModel {
        let program = try await req.recognition.program(slug: req.parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !req.allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    /// What the objection form sends; everything optional so that a half-filled form comes back with its messages.
    struct ObjectionForm: Content {
        var decisionId: String?
        var name: String?
        var contact: String?
        var text: String?
    }

    func honorRoll(req: Request) async throws -> Response {
        try await Self.honorRollPage(req, program: try await Self.program(req))
    }

    /// An objection from anyone during the notice. Bad input comes back with the message by each field; nothing is kept.
    func object(req: Request) async throws -> Response {
        let program = try await Self.program(req)
        let roll = try await req.awards.honorRoll(program: program)
        guard roll.stage == .notice else { throw PodiumError.conflict(LocalizedMessage("error.objection.noticeClosed")) }
        let form = try req.content.decode(ObjectionForm.self)
        let decisionID = form.decisionId.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        do {
            _ = try await req.awards.object(program: program, ObjectionInput(decisionId: decisionID ?? 0, name: form.name ?? "",
                                                                            contact: form.contact, text: form.text ?? ""))
        } catch PodiumError.validation(var issues) {
            if decisionID == nil {
                issues.removeAll { $0.field == "decisionId" }
                issues.insert(FieldIssue("decisionId", "error.objection.chooseHonoree"), at: 0)
            }
            return try await Self.honorRollPage(req, program: program, roll: roll, form: form, issues: issues, status: .unprocessableEntity)
        }
        return req.redirect(to: "/p/\(program.slug)/honor-roll#objection", flash: req.t("honor.objection.recorded"))
    }

    static func honorRollPage(_ req: Request, program: ProgramModel, roll given: AwardDecisionService.HonorRoll? = nil,
                              form: ObjectionForm? = nil, issues: [FieldIssue] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let roll: AwardDecisionService.HonorRoll
        if let given { roll = given } else { roll = try await req.awards.honorRoll(program: program) }
        let view = ProgramView(program.dto, req)
        let objection = roll.stage == .notice
            ? HonorRollContext.objectionForm(roll, action: "\(view.url)/honor-roll/objections#objection", form: form, issues: issues, req) : nil
        let context = HonorRollContext.make(roll, program: view, byUnit: req.query[String.self, at: "by"] == "unit", objection: objection, req)
        return try await req.page("recognition/honor-roll", context, status: status)
    }

    /// A printable certificate of honor, for a published, approved award; a withdrawn one says so.
    static func certificate(req: Request, program: ProgramModel) async throws -> Response {
        let typed = req.parameters.get("bib") ?? ""
        guard case .serial(let serial) = CertificateSerialReading(typed) else {
            throw PodiumError.notFound(LocalizedMessage("error.certificate.notFound", ["serial": typed]))
        }
        let roll = try await req.awards.honorRoll(program: program)
        let all = try await req.awards.decisions(programID: program.id!)
        guard let published = roll.publishedAt, let decision = all.first(where: { $0.serial == serial.description }) else {
            throw PodiumError.notFound(LocalizedMessage("error.certificate.notFound", ["serial": serial.description]))
        }
        let honorRollURL = "/p/\(program.slug)/honor-roll"
        guard decision.status == "approved" else {
            let context = WithdrawnCertificateContext(
                page: PageContext(req, title: req.t("honor.certificate.withdrawnTitle")), program: ProgramView(program.dto, req),
                serial: decision.serial, message: req.t("honor.certificate.withdrawn", ["serial": decision.serial, "program": program.name]),
                honorRollURL: honorRollURL)
            return try await req.page("recognition/withdrawn", context, status: .gone)
        }
        let view = HonorCertificateView.make(decision, roll: roll, issuedOn: published, draft: false, req)
        let context = HonorCertificateContext(page: PageContext(req, title: "\(view.title) · \(decision.nominee)"), program: ProgramView(program.dto, req),
                                              certificates: [view], honorRollURL: honorRollURL)
        return try await req.page("recognition/certificate", context)
    }

    /// `/verify?serial=...` (the form) goes to `/verify/{serial}`; without a number, the empty form.
    func verifyForm(req: Request) async throws -> Response {
        let typed = (req.query[String.self, at: "serial"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !typed.isEmpty {
            let encoded = typed.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ""
            return req.redirect(to: "/verify/\(encoded)")
        }
        return try await req.page("recognition/verify", VerifyContext.form(req))
    }

    /// The check of one certificate number: valid, withdrawn, unknown, or mistyped (the check letter does not match).
    func verify(req: Request) async throws -> Response {
        let raw = req.parameters.get("serial") ?? ""
        let typed = (raw.removingPercentEncoding ?? raw).trimmingCharacters(in: .whitespacesAndNewlines)
        var check = try await req.awards.check(serial: typed)
        let reading = CertificateSerialReading(typed)
        if case .mistyped(let text) = reading {
            check = CertificateCheckDTO(serial: text, valid: false, status: "mistyped", nominee: nil, award: nil, program: nil,
                                        organization: nil, issuedOn: nil)
        }
        if req.wantsJSON { return try await check.encodeResponse(for: req) }
        var certificateURL: String?
        if check.valid, let program = try await req.awards.program(ofSerial: check.serial) {
            certificateURL = "/p/\(program.slug)/certificates/\(check.serial)"
        }
        return try await req.page("recognition/verify", VerifyContext.make(check, typed: typed, certificateURL: certificateURL, req))
    }
}
