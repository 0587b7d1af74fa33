import Foundation
import Vapor
import Logging

/// Starts Podium from the command line: reads the configuration, builds the app, runs the command.
public enum PodiumMain {
    public static func run() async -> Int32 {
        do {
            var env = try Environment.detect()
            let (loaded, rest) = try PodiumConfig.load(arguments: env.arguments, environment: ProcessInfo.processInfo.environment)
            var config = loaded
            // Backup and restore manage the database themselves: no migration, no first administrator.
            if let command = rest.dropFirst().first, ["backup", "restore"].contains(command) { config.autoMigrate = false }
            env.arguments = rest
            try LoggingSystem.bootstrap(from: &env)
            let app = try await Application.make(env)
            var status: Int32 = 0
            do {
                try await configure(app, config: config)
                try await app.execute()
                status = app.exitStatus
            } catch {
                app.logger.report(error: error)
                FileHandle.standardError.write(Data("\(describe(error))\n".utf8))
                status = 1
            }
            try? await app.asyncShutdown()
            return status
        } catch {
            FileHandle.standardError.write(Data("\(describe(error))\n".utf8))
            return 1
        }
    }

    private static func describe(_ error: any Error) -> String {
        String(describing: error)
    }
}

extension Application {
    private struct ExitStatusKey: StorageKey { typealias Value = Int32 }

    /// The process exit status a command asks for (the import command exits 1 when rows were rejected).
    public var exitStatus: Int32 {
        get { storage[ExitStatusKey.self] ?? 0 }
        set { storage[ExitStatusKey.self] = newValue }
    }
}
