import Foundation
import PodiumCore
import Vapor

/// `/admin/relay/{slug}/timing`: the timekeeper's phone page at one exchange. One tap records the time;
/// the bib is typed before or after. The page queues taps in the browser and sends them when the network
/// is back; each tap carries its own id, so a tap sent twice is stored once. Without JavaScript the
/// form still records a read at the server's time.
struct RelayTimingAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let timing = routes.grouped("admin", "relay", ":slug", "timing")
        timing.get(use: page)
        timing.post(use: record)
    }

    private func officiating(_ req: Request) async throws -> ProgramModel {
        let program = try await req.relay.program(slug: req.parameters.get("slug") ?? "")
        try await req.require(.officiate(programID: program.id!))
        return program
    }

    func page(req: Request) async throws -> Response {
        let program = try await officiating(req)
        let snapshot = try await req.relayTiming.snapshot(program: program)
        let legs = snapshot.course.legs
        let chosen = (try? req.query.get(Int.self, at: "point")).flatMap { point in legs.contains { $0.order == point } ? point : nil }
        let points = legs.map { leg in
            RelayTimingContext.Point(number: leg.order, name: leg.exchangePoint,
                                     label: req.t(leg.order == legs.count ? "relay.timing.finishPoint" : "relay.timing.exchangePoint",
                                                  ["point": "\(leg.order)", "name": leg.exchangePoint]),
                                     selected: leg.order == chosen)
        }
        let recent = snapshot.reads.filter { $0.point == chosen }.suffix(20).reversed().map { read in
            let verdict = snapshot.board.verdicts[read.id!] ?? .counted
            var word = req.t("relay.verdict.\(verdict.name)")
            if case .suspect(let reason) = verdict { word += " · " + req.t(reason.localizationKey) }
            return RelayTimingContext.Recent(time: RelayClock.clock(read.atMs, timeZone: snapshot.timeZone, tenths: true),
                                             bib: read.bib ?? "—", verdict: word, suspect: verdict.name == "suspect")
        }
        let teams = snapshot.teams.map { RelayTimingContext.Team(bib: $0.bib, name: $0.name) }
        // Taps before the recorded start are held for review; a timekeeper must see why before tapping a whole race.
        var startNotice: String?
        if let start = snapshot.race.startAt, start > RelayService.ms(req.now) {
            startNotice = req.t("relay.timing.startLater", [
                "when": DateDisplay.dateTime(Date(timeIntervalSince1970: Double(start) / 1000), timeZone: snapshot.timeZone, req.language)])
        } else if snapshot.race.startAt == nil {
            startNotice = req.t("relay.timing.noStart")
        }
        let context = RelayTimingContext(
            page: PageContext(req, title: req.t("relay.timing.title"), backOffice: true), program: ProgramView(program.dto, req),
            points: points, point: chosen, pointLabel: points.first { $0.selected }?.label ?? "",
            readsURL: "/api/v1/programs/\(program.slug)/relay/reads", serverNow: RelayService.ms(req.now),
            timeZone: program.timeZone, recent: Array(recent), teams: teams, hasLegs: !legs.isEmpty, startNotice: startNotice,
            startIsLater: snapshot.race.startAt != nil)
        return try await req.page("admin/relay-timing", context)
    }

    struct TapForm: Content {
        var point: Int
        var bib: String?
    }

    /// The form without JavaScript: a read at the server's clock.
    func record(req: Request) async throws -> Response {
        let program = try await officiating(req)
        let form = try req.content.decode(TapForm.self)
        let at = RelayService.ms(req.now)
        let draft = ReadDraft(bib: RelayTiming.normalizeBib(form.bib), point: form.point, at: at,
                              device: "form-\(req.actor.id.map(String.init) ?? "user")", clientReadID: UUID().uuidString)
        _ = try await req.relayTiming.ingest(program: program, [draft], source: .manual, by: req.actor)
        let flash = req.t("relay.timing.recorded", ["bib": draft.bib ?? "—", "time": RelayClock.clock(at, timeZone: program.zone, tenths: true)])
        return req.redirect(to: "/admin/relay/\(program.slug)/timing?point=\(form.point)", flash: flash)
    }
}

struct RelayTimingContext: Encodable {
    struct Point: Encodable { let number: Int; let name: String; let label: String; let selected: Bool }
    struct Recent: Encodable { let time: String; let bib: String; let verdict: String; let suspect: Bool }
    struct Team: Encodable { let bib: String; let name: String }
    let page: PageContext
    let program: ProgramView
    let points: [Point]
    let point: Int?
    let pointLabel: String
    let readsURL: String
    let serverNow: Int64
    let timeZone: String
    let recent: [Recent]
    let teams: [Team]
    let hasLegs: Bool
    /// Why taps would not count yet: no start recorded, or a start later than now.
    let startNotice: String?
    let startIsLater: Bool
}
