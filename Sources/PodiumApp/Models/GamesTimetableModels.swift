import Fluent
import Foundation

/// A place where a games program's items run one at a time: the track, the long-jump pit, court 2.
/// Times are minutes from midnight in the program's time zone.
final class GamesVenueModel: Model, @unchecked Sendable {
    static let schema = "games_venues"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "name") var name: String
    /// A `VenueKind`.
    @Field(key: "kind") var kind: String
    /// Tracks only.
    @OptionalField(key: "lanes") var lanes: Int?
    /// Tracks only: the order lanes are given out, best seed first (`4 5 3 6 2 7 1 8`).
    @OptionalField(key: "lane_order") var laneOrder: String?
    @Field(key: "opens") var opens: Int
    @Field(key: "closes") var closes: Int
    @Field(key: "position") var position: Int
    @Field(key: "version") var version: Int

    init() {}
}

/// The frame of a games program's meet day. Programs without a row use `TimetableDefaults`.
final class GamesTimetableSettingsModel: Model, @unchecked Sendable {
    static let schema = "games_timetable_settings"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    @Field(key: "day_start") var dayStart: Int
    @Field(key: "day_end") var dayEnd: Int
    @Field(key: "slot") var slot: Int
    @Field(key: "changeover") var changeover: Int
    @Field(key: "round_gap") var roundGap: Int
    @Field(key: "version") var version: Int

    init() {}
}

/// Where an event's items may run and how long each takes (per heat, per match or per session).
/// Events without a row use the defaults for their format.
final class GamesEventPlanModel: Model, @unchecked Sendable {
    static let schema = "games_event_plans"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "event_id") var event: GamesEventModel
    /// Venue kinds, comma-separated (`hall,other`).
    @Field(key: "venue_kind") var venueKind: String
    /// One venue chosen by the organizer, which wins over the kinds.
    @OptionalField(key: "venue_id") var venueID: Int?
    @Field(key: "minutes") var minutes: Int
    @Field(key: "version") var version: Int

    init() {}
}

/// One placed item of the timetable: a heat, a final, a match or a session, on a venue at a time.
/// `pinned` items were placed by hand and stay where they are when the day is planned again.
final class GamesScheduleItemModel: Model, @unchecked Sendable {
    static let schema = "games_schedule_items"

    @ID(custom: .id, generatedBy: .database) var id: Int?
    @Parent(key: "program_id") var program: ProgramModel
    /// Stable within the program: `e12-h2` (heat 2), `e12-f` (final), `e12-s` (session), `e12-k5` (match k5).
    @Field(key: "item_key") var itemKey: String
    @Parent(key: "event_id") var event: GamesEventModel
    @Field(key: "round_index") var roundIndex: Int
    /// As it read when placed, for items the event no longer has.
    @Field(key: "label") var label: String
    @Parent(key: "venue_id") var venue: GamesVenueModel
    @Field(key: "starts_at") var startsAt: Int
    @Field(key: "ends_at") var endsAt: Int
    @Field(key: "pinned") var pinned: Bool
    @Field(key: "version") var version: Int

    init() {}
}
