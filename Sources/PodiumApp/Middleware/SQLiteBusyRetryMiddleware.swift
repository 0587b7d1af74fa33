import FluentSQLiteDriver
import Vapor

/// SQLite lets one connection write at a time, and Fluent opens transactions deferred: a transaction that
/// read before another connection committed cannot write any more (`SQLITE_BUSY_SNAPSHOT`), and no busy
/// handler can fix that. Its work was rolled back, so the request is run again from the start, a few times,
/// instead of failing with a 500. PostgreSQL never raises this error.
struct SQLiteBusyRetryMiddleware: AsyncMiddleware {
    var attempts = 8

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var attempt = 1
        while true {
            do {
                return try await next.respond(to: request)
            } catch let error as SQLiteError where Self.isBusy(error) && attempt < attempts && Self.canReplay(request) {
                request.logger.notice("SQLite was busy (\(error.reason)); running the request again (attempt \(attempt + 1) of \(attempts))")
                attempt += 1
                // Exponential backoff with jitter (10, 20, 40 … 320 ms): the other writer's transaction is usually
                // done within milliseconds, but a large import on a slow machine can hold the lock longer.
                let ceiling = 10 << min(attempt - 2, 5)
                try await Task.sleep(for: .milliseconds(Int.random(in: ceiling / 2...ceiling)))
            }
        }
    }

    static func isBusy(_ error: SQLiteError) -> Bool {
        switch error.reason {
        case .busy, .busyInSnapshot, .busyTimeout, .busyInRecovery, .locked: true
        default: false
        }
    }

    /// A body read as it streamed in cannot be read a second time.
    static func canReplay(_ request: Request) -> Bool {
        request.body.data != nil || (request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0) == 0
    }
}
