import Fluent
import Foundation
import PodiumCore
import Vapor

/// `/admin/relay/{slug}/review`: suspect reads and unread exchanges for officials to clear, each correction
/// with its reason; the raw read log; and the import of read files.
struct RelayReviewAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let office = routes.grouped("admin", "relay", ":slug")
        office.get("review", use: review)
        office.post("reads", ":readId", "correct", use: correct)
        office.upload("reads", "import", maxSize: "8mb", use: importReads)
    }

    struct CorrectForm: Content {
        var kind: String?
        var bib: String?
        var at: String?
        var reason: String?
    }

    struct UploadForm: Content {
        var file: File?
        var device: String?
    }

    func review(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        return try await renderReview(req, program: program)
    }

    func correct(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        try await req.require(.officiate(programID: program.id!))
        let readID = try req.intParameter("readId")
        let form = try req.content.decode(CorrectForm.self)
        guard let kind = form.kind.flatMap(ReadCorrectionKind.init(rawValue:)) else {
            throw PodiumError.badRequest(LocalizedMessage("relay.review.form.kindInvalid"))
        }
        var issues: [FieldIssue] = []
        var at: ReadInstant?
        if kind == .retime, let text = form.at?.trimmingCharacters(in: .whitespaces).nilIfEmpty {
            if let ms = RelayOffice.parseClock(text, program: program) { at = ReadInstant(ms: ms) }
            else { issues.append(FieldIssue("at", "relay.review.form.timeInvalid", ["value": text])) }
        }
        if (form.reason ?? "").collapsingWhitespace.isEmpty { issues.append(FieldIssue("reason", "error.relay.correctionReason")) }
        do {
            guard issues.isEmpty else { throw PodiumError.validation(issues) }
            _ = try await req.relayTiming.correct(program: program, readID: readID,
                                                  TimingCorrectionInput(kind: kind, bib: form.bib, at: at, reason: form.reason ?? ""), by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await renderReview(req, program: program, failed: (readID, form, found), status: .unprocessableEntity)
        }
        return req.redirect(to: "/admin/relay/\(program.slug)/review", flash: req.t("relay.review.form.corrected"))
    }

    func importReads(req: Request) async throws -> Response {
        let program = try await RelayOffice.program(req)
        try await req.require(.officiate(programID: program.id!))
        let form = try req.content.decode(UploadForm.self)
        let result: ReadBatchResultDTO
        do {
            guard let file = form.file, file.data.readableBytes > 0 else { throw PodiumError.invalid("file", "error.import.noFile") }
            result = try await req.relayTiming.importCSV(program: program, Data(buffer: file.data),
                                                         device: form.device?.trimmingCharacters(in: .whitespaces), by: req.actor)
        } catch PodiumError.validation(let found) {
            return try await renderReview(req, program: program, importIssues: found, device: form.device, status: .unprocessableEntity)
        } catch PodiumError.badRequest(let message) {
            return try await renderReview(req, program: program, importIssues: [FieldIssue("file", message)], device: form.device, status: .unprocessableEntity)
        }
        return req.redirect(to: "/admin/relay/\(program.slug)/review",
                            flash: req.t("relay.review.form.imported", ["stored": "\(result.stored)", "already": "\(result.alreadyStored)"]))
    }

    /// Most reads the log shows unless asked for all.
    static let logLimit = 500

    private func renderReview(_ req: Request, program: ProgramModel, failed: (readID: Int, form: CorrectForm, issues: [FieldIssue])? = nil,
                              importIssues: [FieldIssue] = [], device: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await req.require(.officiate(programID: program.id!))
        let snapshot = try await req.relayTiming.snapshot(program: program)
        let timeZone = snapshot.timeZone
        let slug = program.slug

        func correction(_ kind: ReadCorrectionKind, readID: Int, at: Int64?) -> RelayReviewContext.Correction {
            let mine = failed.flatMap { $0.readID == readID && $0.form.kind == kind.rawValue ? $0 : nil }
            var bibError: String?, atError: String?, reasonError: String?, errors: [String] = []
            for issue in mine?.issues ?? [] {
                let message = req.t(issue.message)
                switch issue.field {
                case "bib" where kind == .assign: bibError = message
                case "at" where kind == .retime: atError = message
                case "reason": reasonError = message
                default: errors.append(message)
                }
            }
            return .init(kind: kind.rawValue, title: req.t("relay.review.form.\(kind.rawValue)"), showBib: kind == .assign, showTime: kind == .retime,
                         bib: mine?.form.bib ?? "", at: mine?.form.at ?? at.map { RelayClock.clock($0, timeZone: timeZone, tenths: true) } ?? "",
                         reason: mine?.form.reason ?? "", bibError: bibError, atError: atError, reasonError: reasonError, errors: errors, open: mine != nil)
        }

        let items = snapshot.board.reviews.map { item -> RelayReviewContext.Item in
            let message = RelayReviewWords(item: item, snapshot: snapshot, words: req.words).message
            switch item.kind {
            case .suspectRead(let readID, _):
                return .init(kind: "suspect", readId: readID, message: message,
                             forms: [ReadCorrectionKind.ignore, .accept, .assign, .retime].map { correction($0, readID: readID, at: item.at) })
            case .missingRead:
                return .init(kind: "missing", readId: nil, message: message, forms: [])
            }
        }

        let corrections = Dictionary(grouping: snapshot.corrections, by: { $0.$read.id })
        let showAll = (try? req.query.get(String.self, at: "all")) == "1"
        let ordered = snapshot.reads.sorted { ($0.atMs, $0.id!) > ($1.atMs, $1.id!) }
        let shown = showAll ? ordered : Array(ordered.prefix(Self.logLimit))
        let reads = shown.map { read -> RelayReviewContext.Read in
            let verdict = snapshot.board.verdicts[read.id!] ?? .counted
            let words: String
            switch verdict {
            case .counted: words = req.t("relay.review.form.verdict.counted")
            case .duplicate(let of): words = req.t("relay.review.form.verdict.duplicate", ["id": "\(of)"])
            case .ignored: words = req.t("relay.review.form.verdict.ignored")
            case .suspect(let reason): words = req.t("relay.review.form.verdict.suspect", ["reason": req.t(reason.localizationKey)])
            }
            let lines = (corrections[read.id!] ?? []).map { correction -> String in
                let kind = ReadCorrectionKind(rawValue: correction.kind) ?? .ignore
                let what = req.t("relay.review.form.did.\(kind.rawValue)", ["bib": correction.bib ?? "—",
                                                                           "time": correction.atMs.map { RelayClock.clock($0, timeZone: timeZone, tenths: true) } ?? ""])
                return req.t("relay.review.form.correctionLine", ["what": what, "who": correction.actorName, "reason": correction.reason,
                                                                  "when": DateDisplay.dateTime(correction.createdAt, timeZone: timeZone, req.language)])
            }
            return .init(id: read.id!, time: RelayClock.clock(read.atMs, timeZone: timeZone, tenths: true),
                         point: snapshot.course.leg(read.point).map { "\(read.point) · \($0.exchangePoint)" } ?? "\(read.point)",
                         bib: read.bib ?? "—", source: req.t((ReadSource(rawValue: read.source) ?? .api).localizationKey), device: read.device,
                         verdict: words, verdictCode: verdict.name, corrections: lines,
                         restore: verdict == .ignored ? correction(.restore, readID: read.id!, at: nil) : nil)
        }

        var importForm = FormView(action: "/admin/relay/\(slug)/reads/import", submitLabel: req.t("relay.review.form.importButton"),
                                  title: req.t("relay.review.form.import"), fields: [
            FieldView(name: "file", label: req.t("relay.review.form.file"), type: "file", required: true, hint: req.t("relay.review.form.fileHint")),
            FieldView(name: "device", label: req.t("relay.review.form.device"), value: device ?? "", hint: req.t("relay.review.form.deviceHint")),
        ], multipart: true)
        importForm.attach(importIssues, req)
        if !importIssues.isEmpty { importForm.generalErrors.insert(req.t("relay.review.form.importRefused"), at: 0) }

        let context = RelayReviewContext(
            page: PageContext(req, title: "\(req.t("relay.review.form.title")) · \(program.name)", backOffice: true),
            program: ProgramView(program.dto, req), items: items, reads: reads,
            readsNote: shown.count < ordered.count ? req.t("relay.review.form.showingLatest", ["shown": "\(shown.count)", "total": "\(ordered.count)"]) : nil,
            showAllHref: shown.count < ordered.count ? "/admin/relay/\(slug)/review?all=1#log" : nil, forms: [importForm])
        return try await req.page("admin/relay-review", context, status: status)
    }
}
