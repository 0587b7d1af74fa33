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

    /// The calendar day an instant falls on in a time zone (for "today" in birth-date checks).
    public static func calendarDate(_ instant: Date, timeZone: TimeZone) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: instant)
        return CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)!
    }
}
