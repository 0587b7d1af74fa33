import Foundation
import Vapor

/// `podium backup FILE [--force]`: an exact copy of the database (the one `podium serve` uses: --database
/// PATH or DATABASE_URL), taken while the server runs. Prints `backed up N tables, R rows to FILE`.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "The backup file to write; it must not exist yet")
        var file: String

        @Flag(name: "force", help: "Replace FILE when it exists")
        var force: Bool
    }

    var help: String { "Backs up the database: podium backup FILE [--force]" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let service = DatabaseBackup(location: app.podiumConfig.database, migrations: MigrationList.names)
        do {
            let summary = try await service.backup(to: signature.file, force: signature.force)
            context.console.output("backed up \(summary.line) to \(signature.file)".consoleText())
        } catch let failure as DatabaseBackup.Failure {
            context.console.error(failure.message)
            app.exitStatus = 1
        }
    }
}
