import Fluent
import Foundation
import PodiumCore

/// Every page the public can open, with when it last changed: the home, each program that is out of draft with the
/// pages its kind has (and the certificates it has issued: published, approved honors and the teams that finished a
/// relay), the news index and each article readers see now.
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
            pages += try await certificates(of: program)
        }
        pages.append(.init(url: "/news", lastModified: newsChanged))
        for article in articles {
            pages.append(.init(url: "/news/\(article.slug)", lastModified: changed(article)))
        }
        return pages
    }

    /// The certificate pages a program serves: `/p/{slug}/certificates/{serial}` for each approved honor once the honor
    /// roll is published, `/p/{slug}/certificates/{bib}` for each relay team that finished.
    private func certificates(of program: ProgramModel) async throws -> [Sitemap.Page] {
        let base = "/p/\(program.slug)/certificates/"
        switch ProgramKind(rawValue: program.kind) {
        case .recognition:
            guard let settings = try await RecognitionSettingsModel.query(on: db).filter(\.$program.$id == program.id!).first(),
                  let published = settings.publishedAt else { return [] }
            return try await AwardDecisionService(db: db, clock: news.clock).decisions(programID: program.id!)
                .filter { $0.status == "approved" }
                .map { Sitemap.Page(url: base + $0.serial, lastModified: published) }
        case .relay:
            let snapshot = try await RelayTimingService(db: db, clock: news.clock).snapshot(program: program)
            return snapshot.board.teams.filter { $0.progress == .finished }.compactMap { result in
                guard let bib = result.team.bib.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) else {
                    return nil
                }
                return Sitemap.Page(url: base + bib, lastModified: program.updatedAt)
            }
        default:
            return []
        }
    }
}
