import Foundation

/// Where a news article stands. A scheduled article goes public by itself when its release time comes:
/// visibility is computed when the article is read, against the app's clock, so no job has to flip it.
public enum ArticleStatus: String, Sendable, Codable, CaseIterable {
    case draft, scheduled, published

    public var localizationKey: String { "news.status.\(rawValue)" }

    /// Whether readers see the article at `now`. Drafts never; the rest once their release time has come.
    public static func isPublic(_ status: ArticleStatus, publishedAt: Date?, now: Date) -> Bool {
        guard status != .draft, let publishedAt else { return false }
        return publishedAt <= now
    }

    /// The status as readers would describe it now: a scheduled article whose time has come is published.
    public static func effective(_ status: ArticleStatus, publishedAt: Date?, now: Date) -> ArticleStatus {
        status == .scheduled && isPublic(status, publishedAt: publishedAt, now: now) ? .published : status
    }
}

/// The fields of a news article an organizer sets, checked as a whole, with the status they ask for.
public struct ArticleDraft: Sendable, Equatable {
    public var title: String
    public var slug: String
    public var source: String
    public var body: String
    public var status: ArticleStatus
    public var publishedAt: Date?

    public init(title: String, slug: String, source: String = "", body: String = "", status: ArticleStatus = .draft, publishedAt: Date? = nil) {
        self.title = title
        self.slug = slug
        self.source = source
        self.body = body
        self.status = status
        self.publishedAt = publishedAt
    }

    public static let maxTitleLength = 200
    public static let maxSourceLength = 200
    public static let maxBodyLength = 100_000
    public static let maxCaptionLength = 300

    /// What is wrong with the draft at `now`. An empty slug is fine here: the service makes one from the title.
    public func issues(now: Date) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let trimmedTitle = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedTitle.isEmpty {
            issues.append(FieldIssue("title", "error.news.titleRequired"))
        } else if trimmedTitle.count > Self.maxTitleLength {
            issues.append(FieldIssue("title", "error.text.tooLong", ["max": "\(Self.maxTitleLength)"]))
        }
        if !slug.isEmpty, let slugIssue = Slug.issue(for: slug) { issues.append(slugIssue) }
        if source.count > Self.maxSourceLength { issues.append(FieldIssue("source", "error.text.tooLong", ["max": "\(Self.maxSourceLength)"])) }
        if body.count > Self.maxBodyLength { issues.append(FieldIssue("body", "error.text.tooLong", ["max": "\(Self.maxBodyLength)"])) }
        switch status {
        case .draft:
            break
        case .scheduled:
            if let publishedAt {
                if publishedAt <= now { issues.append(FieldIssue("publishedAt", "error.news.scheduleInPast")) }
            } else {
                issues.append(FieldIssue("publishedAt", "error.news.scheduleNeedsTime"))
            }
        case .published:
            if let publishedAt, publishedAt > now { issues.append(FieldIssue("publishedAt", "error.news.publishInFuture")) }
        }
        if status != .draft, body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            issues.append(FieldIssue("body", "error.news.bodyRequired"))
        }
        return issues
    }
}

/// Slugs for articles: from the title when it has enough Latin letters to read, otherwise from the release date
/// (Chinese titles become `news-2023-11-21`); a number is added while the slug is taken.
public enum ArticleSlug {
    /// Article slugs stay a little under `Slug.maxLength` so a `-2` still fits.
    public static let maxLength = 60

    public static func base(title: String, date: CalendarDate?) -> String {
        var suggestion = Slug.suggest(from: title)
        if suggestion.count > maxLength {
            let cut = String(suggestion.prefix(maxLength + 1))
            if let hyphen = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: hyphen) >= 20 {
                suggestion = String(cut[..<hyphen])
            } else {
                suggestion = String(suggestion.prefix(maxLength))
            }
            while suggestion.hasSuffix("-") { suggestion.removeLast() }
        }
        let letters = suggestion.unicodeScalars.filter { ("a"..."z").contains($0) }.count
        if letters >= 3 { return suggestion }
        if let date { return "news-\(date.iso)" }
        return "news"
    }

    /// `base`, or `base-2`, `base-3`… the first that `isTaken` refuses.
    public static func unique(_ base: String, isTaken: (String) -> Bool) -> String {
        if !isTaken(base) { return base }
        var number = 2
        while isTaken("\(base)-\(number)") { number += 1 }
        return "\(base)-\(number)"
    }
}
