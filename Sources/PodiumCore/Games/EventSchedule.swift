import Foundation

/// Where an event's items may run and how long each one takes: per heat for timed events, per match for
/// head-to-head events with a draw, per session otherwise.
public struct EventPlan: Sendable, Hashable, Codable {
    public var kinds: Set<VenueKind>
    /// One venue the organizer chose; wins over the kinds.
    public var venueID: Int?
    public var minutes: Int

    public static let maxMinutes = 480

    public init(kinds: Set<VenueKind>, venueID: Int? = nil, minutes: Int) {
        self.kinds = kinds
        self.venueID = venueID
        self.minutes = minutes
    }

    /// Track 5 minutes a heat; field 30 minutes a session; counted and judged events 20 minutes in a hall or
    /// elsewhere; matches by sport: basketball 40 minutes in a hall, table tennis and badminton 20 minutes on a
    /// court, tug of war 10 minutes on the field.
    public static func defaults(format: EventFormat, templateID: String?) -> EventPlan {
        switch format {
        case .timed: return EventPlan(kinds: [.track], minutes: 5)
        case .measured: return EventPlan(kinds: [.field], minutes: 30)
        case .counted, .judged: return EventPlan(kinds: [.hall, .other], minutes: 20)
        case .headToHead:
            let id = templateID ?? ""
            if id == "basketball" { return EventPlan(kinds: [.hall], minutes: 40) }
            if id.hasPrefix("table-tennis") || id.hasPrefix("badminton") { return EventPlan(kinds: [.court], minutes: 20) }
            if id == "tug-of-war" { return EventPlan(kinds: [.field], minutes: 10) }
            return EventPlan(kinds: [.court, .hall], minutes: 20)
        }
    }

    public var requirement: VenueRequirement { venueID.map(VenueRequirement.venue) ?? .kinds(kinds) }

    /// Kinds as stored: `hall,other`, in the order of `VenueKind.allCases`.
    public var kindsText: String { Self.text(kinds) }

    public static func text(_ kinds: Set<VenueKind>) -> String {
        VenueKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ",")
    }

    /// Reads `hall,other`; unknown words are dropped.
    public static func kinds(_ text: String) -> Set<VenueKind> {
        Set(text.split(separator: ",").compactMap { VenueKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) })
    }

    public var issues: [FieldIssue] {
        var issues: [FieldIssue] = []
        if kinds.isEmpty && venueID == nil { issues.append(FieldIssue("venueKinds", "error.timetable.kindsRequired")) }
        if !(1...Self.maxMinutes).contains(minutes) {
            issues.append(FieldIssue("minutes", "error.timetable.minutes", ["value": "\(minutes)", "max": "\(Self.maxMinutes)"]))
        }
        return issues
    }
}

/// One event as the timetable needs it: its entries (with the people in each), its plan, and its draw when it
/// is a head-to-head event that has one.
public struct EventScheduleInput: Sendable {
    public let eventID: Int
    public let name: String
    public let format: EventFormat
    public let plan: EventPlan
    /// Entry ids in the order entered, with the people of each.
    public let entries: [(entryID: Int, people: [Int])]
    public let draw: HeadToHeadDraw?
    /// Seeded heats of a timed event: heat number → entry ids (from its start list); empty before seeding.
    public let heats: [Int: [Int]]

    public init(eventID: Int, name: String, format: EventFormat, plan: EventPlan, entries: [(entryID: Int, people: [Int])], draw: HeadToHeadDraw?,
                heats: [Int: [Int]] = [:]) {
        self.eventID = eventID
        self.name = name
        self.format = format
        self.plan = plan
        self.entries = entries
        self.draw = draw
        self.heats = heats
    }
}

/// An item to place, with the key that names it in URLs and storage: `e12-h2` (heat 2), `e12-f` (the final),
/// `e12-s` (a session), `e12-k5` or `e12-g1-3` (a match of the draw).
public struct KeyedScheduleItem: Sendable, Hashable {
    public let key: String
    public let item: ScheduleItem

    public init(key: String, item: ScheduleItem) {
        self.key = key
        self.item = item
    }
}

/// The items of a games program's meet day, worked out from its events: heats then a final for timed events
/// (one final alone when a single heat holds everyone), a session for measured, counted and judged events and
/// for head-to-head events without a draw, one item per match of a draw.
public enum EventSchedule {
    public static let defaultLanes = 8

    /// `lanes`: of the biggest track (8 when the program has none). `word` puts a message into the reader's words.
    public static func items(_ events: [EventScheduleInput], lanes: Int?, word: (LocalizedMessage) -> String) -> [KeyedScheduleItem] {
        var result: [KeyedScheduleItem] = []
        let lanes = max(lanes ?? defaultLanes, 1)
        for event in events {
            let everyone = Set(event.entries.flatMap(\.people))
            func add(_ suffix: String, round: Int, label: String, people: Set<Int>) {
                let item = ScheduleItem(id: result.count + 1, eventID: event.eventID, roundIndex: round, label: label, duration: event.plan.minutes,
                                        venues: event.plan.requirement, participants: people)
                result.append(KeyedScheduleItem(key: "e\(event.eventID)-\(suffix)", item: item))
            }
            switch event.format {
            case .timed:
                // Seeded heats hold their own runners (plus anyone entered after seeding, who may go in any heat);
                // before seeding every heat may hold anyone.
                let people = Dictionary(event.entries.map { ($0.entryID, $0.people) }, uniquingKeysWith: { first, _ in first })
                let seeded = event.heats.filter { !$0.value.isEmpty }
                let unseeded = Set(event.entries.map(\.entryID)).subtracting(seeded.values.flatMap { $0 })
                let late = Set(unseeded.flatMap { people[$0] ?? [] })
                let heats: [(number: Int, people: Set<Int>)] = seeded.isEmpty
                    ? (1...max(1, (event.entries.count + lanes - 1) / lanes)).map { ($0, everyone) }
                    : seeded.keys.sorted().map { heat in (heat, Set(seeded[heat]!.flatMap { people[$0] ?? [] }).union(late)) }
                if heats.count > 1 {
                    for heat in heats {
                        add("h\(heat.number)", round: 1, label: word(LocalizedMessage("timetable.item.heat", ["event": event.name, "heat": "\(heat.number)"])),
                            people: heat.people)
                    }
                }
                add("f", round: heats.count > 1 ? 2 : 1, label: word(LocalizedMessage("timetable.item.final", ["event": event.name])), people: everyone)
            case .headToHead where event.draw != nil:
                let draw = event.draw!
                let people = Dictionary(event.entries.map { ($0.entryID, Set($0.people)) }, uniquingKeysWith: { first, _ in first })
                let matches = draw.matches
                let groupRounds = matches.filter { $0.ref.stage == .group }.map(\.round).max() ?? 0
                let knockout = Dictionary(matches.filter { $0.ref.stage == .knockout }.map { ($0.ref.number, $0) }, uniquingKeysWith: { first, _ in first })
                var memo: [Int: Set<Int>] = [:]
                /// Everyone who may still play knockout match `number`: the known sides, and for a side not known yet
                /// everyone who may still play the match that feeds it (everyone entered, before the bracket exists).
                func mayPlay(_ number: Int) -> Set<Int> {
                    if let known = memo[number] { return known }
                    guard let match = knockout[number] else { return everyone }
                    var found = Set<Int>()
                    for side in [MatchSide.home, .away] {
                        if let entry = side == .home ? match.home : match.away {
                            found.formUnion(people[entry] ?? [])
                        } else if let feeding = draw.bracket?.match(number)?.source(side).feedingMatch, feeding < number {
                            found.formUnion(mayPlay(feeding))
                        } else {
                            found.formUnion(everyone)
                        }
                    }
                    memo[number] = found
                    return found
                }
                for match in matches {
                    let round = match.ref.stage == .group ? match.round : groupRounds + match.round
                    let label = word(LocalizedMessage("timetable.item.match", ["event": event.name, "round": word(match.label),
                                                                               "match": "\(match.ref.number)"]))
                    let participants: Set<Int>
                    if match.ref.stage == .knockout {
                        participants = mayPlay(match.ref.number)
                    } else {
                        participants = [match.home, match.away].compactMap { $0 }.reduce(into: Set<Int>()) { $0.formUnion(people[$1] ?? []) }
                    }
                    add(match.ref.key, round: round, label: label, people: participants)
                }
            case .measured, .counted, .judged, .headToHead:
                add("s", round: 1, label: event.name, people: everyone)
            }
        }
        return result
    }
}
