import Fluent
import SQLKit

/// The people who run a games day and the opening ceremony: duty posts with the shifts they need staffed,
/// who is on them and when, the ceremony's run of show and its start time. Times are minutes from midnight
/// in the program's time zone.
struct M018_CreateGamesStaff: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_duty_posts")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("venue_name", .string)
            .field("position", .int, .required)
            .field("version", .int, .required)
            .unique(on: "program_id", "name")
            .create()
        try await database.schema("games_duty_shifts")
            .field(.id, .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references("games_duty_posts", "id", onDelete: .cascade))
            .field("starts", .int, .required)
            .field("ends", .int, .required)
            .field("needed", .int, .required)
            .field("version", .int, .required)
            .create()
        try await database.schema("games_duty_assignments")
            .field(.id, .int, .identifier(auto: true))
            .field("post_id", .int, .required, .references("games_duty_posts", "id", onDelete: .cascade))
            .field("person_id", .int, .required, .references("people", "id", onDelete: .restrict))
            .field("starts", .int, .required)
            .field("ends", .int, .required)
            .field("note", .string)
            .field("version", .int, .required)
            .create()
        try await database.schema("games_run_of_show")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("duration", .int, .required)
            .field("performer", .string)
            .field("formations", .string, .required)
            .field("seconds_per_formation", .int, .required)
            .field("version", .int, .required)
            .create()
        try await database.schema("games_ceremony_settings")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("starts_at", .int, .required)
            .field("version", .int, .required)
            .unique(on: "program_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "games_duty_shifts_post_idx").on("games_duty_shifts").column("post_id").run()
        try await sql.create(index: "games_duty_assignments_post_idx").on("games_duty_assignments").column("post_id").run()
        try await sql.create(index: "games_duty_assignments_person_idx").on("games_duty_assignments").column("person_id").run()
        try await sql.create(index: "games_run_of_show_program_idx").on("games_run_of_show").column("program_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("games_ceremony_settings").delete()
        try await database.schema("games_run_of_show").delete()
        try await database.schema("games_duty_assignments").delete()
        try await database.schema("games_duty_shifts").delete()
        try await database.schema("games_duty_posts").delete()
    }
}
