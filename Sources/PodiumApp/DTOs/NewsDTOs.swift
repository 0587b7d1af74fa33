import Foundation
import PodiumCore
import Vapor

struct NewsPhotoDTO: Content, Equatable {
    let id: Int
    let position: Int
    let url: String
    let caption: String
    let contentType: String
    let size: Int
    /// The pixel size read from the file's header, when known.
    var width: Int?
    var height: Int?
}

struct NewsArticleDTO: Content, Equatable {
    let id: Int
    let slug: String
    let title: String
    let source: String
    /// As readers would say now: a scheduled article whose time has come is `published`.
    let status: ArticleStatus
    /// Whether the public sees it now.
    let visible: Bool
    let publishedAt: Date?
    /// Markdown.
    let body: String
    /// The body rendered to safe HTML.
    let html: String
    let coverUrl: String?
    let photos: [NewsPhotoDTO]
    let programId: Int?
    let programSlug: String?
    /// The public page, `/news/{slug}`.
    let url: String
    let version: Int
    let createdAt: Date?
    let updatedAt: Date?
}

/// What an organizer sends to create or replace an article. Omitted `status` keeps the current one (a new article is a
/// draft); omitted or empty `slug` keeps the current one or makes one from the title.
struct NewsArticleInput: Content {
    var title: String
    var slug: String?
    var source: String?
    var body: String?
    var status: ArticleStatus?
    var publishedAt: Date?
    var programId: Int?
    var version: Int?
}

struct NewsPhotoUpdateInput: Content {
    var caption: String?
    /// The photo's new place in the gallery, from 1.
    var position: Int?
}

struct NewsPageDTO: Content {
    let items: [NewsArticleDTO]
    let total: Int
    let page: Int
    let perPage: Int
}

/// What the audit log keeps of an article.
struct NewsArticleAudit: Encodable {
    let slug: String
    let title: String
    let source: String
    let status: String
    let publishedAt: Date?
    let programId: Int?
    let cover: String?
    let body: String

    init(_ model: NewsArticleModel) {
        slug = model.slug
        title = model.title
        source = model.source
        status = model.status
        publishedAt = model.publishedAt
        programId = model.$program.id
        cover = model.coverFile
        body = model.body
    }
}

/// Asks for a results announcement in a language (`en` or `zh-Hans`); without one, the request's language.
struct AnnouncementInput: Content {
    var language: String?
}
