import Foundation
import PodiumCore
import Vapor

/// For reads: fills in the id of a page's live region, gives every page and JSON answer an ETag and answers
/// a matching `If-None-Match` with 304, and serves anonymous readers from the public page cache.
struct ConditionalGetMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD, !SecurityHeadersMiddleware.isPrivate(request.url.path) else {
            return try await next.respond(to: request)
        }
        let app = request.application
        let token = request.csrfToken
        let cacheKey = Self.cacheKey(request)
        let generation = app.liveHub.currentGeneration
        if let cacheKey, let entry = app.publicPageCache.entry(cacheKey, generation: generation) {
            return Self.response(entry.template, templateHash: entry.templateHash, headers: entry.headers, token: token, request: request)
        }
        let response = try await next.respond(to: request)
        guard response.status == .ok, let buffer = response.body.buffer, Self.isText(response.headers.contentType),
              response.headers.first(name: .cacheControl) != "no-store", response.headers.first(name: .eTag) == nil else { return response }
        let stamped = LiveRegion.stamp(String(buffer: buffer), token: token).html
        let template = token.isEmpty ? stamped : stamped.replacingOccurrences(of: token, with: LiveRegion.tokenPlaceholder)
        let templateHash = ContentHash.hex(template)
        var headers = response.headers
        headers.remove(name: .contentLength)
        if let cacheKey, headers[.setCookie].isEmpty {
            app.publicPageCache.store(cacheKey, .init(template: template, templateHash: templateHash, headers: headers,
                                                      generation: generation, storedAt: .now))
        }
        return Self.response(template, templateHash: templateHash, headers: headers, token: token, request: request)
    }

    private static func response(_ template: String, templateHash: String, headers: HTTPHeaders, token: String, request: Request) -> Response {
        var headers = headers
        // A page with a form carries the reader's token, so its tag does too; JSON and pages without forms have
        // one tag for everyone, so machines without cookies get 304s as well.
        let personal = !token.isEmpty && template.contains(LiveRegion.tokenPlaceholder)
        let etag = "W/\"\(personal ? ContentHash.combined([templateHash, token]) : templateHash)\""
        headers.replaceOrAdd(name: .eTag, value: etag)
        if headers.first(name: .cacheControl) == nil { headers.replaceOrAdd(name: .cacheControl, value: "no-cache") }
        headers.replaceOrAdd(name: .vary, value: "Accept-Language, Cookie")
        if matches(request.headers[.ifNoneMatch], etag) {
            headers.remove(name: .contentType)
            return Response(status: .notModified, headers: headers)
        }
        let body = personal ? template.replacingOccurrences(of: LiveRegion.tokenPlaceholder, with: token) : template
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    /// Weak comparison, as RFC 9110 asks for If-None-Match; `*` matches any current page.
    static func matches(_ values: [String], _ etag: String) -> Bool {
        let bare = { (tag: String) -> String in tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }
        let wanted = bare(etag)
        return values.flatMap { $0.split(separator: ",") }.contains { raw in
            let tag = raw.trimmingCharacters(in: .whitespaces)
            return tag == "*" || bare(tag) == wanted
        }
    }

    private static func isText(_ type: HTTPMediaType?) -> Bool {
        guard let type else { return false }
        return type.type == "text" || type.subType == "json" || type.subType.hasSuffix("+json") || type.subType.hasSuffix("xml")
    }

    /// Readers without a session or token, with nothing personal pending (a flash message), reading a
    /// public page or public JSON.
    static func cacheKey(_ request: Request) -> String? {
        guard request.application.podiumConfig.pageCacheSeconds > 0, request.requestActor.via == .none,
              request.cookies[Flash.cookieName] == nil else { return nil }
        let path = request.url.path
        let isPublic = path == "/" || path == "/news" || path.hasPrefix("/news/") || path == "/feed.xml" || path == "/sitemap.xml"
            || (path.hasPrefix("/p/") && !path.hasSuffix("/live/events")) || path.hasPrefix("/api/v1/programs")
        guard isPublic else { return nil }
        // Without a configured public address, the feed, the sitemap and share tags take theirs from the Host
        // header: a copy made for one Host is never served to another.
        let host = request.application.podiumConfig.publicURL == nil ? (request.headers.first(name: .host) ?? "") : ""
        return "\(request.language.rawValue) \(host) \(request.url.string)"
    }
}
