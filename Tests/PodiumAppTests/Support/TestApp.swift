import Fluent
import Foundation
import NIOConcurrencyHelpers
import PodiumCore
import SQLKit
import Testing
import VaporTesting
@testable import PodiumApp

/// The one test helper: a fresh, migrated app on in-memory SQLite, or on the PostgreSQL database named
/// by `PODIUM_TEST_DATABASE_URL` (wiped first; tests then take turns, since they share it).
func withPodium(_ test: (Application) async throws -> Void) async throws {
    let postgresURL = ProcessInfo.processInfo.environment["PODIUM_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    if postgresURL != nil { await PostgresTurn.shared.acquire() }
    defer { if postgresURL != nil { PostgresTurn.shared.release() } }
    try await withTestApp(postgresURL.map { .postgres($0) } ?? .sqliteMemory, wipe: postgresURL != nil, test)
}

/// An app on an SQLite file, migrated and with the first administrator, as `podium serve` starts.
func withFilePodium(_ path: String, _ test: (Application) async throws -> Void) async throws {
    try await withTestApp(.sqliteFile(path), wipe: false, test)
}

private func withTestApp(_ database: DatabaseLocation, wipe: Bool, _ test: (Application) async throws -> Void) async throws {
    // Each test keeps its uploads in a folder of its own, removed afterwards.
    let uploads = FileManager.default.temporaryDirectory.appendingPathComponent("podium-uploads-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: uploads) }
    try await withApp(configure: { app in
        var config = PodiumConfig()
        config.database = database
        config.bcryptCost = 4
        // Live streams end quickly so a test can read a whole one.
        config.liveStreamSeconds = 1
        config.liveRefreshSeconds = 1
        config.liveCoalesceMilliseconds = 10
        // Tests change the clock and write through services as well as over HTTP: the page cache is tested on its own.
        config.pageCacheSeconds = 0
        config.liveListen = false
        config.adminEmail = TestUsers.adminEmail
        config.adminPassword = TestUsers.adminPassword
        config.autoMigrate = false
        config.uploadsDirectory = uploads.path
        app.logger.logLevel = .warning
        try await configure(app, config: config)
        if wipe, let sql = app.db as? any SQLDatabase {
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await startUp(app)
    }, test)
}

enum TestUsers {
    static let adminEmail = "admin@test.podium"
    static let adminPassword = "admin-password-1"
}

/// Serializes tests on a shared PostgreSQL database.
final class PostgresTurn: Sendable {
    static let shared = PostgresTurn()
    private let state = NIOLockedValueBox<(busy: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func acquire() async {
        await withCheckedContinuation { continuation in
            let runNow = state.withLockedValue { state -> Bool in
                if state.busy { state.waiters.append(continuation); return false }
                state.busy = true
                return true
            }
            if runNow { continuation.resume() }
        }
    }

    func release() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty { state.busy = false; return nil }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
