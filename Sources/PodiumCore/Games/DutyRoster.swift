import Foundation

/// What a member of the organizing team does on the meet day.
public enum DutyKind: String, Sendable, Codable, CaseIterable {
    case callRoom, judge, timekeeper, logistics, firstAid, cheering, other

    public var localizationKey: String { "duty.kind.\(rawValue)" }
}

/// A place on the organizing team: the call room, the long-jump judges, the first-aid tent.
public struct DutyPost: Sendable, Hashable, Codable, Identifiable {
    public let id: Int
    public let name: String
    public let kind: DutyKind
    public let venueID: Int?

    public init(id: Int, name: String, kind: DutyKind, venueID: Int? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.venueID = venueID
    }
}

/// A stretch of time a post needs `needed` people for.
public struct DutyShift: Sendable, Hashable, Codable {
    public let postID: Int
    public let start: Int
    public let end: Int
    public let needed: Int

    public init(postID: Int, start: Int, end: Int, needed: Int) {
        self.postID = postID
        self.start = start
        self.end = end
        self.needed = needed
    }

    public var span: TimeSpan { TimeSpan(start: start, end: end) }
}

/// One person on one post for a stretch of time.
public struct DutyAssignment: Sendable, Hashable, Codable {
    public let personID: Int
    public let postID: Int
    public let start: Int
    public let end: Int

    public init(personID: Int, postID: Int, start: Int, end: Int) {
        self.personID = personID
        self.postID = postID
        self.start = start
        self.end = end
    }

    public var span: TimeSpan { TimeSpan(start: start, end: end) }
    var isValid: Bool { start < end }
}

/// How well a shift is staffed.
public struct ShiftCoverage: Sendable, Equatable {
    public let shift: DutyShift
    /// People on the post for the whole shift, by id.
    public let assigned: [Int]
    /// People on the post for only part of it, by id; they do not count towards `needed`.
    public let partial: [Int]

    public var missing: Int { max(shift.needed - assigned.count, 0) }
    public var isCovered: Bool { missing == 0 }
}

/// What an automatic fill added, and the shifts still short of people.
public struct DutyFill: Sendable, Equatable {
    public let added: [DutyAssignment]
    public let unfilled: [ShiftCoverage]

    public var isComplete: Bool { unfilled.isEmpty }
}

/// A person due on a post while they compete.
public struct DutyCompetitionClash: Sendable, Equatable {
    public let personID: Int
    public let assignment: DutyAssignment
    public let placement: Placement
    public let message: LocalizedMessage
}

/// Keeps the organizing team's roster sane: nobody on two posts at once, every shift staffed, and nobody
/// on duty while competing.
public enum DutyRoster {
    /// Assignments that end before they start (`error.duty.timeRange`) and people on two overlapping assignments
    /// (`error.duty.doubleBooked`, on the later one in the list). Fields are `assignments[i]`.
    public static func check(assignments: [DutyAssignment], names: [Int: String] = [:], postNames: [Int: String] = [:]) -> [FieldIssue] {
        var issues: [FieldIssue] = []
        var seen: [Int: [(index: Int, assignment: DutyAssignment)]] = [:]
        for (index, assignment) in assignments.enumerated() {
            let field = "assignments[\(index)]"
            guard assignment.isValid else {
                issues.append(FieldIssue(field, timeRange(assignment, names: names, postNames: postNames)))
                continue
            }
            for earlier in seen[assignment.personID] ?? [] where earlier.assignment.span.overlaps(assignment.span) {
                issues.append(FieldIssue(field, doubleBooked(assignment, earlier.assignment, names: names, postNames: postNames)))
            }
            seen[assignment.personID, default: []].append((index, assignment))
        }
        return issues
    }

    /// Whether one more assignment may be added next to `existing`; fields `end` and `personId`.
    public static func checkNew(_ assignment: DutyAssignment, existing: [DutyAssignment], names: [Int: String] = [:],
                                postNames: [Int: String] = [:]) -> [FieldIssue] {
        guard assignment.isValid else { return [FieldIssue("end", timeRange(assignment, names: names, postNames: postNames))] }
        return existing
            .filter { $0.personID == assignment.personID && $0.isValid && $0.span.overlaps(assignment.span) }
            .sorted { ($0.start, $0.postID) < ($1.start, $1.postID) }
            .map { FieldIssue("personId", doubleBooked(assignment, $0, names: names, postNames: postNames)) }
    }

    /// Each shift, in the order given, with who covers it; the page shows the gaps.
    public static func coverage(shifts: [DutyShift], assignments: [DutyAssignment]) -> [ShiftCoverage] {
        let byPost = Dictionary(grouping: assignments.filter(\.isValid), by: \.postID)
        return shifts.map { shift in
            var full = Set<Int>(), part = Set<Int>()
            for assignment in byPost[shift.postID] ?? [] where assignment.span.overlaps(shift.span) {
                if assignment.start <= shift.start, assignment.end >= shift.end { full.insert(assignment.personID) } else { part.insert(assignment.personID) }
            }
            return ShiftCoverage(shift: shift, assigned: full.sorted(), partial: part.subtracting(full).sorted())
        }
    }

    /// Fills the gaps of `shifts` from `volunteers`, a whole shift at a time, never double-booking anyone and
    /// never during their `unavailable` times (use `competingTimes` for the people who compete). The person
    /// with the fewest minutes on duty so far goes first, ties in the order of `volunteers`. Shifts are filled
    /// earliest first. Returns only the new assignments, and the shifts still short.
    public static func autoFill(shifts: [DutyShift], volunteers: [Int], existing: [DutyAssignment],
                                unavailable: [Int: [TimeSpan]] = [:]) -> DutyFill {
        var seen = Set<Int>()
        let people = volunteers.filter { seen.insert($0).inserted }
        var busy: [Int: [TimeSpan]] = unavailable
        var load: [Int: Int] = [:]
        for assignment in existing where assignment.isValid {
            busy[assignment.personID, default: []].append(assignment.span)
            load[assignment.personID, default: 0] += assignment.end - assignment.start
        }
        var added: [DutyAssignment] = []
        let order = shifts.enumerated().sorted { ($0.element.start, $0.element.end, $0.offset) < ($1.element.start, $1.element.end, $1.offset) }
        for (_, shift) in order where shift.start < shift.end && shift.needed > 0 {
            var missing = coverage(shifts: [shift], assignments: existing + added)[0].missing
            while missing > 0 {
                let free = people.enumerated().filter { _, person in !(busy[person] ?? []).contains { $0.overlaps(shift.span) } }
                guard let pick = free.min(by: { (load[$0.element] ?? 0, $0.offset) < (load[$1.element] ?? 0, $1.offset) })?.element else { break }
                let assignment = DutyAssignment(personID: pick, postID: shift.postID, start: shift.start, end: shift.end)
                added.append(assignment)
                busy[pick, default: []].append(shift.span)
                load[pick, default: 0] += shift.end - shift.start
                missing -= 1
            }
        }
        let unfilled = coverage(shifts: shifts, assignments: existing + added).filter { !$0.isCovered }
        return DutyFill(added: added, unfilled: unfilled)
    }

    /// When each person competes, from the timetable: the placements of every item they are listed in.
    /// Later rounds list every entrant, so this errs on the side of keeping people free.
    public static func competingTimes(placements: [Placement], items: [ScheduleItem]) -> [Int: [TimeSpan]] {
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var times: [Int: [TimeSpan]] = [:]
        for placement in placements.sorted(by: { ($0.start, $0.itemID) < ($1.start, $1.itemID) }) {
            for person in byID[placement.itemID]?.participants ?? [] { times[person, default: []].append(placement.span) }
        }
        return times
    }

    /// Staff due on a post while they compete: an assignment of a person that comes within `margin` minutes
    /// of a placed item listing them (pass the timetable's changeover to leave time to get there). Deliberately
    /// simple: every listed participant counts, also those who may be knocked out before a later round.
    /// By assignment order, then start of the item.
    public static func competitionClashes(assignments: [DutyAssignment], placements: [Placement], items: [ScheduleItem], margin: Int = 0,
                                          names: [Int: String] = [:], postNames: [Int: String] = [:]) -> [DutyCompetitionClash] {
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = placements.sorted { ($0.start, $0.itemID) < ($1.start, $1.itemID) }
        var clashes: [DutyCompetitionClash] = []
        for assignment in assignments where assignment.isValid {
            for placement in sorted {
                guard let item = byID[placement.itemID], item.participants.contains(assignment.personID),
                      assignment.span.tooClose(to: placement.span, changeover: margin) else { continue }
                let message = LocalizedMessage("error.duty.competing", [
                    "person": name(assignment.personID, names), "post": postName(assignment.postID, postNames),
                    "item": item.label, "time": placement.span.text,
                ])
                clashes.append(DutyCompetitionClash(personID: assignment.personID, assignment: assignment, placement: placement, message: message))
            }
        }
        return clashes
    }

    // MARK: - Messages

    static func timeRange(_ assignment: DutyAssignment, names: [Int: String], postNames: [Int: String]) -> LocalizedMessage {
        LocalizedMessage("error.duty.timeRange", ["person": name(assignment.personID, names), "post": postName(assignment.postID, postNames),
                                                   "time": assignment.span.text])
    }

    static func doubleBooked(_ assignment: DutyAssignment, _ other: DutyAssignment, names: [Int: String], postNames: [Int: String]) -> LocalizedMessage {
        LocalizedMessage("error.duty.doubleBooked", ["person": name(assignment.personID, names), "post": postName(assignment.postID, postNames),
                                                      "other": postName(other.postID, postNames), "time": other.span.text])
    }

    static func name(_ id: Int, _ names: [Int: String]) -> String { names[id] ?? "\(id)" }
    static func postName(_ id: Int, _ names: [Int: String]) -> String { names[id] ?? "\(id)" }
}
