import Foundation
import Logging
import FluentPostgresDriver
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Carries change signals between processes sharing one PostgreSQL: every audited write sends
/// `NOTIFY podium_live` in its own transaction (delivered only if it commits), and every process listens on
/// a connection of its own and tells its hub. A lost connection is opened again; what was missed meanwhile
/// is caught by signalling a change on reconnecting.
final class LiveListener: LifecycleHandler, Sendable {
    static let channel = "podium_live"

    private let url: String
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)
    private let connected = NIOLockedValueBox(false)

    init(url: String) {
        self.url = url
    }

    var isListening: Bool { connected.withLockedValue { $0 } }

    func didBootAsync(_ application: Application) async throws {
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let hub = application.liveHub
        let logger = application.logger
        let connected = self.connected
        let running = Task {
            var pause = Duration.milliseconds(250)
            var attempt = 0
            while !Task.isCancelled {
                do {
                    attempt += 1
                    let connection = try await PostgresConnection.connect(configuration: configuration, id: attempt, logger: logger)
                    defer { connected.withLockedValue { $0 = false }; Task { try? await connection.close() } }
                    try await connection.listen(on: Self.channel) { notifications in
                        connected.withLockedValue { $0 = true }
                        pause = .milliseconds(250)
                        hub.changed()
                        for try await _ in notifications { hub.changed() }
                    }
                } catch {
                    if Task.isCancelled { return }
                    logger.warning("Live updates from other processes paused: \(String(reflecting: error)); retrying.")
                }
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(10))
            }
        }
        task.withLockedValue { $0 = running }
    }

    func shutdownAsync(_ application: Application) async {
        task.withLockedValue { $0?.cancel(); $0 = nil }
    }

    /// Sends the signal from inside a write's transaction; a no-op on SQLite, which has one process.
    static func notify(on db: any SQLDatabase) async throws {
        guard db.dialect.name == "postgresql" else { return }
        try await db.raw("SELECT pg_notify('\(unsafeRaw: channel)', '')").run()
    }
}
