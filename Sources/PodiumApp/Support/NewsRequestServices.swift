import Fluent
import PodiumCore
import Vapor

extension Request {
    var news: NewsService {
        NewsService(db: db, clock: application.clock, uploads: application.uploads, maxUploadBytes: application.podiumConfig.uploadMaxBytes)
    }

    var announcements: AnnouncementService {
        AnnouncementService(db: db, clock: application.clock, news: news, localizer: application.localizer)
    }

    /// The program a results announcement is drafted for, by its slug.
    func announcedProgram(slug: String) async throws -> ProgramModel {
        guard let program = try await ProgramModel.query(on: db).filter(\.$slug == slug).first() else {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    /// The language an announcement is written in: the one asked for (`en`, `zh-Hans`), otherwise the reader's.
    func announcementLanguage(_ asked: String?) throws -> Language {
        guard let asked = asked?.trimmingCharacters(in: .whitespaces), !asked.isEmpty else { return language }
        guard let chosen = Language(rawValue: asked) else {
            throw PodiumError.invalid("language", "error.announcement.language", ["value": String(asked.prefix(40))])
        }
        return chosen
    }

    /// The site's address as readers reach it, for absolute links in the feed, the sitemap and `og:` tags:
    /// `PODIUM_PUBLIC_URL` when set, otherwise the request's Host (with the forwarded scheme behind a trusted proxy).
    var publicBaseURL: String {
        if let configured = application.podiumConfig.publicURL { return configured }
        let config = application.podiumConfig
        var scheme = config.secureCookies ? "https" : "http"
        if config.trustProxy, let forwarded = headers.first(name: "X-Forwarded-Proto")?.lowercased(), ["http", "https"].contains(forwarded) {
            scheme = forwarded
        }
        let host = headers.first(name: .host) ?? ""
        let allowed = !host.isEmpty && host.count <= 255 && host.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".-:[]".unicodeScalars.contains($0)
        }
        return "\(scheme)://\(allowed ? host : "localhost")"
    }

    /// `?page=` from 1, and `?perPage=` within bounds.
    func pageRequest(defaultPerPage: Int, maxPerPage: Int) throws -> (page: Int, perPage: Int) {
        var page = 1, perPage = defaultPerPage
        if let text = query[String.self, at: "page"], !text.isEmpty {
            guard let value = Int(text), value >= 1 else { throw PodiumError.invalid("page", "error.field.integer", ["value": text]) }
            page = min(value, 100_000)
        }
        if let text = query[String.self, at: "perPage"], !text.isEmpty {
            guard let value = Int(text), (1...maxPerPage).contains(value) else {
                throw PodiumError.invalid("perPage", "error.news.perPageRange", ["max": "\(maxPerPage)"])
            }
            perPage = value
        }
        return (page, perPage)
    }
}
