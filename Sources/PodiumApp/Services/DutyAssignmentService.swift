import Fluent
import Foundation
import PodiumCore

/// Who is on which post of a games program and when: one person at a time, checked by `DutyRoster.checkNew`
/// so that nobody stands on two posts at once, or many at once by `DutyRoster.autoFill` from a pool of people.
struct DutyAssignmentService {
    let db: any Database
    let clock: PodiumClock
    /// For naming the event someone competes in when their duty would clash with it; without it (the demo,
    /// before the day is planned) competition times are not checked.
    var words: Words? = nil

    static let entity = "duty_assignment"
    static let maxNoteLength = 200

    /// Every assignment of the program, by start time then post; narrowed to one post or one person when asked.
    func assignments(programID: Int, postID: Int? = nil, personID: Int? = nil) async throws -> [DutyAssignmentDTO] {
        try await DutyService(db: db, clock: clock).roster(programID: programID).assignmentDTOs()
            .filter { (postID == nil || $0.postId == postID) && (personID == nil || $0.personId == personID) }
    }

    /// Puts someone on a post. Someone already on duty at that time is refused with their name, the other post and its time.
    func assign(program: ProgramModel, _ input: DutyAssignmentInput, by actor: Actor) async throws -> DutyAssignmentDTO {
        try await db.transaction { tx in
            let programID = program.id!
            try await ProgramLock.lock(programID: programID, on: tx)
            let roster = try await DutyService(db: tx, clock: clock).roster(programID: programID)
            var issues = ValidationCollector()
            var postID: Int?
            var start: Int?, end: Int?
            var shiftSpan: TimeSpan?
            if let shiftID = input.shiftId {
                guard let shift = roster.shifts.first(where: { $0.id == shiftID }) else {
                    throw PodiumError.notFound(LocalizedMessage("error.staff.shiftNotFound"))
                }
                (postID, start, end) = (shift.$post.id, shift.starts, shift.ends)
                shiftSpan = TimeSpan(start: shift.starts, end: shift.ends)
            } else if let id = input.postId {
                if roster.posts.contains(where: { $0.id == id }) { postID = id } else { issues.add("postId", "error.staff.postNotFound") }
            } else {
                issues.add("postId", "error.staff.postRequired")
            }
            if input.shiftId == nil || input.starts?.nilIfEmpty != nil { start = DutyService.time(input.starts, field: "starts", into: &issues) }
            if input.shiftId == nil || input.ends?.nilIfEmpty != nil { end = DutyService.time(input.ends, field: "ends", into: &issues) }
            // Times given with a shift may narrow it, never reach past it.
            if let shiftSpan, let start, let end, start < shiftSpan.start || end > shiftSpan.end {
                issues.add(start < shiftSpan.start ? "starts" : "ends", "error.staff.outsideShift", ["shift": shiftSpan.text])
            }
            let person = try await Self.person(input, into: &issues, on: tx)
            let note = input.note?.collapsingWhitespace.nilIfEmpty
            if let note, note.count > Self.maxNoteLength { issues.add("note", "error.staff.noteTooLong", ["max": "\(Self.maxNoteLength)"]) }
            try issues.check()

            let assignment = DutyAssignment(personID: person!.id!, postID: postID!, start: start!, end: end!)
            var names = roster.personNames
            names[person!.id!] = person!.name
            let clashes = DutyRoster.checkNew(assignment, existing: roster.coreAssignments, names: names, postNames: roster.postNames)
            if !clashes.isEmpty { throw PodiumError.validation(clashes.map { FieldIssue($0.field == "end" ? "ends" : $0.field, $0.message) }) }
            if let day = try await competition(programID: programID, on: tx) {
                let competing = DutyRoster.competitionClashes(assignments: [assignment], placements: day.placements, items: day.items,
                                                              names: names, postNames: roster.postNames)
                if !competing.isEmpty { throw PodiumError.validation(competing.map { FieldIssue("personId", $0.message) }) }
            }

            let model = DutyAssignmentModel()
            model.$post.id = assignment.postID
            model.$person.id = assignment.personID
            model.starts = assignment.start
            model.ends = assignment.end
            model.note = note
            model.version = 1
            try await model.create(on: tx)
            let dto = try await DutyService(db: tx, clock: clock).roster(programID: programID).assignmentDTO(model)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.entity, entityID: "\(dto.id)",
                                                            summary: "\(program.name): \(dto.personName), \(dto.postName) \(dto.starts)–\(dto.ends)",
                                                            before: Nothing?.none, after: dto)
            return dto
        }
    }

    /// Takes someone off a post. With a version, a stale removal is refused.
    func unassign(program: ProgramModel, assignmentID: Int, version: Int?, by actor: Actor) async throws {
        try await db.transaction { tx in
            let roster = try await DutyService(db: tx, clock: clock).roster(programID: program.id!)
            guard let model = roster.assignments.first(where: { $0.id == assignmentID }) else {
                throw PodiumError.notFound(LocalizedMessage("error.staff.assignmentNotFound"))
            }
            let before = roster.assignmentDTO(model)
            if let version { try await VersionGuard.bump(DutyAssignmentModel.schema, id: assignmentID, expected: version, on: tx) }
            try await model.delete(on: tx)
            try await AuditLog(db: tx, clock: clock).record(actor, action: "delete", entityType: Self.entity, entityID: "\(assignmentID)",
                                                            summary: "\(program.name): \(before.personName), \(before.postName) \(before.starts)–\(before.ends)",
                                                            before: before, after: Nothing?.none)
        }
    }

    /// Fills every shift still short of people (or one post's) from the pool, a whole shift at a time, the person
    /// with the least time on duty first, and never anyone twice at once.
    func fill(program: ProgramModel, _ input: DutyFillInput, by actor: Actor) async throws -> DutyFillDTO {
        try await db.transaction { tx in
            let programID = program.id!
            try await ProgramLock.lock(programID: programID, on: tx)
            let pool = try await Self.pool(input, programID: programID, on: tx, clock: clock)
            let roster = try await DutyService(db: tx, clock: clock).roster(programID: programID)
            if let postID = input.postId, !roster.posts.contains(where: { $0.id == postID }) {
                throw PodiumError.invalid("postId", "error.staff.postNotFound")
            }
            let shifts = roster.sortedShifts.filter { input.postId == nil || $0.$post.id == input.postId }
            // Nobody is put on duty while their own event is on the timetable.
            let competing = try await competition(programID: programID, on: tx)
                .map { DutyRoster.competingTimes(placements: $0.placements, items: $0.items) } ?? [:]
            let fill = DutyRoster.autoFill(shifts: shifts.map(\.core), volunteers: pool, existing: roster.coreAssignments, unavailable: competing)
            var created: [DutyAssignmentModel] = []
            for added in fill.added {
                let model = DutyAssignmentModel()
                model.$post.id = added.postID
                model.$person.id = added.personID
                model.starts = added.start
                model.ends = added.end
                model.version = 1
                try await model.create(on: tx)
                created.append(model)
            }
            let after = try await DutyService(db: tx, clock: clock).roster(programID: programID)
            let added = created.map(after.assignmentDTO)
            for dto in added {
                try await AuditLog(db: tx, clock: clock).record(actor, action: "create", entityType: Self.entity, entityID: "\(dto.id)",
                                                                summary: "\(program.name): \(dto.personName), \(dto.postName) \(dto.starts)–\(dto.ends)",
                                                                before: Nothing?.none, after: dto, reason: "fill gaps from a pool of \(pool.count)")
            }
            let shiftIDs = Set(shifts.compactMap(\.id))
            let unfilled = after.postDTOs().flatMap(\.shifts).filter { shiftIDs.contains($0.id) && $0.missing > 0 }
            return DutyFillDTO(added: added, unfilled: unfilled, poolSize: pool.count)
        }
    }

    // MARK: Helpers

    /// The program's timetable as placed so far, for the competition check.
    private func competition(programID: Int, on tx: any Database) async throws -> (placements: [Placement], items: [ScheduleItem])? {
        guard let words else { return nil }
        let day = try await GamesTimetableService(db: tx, clock: clock).day(programID: programID, words: words, on: tx)
        return (day.placements, day.items.map(\.item))
    }

    /// The person of an assignment, by id or employee number; nil with the problem noted.
    private static func person(_ input: DutyAssignmentInput, into issues: inout ValidationCollector, on db: any Database) async throws -> PersonModel? {
        var person: PersonModel?
        if let id = input.personId {
            person = try await PersonModel.find(id, on: db)
            if person == nil { issues.add("personId", "error.person.notFoundID", ["id": "\(id)"]) }
        } else if let number = input.employeeNumber?.trimmingCharacters(in: .whitespaces).nilIfEmpty {
            person = try await PersonModel.query(on: db).filter(\.$employeeNumber == number).first()
            if person == nil { issues.add("personId", "error.staff.unknownNumbers", ["numbers": number]) }
        } else {
            issues.add("personId", "error.staff.personRequired")
        }
        if let found = person, found.kind == PersonKind.family.rawValue {
            issues.add("personId", "error.staff.familyMember", ["name": found.name])
            return nil
        }
        return person
    }

    /// The people to fill from, in order: the unit's active employees by employee number, then the listed ones
    /// in the order typed; family members never, athletes of the program only when asked.
    static func pool(_ input: DutyFillInput, programID: Int, on db: any Database, clock: PodiumClock) async throws -> [Int] {
        var issues = ValidationCollector()
        var people: [PersonModel] = []
        if let unitID = input.unitId {
            if try await UnitModel.find(unitID, on: db) == nil {
                issues.add("unitId", "error.unit.notFound")
            } else {
                let units = Array(try await UnitService(db: db, clock: clock).tree().subtree(of: unitID))
                people += try await PersonModel.query(on: db).filter(\.$unit.$id ~~ units).filter(\.$kind == PersonKind.employee.rawValue)
                    .filter(\.$status == EmployeeStatus.active.rawValue).all()
                    .sorted { ($0.employeeNumber ?? "", $0.id!) < ($1.employeeNumber ?? "", $1.id!) }
            }
        }
        let numbers = (input.employeeNumbers ?? []).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !numbers.isEmpty {
            let found = try await PersonModel.query(on: db).filter(\.$employeeNumber ~~ numbers).all()
            let byNumber = Dictionary(found.compactMap { person in person.employeeNumber.map { ($0, person) } }, uniquingKeysWith: { first, _ in first })
            let unknown = numbers.filter { byNumber[$0] == nil }
            if !unknown.isEmpty { issues.add("employeeNumbers", "error.staff.unknownNumbers", ["numbers": unknown.joined(separator: ", ")]) }
            people += numbers.compactMap { byNumber[$0] }
        }
        if input.unitId == nil, numbers.isEmpty { issues.add("unitId", "error.staff.poolRequired") }
        try issues.check()
        let athletes = input.includeAthletes == true ? [] : try await athleteIDs(programID: programID, on: db)
        var seen = Set<Int>()
        let pool = people.filter { $0.kind != PersonKind.family.rawValue && !athletes.contains($0.id!) && seen.insert($0.id!).inserted }.map { $0.id! }
        if pool.isEmpty { throw PodiumError.invalid(input.unitId != nil ? "unitId" : "employeeNumbers", "error.staff.poolEmpty") }
        return pool
    }

    /// Everyone entered in an event of the program.
    static func athleteIDs(programID: Int, on db: any Database) async throws -> Set<Int> {
        let events = try await GamesEventModel.query(on: db).filter(\.$program.$id == programID).all(\.$id).compactMap { $0 }
        guard !events.isEmpty else { return [] }
        let entries = try await GamesEntryModel.query(on: db).filter(\.$event.$id ~~ events).all(\.$id).compactMap { $0 }
        guard !entries.isEmpty else { return [] }
        return Set(try await GamesEntryMemberModel.query(on: db).filter(\.$entry.$id ~~ entries).all().map { $0.$person.id })
    }
}
