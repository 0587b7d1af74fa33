import Foundation
import PodiumCore
import Vapor

/// `/admin/news`: organizers write articles, preview them, publish or schedule them, and add a cover and photos.
struct NewsAdminController: RouteCollection {
    let maxUploadBytes: Int

    func boot(routes: any RoutesBuilder) throws {
        let news = routes.grouped("admin", "news")
        news.get(use: list)
        news.get("new", use: newForm)
        news.post(use: create)
        news.get(":id", use: editForm)
        news.post(":id", use: update)
        news.post(":id", "status", use: changeStatus)
        news.get(":id", "preview", use: preview)
        news.post(":id", "delete", use: delete)
        news.upload(":id", "cover", maxSize: ByteCount(value: maxUploadBytes + 1_048_576), use: setCover)
        news.post(":id", "cover", "delete", use: removeCover)
        news.upload(":id", "photos", maxSize: ByteCount(value: maxUploadBytes * 6 + 1_048_576), use: addPhotos)
        news.post(":id", "photos", ":photoId", use: updatePhoto)
        news.post(":id", "photos", ":photoId", "delete", use: removePhoto)
    }

    struct ArticleForm: Content {
        var title: String?
        var slug: String?
        var source: String?
        var publishedAt: String?
        var programId: String?
        var body: String?
        var version: Int?
    }

    struct StatusForm: Content {
        var status: String?
        var publishedAt: String?
        var version: Int?
    }

    struct VersionForm: Content {
        var version: Int?
    }

    struct CoverForm: Content {
        var cover: File?
    }

    struct PhotosForm: Content {
        var photos: [File]?
        var caption: String?
    }

    struct PhotoForm: Content {
        var caption: String?
        var move: String?
    }

    // MARK: Pages

    func list(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let rows = try await req.news.all().map { model in
            let status = req.news.effectiveStatus(model)
            return NewsAdminContext.Row(
                id: model.id!, title: model.title, slug: model.slug, status: req.t(status.localizationKey), statusCode: status.rawValue,
                releaseTime: req.releaseTime(model), program: (model.$program.value ?? nil)?.name ?? "",
                publicUrl: req.news.isPublic(model) ? "/news/\(model.slug)" : nil, editUrl: "/admin/news/\(model.id!)")
        }
        let announceable = try await req.programs.list(publicOnly: false).filter { ResultsAnnouncement.allowedStatuses.contains($0.status) }.map {
            NewsAdminContext.Announceable(name: $0.name, status: req.t($0.status.localizationKey), statusCode: $0.status.rawValue,
                                          url: "/admin/programs/\($0.id)#announcement")
        }
        return try await req.page("admin/news", NewsAdminContext(page: PageContext(req, title: req.t("news.admin.title"), backOffice: true),
                                                                rows: rows, hasRows: !rows.isEmpty, announceable: announceable))
    }

    func newForm(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        return try await render(req, model: nil, form: ArticleForm(), status: .ok)
    }

    func editForm(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        return try await render(req, model: model, form: try await Self.form(model, req), status: .ok)
    }

    func preview(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        return try await NewsPublicController.render(req, try await article(req), preview: true)
    }

    // MARK: Article

    func create(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let form = try req.content.decode(ArticleForm.self)
        do {
            let input = try await convert(form, req)
            let article = try await req.news.create(input, by: req.actor)
            return req.redirect(to: "/admin/news/\(article.id)", flash: req.t("news.admin.created", ["title": article.title]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, model: nil, form: form, issues: issues, status: .unprocessableEntity)
        }
    }

    func update(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        let form = try req.content.decode(ArticleForm.self)
        do {
            let input = try await convert(form, req)
            let article = try await req.news.update(model.id!, input, by: req.actor)
            return req.redirect(to: "/admin/news/\(article.id)", flash: req.t("news.admin.saved", ["title": article.title]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, model: model, form: form, issues: issues, status: .unprocessableEntity)
        } catch PodiumError.conflict(let message) {
            return try await render(req, model: try await article(req), form: form, issues: [FieldIssue("version", message)], status: .conflict)
        }
    }

    func changeStatus(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        let form = try req.content.decode(StatusForm.self)
        do {
            guard let status = form.status.flatMap(ArticleStatus.init(rawValue:)) else {
                throw PodiumError.invalid("status", "error.field.oneOf", ["value": form.status ?? "", "allowed": ArticleStatus.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            var at: Date?
            if status == .scheduled, let text = form.publishedAt, !text.isEmpty {
                at = DateDisplay.parseLocal(text, timeZone: req.newsZone(model))
                if at == nil { throw PodiumError.invalid("publishedAt", "error.field.dateTime", ["value": text]) }
            }
            let saved = try await req.news.changeStatus(model.id!, to: status, at: at, expectedVersion: form.version, by: req.actor)
            let key = switch saved.status { case .draft: "news.admin.unpublished"; case .scheduled: "news.admin.scheduled"; case .published: "news.admin.published" }
            return req.redirect(to: "/admin/news/\(saved.id)", flash: req.t(key, ["title": saved.title]))
        } catch let error as PodiumError {
            switch error {
            case .validation(let issues):
                return try await render(req, model: model, form: try await Self.form(model, req), statusError: issues.map { req.t($0.message) }.joined(separator: " "),
                                        scheduleValue: form.publishedAt, status: .unprocessableEntity)
            case .conflict(let message):
                return try await render(req, model: model, form: try await Self.form(model, req), statusError: req.t(message), status: .conflict)
            default:
                throw error
            }
        }
    }

    func delete(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        let form = try req.content.decode(VersionForm.self)
        do {
            try await req.news.delete(model.id!, expectedVersion: form.version, by: req.actor)
            return req.redirect(to: "/admin/news", flash: req.t("news.admin.deleted", ["title": model.title]))
        } catch PodiumError.conflict(let message) {
            return try await render(req, model: model, form: try await Self.form(model, req), statusError: req.t(message), status: .conflict)
        }
    }

    // MARK: Cover and photos

    func setCover(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        let form = try req.content.decode(CoverForm.self)
        do {
            guard let file = form.cover, file.data.readableBytes > 0 || !file.filename.isEmpty else { throw PodiumError.invalid("cover", "error.upload.noFile") }
            _ = try await req.news.setCover(articleID: model.id!, .init(fileName: file.filename, data: Data(buffer: file.data)), by: req.actor)
            return req.redirect(to: "/admin/news/\(model.id!)#cover", flash: req.t("news.admin.coverSet"))
        } catch PodiumError.validation(let issues) {
            return try await render(req, model: model, form: try await Self.form(model, req), coverError: issues.map { req.t($0.message) }.joined(separator: " "),
                                    status: .unprocessableEntity)
        }
    }

    func removeCover(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        _ = try await req.news.removeCover(articleID: model.id!, by: req.actor)
        return req.redirect(to: "/admin/news/\(model.id!)#cover", flash: req.t("news.admin.coverRemoved"))
    }

    func addPhotos(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        let form = try req.content.decode(PhotosForm.self)
        do {
            // A form sent without choosing a file carries one empty, nameless part.
            let files = (form.photos ?? []).filter { $0.data.readableBytes > 0 || !$0.filename.isEmpty }
            let caption = files.count == 1 ? form.caption ?? "" : ""
            let added = try await req.news.addPhotos(articleID: model.id!, files.map { .init(fileName: $0.filename, data: Data(buffer: $0.data), caption: caption) },
                                                     field: "photos", by: req.actor)
            return req.redirect(to: "/admin/news/\(model.id!)#photos", flash: req.t("news.admin.photosAdded", ["count": "\(added.count)"]))
        } catch PodiumError.validation(let issues) {
            return try await render(req, model: model, form: try await Self.form(model, req), photoError: issues.map { req.t($0.message) }.joined(separator: " "),
                                    status: .unprocessableEntity)
        }
    }

    func updatePhoto(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        let photoID = try req.intParameter("photoId")
        let form = try req.content.decode(PhotoForm.self)
        do {
            var input = NewsPhotoUpdateInput(caption: form.move == nil ? (form.caption ?? "") : nil)
            if let raw = form.move {
                let move = try AgendaMoveForm(direction: raw).move()
                let ids = try await req.news.photos(articleID: model.id!).compactMap(\.id)
                guard ids.contains(photoID) else { throw PodiumError.notFound(LocalizedMessage("error.news.photoNotFound")) }
                guard let order = AgendaOrder.moving(photoID, move, in: ids) else {
                    throw PodiumError.conflict(LocalizedMessage(move == .up ? "error.gallery.alreadyFirst" : "error.gallery.alreadyLast"))
                }
                input.position = order.firstIndex(of: photoID)! + 1
            }
            _ = try await req.news.updatePhoto(articleID: model.id!, photoID: photoID, input, by: req.actor)
            return req.redirect(to: "/admin/news/\(model.id!)#photo-\(photoID)", flash: req.t(form.move == nil ? "news.admin.captionSaved" : "news.admin.photoMoved"))
        } catch PodiumError.validation(let issues) {
            return try await render(req, model: model, form: try await Self.form(model, req), photoError: issues.map { req.t($0.message) }.joined(separator: " "),
                                    status: .unprocessableEntity)
        }
    }

    func removePhoto(req: Request) async throws -> Response {
        try await req.require(.managePrograms)
        let model = try await article(req)
        try await req.news.removePhoto(articleID: model.id!, photoID: try req.intParameter("photoId"), by: req.actor)
        return req.redirect(to: "/admin/news/\(model.id!)#photos", flash: req.t("news.admin.photoRemoved"))
    }

    // MARK: Form

    private func article(_ req: Request) async throws -> NewsArticleModel {
        try await req.news.article(id: try req.intParameter("id"))
    }

    /// The article as its form shows it: release time as a local `datetime-local` value in the article's zone.
    static func form(_ model: NewsArticleModel, _ req: Request) async throws -> ArticleForm {
        ArticleForm(title: model.title, slug: model.slug, source: model.source,
                    publishedAt: model.publishedAt.map { DateDisplay.isoMinute($0, timeZone: req.newsZone(model)).replacingOccurrences(of: " ", with: "T") },
                    programId: model.$program.id.map(String.init), body: model.body, version: model.version)
    }

    /// Reads the typed values; anything unreadable is reported with the rest of the article's problems.
    private func convert(_ form: ArticleForm, _ req: Request) async throws -> NewsArticleInput {
        var issues: [FieldIssue] = []
        var programID: Int?
        if let text = form.programId, !text.isEmpty {
            programID = Int(text)
            if programID == nil { issues.append(FieldIssue("programId", "error.field.integer", ["value": text])) }
        }
        var publishedAt: Date?
        if let text = form.publishedAt?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            publishedAt = DateDisplay.parseLocal(text, timeZone: try await req.news.timeZone(programID: programID))
            if publishedAt == nil { issues.append(FieldIssue("publishedAt", "error.field.dateTime", ["value": text])) }
        }
        let input = NewsArticleInput(title: form.title ?? "", slug: form.slug, source: form.source, body: form.body, status: nil,
                                     publishedAt: publishedAt, programId: programID, version: form.version)
        guard issues.isEmpty else {
            // Report the other fields' problems along with the unreadable ones.
            let draft = ArticleDraft(title: input.title, slug: (input.slug ?? "").lowercased(), source: input.source ?? "", body: input.body ?? "")
            throw PodiumError.validation(issues + draft.issues(now: req.now))
        }
        return input
    }

    private func fields(_ req: Request, _ form: ArticleForm, isNew: Bool) async throws -> [FieldView] {
        let programs = try await req.programs.list(publicOnly: false)
        return [
            FieldView(name: "title", label: req.t("news.field.title"), value: form.title ?? "", required: true),
            FieldView(name: "source", label: req.t("news.source"), value: form.source ?? "", hint: req.t("news.field.sourceHint")),
            FieldView(name: "publishedAt", label: req.t("news.releaseTime"), type: "datetime-local", value: form.publishedAt ?? "",
                      hint: req.t("news.field.releaseHint", ["zone": NewsService.defaultTimeZone])),
            .select("programId", req.t("news.field.program"), options: [("", req.t("news.field.noProgram"))] + programs.map { ("\($0.id)", $0.name) },
                    selected: [form.programId ?? ""], hint: req.t("news.field.programHint")),
            FieldView(name: "body", label: req.t("news.field.body"), type: "textarea", value: form.body ?? "", hint: req.t("news.field.bodyHint")),
            FieldView(name: "slug", label: req.t("news.field.slug"), value: form.slug ?? "",
                      hint: req.t(isNew ? "news.field.slugHintNew" : "news.field.slugHint"), autocomplete: "off"),
        ]
    }

    private func render(_ req: Request, model: NewsArticleModel?, form: ArticleForm, issues: [FieldIssue] = [], statusError: String? = nil,
                        scheduleValue: String? = nil, coverError: String? = nil, photoError: String? = nil,
                        status: HTTPResponseStatus) async throws -> Response {
        let isNew = model == nil
        var view = FormView(action: model.map { "/admin/news/\($0.id!)" } ?? "/admin/news",
                            submitLabel: req.t(isNew ? "news.admin.createDraft" : "action.save"), fields: try await fields(req, form, isNew: isNew))
        if let model { view.hidden.append(.init(name: "version", value: "\(form.version ?? model.version)")) }
        view.attach(issues, req)
        let heading = model?.title ?? req.t("news.admin.new")
        var context = NewsEditContext(
            page: PageContext(req, title: heading, backOffice: true), heading: heading, back: "/admin/news", forms: [view], isNew: isNew,
            id: model?.id ?? 0, version: model?.version ?? 0, status: "", statusCode: "draft", statusLine: "", statusError: statusError,
            actions: [], scheduleValue: "", canSchedule: false, previewUrl: "", publicUrl: nil, coverUrl: nil, coverAlt: "",
            coverError: coverError, photos: [], hasPhotos: false, photoError: photoError,
            uploadHint: req.t("news.admin.uploadHint", ["max": ImageKind.describe(bytes: req.application.podiumConfig.uploadMaxBytes)]))
        guard let model else { return try await req.page("admin/news-edit", context, status: status) }

        let current = req.news.effectiveStatus(model)
        let release = req.releaseTime(model)
        let actions: [NewsEditContext.Action]
        switch current {
        case .draft:
            actions = [.init(status: "published", label: req.t("news.admin.publishNow"), primary: true)]
            context.statusLine = req.t("news.admin.isDraft")
        case .scheduled:
            actions = [.init(status: "published", label: req.t("news.admin.publishNow"), primary: true),
                       .init(status: "draft", label: req.t("news.admin.unpublish"), primary: false)]
            context.statusLine = req.t("news.admin.isScheduled", ["time": release])
        case .published:
            actions = [.init(status: "draft", label: req.t("news.admin.unpublish"), primary: false)]
            context.statusLine = req.t("news.admin.isPublished", ["time": release])
        }
        let photos = try await req.news.photos(articleID: model.id!)
        context.status = req.t(current.localizationKey)
        context.statusCode = current.rawValue
        context.actions = actions
        context.canSchedule = current != .published
        let planned = model.publishedAt.flatMap { $0 > req.now ? $0 : nil }
        context.scheduleValue = scheduleValue ?? planned.map { DateDisplay.isoMinute($0, timeZone: req.newsZone(model)).replacingOccurrences(of: " ", with: "T") } ?? ""
        context.previewUrl = "/admin/news/\(model.id!)/preview"
        context.publicUrl = req.news.isPublic(model) ? "/news/\(model.slug)" : nil
        context.coverUrl = model.coverFile.map(UploadStore.url)
        context.coverAlt = req.t("news.coverAlt", ["title": model.title])
        context.photos = photos.enumerated().map { index, photo in
            .init(id: photo.id!, url: UploadStore.url(photo.file),
                  alt: photo.caption.isEmpty ? req.t("news.photoAlt", ["title": model.title, "number": "\(index + 1)"]) : photo.caption,
                  caption: photo.caption, position: index + 1, isFirst: index == 0, isLast: index == photos.count - 1, captionId: "caption-\(photo.id!)",
                  captionLabel: req.t("news.admin.caption", ["number": "\(index + 1)"]),
                  markdown: "![\(photo.caption.replacingOccurrences(of: "]", with: ""))](\(UploadStore.url(photo.file)))")
        }
        context.hasPhotos = !photos.isEmpty
        return try await req.page("admin/news-edit", context, status: status)
    }
}
