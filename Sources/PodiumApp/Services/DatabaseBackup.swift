import Foundation
import NIOCore
import PodiumCore
import FluentSQLiteDriver

/// `podium backup FILE` and `podium restore FILE`: an exact copy of every table (rows, autoincrement
/// counters, the migrations table), taken and put back while `podium serve` keeps running.
///
/// SQLite: `VACUUM INTO` a temporary name next to FILE (a consistent snapshot), then a rename; a restore
/// attaches the backup and replaces every row of every table in one transaction.
/// PostgreSQL: `pg_dump --format=custom`, and `pg_restore --clean --if-exists --single-transaction`.
struct DatabaseBackup: Sendable {
    /// The live database.
    let location: DatabaseLocation
    /// The names of this Podium's migrations, as Fluent records them in `_fluent_migrations`.
    let migrations: [String]

    struct Summary: Sendable, Equatable {
        var tables: Int
        var rows: Int?
        var line: String { rows.map { "\(tables) tables, \($0) rows" } ?? "\(tables) tables" }
    }

    /// A problem a person can act on: what is wrong and where. Nothing was changed.
    struct Failure: Error, CustomStringConvertible, Equatable {
        let message: String
        init(_ message: String) { self.message = message }
        var description: String { message }
    }

    static let migrationsTable = "_fluent_migrations"

    // MARK: Backup

    func backup(to file: String, force: Bool) async throws -> Summary {
        let target = URL(fileURLWithPath: file).standardizedFileURL
        if case .sqliteFile(let path) = location, URL(fileURLWithPath: path).standardizedFileURL == target {
            throw Failure("\(file) is the live database itself; name another file for the backup.")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw Failure("\(file) is a folder; name the backup file to write, such as \(file)/podium-backup.sqlite.") }
            if !force { throw Failure("\(file) already exists; choose another name, or add --force to replace it.") }
        }
        let folder = target.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure("The folder \(folder.path) does not exist; create it first or choose another place for \(file).")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw Failure("The folder \(folder.path) is not writable; cannot write \(file) there.")
        }
        // Written under a temporary name next to FILE and renamed at the end: an interrupted backup
        // never carries FILE's name.
        let partial = folder.appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: partial) }
        let summary: Summary
        switch location {
        case .sqliteFile(let path):
            summary = try await sqliteBackup(database: path, into: partial.path)
        case .postgres(let url):
            summary = try await postgresBackup(url: url, into: partial.path)
        case .sqliteMemory:
            throw Failure("An in-memory database cannot be backed up; name the database with --database PATH or DATABASE_URL.")
        }
        guard rename(partial.path, target.path) == 0 else {
            throw Failure("Could not name the backup \(file): \(String(cString: strerror(errno))).")
        }
        return summary
    }

    private func sqliteBackup(database path: String, into partial: String) async throws -> Summary {
        guard FileManager.default.fileExists(atPath: path) else {
            throw Failure("There is no database at \(path); name the database with --database PATH or DATABASE_URL.")
        }
        try Self.requireSQLiteFile(path, role: "The database")
        let live = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            guard try await Self.tables(live, schema: "main").contains(Self.migrationsTable) else {
                throw Failure("\(path) is an SQLite database but not a Podium database (it has no \(Self.migrationsTable) table); nothing was backed up.")
            }
            // A read transaction of its own: a consistent snapshot while the server goes on writing.
            _ = try await live.query("VACUUM INTO ?", [.text(partial)])
            try await live.close()
        } catch {
            try? await live.close()
            if error is Failure { throw error }
            throw Failure("Could not back up \(path): \(Self.describe(error))")
        }
        let copy = try await SQLiteConnection.open(storage: .file(path: partial))
        do {
            let summary = try await Self.count(copy, schema: "main")
            try await copy.close()
            return summary
        } catch {
            try? await copy.close()
            throw Failure("The backup written to \(partial) cannot be read back: \(Self.describe(error))")
        }
    }

    private func postgresBackup(url: String, into partial: String) async throws -> Summary {
        let pgDump = try Self.postgresTool("pg_dump")
        let result = try Self.run(pgDump, ["--format=custom", "--no-owner", "--no-privileges", "--file=\(partial)", "--dbname=\(url)"])
        guard result.status == 0 else {
            throw Failure("pg_dump could not back up the database: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let tables = try Self.postgresArchiveTables(partial)
        return Summary(tables: tables.count, rows: nil)
    }

    // MARK: Restore

    /// Checks FILE, then `prepare` (the command migrates the live database to this Podium's version),
    /// then replaces every row. `prepare` runs only when FILE is a backup this Podium can restore.
    func restore(from file: String, prepare: @Sendable () async throws -> Void) async throws -> Summary {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw Failure("There is no backup file at \(file).")
        }
        if isDirectory.boolValue { throw Failure("\(file) is a folder, not a backup file.") }
        guard FileManager.default.isReadableFile(atPath: file) else { throw Failure("\(file) is not readable.") }
        switch location {
        case .sqliteFile(let path):
            guard URL(fileURLWithPath: path).standardizedFileURL != URL(fileURLWithPath: file).standardizedFileURL else {
                throw Failure("\(file) is the live database itself; restore a backup file into it.")
            }
            try Self.requireSQLiteFile(file, role: "The backup", postgresHint: true)
            try checkMigrations(try await Self.sqliteMigrations(file), file: file)
            try await prepare()
            return try await sqliteRestore(database: path, from: file)
        case .postgres(let url):
            let header = Self.header(of: file, count: 16)
            if header.starts(with: Array("SQLite format 3".utf8)) {
                throw Failure("\(file) is an SQLite backup, but this Podium uses PostgreSQL; restore it into an SQLite database with --database PATH.")
            }
            guard header.starts(with: Array("PGDMP".utf8)) else {
                throw Failure("\(file) is not a PostgreSQL backup made by podium backup (pg_dump --format=custom).")
            }
            try checkMigrations(try Self.postgresArchiveMigrations(file), file: file)
            try await prepare()
            return try await postgresRestore(url: url, from: file)
        case .sqliteMemory:
            throw Failure("Cannot restore into an in-memory database; name the database with --database PATH or DATABASE_URL.")
        }
    }

    /// The backup must have exactly this Podium's migrations.
    func checkMigrations(_ names: [String]?, file: String) throws {
        guard let names else {
            throw Failure("\(file) is not a Podium backup (it has no \(Self.migrationsTable) table); nothing was restored.")
        }
        let ours = Set(migrations), theirs = Set(names)
        let unknown = names.filter { !ours.contains($0) }
        if !unknown.isEmpty {
            throw Failure("\(file) was made by a newer Podium (it has migrations this Podium does not know: \(Self.short(unknown))); upgrade Podium, then restore it.")
        }
        let missing = migrations.filter { !theirs.contains($0) }
        if !missing.isEmpty {
            throw Failure("\(file) was made by an older Podium (it lacks \(missing.count) migration(s): \(Self.short(missing))). To bring it up to date: restore it with the Podium that made it, or start this Podium once on a copy of it (podium serve --database COPY for SQLite; pg_restore into an empty PostgreSQL database and serve that), then back that up and restore the new backup.")
        }
    }

    private func sqliteRestore(database path: String, from file: String) async throws -> Summary {
        let live = try await SQLiteConnection.open(storage: .file(path: path))
        do {
            let summary = try await Self.replaceAll(live, from: file)
            try await live.close()
            return summary
        } catch {
            try? await live.close()
            if error is Failure { throw error }
            throw Failure("Could not restore \(file) into \(path); nothing was changed: \(Self.describe(error))")
        }
    }

    /// In one transaction: every row of every table of `main` replaced by the backup's, and the
    /// autoincrement counters with them. Any failure rolls everything back.
    private static func replaceAll(_ live: SQLiteConnection, from file: String) async throws -> Summary {
        // Off for this connection (RESTRICT and CASCADE act row by row, whatever the order), and checked
        // as a whole before COMMIT instead.
        _ = try await live.query("PRAGMA foreign_keys = OFF")
        _ = try await live.query("ATTACH DATABASE ? AS podium_backup", [.text(file)])
        var began = false
        do {
            let liveTables = try await tables(live, schema: "main")
            let backupTables = try await tables(live, schema: "podium_backup")
            if Set(liveTables) != Set(backupTables) {
                let extra = backupTables.filter { !liveTables.contains($0) }, missing = liveTables.filter { !backupTables.contains($0) }
                throw Failure("\(file) does not have this database's tables (only in the backup: \(short(extra)); missing from it: \(short(missing))); nothing was restored.")
            }
            _ = try await live.query("BEGIN IMMEDIATE")
            began = true
            var rows = 0
            for table in liveTables {
                let columns = try await self.columns(live, table: table, schema: "main")
                let list = columns.map(quote).joined(separator: ", ")
                _ = try await live.query("DELETE FROM main.\(quote(table))")
                _ = try await live.query("INSERT INTO main.\(quote(table)) (\(list)) SELECT \(list) FROM podium_backup.\(quote(table))")
                rows += try await live.query("SELECT count(*) AS n FROM main.\(quote(table))").first?.column("n")?.integer ?? 0
            }
            if try await hasSequenceTable(live, schema: "main") {
                _ = try await live.query("DELETE FROM main.sqlite_sequence")
                if try await hasSequenceTable(live, schema: "podium_backup") {
                    _ = try await live.query("INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM podium_backup.sqlite_sequence")
                }
            }
            if let broken = try await live.query("PRAGMA main.foreign_key_check").first {
                let table = broken.column("table")?.string ?? "?", parent = broken.column("parent")?.string ?? "?"
                throw Failure("\(file) has a row in \(table) that refers to a missing row of \(parent); nothing was restored.")
            }
            _ = try await live.query("COMMIT")
            began = false
            _ = try await live.query("DETACH DATABASE podium_backup")
            return Summary(tables: liveTables.count, rows: rows)
        } catch {
            if began { _ = try? await live.query("ROLLBACK") }
            _ = try? await live.query("DETACH DATABASE podium_backup")
            throw error
        }
    }

    private func postgresRestore(url: String, from file: String) async throws -> Summary {
        let pgRestore = try Self.postgresTool("pg_restore")
        let result = try Self.run(pgRestore, ["--clean", "--if-exists", "--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", "--dbname=\(url)", file])
        guard result.status == 0 else {
            throw Failure("pg_restore could not restore \(file); nothing was changed: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return Summary(tables: try Self.postgresArchiveTables(file).count, rows: nil)
    }

    // MARK: SQLite helpers

    static func header(of file: String, count: Int) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: file) else { return [] }
        defer { try? handle.close() }
        return Array((try? handle.read(upToCount: count)) ?? Data())
    }

    static func requireSQLiteFile(_ file: String, role: String, postgresHint: Bool = false) throws {
        let header = header(of: file, count: 16)
        if postgresHint, header.starts(with: Array("PGDMP".utf8)) {
            throw Failure("\(file) is a PostgreSQL backup, but this Podium uses SQLite; restore it into PostgreSQL with DATABASE_URL=postgres://….")
        }
        guard header == Array("SQLite format 3\0".utf8) else {
            throw Failure("\(role) \(file) is not an SQLite database.")
        }
    }

    /// The backup's applied migrations, or nil when it has no migrations table.
    static func sqliteMigrations(_ file: String) async throws -> [String]? {
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: file))
        } catch {
            throw Failure("Cannot open \(file) as an SQLite database: \(describe(error))")
        }
        do {
            var names: [String]?
            if try await tables(connection, schema: "main").contains(migrationsTable) {
                names = try await connection.query("SELECT name FROM \(quote(migrationsTable)) ORDER BY rowid").compactMap { $0.column("name")?.string }
            }
            try await connection.close()
            return names
        } catch {
            try? await connection.close()
            throw Failure("\(file) is not a readable SQLite database: \(describe(error))")
        }
    }

    /// The tables of `schema`, SQLite's own left out.
    static func tables(_ connection: SQLiteConnection, schema: String) async throws -> [String] {
        try await connection.query("SELECT name FROM \(quote(schema)).sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            .compactMap { $0.column("name")?.string }
    }

    static func columns(_ connection: SQLiteConnection, table: String, schema: String) async throws -> [String] {
        try await connection.query("SELECT name FROM pragma_table_info(?, ?) ORDER BY cid", [.text(table), .text(schema)])
            .compactMap { $0.column("name")?.string }
    }

    static func hasSequenceTable(_ connection: SQLiteConnection, schema: String) async throws -> Bool {
        try await !connection.query("SELECT 1 FROM \(quote(schema)).sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'").isEmpty
    }

    static func count(_ connection: SQLiteConnection, schema: String) async throws -> Summary {
        let names = try await tables(connection, schema: schema)
        var rows = 0
        for table in names {
            rows += try await connection.query("SELECT count(*) AS n FROM \(quote(schema)).\(quote(table))").first?.column("n")?.integer ?? 0
        }
        return Summary(tables: names.count, rows: rows)
    }

    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func short(_ names: [String]) -> String {
        let plain = names.map { $0.split(separator: ".").last.map(String.init) ?? $0 }
        return plain.count > 5 ? plain.prefix(5).joined(separator: ", ") + " and \(plain.count - 5) more" : plain.joined(separator: ", ")
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return error.message }
        return String(describing: error)
    }

    // MARK: PostgreSQL helpers

    /// pg_dump / pg_restore on PATH, or in Debian's /usr/lib/postgresql/VERSION/bin (newest first).
    static func postgresTool(_ name: String) throws -> String {
        var candidates: [String] = []
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(folder)/\(name)")
        }
        let debian = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: debian)) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        candidates += versions.map { "\(debian)/\($0)/bin/\(name)" }
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
        throw Failure("\(name) was not found on PATH nor in /usr/lib/postgresql/*/bin; install PostgreSQL's client tools (Debian: apt-get install postgresql-client) to back up or restore a PostgreSQL database.")
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String, stdout: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // Errors go to a file, so a large output on one stream never blocks the other.
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("podium-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errors) }
        let errorHandle = try FileHandle(forWritingTo: errors)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorHandle
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errorHandle.close()
        let output = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, stdout)
    }

    /// The tables whose data the archive holds.
    static func postgresArchiveTables(_ file: String) throws -> [String] {
        let result = try run(try postgresTool("pg_restore"), ["--list", file])
        guard result.status == 0 else {
            throw Failure("\(file) is not a readable PostgreSQL backup: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix(";"), let range = line.range(of: " TABLE DATA ") else { return nil }
            return line[range.upperBound...].split(separator: " ").dropFirst().first.map(String.init)
        }
    }

    /// The migrations recorded in the archive's `_fluent_migrations`, or nil when it has none.
    static func postgresArchiveMigrations(_ file: String) throws -> [String]? {
        guard try postgresArchiveTables(file).contains(migrationsTable) else { return nil }
        let result = try run(try postgresTool("pg_restore"), ["--data-only", "--table=\(migrationsTable)", "--file=-", file])
        guard result.status == 0 else {
            throw Failure("\(file) is not a readable PostgreSQL backup: \(result.output.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var names: [String] = []
        var nameIndex: Int?
        for line in String(decoding: result.stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if nameIndex == nil {
                guard line.hasPrefix("COPY "), let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")") else { continue }
                let columns = line[line.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                nameIndex = columns.firstIndex(of: "name")
                if nameIndex == nil { return [] }
                continue
            }
            if line == "\\." { break }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if let nameIndex, nameIndex < fields.count { names.append(String(fields[nameIndex])) }
        }
        return names
    }
}
