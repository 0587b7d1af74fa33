import Fluent

struct M003_CreatePrograms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programs")
            .field(.id, .int, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("slug", .string, .required)
            .field("edition", .int)
            .field("name", .string, .required)
            .field("theme", .string, .required)
            .field("start_date", .string, .required)
            .field("end_date", .string)
            .field("venue", .string, .required)
            .field("time_zone", .string, .required)
            .field("status", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "slug")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("programs").delete()
    }
}
