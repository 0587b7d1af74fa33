import Foundation
import PodiumCore
import Vapor

/// `podium import people FILE.csv`: the roster import from the command line. Prints each rejected
/// row with its line number, then `imported N, updated M, unchanged U, rejected R`; exits 1 when R > 0.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "What to import: people")
        var what: String

        @Argument(name: "file", help: "The CSV file (UTF-8, comma or semicolon separated, header row in English or Chinese)")
        var file: String
    }

    var help: String { "Imports a roster: podium import people FILE.csv" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard signature.what == "people" else {
            context.console.error("Unknown import '\(signature.what)'. Use: podium import people FILE.csv")
            app.exitStatus = 2
            return
        }
        let url = URL(fileURLWithPath: signature.file)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            context.console.error("Cannot read \(signature.file): no such file, or it is not readable.")
            app.exitStatus = 2
            return
        }
        let localizer = app.localizer
        let service = RosterImportService(db: app.db, clock: app.clock, today: app.today)
        do {
            let report = try await service.run(data, fileName: url.lastPathComponent, by: .system("import command"))
            for rejection in report.rejections {
                let reasons = rejection.reasons.map { localizer.message($0, .en) }.joined(separator: "; ")
                context.console.output("line \(rejection.line): \(reasons)".consoleText(.warning))
            }
            if !report.ignoredColumns.isEmpty {
                context.console.output("ignored columns: \(report.ignoredColumns.joined(separator: ", "))".consoleText(.info))
            }
            if report.unitsCreated > 0 {
                context.console.output("created \(report.unitsCreated) unit(s)".consoleText(.info))
            }
            context.console.output(report.summaryLine.consoleText())
            app.exitStatus = report.rejections.isEmpty ? 0 : 1
        } catch let error as PodiumError {
            switch error {
            case .validation(let issues):
                for issue in issues { context.console.error(localizer.message(issue.message, .en)) }
            case .badRequest(let message):
                context.console.error(localizer.message(message, .en))
            default:
                context.console.error(String(describing: error))
            }
            context.console.output("imported 0, updated 0, unchanged 0, rejected 0".consoleText())
            app.exitStatus = 2
        }
    }
}
