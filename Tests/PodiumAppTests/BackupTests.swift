import FluentSQLiteDriver
import Foundation
import PodiumCore
import SQLKit
import Testing
import VaporTesting
@testable import PodiumApp

@Suite("Backup and restore")
struct BackupTests {
    // MARK: SQLite

    @Test func aRestoredBackupHasEveryRowOfEveryTableAndTheRunningAppSeesIt() async throws {
        try await withFolder { folder in
            let original = folder + "/original.sqlite", backup = folder + "/backup.sqlite", other = folder + "/other.sqlite"
            try await withFilePodium(original) { app in
                try await seedDemo(app)
                let summary = try await DatabaseBackup(location: .sqliteFile(original), migrations: MigrationList.names).backup(to: backup, force: false)
                #expect(summary.tables > 20)
                #expect(summary.rows == (try await sqliteSnapshot(original).values.map(\.count).reduce(0, +)))
            }
            #expect(try !FileManager.default.contentsOfDirectory(atPath: folder).contains { $0.contains(".partial-") })
            // Another database, in use by an app while the backup is restored into it.
            try await withFilePodium(other) { app in
                _ = try await app.makeUser("extra@test.podium", grants: [])
                #expect(try await PersonModel.query(on: app.db).count() == 0)
                let summary = try await DatabaseBackup(location: .sqliteFile(other), migrations: MigrationList.names).restore(from: backup, prepare: {})
                #expect(summary.rows == (try await sqliteSnapshot(original).values.map(\.count).reduce(0, +)))
                // The connected app reads the restored rows at once.
                #expect(try await PersonModel.query(on: app.db).count() == (try await sqliteCount(original, "people")))
                #expect(try await sqliteSnapshot(other) == (try await sqliteSnapshot(original)))
                // New rows get fresh ids after the restored counters.
                let highest = try await sqliteCount(original, "people", "max(id)")
                let unit = try await app.makeUnit("After the restore")
                let person = try await app.makeEmployee("New Person", number: "NEW-1", unit: unit.id)
                #expect(person.id == highest + 1)
            }
        }
    }

    @Test func theBackupCommandWritesANewFileAndRestoreAcceptsItWhileTheDatabaseIsInUse() async throws {
        try await withFolder { folder in
            let live = folder + "/live.sqlite", backup = folder + "/backup.sqlite", fresh = folder + "/fresh.sqlite"
            try await withFilePodium(live) { app in
                try await seedSmall(app)
                let first = try runPodium(["backup", backup, "--database", live])
                #expect(first.status == 0, "\(first.output)")
                #expect(first.output.contains("backed up") && first.output.contains("rows to \(backup)"))
                let again = try runPodium(["backup", backup, "--database", live])
                #expect(again.status == 1)
                #expect(again.output.contains("\(backup) already exists; choose another name, or add --force to replace it."))
                #expect(try runPodium(["backup", backup, "--force", "--database", live]).status == 0)
                // Into a database that does not exist yet: it is created with this Podium's tables first.
                let restored = try runPodium(["restore", backup, "--database", fresh])
                #expect(restored.status == 0, "\(restored.output)")
                #expect(restored.output.contains("restored ") && restored.output.contains("rows from \(backup)"))
                #expect(try await sqliteSnapshot(fresh) == (try await sqliteSnapshot(live)))
                // And into the database the app has open.
                let back = try runPodium(["restore", backup, "--database", live])
                #expect(back.status == 0, "\(back.output)")
            }
        }
    }

    @Test func everyRefusalSaysWhatIsWrongAndChangesNothing() async throws {
        try await withFolder { folder in
            let live = folder + "/live.sqlite", backup = folder + "/backup.sqlite"
            try await withFilePodium(live) { app in
                try await seedSmall(app)
                let service = DatabaseBackup(location: .sqliteFile(live), migrations: MigrationList.names)
                _ = try await service.backup(to: backup, force: false)
                let before = try await sqliteSnapshot(live)

                func refusal(_ file: String) async -> String {
                    do {
                        _ = try await service.restore(from: file, prepare: { Issue.record("prepared for a refused restore") })
                        return "restored"
                    } catch let failure as DatabaseBackup.Failure {
                        return failure.message
                    } catch {
                        return "unexpected \(error)"
                    }
                }
                #expect(await refusal(folder + "/missing.sqlite") == "There is no backup file at \(folder)/missing.sqlite.")
                try Data("name,points\n".utf8).write(to: URL(fileURLWithPath: folder + "/notes.csv"))
                #expect(await refusal(folder + "/notes.csv") == "The backup \(folder)/notes.csv is not an SQLite database.")
                try Data("PGDMP\u{1}\u{e}".utf8).write(to: URL(fileURLWithPath: folder + "/pg.dump"))
                #expect(await refusal(folder + "/pg.dump").contains("is a PostgreSQL backup, but this Podium uses SQLite"))

                let other = try await SQLiteConnection.open(storage: .file(path: folder + "/other.sqlite"))
                _ = try await other.query("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
                try await other.close()
                #expect(await refusal(folder + "/other.sqlite") == "\(folder)/other.sqlite is not a Podium backup (it has no _fluent_migrations table); nothing was restored.")

                try await copy(backup, to: folder + "/newer.sqlite") { connection in
                    _ = try await connection.query("INSERT INTO _fluent_migrations (id, name, batch) VALUES ('future', 'PodiumApp.M999_FromTheFuture', 99)")
                }
                #expect(await refusal(folder + "/newer.sqlite").contains("was made by a newer Podium (it has migrations this Podium does not know: M999_FromTheFuture); upgrade Podium"))
                try await copy(backup, to: folder + "/older.sqlite") { connection in
                    _ = try await connection.query("DELETE FROM _fluent_migrations WHERE name = 'PodiumApp.M025_UpdateNewsPhotosAddSize'")
                }
                #expect(await refusal(folder + "/older.sqlite").contains("was made by an older Podium (it lacks 1 migration(s): M025_UpdateNewsPhotosAddSize)"))
                #expect(await refusal(live).contains("is the live database itself"))

                // An existing backup file is not replaced.
                do {
                    _ = try await service.backup(to: backup, force: false)
                    Issue.record("an existing file was replaced")
                } catch let failure as DatabaseBackup.Failure {
                    #expect(failure.message == "\(backup) already exists; choose another name, or add --force to replace it.")
                }
                do {
                    _ = try await service.backup(to: live, force: true)
                    Issue.record("the live database was replaced by its backup")
                } catch let failure as DatabaseBackup.Failure {
                    #expect(failure.message == "\(live) is the live database itself; name another file for the backup.")
                }
                do {
                    _ = try await DatabaseBackup(location: .sqliteFile(folder + "/nowhere.sqlite"), migrations: MigrationList.names).backup(to: folder + "/x.sqlite", force: false)
                    Issue.record("backed up a database that does not exist")
                } catch let failure as DatabaseBackup.Failure {
                    #expect(failure.message.contains("There is no database at \(folder)/nowhere.sqlite"))
                }
                #expect(!FileManager.default.fileExists(atPath: folder + "/nowhere.sqlite"))
                #expect(try await sqliteSnapshot(live) == before)
            }
        }
    }

    @Test func aRestoreThatFailsHalfwayLeavesTheDatabaseAsItWas() async throws {
        try await withFolder { folder in
            let live = folder + "/live.sqlite", backup = folder + "/backup.sqlite", broken = folder + "/broken.sqlite"
            try await withFilePodium(live) { app in
                try await seedSmall(app)
                let service = DatabaseBackup(location: .sqliteFile(live), migrations: MigrationList.names)
                _ = try await service.backup(to: backup, force: false)
                // A change after the backup, which a failed restore must keep.
                _ = try await app.makeUser("extra@test.podium", grants: [])
                let before = try await sqliteSnapshot(live)
                // Every table is replaced before the broken reference is found at the end.
                try await copy(backup, to: broken) { connection in
                    _ = try await connection.query("UPDATE people SET unit_id = 999999 WHERE id = (SELECT min(id) FROM people)")
                }
                do {
                    _ = try await service.restore(from: broken, prepare: {})
                    Issue.record("a broken backup was restored")
                } catch let failure as DatabaseBackup.Failure {
                    #expect(failure.message == "\(broken) has a row in people that refers to a missing row of units; nothing was restored.")
                }
                #expect(try await sqliteSnapshot(live) == before)
                #expect(try await UserModel.query(on: app.db).count() == before["users"]?.count)
                // The good backup still restores afterwards.
                _ = try await service.restore(from: backup, prepare: {})
                #expect(try await sqliteSnapshot(live) == (try await sqliteSnapshot(backup)))
            }
        }
    }

    // MARK: PostgreSQL

    static let postgresURL = ProcessInfo.processInfo.environment["PODIUM_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let postgresToolsFound = (try? DatabaseBackup.postgresTool("pg_dump")) != nil && (try? DatabaseBackup.postgresTool("pg_restore")) != nil

    @Test(.enabled(if: postgresURL != nil && postgresToolsFound, "PODIUM_TEST_DATABASE_URL is set and pg_dump is installed"))
    func onPostgreSQLABackupRestoresEveryRowWhileTheAppIsConnected() async throws {
        try await withFolder { folder in
            try await withPodium { app in
                let url = try #require(Self.postgresURL)
                try await seedDemo(app)
                let service = DatabaseBackup(location: .postgres(url), migrations: MigrationList.names)
                let backup = folder + "/podium.pgdump"
                let summary = try await service.backup(to: backup, force: false)
                #expect(summary.tables > 20)
                let before = try await postgresSnapshot(app)
                _ = try await app.makeUser("extra@test.podium", grants: [])
                try await PersonModel.query(on: app.db).filter(\.$id == (try await PersonModel.query(on: app.db).first()?.id ?? 0)).set(\.$name, to: "Changed").update()
                #expect(try await postgresSnapshot(app) != before)
                _ = try await service.restore(from: backup, prepare: {})
                #expect(try await postgresSnapshot(app) == before)

                do {
                    _ = try await service.restore(from: folder + "/missing.pgdump", prepare: {})
                    Issue.record("restored a missing file")
                } catch let failure as DatabaseBackup.Failure {
                    #expect(failure.message == "There is no backup file at \(folder)/missing.pgdump.")
                }
                try Data("SQLite format 3\0".utf8).write(to: URL(fileURLWithPath: folder + "/x.sqlite"))
                do {
                    _ = try await service.restore(from: folder + "/x.sqlite", prepare: {})
                    Issue.record("restored an SQLite file into PostgreSQL")
                } catch let failure as DatabaseBackup.Failure {
                    #expect(failure.message.contains("is an SQLite backup, but this Podium uses PostgreSQL"))
                }
            }
        }
    }
}

// MARK: Helpers

private func withFolder(_ body: (String) async throws -> Void) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-backup-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try await body(folder.path)
}

/// A few rows in tables with foreign keys and autoincrement ids: enough where exactness is tested elsewhere.
private func seedSmall(_ app: Application) async throws {
    let unit = try await app.makeUnit("Backup Company")
    _ = try await app.makeEmployee("First Runner", number: "BK1", unit: unit.id)
    _ = try await app.makeEmployee("Second Runner", number: "BK2", unit: unit.id)
    _ = try await app.makeUser("backup@test.podium", grants: [])
}

private func seedDemo(_ app: Application) async throws {
    try await DemoSeeder(db: app.db, clock: app.clock, hashing: PasswordHashing(app: app), words: Words(localizer: app.localizer, language: .en)).seed()
}

/// Every row of every table (and the autoincrement counters), as sorted text, by table.
private func sqliteSnapshot(_ path: String) async throws -> [String: [String]] {
    let connection = try await SQLiteConnection.open(storage: .file(path: path))
    do {
        var snapshot: [String: [String]] = [:]
        let names = try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0.column("name")?.string }
        for table in names {
            snapshot[table] = try await connection.query("SELECT * FROM \"\(table)\"").map { row in
                row.columns.map { "\($0.name)=\($0.data)" }.joined(separator: "|")
            }.sorted()
        }
        try await connection.close()
        return snapshot
    } catch {
        try? await connection.close()
        throw error
    }
}

private func sqliteCount(_ path: String, _ table: String, _ expression: String = "count(*)") async throws -> Int {
    let connection = try await SQLiteConnection.open(storage: .file(path: path))
    let value = try await connection.query("SELECT \(expression) AS n FROM \"\(table)\"").first?.column("n")?.integer ?? 0
    try await connection.close()
    return value
}

/// Copies an SQLite file and changes the copy (foreign keys off, as a careless tool would).
private func copy(_ source: String, to target: String, change: (SQLiteConnection) async throws -> Void) async throws {
    try FileManager.default.copyItem(atPath: source, toPath: target)
    let connection = try await SQLiteConnection.open(storage: .file(path: target))
    do {
        try await change(connection)
        try await connection.close()
    } catch {
        try? await connection.close()
        throw error
    }
}

private func postgresSnapshot(_ app: Application) async throws -> [String: [String]] {
    let sql = app.db as! any SQLDatabase
    var snapshot: [String: [String]] = [:]
    let tables = try await sql.raw("SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").all()
        .map { try $0.decode(column: "name", as: String.self) }
    for table in tables {
        snapshot[table] = try await sql.raw("SELECT t::text AS r FROM \(ident: table) t").all().map { try $0.decode(column: "r", as: String.self) }.sorted()
    }
    snapshot["(sequences)"] = try await sql.raw("SELECT sequencename::text || '=' || coalesce(last_value, 0)::text AS r FROM pg_sequences WHERE schemaname = 'public'").all()
        .map { try $0.decode(column: "r", as: String.self) }.sorted()
    return snapshot
}

/// Runs the podium executable built by `swift test` from the checkout.
private func runPodium(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let binary = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("podium")
    let found = FileManager.default.isExecutableFile(atPath: binary.path)
        ? binary
        : URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/podium").standardized
    let process = Process()
    process.executableURL = found
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized
    var environment = ProcessInfo.processInfo.environment
    environment["LOG_LEVEL"] = "error"
    environment.removeValue(forKey: "DATABASE_URL")
    process.environment = environment
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
