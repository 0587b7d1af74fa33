import Fluent

/// How ties left open by every tie-break in a group were settled (drawing of lots, referee decision): stored
/// with the draw, as JSON, so they share its version guard.
struct M021_UpdateGamesDrawsAddGroupTies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("games_draws").field("group_ties", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("games_draws").deleteField("group_ties").update()
    }
}
