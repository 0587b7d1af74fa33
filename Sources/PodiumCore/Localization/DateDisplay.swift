import Foundation

/// Dates and times as each language writes them: `2023年11月18日 14:05` or `18 Nov 2023, 14:05`.
/// Times are 24-hour and shown in the program's (or server's) time zone.
public enum DateDisplay {
    private static let englishMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func date(_ date: CalendarDate, _ language: Language) -> String {
        switch language {
        case .en: return "\(date.day) \(englishMonths[date.month - 1]) \(date.year)"
        case .zhHans: return "\(date.year)年\(date.month)月\(date.day)日"
        }
    }

    public static func dateRange(_ start: CalendarDate, _ end: CalendarDate?, _ language: Language) -> String {
        guard let end, end != start else { return date(start, language) }
        return "\(date(start, language)) – \(date(end, language))"
    }

    public static func dateTime(_ instant: Date, timeZone: TimeZone, _ language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        guard let day = CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) else { return "" }
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        switch language {
        case .en: return "\(date(day, language)), \(time)"
        case .zhHans: return "\(date(day, language)) \(time)"
        }
    }

    /// `2021-01-15 18:00`: readable in every language, for messages built before the reader's language is known.
    public static func isoMinute(_ instant: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0)
    }

    /// Reads a local date and time as typed or sent by a `datetime-local` field: `2021-01-15T18:00`, `2021-01-15 18:00`,
    /// or a date alone (midnight). Nil when unreadable or impossible.
    public static func parseLocal(_ text: String, timeZone: TimeZone) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "T", with: " ").split(separator: " ")
        guard (1...2).contains(parts.count), let day = CalendarDate(parsing: String(parts[0])) else { return nil }
        var hour = 0, minute = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
            guard (2...3).contains(clock.count), let h = clock[0], let m = clock[1], (0...23).contains(h), (0...59).contains(m) else { return nil }
            (hour, minute) = (h, m)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute))
    }

    /// The calendar day an instant falls on in a time zone (for "today" in birth-date checks).
    public static func calendarDate(_ instant: Date, timeZone: TimeZone) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)!
    }
}
