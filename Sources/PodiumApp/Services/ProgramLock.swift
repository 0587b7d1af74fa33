import Fluent
import SQLKit

/// Serialises writers that check a rule across many rows of one program (nobody on two posts at once):
/// without it, two concurrent transactions on PostgreSQL could each pass the check and both insert.
/// SQLite lets one writer in at a time already, so there it does nothing.
enum ProgramLock {
    static func lock(programID: Int, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM programs WHERE id = \(bind: programID) FOR UPDATE").run()
    }
}
