import Fluent

struct M010_CreateGamesResults: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_results")
            .field(.id, .int, .identifier(auto: true))
            .field("entry_id", .int, .required, .references("games_entries", "id", onDelete: .cascade))
            .field("status", .string, .required)
            .field("mark", .int)
            .field("attempts", .string)
            .field("official", .bool, .required)
            .field("version", .int, .required)
            .field("updated_at", .datetime)
            .unique(on: "entry_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("games_results").delete()
    }
}
