import Fluent

struct M004_CreateUsers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .field(.id, .int, .identifier(auto: true))
            .field("email", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("language", .string)
            .field("is_active", .bool, .required)
            .field("created_at", .datetime)
            .field("password_changed_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema("role_grants")
            .field(.id, .int, .identifier(auto: true))
            .field("user_id", .int, .required, .references("users", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("unit_id", .int, .references("units", "id", onDelete: .restrict))
            .field("program_id", .int, .references("programs", "id", onDelete: .restrict))
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("role_grants").delete()
        try await database.schema("users").delete()
    }
}
