import Foundation

/// The three kinds of event at a Workers' Games.
public enum EventCategory: String, Sendable, Codable, CaseIterable {
    case competition, parentChild = "parent_child", fun

    public var localizationKey: String { "event.category.\(rawValue)" }
}

/// Who may enter an event.
public enum EventGender: String, Sendable, Codable, CaseIterable {
    /// Men only.
    case men
    /// Women only.
    case women
    /// Line-ups of both; the minimum of women is set separately.
    case mixed
    /// Anyone.
    case open

    public func admits(_ gender: Gender?) -> Bool {
        switch self {
        case .men: return gender == .male
        case .women: return gender == .female
        case .mixed, .open: return true
        }
    }

    public var localizationKey: String { "event.gender.\(rawValue)" }
}

/// Age limits in whole years on the event date (e.g. veterans 45+, children 6 to 12).
public struct AgeRule: Sendable, Equatable, Codable {
    public let minimum: Int?
    public let maximum: Int?

    public init(minimum: Int? = nil, maximum: Int? = nil) {
        self.minimum = minimum
        self.maximum = maximum
    }

    public static let any = AgeRule()

    public func admits(age: Int) -> Bool {
        (minimum.map { age >= $0 } ?? true) && (maximum.map { age <= $0 } ?? true)
    }
}

/// Everything an event asks of an entry.
public struct EventRules: Sendable, Equatable {
    public var eventID: Int
    public var name: String
    public var category: EventCategory
    public var gender: EventGender
    public var age: AgeRule
    public var date: CalendarDate
    /// Entries one team may make in this event.
    public var teamQuota: Int?
    /// People per entry: 1 for individual events, a range for line-ups (tug of war 8 to 10).
    public var lineUpMin: Int
    public var lineUpMax: Int
    public var minimumWomen: Int
    /// A parent-child pair: an employee of the team and their own child within `childAge`.
    public var parentChild: Bool
    public var childAge: AgeRule
    public var deadline: Date?
    /// Whether the event counts towards the per-person limit of events (fun events often do not).
    public var countsTowardPersonLimit: Bool

    public init(eventID: Int, name: String, category: EventCategory, gender: EventGender = .open, age: AgeRule = .any,
                date: CalendarDate, teamQuota: Int? = nil, lineUpMin: Int = 1, lineUpMax: Int = 1, minimumWomen: Int = 0,
                parentChild: Bool = false, childAge: AgeRule = .any, deadline: Date? = nil, countsTowardPersonLimit: Bool = true) {
        self.eventID = eventID
        self.name = name
        self.category = category
        self.gender = gender
        self.age = age
        self.date = date
        self.teamQuota = teamQuota
        self.lineUpMin = lineUpMin
        self.lineUpMax = lineUpMax
        self.minimumWomen = minimumWomen
        self.parentChild = parentChild
        self.childAge = childAge
        self.deadline = deadline
        self.countsTowardPersonLimit = countsTowardPersonLimit
    }
}

/// A person as the entry rules see them.
public struct Athlete: Sendable, Equatable {
    public let personID: Int
    public let name: String
    public let kind: PersonKind
    public let gender: Gender?
    public let birthDate: CalendarDate?
    /// The team the person may represent (their unit's team); nil when their unit fields none.
    public let teamID: Int?
    public let guardianID: Int?

    public init(personID: Int, name: String, kind: PersonKind, gender: Gender?, birthDate: CalendarDate?, teamID: Int?, guardianID: Int? = nil) {
        self.personID = personID
        self.name = name
        self.kind = kind
        self.gender = gender
        self.birthDate = birthDate
        self.teamID = teamID
        self.guardianID = guardianID
    }
}

extension EventRules {
    /// Problems with the event's own settings, before any entry is checked against them.
    public var issues: [FieldIssue] {
        var issues: [FieldIssue] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(FieldIssue("name", "error.event.nameRequired")) }
        if lineUpMin < 1 || lineUpMin > lineUpMax || lineUpMax > 100 {
            issues.append(FieldIssue("lineUpMin", "error.event.lineUpRange", ["min": "\(lineUpMin)", "max": "\(lineUpMax)"]))
        }
        if minimumWomen < 0 || minimumWomen > lineUpMax {
            issues.append(FieldIssue("minimumWomen", "error.event.minimumWomen", ["value": "\(minimumWomen)", "max": "\(lineUpMax)"]))
        }
        for (field, rule) in [("ageMin", age), ("childAgeMin", childAge)] {
            if let min = rule.minimum, let max = rule.maximum, min > max {
                issues.append(FieldIssue(field, "error.event.ageRange", ["min": "\(min)", "max": "\(max)"]))
            }
        }
        if let quota = teamQuota, quota < 1 { issues.append(FieldIssue("teamQuota", "error.event.quota")) }
        return issues
    }
}
