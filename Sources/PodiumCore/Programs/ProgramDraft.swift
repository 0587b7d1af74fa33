import Foundation

/// The fields of a program an organizer sets, checked as a whole.
public struct ProgramDraft: Sendable, Equatable {
    public var kind: ProgramKind
    public var slug: String
    public var edition: Int?
    public var name: String
    public var theme: String
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var venue: String
    public var timeZone: String

    public init(kind: ProgramKind, slug: String, edition: Int?, name: String, theme: String = "",
                startDate: CalendarDate?, endDate: CalendarDate?, venue: String = "", timeZone: String) {
        self.kind = kind
        self.slug = slug
        self.edition = edition
        self.name = name
        self.theme = theme
        self.startDate = startDate
        self.endDate = endDate
        self.venue = venue
        self.timeZone = timeZone
    }

    public static let maxNameLength = 200
    public static let maxTextLength = 500

    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        if let slugIssue = Slug.issue(for: slug) { issues.append(slugIssue) }
        let trimmedName = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmedName.isEmpty {
            issues.append(FieldIssue("name", "error.program.nameRequired"))
        } else if trimmedName.count > Self.maxNameLength {
            issues.append(FieldIssue("name", "error.program.nameTooLong", ["max": "\(Self.maxNameLength)"]))
        }
        if theme.count > Self.maxTextLength { issues.append(FieldIssue("theme", "error.text.tooLong", ["max": "\(Self.maxTextLength)"])) }
        if venue.count > Self.maxTextLength { issues.append(FieldIssue("venue", "error.text.tooLong", ["max": "\(Self.maxTextLength)"])) }
        if let edition, !(1...1000).contains(edition) {
            issues.append(FieldIssue("edition", "error.program.editionRange"))
        }
        if startDate == nil { issues.append(FieldIssue("startDate", "error.program.startDateRequired")) }
        if let startDate, let endDate, endDate < startDate {
            issues.append(FieldIssue("endDate", "error.program.endBeforeStart", ["start": startDate.iso, "end": endDate.iso]))
        }
        if TimeZone(identifier: timeZone) == nil {
            issues.append(FieldIssue("timeZone", "error.program.timeZoneUnknown", ["value": timeZone]))
        }
        return issues
    }
}
