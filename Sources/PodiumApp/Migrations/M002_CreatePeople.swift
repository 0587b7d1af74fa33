import Fluent
import SQLKit

struct M002_CreatePeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("people")
            .field(.id, .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("employee_number", .string)
            .field("name", .string, .required)
            .field("name_folded", .string, .required)
            .field("gender", .string)
            .field("birth_date", .string)
            .field("unit_id", .int, .references("units", "id", onDelete: .restrict))
            .field("status", .string, .required)
            .field("guardian_id", .int, .references("people", "id", onDelete: .restrict))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "employee_number")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "people_name_folded_idx").on("people").column("name_folded").run()
        try await sql.create(index: "people_unit_idx").on("people").column("unit_id").run()
        try await sql.create(index: "people_guardian_idx").on("people").column("guardian_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("people").delete()
    }
}
