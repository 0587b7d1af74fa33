import Foundation
import Logging

/// `--demo` starts from nothing: the demo SQLite file is removed first. A database given
/// explicitly is never removed; the seeder refuses to fill one that already holds data.
enum DemoDatabase {
    static func prepareFresh(_ location: DatabaseLocation, logger: Logger) throws {
        guard case .sqliteFile(let path) = location, path == PodiumConfig.demoDatabasePath else { return }
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.removeItem(atPath: path + suffix)
        }
        logger.notice("Demo mode: starting on a fresh \(path)")
    }
}
