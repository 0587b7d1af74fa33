import Foundation
import PodiumCore
import Vapor

/// The public news: `/news`, `/news/{slug}`, the Atom feed, the sitemap, and the uploaded photos at `/uploads/{name}`.
struct NewsPublicController: RouteCollection {
    static let perPage = 10

    func boot(routes: any RoutesBuilder) throws {
        routes.get("news", use: index)
        routes.get("news", ":slug", use: article)
        routes.get("feed.xml", use: feed)
        routes.get("sitemap.xml", use: sitemap)
        routes.get("uploads", ":name", use: upload)
    }

    func index(req: Request) async throws -> Response {
        let requested = (try? req.query.get(Int.self, at: "page")) ?? 1
        let page = max(1, min(requested, 100_000))
        let result = try await req.news.list(includeHidden: false, page: page, perPage: Self.perPage)
        let pages = max(1, (result.total + Self.perPage - 1) / Self.perPage)
        let title = req.t("news.title")
        var context = PageContext(req, title: page > 1 ? "\(title) · \(req.t("news.pageOf", ["page": "\(page)", "pages": "\(pages)"]))" : title)
        context.meta = PageMeta(description: req.t("news.lead"), type: "website", url: req.publicBaseURL + "/news", image: nil, imageAlt: nil,
                                publishedTime: nil)
        let cards = result.items.map(req.newsCard)
        return try await req.page("public/news", NewsIndexContext(
            page: context, articles: cards, hasArticles: !cards.isEmpty,
            pageLabel: pages > 1 ? req.t("news.pageOf", ["page": "\(page)", "pages": "\(pages)"]) : nil,
            previous: page > 1 ? "/news?page=\(min(page - 1, pages))" : nil,
            next: page < pages ? "/news?page=\(page + 1)" : nil))
    }

    func article(req: Request) async throws -> Response {
        let organizer = req.allows(.managePrograms)
        let model = try await req.news.visibleArticle(slug: req.parameters.get("slug") ?? "", canSeeHidden: organizer)
        return try await Self.render(req, model, preview: false)
    }

    /// The article page; organizers also reach it, for any status, from the back office's preview.
    static func render(_ req: Request, _ model: NewsArticleModel, preview: Bool) async throws -> Response {
        let photos = try await req.news.photos(articleID: model.id!)
        let base = req.publicBaseURL
        let url = "\(base)/news/\(model.slug)"
        let status = req.news.effectiveStatus(model)
        var notice: String?
        if !req.news.isPublic(model) {
            notice = status == .scheduled
                ? req.t("news.notice.scheduled", ["time": req.releaseTime(model)])
                : req.t("news.notice.draft")
        }
        var page = PageContext(req, title: model.title)
        let cover = model.coverFile ?? photos.first?.file
        page.meta = PageMeta(description: NewsService.markdown.excerpt(model.body, limit: 160), type: "article", url: url,
                             image: cover.map { base + UploadStore.url($0) },
                             imageAlt: model.coverFile != nil ? model.title : photos.first.map { $0.caption.isEmpty ? model.title : $0.caption },
                             publishedTime: req.news.isPublic(model) ? model.publishedAt.map(XMLText.timestamp) : nil)
        let program = (model.$program.value ?? nil).flatMap { program -> NewsArticleContext.ProgramLink? in
            program.status == ProgramStatus.draft.rawValue && !req.allows(.managePrograms) ? nil : .init(name: program.name, url: "/p/\(program.slug)")
        }
        let context = NewsArticleContext(
            page: page, title: model.title, source: model.source.isEmpty ? nil : model.source, releaseTime: model.publishedAt == nil ? nil : req.releaseTime(model),
            releaseISO: model.publishedAt.map(XMLText.timestamp) ?? "", program: program,
            coverUrl: model.coverFile.map(UploadStore.url), coverWidth: model.coverWidth, coverHeight: model.coverHeight,
            html: NewsService.markdown.html(model.body),
            photos: photos.enumerated().map { index, photo in
                .init(url: UploadStore.url(photo.file), alt: photo.caption.isEmpty ? req.t("news.photoAlt", ["title": model.title, "number": "\(index + 1)"]) : photo.caption,
                      caption: photo.caption.isEmpty ? nil : photo.caption, number: index + 1, width: photo.width, height: photo.height)
            },
            hasPhotos: !photos.isEmpty, notice: notice, editUrl: req.allows(.managePrograms) ? "/admin/news/\(model.id!)" : nil)
        let response = try await req.page("public/article", context)
        if preview || notice != nil { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }

    /// Atom 1.0: the 30 latest articles readers see, with their whole text.
    func feed(req: Request) async throws -> Response {
        let base = req.publicBaseURL
        let articles = try await req.news.publicQuery().with(\.$program).sort(\.$publishedAt, .descending).sort(\.$id, .descending).limit(30).all()
        let entries = articles.map { model in
            AtomFeed.Entry(id: "\(base)/news/\(model.slug)", title: model.title, url: "\(base)/news/\(model.slug)",
                           published: model.publishedAt ?? req.now,
                           updated: [model.updatedAt, model.publishedAt].compactMap { $0 }.max() ?? req.now,
                           author: model.source, summary: NewsService.markdown.excerpt(model.body, limit: 200),
                           contentHTML: Self.absolute(NewsService.markdown.html(model.body), base: base))
        }
        let feed = AtomFeed(id: "\(base)/feed.xml", title: req.t("news.feedTitle"), language: req.language.htmlTag, baseURL: base + "/",
                            selfURL: "\(base)/feed.xml", siteURL: "\(base)/news", author: "Podium",
                            fallbackUpdated: Date(timeIntervalSince1970: 0), entries: entries)
        return xmlResponse(feed.xml, type: "application/atom+xml; charset=utf-8")
    }

    /// Site paths in rendered HTML made absolute, so feed readers that ignore `xml:base` still find the pictures and links.
    static func absolute(_ html: String, base: String) -> String {
        html.replacingOccurrences(of: "src=\"/", with: "src=\"\(base)/").replacingOccurrences(of: "href=\"/", with: "href=\"\(base)/")
    }

    func sitemap(req: Request) async throws -> Response {
        let base = req.publicBaseURL
        let pages = try await PublicSiteMap(db: req.db, news: req.news).pages().map { Sitemap.Page(url: base + $0.url, lastModified: $0.lastModified) }
        return xmlResponse(Sitemap(pages: pages).xml, type: "application/xml; charset=utf-8")
    }

    private func xmlResponse(_ xml: String, type: String) -> Response {
        let response = Response(status: .ok, body: .init(string: xml))
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=300")
        return response
    }

    /// A stored photo. Names are random and never reused, so browsers may keep them.
    func upload(req: Request) async throws -> Response {
        let name = req.parameters.get("name") ?? ""
        guard let path = req.application.uploads.path(of: name),
              let kind = ImageKind(fileExtension: String(name.split(separator: ".").last ?? "")) else {
            throw PodiumError.notFound(LocalizedMessage("error.notFound"))
        }
        let response = try await req.fileio.asyncStreamFile(at: path, mediaType: HTTPMediaType(type: "image", subType: kind.rawValue))
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        response.headers.replaceOrAdd(name: "Content-Security-Policy", value: "default-src 'none'; sandbox")
        return response
    }
}
