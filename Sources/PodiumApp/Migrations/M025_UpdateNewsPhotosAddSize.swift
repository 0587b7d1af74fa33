import Fluent

/// The pixel size of news photos and covers, read from the file headers, so pages can reserve their space.
/// Rows from before stay without a size; pages then leave the attributes out.
struct M025_UpdateNewsPhotosAddSize: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("news_photos").field("width", .int).update()
        try await database.schema("news_photos").field("height", .int).update()
        try await database.schema("news_articles").field("cover_width", .int).update()
        try await database.schema("news_articles").field("cover_height", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("news_articles").deleteField("cover_height").update()
        try await database.schema("news_articles").deleteField("cover_width").update()
        try await database.schema("news_photos").deleteField("height").update()
        try await database.schema("news_photos").deleteField("width").update()
    }
}
