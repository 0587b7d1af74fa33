import Fluent
import SQLKit

/// A recognition conference's running order and the people expected in the hall, with check-in.
struct M015_CreateCeremony: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ceremony_agenda_items")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("starts_at", .string)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("speaker", .string)
            .field("version", .int, .required)
            .create()
        try await database.schema("ceremony_attendees")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("person_id", .int, .references("people", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("attendee_group", .string, .required)
            .field("unit_name", .string)
            .field("seat", .string)
            .field("checked_in_at", .datetime)
            .field("checked_in_by", .string)
            .field("version", .int, .required)
            .unique(on: "program_id", "person_id")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "ceremony_agenda_program_idx").on("ceremony_agenda_items").column("program_id").run()
        try await sql.create(index: "ceremony_attendees_program_idx").on("ceremony_attendees").column("program_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("ceremony_attendees").delete()
        try await database.schema("ceremony_agenda_items").delete()
    }
}
