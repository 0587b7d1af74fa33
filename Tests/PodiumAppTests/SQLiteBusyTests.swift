import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("SQLite's one writer")
struct SQLiteBusyTests {
    /// A transaction that read before another connection committed cannot write (`SQLITE_BUSY_SNAPSHOT`):
    /// the request is run again from the start, and only the second run's write is kept.
    @Test func aRequestThatLosesTheWriteLockRunsAgain() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-busy-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await withFilePodium(path) { app in
            try await (app.db as! any SQLDatabase).raw("CREATE TABLE busy_probe (writer TEXT NOT NULL)").run()
            let runs = NIOLockedValueBox(0)
            app.get("busy-probe") { req async throws -> String in
                let run = runs.withLockedValue { $0 += 1; return $0 }
                return try await req.db.transaction { tx in
                    let sql = tx as! any SQLDatabase
                    _ = try await sql.raw("SELECT count(*) FROM busy_probe").all()
                    if run == 1 {
                        let other = try await SQLiteConnection.open(storage: .file(path: path))
                        _ = try await other.query("INSERT INTO busy_probe VALUES ('other')", [])
                        try await other.close()
                    }
                    try await sql.raw("INSERT INTO busy_probe VALUES (\(bind: "run \(run)"))").run()
                    return "run \(run)"
                }
            }
            try await app.testing().test(.GET, "busy-probe") { response in
                #expect(response.status == .ok)
                #expect(response.body.string == "run 2")
            }
            let writers = try await (app.db as! any SQLDatabase).raw("SELECT writer FROM busy_probe ORDER BY rowid").all()
                .map { try $0.decode(column: "writer", as: String.self) }
            #expect(writers == ["other", "run 2"])
        }
    }
}
