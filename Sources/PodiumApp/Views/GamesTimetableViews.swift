import Foundation
import PodiumCore
import Vapor

/// One placed item as the timetable pages show it.
struct ScheduleItemView: Encodable {
    let key: String
    let anchor: String
    let time: String
    var start: String
    let label: String
    let event: String
    let venue: String
    let venueKind: String
    let pinned: Bool
    let version: Int
    /// False for an item the events have that is not on the timetable yet.
    var placed = true
    /// Back office only: the move form's venues, and a refusal shown in place.
    var venueOptions: [FieldView.Option] = []
    var error: String?
}

/// `/admin/games/{slug}/timetable`.
struct GamesTimetableContext: Encodable {
    struct VenueRow: Encodable {
        let id: Int
        let name: String
        let kind: String
        let hours: String
        let lanes: String
        let laneOrder: String
        let version: Int
        var error: String?
    }
    struct PlanRow: Encodable {
        let eventId: Int
        let event: String
        let format: String
        let options: [FieldView.Option]
        let minutes: String
        let per: String
        let version: Int
    }
    struct GridRow: Encodable {
        struct Cell: Encodable { let items: [ScheduleItemView] }
        let time: String
        let cells: [Cell]
    }

    let page: PageContext
    let program: ProgramView
    let base: String
    let venues: [VenueRow]
    let forms: [FormView]
    let plans: [PlanRow]
    let planErrors: [String]
    let venueNames: [String]
    let grid: [GridRow]
    let items: [ScheduleItemView]
    let problems: [String]
}

/// `/p/{slug}/schedule`: the programme schedule, by time.
struct GamesScheduleContext: Encodable {
    struct Slot: Encodable {
        let time: String
        let items: [ScheduleItemView]
    }

    let page: PageContext
    let program: ProgramView
    let venues: [FieldView.Option]
    let filtered: Bool
    let venueName: String
    let slots: [Slot]
    let hasSlots: Bool
}

extension GamesScheduleContext {
    /// Placed items by start time, each time once, in the order the timetable has them: the public schedule
    /// and the programme booklet list the day this way.
    static func slots(_ rows: [GamesTimetableService.Row], _ req: Request) -> [Slot] {
        let byStart = Dictionary(grouping: rows, by: \.model.startsAt)
        return byStart.keys.sorted().map { start in Slot(time: MinuteOfDay.text(start), items: byStart[start]!.map { $0.view(req) }) }
    }
}

extension GamesTimetableService.Row {
    func view(_ req: Request) -> ScheduleItemView {
        ScheduleItemView(key: model.itemKey, anchor: "item-\(model.itemKey)", time: MinuteOfDay.span(model.startsAt, model.endsAt),
                         start: MinuteOfDay.text(model.startsAt), label: label, event: event, venue: venue.name,
                         venueKind: req.t((VenueKind(rawValue: venue.kind) ?? .other).localizationKey), pinned: model.pinned, version: model.version)
    }
}
