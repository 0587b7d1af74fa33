import Foundation
import PodiumCore
import Vapor

/// A count of the attendance, as the pages show it: "Leaders · 3 of 5".
struct CeremonyCountView: Encodable {
    let label: String
    let value: String
    let complete: Bool
}

/// One attendee on the ceremony page or at the door.
struct CeremonyAttendeeRow: Encodable {
    let id: Int
    let name: String
    let group: String
    let groupCode: String
    let unit: String?
    let seat: String?
    let employeeNumber: String?
    let checkedIn: Bool
    /// "Checked in 13:52 · Door A".
    let checkedInText: String?
    let version: Int
    /// Lower-cased words the door page's script filters on.
    let search: String
    /// Set on the row a refused action was about.
    let error: String?
}

/// `/admin/recognition/{slug}/ceremony`: the running order and the attendee list.
struct CeremonyPageContext: Encodable {
    struct AgendaRow: Encodable {
        let id: Int
        let position: Int
        let time: String
        let kind: String
        let kindCode: String
        let title: String
        let speaker: String?
        let version: Int
        let isFirst: Bool
        let isLast: Bool
        /// The edit form, open when it came back with problems.
        let form: AgendaForm
        let error: String?
    }
    /// An agenda item's fields as typed, with each problem next to its field.
    struct AgendaForm: Encodable {
        let action: String
        let prefix: String
        let startsAt: String
        let kinds: [RelayOption]
        let title: String
        let speaker: String
        let version: Int?
        let startsAtError: String?
        let kindError: String?
        let titleError: String?
        let speakerError: String?
        let errors: [String]
        let open: Bool
    }
    struct Candidate: Encodable {
        let id: Int
        let label: String
        let listed: Bool
        let selected: Bool
    }
    struct RosterForm: Encodable {
        let find: String
        let searched: Bool
        let candidates: [Candidate]
        let groups: [RelayOption]
        let seat: String
        let personError: String?
        let groupError: String?
        let seatError: String?
        let errors: [String]
        let resultNote: String?
    }
    struct GuestForm: Encodable {
        let name: String
        let unitName: String
        let groups: [RelayOption]
        let seat: String
        let nameError: String?
        let unitNameError: String?
        let groupError: String?
        let seatError: String?
        let errors: [String]
    }

    let page: PageContext
    let program: ProgramView
    let back: String
    let backLabel: String
    let isOrganizer: Bool
    let checkInLink: String
    let publicLink: String
    let agenda: [AgendaRow]
    let agendaErrors: [String]
    let addItem: AgendaForm?
    let counts: [CeremonyCountView]
    let total: CeremonyCountView
    let attendees: [CeremonyAttendeeRow]
    let attendeeErrors: [String]
    let roster: RosterForm?
    let guest: GuestForm?
}

/// `/admin/recognition/{slug}/check-in`: the phone page at the door.
struct CeremonyCheckInContext: Encodable {
    let page: PageContext
    let program: ProgramView
    let back: String
    let query: String
    let total: CeremonyCountView
    let counts: [CeremonyCountView]
    let attendees: [CeremonyAttendeeRow]
    /// "3 of 30 shown" when the list is narrowed on the server.
    let shownNote: String?
    let errors: [String]
}

/// The running order on the public program page.
struct PublicAgendaRow: Encodable {
    let time: String
    let kind: String
    let kindCode: String
    let title: String
    let speaker: String?
}

extension Request {
    /// The counts row by row, then the total.
    func ceremonyCounts(_ list: AttendeeListDTO) -> (rows: [CeremonyCountView], total: CeremonyCountView) {
        let rows = list.counts.compactMap { count in
            count.group.map { group in
                CeremonyCountView(label: t(group.localizationKey), value: t("ceremony.countValue", ["checkedIn": "\(count.checkedIn)", "expected": "\(count.expected)"]),
                                  complete: count.expected > 0 && count.checkedIn == count.expected)
            }
        }
        let total = CeremonyCountView(label: t("ceremony.countTotal"),
                                      value: t("ceremony.countValue", ["checkedIn": "\(list.total.checkedIn)", "expected": "\(list.total.expected)"]),
                                      complete: list.total.expected > 0 && list.total.checkedIn == list.total.expected)
        return (rows, total)
    }

    func ceremonyRow(_ attendee: AttendeeDTO, program: ProgramModel, error: String? = nil) -> CeremonyAttendeeRow {
        let checkedInText = attendee.checkedInAt.map { at in
            t("ceremony.checkedInAt", ["time": CeremonyService.clockText(at, program), "by": attendee.checkedInBy ?? ""])
        }
        let words = [attendee.name, attendee.unitName, attendee.seat, attendee.employeeNumber].compactMap { $0 }.joined(separator: " ")
        return CeremonyAttendeeRow(id: attendee.id, name: attendee.name, group: t(attendee.group.localizationKey), groupCode: attendee.group.rawValue,
                                   unit: attendee.unitName, seat: attendee.seat.map { t("ceremony.seatValue", ["seat": $0]) },
                                   employeeNumber: attendee.employeeNumber, checkedIn: attendee.checkedInAt != nil, checkedInText: checkedInText,
                                   version: attendee.version, search: words.lowercased(), error: error)
    }

    /// The public running order in the reader's words.
    func publicAgenda(_ items: [AgendaItemDTO]) -> [PublicAgendaRow] {
        items.map { PublicAgendaRow(time: $0.startsAt ?? "", kind: t($0.kind.localizationKey), kindCode: $0.kind.rawValue, title: $0.title, speaker: $0.speaker) }
    }
}
