import Foundation

/// Who is expected in the hall, as the conference notice lists them: company leaders, cadre
/// representatives, the year's honorees, and invited guests. Lists and counts follow this order.
public enum AttendeeGroup: String, Sendable, Codable, CaseIterable, Comparable {
    case leader, cadre, honoree, guest

    public var localizationKey: String { "ceremony.group.\(rawValue)" }

    public static func < (lhs: AttendeeGroup, rhs: AttendeeGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// An attendee as typed into a form or sent to the API. Someone from the roster brings their name and
/// unit along, so only guests need a name typed in.
public struct AttendeeDraft: Sendable, Equatable {
    public var fromRoster: Bool
    public var name: String
    public var group: String
    public var unitName: String?
    public var seat: String?

    public static let maxNameLength = PersonDraft.maxNameLength
    public static let maxUnitNameLength = 200
    public static let maxSeatLength = 20

    public init(fromRoster: Bool, name: String, group: String, unitName: String?, seat: String?) {
        self.fromRoster = fromRoster
        self.name = name
        self.group = group
        self.unitName = unitName
        self.seat = seat
    }

    public struct Checked: Sendable, Equatable {
        public let name: String
        public let group: AttendeeGroup
        public let unitName: String?
        public let seat: String?
    }

    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let groupText = group.trimmingCharacters(in: .whitespaces)
        if groupText.isEmpty {
            issues.append(FieldIssue("group", "error.ceremony.groupRequired"))
        } else if AttendeeGroup(rawValue: groupText) == nil {
            issues.append(FieldIssue("group", "error.ceremony.group", ["value": groupText,
                                                                      "allowed": AttendeeGroup.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        if !fromRoster {
            let name = AgendaItemDraft.folded(name) ?? ""
            if name.isEmpty {
                issues.append(FieldIssue("name", "error.ceremony.nameRequired"))
            } else if name.count > Self.maxNameLength {
                issues.append(FieldIssue("name", "error.ceremony.nameTooLong", ["max": "\(Self.maxNameLength)"]))
            }
            if let unit = AgendaItemDraft.folded(unitName), unit.count > Self.maxUnitNameLength {
                issues.append(FieldIssue("unitName", "error.ceremony.unitNameTooLong", ["max": "\(Self.maxUnitNameLength)"]))
            }
        }
        if let seat = AgendaItemDraft.folded(seat), seat.count > Self.maxSeatLength {
            issues.append(FieldIssue("seat", "error.ceremony.seatTooLong", ["max": "\(Self.maxSeatLength)"]))
        }
        return issues
    }

    public func checked() throws(PodiumError) -> Checked {
        let found = issues()
        guard found.isEmpty, let group = AttendeeGroup(rawValue: group.trimmingCharacters(in: .whitespaces)) else { throw .validation(found) }
        return Checked(name: AgendaItemDraft.folded(name) ?? "", group: group, unitName: AgendaItemDraft.folded(unitName),
                       seat: AgendaItemDraft.folded(seat))
    }

    /// The unit shown for someone from the roster: the last two levels of their unit's path
    /// (`Jinghua Technology › Production`), enough to tell people apart without the whole tree.
    public static func unitName(path: [String]) -> String? {
        path.isEmpty ? nil : path.suffix(2).joined(separator: " › ")
    }
}

/// How many of a group are expected and how many have checked in.
public struct AttendanceCount: Sendable, Equatable {
    public let group: AttendeeGroup?
    public let expected: Int
    public let checkedIn: Int

    public init(group: AttendeeGroup?, expected: Int, checkedIn: Int) {
        self.group = group
        self.expected = expected
        self.checkedIn = checkedIn
    }

    /// One count per group that has anyone, in group order, then the total (group nil).
    public static func tally(_ attendees: [(group: AttendeeGroup, checkedIn: Bool)]) -> [AttendanceCount] {
        var rows: [AttendanceCount] = []
        for group in AttendeeGroup.allCases {
            let members = attendees.filter { $0.group == group }
            if members.isEmpty { continue }
            rows.append(AttendanceCount(group: group, expected: members.count, checkedIn: members.filter(\.checkedIn).count))
        }
        rows.append(AttendanceCount(group: nil, expected: attendees.count, checkedIn: attendees.filter(\.checkedIn).count))
        return rows
    }
}

public enum AttendeeSearch {
    /// Whether someone matches what was typed at the door: every word of the query appears in their
    /// name, unit, seat or employee number, ignoring case and width (`ＪＨ` finds `JH`).
    public static func matches(_ query: String, _ fields: [String?]) -> Bool {
        let words = query.split(whereSeparator: \.isWhitespace).map { fold(String($0)) }
        guard !words.isEmpty else { return true }
        let haystack = fold(fields.compactMap { $0 }.joined(separator: " "))
        return words.allSatisfy { haystack.contains($0) }
    }

    static func fold(_ text: String) -> String {
        text.applyingTransform(.fullwidthToHalfwidth, reverse: false)?.lowercased() ?? text.lowercased()
    }
}

/// Sorting of the attendee list: by group, then by name, then by id so the order is stable.
public enum AttendeeOrder {
    public static func precedes(_ a: (group: AttendeeGroup, name: String, id: Int), _ b: (group: AttendeeGroup, name: String, id: Int)) -> Bool {
        if a.group != b.group { return a.group < b.group }
        switch a.name.compare(b.name, options: [.caseInsensitive, .numeric]) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return a.id < b.id
        }
    }
}
