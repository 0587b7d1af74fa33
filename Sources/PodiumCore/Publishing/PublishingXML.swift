import Foundation

/// Text and attribute values for XML and HTML: markup characters escaped (the apostrophe as `&#39;`, which both
/// read), characters XML 1.0 forbids dropped.
public enum XMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `2023-11-21T01:00:00Z`, as Atom and sitemaps write instants.
    public static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}

/// An Atom 1.0 feed (RFC 4287). URLs are absolute; `baseURL` also resolves the site paths inside entry content.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var url: String
        public var published: Date
        public var updated: Date
        public var author: String
        public var summary: String
        public var contentHTML: String

        public init(id: String, title: String, url: String, published: Date, updated: Date, author: String, summary: String, contentHTML: String) {
            self.id = id
            self.title = title
            self.url = url
            self.published = published
            self.updated = updated
            self.author = author
            self.summary = summary
            self.contentHTML = contentHTML
        }
    }

    public var id: String
    public var title: String
    public var language: String
    public var baseURL: String
    public var selfURL: String
    public var siteURL: String
    public var author: String
    /// When nothing has been published yet, the feed's own date.
    public var fallbackUpdated: Date
    public var entries: [Entry]

    public init(id: String, title: String, language: String, baseURL: String, selfURL: String, siteURL: String, author: String,
                fallbackUpdated: Date, entries: [Entry]) {
        self.id = id
        self.title = title
        self.language = language
        self.baseURL = baseURL
        self.selfURL = selfURL
        self.siteURL = siteURL
        self.author = author
        self.fallbackUpdated = fallbackUpdated
        self.entries = entries
    }

    public var xml: String {
        let e = XMLText.escape
        let updated = entries.map(\.updated).max() ?? fallbackUpdated
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(e(language))\" xml:base=\"\(e(baseURL))\">\n"
        out += "  <id>\(e(id))</id>\n"
        out += "  <title>\(e(title))</title>\n"
        out += "  <updated>\(XMLText.timestamp(updated))</updated>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(e(selfURL))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(e(siteURL))\"/>\n"
        out += "  <author><name>\(e(author))</name></author>\n"
        out += "  <generator>Podium</generator>\n"
        for entry in entries {
            out += "  <entry>\n"
            out += "    <id>\(e(entry.id))</id>\n"
            out += "    <title type=\"text\">\(e(entry.title))</title>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(e(entry.url))\"/>\n"
            out += "    <published>\(XMLText.timestamp(entry.published))</published>\n"
            out += "    <updated>\(XMLText.timestamp(entry.updated))</updated>\n"
            if !entry.author.isEmpty { out += "    <author><name>\(e(entry.author))</name></author>\n" }
            if !entry.summary.isEmpty { out += "    <summary type=\"text\">\(e(entry.summary))</summary>\n" }
            out += "    <content type=\"html\">\(e(entry.contentHTML))</content>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }
}

/// A sitemap (sitemaps.org 0.9): every public page with when it last changed.
public struct Sitemap: Sendable {
    public struct Page: Sendable, Equatable {
        public var url: String
        public var lastModified: Date?

        public init(url: String, lastModified: Date?) {
            self.url = url
            self.lastModified = lastModified
        }
    }

    public var pages: [Page]

    public init(pages: [Page]) { self.pages = pages }

    public var xml: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages {
            out += "  <url><loc>\(XMLText.escape(page.url))</loc>"
            if let lastModified = page.lastModified { out += "<lastmod>\(XMLText.timestamp(lastModified))</lastmod>" }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }
}
