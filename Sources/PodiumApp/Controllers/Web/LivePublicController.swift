import Foundation
import PodiumCore
import Vapor

/// `/p/{slug}/live/events`: one Server-Sent Events stream for every live view of every kind of program.
/// `?view=/p/{slug}/standings` follows a page (its live region as HTML, event `page`); without it a relay
/// follows its board (JSON, event `board`) and other programs their home page. Each event's id is a
/// fingerprint of its content: a browser reconnecting with `Last-Event-ID` (or a page opening with
/// `?since=`) is sent the view only if it has changed, whichever process it reaches.
struct LivePublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "live", "events", use: events)
    }

    func events(req: Request) async throws -> Response {
        let slug = req.parameters.get("slug") ?? ""
        let program = try await req.programs.get(slug: slug)
        if program.status == .draft, !req.allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        let key: LiveHub.Key
        if let view = req.query[String.self, at: "view"] {
            guard let canonical = LivePage.canonical(view, slug: program.slug) else {
                throw PodiumError.invalid("view", "error.live.view", ["value": String(view.prefix(100))])
            }
            key = .init(kind: .page, target: canonical, language: req.language.rawValue)
        } else if program.kind == .relay {
            key = .init(kind: .board, target: program.slug, language: req.language.rawValue)
        } else {
            key = .init(kind: .page, target: "/p/\(program.slug)", language: req.language.rawValue)
        }
        let lastSeen = req.headers.first(name: "Last-Event-ID")?.trimmingCharacters(in: .whitespaces)
            ?? req.query[String.self, at: "since"]
        return Self.stream(key, lastSeen: lastSeen, hub: req.application.liveHub, seconds: req.application.podiumConfig.liveStreamSeconds, logger: req.logger)
    }

    /// Ends after `seconds` so proxies with idle limits never cut a watcher off silently; the browser comes back
    /// with the last id. Unchanged frames (heartbeats) go out as comments, which keep the connection open.
    static func stream(_ key: LiveHub.Key, lastSeen: String?, hub: LiveHub, seconds: Int, logger: Logger) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        let body = Response.Body(asyncStream: { writer in
            let (id, frames) = await hub.subscribe(key)
            do {
                try await writer.write(.buffer(ByteBuffer(string: "retry: 2000\n\n")))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var sent = lastSeen
                        for await frame in frames {
                            if frame.id == sent {
                                try await writer.write(.buffer(ByteBuffer(string: ": keep-alive\n\n")))
                                continue
                            }
                            try await writer.write(.buffer(frame.message))
                            sent = frame.id
                        }
                    }
                    group.addTask { try await Task.sleep(for: .seconds(seconds)) }
                    try await group.next()
                    group.cancelAll()
                }
            } catch {
                logger.debug("Live stream closed: \(error)")
            }
            await hub.unsubscribe(key, id: id)
            try? await writer.write(.end)
        })
        return Response(status: .ok, headers: headers, body: body)
    }
}
