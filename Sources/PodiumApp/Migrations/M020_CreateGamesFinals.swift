import Fluent
import SQLKit

/// Track events run in heats then a final: the heat times, the final's qualifying rule and its lanes.
struct M020_CreateGamesFinals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_heat_times")
            .field(.id, .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .cascade))
            .field("entry_id", .int, .required, .references("games_entries", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("mark", .int)
            .field("version", .int, .required)
            .unique(on: "entry_id")
            .create()
        try await database.schema("games_finals")
            .field(.id, .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .cascade))
            /// First `by_place` of each heat (Q) plus the `by_time` fastest others (q).
            .field("by_place", .int, .required)
            .field("by_time", .int, .required)
            .field("version", .int, .required)
            .unique(on: "event_id")
            .create()
        try await database.schema("games_final_lanes")
            .field(.id, .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .cascade))
            .field("entry_id", .int, .required, .references("games_entries", "id", onDelete: .cascade))
            .field("lane", .int, .required)
            /// `Q` by place in the heat, `q` by time.
            .field("reason", .string, .required)
            .unique(on: "event_id", "entry_id")
            .unique(on: "event_id", "lane")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "games_heat_times_event_idx").on("games_heat_times").column("event_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("games_final_lanes").delete()
        try await database.schema("games_finals").delete()
        try await database.schema("games_heat_times").delete()
    }
}
