import Foundation
import Vapor

/// `podium restore FILE`: replaces every row of the database (--database PATH or DATABASE_URL) with the
/// backup's, in one transaction, while the server runs. The backup must come from this Podium version.
/// Prints `restored N tables, R rows from FILE`; on any problem says what is wrong and changes nothing.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A file written by podium backup")
        var file: String
    }

    var help: String { "Restores a backup into the database: podium restore FILE" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let service = DatabaseBackup(location: app.podiumConfig.database, migrations: MigrationList.names)
        do {
            // A fresh database gets this Podium's tables first; one in use already has them.
            let summary = try await service.restore(from: signature.file, prepare: { try await DatabaseSetup.prepare(app) })
            context.console.output("restored \(summary.line) from \(signature.file)".consoleText())
        } catch let failure as DatabaseBackup.Failure {
            context.console.error(failure.message)
            app.exitStatus = 1
        }
    }
}
