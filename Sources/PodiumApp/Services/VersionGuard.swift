import Fluent
import PodiumCore
import SQLKit

/// Optimistic concurrency: bumps a row's version only if it still has the version the caller read.
/// Runs as one conditional UPDATE, so two concurrent edits cannot both pass.
enum VersionGuard {
    static func bump(_ table: String, id: Int, expected: Int?, on db: any Database) async throws {
        guard let expected else {
            throw PodiumError.invalid("version", "error.version.required")
        }
        let sql = db as! any SQLDatabase
        let rows = try await sql.update(table)
            .set("version", to: SQLBinaryExpression(SQLColumn("version"), .add, SQLBind(1)))
            .where("id", .equal, id)
            .where("version", .equal, expected)
            .returning("id")
            .all()
        guard rows.isEmpty else { return }
        let exists = try await sql.select().column("id").from(table).where("id", .equal, id).first() != nil
        if exists {
            throw PodiumError.conflict(LocalizedMessage("error.version.stale"))
        }
        throw PodiumError.notFound(LocalizedMessage("error.notFound"))
    }
}
