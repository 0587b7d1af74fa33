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
    static func parseLocal(_ text: String, zone: TimeZone) -> Date? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "T", with: " ")
        let parts = cleaned.split(separator: " ")
        guard let day = parts.first.flatMap({ CalendarDate(parsing: String($0)) }) else { return nil }
        var hour = 0, minute = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":").compactMap { Int($0) }
            guard clock.count >= 2, (0...23).contains(clock[0]), (0...59).contains(clock[1]) else { return nil }
            (hour, minute) = (clock[0], clock[1])
        } else if parts.count > 2 { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }

    /// The value a datetime-local field shows for an instant.
    static func localValue(_ date: Date?, zone: TimeZone) -> String {
        guard let date else { return "" }
        return DateDisplay.isoMinute(date, timeZone: zone).replacingOccurrences(of: " ", with: "T")
    }

    /// Finds the nominee typed as an employee number or a name: one match, or a message saying why not.
    static func findEmployee(_ text: String, on db: any Database) async throws -> PersonModel {
        let typed = text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { throw PodiumError.invalid("nominee", "error.nomination.personRequired") }
        if let byNumber = try await PersonModel.query(on: db).filter(\.$employeeNumber == typed).first() { return byNumber }
        let byName = try await PersonModel.query(on: db).filter(\.$nameFolded == typed.lowercased())
            .filter(\.$kind == PersonKind.employee.rawValue).limit(6).all()
        if byName.count == 1 { return byName[0] }
        if byName.isEmpty { throw PodiumError.invalid("nominee", "error.nomination.noMatch", ["text": typed]) }
        throw PodiumError.invalid("nominee", "error.nomination.severalMatch",
                                  ["text": typed, "numbers": byName.compactMap(\.employeeNumber).joined(separator: ", ")])
    }

    static func message(_ error: PodiumError, _ req: Request) -> [String] {
        switch error {
        case .validation(let issues): return issues.map { req.t($0.message) }
        case .conflict(let message), .forbidden(let message), .notFound(let message), .badRequest(let message): return [req.t(message)]
        case .tooManyRequests(let message, _): return [req.t(message)]
        case .unauthenticated: return [req.t("problem.unauthenticated.detail")]
        }
    }
}

extension FormView {
    /// The form with its CSRF field, for templates that render it with the form as their whole context.
    func withCSRF(_ req: Request) -> FormView {
        var copy = self
        copy.hidden.append(.init(name: CSRFMiddleware.fieldName, value: req.csrfToken))
        return copy
    }
}
