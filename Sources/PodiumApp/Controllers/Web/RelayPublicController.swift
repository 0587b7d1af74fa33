import Foundation
import PodiumCore
import Vapor

/// The public side of a relay: the live board and its event stream, results with splits, certificates
/// (and, at the same address, a recognition program's certificates of honor).
struct RelayPublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "live", use: live)
        routes.get("p", ":slug", "live", "events", use: events)
        routes.get("p", ":slug", "certificates", ":bib", use: certificate)
    }

    private func program(_ req: Request) async throws -> ProgramModel {
        let program = try await req.relay.program(slug: req.parameters.get("slug") ?? "")
        if program.status == ProgramStatus.draft.rawValue, !req.allows(.managePrograms) {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        return program
    }

    /// The board as it stands, rendered on the server; the page script then follows the event stream.
    /// `?screen=big` is the big-screen mode for the finish-area display.
    func live(req: Request) async throws -> Response {
        let program = try await program(req)
        let revision = try await req.relayTiming.revision(programID: program.id!)
        let payload = try await req.application.liveHub.payload(programID: program.id!, language: req.language.rawValue, revision: revision)
        let board = try JSONDecoder().decode(LiveBoardView.self, from: Data(payload.utf8))
        let course = try await req.relay.course(programID: program.id!)
        let big = (try? req.query.get(String.self, at: "screen")) == "big"
        let context = RelayLiveContext(
            page: PageContext(req, title: "\(program.name) · \(req.t("relay.live"))"), program: ProgramView(program.dto, req),
            board: board, hasRows: !board.rows.isEmpty, bigScreen: big,
            totalDistance: RelayCourse.formatDistance(course.totalMeters), legCount: course.pointCount)
        return try await req.page(big ? "relay/live-screen" : "relay/live", context)
    }

    /// Server-Sent Events: the board now (unless the client already has this revision, per Last-Event-ID),
    /// then a new board whenever a read or a correction changes it. The stream ends after a few minutes and
    /// the browser reconnects where it left off.
    func events(req: Request) async throws -> Response {
        let program = try await program(req)
        let programID = program.id!
        let language = req.language.rawValue
        // The browser resends the last id after a reconnect; the page passes the revision it was rendered at as `since`.
        let lastSeen = req.headers.first(name: "Last-Event-ID").flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
            ?? (try? req.query.get(Int64.self, at: "since"))
        let hub = req.application.liveHub
        let seconds = req.application.podiumConfig.liveStreamSeconds
        let logger = req.logger
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        let body = Response.Body(asyncStream: { writer in
            let (id, stream) = await hub.subscribe(programID: programID)
            do {
                try await writer.write(.buffer(ByteBuffer(string: "retry: 2000\n\n")))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var sent = lastSeen
                        for await revision in stream {
                            if revision == sent {
                                try await writer.write(.buffer(ByteBuffer(string: ": keep-alive\n\n")))
                                continue
                            }
                            let payload = try await hub.payload(programID: programID, language: language, revision: revision)
                            try await writer.write(.buffer(ByteBuffer(string: "id: \(revision)\nevent: board\ndata: \(payload)\n\n")))
                            sent = revision
                        }
                    }
                    group.addTask { try await Task.sleep(for: .seconds(seconds)) }
                    try await group.next()
                    group.cancelAll()
                }
            } catch {
                logger.debug("Live stream closed: \(error)")
            }
            await hub.unsubscribe(programID: programID, id: id)
            try? await writer.write(.end)
        })
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The results page of a relay; `/p/{slug}/results` comes here for relay programs.
    static func results(req: Request, program: ProgramModel) async throws -> Response {
        let snapshot = try await req.relayTiming.snapshot(program: program)
        let view = RelayResultsView.make(snapshot, programURL: "/p/\(program.slug)", words: req.words)
        let context = RelayResultsContext(
            page: PageContext(req, title: "\(program.name) · \(req.t("relay.results"))"), program: ProgramView(program.dto, req),
            results: view, hasLines: !view.lines.isEmpty, totalDistance: RelayCourse.formatDistance(snapshot.course.totalMeters),
            legCount: snapshot.course.pointCount, isFinal: program.status == ProgramStatus.finished.rawValue || program.status == ProgramStatus.published.rawValue,
            csv: "/api/v1/programs/\(program.slug)/relay/results.csv", json: "/api/v1/programs/\(program.slug)/relay/results")
        return try await req.page("relay/results", context)
    }

    /// A printable certificate for a team that finished: its place, time and runners.
    func certificate(req: Request) async throws -> Response {
        // Recognition programs print their certificates of honor at the same address, by certificate number.
        if (try? await req.recognition.program(slug: req.parameters.get("slug") ?? "")) != nil {
            return try await RecognitionPublicController.certificate(req: req, program: try await RecognitionPublicController.program(req))
        }
        let program = try await program(req)
        let snapshot = try await req.relayTiming.snapshot(program: program)
        let bib = RelayTiming.normalizeBib(req.parameters.get("bib")) ?? ""
        guard let result = snapshot.board.teams.first(where: { $0.team.bib == bib }), result.progress == .finished,
              let team = snapshot.teams.first(where: { $0.id == result.team.id }) else {
            throw PodiumError.notFound(LocalizedMessage("error.relay.noCertificate", ["bib": bib]))
        }
        let runners = snapshot.course.legs.map { leg -> RelayCertificateContext.Runner in
            let split = result.legs[leg.order - 1]
            return .init(leg: req.t("relay.legTitle", ["leg": "\(leg.order)", "distance": RelayCourse.formatDistance(leg.distanceMeters)]),
                         name: team.runners.first { $0.leg == leg.order }?.name ?? "", time: split.time.map(RelayClock.duration) ?? "")
        }
        let placeText = result.place.map { req.t("relay.certificate.place", ["place": "\($0)", "ordinal": NumberDisplay.englishOrdinal($0), "cn": NumberDisplay.chinese($0)]) } ?? ""
        let context = RelayCertificateContext(
            page: PageContext(req, title: "\(program.name) · \(team.name)"), program: ProgramView(program.dto, req), team: team.name,
            placeText: placeText, total: result.total.map(RelayClock.duration) ?? "",
            distance: RelayCourse.formatDistance(snapshot.course.totalMeters), runners: runners,
            line: req.t("relay.certificate.line", ["team": team.name, "distance": RelayCourse.formatDistance(snapshot.course.totalMeters),
                                                   "legs": "\(snapshot.course.pointCount)", "time": result.total.map(RelayClock.duration) ?? ""]))
        return try await req.page("relay/certificate", context)
    }
}

struct RelayLiveContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let board: LiveBoardView
    let hasRows: Bool
    let bigScreen: Bool
    let totalDistance: String
    let legCount: Int
}

struct RelayResultsContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let results: RelayResultsView
    let hasLines: Bool
    let totalDistance: String
    let legCount: Int
    let isFinal: Bool
    let csv: String
    let json: String
}

struct RelayCertificateContext: Encodable {
    struct Runner: Encodable { let leg: String; let name: String; let time: String }
    let page: PageContext
    let program: ProgramView
    let team: String
    let placeText: String
    let total: String
    let distance: String
    let runners: [Runner]
    let line: String
}
