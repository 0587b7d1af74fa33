import Fluent
import SQLKit

struct M008_CreateLoginAttempts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("login_attempts")
            .field(.id, .int, .identifier(auto: true))
            .field("email", .string, .required)
            .field("client_address", .string, .required)
            .field("at", .datetime, .required)
            .field("succeeded", .bool, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "login_attempts_email_idx").on("login_attempts").column("email").column("at").run()
        try await sql.create(index: "login_attempts_address_idx").on("login_attempts").column("client_address").column("at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("login_attempts").delete()
    }
}
