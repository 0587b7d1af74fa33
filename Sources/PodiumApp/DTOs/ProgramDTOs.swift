import PodiumCore
import Vapor

struct ProgramDTO: Content, Equatable {
    let id: Int
    let kind: ProgramKind
    let slug: String
    let edition: Int?
    let name: String
    let theme: String
    let startDate: CalendarDate
    let endDate: CalendarDate?
    let venue: String
    let timeZone: String
    let status: ProgramStatus
    let version: Int
    /// The public page, `/p/{slug}`.
    let url: String
}

struct ProgramInput: Content {
    var kind: ProgramKind
    var slug: String
    var edition: Int?
    var name: String
    var theme: String?
    var startDate: CalendarDate?
    var endDate: CalendarDate?
    var venue: String?
    var timeZone: String?
    var version: Int?

    var draft: ProgramDraft {
        ProgramDraft(kind: kind, slug: slug.trimmingCharacters(in: .whitespaces), edition: edition,
                     name: name.collapsingWhitespace, theme: (theme ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                     startDate: startDate, endDate: endDate, venue: (venue ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                     timeZone: (timeZone ?? "").trimmingCharacters(in: .whitespaces).nilIfEmpty ?? "Asia/Shanghai")
    }
}

struct StatusChangeInput: Content {
    var status: ProgramStatus
    var version: Int
}
