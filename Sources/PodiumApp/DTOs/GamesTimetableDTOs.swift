import PodiumCore
import Vapor

/// A venue as an organizer sends it. Times are `HH:mm` (`24:00` for the end of the day). `lanes` and
/// `laneOrder` count only for a track. On update, omitted fields keep their value.
struct VenueInput: Content {
    var name: String?
    var kind: String?
    var lanes: Int?
    /// `4 5 3 6 2 7 1 8`; empty for the standard order.
    var laneOrder: String?
    var opens: String?
    var closes: String?
    var position: Int?
    /// The version read, when changing a venue.
    var version: Int?
}

struct VenueDTO: Content, Equatable {
    let id: Int
    let programId: Int
    let name: String
    let kind: VenueKind
    let lanes: Int?
    let laneOrder: String?
    let opens: String
    let closes: String
    let position: Int
    let version: Int
}

/// The frame of the meet day. Omitted fields keep their value.
struct TimetableSettingsInput: Content {
    var dayStart: String?
    var dayEnd: String?
    var slot: Int?
    var changeover: Int?
    var roundGap: Int?
    /// 0 while the program still has the defaults.
    var version: Int?
}

struct TimetableSettingsDTO: Content, Equatable {
    let dayStart: String
    let dayEnd: String
    let slot: Int
    let changeover: Int
    let roundGap: Int
    let version: Int
}

/// Where an event's items may run and how long each takes. `venueId` null means any venue of `venueKinds`.
struct EventPlanInput: Content {
    var venueKinds: [String]?
    var venueId: Int?
    var minutes: Int?
    /// 0 while the event still has the defaults.
    var version: Int?
}

struct EventPlanDTO: Content, Equatable {
    let eventId: Int
    let event: String
    let venueKinds: [VenueKind]
    let venueId: Int?
    let minutes: Int
    /// What `minutes` counts: `heat`, `match` or `session`.
    let per: String
    /// Still the defaults for the event's format.
    let isDefault: Bool
    let version: Int
}

struct ScheduleItemDTO: Content, Equatable {
    let key: String
    let eventId: Int
    let event: String
    let label: String
    let roundIndex: Int
    let venueId: Int
    let venue: String
    let venueKind: VenueKind
    let start: String
    let end: String
    let pinned: Bool
    let version: Int
}

struct UnplacedItemDTO: Content, Equatable {
    let key: String
    let eventId: Int
    let label: String
}

struct ScheduleProblemDTO: Content, Equatable {
    /// The item the problem is about.
    let key: String
    let message: String
}

struct ScheduleDTO: Content {
    /// By start, then venue.
    let items: [ScheduleItemDTO]
    /// Items the events have that are not on the timetable (not planned yet, or left out by the plan).
    let unplaced: [UnplacedItemDTO]
    /// Why items were left out, or rules the timetable breaks (shown to organizers only).
    let problems: [ScheduleProblemDTO]
}

/// A manual move: the venue and the start (`HH:mm`); the item is pinned there.
struct ScheduleMoveInput: Content {
    var venueId: Int?
    var start: String?
    /// The version read; 0 for an item not placed yet.
    var version: Int?
}
