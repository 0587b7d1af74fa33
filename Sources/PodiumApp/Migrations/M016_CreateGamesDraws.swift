import Fluent
import SQLKit

/// Head-to-head events: the draw (structure, scoring, seeded entries, groups) and the match results.
/// Who meets whom in later rounds is worked out from the draw and the results, never stored twice.
struct M016_CreateGamesDraws: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_draws")
            .field(.id, .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .cascade))
            .field("structure", .string, .required)
            .field("scoring", .string, .required)
            .field("best_of", .int, .required)
            .field("game_points", .int, .required)
            .field("game_cap", .int)
            .field("allow_draw", .bool, .required)
            .field("third_place", .bool, .required)
            .field("group_count", .int, .required)
            .field("qualifiers_per_group", .int, .required)
            .field("win_points", .int, .required)
            .field("draw_points", .int, .required)
            .field("loss_points", .int, .required)
            .field("tie_breaks", .string, .required)
            .field("seeds", .string, .required)
            .field("groups", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "event_id")
            .create()
        try await database.schema("games_match_results")
            .field(.id, .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .cascade))
            .field("stage", .string, .required)
            .field("group_number", .int, .required)
            .field("number", .int, .required)
            .field("home_entry_id", .int, .required, .references("games_entries", "id", onDelete: .restrict))
            .field("away_entry_id", .int, .required, .references("games_entries", "id", onDelete: .restrict))
            .field("score", .string, .required)
            .field("ending", .string, .required)
            .field("winner", .string)
            .field("official", .bool, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "event_id", "stage", "group_number", "number")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "games_match_results_event_idx").on("games_match_results").column("event_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("games_match_results").delete()
        try await database.schema("games_draws").delete()
    }
}
