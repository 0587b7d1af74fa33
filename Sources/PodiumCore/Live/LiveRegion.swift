/// The part of a public page that follows the data live. The layout wraps it in two comments; the id is a
/// fingerprint of what is inside, so every process that renders the same data gives the same id, and a
/// browser that reconnects elsewhere behind a load balancer resumes without being sent what it has.
public enum LiveRegion {
    public static let start = "<!--live-->"
    public static let end = "<!--/live-->"
    /// The empty attribute the layout writes and the server fills with the id.
    public static let idPlaceholder = "data-live-id=\"\""
    /// Stands for the reader's form token in what is shared between readers; each browser puts its own back.
    public static let tokenPlaceholder = "{{podium-csrf}}"

    /// What is between the markers, with `token` replaced by the placeholder, or nil when the page has no region.
    public static func content(of html: String, token: String) -> String? {
        guard let open = html.range(of: start), let close = html.range(of: end, range: open.upperBound..<html.endIndex) else { return nil }
        let inner = String(html[open.upperBound..<close.lowerBound])
        return token.isEmpty ? inner : inner.replacingOccurrences(of: token, with: tokenPlaceholder)
    }

    public static func id(ofContent content: String) -> String { ContentHash.hex(content) }

    /// The page with its region's id written in, and that id; pages without a region come back as they were.
    public static func stamp(_ html: String, token: String) -> (html: String, id: String?) {
        guard html.contains(idPlaceholder), let inner = content(of: html, token: token) else { return (html, nil) }
        let id = id(ofContent: inner)
        guard let slot = html.range(of: idPlaceholder) else { return (html, id) }
        return (html.replacingCharacters(in: slot, with: "data-live-id=\"\(id)\""), id)
    }
}

/// Which public pages of a program follow the data live, and how a watcher names one. Only these can be
/// watched, so a stream can never be pointed at an arbitrary page, and each watched page is rendered once
/// per change however many watch it.
public enum LivePage {
    /// Page names after `/p/{slug}`; `brackets/{n}` is one event's bracket.
    static let names: Set<String> = ["", "schedule", "results", "standings", "awards", "brackets", "honor-roll", "opening-ceremony"]
    /// Query parameters a watched page may carry (a venue of the schedule, the honor roll by unit).
    static let parameters: Set<String> = ["venue", "by"]
    /// Parameters that change only how the page looks (the big-screen mode), not what it shows: left out.
    static let presentation: Set<String> = ["screen"]

    /// The canonical path of a live page of the program `slug`, from a path and query as a page or a watcher
    /// sends it (`/p/games/schedule?venue=2`), or nil when it is not a live page of that program.
    public static func canonical(_ target: String, slug: String) -> String? {
        guard target.count <= 300 else { return nil }
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let base = "/p/\(slug)"
        let path = String(parts[0])
        guard path == base || path.hasPrefix(base + "/") else { return nil }
        var rest = String(path.dropFirst(base.count))
        if rest.hasPrefix("/") { rest.removeFirst() }
        if rest.hasSuffix("/") { rest.removeLast() }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch segments.count {
        case 1 where names.contains(segments[0]): break
        case 2 where segments[0] == "brackets" && !segments[1].isEmpty && segments[1].allSatisfy(\.isASCII) && Int(segments[1]) != nil: break
        default: return nil
        }
        var query: [(String, String)] = []
        if parts.count == 2 {
            for pair in parts[1].split(separator: "&") where !pair.isEmpty {
                let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let key = String(kv[0]), value = kv.count == 2 ? String(kv[1]) : ""
                if presentation.contains(key) { continue }
                guard parameters.contains(key), value.count <= 20, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
                query.append((key, value))
            }
        }
        let canonicalPath = rest.isEmpty ? base : base + "/" + rest
        let sorted = query.sorted { $0.0 < $1.0 }
        return sorted.isEmpty ? canonicalPath : canonicalPath + "?" + sorted.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// The slug of a live page's path, for pages that decide on their own whether they are live.
    public static func slug(ofPath path: String) -> String? {
        guard path.hasPrefix("/p/") else { return nil }
        let slug = path.dropFirst(3).prefix { $0 != "/" }
        return slug.isEmpty ? nil : String(slug)
    }
}
