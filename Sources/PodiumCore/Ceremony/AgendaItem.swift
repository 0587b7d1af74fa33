import Foundation

/// What an item of a recognition conference's running order is: a work report, the commendation of
/// honorees, a speech, the presentation of special awards, or anything else.
public enum AgendaItemKind: String, Sendable, Codable, CaseIterable {
    case report, commendation, speech, award, other

    public var localizationKey: String { "ceremony.kind.\(rawValue)" }
}

/// A time of day as the running order writes it, `14:00`, in the program's time zone.
public struct ClockTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Reads `14:00`, `9:05` and the full-width colon a Chinese keyboard types (`14：00`).
    /// Nil for anything else, and for times that do not exist (`24:00`, `12:60`).
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "：", omittingEmptySubsequences: false) }
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `09:05`.
    public var text: String { String(format: "%02d:%02d", hour, minute) }
    public var description: String { text }

    public static func < (lhs: ClockTime, rhs: ClockTime) -> Bool { (lhs.hour, lhs.minute) < (rhs.hour, rhs.minute) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = ClockTime(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a time in the form HH:mm: \(text)"))
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}

/// An agenda item as typed into a form or sent to the API, checked as a whole.
public struct AgendaItemDraft: Sendable, Equatable {
    /// `HH:mm`, or empty when the item simply follows the one before.
    public var startsAt: String?
    public var kind: String
    public var title: String
    public var speaker: String?

    public static let maxTitleLength = 200
    public static let maxSpeakerLength = 100

    public init(startsAt: String?, kind: String, title: String, speaker: String?) {
        self.startsAt = startsAt
        self.kind = kind
        self.title = title
        self.speaker = speaker
    }

    /// The item as it will be stored: trimmed, with whitespace runs folded, empty optionals as nil.
    public struct Checked: Sendable, Equatable {
        public let startsAt: ClockTime?
        public let kind: AgendaItemKind
        public let title: String
        public let speaker: String?
    }

    /// Every problem of the draft, one per field at most.
    public func issues() -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let time = Self.folded(startsAt)
        if let time, ClockTime(parsing: time) == nil {
            issues.append(FieldIssue("startsAt", "error.ceremony.time", ["value": time]))
        }
        let kindText = kind.trimmingCharacters(in: .whitespaces)
        if kindText.isEmpty {
            issues.append(FieldIssue("kind", "error.ceremony.kindRequired"))
        } else if AgendaItemKind(rawValue: kindText) == nil {
            issues.append(FieldIssue("kind", "error.ceremony.kind", ["value": kindText,
                                                                    "allowed": AgendaItemKind.allCases.map(\.rawValue).joined(separator: ", ")]))
        }
        let title = Self.folded(title) ?? ""
        if title.isEmpty {
            issues.append(FieldIssue("title", "error.ceremony.titleRequired"))
        } else if title.count > Self.maxTitleLength {
            issues.append(FieldIssue("title", "error.ceremony.titleTooLong", ["max": "\(Self.maxTitleLength)"]))
        }
        if let speaker = Self.folded(speaker), speaker.count > Self.maxSpeakerLength {
            issues.append(FieldIssue("speaker", "error.ceremony.speakerTooLong", ["max": "\(Self.maxSpeakerLength)"]))
        }
        return issues
    }

    /// The stored form, or every problem at once.
    public func checked() throws(PodiumError) -> Checked {
        let found = issues()
        guard found.isEmpty, let kind = AgendaItemKind(rawValue: kind.trimmingCharacters(in: .whitespaces)) else { throw .validation(found) }
        return Checked(startsAt: Self.folded(startsAt).flatMap(ClockTime.init(parsing:)), kind: kind,
                       title: Self.folded(title) ?? "", speaker: Self.folded(speaker))
    }

    /// Trimmed (ideographic spaces too), inner whitespace runs as one space; nil when nothing is left.
    static func folded(_ text: String?) -> String? {
        guard let text else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}

/// Up and down in the running order.
public enum AgendaMove: String, Sendable, Codable, CaseIterable {
    case up, down
}

public enum AgendaOrder {
    /// The ids in their new order after moving `id` one place, or nil when it cannot move that way
    /// (already first or last, or not in the list).
    public static func moving(_ id: Int, _ move: AgendaMove, in ids: [Int]) -> [Int]? {
        guard let index = ids.firstIndex(of: id) else { return nil }
        let target = move == .up ? index - 1 : index + 1
        guard ids.indices.contains(target) else { return nil }
        var order = ids
        order.swapAt(index, target)
        return order
    }

    /// The ids in their new order after putting `id` at 1-based `position` (clamped to the list).
    public static func placing(_ id: Int, at position: Int, in ids: [Int]) -> [Int] {
        var order = ids.filter { $0 != id }
        // Clamp before subtracting: a position of Int.min must not overflow.
        let index = min(max(position, 1), order.count + 1) - 1
        order.insert(id, at: index)
        return order
    }
}
