import PodiumCore
import Vapor

/// One event's start list as printed for the starter or the call room: heats (or flights) with lanes
/// (or the order of competition), names, teams and entry marks.
struct StartListSheet: Encodable {
    struct Line: Encodable {
        let position: String
        let names: String
        let team: String
        let seedMark: String
    }
    struct Heat: Encodable {
        let title: String
        let lines: [Line]
        /// What the mark column holds: entry marks in the heats, heat times and Q/q in the final.
        var markLabel: String
    }
    let eventID: Int
    let eventName: String
    let positionLabel: String
    var heats: [Heat]
    let unseeded: [Line]
    let hasHeats: Bool
    let hasUnseeded: Bool

    /// With `final`, the final follows the heats on the sheet: lanes, heat times and Q/q instead of entry marks.
    init(_ list: GamesStartListService.StartList, _ req: Request, final: GamesFinalService.Loaded? = nil) {
        eventID = list.event.id!
        eventName = list.event.name
        positionLabel = req.t(list.isTrack ? "startList.lane" : "startList.order")
        func line(_ l: GamesStartListService.Line) -> Line {
            Line(position: l.position.map(String.init) ?? "", names: l.names.joined(separator: "、"), team: l.teamName, seedMark: l.seedMark)
        }
        heats = list.byHeat.map { heat in
            Heat(title: req.t(list.isTrack ? "startList.heat" : "startList.flight", ["number": "\(heat.heat)", "count": "\(list.byHeat.count)"]),
                 lines: heat.lines.map(line), markLabel: req.t("startList.seedMark"))
        }
        if let final, !final.lanes.isEmpty {
            let times = Dictionary(final.heats.flatMap(\.runners).compactMap { runner in runner.time.map { (runner.entryID, $0) } }, uniquingKeysWith: { a, _ in a })
            let byID = Dictionary(uniqueKeysWithValues: list.lines.map { ($0.entryID, $0) })
            heats.append(Heat(title: req.t("final.finalTitle"), lines: final.lanes.map { lane in
                let entry = byID[lane.$entry.id]
                return Line(position: "\(lane.lane)", names: entry?.names.joined(separator: "、") ?? "", team: entry?.teamName ?? "",
                            seedMark: (times[lane.$entry.id].map(GamesFinalService.Loaded.display) ?? "") + " \(lane.reason)")
            }, markLabel: req.t("final.heatTime")))
        }
        unseeded = list.lines.filter { $0.heat == nil }.map(line)
        hasHeats = !heats.isEmpty
        hasUnseeded = !unseeded.isEmpty
    }
}

struct GamesStartListContext: Encodable {
    struct MarkInput: Encodable {
        let entryID: Int
        let label: String
        let value: String
        let error: String?
    }
    let page: PageContext
    let program: ProgramView
    let sheet: StartListSheet
    let callRoom: Bool
    let canSeed: Bool
    let isTrack: Bool
    let marks: [MarkInput]
    let laneOrder: String
    let lanes: String
    let flightSize: String
    let errors: [String]
    let hasErrors: Bool
    let markHint: String
    /// Field events: who goes on to attempts 4–6 and in which order, once the first attempts are typed.
    let laterRounds: [StartListSheet.Line]
    let hasLaterRounds: Bool
}

struct GamesStartListsContext: Encodable {
    struct Event: Encodable {
        let id: Int
        let name: String
        let state: String
    }
    let page: PageContext
    let program: ProgramView
    let events: [Event]
    let hasEvents: Bool
    let sheets: [StartListSheet]
    let printAll: Bool
}
