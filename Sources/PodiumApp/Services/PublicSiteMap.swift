import Fluent
import Foundation
import PodiumCore

/// Every page the public can open, with when it last changed: the home, each program that is out of draft with the
/// pages its kind has, the news index and each article readers see now.
struct PublicSiteMap {
    let db: any Database
    let news: NewsService

    /// The public pages of a program, by kind, as the public controllers serve them.
    static func subpages(of kind: ProgramKind) -> [String] {
        switch kind {
        case .games: return ["schedule", "programme", "results", "standings", "awards", "brackets", "opening-ceremony"]
        case .relay: return ["live", "results"]
        case .recognition: return ["honor-roll"]
        }
    }

    /// Site paths (`/p/…`) with their last change.
    func pages() async throws -> [Sitemap.Page] {
        let programs = try await ProgramModel.query(on: db).filter(\.$status != ProgramStatus.draft.rawValue)
            .sort(\.$startDate, .descending).sort(\.$id, .descending).all()
        let articles = try await news.publicQuery().sort(\.$publishedAt, .descending).sort(\.$id, .descending).all()
        let gamesIDs = programs.filter { $0.kind == ProgramKind.games.rawValue }.compactMap(\.id)
        var drawnEvents: [Int: [Int]] = [:]
        if !gamesIDs.isEmpty {
            let events = try await GamesEventModel.query(on: db).filter(\.$program.$id ~~ gamesIDs)
                .filter(\.$format == EventFormat.headToHead.rawValue).sort(\.$id).all()
            let drawn = Set(try await GamesDrawModel.query(on: db).filter(\.$event.$id ~~ events.compactMap(\.id)).all().map { $0.$event.id })
            for event in events where drawn.contains(event.id!) { drawnEvents[event.$program.id, default: []].append(event.id!) }
        }

        func changed(_ article: NewsArticleModel) -> Date? {
            [article.updatedAt, article.publishedAt].compactMap { $0 }.max()
        }
        let newsChanged = articles.compactMap(changed).max()
        let programsChanged = programs.compactMap(\.updatedAt).max()
        var pages = [Sitemap.Page(url: "/", lastModified: [newsChanged, programsChanged].compactMap { $0 }.max())]
        for program in programs {
            let base = "/p/\(program.slug)"
            pages.append(.init(url: base, lastModified: program.updatedAt))
            for page in Self.subpages(of: ProgramKind(rawValue: program.kind) ?? .games) {
                pages.append(.init(url: "\(base)/\(page)", lastModified: program.updatedAt))
            }
            for eventID in drawnEvents[program.id!] ?? [] {
                pages.append(.init(url: "\(base)/brackets/\(eventID)", lastModified: program.updatedAt))
            }
        }
        pages.append(.init(url: "/news", lastModified: newsChanged))
        for article in articles {
            pages.append(.init(url: "/news/\(article.slug)", lastModified: changed(article)))
        }
        return pages
    }
}
