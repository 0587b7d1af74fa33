import Foundation

/// Builds the meet-day timetable and checks changes to it. The rules, for automatic plans and manual moves
/// alike: nobody is in two places at once (with the changeover between), an event's rounds run in order with
/// the round gap between, a venue holds one item at a time, and everything stays inside the day, the venue's
/// hours and the slot grid.
public enum TimetablePlanner {
    /// An automatic plan. Manual placements in `fixed` stay where they are, even off the grid (one that clashes
    /// with an earlier one is left out and reported, not moved); everything else is placed greedily, each item at
    /// the earliest start any of its allowed venues can take it. Items that cannot be placed are reported with
    /// the reason, and so are the later rounds of their events; nothing loops. Deterministic, and a few
    /// milliseconds for a 120-item day. `names` lets messages name people. Duplicate item ids: the first counts.
    public static func plan(items: [ScheduleItem], venues: [Venue], settings: TimetableSettings, fixed: [Placement] = [],
                            names: [Int: String] = [:]) -> PlanResult {
        var seenItems = Set<Int>()
        let order = items.filter { seenItems.insert($0.id).inserted }
        let byID = Dictionary(uniqueKeysWithValues: order.map { ($0.id, $0) })
        var board = Board(settings: settings, venues: venues)
        var problems: [Int: PlanProblem] = [:]

        // Manual placements first, as they are, earliest first. Unknown items and repeats are ignored.
        var seenFixed = Set<Int>()
        let manual = fixed.filter { byID[$0.itemID] != nil && seenFixed.insert($0.itemID).inserted }
            .sorted { ($0.start, $0.itemID) < ($1.start, $1.itemID) }
        for placement in manual {
            let item = byID[placement.itemID]!
            if let problem = board.clash(of: item, at: placement, byID: byID, names: names) {
                problems[item.id] = problem
            } else {
                board.add(item, placement)
            }
        }

        let byEvent = Dictionary(grouping: order, by: \.eventID)
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.id, $0) })
        let pending = order.filter { board.placed[$0.id] == nil && problems[$0.id] == nil }
        let start = Trial(board: board, problems: problems)
        func run(_ sequence: [ScheduleItem]) -> Trial {
            var trial = start
            for item in sequence {
                let failedBefore = byEvent[item.eventID]!.filter { $0.roundIndex < item.roundIndex && trial.problems[$0.id] != nil }
                if let cause = failedBefore.max(by: { ($0.roundIndex, position[$1.id]!) < ($1.roundIndex, position[$0.id]!) }) {
                    trial.problems[item.id] = PlanProblem(itemID: item.id, "error.timetable.previousRoundUnplaced", ["item": item.label, "other": cause.label])
                    continue
                }
                switch trial.board.earliest(item, sameEvent: byEvent[item.eventID]!) {
                case .success(let placement): trial.board.add(item, placement)
                case .failure(let failure):
                    trial.problems[item.id] = failure.problem
                    if failure.problem.message.key == "error.timetable.doesNotFit" { trial.squeaky.append(item.eventID) }
                }
            }
            return trial
        }

        // Item by item across events first. If that leaves items out, whole events one after the other, the
        // events that did not fit moved to the front for the next pass, a bounded number of passes. The plan
        // that leaves out the fewest items, then ends earliest, wins (the earlier one on a tie).
        var best = run(longestChainFirst(pending, byEvent: byEvent, position: position, settings: settings))
        var events = eventOrder(pending, position: position, settings: settings, byEvent: byEvent)
        var tried = Set<[Int]>()
        for _ in 0..<Self.maxPasses {
            guard !best.problems.isEmpty, tried.insert(events).inserted else { break }
            let trial = run(eventByEvent(pending, events: events, position: position))
            if trial.score < best.score { best = trial }
            let squeaky = Set(trial.squeaky)
            events = events.filter { squeaky.contains($0) } + events.filter { !squeaky.contains($0) }
        }
        board = best.board
        problems = best.problems

        let venueOrder = Dictionary(venues.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let placements = board.placed.values.sorted {
            ($0.start, venueOrder[$0.venueID] ?? .max, $0.itemID) < ($1.start, venueOrder[$1.venueID] ?? .max, $1.itemID)
        }
        return PlanResult(placements: placements, problems: order.compactMap { problems[$0.id] })
    }

    /// Every reason the organizer may not put `itemID` on `venueID` at `start`, the item's current placement in
    /// `placements` left out. Empty when the move is fine. Fields are `start`, `venueId` (and `itemId` for an
    /// unknown item).
    public static func checkMove(itemID: Int, to venueID: Int, start: Int, placements: [Placement], items: [ScheduleItem],
                                 venues: [Venue], settings: TimetableSettings, names: [Int: String] = [:]) -> [FieldIssue] {
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        guard let item = byID[itemID] else { return [FieldIssue("itemId", "error.timetable.unknownItem", ["id": "\(itemID)"])] }
        guard let venue = venues.first(where: { $0.id == venueID }) else {
            return [FieldIssue("venueId", "error.timetable.unknownVenue", ["id": "\(venueID)"])]
        }
        let placement = Placement(itemID: itemID, venueID: venueID, start: start, end: start + item.duration)
        return issues(of: item, at: placement, venue: venue, among: placements, byID: byID, settings: settings, names: names)
    }

    /// `checkMove`, throwing every issue at once.
    public static func validateMove(itemID: Int, to venueID: Int, start: Int, placements: [Placement], items: [ScheduleItem],
                                    venues: [Venue], settings: TimetableSettings, names: [Int: String] = [:]) throws(PodiumError) {
        let found = checkMove(itemID: itemID, to: venueID, start: start, placements: placements, items: items, venues: venues,
                              settings: settings, names: names)
        if !found.isEmpty { throw .validation(found) }
    }

    /// Every broken rule of a whole timetable, each clash reported once (on the earlier placement), for the
    /// page that shows the plan after manual edits or changed entries. Placements of unknown items are skipped.
    public static func conflicts(placements: [Placement], items: [ScheduleItem], venues: [Venue], settings: TimetableSettings,
                                 names: [Int: String] = [:]) -> [PlanProblem] {
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = placements.filter { byID[$0.itemID] != nil }.sorted { ($0.start, $0.itemID, $0.venueID) < ($1.start, $1.itemID, $1.venueID) }
        var problems: [PlanProblem] = []
        for (index, placement) in sorted.enumerated() {
            let item = byID[placement.itemID]!
            guard let venue = venues.first(where: { $0.id == placement.venueID }) else {
                problems.append(PlanProblem(itemID: item.id, "error.timetable.unknownVenue", ["id": "\(placement.venueID)"]))
                continue
            }
            let later = Array(sorted[(index + 1)...])
            for issue in issues(of: item, at: placement, venue: venue, among: later, byID: byID, settings: settings, names: names) {
                problems.append(PlanProblem(itemID: item.id, message: issue.message))
            }
        }
        return problems
    }

    // MARK: - Rules

    static func issues(of item: ScheduleItem, at placement: Placement, venue: Venue, among others: [Placement], byID: [Int: ScheduleItem],
                       settings: TimetableSettings, names: [Int: String]) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        let span = placement.span
        if placement.start % settings.step != 0 {
            issues.append(FieldIssue("start", "error.timetable.offGrid", ["item": item.label, "slot": "\(settings.step)",
                                                                           "time": MinuteOfDay.text(placement.start)]))
        }
        if !item.venues.allows(venue) {
            issues.append(FieldIssue("venueId", "error.timetable.wrongVenue", ["item": item.label, "venue": venue.name]))
        }
        let opens = max(settings.dayStart, venue.opens), closes = min(settings.dayEnd, venue.closes)
        if span.start < opens || span.end > closes {
            issues.append(FieldIssue("start", "error.timetable.outsideHours", ["item": item.label, "venue": venue.name,
                                                                                "opens": MinuteOfDay.text(opens), "closes": MinuteOfDay.text(closes)]))
        }
        if let earliest = item.earliestStart, span.start < earliest {
            issues.append(FieldIssue("start", "error.timetable.beforeEarliest", ["item": item.label, "time": MinuteOfDay.text(earliest)]))
        }
        for other in others.sorted(by: { ($0.start, $0.itemID) < ($1.start, $1.itemID) }) where other.itemID != item.id {
            guard let otherItem = byID[other.itemID] else { continue }
            if other.venueID == venue.id, span.overlaps(other.span) {
                issues.append(FieldIssue("venueId", "error.timetable.venueBusy", ["venue": venue.name,
                                                                                   "other": otherItem.label, "item": item.label,
                                                                                   "time": other.span.text]))
            }
            if outOfOrder(item, span, otherItem, other.span, gap: settings.roundGap) {
                issues.append(FieldIssue("start", "error.timetable.roundOrder", ["item": item.label, "other": otherItem.label]))
            } else if let person = sharedPerson(item, otherItem), span.tooClose(to: other.span, changeover: settings.changeover) {
                issues.append(FieldIssue("start", "error.timetable.personClash", ["person": names[person] ?? "\(person)", "item": item.label,
                                                                                   "other": otherItem.label, "time": other.span.text]))
            }
        }
        return issues
    }

    /// Rounds of one event out of order or closer than the round gap.
    static func outOfOrder(_ a: ScheduleItem, _ aSpan: TimeSpan, _ b: ScheduleItem, _ bSpan: TimeSpan, gap: Int) -> Bool {
        guard a.eventID == b.eventID, a.roundIndex != b.roundIndex else { return false }
        let (first, second) = a.roundIndex < b.roundIndex ? (aSpan, bSpan) : (bSpan, aSpan)
        return second.start < first.end + gap
    }

    /// The lowest id both items share, so messages name the same person every time.
    static func sharedPerson(_ a: ScheduleItem, _ b: ScheduleItem) -> Int? {
        let (small, large) = a.participants.count <= b.participants.count ? (a.participants, b.participants) : (b.participants, a.participants)
        return small.filter { large.contains($0) }.min()
    }

    /// Passes of the event-by-event plan, each with the events that did not fit moved to the front.
    static let maxPasses = 12

    /// A plan in the making.
    struct Trial {
        var board: Board
        var problems: [Int: PlanProblem]
        /// Events with an item that found no time, in the order they failed.
        var squeaky: [Int] = []

        init(board: Board, problems: [Int: PlanProblem]) {
            self.board = board
            self.problems = problems
        }

        var score: (Int, Int) { (problems.count, board.order.map(\.end).max() ?? 0) }
    }

    /// Events by the longest chain of rounds, then the most people, then as given.
    static func eventOrder(_ items: [ScheduleItem], position: [Int: Int], settings: TimetableSettings, byEvent: [Int: [ScheduleItem]]) -> [Int] {
        let priority = priorities(byEvent: byEvent, settings: settings)
        var chain: [Int: Int] = [:], people: [Int: Set<Int>] = [:], first: [Int: Int] = [:]
        for item in items {
            chain[item.eventID] = max(chain[item.eventID] ?? 0, priority[item.id]!)
            people[item.eventID, default: []].formUnion(item.participants)
            first[item.eventID] = min(first[item.eventID] ?? .max, position[item.id]!)
        }
        return first.keys.sorted { (-chain[$0]!, -people[$0]!.count, first[$0]!) < (-chain[$1]!, -people[$1]!.count, first[$1]!) }
    }

    /// Whole events one after the other in `events` order, each event's rounds in order (longer items of a
    /// round first): finals land while their entrants still have free time.
    static func eventByEvent(_ items: [ScheduleItem], events: [Int], position: [Int: Int]) -> [ScheduleItem] {
        let rank = Dictionary(uniqueKeysWithValues: events.enumerated().map { ($1, $0) })
        return items.sorted { a, b in
            (rank[a.eventID]!, a.roundIndex, -a.duration, position[a.id]!) < (rank[b.eventID]!, b.roundIndex, -b.duration, position[b.id]!)
        }
    }

    /// Item by item across events: of the rounds that are ready (earlier rounds done), the one with the most
    /// of its event still ahead of it, then the most people, then as given. Packs the morning tightly.
    static func longestChainFirst(_ items: [ScheduleItem], byEvent: [Int: [ScheduleItem]], position: [Int: Int],
                                  settings: TimetableSettings) -> [ScheduleItem] {
        let priority = priorities(byEvent: byEvent, settings: settings)
        var pending = items
        var sequence: [ScheduleItem] = []
        while !pending.isEmpty {
            var firstRound: [Int: Int] = [:]
            for item in pending { firstRound[item.eventID] = min(firstRound[item.eventID] ?? .max, item.roundIndex) }
            var best: Int?
            for (index, item) in pending.enumerated() where item.roundIndex == firstRound[item.eventID] {
                guard let current = best else { best = index; continue }
                let other = pending[current]
                if (-priority[item.id]!, -item.participants.count, position[item.id]!) < (-priority[other.id]!, -other.participants.count, position[other.id]!) {
                    best = index
                }
            }
            sequence.append(pending.remove(at: best!))
        }
        return sequence
    }

    /// How much of the day an item still drags behind it: its own length plus the gaps and longest items of
    /// the later rounds of its event. Long chains go first so their finals are not squeezed out.
    static func priorities(byEvent: [Int: [ScheduleItem]], settings: TimetableSettings) -> [Int: Int] {
        var result: [Int: Int] = [:]
        for (_, eventItems) in byEvent {
            var longest: [Int: Int] = [:]
            for item in eventItems { longest[item.roundIndex] = max(longest[item.roundIndex] ?? 0, max(item.duration, 0)) }
            // tail[r]: from the end of round r to the end of the event, gaps included.
            var tail: [Int: Int] = [:]
            var after = 0
            for round in longest.keys.sorted().reversed() {
                tail[round] = after
                after += settings.roundGap + longest[round]!
            }
            for item in eventItems { result[item.id] = max(item.duration, 0) + tail[item.roundIndex]! }
        }
        return result
    }

    // MARK: - Board

    struct Failure: Error {
        let problem: PlanProblem
    }

    /// What is placed so far, by venue and by person, for finding free starts.
    struct Board {
        let settings: TimetableSettings
        let venues: [Venue]
        var placed: [Int: Placement] = [:]
        var order: [Placement] = []
        var byVenue: [Int: [TimeSpan]] = [:]
        var byPerson: [Int: [TimeSpan]] = [:]

        init(settings: TimetableSettings, venues: [Venue]) {
            self.settings = settings
            self.venues = venues
        }

        mutating func add(_ item: ScheduleItem, _ placement: Placement) {
            placed[item.id] = placement
            order.append(placement)
            byVenue[placement.venueID, default: []].append(placement.span)
            for person in item.participants { byPerson[person, default: []].append(placement.span) }
        }

        /// Why a manual placement cannot stay next to the ones kept before it.
        func clash(of item: ScheduleItem, at placement: Placement, byID: [Int: ScheduleItem], names: [Int: String]) -> PlanProblem? {
            for other in order {
                let otherItem = byID[other.itemID]!
                if outOfOrder(item, placement.span, otherItem, other.span, gap: settings.roundGap) {
                    return PlanProblem(itemID: item.id, "error.timetable.roundOrder", ["item": item.label, "other": otherItem.label])
                }
                if other.venueID == placement.venueID, placement.span.overlaps(other.span) {
                    let venue = venues.first { $0.id == other.venueID }?.name ?? "\(other.venueID)"
                    return PlanProblem(itemID: item.id, "error.timetable.venueBusy", ["venue": venue, "other": otherItem.label, "item": item.label,
                                                                                      "time": other.span.text])
                }
                if let person = sharedPerson(item, otherItem), placement.span.tooClose(to: other.span, changeover: settings.changeover) {
                    return PlanProblem(itemID: item.id, "error.timetable.fixedClash", ["item": item.label, "other": otherItem.label,
                                                                                       "person": names[person] ?? "\(person)"])
                }
            }
            return nil
        }

        /// The earliest placement of an item whose earlier rounds are all placed.
        func earliest(_ item: ScheduleItem, sameEvent: [ScheduleItem]) -> Result<Placement, Failure> {
            let duration = item.duration
            guard duration >= 1 else {
                return .failure(Failure(problem: PlanProblem(itemID: item.id, "error.timetable.duration", ["item": item.label, "value": "\(duration)"])))
            }
            let candidates = venues.filter { item.venues.allows($0) }
            guard !candidates.isEmpty else {
                return .failure(Failure(problem: PlanProblem(itemID: item.id, "error.timetable.noVenue", ["item": item.label])))
            }
            var from = max(settings.dayStart, item.earliestStart ?? settings.dayStart)
            // A later round placed by hand caps how late this one may end.
            var deadline = Int.max
            var capping: ScheduleItem?
            for other in sameEvent where other.roundIndex != item.roundIndex {
                guard let placement = placed[other.id] else { continue }
                if other.roundIndex < item.roundIndex {
                    from = max(from, placement.end + settings.roundGap)
                } else if placement.start - settings.roundGap < deadline {
                    deadline = placement.start - settings.roundGap
                    capping = other
                }
            }
            // A start t is blocked for a person busy over [s, e) when t lies strictly inside (s - d - c, e + c).
            var personRanges: [(Int, Int)] = []
            for person in item.participants {
                for span in byPerson[person] ?? [] {
                    personRanges.append((span.start - duration - settings.changeover, span.end + settings.changeover))
                }
            }
            personRanges.sort { $0 < $1 }
            var best: (start: Int, venue: Venue)?
            var bestIgnoringDeadline: Int?
            for venue in candidates {
                let venueRanges = (byVenue[venue.id] ?? []).map { ($0.start - duration, $0.end) }.sorted { $0 < $1 }
                // Free of the people, then of the venue, until a start is free of both.
                var start = settings.onGrid(max(from, venue.opens))
                while true {
                    let next = firstFree(from: firstFree(from: start, ranges: personRanges), ranges: venueRanges)
                    if next == start { break }
                    start = next
                }
                let end = start + duration
                guard end <= min(settings.dayEnd, venue.closes) else { continue }
                if end <= deadline {
                    if best == nil || start < best!.start { best = (start, venue) }
                } else if bestIgnoringDeadline == nil {
                    bestIgnoringDeadline = start
                }
            }
            if let best {
                return .success(Placement(itemID: item.id, venueID: best.venue.id, start: best.start, end: best.start + duration))
            }
            if bestIgnoringDeadline != nil, let capping {
                return .failure(Failure(problem: PlanProblem(itemID: item.id, "error.timetable.roundOrder", ["item": item.label, "other": capping.label])))
            }
            return .failure(Failure(problem: PlanProblem(itemID: item.id, "error.timetable.doesNotFit", ["item": item.label,
                                                                                                         "dayEnd": MinuteOfDay.text(settings.dayEnd)])))
        }

        /// The first start on the grid at or after `from` outside every blocked range; `ranges` sorted by lower end.
        func firstFree(from: Int, ranges: [(Int, Int)]) -> Int {
            var start = from
            for (low, high) in ranges {
                if start <= low { break }
                if start < high { start = settings.onGrid(high) }
            }
            return start
        }
    }
}
