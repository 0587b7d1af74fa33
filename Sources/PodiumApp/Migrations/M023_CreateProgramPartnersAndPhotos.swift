import Fluent

/// A program's partners (organizers, host, co-organizers, sponsors, with an optional logo and website) and its photo
/// gallery. Files live on disk in the upload folder; the rows name them, with the pixel size read from their headers.
struct M023_CreateProgramPartnersAndPhotos: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("program_partners")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("website", .string)
            .field("logo_file", .string)
            .field("logo_width", .int)
            .field("logo_height", .int)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.schema("program_photos")
            .field(.id, .int, .identifier(auto: true))
            .field("program_id", .int, .required, .references("programs", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("file", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("width", .int)
            .field("height", .int)
            .field("caption", .string, .required)
            .field("version", .int, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("program_photos").delete()
        try await database.schema("program_partners").delete()
    }
}
