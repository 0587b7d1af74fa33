import Fluent

/// News articles (title, source, release time, Markdown body, cover) and their photo galleries. Files live on disk;
/// the rows name them.
struct M022_CreateNews: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("news_articles")
            .field(.id, .int, .identifier(auto: true))
            .field("slug", .string, .required)
            .field("title", .string, .required)
            .field("source", .string, .required)
            .field("body", .string, .required)
            .field("status", .string, .required)
            .field("published_at", .datetime)
            .field("cover_file", .string)
            .field("program_id", .int, .references("programs", "id"))
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "slug")
            .create()
        try await database.schema("news_photos")
            .field(.id, .int, .identifier(auto: true))
            .field("article_id", .int, .required, .references("news_articles", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("file", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("caption", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("news_photos").delete()
        try await database.schema("news_articles").delete()
    }
}
