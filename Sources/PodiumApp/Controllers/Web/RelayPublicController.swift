import Foundation
import PodiumCore
import Vapor

/// The public side of a relay: the live board (its stream is LivePublicController's), results with splits, certificates
/// (and, at the same address, a recognition program's certificates of honor).
struct RelayPublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("p", ":slug", "live", use: live)
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
        // The same frame the stream sends, so the page's id lets the stream skip what the page already shows.
        guard let frame = await req.application.liveHub.frame(.init(kind: .board, target: program.slug, language: req.language.rawValue)) else {
            throw PodiumError.notFound(LocalizedMessage("error.program.notFound"))
        }
        let board = try JSONDecoder().decode(LiveBoardView.self, from: Data(frame.data.utf8))
        let course = try await req.relay.course(programID: program.id!)
        let big = (try? req.query.get(String.self, at: "screen")) == "big"
        let context = RelayLiveContext(
            page: PageContext(req, title: "\(program.name) · \(req.t("relay.live"))"), program: ProgramView(program.dto, req),
            board: board, frameID: frame.id, hasRows: !board.rows.isEmpty, bigScreen: big,
            totalDistance: RelayCourse.formatDistance(course.totalMeters), legCount: course.pointCount)
        return try await req.page(big ? "relay/live-screen" : "relay/live", context)
    }

    /// The results page of a relay; `/p/{slug}/results` comes here for relay programs.
    static func results(req: Request, program: ProgramModel) async throws -> Response {
        let snapshot = try await req.relayTiming.snapshot(program: program, includeReads: false)
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
        let snapshot = try await req.relayTiming.snapshot(program: program, includeReads: false)
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
    let frameID: String
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
