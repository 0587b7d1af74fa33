import Fluent
import Foundation
import PodiumCore
import Vapor

/// Shared pieces of the relay office pages.
enum RelayOffice {
    static func program(_ req: Request) async throws -> ProgramModel {
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        return try await req.relay.program(slug: req.parameters.get("slug") ?? "")
    }

    /// A clock time typed by an official (`09:41:07`, `9:41:07.3`) on the race day in the race's time zone.
    static func parseClock(_ text: String, program: ProgramModel) -> Int64? {
        RelayReadsCSV.parseTime(text, raceDay: program.firstDay, timeZone: program.zone)
    }

    /// `legs[2].distance` → (2, "distance").
    static func legField(_ field: String) -> (Int, String)? {
        guard field.hasPrefix("legs["), let close = field.firstIndex(of: "]") else { return nil }
        let number = field[field.index(field.startIndex, offsetBy: 5)..<close]
        guard let row = Int(number) else { return nil }
        let rest = field[field.index(after: close)...]
        return rest.hasPrefix(".") ? (row, String(rest.dropFirst())) : nil
    }

    /// `runners[1].chip` → 1.
    static func runnerIndex(_ field: String) -> Int? {
        guard field.hasPrefix("runners["), let close = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(field.startIndex, offsetBy: 8)..<close])
    }

    /// Line-up changes made after the start, newest first, for these teams.
    static func raceDayChanges(_ req: Request, program: ProgramModel, teams: [RelayTeamDTO]) async throws -> [RelayChangeRow] {
        let ids = teams.map { "\($0.id)" }
        guard !ids.isEmpty else { return [] }
        let entries = try await AuditEntryModel.query(on: req.db).filter(\.$entityType == "relay_team").filter(\.$action == "race_day_change")
            .filter(\.$entityID ~~ ids).sort(\.$id, .descending).all()
        let names = Dictionary(uniqueKeysWithValues: teams.map { ("\($0.id)", "\($0.bib) \($0.name)") })
        let zone = program.zone
        return entries.map {
            RelayChangeRow(when: DateDisplay.dateTime($0.at, timeZone: zone, req.language), who: $0.actorName,
                           team: names[$0.entityID] ?? $0.summary, reason: $0.reason ?? "")
        }
    }
}
