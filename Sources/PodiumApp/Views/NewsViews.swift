import Foundation
import PodiumCore
import Vapor

/// What search engines and link previews read from a page's head.
struct PageMeta: Encodable {
    let description: String
    /// `article` or `website`.
    let type: String
    /// Absolute.
    let url: String
    /// Absolute, when the page has a picture.
    let image: String?
    let imageAlt: String?
    let publishedTime: String?
}

/// An article in a list: the news index, the home page.
struct NewsCard: Encodable {
    let url: String
    let title: String
    /// Nil when the article names none (Leaf treats an empty string as true).
    let source: String?
    let releaseTime: String
    let releaseISO: String
    let excerpt: String
    let coverUrl: String?
    var coverWidth: Int? = nil
    var coverHeight: Int? = nil
}

struct NewsIndexContext: Encodable {
    let page: PageContext
    let articles: [NewsCard]
    let hasArticles: Bool
    let pageLabel: String?
    let previous: String?
    let next: String?
}

struct NewsArticleContext: Encodable {
    struct Photo: Encodable {
        let url: String
        let alt: String
        let caption: String?
        let number: Int
        /// Pixels, when the file's header told them, so the page keeps the photo's place while it loads.
        var width: Int? = nil
        var height: Int? = nil
    }
    struct ProgramLink: Encodable {
        let name: String
        let url: String
    }

    let page: PageContext
    let title: String
    let source: String?
    /// Nil for a draft without a release time.
    let releaseTime: String?
    let releaseISO: String
    let program: ProgramLink?
    let coverUrl: String?
    var coverWidth: Int? = nil
    var coverHeight: Int? = nil
    let html: String
    let photos: [Photo]
    let hasPhotos: Bool
    /// For organizers looking at an article the public cannot see yet.
    let notice: String?
    let editUrl: String?
}

struct NewsAdminContext: Encodable {
    struct Row: Encodable {
        let id: Int
        let title: String
        let slug: String
        let status: String
        let statusCode: String
        let releaseTime: String
        let program: String
        let publicUrl: String?
        let editUrl: String
    }
    /// A program whose results can be announced: its page holds the form.
    struct Announceable: Encodable {
        let name: String
        let status: String
        let statusCode: String
        let url: String
    }
    let page: PageContext
    let rows: [Row]
    let hasRows: Bool
    var announceable: [Announceable] = []
    var hasAnnounceable: Bool { !announceable.isEmpty }

    enum CodingKeys: String, CodingKey { case page, rows, hasRows, announceable, hasAnnounceable }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(page, forKey: .page)
        try container.encode(rows, forKey: .rows)
        try container.encode(hasRows, forKey: .hasRows)
        try container.encode(announceable, forKey: .announceable)
        try container.encode(hasAnnounceable, forKey: .hasAnnounceable)
    }
}

struct NewsEditContext: Encodable {
    struct Photo: Encodable {
        var id: Int
        var url: String
        var alt: String
        var caption: String
        var position: Int
        var isFirst: Bool
        var isLast: Bool
        var captionId: String
        var captionLabel: String
        /// What to type in the text to show the photo there.
        var markdown: String
    }
    struct Action: Encodable {
        var status: String
        var label: String
        var primary: Bool
    }
    var page: PageContext
    var heading: String
    var back: String
    /// The article's form: `forms` so that `partials/forms` renders it.
    var forms: [FormView]
    var isNew: Bool
    var id: Int
    var version: Int
    var status: String
    var statusCode: String
    var statusLine: String
    var statusError: String?
    var actions: [Action]
    var scheduleValue: String
    var canSchedule: Bool
    var previewUrl: String
    var publicUrl: String?
    var coverUrl: String?
    var coverAlt: String
    var coverError: String?
    var photos: [NewsEditContext.Photo]
    var hasPhotos: Bool
    var photoError: String?
    var uploadHint: String
}

extension Request {
    /// The zone an article's times are shown in: its program's, or the default.
    func newsZone(_ model: NewsArticleModel) -> TimeZone {
        if let program = model.$program.value ?? nil, let zone = TimeZone(identifier: program.timeZone) { return zone }
        return TimeZone(identifier: NewsService.defaultTimeZone)!
    }

    func releaseTime(_ model: NewsArticleModel) -> String {
        model.publishedAt.map { DateDisplay.dateTime($0, timeZone: newsZone(model), language) } ?? ""
    }

    func newsCard(_ model: NewsArticleModel) -> NewsCard {
        NewsCard(url: "/news/\(model.slug)", title: model.title, source: model.source.isEmpty ? nil : model.source, releaseTime: releaseTime(model),
                 releaseISO: model.publishedAt.map(XMLText.timestamp) ?? "",
                 excerpt: NewsService.markdown.excerpt(model.body, limit: 140), coverUrl: model.coverFile.map(UploadStore.url),
                 coverWidth: model.coverWidth, coverHeight: model.coverHeight)
    }
}
