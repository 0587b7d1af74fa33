import Fluent
import Foundation
import PodiumCore
import Vapor

extension LiveHub {
    /// The hub of this app: pages are rendered by sending the app itself an anonymous GET, exactly as a
    /// reader without a session sees them; relay boards are built from the timing snapshot.
    static func make(for app: Application) -> LiveHub {
        let config = app.podiumConfig
        return LiveHub(refreshInterval: .seconds(config.liveRefreshSeconds), coalesce: .milliseconds(config.liveCoalesceMilliseconds)) { key in
            guard !app.didShutdown else { return nil }
            do {
                switch key.kind {
                case .page: return try await LivePageRenderer.render(path: key.target, language: key.language, app: app)
                case .board: return try await LiveBoardRenderer.render(slug: key.target, language: key.language, app: app)
                }
            } catch {
                if !app.didShutdown { app.logger.warning("Live view \(key.target) could not be rendered: \(String(reflecting: error))") }
                return nil
            }
        }
    }
}

enum LivePageRenderer {
    /// The page's live region as an anonymous reader in `language` gets it (from the page cache when it is current).
    static func render(path: String, language: String, app: Application) async throws -> LiveHub.Frame? {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .acceptLanguage, value: language)
        let request = Request(application: app, method: .GET, url: URI(string: path), headers: headers, logger: app.logger, on: app.eventLoopGroup.any())
        let response = try await app.responder.current.respond(to: request).get()
        guard response.status == .ok, let buffer = response.body.buffer else { return nil }
        let html = String(buffer: buffer)
        guard let content = LiveRegion.content(of: html, token: request.csrfToken) else { return nil }
        return LiveHub.Frame(id: LiveRegion.id(ofContent: content), event: "page", data: content)
    }
}

enum LiveBoardRenderer {
    static func render(slug: String, language: String, app: Application) async throws -> LiveHub.Frame? {
        guard let program = try await ProgramModel.query(on: app.db).filter(\.$slug == slug).first(),
              program.kind == ProgramKind.relay.rawValue else { return nil }
        let timing = RelayTimingService(db: app.db, clock: app.clock, boardCache: app.relayBoardCache)
        let revision = try await timing.revision(programID: program.id!)
        let snapshot = try await timing.snapshot(program: program, includeReads: false)
        let words = Words(localizer: app.localizer, language: Language(rawValue: language) ?? .en)
        let view = LiveBoardView.make(snapshot, revision: revision, now: app.clock.now(), words: words)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = String(decoding: try encoder.encode(view), as: UTF8.self)
        // The id leaves out the "updated at" time and the server clock, so a heartbeat with nothing new stays a keep-alive.
        let rows = String(decoding: try encoder.encode(view.rows), as: UTF8.self)
        let id = ContentHash.combined([rows, view.raceState, "\(view.startAt ?? -1)", "\(view.endAt ?? -1)", "\(view.revision)"])
        return LiveHub.Frame(id: id, event: "board", data: data)
    }
}

/// Stops the hub before the database closes, so no render runs against a closed pool.
struct LiveHubShutdown: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await application.liveHub.stop()
    }
}

extension Application {
    private struct LiveHubKey: StorageKey { typealias Value = LiveHub }

    var liveHub: LiveHub {
        get {
            guard let hub = storage[LiveHubKey.self] else { fatalError("The live hub is set up in configure()") }
            return hub
        }
        set { storage[LiveHubKey.self] = newValue }
    }
}
