import Fluent
import Foundation
import PodiumCore

/// News articles: drafts, scheduling and publishing, cover and photo gallery. Whether readers see an article is
/// decided when it is read, against the clock, so a scheduled article appears on time without any job.
struct NewsService {
    let db: any Database
    let clock: PodiumClock
    let uploads: UploadStore
    let maxUploadBytes: Int

    /// Release times are typed and shown in the linked program's zone, otherwise in this one.
    static let defaultTimeZone = "Asia/Shanghai"
    static let maxPhotos = 60
    static let markdown = SafeMarkdown(imagePrefix: UploadStore.publicPrefix)

    // MARK: Reading

    /// Articles the public sees now, newest first.
    func publicQuery() -> QueryBuilder<NewsArticleModel> {
        NewsArticleModel.query(on: db)
            .filter(\.$status != ArticleStatus.draft.rawValue)
            .filter(\.$publishedAt, .lessThanOrEqual, clock.now())
    }

    /// A page of articles: the public's, or every article for organizers (drafts and scheduled ones first by date).
    func list(includeHidden: Bool, page: Int, perPage: Int) async throws -> (items: [NewsArticleModel], total: Int) {
        let query = includeHidden ? NewsArticleModel.query(on: db) : publicQuery()
        let total = try await query.count()
        let items = try await query.with(\.$program).sort(\.$publishedAt, .descending).sort(\.$id, .descending)
            .range(PageWindow(page: page, perPage: perPage, maxPerPage: perPage).rows).all()
        return (items, total)
    }

    /// Every article for the back office, newest changes first.
    func all() async throws -> [NewsArticleModel] {
        try await NewsArticleModel.query(on: db).with(\.$program).sort(\.$updatedAt, .descending).sort(\.$id, .descending).all()
    }

    func latest(_ count: Int) async throws -> [NewsArticleModel] {
        try await publicQuery().with(\.$program).sort(\.$publishedAt, .descending).sort(\.$id, .descending).limit(count).all()
    }

    func article(slug: String) async throws -> NewsArticleModel {
        guard let model = try await NewsArticleModel.query(on: db).filter(\.$slug == slug).with(\.$program).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.news.notFound"))
        }
        return model
    }

    func article(id: Int) async throws -> NewsArticleModel {
        guard let model = try await NewsArticleModel.query(on: db).filter(\.$id == id).with(\.$program).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.news.notFound"))
        }
        return model
    }

    /// The article for a reader: drafts and articles waiting for their time exist only for those who may see them.
    func visibleArticle(slug: String, canSeeHidden: Bool) async throws -> NewsArticleModel {
        let model = try await article(slug: slug)
        guard canSeeHidden || isPublic(model) else { throw PodiumError.notFound(LocalizedMessage("error.news.notFound")) }
        return model
    }

    func isPublic(_ model: NewsArticleModel) -> Bool {
        ArticleStatus.isPublic(ArticleStatus(rawValue: model.status) ?? .draft, publishedAt: model.publishedAt, now: clock.now())
    }

    func effectiveStatus(_ model: NewsArticleModel) -> ArticleStatus {
        ArticleStatus.effective(ArticleStatus(rawValue: model.status) ?? .draft, publishedAt: model.publishedAt, now: clock.now())
    }

    func photos(articleID: Int) async throws -> [NewsPhotoModel] {
        try await NewsPhotoModel.query(on: db).filter(\.$article.$id == articleID).sort(\.$position).sort(\.$id).all()
    }

    func dtos(_ models: [NewsArticleModel]) async throws -> [NewsArticleDTO] {
        let ids = models.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        let photos = Dictionary(grouping: try await NewsPhotoModel.query(on: db).filter(\.$article.$id ~~ ids).sort(\.$position).sort(\.$id).all(),
                                by: { $0.$article.id })
        let programIDs = Set(models.compactMap { $0.$program.id })
        let programs = programIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await ProgramModel.query(on: db)
            .filter(\.$id ~~ Array(programIDs)).all().map { ($0.id!, $0.slug) })
        return models.map { dto($0, photos: photos[$0.id!] ?? [], programSlug: $0.$program.id.flatMap { programs[$0] }) }
    }

    func dto(_ model: NewsArticleModel) async throws -> NewsArticleDTO {
        try await dtos([model])[0]
    }

    func dto(_ model: NewsArticleModel, photos: [NewsPhotoModel], programSlug: String?) -> NewsArticleDTO {
        NewsArticleDTO(id: model.id!, slug: model.slug, title: model.title, source: model.source, status: effectiveStatus(model),
                       visible: isPublic(model), publishedAt: model.publishedAt, body: model.body, html: Self.markdown.html(model.body),
                       coverUrl: model.coverFile.map(UploadStore.url), photos: photos.map(Self.photoDTO), programId: model.$program.id,
                       programSlug: programSlug, url: "/news/\(model.slug)", version: model.version, createdAt: model.createdAt,
                       updatedAt: model.updatedAt)
    }

    static func photoDTO(_ photo: NewsPhotoModel) -> NewsPhotoDTO {
        NewsPhotoDTO(id: photo.id!, position: photo.position, url: UploadStore.url(photo.file), caption: photo.caption,
                     contentType: photo.contentType, size: photo.size, width: photo.width, height: photo.height)
    }

    /// The zone release times of this article are written in.
    /// `database` is the transaction when called inside one (a second connection could wait forever on SQLite).
    func timeZone(programID: Int?, on database: (any Database)? = nil) async throws -> TimeZone {
        if let programID, let program = try await ProgramModel.find(programID, on: database ?? db), let zone = TimeZone(identifier: program.timeZone) {
            return zone
        }
        return TimeZone(identifier: Self.defaultTimeZone)!
    }

    // MARK: Writing

    func create(_ input: NewsArticleInput, by actor: Actor) async throws -> NewsArticleDTO {
        let model = try await db.transaction { tx in
            let model = NewsArticleModel()
            model.version = 1
            model.status = ArticleStatus.draft.rawValue
            try await apply(input, to: model, creating: true, on: tx)
            try await model.create(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: "article", entityID: "\(model.id!)",
                                                            summary: model.title, before: Nothing?.none, after: NewsArticleAudit(model))
            return model
        }
        return try await dto(model)
    }

    func update(_ id: Int, _ input: NewsArticleInput, by actor: Actor) async throws -> NewsArticleDTO {
        let model = try await db.transaction { tx in
            guard let model = try await NewsArticleModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.news.notFound")) }
            let before = NewsArticleAudit(model)
            try await apply(input, to: model, creating: false, on: tx)
            try await VersionGuard.bump(NewsArticleModel.schema, id: id, expected: input.version, on: tx)
            model.version += 1
            try await model.update(on: tx)
            let action = before.status == model.status ? "update" : Self.statusAction(ArticleStatus(rawValue: model.status) ?? .draft)
            try await AuditLog(db: tx, clock: clock).record(actor, action: action, entityType: "article", entityID: "\(id)",
                                                            summary: model.title, before: before, after: NewsArticleAudit(model))
            return model
        }
        return try await dto(model)
    }

    static func statusAction(_ status: ArticleStatus) -> String {
        switch status {
        case .draft: return "unpublish"
        case .scheduled: return "schedule"
        case .published: return "publish"
        }
    }

    /// Publish now (keeping a release time already past), schedule for `at`, or take back to draft.
    func changeStatus(_ id: Int, to status: ArticleStatus, at: Date?, expectedVersion: Int?, by actor: Actor) async throws -> NewsArticleDTO {
        let model = try await db.transaction { tx in
            guard let model = try await NewsArticleModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.news.notFound")) }
            let before = NewsArticleAudit(model)
            let now = clock.now()
            var releaseAt = model.publishedAt
            switch status {
            case .published: if releaseAt == nil || releaseAt! > now { releaseAt = now }
            case .scheduled: releaseAt = at
            case .draft: break
            }
            let draft = ArticleDraft(title: model.title, slug: model.slug, source: model.source, body: model.body, status: status, publishedAt: releaseAt)
            let issues = draft.issues(now: now)
            if !issues.isEmpty { throw PodiumError.validation(issues) }
            try await VersionGuard.bump(NewsArticleModel.schema, id: id, expected: expectedVersion, on: tx)
            model.status = status.rawValue
            model.publishedAt = releaseAt
            model.version += 1
            try await model.update(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: Self.statusAction(status), entityType: "article", entityID: "\(id)",
                                                            summary: model.title, before: before, after: NewsArticleAudit(model))
            return model
        }
        return try await dto(model)
    }

    /// Removes the article with its photos; the files go once the rows are gone.
    func delete(_ id: Int, expectedVersion: Int?, by actor: Actor) async throws {
        let files = try await db.transaction { tx -> [String] in
            guard let model = try await NewsArticleModel.find(id, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.news.notFound")) }
            try await VersionGuard.bump(NewsArticleModel.schema, id: id, expected: expectedVersion, on: tx)
            let photos = try await NewsPhotoModel.query(on: tx).filter(\.$article.$id == id).all()
            let before = NewsArticleAudit(model)
            try await NewsPhotoModel.query(on: tx).filter(\.$article.$id == id).delete()
            try await model.delete(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: "article", entityID: "\(id)",
                                                            summary: before.title, before: before, after: Nothing?.none)
            // A photo another article's text still shows keeps its file.
            var files: [String] = []
            for file in photos.map(\.file) + [model.coverFile].compactMap({ $0 }) where try await UploadStore.articlesShowing(file, on: tx).isEmpty {
                files.append(file)
            }
            return files
        }
        uploads.remove(files)
    }

    /// Checks every field, fills in the slug and the release time, and copies the input onto the model.
    private func apply(_ input: NewsArticleInput, to model: NewsArticleModel, creating: Bool, on tx: any Database) async throws {
        let now = clock.now()
        let current = creating ? ArticleStatus.draft : effectiveStatus(model)
        var status = input.status ?? current
        var publishedAt = input.publishedAt
        if status == .published, publishedAt == nil { publishedAt = (current == .published ? model.publishedAt : nil) ?? now }
        // A scheduled article whose time has come is published: saving it again keeps it so.
        if status == .scheduled, !creating, current == .published, publishedAt == model.publishedAt { status = .published }
        let requestedSlug = (input.slug ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let title = input.title.collapsingWhitespace
        let draft = ArticleDraft(title: title, slug: requestedSlug, source: (input.source ?? "").collapsingWhitespace,
                                 body: (input.body ?? "").replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines),
                                 status: status, publishedAt: publishedAt)
        var issues = draft.issues(now: now)
        if let programID = input.programId, try await ProgramModel.find(programID, on: tx) == nil {
            issues.append(FieldIssue("programId", "error.news.programUnknown", ["value": "\(programID)"]))
        }
        if !requestedSlug.isEmpty, Slug.issue(for: requestedSlug) == nil, creating || requestedSlug != model.slug,
           try await NewsArticleModel.query(on: tx).filter(\.$slug == requestedSlug).first() != nil {
            issues.append(FieldIssue("slug", "error.news.slugTaken", ["value": requestedSlug]))
        }
        if !issues.isEmpty { throw PodiumError.validation(issues) }
        if !requestedSlug.isEmpty {
            model.slug = requestedSlug
        } else if creating {
            let zone = try await timeZone(programID: input.programId, on: tx)
            let base = ArticleSlug.base(title: title, date: DateDisplay.calendarDate(publishedAt ?? now, timeZone: zone))
            let taken = Set(try await NewsArticleModel.query(on: tx).filter(\.$slug =~ base).all().map(\.slug))
            model.slug = ArticleSlug.unique(base) { taken.contains($0) }
        }
        model.title = draft.title
        model.source = draft.source
        model.body = draft.body
        model.status = status.rawValue
        model.publishedAt = publishedAt
        model.$program.id = input.programId
    }

    // MARK: Photos

    typealias Upload = ImageUploads.Upload

    var images: ImageUploads { ImageUploads(store: uploads, maxBytes: maxUploadBytes) }

    /// Checks the bytes, not the name or the claimed type: JPEG, PNG, WebP or GIF, not empty, not over the limit.
    func check(_ upload: Upload, field: String) throws(PodiumError) -> ImageKind {
        let kind = try images.check(upload, field: field)
        if upload.caption.count > ArticleDraft.maxCaptionLength {
            throw .invalid("caption", "error.text.tooLong", ["max": "\(ArticleDraft.maxCaptionLength)"])
        }
        return kind
    }

    /// The sender's file name, for messages only.
    static func displayName(_ fileName: String) -> String { ImageUploads.displayName(fileName) }

    /// Writes checked files, then runs `change`; if anything fails, the files written are removed and nothing changes.
    private func withStoredFiles<T>(_ uploads: [Upload], field: String,
                                    _ change: @escaping @Sendable ([ImageUploads.Stored]) async throws -> T) async throws -> T {
        for upload in uploads { _ = try check(upload, field: field) }
        return try await images.storing(uploads, field: field, change)
    }

    func addPhotos(articleID: Int, _ files: [Upload], field: String = "file", by actor: Actor) async throws -> [NewsPhotoDTO] {
        guard !files.isEmpty else { throw PodiumError.invalid(field, "error.upload.noFile") }
        let db = self.db, clock = self.clock
        return try await withStoredFiles(files, field: field) { stored in
            try await db.transaction { tx in
                guard let article = try await NewsArticleModel.find(articleID, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.news.notFound")) }
                let existing = try await NewsPhotoModel.query(on: tx).filter(\.$article.$id == articleID).all()
                guard existing.count + stored.count <= Self.maxPhotos else {
                    throw PodiumError.invalid(field, "error.upload.tooMany", ["max": "\(Self.maxPhotos)"])
                }
                var next = (existing.map(\.position).max() ?? 0) + 1
                var added: [NewsPhotoDTO] = []
                for file in stored {
                    let photo = NewsPhotoModel()
                    photo.$article.id = articleID
                    photo.position = next
                    photo.file = file.name
                    photo.contentType = file.kind.contentType
                    photo.size = file.upload.data.count
                    photo.caption = file.upload.caption.collapsingWhitespace
                    photo.width = file.size?.width
                    photo.height = file.size?.height
                    try await photo.create(on: tx)
                    added.append(Self.photoDTO(photo))
                    next += 1
                }
                try await AuditLog(db: tx, clock: clock).record(actor, action: "photo_add", entityType: "article", entityID: "\(articleID)",
                                                                summary: "\(article.title): \(stored.map { Self.displayName($0.upload.fileName) }.joined(separator: ", "))",
                                                                before: Nothing?.none, after: added)
                return added
            }
        }
    }

    /// Sets (or replaces) the cover; the old cover's file goes once the change is saved.
    func setCover(articleID: Int, _ file: Upload, field: String = "cover", by actor: Actor) async throws -> NewsArticleDTO {
        let db = self.db, clock = self.clock
        let (model, replaced) = try await withStoredFiles([file], field: field) { stored in
            try await db.transaction { tx -> (NewsArticleModel, String?) in
                guard let article = try await NewsArticleModel.find(articleID, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.news.notFound")) }
                let before = article.coverFile
                article.coverFile = stored[0].name
                article.coverWidth = stored[0].size?.width
                article.coverHeight = stored[0].size?.height
                try await article.update(on: tx)
                try await AuditLog(db: tx, clock: clock).record(actor, action: "cover", entityType: "article", entityID: "\(articleID)",
                                                                summary: "\(article.title): \(Self.displayName(file.fileName))",
                                                                before: before.map { ["cover": $0] }, after: ["cover": stored[0].name])
                return (article, before)
            }
        }
        if let replaced { uploads.remove([replaced]) }
        return try await dto(model)
    }

    func removeCover(articleID: Int, by actor: Actor) async throws -> NewsArticleDTO {
        let (model, removed) = try await db.transaction { tx -> (NewsArticleModel, String?) in
            guard let article = try await NewsArticleModel.find(articleID, on: tx) else { throw PodiumError.notFound(LocalizedMessage("error.news.notFound")) }
            let before = article.coverFile
            guard before != nil else { return (article, nil) }
            article.coverFile = nil
            article.coverWidth = nil
            article.coverHeight = nil
            try await article.update(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "cover", entityType: "article", entityID: "\(articleID)",
                                                            summary: article.title, before: before.map { ["cover": $0] }, after: Nothing?.none)
            return (article, before)
        }
        if let removed { uploads.remove([removed]) }
        return try await dto(model)
    }

    /// A new caption, or a new place in the gallery (the others move up or down to make room).
    func updatePhoto(articleID: Int, photoID: Int, _ input: NewsPhotoUpdateInput, by actor: Actor) async throws -> NewsPhotoDTO {
        try await db.transaction { tx in
            let photos = try await NewsPhotoModel.query(on: tx).filter(\.$article.$id == articleID).sort(\.$position).sort(\.$id).all()
            guard let photo = photos.first(where: { $0.id == photoID }) else { throw PodiumError.notFound(LocalizedMessage("error.news.photoNotFound")) }
            let before = Self.photoDTO(photo)
            if let caption = input.caption {
                let cleaned = caption.collapsingWhitespace
                guard cleaned.count <= ArticleDraft.maxCaptionLength else {
                    throw PodiumError.invalid("caption", "error.text.tooLong", ["max": "\(ArticleDraft.maxCaptionLength)"])
                }
                photo.caption = cleaned
            }
            var order = photos.compactMap(\.id)
            if let position = input.position {
                guard position >= 1 else { throw PodiumError.invalid("position", "error.news.positionRange", ["max": "\(photos.count)"]) }
                order.removeAll { $0 == photoID }
                order.insert(photoID, at: min(position, photos.count) - 1)
            }
            try await Positions.renumber(photos, order: order, on: tx)
            if input.caption != nil { try await photo.save(on: tx) }
            let after = Self.photoDTO(photo)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "photo_update", entityType: "article", entityID: "\(articleID)",
                                                            summary: "photo #\(photoID)", before: before, after: after)
            return after
        }
    }

    func removePhoto(articleID: Int, photoID: Int, by actor: Actor) async throws {
        let file = try await db.transaction { tx -> String in
            let photos = try await NewsPhotoModel.query(on: tx).filter(\.$article.$id == articleID).sort(\.$position).sort(\.$id).all()
            guard let photo = photos.first(where: { $0.id == photoID }) else { throw PodiumError.notFound(LocalizedMessage("error.news.photoNotFound")) }
            let before = Self.photoDTO(photo)
            try await UploadStore.refuseIfShown(photo.file, on: tx)
            try await photo.delete(on: tx)
            try await Positions.renumber(photos, order: photos.compactMap(\.id).filter { $0 != photoID }, on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "photo_remove", entityType: "article", entityID: "\(articleID)",
                                                            summary: "photo #\(photoID)", before: before, after: Nothing?.none)
            return photo.file
        }
        uploads.remove([file])
    }
}
