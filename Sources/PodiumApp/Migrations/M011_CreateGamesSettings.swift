import Fluent

struct M011_CreateGamesSettings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_settings")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("individual_points", .string, .required)
            .field("collective_points", .string, .required)
            .field("parent_child_points", .string, .required)
            .field("tie_policy", .string, .required)
            .field("prizes", .int, .required)
            .field("person_event_limit", .int)
            .field("version", .int, .required)
            .unique(on: "program_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("games_settings").delete()
    }
}
