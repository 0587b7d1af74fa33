import Fluent

struct M001_CreateUnits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("units")
            .field(.id, .int, .identifier(auto: true))
            .field("parent_id", .int, .references("units", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("code", .string)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("units").delete()
    }
}
