import Fluent
import SQLKit

/// The meet-day timetable of a games program: its venues, the frame of the day, how long each event's
/// heats, matches or session take and where they may run, and the placed schedule items. Which items an
/// event has is worked out from its entries and draw; only placements are stored.
struct M017_CreateGamesTimetable: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_venues")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("lanes", .int)
            .field("lane_order", .string)
            .field("opens", .int, .required)
            .field("closes", .int, .required)
            .field("position", .int, .required)
            .field("version", .int, .required)
            .create()
        try await database.schema("games_timetable_settings")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("day_start", .int, .required)
            .field("day_end", .int, .required)
            .field("slot", .int, .required)
            .field("changeover", .int, .required)
            .field("round_gap", .int, .required)
            .field("version", .int, .required)
            .unique(on: "program_id")
            .create()
        try await database.schema("games_event_plans")
            .field(.id, .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .cascade))
            .field("venue_kind", .string, .required)
            .field("venue_id", .int, .references("games_venues", "id", onDelete: .setNull))
            .field("minutes", .int, .required)
            .field("version", .int, .required)
            .unique(on: "event_id")
            .create()
        try await database.schema("games_schedule_items")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("item_key", .string, .required)
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .cascade))
            .field("round_index", .int, .required)
            .field("label", .string, .required)
            // The service refuses to remove a venue in use; NO ACTION rather than RESTRICT lets a program's deletion cascade to both.
            .field("venue_id", .int, .required, .references("games_venues", "id", onDelete: .noAction))
            .field("starts_at", .int, .required)
            .field("ends_at", .int, .required)
            .field("pinned", .bool, .required)
            .field("version", .int, .required)
            .unique(on: "program_id", "item_key")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "games_venues_program_idx").on("games_venues").column("program_id").run()
        try await sql.create(index: "games_schedule_items_venue_idx").on("games_schedule_items").column("venue_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("games_schedule_items").delete()
        try await database.schema("games_event_plans").delete()
        try await database.schema("games_timetable_settings").delete()
        try await database.schema("games_venues").delete()
    }
}
