import Fluent
import SQLKit

struct M007_CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_entries")
            .field(.id, .int, .identifier(auto: true))
            .field("at", .datetime, .required)
            .field("actor_kind", .string, .required)
            .field("actor_id", .int)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("summary", .string, .required)
            .field("before", .custom("TEXT"))
            .field("after", .custom("TEXT"))
            .field("reason", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "audit_entity_idx").on("audit_entries").column("entity_type").column("entity_id").run()
        try await sql.create(index: "audit_at_idx").on("audit_entries").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_entries").delete()
    }
}
