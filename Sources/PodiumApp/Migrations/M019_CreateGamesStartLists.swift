import Fluent
import SQLKit

/// Start lists: heats with lanes for track events, flights with the order of competition for field
/// events; and the entry marks they are seeded from.
struct M019_CreateGamesStartLists: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_start_positions")
            .field(.id, .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .cascade))
            .field("entry_id", .int, .required, .references("games_entries", "id", onDelete: .cascade))
            /// Heat or flight number, 1-based.
            .field("heat", .int, .required)
            /// The lane on the track, or the place in the order of competition in a flight.
            .field("position", .int, .required)
            .unique(on: "event_id", "entry_id")
            .create()
        try await database.schema("games_entries")
            .field("seed_mark", .int)
            .update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "games_start_positions_event_idx").on("games_start_positions").column("event_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("games_entries").deleteField("seed_mark").update()
        try await database.schema("games_start_positions").delete()
    }
}
