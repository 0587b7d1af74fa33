import Fluent
import SQLKit

struct M009_CreateGamesTeamsEventsEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_teams")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .restrict))
            .field("unit_id", .int, .required, .references("units", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .unique(on: "program_id", "unit_id")
            .create()
        try await database.schema("games_events")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .restrict))
            .field("template_id", .string)
            .field("name", .string, .required)
            .field("category", .string, .required)
            .field("format", .string, .required)
            .field("gender", .string, .required)
            .field("age_min", .int)
            .field("age_max", .int)
            .field("attempts", .int, .required)
            .field("line_up_min", .int, .required)
            .field("line_up_max", .int, .required)
            .field("minimum_women", .int, .required)
            .field("parent_child", .bool, .required)
            .field("child_age_min", .int)
            .field("child_age_max", .int)
            .field("team_quota", .int)
            .field("counts_toward_limit", .bool, .required)
            .field("deadline", .datetime)
            .field("event_date", .string, .required)
            .field("venue", .string, .required)
            .field("award_kind", .string, .required)
            .field("award_top_n", .int, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("games_entries")
            .field(.id, .int, .identifier(auto: true))
            .field("event_id", .int, .required, .references("games_events", "id", onDelete: .restrict))
            .field("team_id", .int, .required, .references("games_teams", "id", onDelete: .restrict))
            .field("overridden_rules", .string, .required)
            .field("override_reason", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("games_entry_members")
            .field(.id, .int, .identifier(auto: true))
            .field("entry_id", .int, .required, .references("games_entries", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .restrict))
            .field("position", .int, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "games_events_program_idx").on("games_events").column("program_id").run()
        try await sql.create(index: "games_entries_event_idx").on("games_entries").column("event_id").run()
        try await sql.create(index: "games_entry_members_entry_idx").on("games_entry_members").column("entry_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["games_entry_members", "games_entries", "games_events", "games_teams"] {
            try await database.schema(table).delete()
        }
    }
}
