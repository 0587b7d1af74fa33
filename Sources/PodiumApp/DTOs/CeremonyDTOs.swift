import Foundation
import PodiumCore
import Vapor

/// One item of a conference's running order.
struct AgendaItemDTO: Content, Equatable {
    let id: Int
    let programId: Int
    /// 1 for the first item.
    let position: Int
    /// `HH:mm` in the program's time zone; nil when the item follows the one before.
    let startsAt: String?
    let kind: AgendaItemKind
    let title: String
    let speaker: String?
    let version: Int
}

/// An agenda item as an organizer sends it. On creation `kind` and `title` are needed; on an update the
/// version is, and omitted fields keep their value (send `""` to clear `startsAt` or `speaker`).
/// `position` (1-based) moves the item; the others close up around it.
struct AgendaItemInput: Content {
    var startsAt: String?
    var kind: String?
    var title: String?
    var speaker: String?
    var position: Int?
    var version: Int?
}

struct AttendeeDTO: Content, Equatable {
    let id: Int
    let programId: Int
    /// The roster entry, or nil for a guest typed in by name.
    let personId: Int?
    let employeeNumber: String?
    let name: String
    let group: AttendeeGroup
    let unitName: String?
    let seat: String?
    let checkedInAt: Date?
    let checkedInBy: String?
    let version: Int
}

/// Someone to expect: from the roster (`personId`; name and unit come from the person), or a guest by `name`.
struct AttendeeInput: Content {
    var personId: Int?
    var name: String?
    var group: String?
    var unitName: String?
    var seat: String?
}

/// A check-in or its undoing; with `version`, a stale one is refused.
struct CheckInInput: Content {
    var version: Int?
}

struct AttendanceCountDTO: Content, Equatable {
    /// Nil on the total.
    let group: AttendeeGroup?
    let expected: Int
    let checkedIn: Int
}

/// The attendee list, sorted by group then name, with the counts per group and the total.
struct AttendeeListDTO: Content, Equatable {
    let attendees: [AttendeeDTO]
    let counts: [AttendanceCountDTO]
    let total: AttendanceCountDTO
}
