import Fluent
import Foundation
import PodiumCore
import Vapor

/// Shared pieces of the recognition back-office pages.
enum RecognitionOffice {
    static func program(_ req: Request) async throws -> ProgramModel {
        guard req.actor.isAuthenticated else { throw PodiumError.unauthenticated }
        return try await req.recognition.program(slug: req.parameters.get("slug") ?? "")
    }

    /// `2021-01-15T18:00` (a datetime-local field) or `2021-01-15 18:00`, in the program's time zone.
    static func parseLocal(_ text: String, zone: TimeZone) -> Date? { DateDisplay.parseLocal(text, timeZone: zone) }

    /// The value a datetime-local field shows for an instant.
    static func localValue(_ date: Date?, zone: TimeZone) -> String {
        guard let date else { return "" }
        return DateDisplay.isoMinute(date, timeZone: zone).replacingOccurrences(of: " ", with: "T")
    }

    /// An error as the sentences a page shows in place, worded as everywhere else (`MappedError`).
    static func message(_ error: PodiumError, _ req: Request) -> [String] {
        let mapped = MappedError.from(error)
        if !mapped.fieldIssues.isEmpty { return mapped.fieldIssues.map { req.t($0.message) } }
        return [req.t(mapped.detail ?? mapped.title)]
    }
}

