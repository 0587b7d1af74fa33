import Foundation

/// Times on the meet day are whole minutes from midnight in the program's time zone, so that planning
/// is plain integer arithmetic; these read and write them as the timetable shows them.
public enum MinuteOfDay {
    /// `09:05`; the end of the day, 1440, is `24:00`.
    public static func text(_ minutes: Int) -> String {
        let value = max(minutes, 0)
        return String(format: "%02d:%02d", value / 60, value % 60)
    }

    /// `09:00–09:40`.
    public static func span(_ start: Int, _ end: Int) -> String { "\(text(start))–\(text(end))" }

    /// Reads what `ClockTime` reads (`9:05`, `14：00`); nil for anything else.
    public static func parse(_ text: String) -> Int? {
        ClockTime(parsing: text).map { $0.hour * 60 + $0.minute }
    }
}

/// A stretch of the day, end exclusive: one item ending at 10:00 and another starting at 10:00 do not overlap.
public struct TimeSpan: Sendable, Hashable, Codable {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    public func overlaps(_ other: TimeSpan) -> Bool { start < other.end && other.start < end }

    /// Too close for one person to leave one and be ready for the other, `changeover` minutes apart at least.
    public func tooClose(to other: TimeSpan, changeover: Int) -> Bool {
        !(end + changeover <= other.start || other.end + changeover <= start)
    }

    public var text: String { MinuteOfDay.span(start, end) }
}

/// What a venue is for; an item names the kinds it can use.
public enum VenueKind: String, Sendable, Codable, CaseIterable {
    case track, field, court, hall, other

    public var localizationKey: String { "venue.kind.\(rawValue)" }
}

/// A place where items run one at a time (the track, the long-jump pit, badminton court 2), open for part of the day.
public struct Venue: Sendable, Hashable, Codable, Identifiable {
    public let id: Int
    public let name: String
    public let kind: VenueKind
    public let opens: Int
    public let closes: Int

    public static let maxNameLength = 100

    public init(id: Int, name: String, kind: VenueKind, opens: Int = 0, closes: Int = 24 * 60) {
        self.id = id
        self.name = name
        self.kind = kind
        self.opens = opens
        self.closes = closes
    }

    public var issues: [FieldIssue] {
        var issues: [FieldIssue] = []
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            issues.append(FieldIssue("name", "error.venue.nameRequired"))
        } else if trimmed.count > Self.maxNameLength {
            issues.append(FieldIssue("name", "error.venue.nameTooLong", ["max": "\(Self.maxNameLength)"]))
        }
        if opens < 0 || closes > 24 * 60 || opens >= closes {
            issues.append(FieldIssue("closes", "error.venue.hours", ["opens": MinuteOfDay.text(opens), "closes": MinuteOfDay.text(closes)]))
        }
        return issues
    }
}

/// Where an item may run: any venue of some kinds (a heat on any track), or one venue the organizer chose.
public enum VenueRequirement: Sendable, Hashable, Codable {
    case kinds(Set<VenueKind>)
    case venue(Int)

    public func allows(_ venue: Venue) -> Bool {
        switch self {
        case .kinds(let kinds): return kinds.contains(venue.kind)
        case .venue(let id): return venue.id == id
        }
    }
}

/// One session to place on the timetable: a round of an event, or part of one (one heat, one court's
/// matches of a bracket round).
public struct ScheduleItem: Sendable, Hashable, Codable, Identifiable {
    public let id: Int
    public let eventID: Int
    /// 1-based order within its event; items of the same round may run side by side.
    public let roundIndex: Int
    /// For messages: `Men's 100 m — heats`.
    public let label: String
    /// Minutes.
    public let duration: Int
    public let venues: VenueRequirement
    /// Everyone who may take part. Later rounds cannot know who qualifies, so they list every entrant;
    /// that only makes the plan more careful than it needs to be.
    public let participants: Set<Int>
    public let earliestStart: Int?

    public init(id: Int, eventID: Int, roundIndex: Int, label: String, duration: Int, venues: VenueRequirement,
                participants: Set<Int>, earliestStart: Int? = nil) {
        self.id = id
        self.eventID = eventID
        self.roundIndex = roundIndex
        self.label = label
        self.duration = duration
        self.venues = venues
        self.participants = participants
        self.earliestStart = earliestStart
    }
}

/// An item put on a venue at a time.
public struct Placement: Sendable, Hashable, Codable {
    public let itemID: Int
    public let venueID: Int
    public let start: Int
    public let end: Int

    public init(itemID: Int, venueID: Int, start: Int, end: Int) {
        self.itemID = itemID
        self.venueID = venueID
        self.start = start
        self.end = end
    }

    public var span: TimeSpan { TimeSpan(start: start, end: end) }
}

/// The frame of the meet day and the breathing room the plan keeps.
public struct TimetableSettings: Sendable, Hashable, Codable {
    public var dayStart: Int
    public var dayEnd: Int
    /// Every start is a multiple of this many minutes (from midnight).
    public var slot: Int
    /// Minutes one person needs between the end of one item and the start of the next.
    public var changeover: Int
    /// Minutes between the end of a round and the start of the next round of the same event.
    public var roundGap: Int

    public static let maxChangeover = 240
    public static let maxRoundGap = 480

    public init(dayStart: Int, dayEnd: Int, slot: Int = 5, changeover: Int = 10, roundGap: Int = 20) {
        self.dayStart = dayStart
        self.dayEnd = dayEnd
        self.slot = slot
        self.changeover = changeover
        self.roundGap = roundGap
    }

    public var issues: [FieldIssue] {
        var issues: [FieldIssue] = []
        if dayStart < 0 || dayEnd > 24 * 60 || dayStart >= dayEnd {
            issues.append(FieldIssue("dayEnd", "error.timetable.dayRange", ["start": MinuteOfDay.text(dayStart), "end": MinuteOfDay.text(dayEnd)]))
        }
        if !(1...60).contains(slot) { issues.append(FieldIssue("slot", "error.timetable.slot", ["value": "\(slot)"])) }
        if !(0...Self.maxChangeover).contains(changeover) {
            issues.append(FieldIssue("changeover", "error.timetable.changeover", ["value": "\(changeover)", "max": "\(Self.maxChangeover)"]))
        }
        if !(0...Self.maxRoundGap).contains(roundGap) {
            issues.append(FieldIssue("roundGap", "error.timetable.roundGap", ["value": "\(roundGap)", "max": "\(Self.maxRoundGap)"]))
        }
        return issues
    }

    /// The slot as the planner uses it: at least one minute, so a bad setting cannot stop the planner.
    var step: Int { max(slot, 1) }

    /// The first start on the grid at or after `minutes`.
    func onGrid(_ minutes: Int) -> Int {
        let remainder = ((minutes % step) + step) % step
        return remainder == 0 ? minutes : minutes + step - remainder
    }
}

/// Why an item has no place on the plan.
public struct PlanProblem: Sendable, Hashable, Codable {
    public let itemID: Int
    public let message: LocalizedMessage

    public init(itemID: Int, _ key: String, _ args: [String: String] = [:]) {
        self.itemID = itemID
        self.message = LocalizedMessage(key, args)
    }

    public init(itemID: Int, message: LocalizedMessage) {
        self.itemID = itemID
        self.message = message
    }
}

/// A plan: every item placed, or the ones left out and why.
public struct PlanResult: Sendable, Equatable, Codable {
    /// By start, then venue (in the order venues were given), then item.
    public let placements: [Placement]
    /// In the order the items were given.
    public let problems: [PlanProblem]

    public init(placements: [Placement], problems: [PlanProblem]) {
        self.placements = placements
        self.problems = problems
    }

    public var isComplete: Bool { problems.isEmpty }

    public func placement(of itemID: Int) -> Placement? { placements.first { $0.itemID == itemID } }
}
